"""Pausing Python's cycle collector around work that makes many objects and frees few.

A loaded site is millions of small objects that live until the build ends. The cyclic collector
walks all of them on every full collection, finding nothing to collect: at 100,000 articles a
build spent 2.5 s in it (`benchmarks/PROFILE.md`). :func:`collector_paused` pauses it for a
build or a check. In a forked worker the walk would also write to pages the worker shares with
its parent, so the system copies them: :func:`quiet_heap` also moves what exists into the
collector's permanent generation (``gc.freeze``) for a parallel step, and puts it back after, so
nothing is left out of collection once the step is over. Kept apart from :mod:`.parallel` so a
build that never starts a worker does not import :mod:`multiprocessing` to pause the collector.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

__all__ = ["collector_paused", "quiet_heap"]


@contextmanager
def collector_paused() -> Iterator[None]:
    """Pause automatic collection in this process for the duration; turn it back on after only
    if it was on (a caller that turned it off finds it off). Nothing is frozen or unfrozen, so
    what the caller froze stays frozen. Also a decorator."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


@contextmanager
def quiet_heap() -> Iterator[None]:
    """Freeze the objects that exist now (forked workers inherit them frozen), and pause
    collection in this process; undo both on exit. Workers inherit the pause too: start them
    with ``gc.enable`` in their initializer, so they collect what they make (as
    :func:`~.parallel.parallel_map` does)."""
    gc.freeze()
    try:
        with collector_paused():
            yield
    finally:
        gc.unfreeze()
