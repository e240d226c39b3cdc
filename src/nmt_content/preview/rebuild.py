"""One build of the preview, and what came of it: the pages, or every problem that stopped it.

The build is the normal incremental build into the server's own folder, or, after a save of one
article's body, its page rendered in memory (:mod:`.live`); it never raises for bad content, a
template error or a bug, so the server keeps answering (with the error overlay) until the next
save fixes it.
"""

from __future__ import annotations

import time
import traceback
from collections.abc import Collection
from dataclasses import dataclass
from pathlib import Path

from jinja2 import TemplateSyntaxError

from ..errors import ContentError, ContentIssue, NmtContentError
from ..pipeline.build_to import build_to
from ..pipeline.plan import BuildOptions
from .live import LiveSite

__all__ = ["PreviewBuild", "build_preview", "describe_exception", "update_preview"]


@dataclass(frozen=True, slots=True)
class PreviewBuild:
    """One build of the preview: what came out, or why nothing did."""

    generation: int
    """Counts builds from 1; the browser reloads when it changes."""
    seconds: float
    pages: int = 0
    files: int = 0
    issues: tuple[ContentIssue, ...] = ()
    """Content problems; empty when the build succeeded."""
    error: str | None = None
    """A problem that is not tied to a content line (a template error, an unsafe output)."""
    notes: tuple[str, ...] = ()
    rendered: int = 0
    """Pages rendered this time; the others were reused from the previous build."""
    unchanged: bool = False
    """Nothing the site is built from had changed."""
    in_memory: bool = False
    """Only one article's body had changed: its page was rendered in memory (no folder build)."""

    @property
    def ok(self) -> bool:
        return not self.issues and self.error is None

    def problems(self) -> list[str]:
        """Each problem as one line, `path:line:col: error: field: message`."""
        lines = [issue.format() for issue in self.issues]
        if self.error is not None:
            lines.append(f"error: {self.error}")
        return lines


def build_preview(
    root: Path,
    out_dir: Path,
    options: BuildOptions,
    previous: PreviewBuild | None,
    live: LiveSite | None = None,
) -> PreviewBuild:
    """Build ``root`` into ``out_dir``, as the build after ``previous``; ``live`` learns what
    was built (or that nothing it holds can be trusted any more).

    A build that changed nothing after a good one keeps its generation, so no page reloads.
    """
    started = time.perf_counter()
    generation = (previous.generation if previous is not None else 0) + 1
    try:
        # The incremental build path, as `build` uses: only changed pages are rendered.
        # One process: forking workers from a threaded server is not safe.
        # The whole site even after an edit to bodies alone: `live` keeps it for later saves.
        built = build_to(root, out_dir, options, jobs=1, incremental=True, whole_site=True)
    except Exception as exc:
        if live is not None:
            live.forget()
        return _failed(generation, started, exc)
    if live is not None:
        live.reset(built.run, built.files)
    if built.up_to_date and previous is not None and previous.ok:
        generation = previous.generation  # saved without a change
    return PreviewBuild(
        generation,
        time.perf_counter() - started,
        pages=built.pages,
        files=built.files,
        rendered=built.rendered,
        unchanged=built.up_to_date,
        notes=tuple(built.notes),
    )


def update_preview(
    live: LiveSite, changed: Collection[Path], previous: PreviewBuild | None
) -> PreviewBuild | None:
    """Apply ``changed`` (the files saved since the site was last in step with them) in memory,
    as the build after ``previous``; None when they need a folder build (:mod:`.live`)."""
    started = time.perf_counter()
    generation = (previous.generation if previous is not None else 0) + 1
    try:
        update = live.update(changed)
    except Exception as exc:  # a template or a bug: show it, and build the folder next time
        live.forget()
        return _failed(generation, started, exc)
    if update is None:
        return None
    if update.issues:
        return PreviewBuild(generation, time.perf_counter() - started, issues=update.issues)
    if not update.changed and previous is not None and previous.ok:
        generation = previous.generation  # saved without a change
    return PreviewBuild(
        generation,
        time.perf_counter() - started,
        pages=live.pages,
        files=live.files,
        rendered=1,
        unchanged=not update.changed,
        notes=update.notes,
        in_memory=True,
    )


def _failed(generation: int, started: float, exc: Exception) -> PreviewBuild:
    seconds = time.perf_counter() - started
    if isinstance(exc, ContentError):
        return PreviewBuild(generation, seconds, issues=tuple(exc.issues))
    if isinstance(exc, NmtContentError):
        return PreviewBuild(generation, seconds, error=str(exc))
    return PreviewBuild(generation, seconds, error=describe_exception(exc))  # a template or a bug


def describe_exception(exc: BaseException) -> str:
    """One line for an unexpected build error, with the template file and line when a template
    raised it."""
    where = ""
    if isinstance(exc, TemplateSyntaxError):
        where = f"{exc.filename or exc.name}:{exc.lineno}: "
    else:
        for frame in traceback.extract_tb(exc.__traceback__):
            if frame.filename.endswith((".html", ".xml", ".txt", ".j2", ".jinja")):
                where = f"{frame.filename}:{frame.lineno}: "
    message = str(exc.message if isinstance(exc, TemplateSyntaxError) else exc)
    return f"{where}{type(exc).__name__}: {message}"
