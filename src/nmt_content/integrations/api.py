"""Embedding API for sites built with other tools (Flask, Django, FastAPI, Hugo, Jekyll…).

    site = load_site("content/")
    page = page_for(site, "/articles/lower-back-pain/")     # or just "lower-back-pain"
    head_tags(page)            # <title>, description, canonical, Open Graph, Twitter, JSON-LD
    jsonld(page)               # {"@context": "https://schema.org", "@graph": [...]}
    inject(html, page)         # put those tags into an existing HTML document

Pages are planned once per site and base URL, so `page_for` and `head_tags` stay cheap in a web
app's request path.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from ..errors import MAX_SUGGESTIONS, PageNotFoundError
from ..pages.model import Breadcrumb, PagePlan
from ..pages.plan import plan_pages
from ..render.head import OgImage, og_image, page_head
from ..render.i18n import page_words
from ..render.robots import render_robots
from ..render.sitemap import sitemap_documents, sitemap_entries
from ..schema.graph import GraphMaker
from ..schema.jsonld import jsonld_script as _jsonld_script
from ..site import Site
from ..urls import Urls
from .inject_html import inject_document
from .inject_jsonld import Claims
from .suggest import close_paths

__all__ = [
    "Page",
    "head_tags",
    "inject",
    "jsonld",
    "jsonld_script",
    "page_for",
    "pages_of",
    "robots_txt",
    "sitemap_xml",
]


@dataclass(frozen=True, eq=False)
class Page:
    """One page of the practice's site, ready to embed: its SEO facts and structured data."""

    site: Site = field(repr=False)
    urls: Urls = field(repr=False)
    plan: PagePlan

    @property
    def path(self) -> str:
        """The site path, e.g. ``/about/``."""
        return self.plan.path

    @property
    def title(self) -> str:
        """The `<title>` text."""
        return self.plan.title

    @property
    def headline(self) -> str:
        """The page's `<h1>` text (the title without the practice name)."""
        return self.plan.headline

    @property
    def description(self) -> str:
        """The meta description."""
        return self.plan.description

    @property
    def canonical(self) -> str:
        """The absolute canonical URL."""
        return self.plan.url

    @property
    def robots(self) -> str:
        """The robots meta directive."""
        return self.plan.robots

    @property
    def breadcrumbs(self) -> tuple[Breadcrumb, ...]:
        """From the home page to this page."""
        return self.plan.breadcrumbs

    @property
    def language(self) -> str:
        """The page's BCP 47 language (``en-US``), for the host's ``<html lang>``."""
        return self.plan.language

    @property
    def og_type(self) -> str:
        """The Open Graph type: ``website``, ``article`` or ``profile``."""
        return self.plan.og_type

    @property
    def image(self) -> OgImage | None:
        """The link-preview image as the head states it (`og:image`, its alt text and, when
        both are known, width and height); None when the page has none."""
        return og_image(self.plan)

    @property
    def alternates(self) -> tuple[tuple[str, str], ...]:
        """hreflang alternates as (language, absolute URL), this page included; empty when the
        page is not translated."""
        return self.plan.alternates

    @property
    def lastmod(self) -> date | None:
        """The date the content last changed (the sitemap's lastmod); None when unknown."""
        return self.plan.lastmod

    @property
    def indexable(self) -> bool:
        """Whether the page is in the sitemap (not a draft, not noindex, not the 404 page)."""
        return self.plan.indexable


def pages_of(site: Site, *, base_url: str | None = None, drafts: bool = False) -> dict[str, Page]:
    """Every page of the site by path (``/``, ``/about/``, ``/articles/<slug>/``…)."""
    urls = Urls.for_base(base_url or site.practice.url)
    return {path: Page(site, urls, plan) for path, plan in _plans(site, urls, drafts).items()}


def page_for(
    site: Site, url_path_or_slug: str, *, base_url: str | None = None, drafts: bool = False
) -> Page:
    """The page at a URL path (``/about/``, ``/articles/x/``, ``about/index.html``), an absolute
    URL of the site, or an article slug (``x``).

    Raises:
        PageNotFoundError: no page is there. It is also a ``KeyError``; its message names the
            path asked for and at most three close matches (``error.suggestions``), looked up
            only when the message is read.
        ValueError: ``base_url`` is not an absolute http(s) URL.
    """
    urls = Urls.for_base(base_url or site.practice.url)
    plans = _plans(site, urls, drafts)
    candidates = _candidates(url_path_or_slug)
    for candidate in candidates:
        if candidate in plans:
            return Page(site, urls, plans[candidate])
    raise PageNotFoundError(
        url_path_or_slug, lambda: close_paths(candidates, plans.keys(), MAX_SUGGESTIONS)
    )


