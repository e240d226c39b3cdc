"""Atom feed: parsed with lxml and checked against the elements RFC 4287 requires."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st
from lxml import etree

from nmt_content.render.feed import ATOM_NS, FeedEntry, FeedMeta, render_atom_feed
from nmt_content.render.xmltext import strip_invalid_xml, xml_attr, xml_text

NS = {"a": ATOM_NS}
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
SITE = "https://massage.example"
HOSTILE = "Rücken </script><!-- ]]> & \"Nacken\" 'Schulter' \x00\x07\x1b\ufffe\ud800\r\nEnde"

META = FeedMeta(
    id=f"{SITE}/",
    title="Praxis für Massage",
    site_url=f"{SITE}/",
    feed_url=f"{SITE}/feed.xml",
    author_name="Anna Beispiel",
    author_uri=f"{SITE}/team/anna/",
    subtitle="Neues aus der Praxis",
    language="de",
)


def _entry(number: int, **changes: object) -> FeedEntry:
    values: dict[str, object] = {
        "id": f"{SITE}/artikel/{number}/",
        "title": f"Artikel {number}",
        "url": f"{SITE}/artikel/{number}/",
        "published": date(2024, 1, number),
        "updated": date(2024, 2, number),
        "summary": f"Zusammenfassung {number}",
        "author_name": "Anna Beispiel",
        **changes,
    }
    return FeedEntry(**values)  # type: ignore[arg-type]


def _parse(feed: str) -> etree._Element:
    root: etree._Element = etree.fromstring(feed.encode())
    return root


def _text(element: etree._Element, path: str) -> str | None:
    value: str | None = element.findtext(path, namespaces=NS)
    return value


def _links(element: etree._Element) -> dict[str, tuple[str | None, str | None]]:
    return {
        str(link.get("rel")): (link.get("type"), link.get("href"))
        for link in element.findall("a:link", NS)
    }


def test_feed_has_required_elements() -> None:
    entries = [
        _entry(1, categories=("Rücken", "Sport")),
        _entry(2, author_uri=f"{SITE}/team/ben/", author_name="Ben"),
    ]
    root = _parse(render_atom_feed(META, entries))
    assert root.tag == f"{{{ATOM_NS}}}feed"
    assert root.get(XML_LANG) == "de"
    assert _text(root, "a:id") == META.id
    assert _text(root, "a:title") == META.title
    assert _text(root, "a:subtitle") == META.subtitle
    assert _text(root, "a:updated") == "2024-02-02T00:00:00Z"
    assert _links(root) == {
        "self": ("application/atom+xml", META.feed_url),
        "alternate": ("text/html", META.site_url),
    }
    assert _text(root, "a:author/a:name") == META.author_name
    assert _text(root, "a:author/a:uri") == META.author_uri

    first, second = root.findall("a:entry", NS)
    assert _text(first, "a:id") == entries[0].id
    assert _text(first, "a:title") == "Artikel 1"
    assert _text(first, "a:updated") == "2024-02-01T00:00:00Z"
    assert _text(first, "a:published") == "2024-01-01T00:00:00Z"
    assert _links(first) == {"alternate": ("text/html", entries[0].url)}
    assert _text(first, "a:summary") == "Zusammenfassung 1"
    assert _text(first, "a:author/a:name") == "Anna Beispiel"
    assert first.find("a:author/a:uri", NS) is None
    assert [category.get("term") for category in first.findall("a:category", NS)] == [
        "Rücken",
        "Sport",
    ]
    assert _text(second, "a:author/a:uri") == f"{SITE}/team/ben/"
    assert second.findall("a:category", NS) == []


def test_optional_meta_is_left_out() -> None:
    meta = FeedMeta(
        id="tag:massage.example,2024:feed",
        title="Feed",
        site_url=f"{SITE}/",
        feed_url=f"{SITE}/feed.xml",
        author_name="Praxis",
    )
    root = _parse(render_atom_feed(meta, [_entry(1)]))
    assert root.get(XML_LANG) is None
    assert root.find("a:subtitle", NS) is None
    assert root.find("a:author/a:uri", NS) is None


def test_entries_keep_the_given_order() -> None:
    entries = [_entry(3), _entry(1), _entry(2)]
    root = _parse(render_atom_feed(META, entries))
    assert root.xpath("a:entry/a:id/text()", namespaces=NS) == [entry.id for entry in entries]


def test_feed_updated_is_the_newest_entry_across_kinds_of_dates() -> None:
    entries = [
        _entry(1, updated=date(2024, 3, 1)),
        _entry(2, updated=datetime(2024, 3, 1, 23, 30, tzinfo=timezone(timedelta(hours=2)))),
        _entry(3, updated=datetime(2024, 3, 1, 21, 0)),
        _entry(4, updated=datetime(2024, 2, 28, 12, 0, tzinfo=UTC)),
    ]
    root = _parse(render_atom_feed(META, entries))
    # 23:30+02:00 is 21:30 UTC, newer than the naive 21:00 (read as UTC) and the bare date.
    assert _text(root, "a:updated") == "2024-03-01T23:30:00+02:00"
    updated = root.xpath("a:entry/a:updated/text()", namespaces=NS)
    assert updated == [
        "2024-03-01T00:00:00Z",
        "2024-03-01T23:30:00+02:00",
        "2024-03-01T21:00:00Z",
        "2024-02-28T12:00:00Z",
    ]
    for value in [_text(root, "a:updated"), *updated]:
        assert value is not None
        assert datetime.fromisoformat(value).tzinfo is not None


def test_empty_feed_needs_a_fallback_and_never_reads_the_clock() -> None:
    with pytest.raises(ValueError, match="updated_when_empty"):
        render_atom_feed(META, [])
    root = _parse(render_atom_feed(META, [], updated_when_empty=date(2023, 12, 24)))
    assert _text(root, "a:updated") == "2023-12-24T00:00:00Z"
    assert root.findall("a:entry", NS) == []


def test_fallback_is_ignored_when_there_are_entries() -> None:
    root = _parse(render_atom_feed(META, [_entry(1)], updated_when_empty=date(2030, 1, 1)))
    assert _text(root, "a:updated") == "2024-02-01T00:00:00Z"


def test_output_is_deterministic() -> None:
    entries = [_entry(i, categories=("a", "b")) for i in range(1, 6)]
    assert render_atom_feed(META, entries) == render_atom_feed(META, list(entries))


def test_hostile_text_is_escaped() -> None:
    meta = FeedMeta(
        id=HOSTILE,
        title=HOSTILE,
        site_url=HOSTILE,
        feed_url=HOSTILE,
        author_name=HOSTILE,
        author_uri=HOSTILE,
        subtitle=HOSTILE,
        language=HOSTILE,
    )
    entry = FeedEntry(
        id=HOSTILE,
        title=HOSTILE,
        url=HOSTILE,
        published=date(2024, 1, 1),
        updated=date(2024, 1, 2),
        summary=HOSTILE,
        author_name=HOSTILE,
        author_uri=HOSTILE,
        categories=(HOSTILE,),
    )
    root = _parse(render_atom_feed(meta, [entry]))
    text = strip_invalid_xml(HOSTILE)
    attribute = text.replace("\r", " ").replace("\n", " ")
    assert "\x00" not in text
    assert "</script>" in text
    for path in ("a:id", "a:title", "a:subtitle", "a:author/a:name", "a:author/a:uri"):
        assert _text(root, path) == text
    for path in ("a:id", "a:title", "a:summary", "a:author/a:name", "a:author/a:uri"):
        assert _text(root, f"a:entry/{path}") == text
    assert root.get(XML_LANG) == attribute
    assert {href for _, href in _links(root).values()} == {attribute}
    assert root.xpath("a:entry/a:category/@term", namespaces=NS) == [attribute]
    assert not root.xpath("//comment() | //processing-instruction()")
    children = [etree.QName(child).localname for child in root]
    assert children == ["id", "title", "subtitle", "updated", "link", "link", "author", "entry"]


@settings(deadline=None)
@given(
    title=st.text(alphabet=st.characters(exclude_categories=())),
    summary=st.text(alphabet=st.characters(exclude_categories=())),
)
@example(title="]]>\r\n", summary="<![CDATA[x]]>")
def test_any_text_survives_the_round_trip(title: str, summary: str) -> None:
    root = _parse(render_atom_feed(META, [_entry(1, title=title, summary=summary)]))
    assert (_text(root, "a:entry/a:title") or "") == strip_invalid_xml(title)
    assert (_text(root, "a:entry/a:summary") or "") == strip_invalid_xml(summary)


@given(st.text(alphabet=st.characters(exclude_categories=())))
@example("a \"quoted\" <b>&amp;</b> 'x'")
@example("tab\there\r\nline")
@example("\u2028\ufffe\x85")
def test_escaping_is_the_same_for_printable_text_and_any_other(value: str) -> None:
    """Printable text takes a shorter way through the escaping: it gives what the long way
    (dropping what XML forbids, then escaping) gives."""
    escaped = strip_invalid_xml(value).replace("&", "&amp;").replace("<", "&lt;")
    escaped = escaped.replace(">", "&gt;")
    assert xml_text(value) == escaped.replace("\r", "&#13;")
    attribute = escaped.replace('"', "&quot;").replace("'", "&#39;")
    assert xml_attr(value) == attribute.replace("\r", " ").replace("\n", " ").replace("\t", " ")
