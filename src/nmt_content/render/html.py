"""HTML pages from Jinja2 templates (the environment: :mod:`.environment`).

Templates get a :class:`PageContext`, built in one place (:func:`page_context`), holding only
display-ready values (MkDocs' TemplateContext idea): formatting rules live in
:mod:`.formatting` and :mod:`.views`, where they can be tested, not in the templates.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, fields
from datetime import date
from types import EllipsisType

from jinja2 import (
    Environment,
)
from markupsafe import Markup

from ..models import Article, Reference
from ..pages.model import PageKind, PagePlan
from ..site import Site
from ..urls import Urls
from .formatting import (
    CredentialLine,
    HoursRow,
    hours_rows,
)
from .i18n import Translations, translations
from .partials import PagePartials
from .views import (
    ArticleLink,
    FigureView,
    OfficeView,
    ServiceView,
    SiteView,
    TherapistView,
    lead_figure,
    people_on,
    site_view,
)

__all__ = [
    "TEMPLATES",
    "PageContext",
    "PageMaker",
    "ReferenceView",
    "page_context",
    "render_page",
]

TEMPLATES: dict[PageKind, str] = {
    "home": "home.html",
    "about": "about.html",
    "team": "team.html",
    "services": "services.html",
    "service": "service.html",
    "locations": "locations.html",
    "location": "location.html",
    "articles": "articles.html",
    "article": "article.html",
    "not_found": "404.html",
}
"""The template of each page kind."""


@dataclass(frozen=True, slots=True)
class ReferenceView:
    """A cited work, as the reference list shows it."""

    title: str
    authors: str | None
    journal: str | None
    year: int | None
    url: str | None
    """The work's URL, else its DOI resolver link."""


@dataclass(frozen=True, slots=True)
class PageContext:
    """Everything one page template receives, as template variables of the same names."""

    page: PagePlan
    """The page's SEO facts: headline, description, path, breadcrumbs, dates, language."""
    site: SiteView
    """Site-wide views: name, offices, services, articles, therapist, nav, feed path."""
    urls: Urls
    """Paths of the fixed pages (``urls.home``, ``urls.about``, ``urls.articles``)."""
    head: Markup
    """The `<head>` tags (trusted: from :func:`~nmt_content.render.head.render_head`)."""
    body: Markup
    """The page's own HTML (trusted: rendered Markdown, raw HTML neutralised); may be empty."""
    booking_url: str
    """Where "Book a session" points: the office's or the practice's booking URL, else the
    contact section of this office (office pages) or of the first office."""
    credentials: tuple[CredentialLine, ...]
    """The credentials of ``profile``."""
    profile: TherapistView
    """The therapist a profile page shows; elsewhere the first (the only one of a practice of one)."""
    people: tuple[TherapistView, ...]
    """The therapists the page advertises (:func:`~.views.people_on`)."""
    latest: tuple[ArticleLink, ...]
    """Up to five newest articles."""
    author: TherapistView | None
    """The article's author (article pages)."""
    office: OfficeView | None
    """The office (office pages)."""
    hours: tuple[HoursRow, ...]
    """The office's opening hours (office pages); empty when not published."""
    unlisted: tuple[str, ...]
    """What the office's contact details lack (office pages), e.g. ``("street address",)``, so
    the page can say so instead of inventing it."""
    service: ServiceView | None
    """The service (service pages)."""
    offered_at: tuple[OfficeView, ...]
    """Offices that offer the service (service pages)."""
    services_here: tuple[ServiceView, ...]
    """Services offered at the office (office pages)."""
    related: tuple[ArticleLink, ...]
    """Articles about the service (service pages)."""
    references: tuple[ReferenceView, ...]
    """The article's references."""
    health_disclaimer: bool
    """Whether the page needs the health disclaimer (BPC § 2053.5(b)): an article about
    conditions or services, or a service sought for named conditions."""
    reviewed_by: str | None
    """Who reviewed the article, as shown (only from a review record in the front matter)."""
    last_reviewed: date | None
    lead_image: FigureView | None = None
    """The article's own lead image (article pages), shown as a figure under its title."""


