"""Measuring child processes and output trees: the benchmark's building blocks (no policy here).

Every measurement is one child process: wall time by the parent's clock, peak RSS and CPU time
(user + system) from `os.wait4`. Output trees are described by file counts and bytes, so a
report can show that two tools wrote comparable sites.
"""

from __future__ import annotations

import hashlib
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

__all__ = [
    "Child",
    "ChildFailed",
    "Sample",
    "TreeStats",
    "format_ratio",
    "last_line",
    "maxrss_mib",
    "median_sample",
    "progress",
    "ratio",
    "require",
    "run_child",
    "tree_differences",
    "tree_digests",
    "tree_stats",
]


@dataclass(frozen=True, slots=True)
class Sample:
    """One child process: wall time (s), peak resident memory (MiB), CPU time user+system (s)."""

    wall: float
    rss_mib: float
    cpu: float


@dataclass(frozen=True, slots=True)
class Child:
    """A finished child process: its measurement, exit code and the end of its output."""

    sample: Sample
    code: int
    stdout: str
    stderr: str

    @property
    def crashed(self) -> bool:
        """Killed by a signal, or an uncaught Python exception (which also exits with 1)."""
        return self.code < 0 or "Traceback (most recent call last)" in self.stderr


class ChildFailed(RuntimeError):
    """A child process that should have succeeded did not; `detail` is the end of its stderr."""

    def __init__(self, message: str, detail: str = "") -> None:
        super().__init__(message)
        self.detail = detail


@dataclass(frozen=True, slots=True)
class TreeStats:
    """What a tool wrote: every file, the HTML pages, the XML files (feeds, sitemaps) and the
    files copied from the corpus's `static/` (found at the same relative path)."""

    files: int = 0
    bytes: int = 0
    html_files: int = 0
    html_bytes: int = 0
    xml_files: int = 0
    xml_bytes: int = 0
    static_files: int = 0
    static_bytes: int = 0


def maxrss_mib(ru_maxrss: int, system: str = sys.platform) -> float:
    """`ru_maxrss` in MiB: Linux reports KiB, macOS bytes."""
    return ru_maxrss / (1024 * 1024) if system == "darwin" else ru_maxrss / 1024


def progress(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def last_line(text: str) -> str:
    lines = [line.strip() for line in text.strip().splitlines() if line.strip()]
    return lines[-1][:200] if lines else ""


def run_child(
    command: Sequence[str], *, cwd: Path | None = None, env: Mapping[str, str] | None = None
) -> Child:
    """Run `command` to completion; measure it with `wait4` (nothing else is waited for).

    The files earlier runs wrote are flushed to disk first, so writing them back does not
    compete with this run for the CPUs (every command, ours and Hugo's, starts the same way).
    """
    if hasattr(os, "sync"):
        os.sync()
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        started = time.perf_counter()
        process = subprocess.Popen(
            list(command),
            cwd=cwd,
            env=None if env is None else dict(env),
            stdin=subprocess.DEVNULL,
            stdout=out,
            stderr=err,
        )
        _pid, status, usage = os.wait4(process.pid, 0)
        wall = time.perf_counter() - started
        process.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        stdout = out.read()[-4000:].decode("utf-8", "replace")
        stderr = err.read()[-4000:].decode("utf-8", "replace")
    sample = Sample(wall, maxrss_mib(usage.ru_maxrss), usage.ru_utime + usage.ru_stime)
    return Child(sample, process.returncode, stdout, stderr)


def require(child: Child, what: str, codes: Iterable[int] = (0,)) -> Sample:
    """The child's sample, or ChildFailed when it exited otherwise than with one of `codes`."""
    if child.code not in set(codes) or child.crashed:
        raise ChildFailed(
            f"{what} exited with {child.code}: {last_line(child.stderr)}", child.stderr
        )
    return child.sample


def median_sample(samples: Sequence[Sample]) -> Sample:
    """The median of each figure, taken separately."""
    if not samples:
        raise ValueError("no samples")
    return Sample(
        statistics.median(s.wall for s in samples),
        statistics.median(s.rss_mib for s in samples),
        statistics.median(s.cpu for s in samples),
    )


def ratio(ours: float | None, theirs: float | None) -> float | None:
    """ours / theirs, or None when either is missing or theirs is not positive."""
    if ours is None or theirs is None or theirs <= 0:
        return None
    return ours / theirs


def format_ratio(value: float | None) -> str:
    """A ratio as `0.42 ×`, or `n/a`."""
    return "n/a" if value is None else f"{value:.2f} ×"


def tree_digests(folder: Path) -> dict[str, str]:
    """sha256 of every file under `folder`, by path relative to it."""
    digests = {}
    for path in sorted(folder.rglob("*")):
        if path.is_file():
            with path.open("rb") as file:
                digest = hashlib.file_digest(file, "sha256").hexdigest()
            digests[path.relative_to(folder).as_posix()] = digest
    return digests


def tree_differences(a: dict[str, str], b: dict[str, str]) -> list[str]:
    """Paths present in only one tree or with different content, sorted."""
    return sorted(path for path in a.keys() | b.keys() if a.get(path) != b.get(path))


def tree_stats(folder: Path, static: Path | None = None) -> TreeStats:
    """Counts and bytes of the files under `folder` (hidden files included, as written).

    A file counts as static when `static` has a file at the same relative path.
    """
    counts = dict.fromkeys(TreeStats.__slots__, 0)
    for directory, _dirs, files in os.walk(folder):
        for name in files:
            path = Path(directory, name)
            size = path.stat().st_size
            counts["files"] += 1
            counts["bytes"] += size
            kind = {".html": "html", ".xml": "xml"}.get(path.suffix.lower())
            if kind:
                counts[f"{kind}_files"] += 1
                counts[f"{kind}_bytes"] += size
            if static is not None and (static / path.relative_to(folder)).is_file():
                counts["static_files"] += 1
                counts["static_bytes"] += size
    return TreeStats(**counts)
