"""Loading a site with worker processes: the content loader parses articles through whatever
mapper it is given; this is where the build's :func:`~.parallel.parallel_map` is handed to it."""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TypeVar

from ..content.cache import ContentCache
from ..content.digests import cached_tool_fingerprint
from ..content.loader import ArticleMapper, read_site
from ..site import Site
from . import parallel

__all__ = ["article_mapper", "load_site"]

T = TypeVar("T")


def load_site(root: str | os.PathLike[str] = ".", *, jobs: int = 1, cache: bool = False) -> Site:
    """Load `practice.yaml` and `articles/*.md` under ``root`` into a cross-referenced
    :class:`~nmt_content.site.Site`.

    Raises :class:`~nmt_content.errors.ContentError` listing every problem in every file.
    ``jobs`` above 1 parses the articles in that many forked worker processes (the result is the
    same). With ``cache``, the content cache in `ROOT/.nmt-cache/` spares parsing the articles
    that did not change since it was last written, and is brought up to date (the result is the
    same; see :mod:`nmt_content.content.cache`).
    """
    # Loading makes many objects and frees few: collecting cycles meanwhile (each pass over the
    # articles loaded so far) cost a fifth of a serial load's time, for nothing to collect.
    with parallel.quiet_heap():
        if not cache:
            return read_site(root, mapper=article_mapper(jobs))
        content_cache = ContentCache.open(root, cached_tool_fingerprint(root))
        try:
            return read_site(root, mapper=article_mapper(jobs), cache=content_cache)
        finally:
            content_cache.save()


def article_mapper(jobs: int) -> ArticleMapper:
    """Parse article files in ``jobs`` worker processes (when there are enough of them)."""

    def mapper(function: Callable[[Path], T], files: Sequence[Path], /) -> parallel.Results[T]:
        # Read when called, so a test may lower the threshold.
        threshold = parallel.MIN_ARTICLES_TO_LOAD
        return parallel.parallel_map(function, files, jobs, min_items=threshold, max_chunk=256)

    return mapper
