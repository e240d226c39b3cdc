"""The `static/` folder: files published as they are, at the same path in the output (Hugo's
convention: `static/images/logo.png` is served at `/images/logo.png`).

Only regular files inside the folder are published. Hidden files and folders (`.DS_Store`,
`.git/`) are skipped, but for `.well-known/` (RFC 8615: `security.txt`, domain verification); a link that leads out of `static/`, a FIFO, a device or a socket, and a
name that is not UTF-8 or holds a backslash or a control character are content errors, so
nothing unexpected is ever published. Images are sized from their headers with `imagesize`
(pure Python; it reads a few bytes of each file, never the pixels).
"""

from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import TYPE_CHECKING

import imagesize

from ..errors import ContentError, ContentIssue
from ..site import StaticFile
from .cache import file_stat
from .static_files import (
    STATIC_DIR,
    file_chunks,
    regular_file_inside,
    static_digests,
    static_issue,
    walk_static,
)

if TYPE_CHECKING:
    from .cache import ContentCache

__all__ = [
    "IMAGE_SUFFIXES",
    "STATIC_DIR",
    "file_chunks",
    "read_static",
    "regular_file_inside",
    "static_digests",
]


IMAGE_SUFFIXES = frozenset({".png", ".jpg", ".jpeg", ".gif", ".webp", ".avif"})
"""The raster formats whose size is read (an SVG scales, and has no pixel size of its own)."""


def read_static(
    root: str | os.PathLike[str], *, cache: ContentCache | None = None
) -> tuple[StaticFile, ...]:
    """Every file of `static/` under ``root``, sorted by path, with the size of each image.

    With ``cache``, an image whose stat the cache trusts (so whose digest it knows) is not
    opened: its size is the one recorded for those bytes, and one read is recorded.
    Raises :class:`ContentError` naming every file that may not be published.
    """
    folder = Path(root) / STATIC_DIR
    if not folder.is_dir():
        return ()
    files: list[StaticFile] = []
    issues: list[ContentIssue] = []
    for path, entry in walk_static(folder, issues):
        file = Path(entry.path)
        if entry.is_symlink():  # only a link can lead out of `static/`
            status = regular_file_inside(folder, file)
        else:
            status = entry.stat() if entry.is_file(follow_symlinks=False) else None
        if status is None:
            issues.append(static_issue(path, _why_not(folder, file)))
            continue
        width = height = None
        if file.suffix.lower() in IMAGE_SUFFIXES:
            width, height = _cached_size(file, f"{STATIC_DIR}/{path}", status, cache)
        files.append(StaticFile(path, str(file.absolute()), status.st_size, width, height))
    if issues:
        raise ContentError(issues)
    return tuple(sorted(files, key=lambda f: f.path))


def _why_not(folder: Path, file: Path) -> str:
    try:
        real = file.resolve(strict=True)
        status = real.stat()
    except (OSError, RuntimeError):
        return "a link that leads nowhere"
    if not real.is_relative_to(folder.resolve()):
        return "a link to a file outside static/; copy the file in instead"
    if not stat.S_ISREG(status.st_mode):
        return "not a regular file (a FIFO, device or socket); only files are published"
    return "cannot be read"  # pragma: no cover - the checks above cover every case


def _cached_size(
    file: Path, name: str, status: os.stat_result, cache: ContentCache | None
) -> tuple[int | None, int | None]:
    """The image's size, from ``cache`` when it knows the file's bytes by their stat; read from
    the header otherwise (and recorded when the file's stat stayed the trusted one)."""
    if cache is None:
        return _image_size(file)
    key = (status.st_size, status.st_mtime_ns, status.st_ino, status.st_ctime_ns)
    digest = cache.digest(name, file, key)
    known = cache.image_size(digest) if digest is not None else None
    if known is not None:
        return known
    size = _image_size(file)
    if digest is not None and file_stat(file) == key:  # the bytes read are those of `digest`
        cache.record_image_size(digest, size)
    return size


def _image_size(file: Path) -> tuple[int | None, int | None]:
    try:
        width, height = imagesize.get(str(file))
    except (OSError, ValueError):
        return None, None
    if not (isinstance(width, int) and isinstance(height, int)) or width <= 0 or height <= 0:
        return None, None
    return width, height
