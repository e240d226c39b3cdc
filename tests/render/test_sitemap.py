"""Sitemaps: parsed with lxml and validated against the sitemaps.org and Google extension XSDs."""

from __future__ import annotations

import html
import tracemalloc
from collections.abc import Iterable, Iterator
from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st
from lxml import etree

from nmt_content.errors import BuildError
from nmt_content.render.sitemap import (
    IMAGE_NS,
    SITEMAP_NS,
    XHTML_NS,
    SitemapAlternate,
    SitemapDocument,
    SitemapEntry,
    SitemapImage,
    render_sitemap_stylesheet,
    sitemap_documents,
)
from nmt_content.render.xmltext import rfc3339_datetime, strip_invalid_xml, w3c_datetime

from ..conftest import TEST_DATA

BASE = "https://massage.example"
NS = {"sm": SITEMAP_NS, "image": IMAGE_NS, "xhtml": XHTML_NS}
DATA_DIR = TEST_DATA
HOSTILE = (
    "https://massage.example/a?</script><!--x-->]]>&amp;\"'\x00\x01\x08\x0b\x1f\ufffe\ud800\r\n\tz"
)


# --- helpers -------------------------------------------------------------------------------------


def _schema_file(name: str) -> Path:
    return DATA_DIR / name


@pytest.fixture(scope="module")
def urlset_schema() -> etree.XMLSchema:
    """sitemap.xsd plus the image and xhtml extensions, which its strict ``xsd:any`` requires."""
    imports = {
        SITEMAP_NS: _schema_file("sitemap.xsd"),
        IMAGE_NS: _schema_file("sitemap-image.xsd"),
        XHTML_NS: _schema_file("xhtml-link.xsd"),
    }
    lines = [
        f'<xsd:import namespace="{namespace}" schemaLocation="{path.as_uri()}"/>'
        for namespace, path in imports.items()
    ]
    wrapper = (
        '<xsd:schema xmlns:xsd="http://www.w3.org/2001/XMLSchema">'
        + "".join(lines)
        + "</xsd:schema>"
    )
    return etree.XMLSchema(etree.fromstring(wrapper.encode()))


@pytest.fixture(scope="module")
def index_schema() -> etree.XMLSchema:
    return etree.XMLSchema(etree.parse(str(_schema_file("siteindex.xsd"))))


def _render(entries: Iterable[SitemapEntry], **options: object) -> dict[str, bytes]:
    """All documents, in the order produced, as ``{path: content}``."""
    documents = sitemap_documents(entries, base_url=BASE, **options)  # type: ignore[arg-type]
    rendered = {document.path: b"".join(document.chunks) for document in documents}
    return rendered


def _parse(content: bytes) -> etree._ElementTree:
    return etree.ElementTree(etree.fromstring(content))


def _locs(content: bytes) -> list[str]:
    root = etree.fromstring(content)
    return [loc.text or "" for loc in root.iterfind("sm:url/sm:loc", NS)]


def _assert_valid(schema: etree.XMLSchema, content: bytes) -> None:
    tree = _parse(content)
    assert schema.validate(tree), schema.error_log


def _pages(count: int) -> list[SitemapEntry]:
    return [
        SitemapEntry(f"{BASE}/page-{i}/", date(2024, 1, 1) + timedelta(days=i))
        for i in range(count)
    ]


# --- date formatting ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (date(2024, 3, 5), "2024-03-05"),
        (datetime(2024, 3, 5, 6, 7, 8, 999), "2024-03-05T06:07:08Z"),
        (datetime(2024, 3, 5, 6, 7, 8, tzinfo=UTC), "2024-03-05T06:07:08Z"),
        (
            datetime(2024, 3, 5, 6, 7, 8, tzinfo=timezone(timedelta(hours=5, minutes=30))),
            "2024-03-05T06:07:08+05:30",
        ),
        (
            datetime(2024, 3, 5, 6, 7, 8, tzinfo=timezone(-timedelta(hours=3))),
            "2024-03-05T06:07:08-03:00",
        ),
        (
            datetime(2024, 3, 5, 6, 7, 8, tzinfo=timezone(timedelta(hours=1, seconds=30))),
            "2024-03-05T05:06:38Z",
        ),
    ],
)
def test_w3c_datetime(value: date | datetime, expected: str) -> None:
    assert w3c_datetime(value) == expected


def test_rfc3339_datetime_gives_dates_midnight_utc() -> None:
    assert rfc3339_datetime(date(2024, 3, 5)) == "2024-03-05T00:00:00Z"
    assert rfc3339_datetime(datetime(2024, 3, 5, 1, 2, 3)) == "2024-03-05T01:02:03Z"


