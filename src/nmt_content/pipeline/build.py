"""The build, as a table of contents: plan pages, render each page, then the site-wide files.

:class:`BuildRun` is pure and lazy: it yields :class:`OutputFile` records one at a time, so the
writer can stream them to disk and `check` can run the very same pipeline without writing; its
report is frozen once the last file is out.
"""

from __future__ import annotations

import dataclasses
import functools
from collections.abc import Callable, Generator, Iterator
from contextlib import closing
from typing import TYPE_CHECKING

from ..errors import BuildError
from ..models import Article
from ..pages.model import PagePlan
from ..render.environment import stylesheet_text
from ..render.sitemap import (
    render_sitemap_stylesheet,
)
from ..site import Site
from ..urls import Urls, output_file
from .file_writing import DirectFiles
from .incremental import Incremental, Listing, listing_digest, page_digests, site_file_digest
from .outputs import OutputFile, Reuse, Written
from .plan import (
    BuildOptions,
    BuildPlan,
    BuildReport,
    feed_pages,
    plan_build,
)
from .render_pass import PageHook, PageRenderer, ReportCollector, render_pages
from .site_files import feed_lines, robots_text, sitemap_files
from .state import BuildState
from .static_outputs import static_outputs

if TYPE_CHECKING:
    from .early_markdown import EarlyMarkdown
    from .static_copy import EarlyStatic

__all__ = [
    "BuildOptions",
    "BuildPlan",
    "BuildReport",
    "BuildRun",
    "OutputFile",
    "PageHook",
    "build_outputs",
    "build_site",
    "plan_build",
]

_FEED_FILE = output_file(Urls.feed)


def build_site(
    site: Site, options: BuildOptions | None = None, *, jobs: int = 1
) -> tuple[dict[str, bytes], BuildReport]:
    """Build into memory: ``{path: bytes}`` plus the report. For tests, embedding and `check`.

    ``jobs`` above 1 renders the pages in that many forked processes, as :class:`BuildRun`.
    """
    run = BuildRun(site, options or BuildOptions(), jobs=jobs)
    files: dict[str, bytes] = {}
    parts: dict[str, list[bytes]] = {}
    with closing(run.outputs()) as outputs:
        for output in outputs:
            content = output.content
            if isinstance(content, Written):  # pragma: no cover - defensive
                raise BuildError(f"{output.path}: an in-memory build writes no files")
            chunks = [content] if isinstance(content, bytes | Reuse) else list(content)
            if any(isinstance(chunk, Reuse) for chunk in chunks):  # pragma: no cover - defensive
                raise BuildError(
                    f"{output.path}: an in-memory build has no previous output to reuse"
                )
            data = [chunk for chunk in chunks if isinstance(chunk, bytes)]
            if output.append:
                parts.setdefault(output.path, []).extend(data)
                files[output.path] = b""  # keeps the file's place in the order
            else:
                files[output.path] = b"".join(data)
    for path, pieces in parts.items():
        files[path] = b"".join(pieces)
    return files, run.report


