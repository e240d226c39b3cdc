"""Use the practice's SEO data from any Jinja2 environment (Flask, FastAPI/Starlette, django-jinja).

    from nmt_content.integrations.jinja import register
    register(app.jinja_env, site)          # Flask

    {# in a template #}
    <head>{{ nmt_page(request.path) | head_tags }}</head>
    <p>{{ nmt_site.practice.name }}</p>

Registered names: the globals ``nmt_site`` (the loaded Site), ``nmt_page(path_or_slug)``,
``nmt_pages()`` and ``nmt_models`` (the model classes), and the filters ``head_tags``, ``jsonld``
and ``jsonld_script``. Filters return markup that Jinja will not escape again.
"""

from __future__ import annotations

from typing import Any

from jinja2 import Environment
from markupsafe import Markup

from .. import models
from ..site import Site
from .api import Page, head_tags, jsonld, jsonld_script, page_for, pages_of

__all__ = ["register"]


def register(env: Environment, site: Site, *, base_url: str | None = None) -> Environment:
    """Add nmt-content's globals and filters to ``env`` and return it."""

    def nmt_page(path_or_slug: str) -> Page:
        return page_for(site, path_or_slug, base_url=base_url)

    def nmt_pages() -> list[Page]:
        return list(pages_of(site, base_url=base_url).values())

    env.globals.update(nmt_site=site, nmt_page=nmt_page, nmt_pages=nmt_pages, nmt_models=models)
    env.filters["head_tags"] = lambda page: Markup(head_tags(page))
    env.filters["jsonld"] = jsonld
    env.filters["jsonld_script"] = _script_filter
    return env


def _script_filter(data: Any) -> Markup:
    return Markup(jsonld_script(data))