# --- one file ----------------------------------------------------------------------------------


def test_single_file_urlset(urlset_schema: etree.XMLSchema) -> None:
    entries = [
        SitemapEntry(f"{BASE}/", date(2024, 5, 1)),
        SitemapEntry(f"{BASE}/preise/", datetime(2024, 5, 2, 9, 30, tzinfo=UTC)),
        SitemapEntry(f"{BASE}/kontakt/"),
    ]
    documents = _render(entries)
    assert list(documents) == ["sitemap.xml"]
    content = documents["sitemap.xml"]
    _assert_valid(urlset_schema, content)
    root = etree.fromstring(content)
    assert root.tag == f"{{{SITEMAP_NS}}}urlset"
    assert root.nsmap == {None: SITEMAP_NS}
    assert _locs(content) == [entry.loc for entry in entries]
    urls = root.findall("sm:url", NS)
    assert [url.findtext("sm:lastmod", namespaces=NS) for url in urls] == [
        "2024-05-01",
        "2024-05-02T09:30:00Z",
        None,
    ]
    assert not root.xpath("//sm:changefreq | //sm:priority", namespaces=NS)


def test_output_is_deterministic() -> None:
    entries = _pages(20)
    assert _render(entries, max_urls=7) == _render(entries, max_urls=7)


def test_empty_input_gives_an_empty_urlset() -> None:
    documents = _render([])
    assert list(documents) == ["sitemap.xml"]
    root = etree.fromstring(documents["sitemap.xml"])
    assert root.tag == f"{{{SITEMAP_NS}}}urlset"
    assert len(root) == 0


def test_documents_are_reiterable_tuples() -> None:
    (document,) = sitemap_documents(_pages(2), base_url=BASE)
    assert isinstance(document, SitemapDocument)
    assert b"".join(document.chunks) == b"".join(document.chunks)


# --- splitting -----------------------------------------------------------------------------------


def test_split_by_max_urls(urlset_schema: etree.XMLSchema, index_schema: etree.XMLSchema) -> None:
    lastmods: list[date | datetime | None] = [
        date(2024, 1, 5),
        datetime(2024, 1, 9, 12, tzinfo=timezone(timedelta(hours=2))),
        date(2024, 1, 1),
        None,
        datetime(2024, 2, 1, 8, 0),
        date(2024, 1, 31),
        None,
    ]
    entries = [SitemapEntry(f"{BASE}/p{i}", lastmod) for i, lastmod in enumerate(lastmods)]
    documents = _render(entries, max_urls=3)

    assert list(documents) == ["sitemap-1.xml", "sitemap-2.xml", "sitemap-3.xml", "sitemap.xml"]
    children = [documents[f"sitemap-{i}.xml"] for i in (1, 2, 3)]
    for child in children:
        _assert_valid(urlset_schema, child)
    assert [len(_locs(child)) for child in children] == [3, 3, 1]
    all_locs = [loc for child in children for loc in _locs(child)]
    assert all_locs == [entry.loc for entry in entries]

    index = documents["sitemap.xml"]
    _assert_valid(index_schema, index)
    root = etree.fromstring(index)
    assert root.tag == f"{{{SITEMAP_NS}}}sitemapindex"
    records = [
        (record.findtext("sm:loc", namespaces=NS), record.findtext("sm:lastmod", namespaces=NS))
        for record in root.iterfind("sm:sitemap", NS)
    ]
    assert records == [
        (f"{BASE}/sitemap-1.xml", "2024-01-09T12:00:00+02:00"),
        (f"{BASE}/sitemap-2.xml", "2024-02-01T08:00:00Z"),
        (f"{BASE}/sitemap-3.xml", None),
    ]


def test_base_url_with_path_and_trailing_slash() -> None:
    documents = sitemap_documents(_pages(3), base_url=f"{BASE}/praxis/", max_urls=2)
    index = b"".join(list(documents)[-1].chunks)
    locs = etree.fromstring(index).xpath("//sm:loc/text()", namespaces=NS)
    assert locs == [f"{BASE}/praxis/sitemap-1.xml", f"{BASE}/praxis/sitemap-2.xml"]


def test_exactly_max_urls_stays_one_file() -> None:
    assert list(_render(_pages(5), max_urls=5)) == ["sitemap.xml"]
    assert list(_render(_pages(6), max_urls=5))[-1] == "sitemap.xml"
    assert len(_render(_pages(6), max_urls=5)) == 3


