"""The preview's in-memory update: after a save of one article's body, render only its page.

The server keeps what its last folder build loaded (the site, the plan, the report with each
page's `seo.json` span and notes) and a template state that stays warm between saves. When the
only change since is one existing article file, and everything other pages can show of it (its
page's record, :func:`~nmt_content.pipeline.incremental.page_record`: title, dates, services,
description…) is unchanged, only what depends on its body can differ: its own page and its
`seo.json` entry. Those two are rendered and served from memory, over the folder, which is left
as the last folder build wrote it (so that build's own incremental state stays true, and the next
folder build re-renders what changed since).

Anything else (a new, deleted or renamed article, a changed title or date, `practice.yaml`,
`static/`, templates, several files at once) is not handled here: :meth:`LiveSite.update`
returns None and the server runs the normal incremental folder build.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from ..content.listing import display_path
from ..content.loader import ARTICLES_DIR, read_article_file
from ..content.safe_paths import is_hidden
from ..errors import ContentIssue
from ..pages.model import PagePlan
from ..pipeline.build import BuildRun
from ..pipeline.incremental import page_record
from ..pipeline.plan import MANIFEST_PATH
from ..pipeline.render_pass import PageRenderer
from ..pipeline.state import BuildState
from ..urls import output_file

__all__ = ["LiveSite", "LiveUpdate"]

MANIFEST = MANIFEST_PATH.lstrip("/")


@dataclass(frozen=True, slots=True)
class LiveUpdate:
    """What an in-memory update did."""

    source: str
    """The article file (``articles/x.md``)."""
    issues: tuple[ContentIssue, ...] = ()
    """Why the file does not load; then nothing was rendered."""
    changed: bool = False
    """Whether what is served changed (false for a save without a change)."""
    notes: tuple[str, ...] = ()
    """Every page's notes, each once, in page order (as a build reports them)."""


@dataclass
class _Loaded:
    """What the last folder build loaded, and the template state kept warm for it."""

    run: BuildRun
    renderer: PageRenderer
    pages: dict[str, int]
    """Article file → index of its page in the plan."""
    records: dict[int, str] = field(default_factory=dict)
    """Page index → its record, computed on the first save of that page."""


@dataclass(frozen=True)
class _Overlay:
    """What was rendered in memory since the folder was written. Replaced whole, never changed
    in place, so an HTTP thread always reads one consistent version."""

    files: Mapping[str, bytes] = field(default_factory=dict)
    """Output path → the page's bytes."""
    entries: Mapping[str, bytes] = field(default_factory=dict)
    """Page path → its `seo.json` entry, when it differs from the folder's."""
    page_notes: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    """Page path → its notes, for the pages rendered in memory."""
    notes: tuple[str, ...] | None = None
    """Every page's notes, each once, in page order; None while the folder build's hold."""
    spans: Mapping[str, tuple[int, int]] = field(default_factory=dict)
    """Page path → (offset, length) of its entry in the folder's `seo.json`."""


