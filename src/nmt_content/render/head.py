"""The `<head>` tags of a page: title, description, canonical, robots, hreflang, Open Graph,
Twitter card, feed, stylesheet and JSON-LD.

:func:`page_head` is the one place a page's head is assembled: `build` calls it for its own
pages, and the embedding API (`head_tags(page)`, so `inject` too) for pages other tools render.
The tags come from the `_head.html` partial alone, never from a page template; for embedding,
charset, viewport, the feed link and our stylesheet are left out (``standalone=False``) because
the host page has its own. :func:`og_image` states the link-preview image once, for the head
and for `seo.json`.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from jinja2 import Environment, Template
from markupsafe import Markup

from ..pages.model import PagePlan
from ..schema.graph import GraphMaker, GraphResult
from ..schema.jsonld import script_element
from ..site import Site
from ..urls import Urls
from .environment import shared_environment
from .head_builtin import HeadArguments, builtin_head
from .i18n import page_words, translations

__all__ = [
    "HEAD_TEMPLATE",
    "OgImage",
    "PageHead",
    "og_image",
    "page_head",
    "render_head",
    "template_head",
]

HEAD_TEMPLATE = "_head.html"


@dataclass(frozen=True, slots=True)
class PageHead:
    """A page's head tags and the structured data they carry."""

    html: str
    graph: GraphResult
    graph_json: str
    """The JSON-LD document as the head's script element holds it."""


def page_head(
    site: Site,
    urls: Urls,
    page: PagePlan,
    *,
    standalone: bool = True,
    feed_url: str | None = None,
    stylesheet_url: str | None = None,
    env: Environment | None = None,
    graphs: GraphMaker | None = None,
) -> PageHead:
    """The head of ``page``: its JSON-LD graph and the tags :func:`render_head` makes with it.

    ``standalone`` is for a complete page of our own (charset, viewport, ``feed_url`` and
    ``stylesheet_url`` links); without it, only the tags that describe the page, for a page
    another tool renders. ``graphs`` is the caller's graph maker for this site and these URLs
    (a build's, or the embedding API's), which assembles the site-wide nodes once.
    """
    graph = (graphs or GraphMaker(site, urls, page_words)).graph(page)
    graph_json = graph.script_json()
    html = render_head(
        page,
        jsonld_script=script_element(graph_json),
        feed_url=feed_url if standalone else None,
        stylesheet_url=stylesheet_url if standalone else None,
        site_name=site.practice.name,
        env=env,
        standalone=standalone,
    )
    return PageHead(html, graph, graph_json)


@dataclass(frozen=True, slots=True)
class OgImage:
    """A page's link-preview image, as its head states it (`og:image` and its alt text, width
    and height) and as `seo.json` gives it."""

    url: str
    alt: str
    width: int | None
    """Known only with the height; None otherwise (a lone dimension is not stated)."""
    height: int | None

    def as_json(self) -> dict[str, str | int | None]:
        return {"url": self.url, "alt": self.alt, "width": self.width, "height": self.height}


def og_image(page: PagePlan) -> OgImage | None:
    """The page's link-preview image; None when the page has none."""
    image = page.image
    if image is None:
        return None
    sized = bool(image.width and image.height)
    return OgImage(
        image.url,
        image.alt,
        image.width if sized else None,
        image.height if sized else None,
    )


def render_head(
    page: PagePlan,
    *,
    jsonld_script: str,
    feed_url: str | None,
    stylesheet_url: str | None,
    site_name: str,
    env: Environment | None = None,
    standalone: bool = True,
) -> str:
    """The head tags for ``page``, escaped, with ``jsonld_script`` (a complete, already safe
    `<script type="application/ld+json">` element) copied verbatim.

    ``site_name`` is `og:site_name` and names the feed; ``feed_url`` and ``stylesheet_url`` add
    their `<link>` when given. ``env`` lets a user's `_head.html` override the built-in one.
    ``standalone`` adds charset (first) and viewport, for a complete page of our own.
    """
    arguments = HeadArguments(
        page, og_image(page), jsonld_script, feed_url, stylesheet_url, site_name, standalone
    )
    if env is None:  # the shared environment's `_head.html` is the built-in one
        return builtin_head(arguments)
    template = env.get_template(HEAD_TEMPLATE)
    if template.filename == _builtin_head_file():
        return builtin_head(arguments)
    return template_head(template, arguments)


def template_head(template: Template, arguments: HeadArguments) -> str:
    """The head tags as ``template`` (a `_head.html`) renders them."""
    page = arguments.page
    return template.render(
        page=page,
        og_image=arguments.og_image,
        jsonld=Markup(arguments.jsonld_script),
        feed_url=arguments.feed_url,
        stylesheet_url=arguments.stylesheet_url,
        site_name=arguments.site_name,
        standalone=arguments.standalone,
        og_locale=page.language.replace("-", "_"),
        **translations(page.language).template_globals,
    )


@cache
def _builtin_head_file() -> str | None:
    """The file the built-in `_head.html` is read from: a template loaded from it is rendered
    by :func:`~.head_builtin.builtin_head` (the same bytes, faster)."""
    return shared_environment().get_template(HEAD_TEMPLATE).filename
