"""Where a page's head is, found with an HTML tokenizer (the standard library's), by offset.

The scan reads the page as a browser's parser would decide where the head ends: at `</head>`, at
`<body>`, at the first element that cannot be in a head, or at the first text. Comments, scripts
and styles are tokens, so a `<head>` or a marker inside a comment or a script is never taken for
the real thing, and nothing after the head is looked at (unless JSON-LD is asked for and the rest
of the page has some), so a large page costs little more than its size in memory.

Each offset is into the text given; the edit itself is made on that text (see
:mod:`.inject_html`), so every byte outside what we replace is kept.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

__all__ = ["BLOCK_END", "BLOCK_START", "HeadScan", "JsonLdScript", "Span", "scan_head"]

BLOCK_START = "<!-- nmt-content:head -->"
BLOCK_END = "<!-- /nmt-content:head -->"

_HEAD_ELEMENTS = frozenset(
    {"base", "basefont", "bgsound", "link", "meta", "noframes", "noscript", "script", "style",
     "template", "title"}
)  # fmt: skip
"""Elements the parser keeps in the head; any other start tag ends it."""
_WITH_CONTENT = frozenset({"title", "script", "style", "noscript", "template", "noframes"})
_ASCII_SPACE = " \t\n\r\f"
_JSONLD_AHEAD = re.compile(r"application/ld\+json", re.I)


@dataclass(frozen=True, slots=True)
class Span:
    """The text from ``start`` to ``end`` (offsets into the scanned text)."""

    start: int
    end: int

    def within(self, other: Span | None) -> bool:
        return other is not None and other.start <= self.start and self.end <= other.end


@dataclass(frozen=True, slots=True)
class JsonLdScript:
    """A `<script type="application/ld+json">` element and its text."""

    span: Span
    text: str


@dataclass
class HeadScan:
    """What the scan found, by offset."""

    end: int = 0
    """Where the head ends (the offset of what ends it)."""
    head_open_end: int | None = None
    """Just past an explicit `<head>` start tag; None when the page has none."""
    html_open_end: int | None = None
    """Just past the `<html>` start tag."""
    doctype_end: int | None = None
    charset_end: int | None = None
    """Just past the first `<meta charset>` (or http-equiv Content-Type) in the head."""
    managed: list[Span] = field(default_factory=list)
    """The title, meta description and robots, canonical, hreflang, Open Graph and Twitter
    tags in the head."""
    markers: list[tuple[bool, Span]] = field(default_factory=list)
    """Our marker comments in the head: (is the start marker, where)."""
    jsonld: list[JsonLdScript] = field(default_factory=list)
    """JSON-LD scripts: those of the head, and with ``jsonld=True`` those of the whole page."""


def scan_head(text: str, *, jsonld: bool = False) -> HeadScan:
    """Scan ``text`` up to the end of its head (to its end for JSON-LD when ``jsonld``)."""
    scanner = _Scanner(text, jsonld)
    try:
        scanner.feed(text)
        scanner.close()
    except _Stop:
        pass
    if scanner.in_head:
        scanner.scan.end = len(text)
    return scanner.scan


class _Stop(Exception):
    """Raised from a handler once the scan has all it needs."""


class _Scanner(HTMLParser):
    def __init__(self, text: str, jsonld: bool) -> None:
        super().__init__(convert_charrefs=False)
        self.text, self.jsonld, self.in_head = text, jsonld, True
        self.scan = HeadScan()
        self._line_starts = [0]
        self._open: tuple[str, int, int, bool] | None = None
        """The element whose content we are in: name, start, end of its start tag, is JSON-LD."""

    def _offset(self) -> int:
        line, column = self.getpos()
        starts = self._line_starts
        while len(starts) < line:
            starts.append(self.text.index("\n", starts[-1]) + 1)
        return starts[line - 1] + column

    def _end_head(self, at: int) -> None:
        self.in_head = False
        self.scan.end = at
        if not (self.jsonld and _JSONLD_AHEAD.search(self.text, at)):
            raise _Stop

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        start = self._offset()
        end = start + len(self.get_starttag_text() or "")
        if self._open is not None:
            return  # inside a <noscript> or <template> of the head: not head structure
        if not self.in_head:
            if tag == "script" and _is_jsonld(attrs):
                self._open = (tag, start, end, True)
            return
        if tag == "html":
            self.scan.html_open_end = self.scan.html_open_end or end
        elif tag == "head":
            self.scan.head_open_end = self.scan.head_open_end or end
        elif tag not in _HEAD_ELEMENTS:
            self._end_head(start)
            self.handle_starttag(tag, attrs)  # a JSON-LD script may start the body
        elif tag in _WITH_CONTENT:
            self._open = (tag, start, end, tag == "script" and _is_jsonld(attrs))
        else:
            values = {name: (value or "") for name, value in attrs}
            if self.scan.charset_end is None and _declares_charset(values):
                self.scan.charset_end = end
            if _is_managed(tag, values):
                self.scan.managed.append(Span(start, end))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if self._open is not None and self._open[1] == self._offset():
            self._open = None  # <script/> and the like have no content to wait for

    def handle_endtag(self, tag: str) -> None:
        start = self._offset()
        if self._open is not None:
            name, open_start, open_end, is_jsonld = self._open
            if tag != name:
                return
            self._open = None
            end = self.text.find(">", start) + 1 or len(self.text)
            if is_jsonld:
                script = JsonLdScript(Span(open_start, end), self.text[open_end:start])
                self.scan.jsonld.append(script)
            elif name == "title" and self.in_head:
                self.scan.managed.append(Span(open_start, end))
        elif self.in_head and tag in ("head", "body", "html"):
            self._end_head(start)

    def handle_comment(self, data: str) -> None:
        if not self.in_head or self._open is not None:
            return
        start = self._offset()
        for marker, is_start in ((BLOCK_START, True), (BLOCK_END, False)):
            if self.text.startswith(marker, start):
                self.scan.markers.append((is_start, Span(start, start + len(marker))))

    def handle_decl(self, decl: str) -> None:
        if decl.lower().startswith("doctype") and self.scan.doctype_end is None:
            start = self._offset()
            self.scan.doctype_end = self.text.find(">", start) + 1 or len(self.text)

    def handle_data(self, data: str) -> None:
        if self.in_head and self._open is None and data.strip(_ASCII_SPACE):
            self._end_head(self._offset())

    def handle_entityref(self, name: str) -> None:
        self.handle_data("&")

    def handle_charref(self, name: str) -> None:
        self.handle_data("&")


def _is_jsonld(attrs: list[tuple[str, str | None]]) -> bool:
    return any(
        name == "type" and (value or "").strip().lower() == "application/ld+json"
        for name, value in attrs
    )


def _declares_charset(attrs: dict[str, str]) -> bool:
    return "charset" in attrs or attrs.get("http-equiv", "").strip().lower() == "content-type"


def _is_managed(tag: str, attrs: dict[str, str]) -> bool:
    if tag == "meta":
        key = (attrs.get("name") or attrs.get("property") or "").strip().lower()
        return key in ("description", "robots") or key.startswith(("og:", "twitter:", "article:"))
    if tag == "link":
        rel = attrs.get("rel", "").lower().split()
        return "canonical" in rel or ("alternate" in rel and "hreflang" in attrs)
    return False