def head_tags(page: Page) -> str:
    """The `<head>` tags for the page: title, description, canonical, robots, hreflang, Open Graph,
    Twitter card and the JSON-LD script."""
    return page_head(
        page.site, page.urls, page.plan, standalone=False, graphs=_graphs(page.site, page.urls)
    ).html


def jsonld(page: Page) -> dict[str, Any]:
    """The page's structured data: ``{"@context": "https://schema.org", "@graph": [...]}``."""
    return _graphs(page.site, page.urls).graph(page.plan).document


def jsonld_script(data: Mapping[str, Any]) -> str:
    """A `<script type="application/ld+json">` element that no text inside ``data`` can end."""
    return _jsonld_script(data)


def inject(html: str, page: Page, *, replace_jsonld: bool = False) -> str:
    """Put the page's head tags into ``html``, replacing ours and any title, description,
    canonical, robots, hreflang, Open Graph and Twitter tags in its head; nothing else changes.

    With ``replace_jsonld``, JSON-LD already in ``html`` that describes what ours does (the same
    `@id`, or a related type such as ``LocalBusiness``) is removed; without it, it is kept.
    """
    head = page_head(
        page.site, page.urls, page.plan, standalone=False, graphs=_graphs(page.site, page.urls)
    )
    claims = Claims.of(head.graph.document) if replace_jsonld else None
    return inject_document(html, head.html, claims=claims, replace_jsonld=replace_jsonld).html


def sitemap_xml(site: Site, *, base_url: str | None = None) -> str:
    """The sitemap of the site's indexable pages, for a web app to serve at /sitemap.xml: the
    entries `build` writes (lastmod, article images, hreflang alternates).

    Web apps serve one file; a site over 50,000 pages should be built with `nmt-content build`,
    which splits it into an index.
    """
    urls = Urls.for_base(base_url or site.practice.url)
    entries = sitemap_entries(_plans(site, urls, False).values())
    documents = list(sitemap_documents(entries, base_url=urls.base, stylesheet=None))
    if len(documents) != 1:
        raise ValueError("the sitemap needs splitting; build the site with `nmt-content build`")
    return b"".join(documents[0].chunks).decode("utf-8")


def robots_txt(site: Site, *, base_url: str | None = None) -> str:
    """robots.txt pointing at the sitemap, for a web app to serve at /robots.txt."""
    urls = Urls.for_base(base_url or site.practice.url)
    return render_robots([urls.absolute(urls.sitemap)])


def _plans(site: Site, urls: Urls, drafts: bool) -> dict[str, PagePlan]:
    """The site's pages under ``urls``, planned once and kept with the site."""
    key = ("api plans", urls.base, drafts)
    plans: dict[str, PagePlan] | None = site.derived.get(key)
    if plans is None:
        plans = {
            plan.path: plan
            for plan in plan_pages(site, urls, include_drafts=drafts, words=page_words)
        }
        site.derived[key] = plans
    return plans


def _graphs(site: Site, urls: Urls) -> GraphMaker:
    """What makes the site's page graphs under ``urls`` (the site-wide part made once), kept
    with the site."""
    key = ("api graphs", urls.base)
    graphs: GraphMaker | None = site.derived.get(key)
    if graphs is None:
        graphs = site.derived[key] = GraphMaker(site, urls, page_words)
    return graphs


def _candidates(value: str) -> list[str]:
    """The paths a user may mean: ``about``, ``/about``, ``about/index.html`` all mean ``/about/``."""
    text = value.strip()
    if text.startswith(("http://", "https://")):
        text = (
            "/" + text.split("://", 1)[1].split("/", 1)[-1]
            if "/" in text.split("://", 1)[1]
            else "/"
        )
    text = text.split("#", 1)[0].split("?", 1)[0]
    if text.endswith("index.html"):
        text = text[: -len("index.html")]
    path = "/" + text.strip("/")
    candidates = [path if path.endswith(".html") else path.rstrip("/") + "/", path]
    if "/" not in text.strip("/") and not text.endswith(".html"):
        candidates.append(f"/articles/{text.strip('/')}/")
    return candidates
