"""The build, as a table of contents: plan pages, render each page, then the site-wide files.

:func:`build_outputs` is pure and lazy: it yields :class:`OutputFile` records one at a time, so the
writer can stream them to disk and `check` can run the very same pipeline without writing.
"""

from __future__ import annotations

import hashlib
import json
import multiprocessing
from collections import deque
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from itertools import islice
from multiprocessing.pool import AsyncResult
from pathlib import Path
from typing import Protocol

from ..errors import BuildError
from ..models import Article
from ..pages.model import Page
from ..pages.plan import plan_pages
from ..render.feed import FeedEntry, FeedMeta, atom_feed_lines
from ..render.head import render_head
from ..render.html import page_context, render_page, shared_environment, stylesheet_text
from ..render.markdown import render_markdown
from ..render.robots import render_robots
from ..render.sitemap import (
    SitemapAlternate,
    SitemapEntry,
    SitemapImage,
    render_sitemap_stylesheet,
    sitemap_documents,
)
from ..schema.graph import build_graph
from ..schema.jsonld import script_element
from ..site import Site
from ..urls import RESERVED_PATHS, Urls, output_file
from .outputs import OutputFile, Reuse
from .parallel import forked_pool

__all__ = [
    "BuildOptions",
    "BuildPlan",
    "BuildReport",
    "Incremental",
    "OutputFile",
    "PageHook",
    "build_outputs",
    "build_site",
    "plan_build",
]

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
    page_notes: dict[str, tuple[str, ...]] = field(default_factory=dict)
    """The notes of each page, by page path (kept so an incremental build can repeat them)."""
    manifest_spans: dict[str, tuple[int, int]] = field(default_factory=dict)
    """Where each page's entry is in `seo.json`: (offset, length) in bytes, by page path."""
    rendered: int = 0
    """Pages rendered; the others were reused from the previous output."""


@dataclass(frozen=True)
class BuildPlan:
    """What a build makes, decided before anything renders: its URLs and its pages, in order."""

    urls: Urls
    pages: tuple[Page, ...]
    feed_url: str | None
    """The feed's absolute URL; None when no article is published (and no feed is written)."""
    feed_path: str | None


def plan_build(site: Site, options: BuildOptions) -> BuildPlan:
    """Plan a build: every page in order. Raises :class:`BuildError` when two pages would be
    written to the same file or a page would overwrite a reserved output."""
    urls = Urls.for_base(options.base_url or site.practice.url)
    pages = tuple(plan_pages(site, urls, include_drafts=options.include_drafts))
    _refuse_collisions(pages)
    feed_url = urls.absolute(urls.feed) if _feed_pages(pages) else None
    return BuildPlan(urls, pages, feed_url, urls.feed if feed_url else None)


class PageHook(Protocol):
    """Extra work on each rendered page, for a caller that builds in memory (`check`).

    :meth:`inspect` runs where the page renders: in a forked worker when the build has
    ``jobs``, so it must change nothing its caller later reads, and its result must pickle.
    :meth:`collect` runs in the calling process, once per rendered page and in page order, with
    the page's HTML and what :meth:`inspect` returned. Without :attr:`needs_html`, the HTML
    does not travel back from the workers: :meth:`collect` and the build's output files get
    empty bytes instead.
    """

    needs_html: bool

    def inspect(self, page: Page, html: str) -> object:
        """Work on one page and its HTML, wherever the page renders."""

    def collect(self, page: Page, html: bytes, inspected: object) -> None:
        """Receive one rendered page, in the calling process."""


@dataclass(frozen=True)
class Incremental:
    """What an incremental build knows: the hash of everything every output depends on, the
    hash of each content file, and what the previous output holds and is still intact.

    A page is rendered again unless its digest (the key, the listing of every page, its own path
    and its content file's hash) equals the one recorded for the file in the previous output.
    """

    key: str
    """A hash of the tool (version and code), the options, `practice.yaml` and the templates."""
    sources: Mapping[str, str] = field(default_factory=dict)
    """Content file (``articles/x.md``) → hash of its bytes."""
    files: Mapping[str, str] = field(default_factory=dict)
    """Output path → digest, for the files of the previous output that are still as written."""
    manifest: Mapping[str, tuple[int, int]] = field(default_factory=dict)
    """Page path → (offset, length) of its entry in the previous `seo.json`, when intact."""
    notes: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    """Page path → the notes that page's structured data raised in the previous build."""


