"""The render pass: every page's HTML and `seo.json` entry, here or in forked workers, in page
order, with the pages an incremental build can reuse taken from the previous output."""

from __future__ import annotations

import itertools
from collections.abc import Callable, Generator, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Protocol

from ..models import Article
from ..pages.model import PagePlan
from ..render.head import PageHead, og_image, page_head
from ..render.i18n import translations
from ..render.markdown import (
    TABLE_LABEL,
    ImageSize,
    Neutralised,
    RenderedMarkdown,
    finish_markdown,
    render_markdown_report,
)
from ..schema.jsonld import canonical_json
from . import parallel
from .file_writing import DirectFiles
from .incremental import Incremental, Listing, page_digests, record_digest
from .outputs import OutputFile, Reuse, Written
from .plan import MANIFEST_PATH, STYLESHEET_PATH, BuildReport
from .state import BuildState

__all__ = ["PageHook", "PageRenderer", "ReportCollector", "render_pages"]


class PageHook(Protocol):
    """Extra work on each rendered page, for a caller that builds in memory (`check`).

    :meth:`inspect` runs where the page renders: in a forked worker when the build has
    ``jobs``, so it must change nothing its caller later reads, and its result must pickle.
    It gets what the Markdown renderer neutralised in the page's own Markdown (an article's
    body, a service's body, a therapist's bio) when it rendered the page: nothing renders the
    Markdown a second time to find out.
    :meth:`collect` runs in the calling process, once per rendered page and in page order, with
    the page's HTML and what :meth:`inspect` returned. Without :attr:`needs_html`, the HTML
    does not travel back from the workers: :meth:`collect` and the build's output files get
    empty bytes instead. Without :attr:`needs_manifest`, no page's `seo.json` entry is made
    (each is empty, as are the report's manifest spans): a build that writes nothing needs none.
    """

    needs_html: bool
    needs_manifest: bool

    def inspect(self, page: PagePlan, html: str, neutralised: tuple[Neutralised, ...]) -> object:
        """Work on one page, its HTML and what its Markdown had neutralised, wherever the page
        renders."""

    def collect(self, page: PagePlan, html: bytes, inspected: object) -> None:
        """Receive one rendered page, in the calling process."""


_Made = tuple[bytes, bytes, tuple[str, ...], tuple[Neutralised, ...], object]
"""A rendered page: its HTML, its `seo.json` entry, its notes, what its Markdown had
neutralised and what the page hook found."""
_Html = tuple[str, PageHead, tuple[Neutralised, ...]]
"""A page's HTML, its head and what its Markdown had neutralised."""
_Rendered = tuple[
    bytes | Written, bytes, tuple[str, ...], tuple[Neutralised, ...], object, str | None
]
"""A page as :meth:`PageRenderer.render` gives it: as :data:`_Made`, or with the record of its
file in place of its HTML when it was written where it rendered; then its
:func:`~.incremental.record_digest` when :attr:`PageRenderer.record_digests` asks for it."""


