"""The page record: everything a template, the schema graph, the sitemap and the checks need to
know about one page, computed once in :mod:`nmt_content.pages.plan`.

Fallback order for each SEO fact (like jekyll-seo-tag, the rules live in one place, the planner):

- title: the page's headline, then " | " and the practice name (home: the practice name alone);
- description: the article's or service's own; offices and lists get one composed from data;
- canonical: the base URL plus the page path;
- image: the article's lead image, then the practice image, then its logo.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Literal

from ..models import Article, Location, Service, Therapist

__all__ = ["Breadcrumb", "PageImage", "PageKind", "PagePlan"]

PageKind = Literal[
    "home",
    "about",
    "team",
    "services",
    "service",
    "locations",
    "location",
    "articles",
    "article",
    "not_found",
]
"""`about` is a therapist's profile page (at `/about/`, or `/team/<slug>/` in a practice of
several therapists, which also has the `team` page)."""


@dataclass(frozen=True, slots=True)
class Breadcrumb:
    """One step of a breadcrumb trail."""

    name: str
    path: str
    """The site path (``/articles/``)."""
    url: str
    """The absolute URL."""


@dataclass(frozen=True, slots=True)
class PageImage:
    """An image for link previews and structured data."""

    url: str
    """Absolute URL."""
    alt: str
    width: int | None = None
    height: int | None = None
    """Pixels: read from the file in `static/` when the image is there, else as written."""


@dataclass(frozen=True, slots=True)
class PagePlan:
    """One page of the site, with its SEO facts decided."""

    kind: PageKind
    path: str
    """The site path, e.g. ``/articles/lower-back-pain/``."""
    url: str
    """The canonical, absolute URL."""
    title: str
    """The full `<title>` text."""
    headline: str
    """The page's `<h1>`."""
    description: str
    """The meta description."""
    language: str
    """BCP 47 language of the page."""
    breadcrumbs: tuple[Breadcrumb, ...]
    """From the home page to this page (the last item is this page)."""
    og_type: Literal["website", "article", "profile"] = "website"
    image: PageImage | None = None
    date_published: date | None = None
    date_modified: date | None = None
    noindex: bool = False
    """Ask search engines not to index the page; it is then left out of the sitemap."""
    draft: bool = False
    source: str | None = None
    """The content file the page comes from, for reports (``articles/x.md``)."""
    article: Article | None = None
    service: Service | None = None
    location: Location | None = None
    therapist: Therapist | None = None
    """The author (article pages) or the profiled therapist (profile pages)."""
    alternates: tuple[tuple[str, str], ...] = ()
    """hreflang alternates as (language, absolute URL), including this page, when translated."""

    own_image: bool = False
    """Whether ``image`` is shown on the page itself (an article's lead image), not only
    stated for link previews; only such an image goes into the image sitemap."""

    @property
    def robots(self) -> str:
        """The robots meta directive."""
        return (
            "noindex, follow"
            if self.noindex or self.draft
            else "index, follow, max-image-preview:large"
        )

    @property
    def canonical(self) -> bool:
        """Whether the page states a canonical URL: every page but the 404 page, which any
        unknown path shows and which is no page of its own."""
        return self.kind != "not_found"

    @property
    def indexable(self) -> bool:
        """Whether the page belongs in sitemaps: not a draft, not noindex, not the 404 page.

        The 404 page is also `noindex`: servers send it with a 404 status, and a host that sends
        it with 200 (a "soft 404") must not have it indexed either.
        """
        return not (self.noindex or self.draft or self.kind == "not_found")

    @property
    def lastmod(self) -> date | None:
        """The date its content last changed, from content (never the build time)."""
        return self.date_modified or self.date_published