def build_site(
    site: Site, options: BuildOptions | None = None, *, jobs: int = 1
) -> tuple[dict[str, bytes], BuildReport]:
    """Build into memory: ``{path: bytes}`` plus the report. For tests, embedding and `check`.

    ``jobs`` above 1 renders the pages in that many forked processes, as :func:`build_outputs`.
    """
    report = BuildReport()
    files: dict[str, bytes] = {}
    parts: dict[str, list[bytes]] = {}
    for output in build_outputs(site, options or BuildOptions(), report, jobs=jobs):
        content = output.content
        chunks = [content] if isinstance(content, bytes | Reuse) else list(content)
        if any(isinstance(chunk, Reuse) for chunk in chunks):  # pragma: no cover - defensive
            raise BuildError(f"{output.path}: an in-memory build has no previous output to reuse")
        data = [chunk for chunk in chunks if isinstance(chunk, bytes)]
        if output.append:
            parts.setdefault(output.path, []).extend(data)
            files[output.path] = b""  # keeps the file's place in the order
        else:
            files[output.path] = b"".join(data)
    for path, pieces in parts.items():
        files[path] = b"".join(pieces)
    return files, report


def build_outputs(
    site: Site,
    options: BuildOptions,
    report: BuildReport | None = None,
    *,
    jobs: int = 1,
    incremental: Incremental | None = None,
    body: Callable[[Article], str] | None = None,
    plan: BuildPlan | None = None,
    page_hook: PageHook | None = None,
) -> Iterator[OutputFile]:
    """Every output file of the site, in a stable order.

    ``jobs`` above 1 renders pages in that many worker processes (forked, so they share the
    loaded site); the files come out in the same order with the same bytes. With
    ``incremental``, pages whose inputs did not change are :class:`Reuse` records instead.
    ``body`` gives an article's Markdown when the site was loaded without bodies. ``plan`` is
    :func:`plan_build`'s result for these options, when the caller has already planned;
    ``page_hook`` sees every page it renders.
    """
    report = report if report is not None else BuildReport()
    plan = plan if plan is not None else plan_build(site, options)
    urls, pages = plan.urls, plan.pages
    report.pages.extend(pages)

    renderer = _Renderer(site, plan, options, body, page_hook)
    yield from _render_pages(renderer, report, jobs, incremental)
    yield from _sitemaps(urls, pages, options)
    yield OutputFile("sitemap.xsl", render_sitemap_stylesheet().encode(), "sitemap stylesheet")
    yield OutputFile("robots.txt", _robots(urls).encode(), "robots.txt")
    feed_pages = _feed_pages(pages)
    if feed_pages:  # Atom needs an `updated` date, and only content can give one
        yield OutputFile("feed.xml", _feed(site, urls, feed_pages), "feed")
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


_Rendered = tuple[bytes, bytes, tuple[str, ...], object]
"""A rendered page: its HTML, its `seo.json` entry, its notes and what the page hook found."""


class _Renderer:
    """Renders one page: its HTML and its `seo.json` entry. Built once per build; worker
    processes inherit it when they fork."""

    def __init__(
        self,
        site: Site,
        plan: BuildPlan,
        options: BuildOptions,
        body: Callable[[Article], str] | None = None,
        hook: PageHook | None = None,
    ) -> None:
        self.site, self.urls, self.pages = site, plan.urls, plan.pages
        self.body, self.hook = body, hook
        self.feed_url, self.feed_path = plan.feed_url, plan.feed_path
        self.env = shared_environment(options.templates)

    def render(self, index: int) -> _Rendered:
        site, urls, page = self.site, self.urls, self.pages[index]
        graph = build_graph(site, urls, page)
        graph_json = graph.script_json()
        head = render_head(
            page,
            jsonld_script=script_element(graph_json),
            feed_url=self.feed_url,
            stylesheet_url=STYLESHEET_PATH,
            site_name=site.practice.name,
            env=self.env,
        )
        body = _body_html(page, self.body)
        context = page_context(
            site,
            urls,
            page,
            body_html=body,
            head_html=head,
            pages=self.pages,
            feed_path=self.feed_path,
        )
        html = render_page(self.env, context)
        entry = _manifest_entry(page, graph_json)
        inspected = None
        if self.hook is not None:
            inspected = self.hook.inspect(page, html)
            if not self.hook.needs_html:
                html = ""
        return html.encode(), entry.encode(), tuple(graph.notes), inspected


PARALLEL_MIN_PAGES = 64
"""Below this many pages to render, worker processes cost more than they save."""

_RENDERER: list[_Renderer] = []
"""The renderer of the running build, set before worker processes fork so they inherit it."""


def _render_chunk(indices: Sequence[int]) -> list[_Rendered]:
    renderer = _RENDERER[0]
    return [renderer.render(index) for index in indices]


