"""The build, as a table of contents: plan pages, render each page, then the site-wide files.

:func:`build_outputs` is pure and lazy: it yields :class:`OutputFile` records one at a time, so the
writer can stream them to disk and `check` can run the very same pipeline without writing.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from .errors import BuildError
from .markdown import render_markdown
from .output import OutputFile
from .pages.model import Page
from .pages.plan import plan_pages
from .render.feed import FeedEntry, FeedMeta, render_atom_feed
from .render.head import render_head
from .render.html import make_environment, page_context, render_page, stylesheet_text
from .render.robots import render_robots
from .render.sitemap import (
    SitemapAlternate,
    SitemapEntry,
    SitemapImage,
    render_sitemap_stylesheet,
    sitemap_documents,
)
from .schema.graph import build_graph
from .schema.jsonld import script_element
from .site import Site
from .urls import RESERVED_PATHS, Urls, output_file

__all__ = ["BuildOptions", "BuildReport", "OutputFile", "build_outputs", "build_site"]

STYLESHEET_PATH = "/assets/site.css"
SITEMAP_STYLESHEET_PATH = "/sitemap.xsl"
MANIFEST_PATH = "/seo.json"


@dataclass(frozen=True, slots=True)
class BuildOptions:
    """How to build: everything a user can set on the command line."""

    base_url: str | None = None
    """Override `practice.url` (e.g. for a staging host)."""
    templates: Path | None = None
    """A folder whose templates override the built-in ones."""
    include_drafts: bool = False
    """Build draft articles too (never listed in sitemaps or the feed)."""
    max_sitemap_urls: int = 50_000
    """Split the sitemap into an index and children above this many URLs."""
    max_sitemap_bytes: int = 50 * 1024 * 1024
    """…or above this many bytes per file."""


@dataclass
class BuildReport:
    """What the build noticed: pieces of structured data left out, missing recommended data."""

    pages: list[Page] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def build_site(
    site: Site, options: BuildOptions | None = None
) -> tuple[dict[str, bytes], BuildReport]:
    """Build into memory: ``{path: bytes}`` plus the report. For tests, embedding and `check`."""
    report = BuildReport()
    files = {}
    for output in build_outputs(site, options or BuildOptions(), report):
        data = output.content if isinstance(output.content, bytes) else b"".join(output.content)
        files[output.path] = data
    return files, report


def build_outputs(
    site: Site, options: BuildOptions, report: BuildReport | None = None
) -> Iterator[OutputFile]:
    """Every output file of the site, in a stable order."""
    report = report if report is not None else BuildReport()
    urls = Urls.for_base(options.base_url or site.practice.url)
    pages = plan_pages(site, urls, include_drafts=options.include_drafts)
    _refuse_collisions(pages)
    report.pages.extend(pages)

    feed_url = urls.absolute(urls.feed) if _feed_pages(pages) else None
    feed_path = urls.feed if feed_url else None
    yield from _render_pages(site, urls, pages, options, report, feed_url, feed_path)
    yield from _sitemaps(urls, pages, options)
    yield OutputFile("sitemap.xsl", render_sitemap_stylesheet().encode(), "sitemap stylesheet")
    yield OutputFile("robots.txt", _robots(urls).encode(), "robots.txt")
    feed_pages = _feed_pages(pages)
    if feed_pages:  # Atom needs an `updated` date, and only content can give one
        yield OutputFile("feed.xml", _feed(site, urls, feed_pages).encode(), "feed")
    yield OutputFile("assets/site.css", stylesheet_text().encode(), "theme")


def _refuse_collisions(pages: Sequence[Page]) -> None:
    owners: dict[str, str] = {}
    for page in pages:
        path = output_file(page.path)
        owner = page.source or f"the {page.kind.replace('_', ' ')} page"
        if path in owners:
            raise BuildError(f"{owners[path]} and {owner} would both be written to {path}")
        if page.kind != "not_found" and path.split("/")[0] in RESERVED_PATHS:
            raise BuildError(f"{owner} would overwrite the reserved output {path}")
        owners[path] = owner


def _render_pages(
    site: Site,
    urls: Urls,
    pages: Sequence[Page],
    options: BuildOptions,
    report: BuildReport,
    feed_url: str | None,
    feed_path: str | None,
) -> Iterator[OutputFile]:
    env = make_environment(options.templates)
    manifest: list[str] = []
    for page in pages:
        graph = build_graph(site, urls, page)
        report.notes.extend(note for note in graph.notes if note not in report.notes)
        graph_json = graph.script_json()
        head = render_head(
            page,
            jsonld_script=script_element(graph_json),
            feed_url=feed_url,
            stylesheet_url=STYLESHEET_PATH,
            site_name=site.practice.name,
            env=env,
        )
        body = _body_html(page)
        context = page_context(
            site, urls, page, body_html=body, head_html=head, pages=pages, feed_path=feed_path
        )
        html = render_page(env, context)
        yield OutputFile(output_file(page.path), html.encode(), page.source or page.kind)
        manifest.append(_manifest_entry(page, graph_json))
    yield OutputFile(
        MANIFEST_PATH.lstrip("/"),
        ('{"pages":[' + ",".join(manifest) + "]}\n").encode(),
        "SEO manifest",
    )


def _body_html(page: Page) -> str:
    if page.article is not None:
        return render_markdown(page.article.body)
    if page.service is not None and page.service.body:
        return render_markdown(page.service.body)
    if page.therapist is not None and page.kind == "about" and page.therapist.bio:
        return render_markdown(page.therapist.bio)
    return ""


def _manifest_entry(page: Page, graph_json: str) -> str:
    entry = {
        "path": page.path,
        "url": page.url,
        "canonical": page.url,
        "title": page.title,
        "description": page.description,
        "robots": page.robots,
        "lastmod": page.lastmod.isoformat() if page.lastmod else None,
    }
    fields = json.dumps(entry, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return f'{fields[:-1]},"jsonld":{graph_json}}}'


def _sitemaps(urls: Urls, pages: Sequence[Page], options: BuildOptions) -> Iterator[OutputFile]:
    entries = (
        SitemapEntry(
            loc=page.url,
            lastmod=page.lastmod,
            images=(SitemapImage(page.image.url),) if page.image and page.kind == "article" else (),
            alternates=tuple(SitemapAlternate(lang, href) for lang, href in page.alternates),
        )
        for page in pages
        if page.indexable
    )
    for document in sitemap_documents(
        entries,
        base_url=urls.base,
        max_urls=options.max_sitemap_urls,
        max_bytes=options.max_sitemap_bytes,
        stylesheet=SITEMAP_STYLESHEET_PATH,
    ):
        yield OutputFile(document.path, document.chunks, "sitemap")


def _robots(urls: Urls) -> str:
    return render_robots([urls.absolute(urls.sitemap)])


def _feed_pages(pages: Sequence[Page]) -> list[Page]:
    return [p for p in pages if p.kind == "article" and p.indexable]


def _feed(site: Site, urls: Urls, pages: Sequence[Page]) -> str:
    """The Atom feed of published, indexable articles, newest first (the planner's order)."""
    author = site.therapists[0]
    meta = FeedMeta(
        id=urls.absolute(urls.articles),
        title=f"{site.practice.name}: articles",
        site_url=urls.base,
        feed_url=urls.absolute(urls.feed),
        author_name=author.name,
        author_uri=urls.absolute(urls.about),
        subtitle=site.practice.description,
        language=site.practice.language,
    )
    entries = []
    for page in pages:
        article = page.article
        if article is None:
            continue
        entries.append(
            FeedEntry(
                id=page.url,
                title=page.headline,
                url=page.url,
                published=article.meta.date_published,
                updated=article.meta.updated,
                summary=page.description,
                author_name=page.therapist.name if page.therapist else author.name,
                author_uri=urls.absolute(urls.about),
                categories=article.meta.keywords,
            )
        )
    return render_atom_feed(meta, entries)
