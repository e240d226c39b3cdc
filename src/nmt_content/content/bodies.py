"""The Markdown bodies of a content folder's articles, read without loading the site: each as
:func:`~.loader.read_article_body` gives it, with the SHA-256 of the file it came from (the
digest loading records for it), so whoever uses one can tell it is the body of the article the
build loaded."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from pathlib import Path

from ..errors import ContentError
from .content_file import read_content_file
from .listing import article_listing, display_paths
from .parse import article_body, decode_text

__all__ = ["article_bodies"]


def article_bodies(root: Path) -> Iterator[tuple[str, str, str]]:
    """(name as loading gives it, e.g. ``articles/x.md``; SHA-256 of the file's bytes; body)
    for each article file under ``root``, in path order. A file that cannot be read or has no
    body is left out: loading reports it."""
    files, _issues = article_listing(root)
    for file, name in zip(files, display_paths(root, files), strict=True):
        try:
            raw = read_content_file(file, name)
            body = article_body(decode_text(raw, name), name)
        except ContentError:
            continue
        yield name, hashlib.sha256(raw).hexdigest(), body
