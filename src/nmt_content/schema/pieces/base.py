"""The contract every piece keeps, and the context it is given.

A piece is stateless: ``is_needed`` and ``generate`` read the :class:`GraphContext` and return new
values; nothing is cached on the piece or shared between calls (Yoast's abstract schema piece,
made pure). The assembler asks each needed piece which `@id`\\ s it will emit before anything is
generated, so a piece can tell from ``ctx.emitted`` whether a node it wants to point at exists.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, ClassVar, NamedTuple

from ...pages.model import PagePlan
from ...pages.words import ENGLISH_WORDS, Words
from ...site import Site
from ...urls import Urls
from .. import ids

__all__ = ["GraphContext", "Node", "Piece"]

Node = dict[str, Any]
"""One JSON-LD node (or nested value object) as plain data."""


class GraphContext(NamedTuple):
    """What every piece may look at: the site, its URLs, the page, and the ids being emitted.

    Pieces that describe the site (see ``SITE_PIECES``) must depend only on ``site``, ``urls``,
    ``site_wide`` and ``emitted``, never on the rest of ``page``: their nodes are assembled once and
    shared by every page of the same site. Immutable, and a named tuple rather than a frozen
    dataclass: two are made for every page's graph, and a tuple is made three times as fast.
    """

    site: Site
    urls: Urls
    page: PagePlan
    words: Words = ENGLISH_WORDS
    """The theme's words in the practice's language (the site-wide nodes are every page's)."""
    emitted: frozenset[str] = frozenset()
    """The `@id` of every node the graph will contain (nested ones included)."""

    @property
    def site_wide(self) -> bool:
        """Whether the page describes the business: every page but the 404 page, whose graph
        keeps to the website, the practice and the page itself."""
        return self.page.kind != "not_found"

    def ref(self, node_id: str) -> Node | None:
        """A reference to ``node_id``, or None (dropped by the assembler) when it is not emitted."""
        # `ids.ref`'s value, written here: this runs several times for every page.
        return {"@id": node_id} if node_id in self.emitted else None

    def refs(self, node_ids: Iterable[str]) -> list[Node]:
        """References to those of ``node_ids`` that are emitted, in order."""
        return [ids.ref(node_id) for node_id in node_ids if node_id in self.emitted]


class Piece:
    """One kind of node. Subclasses override ``ids`` and ``generate``, and the rest as needed."""

    name: ClassVar[str]
    """The node kind, for notes (``LocalBusiness``)."""

    def is_needed(self, ctx: GraphContext) -> bool:
        """Whether this page's graph has this piece's nodes."""
        return True

    def ids(self, ctx: GraphContext) -> tuple[str, ...]:
        """The `@id` of every node ``generate`` will return, nested ones included."""
        raise NotImplementedError

    def generate(self, ctx: GraphContext) -> list[Node] | Node:
        """The node or nodes. Values may be None or empty: the assembler drops them."""
        raise NotImplementedError

    def notes(self, ctx: GraphContext) -> tuple[str, ...]:
        """When needed: which properties Google requires or recommends that the data lacks."""
        return ()

    def left_out(self, ctx: GraphContext) -> str | None:
        """When not needed: why, if the reason is missing data (None when it is by design)."""
        return None
