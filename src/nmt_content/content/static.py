"""The `static/` folder: files published as they are, at the same path in the output (Hugo's
convention: `static/images/logo.png` is served at `/images/logo.png`).

Only regular files inside the folder are published. Hidden files and folders (`.DS_Store`,
`.git/`) are skipped, but for `.well-known/` (RFC 8615: `security.txt`, domain verification); a link that leads out of `static/`, a FIFO, a device or a socket, and a
name that is not UTF-8 or holds a backslash or a control character are content errors, so
nothing unexpected is ever published. Images are sized from their headers with `imagesize`
(pure Python; it reads a few bytes of each file, never the pixels).
"""

from __future__ import annotations

import hashlib
import io
import os
import stat
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import ContentError, ContentIssue
from ..site import StaticFile
from .static_files import (
    STATIC_DIR,
    file_chunks,
    listed_static,
    read_head,
    regular_file_inside,
    static_digests,
    static_issue,
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
    # Every entry's path is the folder's text and its path below it: each file's absolute path
    # is made by joining texts, not by a `Path` of its own (a quarter of the time for an image).
    top = len(os.fspath(folder))
    absolute = str(folder.absolute())
    files: list[StaticFile] = []
    issues: list[ContentIssue] = []
    for item in listed_static(folder, cache):
        if isinstance(item, ContentIssue):
            issues.append(item)
            continue
        path, entry = item
        status: os.stat_result | os.DirEntry[str] | None
        if entry.is_symlink():  # only a link can lead out of `static/`
            status = regular_file_inside(folder, Path(entry.path))
        else:  # stat-ed only when the cache needs its stat before reading, or it is not read
            status = entry if entry.is_file(follow_symlinks=False) else None
        if status is None:
            issues.append(static_issue(path, _why_not(folder, Path(entry.path))))
            continue
        where = absolute + entry.path[top:]
        files.append(_static_file(path, entry.path, where, _suffix(entry.name), status, cache))
    if issues:
        raise ContentError(issues)
    return tuple(sorted(files, key=lambda f: f.path))


def _suffix(name: str) -> str:
    """``Path(name).suffix``, lowercased: what is after the last dot, the dot included; nothing
    for a name that starts with its only dot or ends with one."""
    dot = name.rfind(".")
    return name[dot:].lower() if 0 < dot < len(name) - 1 else ""


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


def _static_file(
    path: str,
    file: str,
    absolute: str,
    suffix: str,
    status: os.stat_result | os.DirEntry[str],
    cache: ContentCache | None,
) -> StaticFile:
    """The file, read at most once. With ``cache``, a file whose stat it trusts is not opened:
    its digest is the recorded one and an image's size the one recorded for those bytes.
    Otherwise its first MiB gives an image its size, and when that is the whole file, its
    digest too (a larger file is hashed as it is copied, and sized from its path); the size
    read is recorded under the digest of the very bytes it was read from.

    ``status`` is the file's stat, or its folder entry, stat-ed only when the cache needs it;
    otherwise the file's size is the one its open descriptor gives (one stat less an image)."""
    image = suffix in IMAGE_SUFFIXES
    if cache is not None:
        status = _stat(status)  # before reading
        key = (status.st_size, status.st_mtime_ns, status.st_ino, status.st_ctime_ns)
        known = cache.digest(f"{STATIC_DIR}/{path}", file, key)
        size = (cache.image_size(known) if image else (None, None)) if known else None
        if known is not None and size is not None:
            return StaticFile(path, absolute, status.st_size, *size, known, key)
    try:
        read, head, whole = read_head(file)
    except OSError:  # it went away or cannot be read: published as listed, the copy says why
        read, head, whole = None, b"", False
    width = height = None
    if image:
        width, height = _image_size(io.BytesIO(head) if whole else file)
    digest = hashlib.sha256(head).hexdigest() if whole else None
    if cache is not None and digest is not None:
        # Its stat too, so that the next load (`load_site(cache=True)` saves no other record of
        # `static/`) finds the digest, and so the size, without opening the file.
        cache.record_file(f"{STATIC_DIR}/{path}", read, digest)
        if image:
            cache.record_image_size(digest, (width, height))
    if isinstance(status, os.stat_result):
        bytes_ = status.st_size
    elif read is not None:
        bytes_ = read[0]
    else:
        try:
            bytes_ = status.stat().st_size
        except OSError:  # it went away: the copy says so
            bytes_ = 0
    return StaticFile(path, absolute, bytes_, width, height, digest, read if whole else None)


def _stat(status: os.stat_result | os.DirEntry[str]) -> os.stat_result:
    return status if isinstance(status, os.stat_result) else status.stat()


def _image_size(file: str | io.BytesIO) -> tuple[int | None, int | None]:
    # Imported here: it brings `urllib.request` (and `ssl`, `http.client`) with it, 13 ms of a
    # build that takes every size from the content cache.
    import imagesize

    try:
        width, height = imagesize.get(file)
    except (OSError, ValueError):
        return None, None
    if not (isinstance(width, int) and isinstance(height, int)) or width <= 0 or height <= 0:
        return None, None
    return width, height