def _rendered(renderer: _Renderer, indices: Sequence[int], jobs: int) -> Iterator[_Rendered]:
    """Render the pages at ``indices``, in order: here, or in ``jobs`` forked workers.

    At most two chunks per worker are in flight, so memory stays bounded however fast the
    workers are compared with the writer.
    """
    if (
        jobs <= 1
        or len(indices) < PARALLEL_MIN_PAGES
        or "fork" not in multiprocessing.get_all_start_methods()
    ):
        for index in indices:
            yield renderer.render(index)
        return
    chunks = iter(_chunks(indices, max(8, min(128, len(indices) // (jobs * 8)))))
    _RENDERER[:] = [renderer]
    try:
        with forked_pool(jobs) as pool:
            pending: deque[AsyncResult[list[_Rendered]]] = deque(
                pool.apply_async(_render_chunk, (chunk,)) for chunk in islice(chunks, jobs * 2)
            )
            while pending:
                results = pending.popleft().get()
                following = next(chunks, None)
                if following is not None:
                    pending.append(pool.apply_async(_render_chunk, (following,)))
                yield from results
    finally:
        _RENDERER.clear()


def _chunks(indices: Sequence[int], size: int) -> list[Sequence[int]]:
    """``indices`` in chunks of ``size``, the first ones smaller (8, 16, 32…), so the first
    pages reach the caller, which works on each page in turn, without waiting for a whole
    chunk."""
    chunks = []
    start, step = 0, min(8, size)
    while start < len(indices):
        chunks.append(indices[start : start + step])
        start += step
        step = min(step * 2, size)
    return chunks


def _render_pages(
    renderer: _Renderer, report: BuildReport, jobs: int, incremental: Incremental | None
) -> Iterator[OutputFile]:
    """Every page, and `seo.json` streamed in parts alongside (never held whole in memory)."""
    pages = renderer.pages
    digests = _page_digests(pages, incremental) if incremental is not None else None
    reused = set()
    if incremental is not None and digests is not None:
        for index, page in enumerate(pages):
            path = output_file(page.path)
            if (
                incremental.files.get(path) == digests[index]
                and page.path in incremental.manifest
                and page.path in incremental.notes
            ):
                reused.add(index)
    fresh = _rendered(renderer, [i for i in range(len(pages)) if i not in reused], jobs)
    manifest = MANIFEST_PATH.lstrip("/")
    head = b'{"pages":['
    yield OutputFile(manifest, head, "SEO manifest", append=True)
    offset = len(head)
    for index, page in enumerate(pages):
        path = output_file(page.path)
        digest = digests[index] if digests is not None else None
        separator = b"," if index else b""
        entry: bytes | Reuse
        if index in reused and incremental is not None:
            notes = incremental.notes[page.path]
            start, length = incremental.manifest[page.path]
            entry = Reuse(manifest, start, length)
            yield OutputFile(path, Reuse(path), page.source or page.kind, digest)
        else:
            html, entry, notes, inspected = next(fresh)
            length = len(entry)
            report.rendered += 1
            if renderer.hook is not None:
                renderer.hook.collect(page, html, inspected)
            yield OutputFile(path, html, page.source or page.kind, digest)
        report.notes.extend(note for note in notes if note not in report.notes)
        report.page_notes[page.path] = notes
        report.manifest_spans[page.path] = (offset + len(separator), length)
        offset += len(separator) + length
        parts: list[bytes | Reuse] = [separator, entry] if separator else [entry]
        yield OutputFile(manifest, parts, "SEO manifest", append=True)
    yield OutputFile(manifest, b"]}\n", "SEO manifest", append=True)


def _page_digests(pages: Sequence[Page], incremental: Incremental) -> list[str]:
    """Each page's digest: the build key, the listing of every page (what lists, menus and
    structured data can show of other pages), the page's path and its content file's hash."""
    listing = hashlib.sha256(incremental.key.encode())
    for page in pages:
        services = page.article.meta.services if page.article is not None else ()
        fields = (
            page.kind,
            page.path,
            page.url,
            page.title,
            page.headline,
            page.description,
            page.language,
            page.og_type,
            page.image,
            page.date_published,
            page.date_modified,
            page.noindex,
            page.draft,
            page.source,
            page.alternates,
            services,
        )
        listing.update(repr(fields).encode())
        listing.update(b"\0")
    common = listing.hexdigest()
    digests = []
    for page in pages:
        own = incremental.sources.get(page.source, "") if page.source else ""
        if page.source and not own and page.article is not None:
            own = hashlib.sha256(
                page.article.meta.model_dump_json().encode() + page.article.body.encode()
            ).hexdigest()
        digests.append(hashlib.sha256(f"{common}\0{page.path}\0{own}".encode()).hexdigest())
    return digests


def _body_html(page: Page, body: Callable[[Article], str] | None = None) -> str:
    if page.article is not None:
        return render_markdown(body(page.article) if body else page.article.body)
    if page.service is not None and page.service.body:
        return render_markdown(page.service.body)
    if page.therapist is not None and page.kind == "about" and page.therapist.bio:
        return render_markdown(page.therapist.bio)
    return ""


def _manifest_entry(page: Page, graph_json: str) -> str:
    """One page's `seo.json` entry: its facts, then its JSON-LD graph."""
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


def _feed(site: Site, urls: Urls, pages: Sequence[Page]) -> Iterator[bytes]:
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
    return (line.encode() for line in atom_feed_lines(meta, entries))
