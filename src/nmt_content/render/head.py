"""The `<head>` tags of a page: title, description, canonical, robots, hreflang, Open Graph,
Twitter card and JSON-LD. Used by our pages and, without charset and viewport, by the embedding
API for pages other tools render."""

from __future__ import annotations

from jinja2 import Environment
from markupsafe import Markup

from ..pages.model import Page
from .html import make_environment

__all__ = ["render_head"]

_DEFAULT_ENV: list[Environment] = []


def render_head(
    page: Page,
    *,
    jsonld_script: str,
    feed_url: str | None,
    stylesheet_url: str | None,
    site_name: str,
    env: Environment | None = None,
    standalone: bool = True,
) -> str:
    """The head tags for ``page``. ``standalone`` adds charset and viewport, which a host page
    that we inject into already has."""
    if env is None:
        if not _DEFAULT_ENV:
            _DEFAULT_ENV.append(make_environment())
        env = _DEFAULT_ENV[0]
    return env.get_template("_head.html").render(
        page=page,
        jsonld=Markup(jsonld_script),
        feed_url=feed_url,
        stylesheet_url=stylesheet_url,
        site_name=site_name,
        standalone=standalone,
        og_locale=page.language.replace("-", "_"),
    )
