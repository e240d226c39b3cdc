"""Properties of slugs and URLs, text cleaning, JSON-LD embedding, sitemaps, the feed and whole pages.

Each property is read back the way a consumer reads the output: JSON-LD through an HTML parser
(Python's, and libxml2's) and then json, XML through lxml. The number of examples comes from the
Hypothesis profile (tests/conftest.py): a short run in `make test`, 10,000 in `make fuzz`.
"""

from __future__ import annotations

import dataclasses
import json
import os
import posixpath
import re
import string
import subprocess
import sys
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest
import yaml
from bs4 import BeautifulSoup
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from lxml import etree
from pydantic import ValidationError
from slugify import slugify

from nmt_content.checks.html_scan import ScannedPage
from nmt_content.checks.text import has_fence, markdown_headings
from nmt_content.content.parse import parse_article
from nmt_content.models import FrontMatter, KnowledgeBase
from nmt_content.models.text import clean_text, clean_text_and_count_words, count_words
from nmt_content.models.types import check_slug
from nmt_content.pipeline.build import build_site
from nmt_content.render.feed import FeedEntry, FeedMeta, render_atom_feed
from nmt_content.render.sitemap import (
    SitemapAlternate,
    SitemapEntry,
    SitemapImage,
    sitemap_documents,
)
from nmt_content.render.xmltext import instant, strip_invalid_xml
from nmt_content.schema.jsonld import jsonld_script
from nmt_content.site import Site
from nmt_content.urls import Urls, normalise_base_url, output_file

from .conftest import MINIMAL_ARTICLE, MINIMAL_PRACTICE

ANY_TEXT = st.text(alphabet=st.characters(exclude_categories=()))
"""Every code point, lone surrogates and controls included."""
WINDOWS_DEVICES = {
    "con",
    "prn",
    "aux",
    "nul",
    *(f"{d}{n}" for d in ("com", "lpt") for n in range(1, 10)),
}
NO_SURROGATES = st.text(alphabet=st.characters(exclude_categories=("Cs",)))

# -- slugs, paths and URLs -------------------------------------------------------------------------


@given(ANY_TEXT)
def test_slugify_gives_a_valid_slug_or_nothing(text: str) -> None:
    slug = slugify(text)
    assume(slug)
    if slug in WINDOWS_DEVICES:  # refused, so a title such as "Nul" needs an explicit slug
        with pytest.raises(ValueError, match="device name on Windows"):
            check_slug(slug)
        return
    assert check_slug(slug) == slug
    assert output_file(Urls.article(slug)) == f"articles/{slug}/index.html"


@given(ANY_TEXT)
def test_an_accepted_slug_is_one_safe_path_segment(text: str) -> None:
    try:
        slug = check_slug(text)
    except ValueError:
        return
    assert slug
    assert not set(slug) & set("/\\.%?#&<>\"' \t\r\n\x00")
    assert not any(c.isspace() or ord(c) < 0x20 for c in slug)
    for path, folder in (
        (Urls.article(slug), "articles"),
        (Urls.service(slug), "services"),
        (Urls.location(slug), "locations"),
    ):
        assert path == f"/{folder}/{quote(slug)}/"
        assert output_file(path) == f"{folder}/{slug}/index.html"


@given(
    st.one_of(
        ANY_TEXT, st.lists(st.sampled_from(["..", ".", "a", "", "/", "\\", "%2e"])).map("/".join)
    )
)
def test_an_output_file_never_leaves_the_output_folder(path: str) -> None:
    try:
        relative = output_file(path)
    except ValueError:
        return
    assert relative
    assert not relative.startswith("/")
    assert posixpath.normpath(relative) == relative
    assert ".." not in relative.split("/")
    assert "\\" not in relative
    assert "\x00" not in relative


_HOST = st.from_regex(r"\A[a-z0-9]([a-z0-9-]{0,20}[a-z0-9])?(\.[a-z]{2,6}){1,2}(:[0-9]{2,5})?\Z")
_SEGMENT = st.text(alphabet=string.ascii_letters + string.digits + "-._~%!$&'()*+,;=:@", max_size=8)


