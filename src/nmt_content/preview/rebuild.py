"""One build of the preview, and what came of it: the pages, or every problem that stopped it.

The build is the normal incremental build into the server's own folder; it never raises for bad
content, a template error or a bug, so the server keeps answering (with the error overlay) until
the next save fixes it.
"""

from __future__ import annotations

import time
import traceback
from dataclasses import dataclass
from pathlib import Path

from jinja2 import TemplateSyntaxError

from ..errors import ContentError, ContentIssue, NmtContentError
from ..pipeline.build_to import build_to
from ..pipeline.plan import BuildOptions

__all__ = ["PreviewBuild", "build_preview", "describe_exception"]


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
    root: Path, out_dir: Path, options: BuildOptions, previous: PreviewBuild | None
) -> PreviewBuild:
    """Build ``root`` into ``out_dir``, as the build after ``previous``.

    A build that changed nothing after a good one keeps its generation, so no page reloads.
    """
    started = time.perf_counter()
    generation = (previous.generation if previous is not None else 0) + 1
    try:
        # The incremental build path, as `build` uses: only changed pages are rendered.
        # One process: forking workers from a threaded server is not safe.
        built = build_to(root, out_dir, options, jobs=1, incremental=True)
    except ContentError as exc:
        return PreviewBuild(generation, time.perf_counter() - started, issues=tuple(exc.issues))
    except NmtContentError as exc:
        return PreviewBuild(generation, time.perf_counter() - started, error=str(exc))
    except Exception as exc:  # a template or a bug: show it, keep serving
        return PreviewBuild(
            generation, time.perf_counter() - started, error=describe_exception(exc)
        )
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
