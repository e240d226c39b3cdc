"""The pieces of a page's graph: one small class per kind of node, each pure, each with
``is_needed(ctx)`` and ``generate(ctx)`` (the shape of Yoast's schema pieces).

A piece returns plain dicts and may leave values as None or empty; the assembler in
:mod:`nmt_content.schema.graph` drops those, removes references to nodes that were not emitted,
and merges nodes by `@id`. The tuples below fix the order nodes appear in every graph.
"""

from __future__ import annotations

from .article import HEADLINE_LIMIT, ArticlePiece, headline
from .base import GraphContext, Node, Piece
from .business import LocalBusinessPiece, OrganizationPiece, WebSitePiece
from .page import BreadcrumbPiece, PrimaryImagePiece, WebPagePiece, page_type
from .people import PersonPiece
from .services import ServicePiece

__all__ = [
    "HEADLINE_LIMIT",
    "PAGE_PIECES",
    "PIECES",
    "SITE_PIECES",
    "ArticlePiece",
    "BreadcrumbPiece",
    "GraphContext",
    "LocalBusinessPiece",
    "Node",
    "OrganizationPiece",
    "PersonPiece",
    "Piece",
    "PrimaryImagePiece",
    "ServicePiece",
    "WebPagePiece",
    "WebSitePiece",
    "headline",
    "page_type",
]

SITE_PIECES: tuple[Piece, ...] = (
    WebSitePiece(),
    OrganizationPiece(),
    LocalBusinessPiece(),
    PersonPiece(),
    ServicePiece(),
)
"""Pieces whose nodes depend only on the site (and on whether the page is the 404 page); they
emit site-wide `@id`\\ s and never point at page nodes."""

PAGE_PIECES: tuple[Piece, ...] = (
    PrimaryImagePiece(),
    WebPagePiece(),
    ArticlePiece(),
    BreadcrumbPiece(),
)
"""Pieces that describe the page itself; they emit `@id`\\ s under the page's URL only."""

PIECES: tuple[Piece, ...] = SITE_PIECES + PAGE_PIECES
"""All pieces, in the order their nodes appear in every graph."""