@dataclass(frozen=True, slots=True)
class _Shared:
    """The site-wide part of every context, computed once per build."""

    site: Site
    urls: Urls
    words: Translations
    view: SiteView
    offices: dict[str, OfficeView]
    authors: dict[str, TherapistView]
    services: dict[str, ServiceView]
    offered_at: dict[str, tuple[OfficeView, ...]]
    services_here: dict[str, tuple[ServiceView, ...]]
    related: dict[str, tuple[ArticleLink, ...]]


def page_context(
    site: Site,
    urls: Urls,
    page: PagePlan,
    *,
    body_html: str,
    head_html: str,
    pages: Sequence[PagePlan],
    feed_path: str | EllipsisType | None = ...,
) -> PageContext:
    """Build the one context a page template gets.

    ``body_html`` and ``head_html`` come from our own renderers (Markdown with raw HTML
    neutralised; escaped head tags) and are trusted; everything else stays text, which the
    templates escape. ``pages`` is the whole site (for article lists). ``feed_path`` is where the
    footer links the feed; by default the feed's path when some article is indexable (the build
    writes a feed exactly then), and ``None`` for no link.
    """
    words = translations(page.language)
    return _context(_shared(site, urls, pages, feed_path, words), page, body_html, head_html)


class PageMaker:
    """Contexts and HTML for the pages of one build (one site, base URL, page list and
    environment): the site-wide part of every context and the footer are made once per catalog
    language, here, and live as long as the build that made this."""

    def __init__(
        self,
        env: Environment,
        site: Site,
        urls: Urls,
        pages: Sequence[PagePlan],
        feed_path: str | EllipsisType | None = ...,
    ) -> None:
        self.env = env
        self._inputs = (site, urls, pages, feed_path)
        self._shared: dict[str, _Shared] = {}
        self._parts: dict[str, _SiteParts] = {}

    def context(self, page: PagePlan, *, body_html: str, head_html: str) -> PageContext:
        """As :func:`page_context`, for a page of this build."""
        language = translations(page.language)
        shared = self._shared.get(language.language)
        if shared is None:  # made at the first page (a build may reuse every page)
            shared = self._shared[language.language] = _shared(*self._inputs, language)
        return _context(shared, page, body_html, head_html)

    def render(self, context: PageContext) -> str:
        """As :func:`render_page`, with the site-wide parts rendered once per language for the
        build."""
        language = translations(context.page.language).language
        parts = self._parts.get(language)
        if parts is None:
            parts = self._parts[language] = _SiteParts(
                self.env, context.site, context.urls, language
            )
        return _render(self.env, context, parts)


def _context(shared: _Shared, page: PagePlan, body_html: str, head_html: str) -> PageContext:
    site, urls, view = shared.site, shared.urls, shared.view
    article, service, location = page.article, page.service, page.location
    office = shared.offices[location.id] if location is not None else None
    booking = view.booking_url
    if office is not None:
        booking = office.booking_url or site.practice.booking_url or f"{office.path}#contact"
    profiled = page.therapist if page.kind == "about" else None
    profile = shared.authors[profiled.id] if profiled is not None else view.therapist
    people = people_on(site, page, shared.authors, profile)
    return PageContext(
        page=page,
        site=view,
        urls=urls,
        head=Markup(head_html),
        body=Markup(body_html),
        booking_url=booking,
        credentials=profile.credential_lines,
        profile=profile,
        people=people,
        latest=view.articles[:5],
        author=shared.authors[site.author_of(article).id] if article is not None else None,
        office=office,
        hours=hours_rows(location.opening_hours, shared.words) if location is not None else (),
        unlisted=_unlisted(office),
        service=shared.services[service.id] if service is not None else None,
        offered_at=shared.offered_at[service.id] if service is not None else (),
        services_here=shared.services_here[location.id] if location is not None else (),
        related=shared.related[service.id] if service is not None else (),
        references=tuple(_reference(r) for r in article.meta.references) if article else (),
        health_disclaimer=_needs_disclaimer(page),
        reviewed_by=_reviewer(shared, article),
        last_reviewed=article.meta.last_reviewed if article is not None else None,
        lead_image=lead_figure(page),
    )


_FIELDS = tuple(f.name for f in fields(PageContext))


