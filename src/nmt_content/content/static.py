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
import os
import stat
from collections.abc import Iterator
from pathlib import Path

import imagesize

from ..errors import ContentError, ContentIssue
from ..site import StaticFile

__all__ = [
    "IMAGE_SUFFIXES",
    "STATIC_DIR",
    "file_chunks",
    "read_static",
    "regular_file_inside",
    "static_digests",
]

STATIC_DIR = "static"

WELL_KNOWN = ".well-known"
"""The one hidden folder that is published (RFC 8615), at the top of `static/` only."""

IMAGE_SUFFIXES = frozenset({".png", ".jpg", ".jpeg", ".gif", ".webp", ".avif"})
"""The raster formats whose size is read (an SVG scales, and has no pixel size of its own)."""

_CHUNK = 1024 * 1024


def regular_file_inside(root: Path, file: Path) -> os.stat_result | None:
    """The status of ``file`` when it is a regular file whose real path (links followed) is
    inside ``root``; None otherwise."""
    try:
        real = file.resolve(strict=True)
        status = real.stat()
    except (OSError, RuntimeError):  # a dangling link or a loop
        return None
    if not stat.S_ISREG(status.st_mode) or not real.is_relative_to(root.resolve()):
        return None
    return status


def read_static(root: str | os.PathLike[str]) -> tuple[StaticFile, ...]:
    """Every file of `static/` under ``root``, sorted by path, with the size of each image.

    Raises :class:`ContentError` naming every file that may not be published.
    """
    folder = Path(root) / STATIC_DIR
    if not folder.is_dir():
        return ()
    files: list[StaticFile] = []
    issues: list[ContentIssue] = []
    for path, file in _walk(folder, folder, issues):
        status = regular_file_inside(folder, file)
        if status is None:
            issues.append(_issue(path, _why_not(folder, file)))
            continue
        width = height = None
        if file.suffix.lower() in IMAGE_SUFFIXES:
            width, height = _image_size(file)
        files.append(StaticFile(path, str(file.absolute()), status.st_size, width, height))
    if issues:
        raise ContentError(issues)
    return tuple(sorted(files, key=lambda f: f.path))


def _walk(
    folder: Path, top: Path, issues: list[ContentIssue], above: frozenset[Path] = frozenset()
) -> Iterator[tuple[str, Path]]:
    """(path inside `static/`, file) for every entry that is not a folder, hidden ones left out;
    linked folders are entered only when they stay inside `static/` and are not one of the
    folders being walked (``above``: so links can never make a loop)."""
    above = above | {folder.resolve()}
    with os.scandir(folder) as entries:
        for entry in sorted(entries, key=lambda e: e.name):
            if entry.name.startswith(".") and not (folder == top and entry.name == WELL_KNOWN):
                continue
            file = Path(entry.path)
            relative = file.relative_to(top)
            name = os.fsencode(relative.as_posix())
            try:
                path = name.decode("utf-8")
            except UnicodeDecodeError:
                shown = name.decode("utf-8", "backslashreplace")
                issues.append(_issue(shown, "the file name is not UTF-8; rename it"))
                continue
            if "\\" in path or any(ord(c) < 0x20 or ord(c) == 0x7F for c in path):
                issues.append(
                    _issue(path, "the file name holds a backslash or a control character")
                )
                continue
            if entry.is_dir(follow_symlinks=True):
                real = file.resolve()
                if not real.is_relative_to(top.resolve()):
                    issues.append(_issue(path, "a link to a folder outside static/; copy it in"))
                elif real in above:
                    issues.append(_issue(path, "a link to a folder that contains it"))
                else:
                    yield from _walk(file, top, issues, above)
                continue
            yield path, file


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


def _issue(path: str, message: str) -> ContentIssue:
    return ContentIssue(f"{STATIC_DIR}/{path}", None, None, "", message)


def _image_size(file: Path) -> tuple[int | None, int | None]:
    try:
        width, height = imagesize.get(str(file))
    except (OSError, ValueError):
        return None, None
    if not (isinstance(width, int) and isinstance(height, int)) or width <= 0 or height <= 0:
        return None, None
    return width, height


def file_chunks(file: str) -> Iterator[bytes]:
    """The bytes of a `static/` file in pieces of 1 MiB, read as they are asked for (a large
    file is never held whole in memory)."""
    with open(file, "rb") as handle:
        while chunk := handle.read(_CHUNK):
            yield chunk


def static_digests(root: str | os.PathLike[str]) -> dict[str, str]:
    """The SHA-256 of every file of `static/`, as ``static/<path>``; one that cannot be read or
    published gets a marker instead, so that a build notices it (loading the site says why)."""
    folder = Path(root) / STATIC_DIR
    if not folder.is_dir():
        return {}
    digests: dict[str, str] = {}
    problems: list[ContentIssue] = []
    for path, file in _walk(folder, folder, problems):
        name = f"{STATIC_DIR}/{path}"
        digests[name] = "not publishable"
        if regular_file_inside(folder, file) is None:
            continue
        digest = hashlib.sha256()
        try:
            for chunk in file_chunks(str(file)):
                digest.update(chunk)
        except OSError:
            continue
        digests[name] = digest.hexdigest()
    for problem in problems:  # names that cannot be published
        digests[problem.path] = "not publishable"
    return digests
