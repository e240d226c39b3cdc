"""Assemble one page's graph from the pieces: deterministic, connected, with nothing dangling.

1. Ask every piece, in its fixed order, whether it is needed; a piece left out for lack of data
   says why (a note).
2. Collect the `@id`\\ s the needed pieces will emit, so each piece can see what exists.
3. Generate, merge nodes that share an `@id` (the first non-empty value of a key wins).
4. Drop empty values (None, "", [], {}, a value object with nothing but its `@type`) and every
   `{"@id": …}` reference to a node the graph does not contain, at every depth, then whatever
   became empty. This is what removes the references to a piece that was left out. A node the
   graph contains is a dict with an `@id` and more keys, anywhere in the generated nodes before
   cleaning. One walk cleans against the ids collected in step 2 while it finds those nodes; if
   they are not exactly the collected ids (a piece broke its declaration), the nodes are cleaned
   again against the ids found, so the result never depends on the declarations being right.

The site-wide nodes (website, practice, offices, people, services) are the same on every page, so
a :class:`GraphMaker` (one per build, or per site and base URL) assembles them once per kind of
page and shares them with every page's document: treat documents as read-only. Page pieces emit only ids under the page's URL, so the two parts
never need merging.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from ..pages.model import PagePlan
from ..pages.words import ENGLISH, PageWords, Words
from ..site import Site
from ..urls import Urls
from .jsonld import canonical_json, items_for_script
from .pieces import PAGE_PIECES, SITE_PIECES, GraphContext, Node, Piece

__all__ = ["GraphMaker", "GraphResult", "build_graph", "page_graph_json"]

CONTEXT = "https://schema.org"


@dataclass(frozen=True, slots=True)
class GraphResult:
    """A page's JSON-LD document, and what could not be said for lack of data."""

    document: dict[str, Any]
    """``{"@context": "https://schema.org", "@graph": [...]}``."""
    notes: tuple[str, ...]
    """Pieces left out for lack of data and why, and the properties Google requires or
    recommends that the data lacks; for the build report."""
    site_json: str = ""
    """The site-wide nodes, already serialised for a script element (shared by every page)."""
    page_nodes: tuple[Node, ...] = ()
    """The nodes that describe this page (the last part of ``@graph``)."""

    def script_json(self) -> str:
        """The document exactly as :func:`~nmt_content.schema.jsonld.dumps_for_script` writes it,
        reusing the site-wide part serialised once for all pages."""
        page_part, site_part = items_for_script(self.page_nodes), self.site_json
        parts = f"{site_part},{page_part}" if site_part and page_part else site_part or page_part
        return f'{{"@context":"{CONTEXT}","@graph":[{parts}]}}'


class GraphMaker:
    """Makes the graphs of one site's pages under one base URL, assembling the site-wide part
    once per kind of page (the 404 page or not). Holds only what it derived from its own site,
    so it lives as long as whoever made it: a build, or the embedding API's per-site state."""

    def __init__(self, site: Site, urls: Urls, words: PageWords = ENGLISH) -> None:
        self.site, self.urls = site, urls
        self.words = Words(words(site.practice.language))
        self._parts: dict[bool, _SitePart] = {}

    def graph(self, page: PagePlan) -> GraphResult:
        """The page's ``{"@context": "https://schema.org", "@graph": [...]}`` document, and
        notes."""
        bare = GraphContext(self.site, self.urls, page, self.words)
        site_part = self._parts.get(bare.site_wide)
        if site_part is None:
            site_part = self._parts[bare.site_wide] = _site_part(bare)
        needed, page_notes, declared = _select(PAGE_PIECES, bare)
        emitted = site_part.ids.union(declared)
        ctx = GraphContext(self.site, self.urls, page, self.words, emitted)
        own = _cleaned(_merge(_generate(needed, ctx)), emitted, site_part.ids)[0]
        document = {"@context": CONTEXT, "@graph": [*site_part.nodes, *own]}
        notes = (
            tuple(dict.fromkeys((*site_part.notes, *page_notes)))
            if page_notes
            else site_part.notes  # already without repeats
        )
        return GraphResult(document, notes, site_part.json, own)


def build_graph(site: Site, urls: Urls, page: PagePlan) -> GraphResult:
    """The page's ``{"@context": "https://schema.org", "@graph": [...]}`` document, and notes
    (for one page; a build makes every page's with one :class:`GraphMaker`)."""
    return GraphMaker(site, urls).graph(page)


def page_graph_json(result: GraphResult) -> str:
    """The document as compact JSON with sorted keys: byte-identical for identical content.

    For embedding in HTML use :func:`~nmt_content.schema.jsonld.dumps_for_script`, which also
    escapes ``<``, ``>`` and ``&``.
    """
    return canonical_json(result.document)


# -- the site-wide part, once per site ------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _SitePart:
    nodes: tuple[Node, ...]
    ids: frozenset[str]
    notes: tuple[str, ...]
    json: str


def _site_part(bare: GraphContext) -> _SitePart:
    """The site-wide nodes of a page of ``bare``'s kind (404 or not)."""
    needed, notes, declared = _select(SITE_PIECES, bare)
    ctx = bare._replace(emitted=frozenset(declared))
    nodes, defined = _cleaned(_merge(_generate(needed, ctx)), ctx.emitted, frozenset())
    return _SitePart(nodes, defined, tuple(dict.fromkeys(notes)), items_for_script(nodes))


