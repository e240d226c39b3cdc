"""Close matches for a page path that does not exist, at a bounded cost whatever the site's size.

Paths are compared by their last segment (the slug): ``/articles/`` in front of every article
would otherwise make any two article paths look alike. On a large site the comparison is limited
to the :data:`POOL` pages whose path holds the most of the words of the slug asked for, so a miss on
a site of 100,000 pages costs one cheap pass over the paths and a few hundred comparisons.
"""

from __future__ import annotations

import heapq
import re
from collections.abc import Collection, Sequence
from difflib import SequenceMatcher

__all__ = ["CUTOFF", "POOL", "close_paths"]

CUTOFF = 0.6
"""How alike two slugs must be (:meth:`difflib.SequenceMatcher.ratio`) to be suggested."""
POOL = 500
"""Above this many pages, only this many (those sharing the most words) are compared."""

_WORDS = re.compile(r"[^\W_]+")


def close_paths(asked: Sequence[str], known: Collection[str], limit: int) -> list[str]:
    """Up to ``limit`` of the ``known`` paths closest to any of the ``asked`` paths (the forms a
    user may have meant), closest first, then by path; none below :data:`CUTOFF`."""
    slugs = {_slug(path).casefold() for path in asked} - {""}
    if not slugs or limit < 1:
        return []
    best: dict[str, float] = {}
    for slug in slugs:
        matcher = SequenceMatcher(b=slug, autojunk=False)
        for path in _pool(slug, known):
            matcher.set_seq1(_slug(path).casefold())
            if (
                matcher.real_quick_ratio() >= CUTOFF
                and matcher.quick_ratio() >= CUTOFF
                and (score := matcher.ratio()) >= CUTOFF
            ):
                best[path] = max(score, best.get(path, 0.0))
    ranked = sorted(best.items(), key=lambda item: (-item[1], item[0]))
    return [path for path, _score in ranked[:limit]]


def _pool(slug: str, known: Collection[str]) -> Collection[str]:
    if len(known) <= POOL:
        return known
    words = set(_WORDS.findall(slug))
    shared = ((sum(word in path for word in words), path) for path in known)
    return [path for count, path in heapq.nlargest(POOL, shared) if count]


def _slug(path: str) -> str:
    """The last segment: ``/articles/x/`` → ``x``, ``/about/`` → ``about``, ``/`` → ``""``."""
    return path.rstrip("/").rsplit("/", 1)[-1]
