"""Experience, expertise, authoritativeness and trust for health content: bylines that lead to a
profile with credentials, review records, and dates that agree."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from datetime import date, timedelta
from typing import Any, NamedTuple
from urllib.parse import urljoin, urlsplit

from ...pages.model import PagePlan
from ..context import Check, CheckContext
from ..findings import Once, RawFinding
from ..html_scan import ScannedPage
from ..registry import register

_PEOPLE_FIRST = "Google Search Central: Creating helpful, reliable, people-first content (E-E-A-T)"
EEAT_001 = register(
    "EEAT-001",
    "error",
    "An article without a byline linking to a profile with credentials",
    explanation="Readers, and the raters Google trains its systems with, judge health content "
    "by who wrote it; a byline should name the author and lead to a profile that shows their "
    "credentials.",
    source=f"{_PEOPLE_FIRST}; Google Search Quality Rater Guidelines (YMYL)",
    fix='Keep the built-in byline (`rel="author"` link to the author\'s own profile: /about/, or /team/<slug>/ with several therapists) and the credentials list.',
    family="E-E-A-T",
)
EEAT_002 = register(
    "EEAT-002",
    "error",
    "reviewedBy without lastReviewed, or the reverse",
    explanation="A review claim needs both who reviewed and when.",
    source="schema.org WebPage: reviewedBy, lastReviewed",
    fix="Give both `reviewed_by` and `last_reviewed`, or neither.",
    family="E-E-A-T",
)
EEAT_003 = register(
    "EEAT-003",
    "warning",
    "A review older than 12 months",
    explanation="Health guidance changes; an old review date signals that the content may be "
    "stale.",
    source=_PEOPLE_FIRST,
    fix="Have the article reviewed again and update `last_reviewed`.",
    family="E-E-A-T",
)
EEAT_004 = register(
    "EEAT-004",
    "error",
    "dateModified before datePublished",
    explanation="Dates that contradict each other undermine trust; Google asks for accurate dates.",
    source="Google Search Central: Article structured data (datePublished, dateModified); "
    "Influence your byline dates",
    fix="Fix the dates in the front matter (or the template that writes them).",
    family="E-E-A-T",
)

REVIEW_MAX_AGE = timedelta(days=365)

_SITE_PATH = re.compile(r"/(?![/\\])[A-Za-z0-9._~!$&'()*+,;=:@%/?#-]*")
"""A link to a path of the site in plain characters (no white space, control character or
backslash, which URL parsing drops or reads specially): it resolves to the same path whatever
the http(s) page it is on."""


def _date(value: Any) -> date | None:
    if isinstance(value, str) and len(value) >= 10:
        try:
            return date.fromisoformat(value[:10])
        except ValueError:
            return None
    return None


class _Profile(NamedTuple):
    """A therapist's profile page, and whether it shows one of their credentials."""

    path: str
    therapist: str
    shows_credential: bool


class _Byline(NamedTuple):
    """An article page's byline: where its author links lead, and whether it names the author."""

    source: str
    """The article's file."""
    targets: frozenset[str]
    named: bool


class EeatCheck(Check):
    """Bylines, profiles, review records and dates."""

    page_anywhere = True

    def __init__(self, ctx: CheckContext) -> None:
        super().__init__(ctx)
        self.profiles: dict[str, tuple[str, bool]] = {}
        """Profile page path → (therapist id, whether the page shows a credential)."""
        self.bylines: list[_Byline] = []
        self.seen: dict[int, list[dict[str, Any]]] = {}
        self.paths: dict[str | tuple[str, str], str] = {}
        """What :meth:`_path` found (a cache)."""

    def page(
        self, page: PagePlan, html: ScannedPage | None
    ) -> Iterable[RawFinding | Once | _Profile | _Byline]:
        if html is None:
            return
        if page.kind == "about" and page.therapist is not None:
            therapist = page.therapist
            shows = any(html.shows(c.name) for c in therapist.credentials)
            yield _Profile(page.path, therapist.id, shows)
        article = page.article
        if article is not None:
            author = self.ctx.site.author_of(article)
            targets = {self._path(page.url, href) for href in html.author_hrefs}
            yield _Byline(article.source, frozenset(targets), html.shows(author.name))
        yield from self._dates(page, html.unseen_nodes(self.seen))

    def _path(self, url: str, href: str) -> str:
        """The path of a link's target from the page at ``url``; kept by ``href`` alone when it
        is a plain site path (every byline links to one of a few profiles), which resolves to
        the same path on every http(s) page."""
        key = href if _SITE_PATH.fullmatch(href) else (url, href)
        path = self.paths.get(key)
        if path is None:
            path = self.paths[key] = urlsplit(urljoin(url, href)).path
        return path

    def absorb(self, fact: object) -> Iterable[RawFinding]:
        if isinstance(fact, _Profile):
            self.profiles[fact.path] = (fact.therapist, fact.shows_credential)
        elif isinstance(fact, _Byline):
            self.bylines.append(fact)
        else:
            return super().absorb(fact)
        return ()

    def _dates(self, page: PagePlan, nodes: list[dict[str, Any]]) -> Iterator[Once]:
        path, _ = self.ctx.origin(page)
        for node in nodes:
            node_id = str(node.get("@id", page.path))
            if ("reviewedBy" in node) != ("lastReviewed" in node):
                has, lacks = (
                    ("reviewedBy", "lastReviewed")
                    if "reviewedBy" in node
                    else ("lastReviewed", "reviewedBy")
                )
                message = f"{node_id} has {has} but no {lacks}; a review claim may not be trusted without both"
                yield Once((EEAT_002, node_id), RawFinding(EEAT_002, path, None, message))
            published, modified = _date(node.get("datePublished")), _date(node.get("dateModified"))
            if published and modified and modified < published:
                message = f"{node_id} has dateModified {modified} before datePublished {published}; readers and Google may distrust both"
                yield Once((EEAT_004, node_id), RawFinding(EEAT_004, path, None, message))

    def finish(self) -> Iterator[RawFinding]:
        ctx = self.ctx
        for byline in self.bylines:
            article = ctx.article(byline.source)
            author = ctx.site.author_of(article)
            targets = byline.targets
            profile = next((self.profiles[t] for t in targets if t in self.profiles), None)
            if not byline.named or profile is None or profile[0] != author.id or not profile[1]:
                line = ctx.key_line(article.source, "author")
                message = f'the article has no visible byline naming {author.name} and linking (rel="author") to a profile that shows their credentials; readers may not know who wrote it'
                yield RawFinding(EEAT_001, article.source, line, message)
        for article in ctx.published_articles():
            reviewed = article.meta.last_reviewed
            if reviewed is not None and ctx.today - reviewed > REVIEW_MAX_AGE:
                line = ctx.key_line(article.source, "last_reviewed")
                message = f"the last review ({reviewed}) is over 12 months old on {ctx.today}; the content may be stale"
                yield RawFinding(EEAT_003, article.source, line, message)


CHECKS = (EeatCheck,)
