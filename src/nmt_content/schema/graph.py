"""Assemble one page's graph from the pieces: deterministic, connected, with nothing dangling.

1. Run the needed pieces in their fixed order.
2. Merge nodes that share an `@id` (the first one's keys win on conflict).
3. Drop empty values (None, "", [], {}) and references to nodes that are not in the graph, at
   every depth, and then what became empty.

The site-wide nodes (website, practice, offices, people, services) are the same on every page, so
they are assembled once per site and base URL and shared by every page's document: treat documents
as read-only. The result is serialised with sorted keys by :mod:`nmt_content.schema.jsonld`.
"""

from __future__ import annotations

import weakref
from dataclasses import dataclass
from typing import Any

from ..pages.model import Page
from ..site import Site
from ..urls import Urls
from .jsonld import dumps_for_script
from .pieces import PAGE_PIECES, SITE_PIECES, GraphContext, Node, Piece

__all__ = ["GraphResult", "build_graph"]


@dataclass(frozen=True, slots=True)
class GraphResult:
    """A page's JSON-LD document, and what could not be said for lack of data."""

    document: dict[str, Any]
    notes: tuple[str, ...]
    site_json: str = ""
    """The site-wide nodes, already serialised for a script element (shared by every page)."""
    page_nodes: tuple[Node, ...] = ()

    def script_json(self) -> str:
        """The document as :func:`~nmt_content.schema.jsonld.dumps_for_script` would write it,
        reusing the site-wide part serialised once for all pages."""
        page_part = ",".join(dumps_for_script(node) for node in self.page_nodes)
        parts = ",".join(part for part in (self.site_json, page_part) if part)
        return f'{{"@context":"https://schema.org","@graph":[{parts}]}}'


def build_graph(site: Site, urls: Urls, page: Page) -> GraphResult:
    """The page's `{"@context": "https://schema.org", "@graph": [...]}` document."""
    ctx = GraphContext(site, urls, page)
    site_nodes, site_ids, site_notes, site_json = _site_part(ctx)
    page_nodes, page_notes = _run(PAGE_PIECES, ctx)
    merged = _merge(page_nodes)
    emitted = site_ids | {node["@id"] for node in merged if "@id" in node}
    own = tuple(_clean(node, emitted) for node in merged)
    document = {"@context": "https://schema.org", "@graph": [*site_nodes, *own]}
    return GraphResult(document, (*site_notes, *page_notes), site_json, own)


_SiteKey = tuple[int, str, bool]
_SitePart = tuple[list[Node], set[str], tuple[str, ...], str]
_SITE_PARTS: dict[_SiteKey, tuple[weakref.ref[Site], _SitePart]] = {}


def _site_part(ctx: GraphContext) -> _SitePart:
    """The site-wide nodes, assembled once per (site, base URL, kind of page)."""
    key = (id(ctx.site), ctx.urls.base, ctx.site_wide)
    cached = _SITE_PARTS.get(key)
    if cached is not None and cached[0]() is ctx.site:
        return cached[1]
    nodes, notes = _run(SITE_PIECES, ctx)
    merged = _merge(nodes)
    emitted = _ids(merged)
    final = [_clean(node, emitted) for node in merged]
    serialised = ",".join(dumps_for_script(node) for node in final)
    part = (final, emitted, tuple(notes), serialised)
    _SITE_PARTS[key] = (weakref.ref(ctx.site, lambda _ref: _SITE_PARTS.pop(key, None)), part)
    return part


def _run(pieces: tuple[Piece, ...], ctx: GraphContext) -> tuple[list[Node], list[str]]:
    nodes: list[Node] = []
    notes: list[str] = []
    for piece in pieces:
        if piece.is_needed(ctx):
            nodes += piece.generate(ctx)
            notes += piece.notes(ctx)
    return nodes, notes


def _empty(value: Any) -> bool:
    return value is None or value == "" or value == [] or value == {}


def _merge(nodes: Any) -> list[Node]:
    by_id: dict[str, Node] = {}
    ordered: list[Node] = []
    for node in nodes:
        node_id = node.get("@id")
        if node_id is None:
            ordered.append(node)
        elif node_id in by_id:
            for key, value in node.items():
                by_id[node_id].setdefault(key, value)
        else:
            by_id[node_id] = node
            ordered.append(node)
    return ordered


def _ids(value: Any, found: set[str] | None = None) -> set[str]:
    found = set() if found is None else found
    if isinstance(value, dict):
        if "@id" in value and len(value) > 1:
            found.add(value["@id"])
        for item in value.values():
            _ids(item, found)
    elif isinstance(value, list):
        for item in value:
            _ids(item, found)
    return found


def _clean(value: Any, emitted: set[str]) -> Any:
    """Drop empty values and references to nodes not in ``emitted``, at every depth, in one walk.

    Page nodes never nest identified nodes, so the ids they can point to are the site-wide ids
    and their own top-level ids. Only containers are walked; scalars are judged in place.
    """
    if isinstance(value, dict):
        kept = {}
        for key, item in value.items():
            item = _clean_item(item, emitted)
            if item is not _DROP:
                kept[key] = item
        return kept
    if isinstance(value, list):
        items = (_clean_item(item, emitted) for item in value)
        return [item for item in items if item is not _DROP]
    return value


_DROP = object()


def _clean_item(item: Any, emitted: set[str]) -> Any:
    if isinstance(item, dict | list):
        item = _clean(item, emitted)
        if not item or _is_dangling(item, emitted):
            return _DROP
        return item
    if item is None or item == "":
        return _DROP
    return item


def _is_dangling(value: Any, emitted: set[str]) -> bool:
    return isinstance(value, dict) and set(value) == {"@id"} and value["@id"] not in emitted