class LiveSite:
    """The pages of the last folder build of ``root`` into ``out_dir``, and what was rendered in
    memory since (:meth:`read` gives a file as it is served). Used from one build thread; the
    HTTP threads only call :meth:`read`."""

    def __init__(self, root: Path, out_dir: Path) -> None:
        self.root = root.resolve()
        self.out_dir = out_dir
        self._loaded: _Loaded | None = None
        self.files = 0
        """How many files the site has (as the last folder build wrote it)."""
        self._overlay = _Overlay()

    # -- the folder build ---------------------------------------------------------------------

    def reset(self, run: BuildRun | None, files: int) -> None:
        """The folder was just built by ``run``, ``files`` files (``run`` None: it was up to
        date, so what was loaded for it still holds; what was rendered in memory since is
        dropped either way)."""
        self._overlay = _Overlay()
        self.files = files
        if run is None:
            return
        state = BuildState(run.site, run.plan, run.options)  # bodies come with each new article
        pages = {
            page.source: i
            for i, page in enumerate(run.plan.pages)
            if page.article is not None and page.source is not None
        }
        self._loaded = _Loaded(run, PageRenderer(state), pages)

    def forget(self) -> None:
        """The folder build failed: nothing loaded can be trusted until the next good one."""
        self._loaded = None

    @property
    def pages(self) -> int:
        """How many pages the site has (0 when nothing is loaded)."""
        return len(self._loaded.run.plan.pages) if self._loaded is not None else 0

    def warm(self) -> None:
        """Make the site-wide part of the page contexts and graphs now, not on the first save."""
        loaded = self._loaded
        if loaded is not None and loaded.pages:
            loaded.renderer.render_page(loaded.run.plan.pages[next(iter(loaded.pages.values()))])

    # -- serving ------------------------------------------------------------------------------

    def read(self, file: Path) -> bytes:
        """The bytes served for ``file`` of the build folder."""
        overlay = self._overlay
        if not overlay.files:
            return file.read_bytes()
        try:
            relative = file.relative_to(self.out_dir).as_posix()
        except ValueError:
            relative = ""
        data = overlay.files.get(relative)
        if data is not None:
            return data
        if relative == MANIFEST and overlay.entries:
            return _spliced(file, overlay.spans, overlay.entries)
        return file.read_bytes()

    # -- one saved article --------------------------------------------------------------------

    def update(self, saved: Collection[Path]) -> LiveUpdate | None:
        """Apply the saved files (absolute paths, as the watcher reports them) in memory, or
        None when they need a folder build."""
        loaded = self._loaded
        if loaded is None:
            return None
        source = self._one_article(saved, loaded)
        if source is None:
            return None
        index = loaded.pages[source]
        relative, article, issues = read_article_file(self.root, self.root / source)
        if article is None:
            return LiveUpdate(source, issues=tuple(issues))
        if relative != source:  # pragma: no cover - the name is the one the build listed
            return None
        page = loaded.run.plan.pages[index]
        new_page = dataclasses.replace(page, article=article)
        record = loaded.records.get(index)
        if record is None:
            record = loaded.records[index] = page_record(page)
        if page_record(new_page) != record:
            return None  # other pages show what changed
        html, entry, notes, _neutralised, _inspected = loaded.renderer.render_page(new_page)
        overlay, path = self._overlay, output_file(page.path)
        report = loaded.run.report
        entries = dict(overlay.entries)
        if entry == _folder_entry(self.out_dir / MANIFEST, report.manifest_spans[page.path]):
            entries.pop(page.path, None)
        else:
            entries[page.path] = entry
        page_notes = {**overlay.page_notes, page.path: notes}
        every = overlay.notes
        if notes != (overlay.page_notes.get(page.path) or report.page_notes.get(page.path, ())):
            every = _all_notes(loaded.run.plan.pages, report.page_notes, page_notes)
        changed = self.read(self.out_dir / path) != html or entries.get(
            page.path
        ) != overlay.entries.get(page.path)
        self._overlay = _Overlay(
            {**overlay.files, path: html}, entries, page_notes, every, report.manifest_spans
        )
        return LiveUpdate(
            source, changed=changed, notes=every if every is not None else report.notes
        )

    def _one_article(self, changed: Collection[Path], loaded: _Loaded) -> str | None:
        """The one article file among ``changed`` (other paths that cannot change the build
        ignored), or None when the changes are not that."""
        articles: set[str] = set()
        for path in changed:
            try:
                parts = path.relative_to(self.root).parts
            except ValueError:
                return None
            if len(parts) < 2 or parts[0] != ARTICLES_DIR or path.is_dir():
                return None
            if any(is_hidden(part) for part in parts[1:]):
                continue  # never content (an editor's swap file, `.x.md.tmp`)
            name = display_path(Path(*parts))
            if name.endswith(".md"):
                articles.add(name)
            elif not path.exists() and any(s.startswith(f"{name}/") for s in loaded.pages):
                return None  # a folder of articles went away
            # else: a file that is not an article
        if len(articles) != 1:
            return None
        (source,) = articles
        file = self.root / source
        if source not in loaded.pages or not file.is_file() or file.is_symlink():
            return None
        return source


def _folder_entry(manifest: Path, span: tuple[int, int]) -> bytes:
    """A page's entry in the folder's `seo.json`."""
    offset, length = span
    with manifest.open("rb") as file:
        file.seek(offset)
        return file.read(length)


def _spliced(
    manifest: Path, spans: Mapping[str, tuple[int, int]], entries: Mapping[str, bytes]
) -> bytes:
    """The folder's `seo.json` with the entries of ``entries`` replaced (put together only when
    it is asked for: at 10,000 articles it is about 100 MB)."""
    data = manifest.read_bytes()
    parts, at = [], 0
    for offset, length, entry in sorted((*spans[path], entry) for path, entry in entries.items()):
        parts += [data[at:offset], entry]
        at = offset + length
    parts.append(data[at:])
    return b"".join(parts)


def _all_notes(
    pages: Sequence[PagePlan],
    built: Mapping[str, tuple[str, ...]],
    rendered: Mapping[str, tuple[str, ...]],
) -> tuple[str, ...]:
    """Every page's notes, each once, in page order, as a build reports them."""
    every: dict[str, None] = {}
    for page in pages:
        notes = rendered.get(page.path)
        every.update(dict.fromkeys(notes if notes is not None else built.get(page.path, ())))
    return tuple(every)
