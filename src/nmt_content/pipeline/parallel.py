"""Forked worker pools, and garbage collection around them.

A loaded site is millions of small objects. Python's cyclic collector walks all of them on every
full collection, and in a forked worker that walk also writes to pages the worker shares with its
parent, so the system copies them. :func:`quiet_heap` moves what exists into the collector's
permanent generation for the duration of a parallel step (``gc.freeze``) and puts it back after,
so nothing is left out of collection once the step is over.
"""

from __future__ import annotations

import gc
import multiprocessing
from collections.abc import Iterator
from contextlib import contextmanager
from multiprocessing.pool import Pool

__all__ = ["forked_pool", "quiet_heap"]


@contextmanager
def quiet_heap() -> Iterator[None]:
    """Freeze the objects that exist now (forked workers inherit them frozen), and pause
    collection in this process; undo both on exit. Workers inherit the pause too: start them
    with ``gc.enable`` as their initializer, so they collect what they make (as
    :func:`forked_pool` does)."""
    enabled = gc.isenabled()
    gc.freeze()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
        gc.unfreeze()


@contextmanager
def forked_pool(processes: int) -> Iterator[Pool]:
    """A pool of ``processes`` forked workers (they share this process's memory, the loaded site
    included) inside :func:`quiet_heap`; the workers collect garbage as usual."""
    with quiet_heap(), multiprocessing.get_context("fork").Pool(processes, gc.enable) as pool:
        yield pool
