"""Translation groups: the articles that are versions of one another, whichever side declared
the link (Google ignores hreflang pairs without return links, so a one-sided `translations`
entry still links both pages; `check` reports it so the source says what the site does)."""

from __future__ import annotations

from collections.abc import Sequence

from ..models import Article

__all__ = ["translation_groups"]


def translation_groups(articles: Sequence[Article]) -> dict[str, tuple[Article, ...]]:
    """Slug → every article of its translation group (in the order given), for the articles
    that have at least one translation among ``articles``. A `translations` entry naming a slug
    not among them links nothing."""
    by_slug = {article.meta.slug: article for article in articles}
    parent = {slug: slug for slug in by_slug}

    def root(slug: str) -> str:
        while parent[slug] != slug:
            parent[slug] = parent[parent[slug]]
            slug = parent[slug]
        return slug

    for article in articles:
        for slug in article.meta.translations.values():
            if slug in by_slug and slug != article.meta.slug:
                parent[root(slug)] = root(article.meta.slug)
    members: dict[str, list[Article]] = {}
    for article in articles:
        members.setdefault(root(article.meta.slug), []).append(article)
    return {
        article.meta.slug: group
        for found in members.values()
        if len(found) > 1
        for group in [tuple(found)]
        for article in group
    }
