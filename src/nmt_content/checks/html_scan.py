"""Fast facts from our own generated HTML.

Our renderer escapes every `<` that comes from content, so in our output every `<` starts a real
tag. Patterns that start with a literal (``<h``) and plain string searches are then a sound and
fast way to read headings, the JSON-LD and whether a phrase is visible, without building a DOM
for each of thousands of pages. Each fact is computed on first use; the full visible text (the
slow path) only when a quick search cannot decide.

Links and images are read the way a browser reads them, since a user's `--templates` can write
any markup (`href='…'`, `HREF=…`, a `>` inside a quoted value, links in comments or scripts):
:mod:`.tag_reader` reads them, and those of the header and footer pages share only once.

Every page's JSON-LD starts with the same site-wide nodes. :class:`JsonLdReader` parses that
shared beginning once, and afterwards only the nodes that describe each page.
"""

from __future__ import annotations

import html
import json
import re
from bisect import bisect_left, bisect_right
from contextlib import suppress
from functools import cached_property, lru_cache
from typing import Any

from markupsafe import escape

from .tag_reader import SharedTags, Tag, read_tags

__all__ = ["JsonLdReader", "ScannedPage", "markup_to_text"]

_HEADING = re.compile(r"<h([1-6])[\s>]")
_INVISIBLE = re.compile(
    r"<(script|style|template|noscript|head)\b.*?</\1\s*>|<(\w+)\b[^>]*\shidden\b[^>]*>.*?</\2>",
    re.S | re.I,
)
_TAG = re.compile(r"<[^>]+>")
_SPACE = re.compile(r"\s+")
_JSONLD_OPEN = '<script type="application/ld+json">'
_CLOSED_INVISIBLE = ("<script", "<style", "<template", "<noscript")
_INVISIBLE_TAG = re.compile(f"<(/?)({'|'.join(opener[1:] for opener in _CLOSED_INVISIBLE)})")
_GRAPH_START = '"@graph":['


def markup_to_text(markup: str) -> str:
    """Text of an HTML fragment: tags dropped, entities decoded, white space folded."""
    return _SPACE.sub(" ", html.unescape(_TAG.sub(" ", markup))).strip()


def nodes_of(document: Any) -> list[dict[str, Any]]:
    """The top-level nodes of a JSON-LD document (its ``@graph``, or the document itself)."""
    if not isinstance(document, dict):
        return []
    graph = document.get("@graph")
    if isinstance(graph, list):
        return [node for node in graph if isinstance(node, dict)]
    return [document] if graph is None else []


@lru_cache(maxsize=256)
def _spellings(phrase: str) -> frozenset[str]:
    """How ``phrase`` may be written in markup: as is, and escaped as our templates and the
    Markdown renderer escape text. Kept per phrase: the rules ask for the same few names and
    numbers on every page."""
    return frozenset({phrase, str(escape(phrase)), html.escape(phrase, quote=False)})


class JsonLdReader:
    """Parses JSON-LD documents, reusing the parsed site-wide nodes that begin them.

    After a full parse, the text up to the first node that belongs to the page (its ``@id`` is
    under the page's URL) is remembered with its nodes; a later document that starts with the
    same text is parsed from there on only. The shared nodes are the same objects for every
    page: treat them as read-only.
    """

    MAX_PREFIXES = 32

    def __init__(self) -> None:
        self.prefixes: list[tuple[str, list[dict[str, Any]]]] = []
        self._decoder = json.JSONDecoder()

    def read(
        self, text: str, page_url: str | None
    ) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
        """The top-level nodes of ``text``: the shared ones (the same list object for every
        document that starts alike; empty before one is known) and the document's own. Raises
        ValueError when the text is not JSON."""
        if text.endswith("]}"):
            for prefix, shared in self.prefixes:
                if text.startswith(prefix):
                    own = json.loads(f"[{text[len(prefix) : -2]}]")
                    return shared, nodes_of({"@graph": own})
        nodes = nodes_of(json.loads(text))
        if page_url and len(self.prefixes) < self.MAX_PREFIXES:
            with suppress(ValueError):  # json.loads accepted it; raw_decode will too
                self._learn(text, page_url)
        return [], nodes

    def _learn(self, text: str, page_url: str) -> None:
        position = text.find(_GRAPH_START)
        if position == -1 or not text.endswith("]}"):
            return
        position += len(_GRAPH_START)
        shared: list[dict[str, Any]] = []
        while position < len(text) and text[position] not in "]":
            node, end = self._decoder.raw_decode(text, position)
            node_id = node.get("@id") if isinstance(node, dict) else None
            if not isinstance(node, dict) or (
                isinstance(node_id, str) and node_id.startswith(page_url)
            ):
                break
            shared.append(node)
            position = end + 1 if text[end : end + 1] == "," else end
        else:
            return
        if shared:
            self.prefixes.append((text[:position], shared))


