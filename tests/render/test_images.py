"""Images on the pages and in the metadata: figures from Markdown, the article's lead figure,
sizes from the files, the image sitemap listing only what a page shows; the 404 page and the
services and offices index pages."""

from __future__ import annotations

import json
from pathlib import Path

from bs4 import BeautifulSoup, Tag
from lxml import etree

from nmt_content.pipeline.build import build_site
from nmt_content.pipeline.loading import load_site
from nmt_content.render.markdown import render_markdown
from nmt_content.render.markdown_links import markdown_targets

from ..images import write_png

ARTICLE_HTML = "articles/a-test-article-about-massage/index.html"
NS = {
    "s": "http://www.sitemaps.org/schemas/sitemap/0.9",
    "i": "http://www.google.com/schemas/sitemap-image/1.1",
}


def soup(data: bytes | str) -> BeautifulSoup:
    return BeautifulSoup(data, "html.parser")


def sizes(src: str) -> tuple[int, int] | None:
    return (640, 480) if src == "/images/a%20b.png" else None  # as written in the Markdown


def test_a_lone_image_is_a_figure_captioned_by_its_title() -> None:
    html = render_markdown('![A <b> room](/images/a%20b.png "The room & its <light>")', sizes)
    figure = soup(html).figure
    assert figure is not None
    img = figure.img
    assert img is not None
    assert (img["src"], img["alt"], img["width"], img["height"]) == (
        "/images/a%20b.png",
        "A <b> room",
        "640",
        "480",
    )
    assert not img.has_attr("title")
    assert figure.figcaption is not None
    assert figure.figcaption.get_text() == "The room & its <light>"


def test_an_image_in_text_stays_inline_and_unknown_sizes_are_not_stated() -> None:
    html = render_markdown("Text ![x](/images/a%20b.png) and ![y](/other.png) more.", sizes)
    doc = soup(html)
    assert doc.figure is None
    first, second = doc.find_all("img")
    assert (first["width"], first["height"]) == ("640", "480")
    assert not second.has_attr("width")
    assert not second.has_attr("height")


def test_without_title_a_figure_has_no_caption() -> None:
    figure = soup(render_markdown("![x](/x.png)")).figure
    assert figure is not None
    assert figure.figcaption is None


def test_markdown_targets_give_kind_url_alt_and_line() -> None:
    text = "Intro\n\n![A room](/r.png)\n\n[a form](/f.pdf)\n\n[ref]: /ref.png\n\n![alt][ref]\n"
    found = [(t.kind, t.url, t.alt, t.line) for t in markdown_targets(text)]
    assert found == [
        ("image", "/r.png", "A room", 3),
        ("link", "/f.pdf", "a form", 5),
        ("image", "/ref.png", "alt", 9),
    ]


def _with_lead_image(root: Path, caption: str = "") -> None:
    article = root / "articles" / "test-article.md"
    extra = f"\n  caption: {caption}" if caption else ""
    text = article.read_text().replace(
        "services: [massage]\n",
        f"services: [massage]\nimage:\n  src: /images/lead.png\n  alt: A calm room{extra}\n",
    )
    article.write_text(text)


def test_the_article_shows_its_lead_image_sized_from_the_file(content_root: Path) -> None:
    write_png(content_root / "static" / "images" / "lead.png", 1200, 800)
    _with_lead_image(content_root, "Our room")
    files, _ = build_site(load_site(content_root))
    doc = soup(files[ARTICLE_HTML])
    figure = doc.select_one("article figure.lead-image")
    assert figure is not None
    img = figure.img
    assert img is not None
    assert (img["src"], img["alt"], img["width"], img["height"]) == (
        "/images/lead.png",
        "A calm room",
        "1200",
        "800",
    )
    assert figure.figcaption is not None
    assert figure.figcaption.get_text() == "Our room"
    assert doc.find("meta", property="og:image:width")["content"] == "1200"  # type: ignore[index]
    graph = json.loads(doc.find("script", type="application/ld+json").get_text())["@graph"]  # type: ignore[union-attr]
    image = next(n for n in graph if n["@type"] == "ImageObject")
    assert (image["width"], image["height"]) == (1200, 800)


