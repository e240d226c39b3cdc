"""The built-in `_head.html` written in Python (`render/head_builtin.py`) gives exactly the bytes
the template renders, for pages of every kind, both languages, with and without images,
hreflang alternates, the feed and stylesheet links, and text that needs escaping; and a user's
own `_head.html` still wins."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from markupsafe import Markup, escape

from nmt_content.pages.model import PageImage, PagePlan
from nmt_content.pages.plan import plan_pages
from nmt_content.pipeline.loading import load_site
from nmt_content.render import head as head_module
from nmt_content.render import head_builtin as head_builtin_module
from nmt_content.render.environment import make_environment, shared_environment
from nmt_content.render.head import HEAD_TEMPLATE, og_image, render_head, template_head
from nmt_content.render.head_builtin import HeadArguments, builtin_head
from nmt_content.render.i18n import page_words
from nmt_content.urls import Urls

from ..conftest import CONTENT_ROOTS

JSONLD = '<script type="application/ld+json">{"@context":"https://schema.org"}</script>'
HOSTILE = "</script><b onclick='x'> & \"quoted\" <!-- ü"


def _plans(root: Path) -> list[PagePlan]:
    site = load_site(root)
    return plan_pages(site, Urls.for_base(site.practice.url), words=page_words)


ALL_PAGES = [(name, plan) for name, root in CONTENT_ROOTS.items() for plan in _plans(root)]


def _variants(plan: PagePlan) -> list[PagePlan]:
    """The page as planned, and with text that needs escaping, an image of unknown size, a
    sized image, no image, alternates and dates (whichever the page lacks)."""
    hostile = replace(
        plan,
        title=HOSTILE,
        headline=HOSTILE + " h",
        description=HOSTILE + " d",
        url=plan.url + "?a=1&b=<2>",
    )
    return [
        plan,
        hostile,
        replace(plan, image=PageImage(url="https://x.example/a.jpg?x=1&y=2", alt=HOSTILE)),
        replace(plan, image=PageImage("https://x.example/b.png", "B", width=1200, height=630)),
        replace(plan, image=PageImage("https://x.example/c.png", "C", width=1200)),
        replace(plan, image=None),
        replace(
            plan,
            og_type="article",
            alternates=(("en-US", plan.url), ("es-US", plan.url + "es/?q=<&>")),
            date_published=date(2026, 1, 2),
            date_modified=date(2026, 3, 4),
        ),
        replace(plan, og_type="article", date_published=None, date_modified=None),
    ]


def _both(arguments: HeadArguments) -> tuple[str, str]:
    template = shared_environment().get_template(HEAD_TEMPLATE)
    return builtin_head(arguments), template_head(template, arguments)


@pytest.mark.parametrize(("name", "plan"), ALL_PAGES, ids=[f"{n}:{p.path}" for n, p in ALL_PAGES])
def test_builtin_head_is_the_template(name: str, plan: PagePlan) -> None:
    for variant in _variants(plan):
        for standalone, feed, stylesheet, site_name in (
            (True, "/feed.xml", "/assets/site.css", "Practice & <Co>"),
            (False, None, None, "Practice"),
            (True, "/feed.xml?a=1&b=2", None, '"Q" % 100%'),
        ):
            arguments = HeadArguments(
                variant, og_image(variant), JSONLD, feed, stylesheet, site_name, standalone
            )
            python, jinja = _both(arguments)
            assert python == jinja, (name, variant.path, standalone)


def test_hostile_text_stays_text() -> None:
    plan = replace(ALL_PAGES[0][1], title=HOSTILE, description=HOSTILE)
    html = builtin_head(HeadArguments(plan, og_image(plan), JSONLD, "/f", None, "S", True))
    soup = BeautifulSoup(html, "html.parser")
    assert soup.find("b") is None
    title = soup.find("title")
    assert title is not None
    assert title.get_text() == HOSTILE
    description = soup.find("meta", attrs={"name": "description"})
    assert description is not None
    assert description["content"] == HOSTILE


def test_render_head_takes_the_python_path_for_the_builtin_template(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    calls: list[HeadArguments] = []

    def spy(arguments: HeadArguments) -> str:
        calls.append(arguments)
        return builtin_head(arguments)

    monkeypatch.setattr(head_module, "builtin_head", spy)
    plan = ALL_PAGES[0][1]
    for env in (None, make_environment(None)):
        render_head(
            plan, jsonld_script=JSONLD, feed_url=None, stylesheet_url=None, site_name="S", env=env
        )
    assert [arguments.page for arguments in calls] == [plan, plan]


def test_user_head_is_rendered_by_jinja(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(head_module, "builtin_head", None)  # would fail if called
    templates = tmp_path / "templates"
    templates.mkdir()
    (templates / "_head.html").write_text(
        '{% include "builtin/_head.html" %}<meta name="x" content="{{ page.kind }}">',
        encoding="utf-8",
    )
    plan = ALL_PAGES[0][1]
    html = render_head(
        plan,
        jsonld_script=JSONLD,
        feed_url=None,
        stylesheet_url=None,
        site_name="S",
        env=make_environment(templates),
    )
    soup = BeautifulSoup(html, "html.parser")
    extra = soup.find("meta", attrs={"name": "x"})
    assert extra is not None
    assert extra["content"] == plan.kind
    title = soup.find("title")
    assert title is not None
    assert title.get_text() == plan.title


@pytest.mark.parametrize(
    "value",
    [
        HOSTILE,
        "plain text, nothing to escape",
        "",
        "&amp; already escaped",
        "it's",
        'say "x"',
        "a > b < c",
        Markup("<b>kept</b>"),
        1200,
        0,
        True,
        None,
        2.5,
    ],
)
def test_values_are_escaped_as_markupsafe_escapes_them(value: object) -> None:
    assert head_builtin_module._text(value) == str(escape(value))
