"""The theme in the page's language: the Spanish article of the group practice
(examples/group-practice) shows no English theme text and the disclaimer in Spanish, its English
partner stays English, and a Spanish-first practice gets Spanish on every page."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from babel.messages.pofile import read_po
from bs4 import BeautifulSoup

from nmt_content.pipeline.build import BuildOptions, build_site
from nmt_content.pipeline.loading import load_site

from ..conftest import GROUP_ROOT, MINIMAL_PRACTICE, REPO_ROOT

SPANISH = "articles/que-esperar-primer-masaje-sueco/index.html"
ENGLISH = "articles/what-to-expect-swedish-massage/index.html"
BASE = "https://group-practice.example"
ATTRIBUTES = ("aria-label", "alt", "title", "placeholder")


def _english_patterns() -> list[tuple[str, re.Pattern[str]]]:
    """Each English catalog message's words (the text between its placeholders) as patterns of
    whole words: markup may split a message's text at a placeholder (``Published <time>``).
    Words the Spanish message keeps (``CAMTC``, ``Atom``) are names, not English."""
    locale = REPO_ROOT / "src" / "nmt_content" / "locale"
    catalogs = {}
    for language in ("en", "es"):
        with (locale / language / "LC_MESSAGES" / "messages.po").open("rb") as source:
            catalogs[language] = read_po(source, locale=language)
    patterns = []
    for message in catalogs["en"]:
        if not message.id or not isinstance(message.string, str):
            continue
        spanish = catalogs["es"][message.id].string
        for part in re.split(r"%\(\w+\)s", message.string):
            words = part.strip(" .,:;()#")
            if re.search(r"[A-Za-z]", words) and words not in spanish:
                patterns.append((message.string, re.compile(rf"(?<!\w){re.escape(words)}(?!\w)")))
    return patterns


ENGLISH_MESSAGES = _english_patterns()


def theme_texts(soup: BeautifulSoup) -> list[str]:
    """Every text node and labelling attribute outside the article's own body."""
    for own in soup.select(".prose, script, style"):
        own.decompose()
    texts = [" ".join(s.split()) for s in soup.find_all(string=True)]
    for element in soup.find_all(True):
        texts += [str(element[name]) for name in ATTRIBUTES if element.has_attr(name)]
    return [text for text in texts if text]


def english_in(texts: list[str]) -> list[tuple[str, str]]:
    return [
        (message, text)
        for text in texts
        for message, pattern in ENGLISH_MESSAGES
        if pattern.search(text)
    ]


@pytest.fixture(scope="module")
def files() -> dict[str, bytes]:
    built, _report = build_site(load_site(GROUP_ROOT), BuildOptions())
    return built


def page(files: dict[str, bytes], path: str) -> BeautifulSoup:
    return BeautifulSoup(files[path].decode(), "html.parser")


def test_the_spanish_article_shows_no_english_theme_text(files: dict[str, bytes]) -> None:
    soup = page(files, SPANISH)
    assert soup.html is not None
    assert soup.html["lang"] == "es-US"
    texts = theme_texts(soup)
    assert english_in(texts) == []
    # ...and the theme's words are there, in Spanish.
    joined = " ".join(texts)
    for words in ("Saltar al contenido", "Reservar una sesión", "Inicio", "Artículos", "Por"):
        assert words in joined
    assert "Publicado el 2 de junio de 2026" in joined
    assert soup.select_one("time")["datetime"] == "2026-06-02"  # type: ignore[index]
    assert soup.select_one(".breadcrumb")["aria-label"] == "Ruta de navegación"  # type: ignore[index]


def test_the_check_would_see_english_theme_text(files: dict[str, bytes]) -> None:
    """The comparison above finds the English theme where it is (so its silence means something)."""
    found = {message for message, _text in english_in(theme_texts(page(files, ENGLISH)))}
    assert {"Skip to content", "Book a session", "Published %(date)s", "Breadcrumb"} <= found


def test_the_spanish_disclaimer_and_camtc_lines(files: dict[str, bytes]) -> None:
    soup = page(files, SPANISH)
    disclaimer = soup.select_one(".disclaimer")
    assert disclaimer is not None
    assert " ".join(disclaimer.get_text().split()) == (
        "La terapia de masaje no sustituye el diagnóstico ni el tratamiento médicos. "
        "Maya Torres no tiene licencia del Estado de California como profesional de las artes "
        "curativas. Si tiene dolor intenso, que empeora o sin causa aparente, entumecimiento o "
        "debilidad, fiebre, o cambios en el control de la vejiga o los intestinos, consulte "
        "primero a un médico."
    )
    lines = [li.get_text(strip=True) for li in soup.select("footer .certified-lines li")]
    # The certified name and number as issued; only the words around them are Spanish.
    assert lines[0] == "Maya Torres, Certified Massage Therapist (CAMTC), certificado n.º 555001"
    assert len(lines) == 3


def test_the_english_partner_stays_english(files: dict[str, bytes]) -> None:
    soup = page(files, ENGLISH)
    assert soup.html is not None
    assert soup.html["lang"] == "en-US"
    text = " ".join(soup.get_text(" ").split())
    assert "Skip to content" in text
    assert "Book a session" in text
    assert "Reservar" not in text
    assert "Saltar" not in text
    assert "Massage therapy is not a substitute for medical diagnosis" in text


def test_the_pair_links_each_other_with_x_default(files: dict[str, bytes]) -> None:
    expected = {
        ("en-US", f"{BASE}/articles/what-to-expect-swedish-massage/"),
        ("es-US", f"{BASE}/articles/que-esperar-primer-masaje-sueco/"),
        ("x-default", f"{BASE}/articles/what-to-expect-swedish-massage/"),
    }
    for path in (SPANISH, ENGLISH):
        links = page(files, path).select("link[hreflang]")
        assert {(str(link["hreflang"]), str(link["href"])) for link in links} == expected


def test_a_spanish_first_practice_speaks_spanish_on_every_page(tmp_path: Path) -> None:
    root = tmp_path / "es"
    (root / "articles").mkdir(parents=True)
    (root / "practice.yaml").write_text(
        MINIMAL_PRACTICE.replace(
            "  name: Test Practice\n", "  name: Test Practice\n  language: es-US\n"
        ),
        encoding="utf-8",
    )
    built, _report = build_site(load_site(root), BuildOptions())
    pages = {path: data for path, data in built.items() if path.endswith(".html")}
    assert {"index.html", "about/index.html", "404.html"} <= set(pages)
    for path, data in pages.items():
        soup = BeautifulSoup(data.decode(), "html.parser")
        assert soup.html is not None
        assert soup.html["lang"] == "es-US", path
        nav = [a.get_text() for a in soup.select("nav.site-nav a")]
        assert nav == ["Servicios", "Sobre mí", "Oficinas", "Artículos"], path
        assert soup.select_one("a.skip-link").get_text() == "Saltar al contenido"  # type: ignore[union-attr]
        assert "Alex Example, Certified Massage Therapist (CAMTC), certificado n.º 12345" in (
            soup.select_one(".certified").get_text()  # type: ignore[union-attr]
        )
    home = BeautifulSoup(pages["index.html"].decode(), "html.parser")
    assert home.select_one("a.button").get_text() == "Reservar una sesión"  # type: ignore[union-attr]
    not_found = BeautifulSoup(pages["404.html"].decode(), "html.parser")
    assert "La página que busca no está aquí" in not_found.get_text()
