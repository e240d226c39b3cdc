"""The embedding API: page_for, head_tags, jsonld, jsonld_script, inject and the Jinja integration."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from bs4 import BeautifulSoup, Tag
from jinja2 import Environment

from nmt_content import Site, head_tags, inject, jsonld, jsonld_script, load_site, page_for
from nmt_content.errors import PageNotFoundError
from nmt_content.integrations.jinja import register
from nmt_content.schema.graph_check import validate_graph

from ..conftest import REPO_ROOT

PAYLOAD = "</script><script>alert(1)</script><!-- -->&"


@pytest.fixture(scope="module")
def site() -> Site:
    return load_site(REPO_ROOT)


@pytest.mark.parametrize(
    ("query", "path"),
    [
        ("/about/", "/about/"),
        ("about", "/about/"),
        ("about/index.html", "/about/"),
        ("/", "/"),
        ("index.html", "/"),
        (
            "neuromuscular-therapy-lower-back-pain",
            "/articles/neuromuscular-therapy-lower-back-pain/",
        ),
        (
            "/articles/neuromuscular-therapy-lower-back-pain",
            "/articles/neuromuscular-therapy-lower-back-pain/",
        ),
        ("https://nmt-practice.example/locations/redding/", "/locations/redding/"),
    ],
)
def test_page_for_accepts_paths_and_slugs(site: Site, query: str, path: str) -> None:
    assert page_for(site, query).path == path


def test_page_for_unknown_names_close_pages(site: Site) -> None:
    with pytest.raises(PageNotFoundError, match=r"^no page at '/abot/'; did you mean '/about/'\?$"):
        page_for(site, "/abot/")


def test_page_facts(site: Site) -> None:
    page = page_for(site, "/about/")
    assert page.canonical == "https://nmt-practice.example/about/"
    assert page.robots.startswith("index")
    assert next(c.name for c in page.breadcrumbs) == "Home"
    assert page.title


def test_head_tags_parse_and_carry_the_graph(site: Site) -> None:
    page = page_for(site, "/about/")
    head = BeautifulSoup(head_tags(page), "html.parser")
    assert head.title is not None
    assert head.title.get_text() == page.title
    canonical = head.find("link", rel="canonical")
    assert isinstance(canonical, Tag)
    assert canonical["href"] == page.canonical
    description = head.find("meta", attrs={"name": "description"})
    assert isinstance(description, Tag)
    assert description["content"] == page.description
    assert head.find("meta", property="og:title") is not None
    assert head.find("meta", attrs={"name": "twitter:card"}) is not None
    assert head.find("meta", charset=True) is None, "the host page owns its charset"
    (script,) = head.find_all("script")
    assert json.loads(script.string) == jsonld(page)


def test_jsonld_is_the_valid_graph(site: Site) -> None:
    data = jsonld(page_for(site, "neuromuscular-therapy-lower-back-pain"))
    assert data["@context"] == "https://schema.org"
    assert validate_graph(data) == []


def test_jsonld_script_stays_inert_for_any_payload() -> None:
    data = {"@context": "https://schema.org", "@type": "Thing", "name": PAYLOAD}
    html = jsonld_script(data)
    soup = BeautifulSoup(f"<html><head>{html}</head><body></body></html>", "html.parser")
    scripts = soup.find_all("script")
    assert len(scripts) == 1
    body = scripts[0].string
    assert "<" not in body
    assert json.loads(body)["name"] == PAYLOAD


def test_inject_puts_our_tags_into_foreign_html(site: Site) -> None:
    page = page_for(site, "/about/")
    foreign = (REPO_ROOT / "examples/static_inject/site/about/index.html").read_text()
    once = inject(foreign, page)
    assert inject(once, page) == once
    soup = BeautifulSoup(once, "html.parser")
    assert soup.title is not None
    assert soup.title.get_text() == page.title
    assert len(soup.find_all("title")) == 1
    assert once[once.index("</head>") :] == foreign[foreign.index("</head>") :]


def test_jinja_integration(site: Site) -> None:
    env = register(Environment(autoescape=True), site)
    template = env.from_string(
        "<head>{{ nmt_page('/about/') | head_tags }}</head>"
        "<p>{{ nmt_site.practice.name }}</p>{{ {'name': x} | jsonld_script }}"
    )
    html = template.render(x=PAYLOAD)
    soup = BeautifulSoup(html, "html.parser")
    assert soup.title is not None
    assert soup.title.get_text() == page_for(site, "/about/").title
    scripts = soup.find_all("script")
    assert json.loads(scripts[-1].string) == {"name": PAYLOAD}
    assert env.globals["nmt_models"].Practice.__name__ == "Practice"  # type: ignore[attr-defined]


def test_head_tags_speed_is_measured_in_benchmarks(site: Site, tmp_path: Path) -> None:
    # Behaviour only; the speed target lives in benchmarks/run.py (the `api` case).
    page = page_for(site, "/")
    assert head_tags(page) == head_tags(page)
