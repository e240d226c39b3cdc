"""The render pass: every page's HTML and `seo.json` entry, here or in forked workers, in page
order, with the pages an incremental build can reuse taken from the previous output."""

from __future__ import annotations

import json
import multiprocessing
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from itertools import islice
from multiprocessing.pool import AsyncResult
from typing import Protocol

from ..models import Article
from ..pages.model import PagePlan
from ..render.head import og_image, page_head
from ..render.html import page_context, render_page, shared_environment
from ..render.markdown import render_markdown
from ..site import Site
from ..urls import output_file
from .incremental import Incremental, page_digests
from .outputs import OutputFile, Reuse
from .parallel import forked_pool
from .plan import (
    MANIFEST_PATH,
    STYLESHEET_PATH,
    BuildOptions,
    BuildPlan,
    BuildReport,
)

__all__ = ["PARALLEL_MIN_PAGES", "PageHook", "PageRenderer", "render_pages"]


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

    def inspect(self, page: PagePlan, html: str) -> object:
        """Work on one page and its HTML, wherever the page renders."""

    def collect(self, page: PagePlan, html: bytes, inspected: object) -> None:
        """Receive one rendered page, in the calling process."""


_Rendered = tuple[bytes, bytes, tuple[str, ...], object]
"""A rendered page: its HTML, its `seo.json` entry, its notes and what the page hook found."""


class PageRenderer:
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
        head = page_head(
            site, urls, page, feed_url=self.feed_url, stylesheet_url=STYLESHEET_PATH, env=self.env
        )
        body = _body_html(page, self.body)
        context = page_context(
            site,
            urls,
            page,
            body_html=body,
            head_html=head.html,
            pages=self.pages,
            feed_path=self.feed_path,
        )
        html = render_page(self.env, context)
        entry = _manifest_entry(page, head.graph_json)
        inspected = None
        if self.hook is not None:
            inspected = self.hook.inspect(page, html)
            if not self.hook.needs_html:
                html = ""
        return html.encode(), entry.encode(), tuple(head.graph.notes), inspected


PARALLEL_MIN_PAGES = 64
"""Below this many pages to render, worker processes cost more than they save."""


_RENDERER: list[PageRenderer] = []
"""The renderer of the running build, set before worker processes fork so they inherit it."""


def _render_chunk(indices: Sequence[int]) -> list[_Rendered]:
    renderer = _RENDERER[0]
    return [renderer.render(index) for index in indices]


def _rendered(renderer: PageRenderer, indices: Sequence[int], jobs: int) -> Iterator[_Rendered]:
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


def render_pages(
    renderer: PageRenderer, report: BuildReport, jobs: int, incremental: Incremental | None
) -> Iterator[OutputFile]:
    """Every page, and `seo.json` streamed in parts alongside (never held whole in memory)."""
    pages = renderer.pages
    digests = page_digests(pages, incremental) if incremental is not None else None
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


def _body_html(page: PagePlan, body: Callable[[Article], str] | None = None) -> str:
    if page.article is not None:
        return render_markdown(body(page.article) if body else page.article.body)
    if page.service is not None and page.service.body:
        return render_markdown(page.service.body)
    if page.therapist is not None and page.kind == "about" and page.therapist.bio:
        return render_markdown(page.therapist.bio)
    return ""


def _manifest_entry(page: PagePlan, graph_json: str) -> str:
    """One page's `seo.json` entry: its facts (those its head states), then its JSON-LD graph."""
    entry = {
        "path": page.path,
        "url": page.url,
        "canonical": page.url,
        "title": page.title,
        "description": page.description,
        "robots": page.robots,
        "lastmod": page.lastmod.isoformat() if page.lastmod else None,
        "language": page.language,
        "alternates": [{"hreflang": lang, "href": href} for lang, href in page.alternates],
        "image": image.as_json() if (image := og_image(page)) else None,
    }
    fields = json.dumps(entry, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return f'{fields[:-1]},"jsonld":{graph_json}}}'