def test_split_by_max_bytes(urlset_schema: etree.XMLSchema, index_schema: etree.XMLSchema) -> None:
    entries = _pages(40)
    whole = _render(entries)["sitemap.xml"]
    assert list(_render(entries, max_bytes=len(whole))) == ["sitemap.xml"]

    max_bytes = len(whole) // 3
    documents = _render(entries, max_bytes=max_bytes)
    children = [content for path, content in documents.items() if path != "sitemap.xml"]
    assert len(children) >= 3
    assert all(len(child) <= max_bytes for child in children)
    for child in children:
        _assert_valid(urlset_schema, child)
    _assert_valid(index_schema, documents["sitemap.xml"])
    assert [loc for child in children for loc in _locs(child)] == [e.loc for e in entries]
    # Greedy filling: each full child could not have taken the first entry of the next one.
    first_len = len(_locs(children[0]))
    assert first_len >= max(len(_locs(child)) for child in children[1:])


def test_max_bytes_counts_encoded_utf8() -> None:
    entries = [SitemapEntry(f"{BASE}/{'ü' * 100}-{i}") for i in range(10)]
    whole = _render(entries, stylesheet=None)["sitemap.xml"]
    documents = _render(entries, stylesheet=None, max_bytes=len(whole) - 1)
    assert len(documents) > 1
    assert all(len(content) <= len(whole) - 1 for content in documents.values())


def test_entry_larger_than_max_bytes_is_an_error() -> None:
    entries = [SitemapEntry(f"{BASE}/short"), SitemapEntry(f"{BASE}/{'x' * 500}")]
    with pytest.raises(BuildError, match="larger than max_bytes"):
        _render(entries, max_bytes=400)


@pytest.mark.parametrize(
    "options",
    [
        {"max_urls": 0},
        {"max_urls": 50_001},
        {"max_bytes": 0},
        {"max_bytes": 50 * 1024 * 1024 + 1},
        {"base_url": "/relative"},
        {"base_url": "javascript:alert(1)"},
    ],
)
def test_invalid_options_fail_at_call_time(options: dict[str, object]) -> None:
    arguments: dict[str, object] = {"base_url": BASE, **options}
    with pytest.raises(ValueError, match="must be"):
        sitemap_documents(iter(()), **arguments)  # type: ignore[arg-type]


# --- extensions ----------------------------------------------------------------------------------


def test_images_and_alternates(urlset_schema: etree.XMLSchema) -> None:
    alternates = (
        SitemapAlternate("de", f"{BASE}/de/massage/"),
        SitemapAlternate("en", f"{BASE}/en/massage/"),
        SitemapAlternate("x-default", f"{BASE}/massage/"),
    )
    entries = [
        SitemapEntry(
            f"{BASE}/de/massage/",
            date(2024, 6, 1),
            images=(SitemapImage(f"{BASE}/img/a.jpg"), SitemapImage(f"{BASE}/img/b.jpg")),
            alternates=alternates,
        ),
        SitemapEntry(f"{BASE}/impressum/"),
    ]
    content = _render(entries)["sitemap.xml"]
    _assert_valid(urlset_schema, content)
    root = etree.fromstring(content)
    assert root.nsmap == {None: SITEMAP_NS, "image": IMAGE_NS, "xhtml": XHTML_NS}
    first, second = root.findall("sm:url", NS)
    assert first.xpath("image:image/image:loc/text()", namespaces=NS) == [
        f"{BASE}/img/a.jpg",
        f"{BASE}/img/b.jpg",
    ]
    links = first.findall("xhtml:link", NS)
    assert [(link.get("rel"), link.get("hreflang"), link.get("href")) for link in links] == [
        ("alternate", alternate.hreflang, alternate.href) for alternate in alternates
    ]
    assert len(second) == 1


def test_namespaces_only_when_used(urlset_schema: etree.XMLSchema) -> None:
    with_images = [SitemapEntry(f"{BASE}/a", images=(SitemapImage(f"{BASE}/i.png"),))]
    with_links = [SitemapEntry(f"{BASE}/a", alternates=(SitemapAlternate("de", f"{BASE}/a"),))]
    image_root = etree.fromstring(_render(with_images)["sitemap.xml"])
    link_root = etree.fromstring(_render(with_links)["sitemap.xml"])
    assert image_root.nsmap == {None: SITEMAP_NS, "image": IMAGE_NS}
    assert link_root.nsmap == {None: SITEMAP_NS, "xhtml": XHTML_NS}

    # Per child: only the child that holds images declares the image namespace.
    documents = _render([*_pages(2), *with_images], max_urls=2)
    assert etree.fromstring(documents["sitemap-1.xml"]).nsmap == {None: SITEMAP_NS}
    assert "image" in etree.fromstring(documents["sitemap-2.xml"]).nsmap
    for path in ("sitemap-1.xml", "sitemap-2.xml"):
        _assert_valid(urlset_schema, documents[path])