class BuildRun:
    """One build: iterate :meth:`outputs` once, then read :attr:`report`.

    ``jobs`` above 1 renders pages in that many worker processes (forked, so they share the
    loaded site); the files come out in the same order with the same bytes. With
    ``incremental``, pages whose inputs did not change are :class:`Reuse` records instead.
    ``body`` gives an article's Markdown when the site was loaded without bodies. ``plan`` is
    :func:`plan_build`'s result for these options, when the caller has already planned;
    ``page_hook`` sees every page it renders. With ``static_alongside``, the files of
    `static/` come between the pages (one after each page) and the site-wide files after the
    first page, instead of all after the pages: a folder build copies and makes them while the
    workers render, not once they are done. After :meth:`write_pages_to`, each page is written
    where it renders. ``early_static`` has copied the files of `static/` into the new
    folder the files go to (:func:`~.writer.early_staging`); ``early_markdown`` has rendered
    articles' Markdown meanwhile (:mod:`.early_markdown`).
    """

    def __init__(
        self,
        site: Site,
        options: BuildOptions,
        *,
        jobs: int = 1,
        incremental: Incremental | None = None,
        body: Callable[[Article], str] | None = None,
        plan: BuildPlan | None = None,
        page_hook: PageHook | None = None,
        static_alongside: bool = False,
        early_static: EarlyStatic | None = None,
        early_markdown: EarlyMarkdown | None = None,
    ) -> None:
        self.site, self.options, self.jobs = site, options, jobs
        self.static_alongside, self.early_static = static_alongside, early_static
        self.early_markdown = early_markdown
        self.incremental, self.body, self.page_hook = incremental, body, page_hook
        self.plan = plan if plan is not None else plan_build(site, options)
        self._report: BuildReport | None = None
        self._direct: DirectFiles | None = None
        self.sitemaps: list[str] = []
        """The sitemap files made, in order (once :meth:`outputs` has given them)."""
        self.listing: str | None = None
        """The pages' :func:`~.incremental.listing_digest`, once an incremental build made it."""
        self.article_records: dict[str, tuple[str, str]] = {}
        """Each article page's path and record digest by its content file, with the listing."""
        self._listed: Listing | None = None
        self._undigested: list[str] = []
        """The site-wide files given without their digest (see :meth:`late_digests`)."""

    @property
    def report(self) -> BuildReport:
        """What the build noticed; there once :meth:`outputs` has given its last file."""
        if self._report is None:
            raise RuntimeError("the build has not finished: its outputs were not all taken")
        return self._report

    def late_digests(self) -> dict[str, str]:
        """The digests of the files :meth:`outputs` gave without one, by path, once it has
        given them all. A build into a new staging folder with nothing to reuse (after
        :meth:`write_pages_to`) needs the pages' listing only for the digests it records: it
        makes the listing page by page as it takes the pages from the workers, instead of
        stopping them while it goes through every page before the first one is out."""
        listed, incremental = self._listed, self.incremental
        if listed is None or incremental is None:
            return {}
        listing = self.listing = listed.digest()
        pages = self.plan.pages
        digests = page_digests(pages, incremental, listing)
        late = dict(zip(self.plan.files, digests, strict=True))
        late.update((path, site_file_digest(listing, path)) for path in self._undigested)
        return late

    def write_pages_to(self, direct: DirectFiles) -> None:
        """Have each page written into ``direct``'s folder by the process that renders it (a
        new staging folder, see :func:`~.writer.write_outputs`); its output is then a
        :class:`~.outputs.Written` record. Called before :meth:`outputs` gives its first file."""
        self._direct = direct

    def _sitemaps(self, listing: str | None) -> Iterator[OutputFile]:
        """The sitemaps, or the previous build's when made from the same listing (they show
        nothing but the options and the indexable pages' records); their paths are kept in
        :attr:`sitemaps`."""
        incremental, self.sitemaps = self.incremental, []
        previous = incremental.sitemaps if incremental is not None else ()
        if (
            incremental is not None
            and listing is not None
            and previous
            and all(incremental.files.get(p) == site_file_digest(listing, p) for p in previous)
        ):
            for path in previous:
                self.sitemaps.append(path)
                yield OutputFile(path, Reuse(path), "sitemap", site_file_digest(listing, path))
            return
        for output in sitemap_files(self.plan.urls, self.plan.pages, self.options):
            self.sitemaps.append(output.path)
            if listing is not None:
                output = dataclasses.replace(output, digest=site_file_digest(listing, output.path))
            elif incremental is not None:
                self._undigested.append(output.path)
            yield output

    def outputs(self) -> Generator[OutputFile, None, None]:
        """Every output file of the site, in a stable order, made as it is asked for."""
        site, options, plan = self.site, self.options, self.plan
        pages = plan.pages
        state = BuildState(site, plan, options, self.body, self.early_markdown)
        collector = ReportCollector()
        renderer = PageRenderer(state, self.page_hook, self._direct)
        static = static_outputs(site.static, self.incremental, self.early_static)
        incremental = self.incremental
        listing: Callable[[], str] | None = None
        if incremental is not None and self._direct is not None and not incremental.files:
            self._listed = Listing(incremental, self.article_records)  # see `late_digests`
            renderer.record_digests = True  # made by the workers, who have time to spare
        elif incremental is not None:  # made once, when first needed (maybe while workers render)
            listing = functools.cache(functools.partial(self._listing, incremental))
        rendered = render_pages(renderer, collector, self.jobs, incremental, listing, self._listed)
        site_files = self._site_files(listing)
        try:
            if self.static_alongside:
                yield from _alongside(rendered, static, site_files)
            else:
                yield from rendered
        finally:  # its workers end here, however this ends (see `parallel.Results`)
            rendered.close()
        yield from site_files  # all of them, or none left
        yield from static  # all of them, or those left after the pages
        self._report = collector.report(pages)

    def _listing(self, incremental: Incremental) -> str:
        self.listing = listing_digest(self.plan.pages, incremental, self.article_records)
        return self.listing

    def _site_files(self, listing: Callable[[], str] | None) -> Iterator[OutputFile]:
        """The sitemaps, their stylesheet, `robots.txt`, the feed and the theme: made from the
        plan alone, never from rendered pages."""
        site, plan, incremental = self.site, self.plan, self.incremental
        yield from self._sitemaps(listing() if listing is not None else None)
        yield OutputFile(
            "sitemap.xsl",
            render_sitemap_stylesheet(site.practice.language).encode(),
            "sitemap stylesheet",
        )
        yield OutputFile("robots.txt", robots_text(plan.urls).encode(), "robots.txt")
        feed = feed_pages(plan.pages)
        if feed:  # Atom needs an `updated` date, and only content can give one
            if incremental is not None and listing is None:
                self._undigested.append(_FEED_FILE)
            yield _feed_file(site, plan, feed, incremental, listing() if listing else None)
        yield OutputFile("assets/site.css", stylesheet_text().encode(), "theme")