class PageRenderer:
    """Renders one page of a build: its HTML, its `seo.json` entry, and what the page hook
    found. Forked workers inherit it (through :func:`~.parallel.parallel_map`).

    With ``direct`` (a build into a new staging folder, without a page hook), :meth:`render`
    writes each page's file itself, in the process that rendered it, and gives the
    :class:`Written` record in place of its HTML."""

    def __init__(
        self, state: BuildState, hook: PageHook | None = None, direct: DirectFiles | None = None
    ) -> None:
        self.state, self.hook = state, hook
        self.direct = direct if hook is None else None
        self.pages, self.files = state.plan.pages, state.plan.files
        # A hook written before `needs_manifest` existed gets the entries, as it always did.
        self.manifest = hook is None or getattr(hook, "needs_manifest", True)
        self._prepared: dict[int, _Html] = {}
        self.record_digests = False
        """Whether :meth:`render` also gives each page's record digest (for the listing):
        made where the page renders, in a worker, rather than where the pages are written."""
        self._models: dict[int, str] = {}
        """The text of each model met in a record, by identity (the site outlives the pass)."""

    def render(self, index: int) -> _Rendered:
        page = self.pages[index]
        prepared = self._prepared.pop(index, None)
        made = self._made(page, prepared if prepared is not None else self._html(page, index))
        digest = record_digest(page, self._models) if self.record_digests else None
        html, entry, notes, neutralised, inspected = made
        if self.direct is None:
            return html, entry, notes, neutralised, inspected, digest
        written = self.direct.write(self.files[index], html)
        return written, entry, notes, neutralised, inspected, digest

    def render_page(self, page: PagePlan) -> _Made:
        """Render ``page``: one of this build's pages, or one that takes a page's place with
        the same record (:func:`~.incremental.page_record`), e.g. an article whose body changed."""
        return self._made(page, self._html(page))

    def _made(self, page: PagePlan, rendered: _Html) -> _Made:
        """The page's :data:`_Made` from its HTML, head and neutralised Markdown; the page hook
        sees it here (in the worker that renders the page)."""
        html, head, neutralised = rendered
        entry = _manifest_entry(page, head.graph_json) if self.manifest else ""
        inspected = None
        if self.hook is not None:
            inspected = self.hook.inspect(page, html, neutralised)
            if not self.hook.needs_html:
                html = ""
        return html.encode(), entry.encode(), tuple(head.graph.notes), neutralised, inspected

    def prepare(self, indexes: Sequence[int]) -> None:
        """Render the first of ``indexes``' pages of each kind and language that has more than
        one: what the first such page makes for every later one (compiled templates, the
        site-wide part of contexts, graphs and menus, the CLDR data of its locale) is then made
        here once, and forked workers inherit it instead of each making its own. The pages are
        kept, and :meth:`render` gives them without rendering them again (the page hook sees
        them there, in a worker, as every other page). A page alone of its
        kind (the home page, a list of every article) is left to the workers: this runs before
        they start, and nothing later would reuse what it makes."""
        first: dict[tuple[str, str], int] = {}
        count: dict[tuple[str, str], int] = {}
        for index in indexes:
            page = self.pages[index]
            kind = (page.kind, page.language)
            first.setdefault(kind, index)
            count[kind] = count.get(kind, 0) + 1
        for group, index in first.items():
            if count[group] > 1:
                self._prepared[index] = self._html(self.pages[index], index)

    def _html(self, page: PagePlan, place: int | None = None) -> _Html:
        """The page's HTML, head and neutralised Markdown; ``place`` is its place in the plan
        (for the Markdown rendered while the site loaded)."""
        state = self.state
        head = page_head(
            state.site,
            state.plan.urls,
            page,
            feed_url=state.plan.feed_url,
            stylesheet_url=STYLESHEET_PATH,
            env=state.env,
            graphs=state.graphs,
        )
        early = state.early_markdown
        ready = early.rendered(place) if early is not None and place is not None else None
        markdown = _page_markdown(page, state.body, state.image_size, ready)
        body_html, neutralised = (markdown.html, markdown.neutralised) if markdown else ("", ())
        context = state.pages.context(page, body_html=body_html, head_html=head.html)
        return state.pages.render(context), head, neutralised


@dataclass
class ReportCollector:
    """What the render pass notices, gathered page by page (in the calling process, in page
    order); :meth:`report` makes the build's frozen :class:`BuildReport` of it."""

    notes: dict[str, None] = field(default_factory=dict)
    """Every note, once, in the order first seen."""
    page_notes: dict[str, tuple[str, ...]] = field(default_factory=dict)
    manifest_spans: dict[str, tuple[int, int]] = field(default_factory=dict)
    neutralised: dict[str, tuple[Neutralised, ...]] = field(default_factory=dict)
    """What the Markdown renderer neutralised, by page path (pages with something only)."""
    rendered: int = 0

    def report(self, pages: tuple[PagePlan, ...]) -> BuildReport:
        return BuildReport(
            pages=pages,
            notes=tuple(self.notes),
            page_notes=dict(self.page_notes),
            manifest_spans=dict(self.manifest_spans),
            neutralised=dict(self.neutralised),
            rendered=self.rendered,
        )


def render_pages(
    renderer: PageRenderer,
    report: ReportCollector,
    jobs: int,
    incremental: Incremental | None,
    listing: Callable[[], str] | None = None,
    listed: Listing | None = None,
) -> Generator[OutputFile, None, None]:
    """Every page, and `seo.json` streamed in parts alongside (never held whole in memory).
    ``listing`` gives the pages' :func:`~.incremental.listing_digest` (made once).

    When no previous output has files to reuse, the pages' digests are made once the workers
    have started, while they render (this process writes only what they give back); the
    workers then run further ahead when they write their pages themselves (the results that
    wait for this process are small). With ``listed``, they are not made here at all: each page
    is added to that listing as it is taken, and its output has no digest (the caller makes the
    digests once the listing is whole)."""
    pages = renderer.pages
    reusing = incremental is not None and bool(incremental.files)

    def digests_of_pages() -> list[str] | None:
        if incremental is None:
            return None
        return page_digests(pages, incremental, listing() if listing is not None else None)

    digests = digests_of_pages() if reusing else None
    reused = set()
    if incremental is not None and digests is not None:
        for index, page in enumerate(pages):
            if (
                incremental.files.get(renderer.files[index]) == digests[index]
                and page.path in incremental.manifest
                and page.path in incremental.notes
            ):
                reused.add(index)
    todo = [i for i in range(len(pages)) if i not in reused]
    min_items = parallel.MIN_PAGES_TO_RENDER  # read when called, so a test may lower it
    if jobs > 1 and len(todo) >= min_items:
        renderer.prepare(todo)
    early = renderer.state.early_markdown
    if early is not None:  # the workers start now: take what was rendered meanwhile
        early.ready(pages, incremental.sources if incremental is not None else {})
    ahead = _AHEAD_WRITING if renderer.direct is not None else 2
    workers = parallel.parallel_map(renderer.render, todo, jobs, min_items=min_items, ahead=ahead)
    fresh: Iterator[_Rendered] = workers
    try:
        if incremental is not None and digests is None and listed is None:
            if todo:  # the first page starts the workers
                fresh = itertools.chain([next(fresh)], fresh)
            digests = digests_of_pages()
        yield from _page_outputs(renderer, report, fresh, reused, digests, incremental, listed)
    finally:  # ends the workers now, also when the caller stops early (they may write files)
        workers.close()


