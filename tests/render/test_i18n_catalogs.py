"""The theme's message catalogs are complete: every message the templates and render/ use (Babel's
extractor, with babel.cfg, as `make messages` runs it) is in the .pot and translated in every
language, with the same placeholders, and no catalog keeps messages the theme no longer uses."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.pofile import read_po

from nmt_content.render.formatting import human_date, time_tag
from nmt_content.render.i18n import LANGUAGES, catalog_language, translations

from ..conftest import REPO_ROOT

LOCALE = REPO_ROOT / "src" / "nmt_content" / "locale"
PLACEHOLDER = re.compile(r"%\((\w+)\)s")


def _read(path: Path, locale: str | None = None) -> Catalog:
    with path.open("rb") as source:
        return read_po(source, locale=locale)


def _extracted() -> set[str]:
    with (REPO_ROOT / "babel.cfg").open(encoding="utf-8") as config:
        method_map, options_map = parse_mapping_cfg(config)
    found = set()
    for _file, _line, message, _comments, _context in extract_from_dir(
        str(REPO_ROOT),
        method_map,
        options_map,
        directory_filter=lambda path: not Path(path).name.startswith((".", "_")),
    ):
        found.add(message if isinstance(message, str) else message[0])
    return found


@pytest.fixture(scope="module")
def extracted() -> set[str]:
    return _extracted()


@pytest.fixture(scope="module")
def template() -> Catalog:
    return _read(LOCALE / "messages.pot")


def _ids(catalog: Catalog) -> set[str]:
    return {m.id if isinstance(m.id, str) else m.id[0] for m in catalog if m.id}


def _pairs(catalog: Catalog) -> Iterator[tuple[str, str]]:
    for message in catalog:
        if not message.id:
            continue
        ids = (message.id,) if isinstance(message.id, str) else tuple(message.id)
        strings = (message.string,) if isinstance(message.string, str) else message.string
        for string in strings:
            yield ids[-1] if len(ids) > 1 else ids[0], string or ""


def test_the_extractor_finds_the_theme_words(extracted: set[str]) -> None:
    # From templates (``_()`` in base.html, a message with placeholders in _disclaimer.html) and
    # from Python (formatting.py's marked labels, views.py's CAMTC title).
    assert {"Skip to content", "Book a session", "Certificate #%(number)s"} <= extracted
    assert "CAMTC %(credential)s #%(number)s" in extracted
    assert any("healing arts practitioner" in m for m in extracted)


def test_the_pot_holds_exactly_the_extracted_messages(
    extracted: set[str], template: Catalog
) -> None:
    assert extracted - _ids(template) == set(), "run `make messages`"
    assert _ids(template) - extracted == set(), "stale messages: run `make messages`"


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_message_is_translated_in_every_language(language: str, template: Catalog) -> None:
    catalog = _read(LOCALE / language / "LC_MESSAGES" / "messages.po", language)
    assert _ids(template) - _ids(catalog) == set(), "run `make messages`, then translate"
    assert _ids(catalog) - _ids(template) == set(), "messages the theme no longer uses"
    assert not catalog.obsolete, "obsolete entries: run `make messages`"
    fuzzy = [m.id for m in catalog if m.id and m.fuzzy]
    assert fuzzy == []
    untranslated = [msgid for msgid, string in _pairs(catalog) if not string.strip()]
    assert untranslated == []
    for msgid, string in _pairs(catalog):
        assert sorted(PLACEHOLDER.findall(msgid)) == sorted(PLACEHOLDER.findall(string)), msgid
        assert string.count("%") == msgid.count("%"), msgid


def test_english_is_its_own_msgid() -> None:
    """The English output is exactly the text in the templates (and so byte-identical to the
    output before the catalogs)."""
    catalog = _read(LOCALE / "en" / "LC_MESSAGES" / "messages.po", "en")
    assert [(i, s) for i, s in _pairs(catalog) if i != s] == []


def test_the_spanish_disclaimer_names_its_source() -> None:
    catalog = _read(LOCALE / "es" / "LC_MESSAGES" / "messages.po", "es")
    disclaimer = catalog.get(
        "%(name)s is not licensed by the State of California as a healing arts practitioner."
    )
    assert disclaimer is not None
    assert "2053.5" in " ".join(disclaimer.user_comments)
    assert "leginfo.legislature.ca.gov" in " ".join(disclaimer.user_comments)
    assert disclaimer.string.startswith("%(name)s no tiene licencia del Estado de California")


@pytest.mark.parametrize(
    ("tag", "language"),
    [("es-US", "es"), ("es", "es"), ("ES-mx", "es"), ("en-US", "en"), ("fr-CA", "en")],
)
def test_the_page_language_picks_the_catalog(tag: str, language: str) -> None:
    assert catalog_language(tag) == language
    assert translations(tag).language == language
    assert translations(tag) is translations(language)  # one catalog per process


def test_spanish_gettext_and_fallback() -> None:
    spanish = translations("es-US")
    assert spanish.gettext("Book a session") == "Reservar una sesión"
    assert spanish.gettext("Not a message of the theme") == "Not a message of the theme"
    assert translations("en-US").gettext("Book a session") == "Book a session"


def test_dates_follow_the_language_and_stay_iso_in_the_attribute() -> None:
    day = date(2026, 11, 2)
    assert human_date(day) == "November 2, 2026"
    assert human_date(day, "es") == "2 de noviembre de 2026"
    assert str(time_tag(day, "es")) == '<time datetime="2026-11-02">2 de noviembre de 2026</time>'
    assert str(time_tag(day)) == '<time datetime="2026-11-02">November 2, 2026</time>'
