"""HTML pages from Jinja2 templates.

The environment puts a user's template folder in front of the built-in templates (Pelican's
loader chain), so a user overrides one file or one named block of `base.html` and keeps the rest.
Autoescaping is on for every template and undefined names raise: content is always text, and a
typo in a template is an error, not an empty string.
"""

from __future__ import annotations

import weakref
from collections.abc import Sequence
from dataclasses import dataclass, fields
from datetime import date
from importlib import resources
from pathlib import Path
from typing import Any

from jinja2 import ChoiceLoader, Environment, FileSystemLoader, PackageLoader, StrictUndefined
from markupsafe import Markup

from ..models import Article, Reference
from ..pages.model import Page
from ..site import Site
from ..urls import Urls
from .views import (
    ArticleLink,
    OfficeView,
    ServiceView,
    SiteView,
    TherapistView,
    human_date,
    therapist_view,
)
from .views import site_view as _build_site_view

__all__ = ["PageContext", "make_environment", "page_context", "render_page", "stylesheet_text"]

TEMPLATES = {
    "home": "home.html",
    "about": "about.html",
    "service": "service.html",
    "location": "location.html",
    "articles": "articles.html",
    "article": "article.html",
    "not_found": "404.html",
}


def make_environment(templates_dir: Path | None = None) -> Environment:
    """The Jinja environment: the user's templates first, then the built-in ones."""
    loaders: list[Any] = []
    if templates_dir is not None:
        loaders.append(FileSystemLoader(str(templates_dir)))
    loaders.append(PackageLoader("nmt_content", "templates"))
    env = Environment(
        loader=ChoiceLoader(loaders),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        auto_reload=False,  # a build never edits templates; skip a stat() per get_template
    )
    env.filters["human_date"] = human_date
    env.filters["iso"] = lambda value: value.isoformat() if isinstance(value, date) else ""
    return env


@dataclass(frozen=True, slots=True)
class PageContext:
    """Everything one page template receives."""

    page: Page
    site: SiteView
    head: Markup
    body: Markup
    author: TherapistView | None
    """The article's author (article pages)."""
    office: OfficeView | None
    """The office (office pages)."""
    service: ServiceView | None
    """The service (service pages)."""
    offered_at: tuple[OfficeView, ...]
    """Offices that offer the service (service pages)."""
    services_here: tuple[ServiceView, ...]
    """Services offered at the office (office pages)."""
    related: tuple[ArticleLink, ...]
    """Articles about the service (service pages)."""
    references: tuple[Reference, ...]
    """The article's references."""
    health_disclaimer: bool
    """Whether the page discusses health (conditions or services) and needs the disclaimer."""
    reviewed_by: str | None
    last_reviewed: date | None


_SITE_VIEWS: dict[tuple[int, str, str | None], tuple[weakref.ref[Site], SiteView]] = {}


def page_context(
    site: Site,
    urls: Urls,
    page: Page,
    *,
    body_html: str,
    head_html: str,
    pages: Sequence[Page],
    feed_path: str | None = None,
) -> PageContext:
    """Build the one context a page template gets. ``body_html`` and ``head_html`` come from our
    own renderers (Markdown with raw HTML neutralised; escaped head tags) and are trusted."""
    view = _site_view(site, urls, pages, feed_path)
    article = page.article
    service = page.service
    location = page.location
    offices_by_id = {o.id: o for o in view.offices}
    return PageContext(
        page=page,
        site=view,
        head=Markup(head_html),
        body=Markup(body_html),
        author=therapist_view(site.author_of(article)) if article else None,
        office=offices_by_id[location.id] if location else None,
        service=next((s for s in view.services if service and s.id == service.id), None),
        offered_at=tuple(offices_by_id[loc.id] for loc in site.locations_of(service))
        if service
        else (),
        services_here=tuple(
            s
            for s, model in zip(view.services, site.services, strict=True)
            if location is not None and location in site.locations_of(model)
        ),
        related=tuple(a for a in view.articles if service and service.id in a.services),
        references=article.meta.references if article else (),
        health_disclaimer=_is_health_article(article),
        reviewed_by=_reviewer_name(site, article),
        last_reviewed=article.meta.last_reviewed if article else None,
    )


def render_page(env: Environment, context: PageContext) -> str:
    """Render the page's template with its context."""
    template = env.get_template(TEMPLATES[context.page.kind])
    return template.render({f.name: getattr(context, f.name) for f in fields(context)})


def stylesheet_text() -> str:
    """The default theme's CSS (written to `/assets/site.css`)."""
    return (resources.files("nmt_content") / "static" / "site.css").read_text(encoding="utf-8")


def _site_view(site: Site, urls: Urls, pages: Sequence[Page], feed_path: str | None) -> SiteView:
    key = (id(site), urls.base, feed_path)
    cached = _SITE_VIEWS.get(key)
    if cached is not None and cached[0]() is site:
        return cached[1]
    view = _build_site_view(site, urls, list(pages), feed_path)
    _SITE_VIEWS[key] = (weakref.ref(site, lambda _ref: _SITE_VIEWS.pop(key, None)), view)
    return view


def _is_health_article(article: Article | None) -> bool:
    return article is not None and bool(article.meta.about or article.meta.services)


def _reviewer_name(site: Site, article: Article | None) -> str | None:
    if article is None or article.meta.reviewed_by is None:
        return None
    reviewer = article.meta.reviewed_by
    if isinstance(reviewer, str):
        return therapist_view(site.therapist(reviewer)).certified_line
    return f"{reviewer.name}, {reviewer.job_title}" if reviewer.job_title else reviewer.name
