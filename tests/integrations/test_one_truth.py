"""Each fact once: `build`, the embedding API and `inject` say the same about every page.

The built head of each page is compared with `head_tags(page_for(site, path))`, the built
`sitemap.xml` with `sitemap_xml(site)`, and each `seo.json` entry with the built page's head,
for the repository's demo content and for a two-language site with a sized lead image.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from bs4 import BeautifulSoup, Tag
from lxml import etree

from nmt_content import head_tags, inject, page_for, sitemap_xml
from nmt_content.integrations.inject_folder import merge_sitemap
from nmt_content.pipeline.build import build_site
from nmt_content.pipeline.loading import load_site
from nmt_content.render.sitemap import SitemapEntry
from nmt_content.site import Site

from ..conftest import MINIMAL_ARTICLE, MINIMAL_PRACTICE, REPO_ROOT

NS = {
    "sm": "http://www.sitemaps.org/schemas/sitemap/0.9",
    "image": "http://www.google.com/schemas/sitemap-image/1.1",
    "xhtml": "http://www.w3.org/1999/xhtml",
}
ENGLISH = "https://practice.example/articles/a-test-article-about-massage/"
SPANISH = "https://practice.example/articles/masaje/"


def _multilingual(root: Path) -> Path:
    """An English article with a sized lead image and its Spanish translation, whose image has
    only a width (so no size is stated)."""
    (root / "articles").mkdir(parents=True)
    (root / "practice.yaml").write_text(MINIMAL_PRACTICE, encoding="utf-8")
    english = MINIMAL_ARTICLE.replace(
        "services: [massage]",
        "services: [massage]\ntranslations: {es: masaje}\n"
        "image: {src: /images/back.jpg, alt: A massage table, width: 1200, height: 630}",
    )
    spanish = MINIMAL_ARTICLE.replace("A test article about massage", "Masaje").replace(
        "services: [massage]",
        "language: es\ntranslations: {en-US: a-test-article-about-massage}\n"
        "image: {src: /images/mesa.jpg, alt: Una mesa, width: 800}",
    )
    (root / "articles" / "test-article.md").write_text(english, encoding="utf-8")
    (root / "articles" / "masaje.md").write_text(spanish, encoding="utf-8")
    return root


@pytest.fixture(scope="module", params=["demo", "multilingual"])
def built(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> tuple[str, Site, dict[str, bytes]]:
    if request.param == "demo":
        site = load_site(REPO_ROOT)
    else:
        site = load_site(_multilingual(tmp_path_factory.mktemp("multilingual")))
    files, _ = build_site(site)
    return request.param, site, files


# -- heads ----------------------------------------------------------------------------------------

_PAGE_ONLY = (
    {"charset": "utf-8"},
    {"name": "viewport"},
    {"rel": ["stylesheet"]},
    {"type": "application/atom+xml"},
    {"rel": ["icon"]},
)
"""What only a complete page of our own has in its head (head_tags leaves them to the host):
charset, viewport, our stylesheet and feed link, and the favicon of the page template."""


def _tags(head: Tag | BeautifulSoup) -> list[tuple[str, tuple[tuple[str, str], ...], str]]:
    """Every element of a head as (name, attributes, text), without the page-only ones."""
    found = []
    for tag in head.find_all(True, recursive=False):
        if any(all(tag.get(k) == v for k, v in only.items()) for only in _PAGE_ONLY):
            continue
        attributes = tuple(
            sorted((k, " ".join(v) if isinstance(v, list) else v) for k, v in tag.attrs.items())
        )
        found.append((tag.name, attributes, tag.get_text()))
    return found


def _head(data: bytes) -> Tag:
    head = BeautifulSoup(data.decode("utf-8"), "html.parser").head
    assert isinstance(head, Tag)
    return head


def _pages(files: dict[str, bytes]) -> list[str]:
    return sorted(path for path in files if path.endswith(".html"))


def test_built_head_is_what_head_tags_gives(built: tuple[str, Site, dict[str, bytes]]) -> None:
    _name, site, files = built
    for path in _pages(files):
        ours = _tags(_head(files[path]))
        api = _tags(BeautifulSoup(head_tags(page_for(site, path)), "html.parser"))
        assert ours == api, path
        assert len(ours) > 10


def test_page_only_tags_are_only_in_built_pages(built: tuple[str, Site, dict[str, bytes]]) -> None:
    _name, site, files = built
    head = _head(files["index.html"])
    assert head.find("meta", charset="utf-8") is not None
    assert head.find("link", rel="stylesheet") is not None
    api = BeautifulSoup(head_tags(page_for(site, "/")), "html.parser")
    assert api.find("meta", charset=True) is None
    assert api.find("link", rel="stylesheet") is None


def test_the_multilingual_head_has_hreflang_and_a_sized_image(tmp_path: Path) -> None:
    site = load_site(_multilingual(tmp_path))
    head = BeautifulSoup(head_tags(page_for(site, "a-test-article-about-massage")), "html.parser")
    hreflang = {(t["hreflang"], t["href"]) for t in head.find_all("link", hreflang=True)}
    assert hreflang == {("en-US", ENGLISH), ("es", SPANISH), ("x-default", ENGLISH)}
    og = {t["property"]: t["content"] for t in head.find_all("meta", property=True)}
    assert og["og:image"] == "https://practice.example/images/back.jpg"
    assert (og["og:image:width"], og["og:image:height"]) == ("1200", "630")
    assert og["og:type"] == "article"


def _built_file(path: str) -> str:
    """The built file of a page path (``/about/`` → ``about/index.html``)."""
    return path.lstrip("/") if path.endswith(".html") else path.lstrip("/") + "index.html"


def test_page_states_what_the_built_head_and_page_state(
    built: tuple[str, Site, dict[str, bytes]],
) -> None:
    name, site, files = built
    sitemap = _sitemap(files["sitemap.xml"])
    for path in _pages(files):
        soup = BeautifulSoup(files[path].decode("utf-8"), "html.parser")
        head = _head(files[path])
        page = page_for(site, path)
        assert _built_file(page.path) == path
        assert soup.html is not None
        assert page.language == soup.html["lang"], path
        og = {str(t["property"]): str(t["content"]) for t in head.find_all("meta", property=True)}
        assert page.og_type == og["og:type"]
        assert page.language.replace("-", "_") == og["og:locale"]
        stated = page.image.as_json() if page.image else None
        assert stated == _og_image(head), path
        alternates = [(t["hreflang"], t["href"]) for t in head.find_all("link", hreflang=True)]
        assert list(page.alternates) == alternates
        h1 = soup.find("h1")
        assert h1 is not None
        assert page.headline == h1.get_text(" ", strip=True), path
        assert page.indexable == (page.canonical in sitemap)
        if page.indexable:
            lastmod = page.lastmod.isoformat() if page.lastmod else ""
            assert sitemap[page.canonical][0] == lastmod
    if name == "multilingual":
        spanish = page_for(site, "masaje")
        assert (spanish.language, spanish.og_type) == ("es", "article")
        assert spanish.image is not None
        assert (spanish.image.width, spanish.image.height) == (None, None)
        assert len(spanish.alternates) == 3


def test_inject_puts_the_built_head_into_a_foreign_page(
    built: tuple[str, Site, dict[str, bytes]],
) -> None:
    _name, site, files = built
    foreign = (
        '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Old</title>'
        '<meta name="description" content="old"><link rel="canonical" href="https://x.example/">'
        "</head><body><h1>Hello</h1></body></html>"
    )
    for path in _pages(files):
        injected = BeautifulSoup(inject(foreign, page_for(site, path)), "html.parser")
        assert injected.head is not None
        assert _tags(injected.head) == _tags(_head(files[path])), path
        assert injected.find("h1").get_text() == "Hello"


# -- sitemaps -------------------------------------------------------------------------------------


def _sitemap(data: bytes) -> dict[str, tuple[Any, ...]]:
    """Each URL of a sitemap with its lastmod, images and alternates."""
    root = etree.fromstring(data)
    entries = {}
    for url in root.xpath("//sm:url", namespaces=NS):
        loc = url.xpath("string(sm:loc)", namespaces=NS)
        entries[loc] = (
            url.xpath("string(sm:lastmod)", namespaces=NS),
            tuple(url.xpath("image:image/image:loc/text()", namespaces=NS)),
            tuple(
                (x.get("hreflang"), x.get("href")) for x in url.xpath("xhtml:link", namespaces=NS)
            ),
        )
    return entries


def test_sitemap_xml_is_the_built_sitemap(built: tuple[str, Site, dict[str, bytes]]) -> None:
    name, site, files = built
    ours = _sitemap(files["sitemap.xml"])
    assert _sitemap(sitemap_xml(site).encode()) == ours
    assert len(ours) >= 5
    if name == "multilingual":
        _lastmod, images, alternates = ours[ENGLISH]
        assert images == ("https://practice.example/images/back.jpg",)
        assert set(alternates) == {("en-US", ENGLISH), ("es", SPANISH), ("x-default", ENGLISH)}


# -- seo.json -------------------------------------------------------------------------------------


def _og_image(head: Tag) -> dict[str, Any] | None:
    """The og:image the head states, as seo.json should state it."""
    og = {str(t["property"]): str(t["content"]) for t in head.find_all("meta", property=True)}
    if "og:image" not in og:
        return None
    sized = "og:image:width" in og
    return {
        "url": og["og:image"],
        "alt": og["og:image:alt"],
        "width": int(og["og:image:width"]) if sized else None,
        "height": int(og["og:image:height"]) if sized else None,
    }


def test_seo_json_states_what_each_head_states(built: tuple[str, Site, dict[str, bytes]]) -> None:
    name, _site, files = built
    entries = {entry["path"]: entry for entry in json.loads(files["seo.json"])["pages"]}
    built_paths = {
        "/" + p.removesuffix("index.html") if p != "404.html" else "/404.html"
        for p in _pages(files)
    }
    assert set(entries) == built_paths
    for path, entry in entries.items():
        file = "404.html" if path == "/404.html" else path.lstrip("/") + "index.html"
        head = _head(files[file])
        assert head.title is not None
        assert entry["title"] == head.title.get_text()
        assert entry["description"] == head.find("meta", attrs={"name": "description"})["content"]
        canonical = head.find("link", rel="canonical")
        assert entry["canonical"] == (canonical["href"] if canonical is not None else None)
        assert (canonical is None) == (path == "/404.html")
        assert entry["robots"] == head.find("meta", attrs={"name": "robots"})["content"]
        locale = head.find("meta", property="og:locale")["content"]
        assert entry["language"].replace("-", "_") == locale
        alternates = [
            {"hreflang": t["hreflang"], "href": t["href"]}
            for t in head.find_all("link", hreflang=True)
        ]
        assert entry["alternates"] == alternates
        assert entry["image"] == _og_image(head)
        script = head.find("script", type="application/ld+json")
        assert entry["jsonld"] == json.loads(script.string)
    if name == "multilingual":
        english = entries["/articles/a-test-article-about-massage/"]
        assert english["image"] == {
            "url": "https://practice.example/images/back.jpg",
            "alt": "A massage table",
            "width": 1200,
            "height": 630,
        }
        assert len(english["alternates"]) == 3
        spanish = entries["/articles/masaje/"]
        assert spanish["image"]["width"] is None
        assert spanish["image"]["url"] == "https://practice.example/images/mesa.jpg"


# -- merge_sitemap --------------------------------------------------------------------------------

_EXISTING = b"""<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"
        xmlns:image="http://www.google.com/schemas/sitemap-image/1.1"
        xmlns:xhtml="http://www.w3.org/1999/xhtml">
  <url><loc>https://practice.example/blog/</loc><lastmod>2023-05-06</lastmod>
    <changefreq>weekly</changefreq>
    <image:image><image:loc>https://practice.example/blog.png</image:loc></image:image>
    <xhtml:link rel="alternate" hreflang="fr" href="https://practice.example/fr/blog/"/>
  </url>
  <url><loc>https://practice.example/news/</loc><lastmod>2024-01-02T03:04:05+02:00</lastmod></url>
  <url><loc>https://practice.example/odd/</loc><lastmod>last tuesday</lastmod></url>
  <url><loc>https://practice.example/about/</loc><lastmod>2020-01-01</lastmod></url>
</urlset>
"""


def test_merge_sitemap_keeps_the_other_generators_facts() -> None:
    ours = [SitemapEntry(loc="https://practice.example/about/")]
    merged = _sitemap(merge_sitemap(_EXISTING, ours, "https://practice.example/"))
    assert merged["https://practice.example/blog/"] == (
        "2023-05-06",
        ("https://practice.example/blog.png",),
        (("fr", "https://practice.example/fr/blog/"),),
    )
    assert merged["https://practice.example/news/"][0] == "2024-01-02T03:04:05+02:00"
    assert merged["https://practice.example/odd/"][0] == "", "an unreadable lastmod is left out"
    assert merged["https://practice.example/about/"][0] == "", "ours replaces theirs"
