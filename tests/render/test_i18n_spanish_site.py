"""A Spanish-first practice (tests/data/spanish-practice, language es-US) has no English theme text
anywhere: not in the page text, the labels, the head, the JSON-LD the theme writes, the feed or the
sitemap stylesheet. The practice's own data is Spanish there, so anything English is the theme's."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from bs4 import BeautifulSoup
from lxml import etree

from nmt_content.pages.words import ENGLISH_WORDS, Words
from nmt_content.pipeline.build import BuildOptions, build_site
from nmt_content.pipeline.loading import load_site
from nmt_content.render.i18n import page_words

from ..conftest import GROUP_ROOT, REPO_ROOT
from .test_i18n_pages import ENGLISH, SPANISH, english_in, theme_texts

SPANISH_ROOT = REPO_ROOT / "tests" / "data" / "spanish-practice"
HEAD_META = (
    'meta[name="description"], meta[property="og:title"], meta[property="og:description"], '
    'meta[property="og:image:alt"], meta[name="twitter:title"], meta[name="twitter:description"]'
)
LD_TEXT = ("name", "description", "headline", "alternateName", "jobTitle")
XSL = "{http://www.w3.org/1999/XSL/Transform}"


def _build(root: Path) -> dict[str, bytes]:
    built, _report = build_site(load_site(root), BuildOptions())
    return built


@pytest.fixture(scope="module")
def files() -> dict[str, bytes]:
    return _build(SPANISH_ROOT)


@pytest.fixture(scope="module")
def english_files(tmp_path_factory: pytest.TempPathFactory) -> dict[str, bytes]:
    """The same practice with `language: en-US`: the theme in English around Spanish data."""
    root = tmp_path_factory.mktemp("english-first")
    for source in SPANISH_ROOT.rglob("*"):
        if source.is_file():
            target = root / source.relative_to(SPANISH_ROOT)
            target.parent.mkdir(parents=True, exist_ok=True)
            text = source.read_text(encoding="utf-8")
            target.write_text(text.replace("language: es-US", "language: en-US"), "utf-8")
    return _build(root)


def _ld_texts(node: Any) -> Iterator[str]:
    if isinstance(node, dict):
        for key, value in node.items():
            if key in LD_TEXT and isinstance(value, str):
                yield value
            else:
                yield from _ld_texts(value)
    elif isinstance(node, list):
        for value in node:
            yield from _ld_texts(value)


def page_texts(html: bytes) -> list[str]:
    """The theme's text of a page: its text nodes and labels (the article body left out), the
    `<title>`, the description and social tags, and the JSON-LD names and descriptions."""
    soup = BeautifulSoup(html.decode(), "html.parser")
    head = [soup.title.get_text()] if soup.title else []
    head += [str(meta["content"]) for meta in soup.select(HEAD_META)]
    scripts = soup.select('script[type="application/ld+json"]')
    graph = [text for script in scripts for text in _ld_texts(json.loads(script.get_text()))]
    return head + graph + theme_texts(soup)


def stylesheet_texts(xsl: bytes) -> list[str]:
    """What the sitemap stylesheet shows: the text of its HTML elements and `xsl:text`."""
    texts = []
    for element in etree.fromstring(xsl).iter():
        if not isinstance(element.tag, str):
            continue  # comments
        shown = not element.tag.startswith(XSL) or element.tag == f"{XSL}text"
        if shown and element.text and element.tag != "style":
            texts.append(element.text.strip())
    return [text for text in texts if text]


def test_every_page_has_no_english_theme_text(files: dict[str, bytes]) -> None:
    pages = {path: data for path, data in files.items() if path.endswith(".html")}
    assert len(pages) == 14
    for path, data in sorted(pages.items()):
        assert english_in(page_texts(data)) == [], path


def test_the_check_would_see_the_english_theme(english_files: dict[str, bytes]) -> None:
    """Built English-first, the same pages do show the English messages (so the silence above
    means something), in the places the check reads: descriptions, JSON-LD, breadcrumbs."""
    found = {
        message
        for path, data in english_files.items()
        if path.endswith(".html")
        for message, _text in english_in(page_texts(data))
    }
    assert {
        "Home",
        "Our therapists",
        "Page not found",
        "%(names)s and %(last)s",
        "%(services)s in %(places)s, with %(therapists)s.",
        "%(hours)s hours of training",
    } <= found
    assert english_in([_feed_title(english_files)]) != []
    assert english_in(stylesheet_texts(english_files["sitemap.xsl"])) != []


def test_the_planner_composes_spanish(files: dict[str, bytes]) -> None:
    home = BeautifulSoup(files["index.html"].decode(), "html.parser")
    description = home.select_one('meta[name="description"]')
    assert description is not None
    assert description["content"] == (
        "Masaje sueco y masaje deportivo en Watsonville y Salinas, CA, con Lucía Ramos y Mateo Díaz."
    )
    team = BeautifulSoup(files["team/lucia/index.html"].decode(), "html.parser")
    assert [li.get_text() for li in team.select(".breadcrumb li")] == [
        "Inicio",
        "Nuestros terapeutas",
        "Sobre Lucía Ramos",
    ]
    assert team.title is not None
    assert team.title.get_text() == "Sobre Lucía Ramos | Masajes Bahía"


def test_a_table_in_the_body_is_named_in_spanish(files: dict[str, bytes]) -> None:
    """The box that scrolls a Markdown table is named for screen readers in the page language."""
    path = "articles/masaje-deportivo-despues-de-correr/index.html"
    soup = BeautifulSoup(files[path].decode(), "html.parser")
    boxes = soup.select(".prose div.table-scroll")
    assert [box["aria-label"] for box in boxes] == ["Tabla"]
    assert boxes[0].select_one("table") is not None


def test_the_feed_title_and_the_sitemap_stylesheet_are_spanish(files: dict[str, bytes]) -> None:
    assert _feed_title(files) == "Masajes Bahía: artículos"
    xsl = files["sitemap.xsl"]
    assert english_in(stylesheet_texts(xsl)) == []
    transform = etree.XSLT(etree.fromstring(xsl))
    shown = transform(etree.fromstring(files["sitemap.xml"]))
    html = BeautifulSoup(str(shown), "html.parser")
    assert html.html is not None
    assert html.html["lang"] == "es"
    assert html.h1 is not None
    assert html.h1.get_text() == "Mapa del sitio"
    assert [th.get_text() for th in html.select("thead th")] == [
        "Página",
        "Última modificación",
        "Imágenes",
        "Versiones de idioma",
    ]
    assert html.caption is not None
    assert " ".join(html.caption.get_text().split()) == "13 páginas"  # the 404 page is not listed


def _feed_title(files: dict[str, bytes]) -> str:
    title = etree.fromstring(files["feed.xml"]).find("{http://www.w3.org/2005/Atom}title")
    assert title is not None
    assert title.text is not None
    return title.text


def _trail(html: bytes) -> tuple[list[str], list[str]]:
    """The page's breadcrumb trail as shown, and as its JSON-LD BreadcrumbList names it."""
    soup = BeautifulSoup(html.decode(), "html.parser")
    shown = [li.get_text() for li in soup.select(".breadcrumb li")]
    graph = json.loads(soup.select_one('script[type="application/ld+json"]').get_text())  # type: ignore[union-attr]
    trail = next(node for node in graph["@graph"] if node["@type"] == "BreadcrumbList")
    return shown, [item["name"] for item in trail["itemListElement"]]


