"""Put our head tags into an HTML document that another tool built, changing nothing else.

beautifulsoup4 finds the tags; the edit itself is made on the original text by position, so every
byte outside the tags we manage (scripts, styles, comments, the body, the author's formatting) is
kept exactly. Our tags go between two marker comments; a later run replaces the marked block
whole, which makes injection idempotent: ``inject(inject(h, t), t) == inject(h, t)``.

Managed tags (replaced, never duplicated): `<title>`, meta description and robots, the canonical
link, hreflang alternates, Open Graph (`og:*`, `article:*`) and Twitter (`twitter:*`) tags, and the
block we injected before (which holds our JSON-LD). Other JSON-LD is left alone.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from bs4 import Tag

__all__ = ["BLOCK_END", "BLOCK_START", "inject_head"]

BLOCK_START = "<!-- nmt-content:head -->"
BLOCK_END = "<!-- /nmt-content:head -->"
_BLOCK = re.compile(
    r"[ \t]*" + re.escape(BLOCK_START) + r".*?" + re.escape(BLOCK_END) + r"[ \t]*\n?", re.S
)
_HEAD_OPEN = re.compile(r"<head(?:\s[^>]*)?>", re.I)
_HTML_OPEN = re.compile(r"<html(?:\s[^>]*)?>", re.I)
_CHARSET = re.compile(r"<meta\s[^>]*charset[^>]*>", re.I)


@dataclass(frozen=True, slots=True)
class _Span:
    start: int
    end: int


def inject_head(html: str, tags: str) -> str:
    """Return ``html`` with the managed head tags replaced by ``tags`` (one block of HTML)."""
    block = f"{BLOCK_START}\n{tags.strip()}\n{BLOCK_END}\n"
    text, position = _remove_previous_block(html)
    spans = _managed_spans(text)
    if spans:
        position = spans[0].start if position is None else position
        text, position = _cut(text, spans, position)
    if position is None:
        position = _default_position(text)
        if position is None:  # no <head> at all: make one
            html_open = _HTML_OPEN.search(text)
            at = html_open.end() if html_open else 0
            return f"{text[:at]}<head>\n{block}</head>\n{text[at:]}"
    indent = _indent_at(text, position)
    if indent is not None:
        block = "\n".join(indent + line if line else line for line in block.split("\n"))
        position -= len(indent)
    else:
        block = "\n" + block
    return text[:position] + block + text[position:]


def _remove_previous_block(html: str) -> tuple[str, int | None]:
    match = _BLOCK.search(html)
    if match is None:
        return html, None
    return html[: match.start()] + html[match.end() :], match.start()


def _default_position(text: str) -> int | None:
    """After the charset declaration if there is one, else just inside `<head>`."""
    head = _HEAD_OPEN.search(text)
    if head is None:
        return None
    charset = _CHARSET.search(text, head.end())
    anchor = charset.end() if charset and _before_head_end(text, charset.start()) else head.end()
    newline = text.find("\n", anchor)
    return newline + 1 if newline != -1 and text[anchor:newline].strip() == "" else anchor


def _before_head_end(text: str, offset: int) -> bool:
    end = text.lower().find("</head>")
    return end == -1 or offset < end


def _indent_at(text: str, position: int) -> str | None:
    """The spaces before ``position`` when it starts a line (so our block matches the indent)."""
    line_start = text.rfind("\n", 0, position) + 1
    prefix = text[line_start:position]
    if prefix.strip() == "":
        return prefix
    return None


def _managed_spans(text: str) -> list[_Span]:
    # Imported here: beautifulsoup4 adds about 70 ms to the start of every command (a tenth of a
    # no-change build), and every command imports this module through the public API.
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(text, "html.parser")
    head = soup.head
    if head is None:
        return []
    line_starts = [0] + [m.end() for m in re.finditer("\n", text)]
    spans = []
    for tag in head.find_all(True):
        if not _is_managed(tag) or tag.sourceline is None or tag.sourcepos is None:
            continue
        start = line_starts[tag.sourceline - 1] + tag.sourcepos
        spans.append(_Span(start, _tag_end(text, start, tag.name)))
    return sorted(spans, key=lambda s: s.start)


def _is_managed(tag: Tag) -> bool:
    name = tag.name
    if name == "title":
        return True
    if name == "meta":
        key = str(tag.get("name") or tag.get("property") or "").lower()
        return key in ("description", "robots") or key.startswith(("og:", "twitter:", "article:"))
    if name == "link":
        rel = [r.lower() for r in tag.get_attribute_list("rel") if r]
        return "canonical" in rel or ("alternate" in rel and tag.has_attr("hreflang"))
    return False


def _tag_end(text: str, start: int, name: str) -> int:
    """The offset just past the element that starts at ``start`` (quote-aware for the start tag)."""
    end = _start_tag_end(text, start)
    if name in ("title", "script"):
        close = re.compile(rf"</{name}\s*>", re.I).search(text, end)
        end = close.end() if close else end
    return end


def _start_tag_end(text: str, start: int) -> int:
    quote = None
    for index in range(start, len(text)):
        char = text[index]
        if quote:
            if char == quote:
                quote = None
        elif char in "\"'":
            quote = char
        elif char == ">":
            return index + 1
    return len(text)


def _cut(text: str, spans: list[_Span], position: int) -> tuple[str, int]:
    """Remove the spans, each with the rest of its line when it stood alone on it."""
    pieces, cursor, shift = [], 0, 0
    for span in spans:
        start, end = _widen_to_line(text, span)
        if start < cursor:
            continue
        pieces.append(text[cursor:start])
        if start < position:
            shift += min(end, position) - start
        cursor = end
    pieces.append(text[cursor:])
    return "".join(pieces), position - shift


def _widen_to_line(text: str, span: _Span) -> tuple[int, int]:
    line_start = text.rfind("\n", 0, span.start) + 1
    line_end = text.find("\n", span.end)
    line_end = len(text) if line_end == -1 else line_end
    if text[line_start : span.start].strip() == "" and text[span.end : line_end].strip() == "":
        return line_start, min(line_end + 1, len(text))
    return span.start, span.end