def render_page(env: Environment, context: PageContext) -> str:
    """Render the template of the page's kind with the context's fields as variables.

    The site-wide parts (`_footer.html`, `_masthead.html`, `_nav.html`) are rendered with only
    ``site`` and ``urls`` (and, for the menu, ``current``: the page's path when the menu links
    to it), never other page facts, so each is the same on every page by construction (a build
    renders each once per language, see :class:`PageMaker`); templates get them as
    ``footer``, ``masthead`` and ``nav``. The byline, disclaimer and breadcrumb partials are
    the variables ``byline``, ``disclaimer`` and ``breadcrumbs`` (:mod:`.partials`).
    """
    language = translations(context.page.language).language
    return _render(env, context, _SiteParts(env, context.site, context.urls, language))


def _render(env: Environment, context: PageContext, parts: _SiteParts) -> str:
    """The page in its language: the catalog's callables (and ``locale``, for dates) are
    template variables, which take precedence over the environment's English globals."""
    template = env.get_template(TEMPLATES[context.page.kind])
    variables = {name: getattr(context, name) for name in _FIELDS}
    variables.update(translations(context.page.language).template_globals)
    variables["footer"] = parts.footer
    variables["masthead"] = parts.masthead
    variables["nav"] = parts.nav(context.page.path)
    parts.partials.add_to(variables)
    return template.render(variables)


class _SiteParts:
    """The markup of one site in one language that no page fact changes: the footer and the
    header's masthead, rendered when made, and the menu, rendered once for each entry it marks
    as the current page (and once for pages it does not link to)."""

    def __init__(self, env: Environment, view: SiteView, urls: Urls, language: str) -> None:
        self._env, self._view, self._urls = env, view, urls
        self._words = translations(language).template_globals
        self.footer = self._partial("_footer.html")
        self.masthead = self._partial("_masthead.html")
        self._linked = frozenset(item.path for item in view.nav)
        self._menus: dict[str | None, Markup] = {}
        self.partials = PagePartials(env, language)

    def nav(self, path: str) -> Markup:
        """The menu on the page at ``path``."""
        current = path if path in self._linked else None
        menu = self._menus.get(current)
        if menu is None:
            menu = self._menus[current] = self._partial("_nav.html", current=current)
        return menu

    def _partial(self, name: str, **extra: object) -> Markup:
        template = self._env.get_template(name)
        return Markup(template.render(site=self._view, urls=self._urls, **self._words, **extra))


def _shared(
    site: Site,
    urls: Urls,
    pages: Sequence[PagePlan],
    feed_argument: str | EllipsisType | None,
    words: Translations,
) -> _Shared:
    if isinstance(feed_argument, EllipsisType):
        has_feed = any(p.kind == "article" and p.indexable for p in pages)
        feed_path = urls.feed if has_feed else None
    else:
        feed_path = feed_argument
    view = site_view(site, urls, list(pages), feed_path, words)
    offices = {office.id: office for office in view.offices}
    services = {shown.id: shown for shown in view.services}
    return _Shared(
        site=site,
        urls=urls,
        words=words,
        view=view,
        offices=offices,
        authors={t.id: t for t in view.therapists},
        services=services,
        offered_at={
            s.id: tuple(offices[loc.id] for loc in site.locations_of(s)) for s in site.services
        },
        services_here={
            loc.id: tuple(services[s.id] for s in site.services if loc in site.locations_of(s))
            for loc in site.locations
        },
        related={
            s.id: tuple(a for a in view.articles if s.id in a.services) for s in site.services
        },
    )


def _unlisted(office: OfficeView | None) -> tuple[str, ...]:
    if office is None:
        return ()
    missing = (("street address", office.street), ("phone number", office.telephone))
    return tuple(label for label, value in missing if not value)


def _needs_disclaimer(page: PagePlan) -> bool:
    if page.article is not None:
        return bool(page.article.meta.about or page.article.meta.services)
    return page.service is not None and bool(page.service.conditions)


def _reference(reference: Reference) -> ReferenceView:
    return ReferenceView(
        title=reference.title,
        authors=", ".join(reference.authors) or None,
        journal=reference.journal,
        year=reference.year,
        url=reference.link,
    )


def _reviewer(shared: _Shared, article: Article | None) -> str | None:
    if article is None or article.meta.reviewed_by is None:
        return None
    reviewer = article.meta.reviewed_by
    if isinstance(reviewer, str):
        return shared.authors[shared.site.therapist(reviewer).id].certified_line
    return f"{reviewer.name}, {reviewer.job_title}" if reviewer.job_title else reviewer.name
