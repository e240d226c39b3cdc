"""`/sitemap.xml` and `/robots.txt` for a Django project: ``path("", include("nmt_content.django.urls"))``."""

from __future__ import annotations

from django.contrib.sitemaps.views import sitemap
from django.http import HttpRequest, HttpResponse
from django.urls import path

from .conf import hosted_site
from .sitemaps import PracticeSitemap

__all__ = ["robots_txt", "urlpatterns"]


def robots_txt(request: HttpRequest) -> HttpResponse:
    """robots.txt pointing at the sitemap."""
    own = hosted_site().site_file("/robots.txt")
    assert own is not None
    return HttpResponse(own.body, content_type=own.content_type)


urlpatterns = [
    path(
        "sitemap.xml",
        sitemap,
        {"sitemaps": {"practice": PracticeSitemap}, "template_name": "nmt_content/sitemap.xml"},
        name="nmt_content_sitemap",
    ),
    path("robots.txt", robots_txt, name="nmt_content_robots"),
]