def test_an_article_without_its_own_image_shows_none(content_root: Path) -> None:
    files, _ = build_site(load_site(content_root))
    assert soup(files[ARTICLE_HTML]).select_one("figure.lead-image") is None


def _sitemap_images(files: dict[str, bytes]) -> dict[str, list[str]]:
    tree = etree.fromstring(files["sitemap.xml"])
    return {
        url.findtext("s:loc", namespaces=NS): url.xpath("i:image/i:loc/text()", namespaces=NS)
        for url in tree.findall("s:url", NS)
    }


def test_the_image_sitemap_lists_only_images_the_page_shows(content_root: Path) -> None:
    practice = content_root / "practice.yaml"
    practice.write_text(
        practice.read_text().replace(
            "  description: Massage", "  image: /images/office.png\n  description: Massage"
        )
    )
    write_png(content_root / "static" / "images" / "office.png", 1200, 630)
    files, _ = build_site(load_site(content_root))
    doc = soup(files[ARTICLE_HTML])
    og = doc.find("meta", property="og:image")
    assert isinstance(og, Tag)
    assert og["content"] == "https://practice.example/images/office.png"  # the preview falls back
    assert all(images == [] for images in _sitemap_images(files).values())  # ...the sitemap not
    write_png(content_root / "static" / "images" / "lead.png", 1200, 800)
    _with_lead_image(content_root)
    files, _ = build_site(load_site(content_root))
    listed = _sitemap_images(files)
    assert listed["https://practice.example/articles/a-test-article-about-massage/"] == [
        "https://practice.example/images/lead.png"
    ]
    assert sum(len(images) for images in listed.values()) == 1


def test_the_404_page_is_noindex_without_canonical_or_page_node_and_has_navigation(
    content_root: Path,
) -> None:
    files, _ = build_site(load_site(content_root))
    doc = soup(files["404.html"])
    robots = doc.find("meta", attrs={"name": "robots"})
    assert isinstance(robots, Tag)
    assert str(robots["content"]).startswith("noindex")
    assert doc.find("link", rel="canonical") is None
    graph = json.loads(doc.find("script", type="application/ld+json").get_text())["@graph"]  # type: ignore[union-attr]
    assert [node["@type"] for node in graph if "WebPage" in str(node["@type"])] == []
    nav = doc.find("nav")
    assert isinstance(nav, Tag)
    assert {a["href"] for a in nav.find_all("a")} >= {"/about/", "/locations/", "/articles/"}
    assert doc.select_one(".site-name a")["href"] == "/"  # type: ignore[index]  # home: the name
    seo = json.loads(files["seo.json"])
    entry = next(page for page in seo["pages"] if page["path"] == "/404.html")
    assert entry["canonical"] is None


def test_services_and_offices_have_index_pages_in_the_breadcrumbs(content_root: Path) -> None:
    files, _ = build_site(load_site(content_root))
    services = soup(files["services/index.html"])
    assert services.h1 is not None
    assert services.h1.get_text() == "Services"
    assert [a["href"] for a in services.select("main .cards h2 a")] == [
        "/services/massage-therapy/"
    ]
    offices = soup(files["locations/index.html"])
    assert [a["href"] for a in offices.select("main .cards h2 a")] == ["/locations/main/"]
    for page, middle in (
        ("services/massage-therapy/index.html", "https://practice.example/services/"),
        ("locations/main/index.html", "https://practice.example/locations/"),
    ):
        graph = json.loads(soup(files[page]).find("script", type="application/ld+json").get_text())  # type: ignore[union-attr]
        crumbs = next(n for n in graph["@graph"] if n["@type"] == "BreadcrumbList")
        assert [item["item"] for item in crumbs["itemListElement"]][1] == middle
    listed = _sitemap_images(files)
    assert {"https://practice.example/services/", "https://practice.example/locations/"} <= set(
        listed
    )