def _alongside(
    pages: Iterator[OutputFile], static: Iterator[OutputFile], site_files: Iterator[OutputFile]
) -> Iterator[OutputFile]:
    """The outputs of ``pages``, the first whole one followed by ``site_files`` (this process
    makes them while the workers render the next pages), each whole one by the next of
    ``static`` (while any are left); the rest of ``static`` stays for the caller."""
    first = True
    for output in pages:
        yield output
        if not output.append:
            if first:
                yield from site_files
                first = False
            following = next(static, None)
            if following is not None:
                yield following


def _feed_file(
    site: Site,
    plan: BuildPlan,
    feed: list[PagePlan],
    incremental: Incremental | None,
    listing: str | None,
) -> OutputFile:
    """The feed, or the previous build's when made from the same listing: it shows nothing
    but the practice, the options (both in the build key) and the feed pages' records."""
    path = _FEED_FILE
    if incremental is None or listing is None:
        return OutputFile(path, feed_lines(site, plan.urls, feed), "feed")
    digest = site_file_digest(listing, path)
    if incremental.files.get(path) == digest:
        return OutputFile(path, Reuse(path), "feed", digest)
    return OutputFile(path, feed_lines(site, plan.urls, feed), "feed", digest)


def build_outputs(
    site: Site,
    options: BuildOptions,
    *,
    jobs: int = 1,
    page_hook: PageHook | None = None,
) -> Generator[OutputFile, None, None]:
    """Every output file of the site, in a stable order (a :class:`BuildRun` whose report is
    not wanted). Close it when stopping early: that ends its worker processes."""
    return BuildRun(site, options, jobs=jobs, page_hook=page_hook).outputs()
