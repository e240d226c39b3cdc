"""`nmt-content build`: the pages, their head tags, one JSON-LD graph each, and determinism.

Everything is asserted on parsed output (bs4 for HTML, json for JSON-LD), never on substrings.
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from bs4 import BeautifulSoup, Tag

from nmt_content.errors import BuildError
from nmt_content.pipeline.build import BuildOptions, build_site
from nmt_content.pipeline.loading import load_site
from nmt_content.schema.graph_check import validate_graph

from ..conftest import MINIMAL_ARTICLE

BASE = "https://nmt-practice.example/"
EXPECTED_PAGES = {
    "index.html",
    "about/index.html",
    "services/index.html",
    "services/neuromuscular-therapy/index.html",
    "services/biodynamic-craniosacral-therapy/index.html",
    "services/massage-therapy/index.html",
    "locations/index.html",
    "locations/mount-shasta/index.html",
    "locations/redding/index.html",
    "articles/index.html",
    "articles/neuromuscular-therapy-lower-back-pain/index.html",
    "404.html",
}


@pytest.fixture(scope="module")
def demo() -> dict[str, bytes]:
    from ..conftest import REPO_ROOT

    files, _ = build_site(load_site(REPO_ROOT))
    return files


def soup(data: bytes) -> BeautifulSoup:
    return BeautifulSoup(data.decode("utf-8"), "html.parser")


def pages(files: dict[str, bytes]) -> dict[str, BeautifulSoup]:
    return {path: soup(data) for path, data in files.items() if path.endswith(".html")}


def meta(doc: BeautifulSoup, **attrs: str) -> str:
    tag = doc.find("meta", attrs=attrs)
    assert isinstance(tag, Tag), attrs
    return str(tag["content"])


def graph_of(doc: BeautifulSoup) -> dict[str, Any]:
    scripts = doc.find_all("script", attrs={"type": "application/ld+json"})
    assert len(scripts) == 1
    data: dict[str, Any] = json.loads(scripts[0].string)
    return data


def test_every_expected_page_is_built(demo: dict[str, bytes]) -> None:
    assert {p for p in demo if p.endswith(".html")} == EXPECTED_PAGES
    for name in ("sitemap.xml", "robots.txt", "feed.xml", "seo.json", "assets/site.css"):
        assert name in demo


def test_head_tags_on_every_page(demo: dict[str, bytes]) -> None:
    titles, descriptions = Counter[str](), Counter[str]()
    for path, doc in pages(demo).items():
        html = doc.find("html")
        assert isinstance(html, Tag)
        assert html.get("lang") == "en-US", path
        assert doc.title is not None
        titles[doc.title.get_text()] += 1
        descriptions[meta(doc, name="description")] += 1
        canonical = doc.find("link", rel="canonical")
        if path == "404.html":  # no page of its own: no canonical, and noindex
            assert canonical is None
            assert meta(doc, name="robots").startswith("noindex")
        else:
            assert isinstance(canonical, Tag)
            assert str(canonical["href"]).startswith(BASE), path
            assert meta(doc, property="og:url") == canonical["href"]
        assert meta(doc, property="og:title")
        assert meta(doc, name="twitter:card") in {"summary", "summary_large_image"}
        assert len(doc.find_all("h1")) == 1, path
        for landmark in ("header", "main", "footer", "nav"):
            assert doc.find(landmark) is not None, (path, landmark)
        first_link = doc.find("a")
        assert isinstance(first_link, Tag)
        assert first_link["href"] == "#main"
    assert max(titles.values()) == 1, titles
    assert max(descriptions.values()) == 1, descriptions


def test_canonical_matches_page_path(demo: dict[str, bytes]) -> None:
    for path, doc in pages(demo).items():
        if path == "404.html":
            continue
        canonical = doc.find("link", rel="canonical")
        assert isinstance(canonical, Tag)
        expected = BASE + path.removesuffix("index.html")
        assert canonical["href"] == expected


def test_camtc_number_and_certified_name_visible_everywhere(demo: dict[str, bytes]) -> None:
    for path, doc in pages(demo).items():
        for hidden in doc(["script", "style", "head"]):
            hidden.decompose()
        text = " ".join(doc.get_text(" ").split())
        assert "CAMTC Certified Massage Therapist #93004" in text, path
        assert "Dustin" in text, path


def test_footer_is_identical_with_both_offices(demo: dict[str, bytes]) -> None:
    footers = {str(doc.find("footer")) for doc in pages(demo).values()}
    assert len(footers) == 1
    footer_text = soup(footers.pop().encode()).get_text(" ")
    assert "Mount Shasta" in footer_text
    assert "Redding" in footer_text


def test_article_page_has_byline_dates_and_disclaimer(demo: dict[str, bytes]) -> None:
    doc = soup(demo["articles/neuromuscular-therapy-lower-back-pain/index.html"])
    about_links = [a for a in doc.find_all("a") if a.get("href") in ("/about/", BASE + "about/")]
    assert about_links, "the byline links to the profile"
    times = {t["datetime"] for t in doc.find_all("time")}
    assert "2026-11-24" in times
    text = doc.get_text(" ")
    assert "not a substitute for medical" in text
    headings = [h.get_text() for h in doc.find_all("h2")]
    assert "Unraveling the Mechanism: Detailed Understanding of Neuromuscular Therapy" in headings


def test_one_connected_graph_per_page(demo: dict[str, bytes]) -> None:
    for path, doc in pages(demo).items():
        graph = graph_of(doc)
        assert graph["@context"] == "https://schema.org"
        types = Counter(
            t
            for node in graph["@graph"]
            for t in ([node["@type"]] if isinstance(node["@type"], str) else node["@type"])
        )
        assert types["WebSite"] == 1, path
        if path != "404.html":
            assert types["HealthAndBeautyBusiness"] == 2, path
            assert types["Person"] >= 1, path
            assert types["BreadcrumbList"] == 1, path


def test_built_graphs_validate_against_schema_org(demo: dict[str, bytes]) -> None:
    problems = []
    for path, doc in pages(demo).items():
        problems += [f"{path}: {p.message}" for p in validate_graph(graph_of(doc))]
    assert problems == []


def test_person_credentials_in_graph(demo: dict[str, bytes]) -> None:
    graph = graph_of(soup(demo["about/index.html"]))
    nodes = {n.get("@id"): n for n in graph["@graph"]}
    person = next(n for n in graph["@graph"] if n["@type"] == "Person")
    credentials = person["hasCredential"]
    resolved = [nodes.get(c.get("@id"), c) for c in credentials]
    camtc = next(c for c in resolved if c.get("identifier") == "93004")
    assert camtc["credentialCategory"] == "certificate"
    recognized = nodes.get(camtc["recognizedBy"].get("@id"), camtc["recognizedBy"])
    assert recognized["name"] == "California Massage Therapy Council"
    page_node = next(n for n in graph["@graph"] if n["@type"] == "ProfilePage")
    assert page_node["mainEntity"]["@id"] == person["@id"]


def test_json_ld_cannot_end_its_script(content_root: Path) -> None:
    article = content_root / "articles" / "test-article.md"
    payload = "</script><script>alert(1)</script> <!-- -->"
    article.write_text(MINIMAL_ARTICLE.replace("A test article about massage", f"'{payload}'"))
    files, _ = build_site(load_site(content_root))
    html_files = [p for p in files if p.startswith("articles/") and p != "articles/index.html"]
    doc = soup(files[html_files[0]])
    scripts = doc.find_all("script")
    assert [s.get("type") for s in scripts] == ["application/ld+json"]
    headline = [n for n in graph_of(doc)["@graph"] if n.get("headline")]
    assert headline[0]["headline"] == payload
    h1 = doc.find("h1")
    assert h1 is not None
    assert h1.get_text() == payload


def test_raw_html_in_markdown_is_inert(content_root: Path) -> None:
    article = content_root / "articles" / "test-article.md"
    article.write_text(
        MINIMAL_ARTICLE + '\n<img src=x onerror="alert(1)">\n\n[x](javascript:alert(2))\n'
    )
    files, _ = build_site(load_site(content_root))
    doc = soup(files["articles/a-test-article-about-massage/index.html"])
    main = doc.find("main")
    assert isinstance(main, Tag)
    assert main.find_all("img") == []
    assert all(not str(a.get("href", "")).startswith("javascript:") for a in doc.find_all("a"))
    assert "onerror" in main.get_text()


def test_two_builds_are_byte_identical() -> None:
    from ..conftest import REPO_ROOT

    first, _ = build_site(load_site(REPO_ROOT))
    second, _ = build_site(load_site(REPO_ROOT))
    assert first == second


def test_base_url_override(repo_content: Path) -> None:
    files, _ = build_site(
        load_site(repo_content), BuildOptions(base_url="https://staging.example/x")
    )
    doc = soup(files["about/index.html"])
    canonical = doc.find("link", rel="canonical")
    assert isinstance(canonical, Tag)
    assert canonical["href"] == "https://staging.example/x/about/"


def test_drafts_are_built_only_on_request(content_root: Path, write_article: Any) -> None:
    write_article(
        "draft.md",
        MINIMAL_ARTICLE.replace("A test article", "A draft article").replace(
            "services: [massage]", "draft: true"
        ),
    )
    files, _ = build_site(load_site(content_root))
    assert "articles/a-draft-article-about-massage/index.html" not in files
    files, _ = build_site(load_site(content_root), BuildOptions(include_drafts=True))
    doc = soup(files["articles/a-draft-article-about-massage/index.html"])
    assert meta(doc, name="robots").startswith("noindex")


def test_manifest_lists_every_page(demo: dict[str, bytes]) -> None:
    manifest = json.loads(demo["seo.json"])
    by_path = {entry["path"]: entry for entry in manifest["pages"]}
    assert set(by_path) == {"/" + p.removesuffix("index.html") for p in EXPECTED_PAGES}
    about = by_path["/about/"]
    doc = soup(demo["about/index.html"])
    assert doc.title is not None
    assert about["title"] == doc.title.get_text()
    assert about["jsonld"] == graph_of(doc)


def test_templates_override(repo_content: Path, tmp_path: Path) -> None:
    templates = tmp_path / "templates"
    templates.mkdir()
    (templates / "404.html").write_text(
        '{% extends "base.html" %}{% block content %}<h1>Lost?</h1><p>Custom.</p>{% endblock %}'
    )
    files, _ = build_site(load_site(repo_content), BuildOptions(templates=templates))
    doc = soup(files["404.html"])
    assert doc.h1 is not None
    assert doc.h1.get_text() == "Lost?"


def test_build_error_type_is_exported() -> None:
    assert issubclass(BuildError, Exception)