class ScannedPage:
    """One rendered page, read lazily."""

    def __init__(
        self,
        markup: str,
        *,
        url: str | None = None,
        reader: JsonLdReader | None = None,
        tags: SharedTags | None = None,
    ) -> None:
        self.html = markup
        self.url = url
        self._reader = reader or JsonLdReader()
        self._shared_tags = tags

    @cached_property
    def body_start(self) -> int:
        """Where `<body` starts (0 when there is none)."""
        return max(self.html.find("<body"), 0)

    @cached_property
    def heading_levels(self) -> list[int]:
        """The level of every heading, in document order."""
        return [int(level) for level in _HEADING.findall(self.html, self.body_start)]

    @cached_property
    def _tags(self) -> list[Tag]:
        """(name, attributes) of every `<a>` and `<img>` in the body, in document order."""
        if self._shared_tags is None:
            return read_tags(self.html, self.body_start)
        return self._shared_tags.read(self.html, self.body_start)

    @cached_property
    def images(self) -> list[tuple[str, bool]]:
        """(src, has an alt attribute) of every `<img>`."""
        return [(a.get("src") or "", "alt" in a) for name, a in self._tags if name == "img"]

    @cached_property
    def hrefs(self) -> list[str]:
        """The `href` of every `<a>`, in document order, entities decoded."""
        return [
            href for name, a in self._tags if name == "a" and (href := a.get("href")) is not None
        ]

    @cached_property
    def author_hrefs(self) -> list[str]:
        """Targets of byline links (`<a rel="author">`)."""
        return [
            href
            for name, a in self._tags
            if name == "a"
            and (href := a.get("href")) is not None
            and "author" in (a.get("rel") or "").lower().split()
        ]

    @cached_property
    def _jsonld(self) -> tuple[list[list[dict[str, Any]]], list[dict[str, Any]], str | None]:
        shared: list[list[dict[str, Any]]] = []
        own: list[dict[str, Any]] = []
        end_of_head = self.body_start or len(self.html)
        start = self.html.find(_JSONLD_OPEN, 0, end_of_head)
        while start != -1:
            start += len(_JSONLD_OPEN)
            end = self.html.find("</script>", start)
            try:
                common, nodes = self._reader.read(self.html[start:end].strip(), self.url)
            except ValueError as error:
                return shared, own, f"the JSON-LD is not valid JSON ({error})"
            if common:
                shared.append(common)
            own += nodes
            start = self.html.find(_JSONLD_OPEN, end, end_of_head)
        return shared, own, None

    @property
    def shared_nodes(self) -> list[list[dict[str, Any]]]:
        """The site-wide nodes that begin the page's JSON-LD scripts, one list per script that
        starts alike on other pages: the same list object on every such page (read-only)."""
        return self._jsonld[0]

    @property
    def own_nodes(self) -> list[dict[str, Any]]:
        """The top-level nodes of the page's JSON-LD that are not in :attr:`shared_nodes`."""
        return self._jsonld[1]

    @cached_property
    def nodes(self) -> list[dict[str, Any]]:
        """The top-level nodes of every JSON-LD script of the page (shared nodes: read-only)."""
        shared, own, _error = self._jsonld
        return [node for common in shared for node in common] + own

    def unseen_nodes(self, seen: dict[int, list[dict[str, Any]]]) -> list[dict[str, Any]]:
        """The page's own nodes, plus the shared ones of a kind ``seen`` has not met yet (which
        are then recorded there): a family that needs each node once, not once per page."""
        shared, own, _error = self._jsonld
        fresh = []
        for common in shared:
            if seen.get(id(common)) is not common:
                seen[id(common)] = common
                fresh += common
        return fresh + own

    @property
    def jsonld_error(self) -> str | None:
        """Why a JSON-LD script could not be read, if one could not."""
        return self._jsonld[2]

    @cached_property
    def visible_text(self) -> str:
        """The text a visitor sees: no head, scripts, styles, templates or `hidden` elements;
        entities decoded; white space folded. The slow path; prefer :meth:`shows`."""
        return markup_to_text(_INVISIBLE.sub(" ", self.html))

    def shows(self, phrase: str) -> bool:
        """Whether ``phrase`` is visible text of the page (case-sensitive, spaces folded)."""
        for variant in _spellings(phrase):
            position = self.html.find(variant, self.body_start)
            while position != -1:
                if self._is_text_at(position):
                    return True
                position = self.html.find(variant, position + 1)
        # An entity, a tag or a line break inside the phrase: decide on the full text.
        return _SPACE.sub(" ", phrase) in self.visible_text

    @cached_property
    def _invisible_marks(self) -> tuple[tuple[list[int], list[int], int, int], ...]:
        """For each element whose content is not shown (script, style…): where its opening and
        closing tags start in the body, and their lengths. Found in one pass per page, so asking
        whether a place is visible needs no search back through the body."""
        found: dict[str, tuple[list[int], list[int]]] = {
            opener[1:]: ([], []) for opener in _CLOSED_INVISIBLE
        }
        for match in _INVISIBLE_TAG.finditer(self.html, self.body_start):
            closing, name = match.group(1), match.group(2)
            found[name][1 if closing else 0].append(match.start())
        return tuple(
            (opens, closes, len(name) + 1, len(name) + 2) for name, (opens, closes) in found.items()
        )

    def _is_text_at(self, position: int) -> bool:
        text = self.html
        tag_start = text.rfind("<", 0, position)
        if tag_start > text.rfind(">", 0, position):
            return False  # inside a tag
        for opens, closes, open_length, close_length in self._invisible_marks:
            # The last opening tag that ends before here, and whether it is closed before here.
            last = bisect_right(opens, position - open_length) - 1
            if last >= 0:
                after = bisect_left(closes, opens[last])
                if after == len(closes) or closes[after] + close_length > position:
                    return False
        return " hidden" not in text[tag_start:position].lower()

    @cached_property
    def footer(self) -> str:
        """The markup of the page's last `<footer>` element ("" when there is none)."""
        start = self.html.rfind("<footer")
        end = self.html.find("</footer>", start)
        return self.html[start:end] if start != -1 and end != -1 else ""

    def elements_with_class(self, name: str) -> list[str]:
        """The inner markup of each element whose class attribute is exactly ``name`` (our
        templates' NAP blocks), up to that element's closing tag."""
        found = []
        marker = f'class="{name}"'
        position = self.html.find(marker, self.body_start)
        while position != -1:
            open_start = self.html.rfind("<", 0, position)
            tag = re.match(r"<(\w+)", self.html[open_start : open_start + 12])
            content_start = self.html.find(">", position) + 1
            if tag is None or content_start == 0:
                break
            end = self.html.find(f"</{tag.group(1)}>", content_start)
            found.append(self.html[content_start : end if end != -1 else None])
            position = self.html.find(marker, content_start)
        return found
