"""The `<head>` tags of a page: title, description, canonical, robots, hreflang, Open Graph,
Twitter card, feed, stylesheet and JSON-LD.

Rendered from the `_head.html` partial alone, never from a page template, so the embedding API
(`head_tags(page)`) can put the same tags into pages other tools render; there, charset and
viewport are left out (``standalone=False``) because the host page already has them.
"""

from __future__ import annotations

from jinja2 import Environment
from markupsafe import Markup

from ..pages.model import PagePlan
from .html import shared_environment

__all__ = ["HEAD_TEMPLATE", "render_head"]

HEAD_TEMPLATE = "_head.html"


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
    template = (env or shared_environment()).get_template(HEAD_TEMPLATE)
    return template.render(
        page=page,
        jsonld=Markup(jsonld_script),
        feed_url=feed_url,
        stylesheet_url=stylesheet_url,
        site_name=site_name,
        standalone=standalone,
        og_locale=page.language.replace("-", "_"),
    )
