"""Assemble one page's graph from the pieces: deterministic, connected, with nothing dangling.

1. Run the needed pieces in their fixed order.
2. Drop empty values (None, "", [], {}) at every depth.
3. Merge nodes that share an `@id` (the first one's keys win on conflict).
4. Remove references to nodes that are not in the graph, then drop what became empty.

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
    merged = _merge(_prune(node) for node in page_nodes)
    emitted = site_ids | _ids(merged)
    own = tuple(_drop_dangling(node, emitted) for node in merged)
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
    merged = _merge(_prune(node) for node in nodes)
    emitted = _ids(merged)
    final = [_drop_dangling(node, emitted) for node in merged]
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


def _prune(value: Any) -> Any:
    if isinstance(value, dict):
        pruned = {k: _prune(v) for k, v in value.items()}
        return {k: v for k, v in pruned.items() if not _empty(v)}
    if isinstance(value, list):
        items = [_prune(v) for v in value]
        return [v for v in items if not _empty(v)]
    return value


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


def _drop_dangling(value: Any, emitted: set[str]) -> Any:
    if isinstance(value, dict):
        kept = {}
        for key, item in value.items():
            item = _drop_dangling(item, emitted)
            if not _empty(item) and not _is_dangling(item, emitted):
                kept[key] = item
        return kept
    if isinstance(value, list):
        items = [_drop_dangling(v, emitted) for v in value]
        return [v for v in items if not _empty(v) and not _is_dangling(v, emitted)]
    return value


def _is_dangling(value: Any, emitted: set[str]) -> bool:
    return isinstance(value, dict) and set(value) == {"@id"} and value["@id"] not in emitted