@pytest.mark.slow
@given(
    scheme=st.sampled_from(["http", "https", "HTTPS", "ftp", "javascript", ""]),
    host=_HOST,
    segments=st.lists(_SEGMENT, max_size=4),
    noise=st.sampled_from(["", " ", "\r\n", "\t", "?q=1", "#top", "//", "\x00", "\u2028"]),
)
def test_a_base_url_is_normalised_once_and_for_all(
    scheme: str, host: str, segments: list[str], noise: str
) -> None:
    url = f"{scheme}://{host}/{'/'.join(segments)}{noise}"
    try:
        base = normalise_base_url(url)
    except ValueError:
        inner = url.strip()
        unsafe = any(c.isspace() or ord(c) < 0x20 or 0x7F <= ord(c) <= 0x9F for c in inner)
        assert scheme.lower() not in ("http", "https") or unsafe
        return
    assert scheme.lower() in ("http", "https")
    assert base.endswith("/")
    assert "?" not in base
    assert "#" not in base
    assert not any(c.isspace() or ord(c) < 0x20 for c in base)
    assert normalise_base_url(base) == base
    urls = Urls.for_base(url)
    assert urls.absolute("/about/") == base + "about/"
    assert urls.absolute(Urls.article("a-b")) == base + "articles/a-b/"


# -- text cleaning ---------------------------------------------------------------------------------

_REMOVED = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufdd0-\ufdef"
    + "".join(f"{chr(p << 16 | 0xFFFE)}{chr(p << 16 | 0xFFFF)}" for p in range(17))
    + "]"
)


@given(st.one_of(ANY_TEXT, st.text(alphabet=st.characters(max_codepoint=127))))
def test_cleaning_removes_exactly_the_unrepresentable_characters(text: str) -> None:
    cleaned = clean_text(text)
    lf = text.replace("\r\n", "\n").replace("\r", "\n")
    assert cleaned == "".join(c for c in lf if not _REMOVED.match(c))
    assert clean_text(cleaned) == cleaned
    assert "\r" not in cleaned
    cleaned.encode("utf-8")  # never raises: no lone surrogates left
    assert strip_invalid_xml(cleaned) == cleaned


@given(st.one_of(ANY_TEXT, st.text(alphabet=string.printable + "\x1c\x1d\x1e\x1f\x85\xa0")))
def test_counting_words_equals_splitting(text: str) -> None:
    assert count_words(text) == len(text.split())


@given(st.one_of(ANY_TEXT, st.text(alphabet=string.printable + "\x00\x1c\x1f\x7f\x85\xa0")))
def test_cleaning_and_counting_at_once_equals_one_after_the_other(text: str) -> None:
    cleaned = clean_text(text)
    assert clean_text_and_count_words(text) == (cleaned, len(cleaned.split()))


def _headings_reference(markdown: str) -> list[tuple[int, int]]:
    """ATX headings by line, outside code fences, the plain way."""
    found, fence = [], False
    for number, line in enumerate(markdown.split("\n")):
        if line.lstrip().startswith(("```", "~~~")):
            fence = not fence
        elif not fence and (match := re.match(r"(#{1,6})[ \t]", line)):
            found.append((len(match.group(1)), number))
    return found


@given(st.text(alphabet="#`~ \tab\n", max_size=80))
def test_markdown_headings_are_found_on_their_lines(markdown: str) -> None:
    assert markdown_headings(markdown) == _headings_reference(markdown)
    assert has_fence(markdown) == ("```" in markdown or "~~~" in markdown)


def _is_text_at_reference(page: ScannedPage, position: int) -> bool:
    """Whether ``position`` is in shown text, searched back from there every time."""
    text = page.html
    tag_start = text.rfind("<", 0, position)
    if tag_start > text.rfind(">", 0, position):
        return False
    for opener in ("<script", "<style", "<template", "<noscript"):
        opened = text.rfind(opener, page.body_start, position)
        if opened != -1 and text.find("</" + opener[1:], opened, position) == -1:
            return False
    return " hidden" not in text[tag_start:position].lower()


_HTML_BITS = st.sampled_from(
    ["<body>", "<p>", "</p>", "<script>", "</script>", "<style>", "</style>", "<template>",
     "</template>", "<noscript>", "</noscript>", "<p hidden>", " x ", "ab", "<", ">", "</"]
)  # fmt: skip


