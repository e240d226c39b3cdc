"""Pausing Python's cycle collector around work that makes many objects and frees few.

A loaded site is millions of small objects that live until the build ends. The cyclic collector
walks all of them on every full collection, finding nothing to collect, and in a forked worker
that walk also writes to pages the worker shares with its parent, so the system copies them.
:func:`quiet_heap` moves what exists into the collector's permanent generation (``gc.freeze``)
and pauses it for the duration, then puts both back, so nothing is left out of collection once
the work is over. Kept apart from :mod:`.parallel` so a build that never starts a worker does not
import :mod:`multiprocessing` to use it.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

__all__ = ["quiet_heap"]


@contextmanager
def quiet_heap() -> Iterator[None]:
    """Freeze the objects that exist now (forked workers inherit them frozen), and pause
    collection in this process; undo both on exit (collection stays off if it was off). Workers
    inherit the pause too: start them with ``gc.enable`` in their initializer, so they collect
    what they make (as :func:`~.parallel.parallel_map` does). Also a decorator."""
    enabled = gc.isenabled()
    gc.freeze()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
        gc.unfreeze()
