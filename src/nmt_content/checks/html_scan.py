"""Fast facts from our own generated HTML.

Our renderer escapes every `<` that comes from content, so in our output every `<` starts a real
tag; compiled regular expressions are then a sound and fast way to read headings, images, links,
the JSON-LD and the visible text, without building a DOM for each of thousands of pages.
"""

from __future__ import annotations

import html
import json
import re
from dataclasses import dataclass
from functools import cached_property
from typing import Any

__all__ = ["ScannedPage"]

_HEADING = re.compile(r"<h([1-6])\b")
_IMG = re.compile(r"<img\b([^>]*)>", re.I)
_HREF = re.compile(r"<a\b[^>]*?\shref=\"([^\"]*)\"", re.I)
_AUTHOR_LINK = re.compile(r"<a\b[^>]*?\shref=\"([^\"]*)\"[^>]*\srel=\"author\"", re.I)
_ALT = re.compile(r"\salt=\"([^\"]*)\"")
_JSONLD = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.S)
_INVISIBLE = re.compile(r"<(script|style|head|template)\b.*?</\1>", re.S | re.I)
_TAG = re.compile(r"<[^>]+>")
_SPACE = re.compile(r"\s+")
_FOOTER = re.compile(r"<footer\b.*?</footer>", re.S)


@dataclass(frozen=True)
class ScannedPage:
    """One rendered page, read lazily."""

    html: str

    @cached_property
    def heading_levels(self) -> list[int]:
        return [int(level) for level in _HEADING.findall(self.html)]

    @cached_property
    def images_without_alt(self) -> list[str]:
        missing = []
        for attributes in _IMG.findall(self.html):
            alt = _ALT.search(attributes)
            if alt is None or not alt.group(1).strip():
                src = re.search(r'\ssrc="([^"]*)"', attributes)
                missing.append(html.unescape(src.group(1)) if src else "(no src)")
        return missing

    @cached_property
    def links(self) -> list[str]:
        return [html.unescape(href) for href in _HREF.findall(self.html)]

    @cached_property
    def author_links(self) -> list[str]:
        """Targets of byline links (`rel="author"`)."""
        return [html.unescape(href) for href in _AUTHOR_LINK.findall(self.html)]

    @cached_property
    def graph(self) -> dict[str, Any] | None:
        match = _JSONLD.search(self.html)
        if match is None:
            return None
        data: dict[str, Any] = json.loads(match.group(1))
        return data

    @cached_property
    def visible_text(self) -> str:
        """The text a visitor sees: no head, scripts or styles; entities decoded; spaces folded."""
        return _text(_INVISIBLE.sub(" ", self.html))

    @cached_property
    def footer_text(self) -> str:
        match = _FOOTER.search(self.html)
        return _text(match.group(0)) if match else ""


def _text(markup: str) -> str:
    return _SPACE.sub(" ", html.unescape(_TAG.sub(" ", markup))).strip()
