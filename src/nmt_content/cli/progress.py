"""A one-line progress bar on stderr for long builds.

It appears only when stderr is a terminal, `CI` is not set, `--quiet` is not given, and the build
has already taken about a second (a short build prints nothing but its summary). It redraws at
most ten times a second and erases itself when done. Standard library only.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Mapping
from types import TracebackType
from typing import TextIO

from .terminal import is_interactive

__all__ = ["Progress", "shows_progress"]

DELAY = 1.0
"""Seconds before the bar first appears."""
_INTERVAL = 0.1
_WIDTH = 30


def shows_progress(
    stream: TextIO, *, quiet: bool = False, environ: Mapping[str, str] | None = None
) -> bool:
    """Whether a progress bar belongs on ``stream``: a terminal, not CI, not ``--quiet``."""
    return not quiet and is_interactive(stream, environ)


class Progress:
    """``update(done, total)`` as work advances; use as a context manager to erase the line."""

    def __init__(
        self, *, enabled: bool, stream: TextIO | None = None, label: str = "Building"
    ) -> None:
        self.enabled = enabled
        self.stream = stream if stream is not None else sys.stderr
        self.label = label
        self.started = time.monotonic()
        self.last = 0.0
        self.drawn = False

    def update(self, done: int, total: int) -> None:
        if not self.enabled:
            return
        now = time.monotonic()
        if now - self.started < DELAY or (now - self.last < _INTERVAL and done < total):
            return
        self.last = now
        share = done / total if total else 1.0
        filled = round(share * _WIDTH)
        bar = "#" * filled + "-" * (_WIDTH - filled)
        self.stream.write(f"\r{self.label} [{bar}] {done:,}/{total:,} pages {share:4.0%}")
        self.stream.flush()
        self.drawn = True

    def __enter__(self) -> Progress:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        if self.drawn:
            self.stream.write("\r\x1b[2K")
            self.stream.flush()
