"""The built-in `_byline.html`, `_disclaimer.html`, `_breadcrumbs.html` and `_book.html` written
in Python (`render/partials_builtin.py`) give exactly the bytes the templates render, for pages
of every kind, both languages, with and without dates, reviews and titles, for none, one and
several therapists, and with text that needs escaping; and a user's own partial still wins,
rendered only on the pages whose template prints it."""

from __future__ import annotations

import dataclasses
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from bs4 import BeautifulSoup

from nmt_content.pages.model import Breadcrumb, PagePlan
from nmt_content.pipeline.loading import load_site
from nmt_content.pipeline.options import BuildOptions
from nmt_content.pipeline.plan import plan_build
from nmt_content.render import partials as partials_module
from nmt_content.render.environment import make_environment, shared_environment
from nmt_content.render.html import PageContext, PageMaker, render_page
from nmt_content.render.i18n import translations
from nmt_content.render.partials import PARTIALS, PagePartials
from nmt_content.render.partials_builtin import BuiltinPartials
from nmt_content.render.views import TherapistView

from ..conftest import CONTENT_ROOTS

HOSTILE = "</p><b onclick='x'> & \"quoted\" <!-- ü %(name)s %"


def _contexts(root: Path) -> list[PageContext]:
    site = load_site(root)
    plan = plan_build(site, BuildOptions())
    maker = PageMaker(shared_environment(), site, plan.urls, plan.pages, plan.feed_path)
    return [maker.context(page, body_html="", head_html="") for page in plan.pages]


ALL_CONTEXTS = [(name, ctx) for name, root in CONTENT_ROOTS.items() for ctx in _contexts(root)]


def _people(context: PageContext) -> list[tuple[TherapistView, ...]]:
    person = context.profile
    hostile = replace(person, name=HOSTILE)
    return [
        (),
        (person,),
        (hostile,),
        (person, hostile),
        (hostile, person, replace(person, name="Ana & Bo")),
    ]


def _pages(page: PagePlan) -> list[PagePlan]:
    crumbs = (
        Breadcrumb("Home", "/", "https://x.example/"),
        Breadcrumb(HOSTILE, "/a?b=1&c=<2>/", "https://x.example/a/"),
        Breadcrumb(HOSTILE + " here", "/a/b/", "https://x.example/a/b/"),
    )
    return [
        page,
        replace(page, date_published=date(2026, 1, 2), date_modified=date(2026, 3, 4)),
        replace(page, date_published=date(2025, 12, 31), date_modified=None),
        replace(page, date_published=None, date_modified=date(2026, 3, 4)),
        replace(page, breadcrumbs=()),
        replace(page, breadcrumbs=crumbs[:1]),
        replace(page, breadcrumbs=crumbs),
    ]


def _authors(context: PageContext) -> list[TherapistView]:
    author = context.author or context.profile
    return [
        author,
        replace(author, name=HOSTILE, path="/t?a=1&b=<2>/", camtc_title=HOSTILE),
        replace(author, camtc_title=None, job_title=HOSTILE),
        replace(author, camtc_title=None, job_title=None),
        replace(author, camtc_title="", job_title="Therapist"),
    ]


def _variants(context: PageContext) -> list[PageContext]:
    out = [context]
    out += [replace(context, page=page) for page in _pages(context.page)]
    out += [replace(context, people=people) for people in _people(context)]
    out += [replace(context, author=author) for author in _authors(context)]
    out += [
        replace(context, reviewed_by=HOSTILE, last_reviewed=date(2026, 2, 3)),
        replace(context, reviewed_by="R", last_reviewed=None),
        replace(context, reviewed_by=None, last_reviewed=date(2026, 2, 3)),
        replace(context, booking_url="https://book.example/?a=1&b=<2>&c=\"'"),
    ]
    return out


def _variables(context: PageContext) -> dict[str, Any]:
    variables = {f.name: getattr(context, f.name) for f in dataclasses.fields(context)}
    variables.update(translations(context.page.language).template_globals)
    return variables