_AHEAD_WRITING = 8
"""Chunks of pages in flight per worker when the workers write the pages themselves: enough
to keep them busy while this process makes the pages' digests or copies `static/` files."""


def _page_outputs(
    renderer: PageRenderer,
    report: ReportCollector,
    fresh: Iterator[_Rendered],
    reused: set[int],
    digests: list[str] | None,
    incremental: Incremental | None,
    listed: Listing | None = None,
) -> Iterator[OutputFile]:
    """The outputs of :func:`render_pages`, the rendered pages taken from ``fresh`` in order
    (each added to ``listed`` as it is taken)."""
    pages = renderer.pages
    manifest = MANIFEST_PATH.lstrip("/")
    head = b'{"pages":['
    yield OutputFile(manifest, head, "SEO manifest", append=True)
    offset = len(head)
    follows = -1  # where the previous page's reused entry ended in the previous `seo.json`
    for index, page in enumerate(pages):
        path = renderer.files[index]
        digest = digests[index] if digests is not None else None
        separator = b"," if index else b""
        entry: bytes | Reuse
        parts: list[bytes | Reuse]
        record: str | None = None  # the page's record digest, when its worker made it
        if index in reused and incremental is not None:
            notes = incremental.notes[page.path]
            start, length = incremental.manifest[page.path]
            entry = Reuse(manifest, start, length)
            # Two entries that followed each other there are one range, separator included:
            # the writer copies a run of them as one.
            parts = (
                [Reuse(manifest, start - 1, length + 1)]
                if separator and follows == start - 1
                else []
            )
            follows = start + length
            yield OutputFile(path, Reuse(path), page.source or page.kind, digest)
        else:
            parts, follows = [], -1
            html, entry, notes, neutralised, inspected, record = next(fresh)
            length = len(entry)
            report.rendered += 1
            if neutralised:
                report.neutralised[page.path] = neutralised
            if renderer.hook is not None:
                renderer.hook.collect(page, html if isinstance(html, bytes) else b"", inspected)
            yield OutputFile(path, html, page.source or page.kind, digest)
        if listed is not None:  # once the page is out, while the workers render the next
            listed.add(page, record)
        report.notes.update(dict.fromkeys(notes))
        report.page_notes[page.path] = notes
        report.manifest_spans[page.path] = (offset + len(separator), length)
        offset += len(separator) + length
        if not parts:
            parts = [separator, entry] if separator else [entry]
        yield OutputFile(manifest, parts, "SEO manifest", append=True)
    yield OutputFile(manifest, b"]}\n", "SEO manifest", append=True)


def _page_markdown(
    page: PagePlan,
    body: Callable[[Article], str] | None = None,
    image_size: ImageSize | None = None,
    ready: RenderedMarkdown | None = None,
) -> RenderedMarkdown | None:
    """The page's own Markdown rendered, once: its HTML (images sized with ``image_size``) and
    what was neutralised on the way (which `check` reports as SEO-017). None for a page without
    Markdown of its own. ``ready`` is its article's body already neutralised (see
    :mod:`.early_markdown`): only finished here."""
    label = translations(page.language).gettext(TABLE_LABEL)
    if ready is not None:
        return finish_markdown(ready, image_size, table_label=label)
    if page.article is not None:
        text = body(page.article) if body else page.article.body
        return render_markdown_report(text, image_size, table_label=label)
    if page.service is not None and page.service.body:
        return render_markdown_report(page.service.body, image_size, table_label=label)
    if page.therapist is not None and page.kind == "about":
        shown = page.therapist.profile or page.therapist.bio
        return render_markdown_report(shown, image_size, table_label=label) if shown else None
    return None


def _manifest_entry(page: PagePlan, graph_json: str) -> str:
    """One page's `seo.json` entry: its facts (those its head states), then its JSON-LD graph."""
    entry = {
        "path": page.path,
        "url": page.url,
        "canonical": page.url if page.canonical else None,
        "title": page.title,
        "description": page.description,
        "robots": page.robots,
        "lastmod": page.lastmod.isoformat() if page.lastmod else None,
        "language": page.language,
        "alternates": [{"hreflang": lang, "href": href} for lang, href in page.alternates],
        "image": image.as_json() if (image := og_image(page)) else None,
    }
    fields = canonical_json(entry)
    return f'{fields[:-1]},"jsonld":{graph_json}}}'
