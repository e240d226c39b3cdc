"""Translation groups: return links and x-default on the pages and in the sitemap, xml:lang in
the feed, and `check` findings for unmatched and one-sided `translations` entries."""

from __future__ import annotations

from pathlib import Path

from bs4 import BeautifulSoup
from lxml import etree

from nmt_content.pipeline.build import build_site
from nmt_content.pipeline.loading import load_site

from ..check_helpers import check, fired
from ..conftest import MINIMAL_ARTICLE

BASE = "https://practice.example"
EN = f"{BASE}/articles/a-test-article-about-massage/"
ES = f"{BASE}/articles/articulo-de-prueba/"
ES_SOURCE = "articles/es.md"
NS = {
    "s": "http://www.sitemaps.org/schemas/sitemap/0.9",
    "x": "http://www.w3.org/1999/xhtml",
    "a": "http://www.w3.org/2005/Atom",
}


def _spanish(
    root: Path, translations: str = "translations:\n  en-US: a-test-article-about-massage\n"
) -> None:
    text = (
        MINIMAL_ARTICLE.replace("title: A test article about massage", "title: Artículo de prueba")
        .replace(
            "author: alex",
            f"author: alex\nslug: articulo-de-prueba\nlanguage: es-US\n{translations}".rstrip("\n"),
        )
        .replace("A short description of a test", "Una descripción breve de un artículo de prueba,")
    )
    (root / ES_SOURCE).write_text(text, encoding="utf-8")


def _head_links(html: bytes) -> dict[str, str]:
    doc = BeautifulSoup(html, "html.parser")
    return {
        str(link["hreflang"]): str(link["href"])
        for link in doc.find_all("link", rel="alternate")
        if link.has_attr("hreflang")
    }


def test_a_one_sided_translation_links_both_ways_with_x_default(content_root: Path) -> None:
    _spanish(content_root)
    files, _report = build_site(load_site(content_root))
    expected = {"en-US": EN, "es-US": ES, "x-default": EN}
    assert _head_links(files["articles/a-test-article-about-massage/index.html"]) == expected
    assert _head_links(files["articles/articulo-de-prueba/index.html"]) == expected
    sitemap = etree.fromstring(files["sitemap.xml"])
    for url in (EN, ES):
        [entry] = sitemap.xpath(f"s:url[s:loc='{url}']", namespaces=NS)
        links = {
            link.get("hreflang"): link.get("href")
            for link in entry.xpath("x:link[@rel='alternate']", namespaces=NS)
        }
        assert links == expected
    feed = etree.fromstring(files["feed.xml"])
    lang = "{http://www.w3.org/XML/1998/namespace}lang"
    languages = {
        entry.findtext("a:link[@rel='alternate']", namespaces=NS)
        or entry.find("a:link", NS).get("href"): entry.get(lang)
        for entry in feed.findall("a:entry", NS)
    }
    assert feed.get(lang) == "en-US"
    assert languages == {EN: None, ES: "es-US"}, "an entry states its language when not the feed's"


def test_x_default_follows_the_practice_language(content_root: Path) -> None:
    _spanish(content_root)
    practice = content_root / "practice.yaml"
    practice.write_text(
        practice.read_text(encoding="utf-8").replace(
            "  name: Test Practice\n", "  name: Test Practice\n  language: es-US\n"
        ),
        encoding="utf-8",
    )
    english = content_root / "articles" / "test-article.md"
    english.write_text(
        english.read_text(encoding="utf-8").replace(
            "author: alex", "author: alex\nlanguage: en-US"
        ),
        encoding="utf-8",
    )
    files, _report = build_site(load_site(content_root))
    links = _head_links(files["articles/a-test-article-about-massage/index.html"])
    assert links == {"en-US": EN, "es-US": ES, "x-default": ES}


def test_one_sided_and_unmatched_translations_are_reported(content_root: Path) -> None:
    _spanish(content_root, "translations:\n  en-US: a-test-article-about-massage\n  fr: nowhere\n")
    result = check(content_root)
    assert [f.split(": ")[0] for f in fired(result, "SEO-025")] == [f"{ES_SOURCE}:9"]
    assert [f.split(": ")[0] for f in fired(result, "SEO-024")] == [f"{ES_SOURCE}:10"]
    assert "nowhere" in fired(result, "SEO-024")[0]


def test_a_pair_declared_on_both_sides_is_not_reported(content_root: Path) -> None:
    _spanish(content_root)
    english = content_root / "articles" / "test-article.md"
    english.write_text(
        english.read_text(encoding="utf-8").replace(
            "author: alex", "author: alex\ntranslations: {es-US: articulo-de-prueba}"
        ),
        encoding="utf-8",
    )
    result = check(content_root)
    assert fired(result, "SEO-024") == []
    assert fired(result, "SEO-025") == []


def test_titles_in_another_language_carry_lang_in_lists(content_root: Path) -> None:
    _spanish(content_root)
    files, _report = build_site(load_site(content_root))
    service = next(p for p in files if p.startswith("services/") and p != "services/index.html")
    for path in ("articles/index.html", "index.html", service):
        doc = BeautifulSoup(files[path], "html.parser")
        langs = {
            str(a["href"]): a.get("lang")
            for a in doc.select("main a[href^='/articles/']")
            if a["href"] != "/articles/"
        }
        assert langs == {
            "/articles/a-test-article-about-massage/": None,
            "/articles/articulo-de-prueba/": "es-US",
        }, path
