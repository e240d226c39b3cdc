"""The articles' Markdown rendered while the site loads, by a forked process of low priority.

A full build spends its first second importing, loading and planning in this process: one
processor busy, the others idle once `static/` is copied (:mod:`.static_copy`). The part of
rendering an article's page that depends on its file alone is reading its body and
:func:`~nmt_content.render.markdown.neutralised_markdown` (pyromark and the safety pass): a
fifth of what a worker then does per page. So such a build forks a *renderer*
(:func:`early_markdown`) at the lowest priority, so that it takes only time no other process
wants. It reads each article file as loading lists them, renders its body, appends the HTML to
a temporary file that has no name, and after each batch appends one index line per article
(name, SHA-256 of the file, offset, length, what was neutralised) to a second one.

Just before the workers start, :meth:`EarlyMarkdown.ready` ends the renderer and reads the
lines it completed (a line cut short when it was ended is left out). It keeps an entry only
for an article page whose file had the very bytes loading recorded for it (the same digest):
the same body, so the same HTML. A worker takes such a page's HTML from the file
(:meth:`EarlyMarkdown.rendered`, one ``pread``) and finishes it as it finishes its own
(:func:`~nmt_content.render.markdown.finish_markdown`: images, the tables' label); it renders
every other article itself. The output is the same either way, byte for byte.

Nothing is left behind: the files have no name, and the renderer is ended and waited for when
the build ends, whatever ends it. It ignores Ctrl-C (the build ends it) and stops at the next
article when the build has died.
"""

from __future__ import annotations

import contextlib
import os
import signal
import tempfile
import threading
from array import array
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path
from typing import IO, TYPE_CHECKING

import orjson

from .file_copy import write_whole
from .parallel import end_child

if TYPE_CHECKING:  # imported where used: this module is imported before the site loads
    from ..pages.model import PagePlan
    from ..render.markdown import Neutralised, RenderedMarkdown

__all__ = ["EarlyMarkdown", "early_markdown"]

_BATCH = 64
"""Articles the renderer indexes at a time."""


class EarlyMarkdown:
    """The renderer's two files, and what :meth:`ready` found in them (see the module)."""

    def __init__(self, pid: int, html: IO[bytes], index: IO[bytes]) -> None:
        self._pid: int | None = pid
        self._files = (html, index)
        self._html, self._index = html.fileno(), index.fileno()
        self._spans = array("q")
        """Offset and length in the HTML file of each page's Markdown, by the page's place
        in the plan; -1 when there is none to take."""
        self._neutralised: dict[int, tuple[Neutralised, ...]] = {}

    def ready(self, pages: Sequence[PagePlan], digests: Mapping[str, str]) -> None:
        """End the renderer and take what it finished: for each article page in ``pages``
        whose file's SHA-256 in ``digests`` (what loading recorded) is the one the renderer
        read, where its HTML is."""
        from ..render.markdown import Neutralised

        self.stop()
        self._spans = array("q", [-1]) * (2 * len(pages))
        places = {page.source: place for place, page in enumerate(pages) if page.article}
        for line in _lines(self._index):
            try:
                name, digest, offset, length, neutralised = orjson.loads(line)
            except (orjson.JSONDecodeError, ValueError, TypeError):  # pragma: no cover
                continue
            place = places.get(name)
            if place is None or digests.get(name) != digest:
                continue
            self._spans[2 * place], self._spans[2 * place + 1] = offset, length
            if neutralised:
                self._neutralised[place] = tuple(Neutralised(*item) for item in neutralised)

    def rendered(self, place: int) -> RenderedMarkdown | None:
        """The neutralised Markdown of the page at ``place`` in the plan, when the renderer
        made it from the file loading read; None otherwise (the caller renders it)."""
        from ..render.markdown import RenderedMarkdown

        if 2 * place >= len(self._spans) or (offset := self._spans[2 * place]) < 0:
            return None
        length = self._spans[2 * place + 1]
        data = os.pread(self._html, length, offset)
        if len(data) != length:  # pragma: no cover - the file is this build's own
            return None
        return RenderedMarkdown(data.decode("utf-8"), self._neutralised.get(place, ()))

    def stop(self) -> None:
        """End the renderer now, whatever it is doing, and wait for it."""
        if self._pid is not None:
            end_child(self._pid)
            self._pid = None

    def close(self) -> None:
        """End the renderer; its files go with their last descriptor (they have no name)."""
        self.stop()
        for file in self._files:
            file.close()


@contextlib.contextmanager
def early_markdown(root: Path, jobs: int) -> Iterator[EarlyMarkdown | None]:
    """For a build that renders every page with more than one job: the renderer of ``root``'s
    articles, started now; None when no process can be forked. Ended when the block ends."""
    if jobs <= 1 or not hasattr(os, "fork") or threading.active_count() != 1:
        yield None
        return
    html = tempfile.TemporaryFile(prefix="nmt-markdown-")  # noqa: SIM115 - closed by `close`
    index = tempfile.TemporaryFile(prefix="nmt-markdown-")  # noqa: SIM115
    try:
        pid = os.fork()
    except OSError:
        html.close()
        index.close()
        yield None
        return
    if pid == 0:  # pragma: no cover - the renderer (its work is checked through the pages)
        code = 1
        try:
            signal.signal(signal.SIGINT, signal.SIG_IGN)
            with contextlib.suppress(OSError):
                os.nice(19)
            _render_all(root, html.fileno(), index.fileno(), os.getppid())
            code = 0
        finally:
            os._exit(code)
    early = EarlyMarkdown(pid, html, index)
    try:
        yield early
    finally:
        early.close()


def _render_all(root: Path, html: int, index: int, parent: int) -> None:
    """The renderer's work (in the forked process)."""
    from ..content.bodies import article_bodies
    from ..render.markdown import neutralised_markdown

    offset, lines = 0, []
    for name, digest, body in article_bodies(root):
        if os.getppid() != parent:  # the build died
            return
        rendered = neutralised_markdown(body)
        data = rendered.html.encode("utf-8")
        write_whole(html, data)
        found = [[item.kind, item.line, item.text] for item in rendered.neutralised]
        lines.append(orjson.dumps([name, digest, offset, len(data), found]))
        offset += len(data)
        if len(lines) == _BATCH:
            write_whole(index, b"\n".join(lines) + b"\n")
            lines = []
    if lines:
        write_whole(index, b"\n".join(lines) + b"\n")


def _lines(descriptor: int) -> Iterator[bytes]:
    """The complete lines of the index file (one cut short by the renderer's end is not)."""
    position, pending = 0, b""
    while chunk := os.pread(descriptor, 1 << 20, position):
        position += len(chunk)
        *complete, pending = (pending + chunk).split(b"\n")
        yield from complete
