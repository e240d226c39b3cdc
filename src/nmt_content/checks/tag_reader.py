"""The `<a>` and `<img>` tags of a page, read the way a browser reads them, and the tags of the
markup every page of a language shares (header, navigation, footer) read once per check run.

A user's `--templates` can write any markup (`href='…'`, `HREF=…`, a `>` inside a quoted value,
links in comments or scripts): :class:`_TagReader` steps over every tag, comment and raw-text
element in one pass, and the standard library's HTML parser reads the attributes of each `<a>`
and `<img>`.

:class:`SharedTags` splits a page at its `<main>` element: the part before it and the part from
its `</main>` on are the same on most pages, so their tags are kept by text and reused. A part
is read on its own only when it ends between two tokens (no comment, script, quoted value or tag
left open at its end, checked by reading it with a sentinel tag appended, which then must come
out last and unchanged): reading from there on is then the same as reading the whole page.
Anything else is read whole, as before.
"""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser

__all__ = ["SharedTags", "Tag", "read_tags"]

Tag = tuple[str, dict[str, str | None]]
"""A tag's name (lower case) and its attributes (the first of a repeated one counts)."""

_NAME_END = r"(?=[\t\n\r\f />])"
_ATTRIBUTES = r"""(?:[^>"'=]++|=\s*+(?>"[^"]*+"|'[^']*+'|)|["'])*+"""
"""A start tag's attributes: quotes delimit a value only after `=`, and then hide any `>`.
Possessive throughout, so markup without its `>` costs linear time, never a search back."""
_WANTED = rf"<(?:a|img){_NAME_END}"
_RAW_TEXT = ("script", "style", "textarea", "title", "xmp", "iframe", "noembed", "noframes")
"""Elements whose content is text, not markup (a `<a` inside a script is no link)."""
_TO_NEXT_TAG = re.compile(
    r"(?>[^<]++"
    r"|<!--(?:-?>|.*?(?:--!?>|\Z))"
    r"|<[!?/][^>]*+(?:>|\Z)"
    rf"|(?=<[{''.join(sorted({name[0] for name in _RAW_TEXT}))}])(?:"
    + "|".join(
        rf"<{name}{_NAME_END}{_ATTRIBUTES}(?:>|\Z).*?(?:</{name}{_NAME_END}|\Z)"
        for name in _RAW_TEXT
    )
    + rf")|(?!{_WANTED})<[a-z][^\t\n\r\f />\x00]*+{_ATTRIBUTES}(?:>|\Z)"
    rf"|(?!{_WANTED})<)*+"
    rf"({_WANTED})?",
    re.S | re.I,
)
"""From a place in the markup to the start of the next `<a>` or `<img>` tag (group 1; None at
the end), stepping over text, comments, end tags and declarations, elements whose content is
text (script, style…; tried only after a `<` and their first letter) and other tags, all in the
regular expression engine. As in a browser,
a tag without its closing `>` takes the rest of the document. (No group is captured inside the
repetition: Python 3.11's engine can misplace such a group's span.)"""


_PLAIN_TAG = re.compile(r'<(a|img)((?:[ \n]+[a-z][a-z0-9-]*="[^"<>]*")*)[ \n]*/?>')
"""A tag as our templates write it (lower-case names, double-quoted values): read as the parser
would read it, at a fraction of the cost; any other form goes to the parser."""
_PLAIN_ATTRIBUTE = re.compile(r'([a-z][a-z0-9-]*)="([^"]*)"')


class _TagReader(HTMLParser):
    """The attributes of every `<a>` and `<img>` in a document, in order.

    Only those tags are given to the standard library's parser (its start-tag reader: names in
    any case; values double-, single- or unquoted; character references decoded), and only when
    they are not in the plain form of :data:`_PLAIN_TAG`; everything else is stepped over by
    :data:`_TO_NEXT_TAG`. Both cost a fraction of a full parse.
    """

    def __init__(self, markup: str) -> None:
        super().__init__(convert_charrefs=False)
        self.rawdata = markup
        self.tags: list[Tag] = []

    def read(self, start: int) -> list[Tag]:
        markup, position = self.rawdata, start
        while (match := _TO_NEXT_TAG.match(markup, position)) and match.start(1) != -1:
            plain = _PLAIN_TAG.match(markup, match.start(1))
            if plain is None:
                end = self.parse_starttag(match.start(1))
                if end < 0 and markup.find(">", match.end()) == -1:
                    break  # a tag cut off by the end of the document
                position = max(end, match.end())
                continue
            attributes: dict[str, str | None] = {}
            for name, value in _PLAIN_ATTRIBUTE.findall(plain.group(2)):
                attributes.setdefault(name, html.unescape(value) if "&" in value else value)
            self.tags.append((plain.group(1), attributes))
            position = plain.end()
        return self.tags

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes: dict[str, str | None] = {}
        for name, value in attrs:
            attributes.setdefault(name, value)  # the first of a repeated attribute counts
        self.tags.append((tag, attributes))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)


def read_tags(markup: str, start: int = 0) -> list[Tag]:
    """(name, attributes) of every `<a>` and `<img>` of ``markup`` from ``start``, in order."""
    return _TagReader(markup).read(start)


_SENTINEL = '<a href="\x00">'
_SENTINEL_TAG: Tag = ("a", {"href": "\x00"})


def _part_tags(part: str) -> list[Tag] | None:
    """The tags of ``part``, when it ends between two tokens (None when it does not, or cannot
    be told): then they are the tags it holds in any page it begins, whatever follows it."""
    if "\x00" in part:
        return None
    tags = _TagReader(part + _SENTINEL).read(0)
    if not tags or tags[-1] != _SENTINEL_TAG:
        return None
    tags.pop()
    return tags


class SharedTags:
    """Reads pages' tags, reusing those of the parts many pages share (see the module's text).
    The attributes of shared tags are the same dicts for every page: treat them as read-only."""

    MAX_PARTS = 64
    """Distinct leading and trailing parts kept (a few per language and kind of page)."""

    def __init__(self) -> None:
        self._leads: dict[str, list[Tag] | None] = {}
        self._tails: dict[str, list[Tag]] = {}

    def read(self, markup: str, start: int) -> list[Tag]:
        """The tags :func:`read_tags` finds in ``markup`` from ``start``, in the same order."""
        main = markup.find("<main", start)
        end = markup.rfind("</main>")
        if main == -1 or end < main:
            return read_tags(markup, start)
        lead_text = markup[start:main]
        if lead_text in self._leads:
            lead = self._leads[lead_text]
        else:
            lead = _part_tags(lead_text)
            if len(self._leads) < self.MAX_PARTS:
                self._leads[lead_text] = lead
        middle = _part_tags(markup[main:end]) if lead is not None else None
        if lead is None or middle is None:
            return read_tags(markup, start)
        tail_text = markup[end:]
        tail = self._tails.get(tail_text)
        if tail is None:
            tail = read_tags(tail_text)
            if len(self._tails) < self.MAX_PARTS:
                self._tails[tail_text] = tail
        return lead + middle + tail
