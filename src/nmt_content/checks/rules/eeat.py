"""Experience, expertise, authority and trust for health content: bylines, reviews and dates."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, timedelta

from ..context import CheckContext
from ..findings import RawFinding
from ..registry import register

_GOOGLE_EEAT = "Google Search Central: Creating helpful, reliable, people-first content (E-E-A-T)"
EEAT_001 = register(
    "EEAT-001",
    "error",
    "An article without a byline linking to a profile with credentials",
    why="Readers and search engines judge health content by who wrote it.",
    source=_GOOGLE_EEAT,
    fix="Keep the built-in byline, which links to /about/.",
    family="E-E-A-T",
)
EEAT_002 = register(
    "EEAT-002",
    "error",
    "reviewedBy without lastReviewed, or the reverse",
    why="A review claim needs both who reviewed and when.",
    source="schema.org WebPage: reviewedBy, lastReviewed",
    fix="Give both `reviewed_by` and `last_reviewed`, or neither.",
    family="E-E-A-T",
)
EEAT_003 = register(
    "EEAT-003",
    "warning",
    "A review older than 12 months",
    why="Health guidance changes; an old review date signals stale content.",
    source=_GOOGLE_EEAT,
    fix="Have the article reviewed again and update `last_reviewed`.",
    family="E-E-A-T",
)
EEAT_004 = register(
    "EEAT-004",
    "error",
    "dateModified before datePublished",
    why="Dates that contradict each other undermine trust; Google asks for accurate dates.",
    source="Google Search Central: Article structured data (dates)",
    fix="Fix the dates in the front matter.",
    family="E-E-A-T",
)

REVIEW_MAX_AGE = timedelta(days=365)


def check_bylines(ctx: CheckContext) -> Iterator[RawFinding]:
    for page in ctx.pages:
        article = page.article
        scanned = ctx.scanned.get(page.path)
        if article is None or scanned is None:
            continue
        author = ctx.site.author_of(article)
        has_link = any(href.rstrip("/").endswith("/about") for href in scanned.author_links)
        has_credentials = bool(author.credentials) and author.name in scanned.visible_text
        if not (has_link and has_credentials):
            yield RawFinding(
                EEAT_001,
                article.source,
                ctx.field_line(article.source, "author"),
                "the article has no byline that names the author and links to a "
                "profile with credentials",
            )


def check_reviews_and_dates(ctx: CheckContext) -> Iterator[RawFinding]:
    for page in ctx.pages:
        scanned = ctx.scanned.get(page.path)
        graph = scanned.graph if scanned else None
        path = ctx.page_path(page)
        for node in (graph or {}).get("@graph", []):
            if ("reviewedBy" in node) != ("lastReviewed" in node):
                yield RawFinding(
                    EEAT_002,
                    path,
                    None,
                    f"{node.get('@id')} has only one of reviewedBy and lastReviewed",
                )
            reviewed = node.get("lastReviewed")
            if (
                isinstance(reviewed, str)
                and ctx.today - date.fromisoformat(reviewed) > REVIEW_MAX_AGE
            ):
                yield RawFinding(
                    EEAT_003,
                    path,
                    ctx.field_line(path, "last_reviewed"),
                    f"the last review ({reviewed}) is over 12 months old",
                )
            published, modified = node.get("datePublished"), node.get("dateModified")
            if isinstance(published, str) and isinstance(modified, str) and modified < published:
                yield RawFinding(
                    EEAT_004,
                    path,
                    None,
                    f"dateModified {modified} is before datePublished {published}",
                )


CHECKS = (check_bylines, check_reviews_and_dates)
