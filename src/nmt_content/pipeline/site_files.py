"""The site-wide files after the pages: sitemaps, robots.txt and the Atom feed."""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from ..pages.model import PagePlan
from ..pages.profiles import profile_path
from ..render.feed import FeedEntry, FeedMeta, atom_feed_lines
from ..render.i18n import translations
from ..render.robots import render_robots
from ..render.sitemap import sitemap_documents, sitemap_entries
from ..site import Site
from ..urls import Urls
from .outputs import OutputFile
from .plan import (
    SITEMAP_STYLESHEET_PATH,
    BuildOptions,
)

__all__ = ["feed_lines", "robots_text", "sitemap_files"]


def sitemap_files(
    urls: Urls, pages: Sequence[PagePlan], options: BuildOptions
) -> Iterator[OutputFile]:
    for document in sitemap_documents(
        sitemap_entries(pages),
        base_url=urls.base,
        max_urls=options.max_sitemap_urls,
        max_bytes=options.max_sitemap_bytes,
        stylesheet=SITEMAP_STYLESHEET_PATH,
    ):
        yield OutputFile(document.path, document.chunks, "sitemap")


def robots_text(urls: Urls) -> str:
    return render_robots([urls.absolute(urls.sitemap)])


def feed_lines(site: Site, urls: Urls, pages: Sequence[PagePlan]) -> Iterator[bytes]:
    """The Atom feed of published, indexable articles, newest first (the planner's order)."""
    # The feed's own author: the one therapist, or the practice when several write.
    author = site.therapists[0]
    meta = FeedMeta(
        id=urls.absolute(urls.articles),
        # In the practice's language, as the pages' feed links name it (`_head.html`).
        title=translations(site.practice.language).gettext("%(site)s: articles")
        % {"site": site.practice.name},
        site_url=urls.base,
        feed_url=urls.absolute(urls.feed),
        author_name=site.practice.name if site.is_group else author.name,
        author_uri=urls.absolute(urls.team if site.is_group else urls.about),
        subtitle=site.practice.description,
        language=site.practice.language,
    )
    entries = []
    for page in pages:
        article = page.article
        if article is None:
            continue
        writer = page.therapist or author
        entries.append(
            FeedEntry(
                id=page.url,
                title=page.headline,
                url=page.url,
                published=article.meta.date_published,
                updated=article.meta.updated,
                summary=page.description,
                author_name=writer.name,
                author_uri=urls.absolute(profile_path(site, urls, writer)),
                categories=article.meta.keywords,
                language=page.language,
            )
        )
    return (line.encode() for line in atom_feed_lines(meta, entries))