@given(st.lists(_HTML_BITS, max_size=25).map("".join))
def test_visible_places_are_those_a_backward_search_finds(markup: str) -> None:
    page = ScannedPage(markup)
    for position in range(len(markup) + 1):
        assert page._is_text_at(position) == _is_text_at_reference(page, position), position


# -- JSON-LD in a script element -------------------------------------------------------------------

_JSON_TEXT = NO_SURROGATES


def _containers(children: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    return st.lists(children, max_size=4) | st.dictionaries(_JSON_TEXT, children, max_size=4)


_JSON_VALUES = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(-(2**53), 2**53)
    | st.floats(allow_nan=False, allow_infinity=False)
    | _JSON_TEXT,
    _containers,
    max_leaves=20,
)
_SCRIPT_WORDS = st.sampled_from(
    [
        "</script>",
        "</SCRIPT >",
        "<script>",
        "<!--",
        "-->",
        "<![CDATA[",
        "]]>",
        "&",
        "&amp;",
        "\u2028",
    ]
)
_HOSTILE_TEXT = st.lists(st.one_of(_SCRIPT_WORDS, _JSON_TEXT), max_size=6).map("".join)


@pytest.mark.slow
@given(
    st.dictionaries(st.one_of(_JSON_TEXT, _HOSTILE_TEXT), st.one_of(_JSON_VALUES, _HOSTILE_TEXT))
)
def test_json_ld_survives_any_html_parser_unchanged(data: dict[str, Any]) -> None:
    script = jsonld_script(data)
    document = f"<!DOCTYPE html><html><head>{script}</head><body><p>after</p></body></html>"
    for parser in ("html.parser", "lxml"):
        soup = BeautifulSoup(document, parser)
        scripts = soup.find_all("script")
        assert len(scripts) == 1, parser
        assert scripts[0].get("type") == "application/ld+json"
        assert json.loads(scripts[0].get_text()) == data, parser
        paragraphs = soup.find_all("p")
        assert [p.get_text() for p in paragraphs] == ["after"], parser
    body = script.removeprefix('<script type="application/ld+json">').removesuffix("</script>")
    assert not set(body) & set("<>&\u2028\u2029")


# -- sitemaps ----------------------------------------------------------------------------------------

SM = {
    "sm": "http://www.sitemaps.org/schemas/sitemap/0.9",
    "image": "http://www.google.com/schemas/sitemap-image/1.1",
    "xhtml": "http://www.w3.org/1999/xhtml",
}
_OFFSETS = st.integers(-14 * 60, 14 * 60).map(lambda m: timezone(timedelta(minutes=m)))
_DATES = st.one_of(
    st.dates(date(1990, 1, 1), date(2100, 1, 1)),
    st.datetimes(
        datetime(1990, 1, 2), datetime(2099, 12, 30), timezones=st.one_of(st.none(), _OFFSETS)
    ),
)
_ENTRIES = st.builds(
    SitemapEntry,
    loc=ANY_TEXT,
    lastmod=st.one_of(st.none(), _DATES),
    images=st.lists(st.builds(SitemapImage, ANY_TEXT), max_size=2).map(tuple),
    alternates=st.lists(st.builds(SitemapAlternate, ANY_TEXT, ANY_TEXT), max_size=2).map(tuple),
)


def _attribute(value: str) -> str:
    """What an XML parser gives back for an attribute value we wrote."""
    return re.sub("[\t\r\n]", " ", strip_invalid_xml(value))


def _same_instant(written: str, value: date | datetime) -> bool:
    if not isinstance(value, datetime):
        return written == value.isoformat()
    parsed = datetime.fromisoformat(written.replace("Z", "+00:00"))
    return parsed == instant(value).replace(microsecond=0)


