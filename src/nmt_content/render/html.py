"""HTML pages from Jinja2 templates.

The environment puts a user's template folder in front of the built-in templates (Pelican's
loader chain), so a user overrides one file, or extends ``builtin/base.html`` to override one named
block and keep the rest. Autoescaping is on for every template and undefined names raise: content
is always text, and a typo in a template is an error, not an empty string.

Templates get a :class:`PageContext`, built in one place (:func:`page_context`), holding only
display-ready values (MkDocs' TemplateContext idea): formatting rules live in
:mod:`.formatting` and :mod:`.views`, where they can be tested, not in the templates.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, fields
from datetime import date
from functools import lru_cache
from importlib import resources
from pathlib import Path
from types import EllipsisType

from jinja2 import (
    BaseLoader,
    ChoiceLoader,
    Environment,
    FileSystemLoader,
    PackageLoader,
    PrefixLoader,
    StrictUndefined,
)
from markupsafe import Markup

from ..models import Article, Reference
from ..pages.model import PageKind, PagePlan
from ..site import Site
from ..urls import Urls
from .formatting import (
    CredentialLine,
    HoursRow,
    address_lines,
    credential_lines,
    hours_rows,
    human_date,
    tel_href,
    time_tag,
)
from .views import (
    ArticleLink,
    FigureView,
    OfficeView,
    ServiceView,
    SiteView,
    TherapistView,
    lead_figure,
    site_view,
    therapist_view,
)

__all__ = [
    "BUILTIN_PREFIX",
    "TEMPLATES",
    "PageContext",
    "PageMaker",
    "ReferenceView",
    "make_environment",
    "page_context",
    "render_page",
    "shared_environment",
    "stylesheet_text",
]

TEMPLATES: dict[PageKind, str] = {
    "home": "home.html",
    "about": "about.html",
    "services": "services.html",
    "service": "service.html",
    "locations": "locations.html",
    "location": "location.html",
    "articles": "articles.html",
    "article": "article.html",
    "not_found": "404.html",
}
"""The template of each page kind."""

BUILTIN_PREFIX = "builtin"
"""The built-in templates are also reachable as ``builtin/<name>``, so a user's own `base.html`
can ``{% extends "builtin/base.html" %}`` and override a single block."""


def make_environment(templates_dir: Path | None = None) -> Environment:
    """The Jinja environment: the user's templates first, then the built-in ones."""
    builtin = PackageLoader("nmt_content", "templates")
    loaders: list[BaseLoader] = []
    if templates_dir is not None:
        loaders.append(FileSystemLoader(str(templates_dir)))
    loaders += [builtin, PrefixLoader({BUILTIN_PREFIX: builtin})]
    env = Environment(
        loader=ChoiceLoader(loaders),
        autoescape=True,  # every template, .html or .xml: content is text until proven markup
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        auto_reload=False,  # a build never edits templates; skip a stat() per get_template
    )
    env.filters.update(
        human_date=human_date,
        iso=date.isoformat,
        time_tag=time_tag,
        tel_href=tel_href,
        address_lines=address_lines,
    )
    return env


def shared_environment(templates_dir: Path | None = None) -> Environment:
    """:func:`make_environment`, kept between builds while the user's templates are unchanged.

    Compiling the templates is most of a small site's build time, and `serve` rebuilds on every
    save. The environment never reloads templates itself (no stat per page), so it is keyed by
    the name, size and modification time of every file under ``templates_dir``: an edited, added
    or removed template gives a fresh environment. Treat it as read-only.
    """
    if templates_dir is None:
        return _environment(None, ())
    stats = sorted((str(p), p.stat()) for p in templates_dir.rglob("*") if p.is_file())
    fingerprint = tuple((name, stat.st_size, stat.st_mtime_ns) for name, stat in stats)
    return _environment(str(templates_dir.resolve()), fingerprint)


@lru_cache(maxsize=4)
def _environment(templates_dir: str | None, fingerprint: tuple[object, ...]) -> Environment:
    del fingerprint  # only part of the cache key
    return make_environment(Path(templates_dir) if templates_dir is not None else None)


# -- the context ---------------------------------------------------------------------------------


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
    """Where "Book a session" points: the booking URL, else the contact section of this office
    (office pages) or of the first office."""
    credentials: tuple[CredentialLine, ...]
    """The profiled therapist's credentials."""
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
    view: SiteView
    credentials: tuple[CredentialLine, ...]
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
    return _context(_shared(site, urls, pages, feed_path), page, body_html, head_html)


