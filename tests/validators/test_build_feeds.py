"""The built sitemap, robots.txt and feed, parsed and validated (XSDs from sitemaps.org)."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest
from lxml import etree

from nmt_content.pipeline.build import BuildOptions, build_site
from nmt_content.pipeline.loading import load_site

from ..conftest import MINIMAL_ARTICLE, TEST_DATA

NS = {
    "sm": "http://www.sitemaps.org/schemas/sitemap/0.9",
    "image": "http://www.google.com/schemas/sitemap-image/1.1",
    "xhtml": "http://www.w3.org/1999/xhtml",
    "atom": "http://www.w3.org/2005/Atom",
}


def schema(name: str) -> etree.XMLSchema:
    wrapper = f"""<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema">
      <xs:import namespace="{NS["sm"]}" schemaLocation="{(TEST_DATA / name).as_uri()}"/>
      <xs:import namespace="{NS["image"]}" schemaLocation="{(TEST_DATA / "sitemap-image.xsd").as_uri()}"/>
      <xs:import namespace="{NS["xhtml"]}" schemaLocation="{(TEST_DATA / "xhtml-link.xsd").as_uri()}"/>
    </xs:schema>"""
    return etree.XMLSchema(etree.fromstring(wrapper.encode()))


def locs(xml: bytes) -> list[str]:
    return [str(x) for x in etree.fromstring(xml).xpath("//sm:loc/text()", namespaces=NS)]


@pytest.fixture
def site_with_articles(content_root: Path, write_article: Any) -> Path:
    write_article(
        "second.md",
        MINIMAL_ARTICLE.replace("A test article about massage", "Second article on stretching")
        .replace("2024-03-01", "2024-05-02\ndate_modified: 2024-06-03")
        .replace("services: [massage]", "image: {src: /images/stretch.jpg, alt: A stretch}"),
    )
    write_article(
        "draft.md",
        MINIMAL_ARTICLE.replace("A test article", "Draft piece").replace(
            "services: [massage]", "draft: true"
        ),
    )
    write_article(
        "hidden.md",
        MINIMAL_ARTICLE.replace("A test article", "Hidden piece").replace(
            "services: [massage]", "noindex: true"
        ),
    )
    return content_root


def test_sitemap_is_valid_and_complete(site_with_articles: Path) -> None:
    files, report = build_site(load_site(site_with_articles))
    doc = etree.fromstring(files["sitemap.xml"])
    schema("sitemap.xsd").assertValid(doc)
    urls = locs(files["sitemap.xml"])
    base = "https://practice.example/"
    assert f"{base}articles/second-article-on-stretching/" in urls
    assert f"{base}articles/draft-piece-about-massage/" not in urls
    assert f"{base}articles/hidden-piece-about-massage/" not in urls
    assert f"{base}404.html" not in urls
    indexable = [p for p in report.pages if p.indexable]
    assert sorted(urls) == sorted(p.url for p in indexable)


def test_lastmod_comes_from_content(site_with_articles: Path) -> None:
    files, _ = build_site(load_site(site_with_articles))
    doc = etree.fromstring(files["sitemap.xml"])
    lastmods = {
        str(u.findtext("sm:loc", namespaces=NS)): u.findtext("sm:lastmod", namespaces=NS)
        for u in doc.findall("sm:url", NS)
    }
    assert (
        lastmods["https://practice.example/articles/second-article-on-stretching/"] == "2024-06-03"
    )
    assert (
        lastmods["https://practice.example/articles/a-test-article-about-massage/"] == "2024-03-01"
    )
    assert lastmods["https://practice.example/about/"] is None


def test_image_entries(site_with_articles: Path) -> None:
    files, _ = build_site(load_site(site_with_articles))
    doc = etree.fromstring(files["sitemap.xml"])
    images = doc.xpath(
        "//sm:url[sm:loc[contains(., 'stretching')]]/image:image/image:loc/text()", namespaces=NS
    )
    assert images == ["https://practice.example/images/stretch.jpg"]


def test_sitemap_splits_into_an_index(site_with_articles: Path) -> None:
    files, _ = build_site(load_site(site_with_articles), BuildOptions(max_sitemap_urls=3))
    index = etree.fromstring(files["sitemap.xml"])
    schema("siteindex.xsd").assertValid(index)
    children = [str(x) for x in index.xpath("//sm:sitemap/sm:loc/text()", namespaces=NS)]
    assert len(children) >= 2
    all_urls: list[str] = []
    for child in children:
        name = child.removeprefix("https://practice.example/")
        schema("sitemap.xsd").assertValid(etree.fromstring(files[name]))
        all_urls += locs(files[name])
    unsplit, _ = build_site(load_site(site_with_articles))
    assert sorted(all_urls) == sorted(locs(unsplit["sitemap.xml"]))


def test_hreflang_alternates(content_root: Path, write_article: Any) -> None:
    write_article(
        "test-article.md",
        MINIMAL_ARTICLE.replace("services: [massage]", "translations: {es: masaje}"),
    )
    write_article(
        "es.md",
        MINIMAL_ARTICLE.replace("A test article about massage", "Masaje").replace(
            "services: [massage]",
            "language: es\ntranslations: {en-US: a-test-article-about-massage}",
        ),
    )
    files, _ = build_site(load_site(content_root))
    doc = etree.fromstring(files["sitemap.xml"])
    schema("sitemap.xsd").assertValid(doc)
    links = doc.xpath("//sm:url[sm:loc[contains(., 'masaje')]]/xhtml:link", namespaces=NS)
    assert {(link.get("hreflang"), link.get("href")) for link in links} == {
        ("es", "https://practice.example/articles/masaje/"),
        ("en-US", "https://practice.example/articles/a-test-article-about-massage/"),
        # the version in the practice's own language answers every other reader
        ("x-default", "https://practice.example/articles/a-test-article-about-massage/"),
    }


def test_robots_points_to_sitemap(content_root: Path) -> None:
    files, _ = build_site(load_site(content_root))
    lines = files["robots.txt"].decode().splitlines()
    assert "User-agent: *" in lines
    assert "Sitemap: https://practice.example/sitemap.xml" in lines


def test_atom_feed(site_with_articles: Path) -> None:
    files, _ = build_site(load_site(site_with_articles))
    feed = etree.fromstring(files["feed.xml"])
    assert feed.tag == f"{{{NS['atom']}}}feed"
    for required in ("atom:id", "atom:title", "atom:updated", "atom:author/atom:name"):
        assert feed.find(required, NS) is not None, required
    entries = feed.findall("atom:entry", NS)
    titles = [e.findtext("atom:title", namespaces=NS) for e in entries]
    assert titles == ["Second article on stretching", "A test article about massage"]
    assert feed.findtext("atom:updated", namespaces=NS) == "2024-06-03T00:00:00Z"
    for entry in entries:
        for required in ("atom:id", "atom:updated", "atom:link"):
            assert entry.find(required, NS) is not None


def test_no_build_timestamps(site_with_articles: Path) -> None:
    files, _ = build_site(load_site(site_with_articles))
    today = date.today().isoformat()
    for path, data in files.items():
        if today not in ("2024-03-01", "2024-05-02", "2024-06-03"):
            assert today.encode() not in data, path