@pytest.mark.slow
@given(entries=st.lists(_ENTRIES, max_size=8), max_urls=st.integers(1, 4))
def test_sitemaps_parse_back_to_their_entries(entries: list[SitemapEntry], max_urls: int) -> None:
    documents = list(sitemap_documents(entries, base_url="https://x.example/", max_urls=max_urls))
    parsed = {doc.path: etree.fromstring(b"".join(doc.chunks)) for doc in documents}
    children = [doc.path for doc in documents if doc.path != "sitemap.xml"]
    if children:
        index = parsed["sitemap.xml"]
        assert index.tag == f"{{{SM['sm']}}}sitemapindex"
        listed = index.xpath("sm:sitemap/sm:loc/text()", namespaces=SM)
        assert listed == [f"https://x.example/{path}" for path in children]
    urls = [
        url for path in children or ["sitemap.xml"] for url in parsed[path].findall("sm:url", SM)
    ]
    assert len(urls) == len(entries)
    for url, entry in zip(urls, entries, strict=True):
        assert (url.findtext("sm:loc", namespaces=SM) or "") == strip_invalid_xml(entry.loc)
        lastmod = url.findtext("sm:lastmod", namespaces=SM)
        if entry.lastmod is None:
            assert lastmod is None
        else:
            assert lastmod is not None
            assert _same_instant(lastmod, entry.lastmod)
        images = [i.text or "" for i in url.findall("image:image/image:loc", SM)]
        assert images == [strip_invalid_xml(i.loc) for i in entry.images]
        links = [(a.get("hreflang"), a.get("href")) for a in url.findall("xhtml:link", SM)]
        assert links == [(_attribute(a.hreflang), _attribute(a.href)) for a in entry.alternates]


# -- the Atom feed -----------------------------------------------------------------------------------

ATOM = {"a": "http://www.w3.org/2005/Atom"}
_FEED_ENTRIES = st.builds(
    FeedEntry,
    id=ANY_TEXT,
    title=ANY_TEXT,
    url=ANY_TEXT,
    published=_DATES,
    updated=_DATES,
    summary=ANY_TEXT,
    author_name=ANY_TEXT,
    author_uri=st.one_of(st.none(), ANY_TEXT),
    categories=st.lists(ANY_TEXT, max_size=3).map(tuple),
)


@pytest.mark.slow
@given(
    title=ANY_TEXT,
    language=st.one_of(st.none(), ANY_TEXT),
    entries=st.lists(_FEED_ENTRIES, max_size=4),
)
def test_a_feed_parses_back_to_its_entries(
    title: str, language: str | None, entries: list[FeedEntry]
) -> None:
    meta = FeedMeta(
        id="tag:x.example,2024:feed",
        title=title,
        site_url="https://x.example/",
        feed_url="https://x.example/feed.xml",
        author_name=title,
        language=language,
    )
    xml = render_atom_feed(meta, entries, updated_when_empty=date(2024, 1, 1))
    root = etree.fromstring(xml.encode("utf-8"))
    assert (root.findtext("a:title", namespaces=ATOM) or "") == strip_invalid_xml(title)
    assert not root.xpath("//comment() | //processing-instruction()")
    updated = root.findtext("a:updated", namespaces=ATOM)
    assert updated is not None
    if entries:
        newest = max(instant(e.updated) for e in entries)
        assert datetime.fromisoformat(updated.replace("Z", "+00:00")) == newest.replace(
            microsecond=0
        )
    found = root.findall("a:entry", ATOM)
    assert len(found) == len(entries)
    for element, entry in zip(found, entries, strict=True):
        for name, value in (("id", entry.id), ("title", entry.title), ("summary", entry.summary)):
            assert (element.findtext(f"a:{name}", namespaces=ATOM) or "") == strip_invalid_xml(
                value
            )
        assert (element.findtext("a:author/a:name", namespaces=ATOM) or "") == strip_invalid_xml(
            entry.author_name
        )
        terms = [c.get("term") for c in element.findall("a:category", ATOM)]
        assert terms == [_attribute(t) for t in entry.categories]
        (link,) = element.findall("a:link", ATOM)
        assert link.get("href") == _attribute(entry.url)


# -- whole pages from hostile content ----------------------------------------------------------------

_PRACTICE = yaml.safe_load(MINIMAL_PRACTICE)
_FRONT_MATTER_TEXT = MINIMAL_ARTICLE.split("---\n")[1]
_UNSAFE = re.compile(r"^(?:javascript|vbscript|data|file):", re.IGNORECASE)
_BODY_WORDS = st.sampled_from(
    [
        "<script>alert(1)</script>",
        "[x](javascript:alert(1))",
        "![y](data:text/html,x)",
        "<a href=javascript:x onclick=y>z</a>",
        "[r]\n\n[r]: vbscript:x",
        "<!--",
        "-->",
        "\n\n",
        "# ",
        "`",
        "&#106;",
    ]
)
_BODIES = st.lists(st.one_of(_BODY_WORDS, ANY_TEXT), max_size=8).map("".join)