@pytest.mark.parametrize(
    ("name", "context"), ALL_CONTEXTS, ids=[f"{n}:{c.page.path}" for n, c in ALL_CONTEXTS]
)
def test_builtin_partials_are_the_templates(name: str, context: PageContext) -> None:
    env = shared_environment()
    made = PagePartials(env, translations(context.page.language).language)
    for variant in _variants(context):
        variables = _variables(variant)
        made.add_to(variables)
        for variable, template in PARTIALS.items():
            if variable == "byline" and variant.author is None:
                continue  # only article pages print it
            jinja = env.get_template(template).render(_variables(variant))
            assert str(variables[variable]) == jinja, (name, variant.page.path, variable)


def test_hostile_text_stays_text() -> None:
    context = next(c for _, c in ALL_CONTEXTS if c.author is not None)
    variables = _variables(replace(context, author=replace(context.profile, name=HOSTILE)))
    PagePartials(shared_environment(), "en").add_to(variables)
    soup = BeautifulSoup(str(variables["byline"]), "html.parser")
    assert soup.find("b") is None
    link = soup.find("a")
    assert link is not None
    assert link.get_text() == HOSTILE


def test_a_partial_is_made_only_when_printed(monkeypatch: pytest.MonkeyPatch) -> None:
    made: list[str] = []

    class Spy(BuiltinPartials):
        def breadcrumbs(self, crumbs: Any) -> str:
            made.append("breadcrumbs")
            return super().breadcrumbs(crumbs)

    monkeypatch.setattr(partials_module, "BuiltinPartials", Spy)
    home = next(c for _, c in ALL_CONTEXTS if c.page.kind == "home")
    about = next(c for _, c in ALL_CONTEXTS if c.page.kind == "about")
    render_page(shared_environment(), home)
    assert made == []  # the home page shows no trail
    html = render_page(shared_environment(), about)
    assert made == ["breadcrumbs"]
    assert BeautifulSoup(html, "html.parser").select_one("nav.breadcrumb") is not None


def test_user_partials_are_rendered_by_jinja(tmp_path: Path) -> None:
    templates = tmp_path / "templates"
    templates.mkdir()
    # The byline reads what only an article page has: rendered anywhere else, it would raise.
    (templates / "_byline.html").write_text(
        '<p class="mine">{{ author.name }} {{ page.kind }}</p>\n', encoding="utf-8"
    )
    (templates / "_disclaimer.html").write_text(
        '{% include "builtin/_disclaimer.html" %}<p class="own">{{ page.kind }}</p>\n',
        encoding="utf-8",
    )
    (templates / "_book.html").write_text(
        '<p class="mybook">{{ booking_url }}</p>\n', encoding="utf-8"
    )
    (templates / "_breadcrumbs.html").write_text(
        '<p class="trail">{{ page.breadcrumbs | length }}</p>\n', encoding="utf-8"
    )
    env = make_environment(templates)
    for _, context in ALL_CONTEXTS:
        html = render_page(env, context)
        soup = BeautifulSoup(html, "html.parser")
        if context.page.kind == "article":
            mine = soup.select_one("p.mine")
            assert mine is not None
            assert context.author is not None
            assert mine.get_text() == f"{context.author.name} article"
        else:
            assert soup.select_one("p.mine") is None
        own = soup.select_one("p.own")
        if context.health_disclaimer:
            assert soup.select_one("div.disclaimer") is not None
            assert own is not None
            assert own.get_text() == context.page.kind
        else:
            assert own is None
        trail = soup.select_one("p.trail")
        if context.page.kind == "home":
            assert trail is None
        else:
            assert trail is not None
            assert trail.get_text() == str(len(context.page.breadcrumbs))
        assert soup.select_one("nav.breadcrumb") is None
        assert soup.select_one("p.book") is None
        if context.page.kind in {"article", "service", "about", "home"}:
            book = soup.select_one("p.mybook")
            assert book is not None
            assert book.get_text() == context.booking_url