class PageMaker:
    """Contexts and HTML for the pages of one build (one site, base URL, page list and
    environment): the site-wide part of every context and the footer are made once, here, and
    live as long as the build that made this."""

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
        self._shared: _Shared | None = None
        self._footer: Markup | None = None

    def context(self, page: PagePlan, *, body_html: str, head_html: str) -> PageContext:
        """As :func:`page_context`, for a page of this build."""
        if self._shared is None:  # made at the first page (a build may reuse every page)
            self._shared = _shared(*self._inputs)
        return _context(self._shared, page, body_html, head_html)

    def render(self, context: PageContext) -> str:
        """As :func:`render_page`, with the footer rendered once for the whole build."""
        if self._footer is None:
            self._footer = _footer(self.env, context.site, context.urls)
        return _render(self.env, context, self._footer)


def _context(shared: _Shared, page: PagePlan, body_html: str, head_html: str) -> PageContext:
    site, urls, view = shared.site, shared.urls, shared.view
    article, service, location = page.article, page.service, page.location
    office = shared.offices[location.id] if location is not None else None
    booking = view.booking_url
    if office is not None and not site.practice.booking_url:
        booking = f"{office.path}#contact"
    return PageContext(
        page=page,
        site=view,
        urls=urls,
        head=Markup(head_html),
        body=Markup(body_html),
        booking_url=booking,
        credentials=shared.credentials,
        latest=view.articles[:5],
        author=shared.authors[site.author_of(article).id] if article is not None else None,
        office=office,
        hours=hours_rows(location.opening_hours) if location is not None else (),
        unlisted=_unlisted(office),
        service=shared.services[service.id] if service is not None else None,
        offered_at=shared.offered_at[service.id] if service is not None else (),
        services_here=shared.services_here[location.id] if location is not None else (),
        related=shared.related[service.id] if service is not None else (),
        references=tuple(_reference(r) for r in article.meta.references) if article else (),
        health_disclaimer=_needs_disclaimer(page),
        reviewed_by=_reviewer(site, article),
        last_reviewed=article.meta.last_reviewed if article is not None else None,
        lead_image=lead_figure(page),
    )


_FIELDS = tuple(f.name for f in fields(PageContext))


def render_page(env: Environment, context: PageContext) -> str:
    """Render the template of the page's kind with the context's fields as variables.

    `_footer.html` is rendered with only ``site`` and ``urls`` (never page facts), so the footer
    is byte-identical on every page by construction (a build renders it once, see
    :class:`PageMaker`); templates get it as ``footer``.
    """
    return _render(env, context, _footer(env, context.site, context.urls))


def _render(env: Environment, context: PageContext, footer: Markup) -> str:
    template = env.get_template(TEMPLATES[context.page.kind])
    variables = {name: getattr(context, name) for name in _FIELDS}
    variables["footer"] = footer
    return template.render(variables)


def _footer(env: Environment, view: SiteView, urls: Urls) -> Markup:
    return Markup(env.get_template("_footer.html").render(site=view, urls=urls))


def stylesheet_text() -> str:
    """The default theme's CSS (written to `/assets/site.css`)."""
    return (resources.files("nmt_content") / "static" / "site.css").read_text(encoding="utf-8")


# -- helpers -------------------------------------------------------------------------------------


def _shared(
    site: Site, urls: Urls, pages: Sequence[PagePlan], feed_argument: str | EllipsisType | None
) -> _Shared:
    if isinstance(feed_argument, EllipsisType):
        has_feed = any(p.kind == "article" and p.indexable for p in pages)
        feed_path = urls.feed if has_feed else None
    else:
        feed_path = feed_argument
    view = site_view(site, urls, list(pages), feed_path)
    offices = {office.id: office for office in view.offices}
    services = {shown.id: shown for shown in view.services}
    shared = _Shared(
        site=site,
        urls=urls,
        view=view,
        credentials=credential_lines(site.therapists[0].credentials),
        offices=offices,
        authors={t.id: therapist_view(t) for t in site.therapists},
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
    return shared


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


def _reviewer(site: Site, article: Article | None) -> str | None:
    if article is None or article.meta.reviewed_by is None:
        return None
    reviewer = article.meta.reviewed_by
    if isinstance(reviewer, str):
        return therapist_view(site.therapist(reviewer)).certified_line
    return f"{reviewer.name}, {reviewer.job_title}" if reviewer.job_title else reviewer.name
