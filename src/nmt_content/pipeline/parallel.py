"""The one way this tool works in several processes: :func:`parallel_map`.

It owns everything about worker processes: when to use them at all (``jobs`` above 1, enough
items, ``fork`` available, no other thread running), forking them, the heap around them,
chunking, and results in the order of the items. The function a worker runs reaches it through
the fork itself (never pickled), so it may be a closure or a bound method over a loaded site;
only the items and the results travel between processes, and both must pickle.

A parallel step runs inside :func:`~.heap.quiet_heap` (the collector paused, what exists frozen),
which this module also gives.
"""

from __future__ import annotations

import contextlib
import gc
import multiprocessing
import os
import signal
import threading
from collections import deque
from collections.abc import Callable, Generator, Sequence
from itertools import islice
from multiprocessing.pool import AsyncResult, Pool
from typing import Any, Protocol, TypeVar

from .heap import quiet_heap

__all__ = [
    "MIN_ARTICLES_TO_LOAD",
    "MIN_PAGES_TO_RENDER",
    "Mapper",
    "Results",
    "can_fork",
    "end_child",
    "parallel_map",
    "quiet_heap",
    "serial_map",
]

T = TypeVar("T")
R = TypeVar("R")

MIN_ARTICLES_TO_LOAD = 256
"""Below this many article files, loading in worker processes costs more than it saves."""

MIN_PAGES_TO_RENDER = 64
"""Below this many pages to render (and check), worker processes cost more than they save."""


Results = Generator[R, None, None]
"""What :func:`parallel_map` gives: close it to end its workers at once, whatever the reason to
stop early (an error, Ctrl-C). Left to the garbage collector, they would outlive a frame that a
traceback still holds, and keep writing into a folder the caller is removing."""


class Mapper(Protocol):
    """Something that maps a function over items, giving the results in the items' order:
    :func:`serial_map`, or :func:`parallel_map` with its ``jobs`` bound."""

    def __call__(self, function: Callable[[T], R], items: Sequence[T], /) -> Results[R]: ...


def serial_map(function: Callable[[T], R], items: Sequence[T], /) -> Results[R]:
    """``function`` over ``items`` here, lazily, in order."""
    yield from map(function, items)


def can_fork() -> bool:
    """Whether worker processes may be forked now: the platform has ``fork``, and no other
    thread runs (a forked child gets a copy of every lock as it is, held by threads it lacks)."""
    return "fork" in multiprocessing.get_all_start_methods() and threading.active_count() == 1


def end_child(pid: int) -> None:
    """End the forked process ``pid`` now, whatever it is doing, and wait for it (a helper
    this process forked with ``os.fork``: the early copier, the early Markdown renderer)."""
    with contextlib.suppress(ProcessLookupError):
        os.kill(pid, signal.SIGKILL)
    with contextlib.suppress(ChildProcessError):
        os.waitpid(pid, 0)


_TASK: list[Callable[[Any], Any]] = []
"""The function of the running :func:`parallel_map`, set just before its workers fork (they
inherit it) and cleared after. The only state handed to worker processes."""


def _run_chunk(chunk: Sequence[Any]) -> list[Any]:
    function = _TASK[0]
    return [function(item) for item in chunk]


def parallel_map(
    function: Callable[[T], R],
    items: Sequence[T],
    /,
    jobs: int,
    *,
    min_items: int,
    max_chunk: int = 128,
    ahead: int = 2,
) -> Results[R]:
    """``function`` over ``items``, in order: in ``jobs`` forked workers, else here.

    Serial when ``jobs`` is 1 or less, when there are fewer than ``min_items`` items, or when
    :func:`can_fork` says no; the results are the same either way. Lazy: the workers start at
    the first result asked for. Items go in chunks of at most ``max_chunk``, the first ones
    smaller (8, 16, 32…) so the first results come without waiting for a whole chunk; at most
    ``ahead`` chunks per worker are in flight, so memory stays bounded however slowly the
    results are taken (more of them keep the workers busy while the caller does other work
    between two results, when the results are small). While it runs, this process's heap is
    frozen (:func:`quiet_heap`). Close the results to stop early (see :data:`Results`).
    """
    if jobs <= 1 or len(items) < min_items or not can_fork():
        return serial_map(function, items)
    size = max(8, min(max_chunk, len(items) // (jobs * 8)))
    return _forked(function, items, jobs, size, max(1, ahead))


def _forked(
    function: Callable[[T], R], items: Sequence[T], jobs: int, size: int, ahead: int
) -> Results[R]:
    chunks = iter(_chunks(items, size))
    with quiet_heap():
        # Ctrl-C waits while the pool starts: the workers are forked with it held (they ignore
        # it), and an interrupt halfway would leave the ones already forked running, with no
        # pool to end them. It is raised once the pool exists, where it ends the pool.
        _TASK[:] = [function]
        held = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
        try:
            pool = multiprocessing.get_context("fork").Pool(jobs, _start_worker)
        except BaseException:
            signal.pthread_sigmask(signal.SIG_SETMASK, held)
            raise
        finally:
            _TASK.clear()
        pending: deque[AsyncResult[list[Any]]] = deque()
        try:
            signal.pthread_sigmask(signal.SIG_SETMASK, held)
            pending.extend(
                pool.apply_async(_run_chunk, (chunk,)) for chunk in islice(chunks, jobs * ahead)
            )
            while pending:
                results = pending.popleft().get()
                following = next(chunks, None)
                if following is not None:
                    pending.append(pool.apply_async(_run_chunk, (following,)))
                yield from results
        finally:
            _wind_down(pool, pending)


def _wind_down(pool: Pool, pending: deque[AsyncResult[list[Any]]]) -> None:
    """End ``pool``'s workers once the chunks they were given are done, whether every result
    was taken or the caller stopped early (an error, a closed iterator).

    Never ``Pool.terminate`` while chunks are in flight: a worker killed while it sends its
    results leaves the pool's result thread waiting for the rest of that message, and the
    terminate then waits for that thread for ever. At most ``jobs × ahead`` chunks are in
    flight, so waiting for them is bounded; the workers ignore Ctrl-C (:func:`_start_worker`),
    so none of them dies before its chunk is done.
    """
    pool.close()
    for result in pending:
        result.wait()
    pool.join()


def _start_worker() -> None:
    """A worker's start: collect what it makes (:func:`quiet_heap` paused collection before
    the fork), and leave Ctrl-C to the parent, which ends the step (:func:`_wind_down`). It
    was forked with Ctrl-C held: ignored from now on, one pressed meanwhile is dropped."""
    gc.enable()
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})


def _chunks(items: Sequence[T], size: int) -> list[Sequence[T]]:
    """``items`` in chunks of ``size``, the first ones smaller (8, 16, 32…)."""
    chunks = []
    start, step = 0, min(8, size)
    while start < len(items):
        chunks.append(items[start : start + step])
        start += step
        step = min(step * 2, size)
    return chunks
