"""The practice's pages for ``django.contrib.sitemaps``: the URLs, lastmod, images and hreflang
alternates `nmt-content build` writes in its sitemap.

    from django.contrib.sitemaps.views import sitemap
    from nmt_content.django.sitemaps import PracticeSitemap
    path("sitemap.xml", sitemap, {"sitemaps": {"practice": PracticeSitemap},
                                  "template_name": "nmt_content/sitemap.xml"})

The URLs are the practice's (``NMT_CONTENT_BASE_URL`` or `practice.url`), not the request's
host: they are the pages' canonical URLs. Django's own ``sitemap.xml`` template shows URLs and
lastmod; ``nmt_content/sitemap.xml`` adds each entry's images and alternates (``url.entry``, the
build's :class:`~nmt_content.render.sitemap.SitemapEntry` of the page).
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from django.contrib.sitemaps import Sitemap
from django.contrib.sites.requests import RequestSite

from ..integrations.api import Page, pages_of
from ..render.sitemap import page_sitemap_entry
from ..urls import Urls
from .conf import hosted_site

__all__ = ["PracticeSitemap"]

if TYPE_CHECKING:
    _Sitemap = Sitemap[Page]
else:
    _Sitemap = Sitemap


def _site_at(domain: str) -> RequestSite:
    """What Django's sitemap asks of a site, its domain, as the practice's (not the request's)."""
    site = RequestSite.__new__(RequestSite)
    site.domain = site.name = domain
    return site


class PracticeSitemap(_Sitemap):
    """Every indexable page of the practice (not drafts, noindex pages or the 404 page)."""

    def items(self) -> list[Page]:
        hosted = hosted_site()
        pages = pages_of(hosted.site, base_url=hosted.base_url).values()
        return [page for page in pages if page.indexable]

    def location(self, item: Page) -> str:
        return urlsplit(item.canonical).path

    def lastmod(self, item: Page) -> date | None:
        return item.lastmod

    def get_urls(
        self, page: int | str = 1, site: Any = None, protocol: str | None = None
    ) -> list[dict[str, Any]]:
        hosted = hosted_site()
        base = urlsplit(Urls.for_base(hosted.base_url or hosted.site.practice.url).base)
        urls = super().get_urls(page=page, site=_site_at(base.netloc), protocol=base.scheme)
        for url in urls:
            url["entry"] = page_sitemap_entry(url["item"].plan)
        return urls
