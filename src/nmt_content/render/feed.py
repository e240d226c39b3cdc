"""Atom (RFC 4287) feed of articles.

The feed's ``updated`` is the newest ``updated`` among its entries, so the same content always
gives the same bytes; an empty feed takes the caller's ``updated_when_empty`` (never the clock).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date, datetime

from nmt_content.render.xmltext import instant, rfc3339_datetime, xml_attr, xml_text

__all__ = ["ATOM_NS", "FeedEntry", "FeedMeta", "atom_feed_lines", "render_atom_feed"]

ATOM_NS = "http://www.w3.org/2005/Atom"


@dataclass(frozen=True, slots=True)
class FeedEntry:
    """One article in the feed; ``id`` should be a permanent IRI (e.g. ``tag:`` or the URL)."""

    id: str
    title: str
    url: str
    published: date | datetime
    updated: date | datetime
    summary: str
    author_name: str
    author_uri: str | None = None
    categories: tuple[str, ...] = ()
    language: str | None = None
    """The article's language; written as the entry's ``xml:lang`` when it is not the feed's
    (an entry inherits the feed's ``xml:lang`` otherwise)."""


@dataclass(frozen=True, slots=True)
class FeedMeta:
    """The feed itself: ``site_url`` is the HTML page it mirrors, ``feed_url`` where it lives."""

    id: str
    title: str
    site_url: str
    feed_url: str
    author_name: str
    author_uri: str | None = None
    subtitle: str | None = None
    language: str | None = None


def render_atom_feed(
    meta: FeedMeta,
    entries: Sequence[FeedEntry],
    *,
    updated_when_empty: date | datetime | None = None,
) -> str:
    """Render an Atom 1.0 feed with ``entries`` in the order given.

    Dates without a time are written as midnight UTC. Raises ``ValueError`` when there are no
    entries and no ``updated_when_empty``, because Atom requires ``<updated>``.
    """
    return "".join(atom_feed_lines(meta, entries, updated_when_empty=updated_when_empty))


def atom_feed_lines(
    meta: FeedMeta,
    entries: Sequence[FeedEntry],
    *,
    updated_when_empty: date | datetime | None = None,
) -> Iterator[str]:
    """:func:`render_atom_feed` one line at a time (each ending in a newline), so a feed of
    100,000 articles is written without being held whole in memory."""
    head = [
        '<?xml version="1.0" encoding="utf-8"?>',
        _feed_start(meta.language),
        _element("id", meta.id),
        _element("title", meta.title),
    ]
    if meta.subtitle is not None:
        head.append(_element("subtitle", meta.subtitle))
    head += [
        f"<updated>{rfc3339_datetime(_feed_updated(entries, updated_when_empty))}</updated>",
        _link("self", "application/atom+xml", meta.feed_url),
        _link("alternate", "text/html", meta.site_url),
        _author(meta.author_name, meta.author_uri),
    ]
    for line in head:
        yield line + "\n"
    for entry in entries:
        yield _entry(entry, meta.language) + "\n"
    yield "</feed>\n"


def _feed_start(language: str | None) -> str:
    lang = f' xml:lang="{xml_attr(language)}"' if language is not None else ""
    return f'<feed xmlns="{ATOM_NS}"{lang}>'


def _feed_updated(
    entries: Sequence[FeedEntry], fallback: date | datetime | None
) -> date | datetime:
    if not entries:
        if fallback is None:
            raise ValueError("an empty feed needs updated_when_empty: Atom requires <updated>")
        return fallback
    newest = entries[0].updated
    for entry in entries[1:]:
        if instant(entry.updated) > instant(newest):
            newest = entry.updated
    return newest


def _element(name: str, text: str) -> str:
    return f"<{name}>{xml_text(text)}</{name}>"


def _link(rel: str, media_type: str, href: str) -> str:
    return f'<link rel="{rel}" type="{media_type}" href="{xml_attr(href)}"/>'


def _author(name: str, uri: str | None) -> str:
    uri_element = _element("uri", uri) if uri is not None else ""
    return f"<author>{_element('name', name)}{uri_element}</author>"


def _entry(entry: FeedEntry, feed_language: str | None = None) -> str:
    own = entry.language is not None and entry.language != feed_language
    parts = [
        f'<entry xml:lang="{xml_attr(entry.language or "")}">' if own else "<entry>",
        _element("id", entry.id),
        _element("title", entry.title),
        f"<updated>{rfc3339_datetime(entry.updated)}</updated>",
        f"<published>{rfc3339_datetime(entry.published)}</published>",
        _link("alternate", "text/html", entry.url),
        _element("summary", entry.summary),
        _author(entry.author_name, entry.author_uri),
        *(f'<category term="{xml_attr(term)}"/>' for term in entry.categories),
        "</entry>",
    ]
    return "".join(parts)