def test_a_translated_article_has_its_trail_in_its_language() -> None:
    """In an English practice, the Spanish article's trail is Spanish, visible and in the JSON-LD
    (the English partner's stays English)."""
    built = _build(GROUP_ROOT)
    spanish = ["Inicio", "Artículos", "Qué esperar de su primer masaje sueco"]
    assert _trail(built[SPANISH]) == (spanish, spanish)
    english = ["Home", "Articles", "What to Expect at Your First Swedish Massage"]
    assert _trail(built[ENGLISH]) == (english, english)


def test_lists_and_lengths_in_the_language() -> None:
    spanish = Words(page_words("es-US"))
    assert spanish.join(["Redding", "Anderson", "Shasta Lake"]) == "Redding, Anderson y Shasta Lake"
    assert ENGLISH_WORDS.join(["Redding", "Anderson", "Shasta Lake"]) == (
        "Redding, Anderson and Shasta Lake"
    )
    assert (spanish.join([]), spanish.join(["Redding"])) == ("", "Redding")
    assert spanish.sentence_list(["Masaje sueco", "Masaje deportivo"]) == (
        "Masaje sueco y masaje deportivo"
    )
    assert (spanish.minutes(60), ENGLISH_WORDS.minutes("60–90")) == ("60 minutos", "60–90 minutes")