# -- running the pieces ---------------------------------------------------------------------------


def _select(
    pieces: Sequence[Piece], ctx: GraphContext
) -> tuple[tuple[Piece, ...], tuple[str, ...], list[str]]:
    """The needed pieces in order; the notes (gaps in what is emitted, reasons for what is not);
    and the `@id`\\ s the needed pieces declare."""
    needed: list[Piece] = []
    notes: list[str] = []
    declared: list[str] = []
    for piece in pieces:
        if piece.is_needed(ctx):
            needed.append(piece)
            notes += piece.notes(ctx)
            declared += piece.ids(ctx)
        elif (reason := piece.left_out(ctx)) is not None:
            notes.append(reason)
    return tuple(needed), tuple(notes), declared


def _generate(pieces: Iterable[Piece], ctx: GraphContext) -> list[Node]:
    nodes: list[Node] = []
    for piece in pieces:
        generated = piece.generate(ctx)
        nodes += [generated] if isinstance(generated, dict) else generated
    return nodes


# -- assembling -----------------------------------------------------------------------------------


_STR_ONLY = {str}


def _merge(nodes: Iterable[Node]) -> list[Node]:
    """One node per `@id`, at the first one's place; the first non-empty value of each key wins.

    Never mutates its input (site-wide nodes are shared).
    """
    nodes = list(nodes)
    node_ids = [node.get("@id") for node in nodes]
    if len(set(node_ids)) == len(nodes) and set(map(type, node_ids)) == _STR_ONLY:
        return nodes  # no two share an `@id` (the usual case): nothing to merge
    by_id: dict[str, Node] = {}
    ordered: list[str | Node] = []
    for node in nodes:
        node_id = node.get("@id")
        if not isinstance(node_id, str):
            ordered.append(node)
        elif node_id not in by_id:
            by_id[node_id] = node
            ordered.append(node_id)
        else:
            first = by_id[node_id]
            extra = {k: v for k, v in node.items() if _is_empty(first.get(k)) and not _is_empty(v)}
            by_id[node_id] = {**first, **extra}
    return [by_id[item] if isinstance(item, str) else item for item in ordered]


def _cleaned(
    merged: list[Node], emitted: frozenset[str], known: frozenset[str]
) -> tuple[tuple[Node, ...], frozenset[str]]:
    """``merged`` cleaned against the ids ``known`` (defined elsewhere) and those it defines
    itself, and that set of ids.

    The pieces declared what they emit (``emitted``), so the nodes are cleaned against that in
    the same walk that finds what they define; when the two sets agree, which is when every
    piece kept its declaration, that walk's result is the one. Otherwise the nodes are cleaned
    again against what is really defined: a piece that declares a node it leaves out, or writes
    one it did not declare, changes nothing in the graph, only its cost.
    """
    found: set[str] = set()
    nodes = tuple([_clean(node, emitted, found) for node in merged])
    defined = known | found
    if defined != emitted:
        nodes = tuple([_clean(node, defined, set()) for node in merged])
    return nodes, defined


_DROP = object()


def _clean(node: Node, defined: frozenset[str], found: set[str]) -> Node:
    """Drop empty values and references to nodes not in ``defined``, at every depth, in one walk;
    add to ``found`` the `@id` of every node defined (not merely referenced) in ``node`` as it
    was before cleaning."""
    # Exact type tests, the commonest values first and handled here rather than in a call per
    # value: this runs for every value of every page's graph.
    if len(node) > 1 and type(node_id := node.get("@id")) is str:
        found.add(node_id)
    kept: Node = {}
    for key, item in node.items():
        kind = type(item)
        if kind is str:
            if item:
                kept[key] = item
        elif kind is dict and len(item) == 1 and "@id" in item:  # a bare reference
            if item["@id"] in defined:
                kept[key] = item
        elif item is None:
            continue
        elif kind is int:
            kept[key] = item
        elif kind is list:
            if items := _clean_list(item, defined, found):
                kept[key] = items
        elif (item := _clean_item(item, defined, found)) is not _DROP:
            kept[key] = item
    return kept


def _clean_list(values: list[Any], defined: frozenset[str], found: set[str]) -> list[Any]:
    """The values of a list that :func:`_clean` keeps (empty when none is)."""
    items = []
    for value in values:
        if type(value) is str:
            if value:
                items.append(value)
        elif (value := _clean_item(value, defined, found)) is not _DROP:
            items.append(value)
    return items


def _clean_item(item: Any, defined: frozenset[str], found: set[str]) -> Any:
    kind = type(item)
    if kind is str:
        return item if item else _DROP
    if kind is dict:
        if len(item) == 1 and "@id" in item:  # a bare reference, the commonest nested value
            return item if item["@id"] in defined else _DROP
        item = _clean(item, defined, found)
        if len(item) > 1:
            return item
        # Empty, a type alone, or a reference to a node that is not in the graph.
        if not item or "@type" in item or ("@id" in item and item["@id"] not in defined):
            return _DROP
        return item
    if kind is list:
        return _clean_list(item, defined, found) or _DROP
    if item is None or item == "":
        return _DROP
    return item


def _is_empty(value: Any) -> bool:
    """None, "", [], {}, or a value object that says nothing but its type."""
    if isinstance(value, dict):
        return not value or set(value) == {"@type"}
    return value is None or value == "" or value == []
