"""Garbage collection around forked worker pools.

A loaded site is millions of small objects. Python's cyclic collector walks all of them on every
full collection, and in a forked worker that walk also writes to pages the worker shares with its
parent, so the system copies them. :func:`quiet_heap` moves what exists into the collector's
permanent generation for the duration of a parallel step (``gc.freeze``) and puts it back after,
so nothing is left out of collection once the step is over.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

__all__ = ["quiet_heap"]


@contextmanager
def quiet_heap() -> Iterator[None]:
    """Freeze the objects that exist now (forked workers inherit them frozen), and pause
    collection in this process; undo both on exit. Workers inherit the pause too: start them
    with ``gc.enable`` as their initializer, so they collect what they make."""
    enabled = gc.isenabled()
    gc.freeze()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
        gc.unfreeze()