def test_more_than_1000_images_are_dropped(urlset_schema: etree.XMLSchema) -> None:
    images = tuple(SitemapImage(f"{BASE}/img/{i}.jpg") for i in range(1_005))
    content = _render([SitemapEntry(f"{BASE}/galerie/", images=images)])["sitemap.xml"]
    _assert_valid(urlset_schema, content)
    locs = etree.fromstring(content).xpath("//image:loc/text()", namespaces=NS)
    assert locs == [image.loc for image in images[:1_000]]


# --- hostile text --------------------------------------------------------------------------------


def test_hostile_text_round_trips_minus_forbidden_characters() -> None:
    entry = SitemapEntry(
        HOSTILE,
        images=(SitemapImage(HOSTILE),),
        alternates=(SitemapAlternate(HOSTILE, HOSTILE),),
    )
    content = _render([entry], stylesheet=HOSTILE)["sitemap.xml"]
    tree = _parse(content)  # well-formed; not schema-valid, since the text is not a URI
    clean = strip_invalid_xml(HOSTILE)
    assert "\x00" not in clean
    assert "\ud800" not in clean
    assert tree.findtext("sm:url/sm:loc", namespaces=NS) == clean
    assert tree.findtext(".//image:loc", namespaces=NS) == clean
    link = tree.find(".//xhtml:link", NS)
    assert link is not None
    as_attribute = clean.replace("\r", " ").replace("\n", " ").replace("\t", " ")
    assert link.get("href") == as_attribute
    assert link.get("hreflang") == as_attribute
    # Exactly the elements we wrote: nothing injected by the markup in the text.
    assert [element.tag for element in tree.iter(etree.Element)] == [
        f"{{{SITEMAP_NS}}}urlset",
        f"{{{SITEMAP_NS}}}url",
        f"{{{SITEMAP_NS}}}loc",
        f"{{{IMAGE_NS}}}image",
        f"{{{IMAGE_NS}}}loc",
        f"{{{XHTML_NS}}}link",
    ]
    assert not tree.xpath("//comment()")
    # The parser leaves a processing instruction's pseudo-attributes undecoded; browsers decode
    # the references, as html.unescape does here.
    (pi,) = tree.xpath("/processing-instruction('xml-stylesheet')")
    assert html.unescape(pi.get("href")) == as_attribute
    assert pi.get("type") == "text/xsl"


@settings(deadline=None)
@given(
    loc=st.text(alphabet=st.characters(exclude_categories=())),
    hreflang=st.text(alphabet=st.characters(exclude_categories=())),
)
@example(loc="]]>\r\n<!--", hreflang="\"'\r\n\t")
@example(loc="\ud83d\ude00\x00", hreflang="\ufffe")
def test_any_text_survives_the_round_trip(loc: str, hreflang: str) -> None:
    entry = SitemapEntry(loc, alternates=(SitemapAlternate(hreflang, loc),))
    content = _render([entry])["sitemap.xml"]
    root = etree.fromstring(content)
    assert (root.findtext("sm:url/sm:loc", namespaces=NS) or "") == strip_invalid_xml(loc)
    link = root.find("sm:url/xhtml:link", NS)
    assert link is not None
    expected = strip_invalid_xml(hreflang)
    assert link.get("hreflang") == expected.replace("\r", " ").replace("\n", " ").replace("\t", " ")


# --- stylesheet ----------------------------------------------------------------------------------


def _stylesheet_pis(content: bytes) -> list[etree._Element]:
    pis: list[etree._Element] = _parse(content).xpath("/processing-instruction()")
    return pis


def test_stylesheet_processing_instruction() -> None:
    entries = _pages(3)
    (pi,) = _stylesheet_pis(_render(entries)["sitemap.xml"])
    assert pi.target == "xml-stylesheet"
    assert pi.get("type") == "text/xsl"
    assert pi.get("href") == "/sitemap.xsl"

    for content in _render(entries, max_urls=2, stylesheet="/static/s.xsl").values():
        (pi,) = _stylesheet_pis(content)
        assert pi.get("href") == "/static/s.xsl"

    for content in _render(entries, max_urls=2, stylesheet=None).values():
        assert _stylesheet_pis(content) == []


