"""The article on an article page, with its author, subjects and sources."""

from __future__ import annotations

from ...models import Reference
from .. import ids
from .base import GraphContext, Node, Piece
from .values import condition, iso_date

__all__ = ["HEADLINE_LIMIT", "ArticlePiece", "headline"]

HEADLINE_LIMIT = 110
"""Google's advice for `headline`: keep it to 110 characters."""


def headline(title: str, limit: int = HEADLINE_LIMIT) -> str:
    """The title, cut at a word boundary and ended with an ellipsis if it is over ``limit``."""
    if len(title) <= limit:
        return title
    cut = title[: limit - 1]
    if " " in cut and not title[limit - 1].isspace():
        cut = cut.rsplit(" ", 1)[0]
    return cut.rstrip(" ,;:–—-") + "…"


class ArticlePiece(Piece):
    """An `Article`: the author is the therapist's Person, the publisher the practice."""

    name = "Article"

    def is_needed(self, ctx: GraphContext) -> bool:
        return ctx.page.article is not None

    def ids(self, ctx: GraphContext) -> tuple[str, ...]:
        return (ids.article_id(ctx.page.url),)

    def generate(self, ctx: GraphContext) -> Node:
        page, urls = ctx.page, ctx.urls
        article = page.article
        assert article is not None  # guaranteed by is_needed
        meta = article.meta
        author = ctx.site.author_of(article)
        webpage = ctx.ref(ids.webpage_id(page.url))
        return {
            "@type": "Article",
            "@id": ids.article_id(page.url),
            "headline": headline(meta.title),
            "description": meta.description,
            "datePublished": iso_date(meta.date_published),
            "dateModified": iso_date(meta.updated),
            "author": ctx.ref(ids.person_id(urls, author.id)),
            "publisher": ctx.ref(ids.organization_id(urls)),
            "mainEntityOfPage": webpage,
            "isPartOf": webpage,
            "image": ctx.ref(ids.primary_image_id(page.url)),
            "keywords": list(meta.keywords),
            "inLanguage": page.language,
            "about": [condition(c) for c in meta.about],
            "wordCount": article.word_count or len(article.body.split()),
            "citation": [citation(reference) for reference in meta.references],
        }

    def notes(self, ctx: GraphContext) -> tuple[str, ...]:
        article = ctx.page.article
        assert article is not None  # called only when needed
        notes = []
        if ctx.page.image is None:
            notes.append(
                f"Article {article.source}: no image — Google recommends one (at least "
                "1200 px wide) for article results; set `image` in the front matter"
            )
        if len(article.meta.title) > HEADLINE_LIMIT:
            notes.append(
                f"Article {article.source}: the title is over {HEADLINE_LIMIT} characters, so "
                "the structured-data headline is cut short"
            )
        return tuple(notes)


def citation(reference: Reference) -> Node:
    """A cited source: a `ScholarlyArticle` in a journal, else a `CreativeWork`."""
    doi = f"https://doi.org/{reference.doi}" if reference.doi else None
    return {
        "@type": "ScholarlyArticle" if reference.journal else "CreativeWork",
        "name": reference.title,
        "author": [{"@type": "Person", "name": name} for name in reference.authors],
        "datePublished": str(reference.year) if reference.year else None,
        "isPartOf": (
            {"@type": "Periodical", "name": reference.journal} if reference.journal else None
        ),
        "url": reference.url or doi,
        "sameAs": doi if reference.url else None,
    }
