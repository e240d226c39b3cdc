"""``{% load nmt_content %}``: the practice's head tags and certified line in Django templates.

    <html lang="{% nmt_page as page %}{{ page.language|default:'en' }}">
    <head>{% nmt_head %}</head>                       {# the tags for request.path #}
    <footer>{% nmt_certified_line %}</footer>          {# Dustin, CAMTC Certified Massage Therapist #93004 #}

``{% nmt_head "/about/" %}`` names the page instead of ``request.path``. On a path that is not
one of our pages, ``nmt_head`` is empty and ``nmt_page`` is None.
"""

from __future__ import annotations

from typing import Any

from django.utils.html import conditional_escape
from django.utils.safestring import SafeString, mark_safe

from django import template

from ...integrations.api import Page, head_tags
from ..conf import hosted_site

__all__ = ["nmt_certified_line", "nmt_head", "nmt_page"]

register = template.Library()


@register.simple_tag(takes_context=True)
def nmt_page(context: template.Context, path: str | None = None) -> Page | None:
    """Our page at ``path`` (default: the request's path), or None."""
    if path is None:
        request: Any = context.get("request")
        if request is None:
            return None
        path = str(request.path)
    return hosted_site().page(path)


@register.simple_tag(takes_context=True)
def nmt_head(context: template.Context, path: str | None = None) -> SafeString:
    """Title, description, canonical, robots, hreflang, Open Graph, Twitter and JSON-LD."""
    page = nmt_page(context, path)
    return mark_safe(head_tags(page)) if page is not None else mark_safe("")


@register.simple_tag
def nmt_certified_line(separator: str = " · ") -> SafeString:
    """Each therapist's certified name and CAMTC title, e.g. ``Dustin, CAMTC Certified Massage
    Therapist #93004``, which CAMTC requires on every page that advertises."""
    lines = [t.certified_line for t in hosted_site().site.therapists]
    return mark_safe(conditional_escape(separator).join(conditional_escape(x) for x in lines))