@pytest.fixture(scope="module")
def transform() -> etree.XSLT:
    stylesheet = etree.fromstring(render_sitemap_stylesheet().encode())
    assert stylesheet.tag == "{http://www.w3.org/1999/XSL/Transform}stylesheet"
    assert stylesheet.get("version") == "1.0"
    return etree.XSLT(stylesheet)


def _html(transform: etree.XSLT, content: bytes) -> etree._Element:
    result = str(transform(etree.fromstring(content)))
    assert result.lstrip().lower().startswith("<!doctype html")
    page: etree._Element = etree.fromstring(result, etree.HTMLParser())
    return page


def _assert_accessible_table(page: etree._Element, rows: int) -> etree._Element:
    assert page.tag == "html"
    assert page.get("lang") == "en"
    assert page.findtext("head/title")
    (table,) = page.iter("table")
    assert table.findtext("caption")
    assert all(th.get("scope") in {"col", "row"} for th in table.iter("th"))
    assert len(table.findall("tbody/tr")) == rows
    # Nothing is fetched from elsewhere: no scripts, external styles, images or frames.
    assert not page.xpath("//script | //link | //img | //iframe | //@src")
    assert "@import" not in "".join(page.xpath("//style/text()"))
    return table


def test_stylesheet_renders_urlset_as_table(transform: etree.XSLT) -> None:
    entries = [
        SitemapEntry(
            f"{BASE}/de/",
            date(2024, 6, 1),
            images=(SitemapImage(f"{BASE}/a.jpg"),),
            alternates=(SitemapAlternate("en", f"{BASE}/en/"),),
        ),
        SitemapEntry("javascript:alert(1)//", date(2024, 6, 2)),
        SitemapEntry(f"{BASE}/</script>&"),
    ]
    table = _assert_accessible_table(_html(transform, _render(entries)["sitemap.xml"]), 3)
    hrefs = table.xpath("//a/@href")
    assert hrefs == [f"{BASE}/de/", f"{BASE}/en/", f"{BASE}/</script>&"]
    assert "javascript:alert(1)//" in table.xpath("string(tbody/tr[2]/th)")
    assert table.xpath("string(tbody/tr[1]/td[1])") == "2024-06-01"


def test_stylesheet_renders_index_as_table(transform: etree.XSLT) -> None:
    documents = _render(_pages(5), max_urls=2)
    table = _assert_accessible_table(_html(transform, documents["sitemap.xml"]), 3)
    assert table.xpath("//a/@href") == [f"{BASE}/sitemap-{i}.xml" for i in (1, 2, 3)]


# --- streaming -----------------------------------------------------------------------------------


class _CountingPages:
    """A generator-like source that records how many entries were pulled from it."""

    def __init__(self, count: int) -> None:
        self.count = count
        self.pulled = 0

    def __iter__(self) -> Iterator[SitemapEntry]:
        start = date(2020, 1, 1)
        for i in range(self.count):
            self.pulled += 1
            yield SitemapEntry(f"{BASE}/artikel/{i}/", start + timedelta(days=i % 2000))


@pytest.mark.slow
def test_200000_entries_are_consumed_lazily() -> None:
    source = _CountingPages(200_000)
    paths: list[str] = []
    url_count = 0
    for document in sitemap_documents(source, base_url=BASE, max_urls=50_000):
        # When a child comes out, at most one entry beyond it has been read.
        assert source.pulled <= 50_000 * (len(paths) + 1) + 1
        paths.append(document.path)
        if document.path != "sitemap.xml":
            url_count += sum(chunk.count(b"<url>") for chunk in document.chunks)
    assert paths == [f"sitemap-{i}.xml" for i in range(1, 5)] + ["sitemap.xml"]
    assert url_count == 200_000


@pytest.mark.slow
def test_streaming_memory_stays_bounded_by_a_child() -> None:
    source = _CountingPages(40_000)
    largest = total = 0
    tracemalloc.start()
    try:
        for document in sitemap_documents(source, base_url=BASE, max_urls=5_000):
            size = sum(len(chunk) for chunk in document.chunks)
            largest, total = max(largest, size), total + size
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    # About two children are alive at once (the one being written and the one being filled);
    # holding every entry, or every rendered file, would need several times the output size.
    assert peak < 3 * largest + 512 * 1024
    assert peak < total / 2
