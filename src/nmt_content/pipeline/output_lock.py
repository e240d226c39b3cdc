"""One build per output folder at a time.

A build holds an exclusive ``flock`` on `.nmt-content-cache/<output name>.lock`, next to the
output, from before it reads the previous output's state until the new output is swapped in and
its state saved. A second build of the same output waits a little for the first, then stops with
an :class:`~nmt_content.errors.OutputError` that says so (exit 2), touching nothing. While the
lock is held no other build of that output is running, so a staging folder left next to it can
only be a killed build's, and only then is it removed.

The lock is the kernel's: it goes away with the process that held it, however that ends, so a
killed build never leaves a stale lock. The lock is re-entrant within one process (``build_to``
takes it, and the writer it calls takes it again).
"""

from __future__ import annotations

import contextlib
import errno
import os
import threading
import time
from collections.abc import Iterator
from pathlib import Path

from ..errors import OutputError
from .output_state import CACHE_DIR, MARKER, MARKER_TEXT

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows: no lock
    fcntl = None  # type: ignore[assignment]

__all__ = ["LOCK_WAIT_SECONDS", "lock_file", "output_lock"]

LOCK_WAIT_SECONDS = 5.0
"""How long a build waits for another build of the same output before it gives up."""

_held: dict[Path, int] = {}
_guard = threading.Lock()


def lock_file(out: Path) -> Path:
    """The lock of the output in ``out``: `.nmt-content-cache/<name>.lock` next to it."""
    return out.parent / CACHE_DIR / f"{out.name}.lock"


@contextlib.contextmanager
def output_lock(out: Path, *, wait: float | None = None) -> Iterator[None]:
    """Hold the lock of the output ``out`` (a resolved path) for the ``with`` block."""
    path = lock_file(out)
    with _guard:
        if path in _held:
            _held[path] += 1
            descriptor = None
        else:
            descriptor = _acquire(path, out, LOCK_WAIT_SECONDS if wait is None else wait)
            _held[path] = 1
    try:
        yield
    finally:
        with _guard:
            _held[path] -= 1
            if _held[path] == 0:
                del _held[path]
                if descriptor is not None and descriptor >= 0:
                    os.close(descriptor)  # closing the file releases the lock


def _acquire(path: Path, out: Path, wait: float) -> int:
    if fcntl is None:  # pragma: no cover - Windows
        return -1
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        marker = path.parent / MARKER
        if not marker.exists():
            marker.write_bytes(MARKER_TEXT)
        descriptor = os.open(path, os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW | os.O_CLOEXEC, 0o644)
    except OSError as exc:
        raise OutputError(f"cannot write to {path.parent}: {exc.strerror}") from None
    deadline = time.monotonic() + wait
    while True:
        try:
            fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return descriptor
        except BlockingIOError:
            if time.monotonic() >= deadline:
                os.close(descriptor)
                raise OutputError(
                    f"another build is writing to {out} (it holds {path}); wait for it to "
                    "finish, or build into another --out"
                ) from None
            time.sleep(0.05)
        except OSError as exc:  # a file system without locks: build unlocked, as before
            if exc.errno in (errno.ENOLCK, errno.EOPNOTSUPP):
                return descriptor
            os.close(descriptor)
            raise OutputError(f"cannot lock {path}: {exc.strerror}") from None