def _site(name: str, title: str, description: str, body: str) -> Site | None:
    practice = {**_PRACTICE, "practice": {**_PRACTICE["practice"], "name": name}}
    try:
        knowledge = KnowledgeBase.model_validate(practice)
        meta = FrontMatter.model_validate(
            {**yaml.safe_load(_FRONT_MATTER_TEXT), "title": title, "description": description}
        )
    except ValidationError:
        return None  # e.g. a title that is empty once cleaned and stripped
    article, _source = parse_article(f"---\n{_FRONT_MATTER_TEXT}---\n{body}", "articles/a.md")
    return Site(knowledge=knowledge, articles=(dataclasses.replace(article, meta=meta),))


@pytest.mark.slow
@settings(deadline=None)
@given(name=ANY_TEXT, title=ANY_TEXT, description=ANY_TEXT, body=_BODIES)
def test_any_content_text_gives_inert_valid_pages(
    name: str, title: str, description: str, body: str
) -> None:
    site = _site(name, title, description, body)
    assume(site is not None)
    assert site is not None
    files, _report = build_site(site)  # the compiled templates are kept between builds
    shown_title = clean_text(title).strip()
    page = output_file(Urls.article(site.articles[0].meta.slug))
    for path in (page, "index.html"):
        soup = BeautifulSoup(files[path].decode("utf-8"), "html.parser")
        scripts = soup.find_all("script")
        assert [s.get("type") for s in scripts] == ["application/ld+json"], path
        graph = json.loads(scripts[0].get_text())
        names = {node.get("name") for node in graph["@graph"]}
        assert clean_text(name).strip() in names, path
        for tag in soup.find_all(True):
            assert not [a for a in tag.attrs if a.lower().startswith("on")], (path, tag)
            for attribute in ("href", "src"):
                value = re.sub(r"[\x00-\x20]", "", str(tag.get(attribute, "")))
                assert not _UNSAFE.match(value) or (
                    tag.name == "link" and value.startswith("data:image/svg")
                ), (path, tag)
    soup = BeautifulSoup(files[page].decode("utf-8"), "html.parser")
    h1 = soup.find("h1")
    assert h1 is not None
    assert h1.get_text() == shown_title
    graph = json.loads(soup.find_all("script")[0].get_text())
    article = next(node for node in graph["@graph"] if node["@type"] == "Article")
    assert article["headline"] == shown_title
    assert article["description"] == clean_text(description).strip()
    feed = etree.fromstring(files["feed.xml"])
    assert feed.findtext("a:entry/a:title", namespaces=ATOM) == shown_title
    assert feed.findtext("a:entry/a:summary", namespaces=ATOM) == clean_text(description).strip()
    etree.fromstring(files["sitemap.xml"])
    robots = files["robots.txt"].decode()
    assert [line.split(":")[0] for line in robots.splitlines() if line] == [
        "User-agent",
        "Disallow",
        "Sitemap",
    ]


# -- the profiles ----------------------------------------------------------------------------------


def test_no_test_fixes_its_own_number_of_examples() -> None:
    """A hard-coded ``max_examples`` would override the fuzz profile for that test."""
    tests = Path(__file__).parent
    offenders = [
        path.name
        for path in sorted(tests.rglob("*.py"))
        if path.name != "conftest.py" and "max_examples" + "=" in path.read_text(encoding="utf-8")
    ]
    assert offenders == []


@pytest.mark.slow
def test_the_fuzz_profile_is_chosen_by_the_environment() -> None:
    probe = "import tests.conftest; from hypothesis import settings; print(settings().max_examples)"
    for profile, expected in (("fuzz", "10000"), ("default", "100")):
        result = subprocess.run(
            [sys.executable, "-c", probe],
            capture_output=True,
            text=True,
            cwd=Path(__file__).parents[1],
            env={**os.environ, "HYPOTHESIS_PROFILE": profile},
            check=True,
        )
        assert result.stdout.strip() == expected
