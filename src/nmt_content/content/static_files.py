"""Listing and hashing the files of `static/`, without sizing images or loading the site: the part
of :mod:`.static` that a no-change rebuild needs, kept light (it imports neither the models nor
`imagesize`) so that deciding that nothing changed stays cheap.

A name that is not UTF-8 or holds a backslash or a control character, and a link that leads out
of `static/`, can never be published (:mod:`.static` says why when the site loads); here such a
file only gets a marker instead of a digest, so that a build notices it.
"""

from __future__ import annotations

import hashlib
import os
import re
import stat
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import ContentIssue
from .cache import FileStat

if TYPE_CHECKING:
    from .cache import ContentCache

__all__ = [
    "STATIC_DIR",
    "file_chunks",
    "listed_static",
    "read_head",
    "regular_file_inside",
    "static_digests",
    "static_issue",
    "walk_static",
]

STATIC_DIR = "static"

WELL_KNOWN = ".well-known"
"""The one hidden folder that is published (RFC 8615), at the top of `static/` only."""

NOT_PUBLISHABLE = "not publishable"
"""The digest of a file that cannot be published or read."""

_CHUNK = 1024 * 1024
_READ = os.O_RDONLY | getattr(os, "O_CLOEXEC", 0)
_BAD_NAME = re.compile(r"[\x00-\x1f\x7f\\]")
"""A backslash or a control character: never in a published name."""


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


def walk_static(folder: Path, issues: list[ContentIssue]) -> Iterator[tuple[str, os.DirEntry[str]]]:
    """(path inside `static/`, entry) for every entry of ``folder`` (`static/`) that is not a
    folder, sorted by name within each folder, hidden ones left out; linked folders are entered
    only when they stay inside `static/` and are not one of the folders being walked (so links
    can never make a loop). A name that cannot be published is added to ``issues`` instead.

    An entry that is not a link is inside `static/` (every folder walked is); only a link needs
    its real path checked (:func:`regular_file_inside`)."""
    yield from _walk(os.fspath(folder), "", folder.resolve(), frozenset(), issues)


StaticEntry = tuple[str, os.DirEntry[str]] | ContentIssue
"""What :func:`listed_static` lists: a file's (path, entry), or a name that cannot be
published, in the order :func:`walk_static` meets them."""


def listed_static(folder: Path, cache: ContentCache | None = None) -> list[StaticEntry]:
    """:func:`walk_static` of ``folder`` as a list, each problem in its place among the files;
    with ``cache``, walked once per run (:meth:`~.cache.ContentCache.listed`), for deciding
    whether anything changed and then for loading."""

    def walk() -> list[StaticEntry]:
        listed: list[StaticEntry] = []
        issues: list[ContentIssue] = []
        for item in walk_static(folder, issues):
            listed += issues
            issues.clear()
            listed.append(item)
        return listed + issues

    return walk() if cache is None else cache.listed(f"static:{os.fspath(folder)}", walk)


def _walk(
    folder: str, prefix: str, top: Path, above: frozenset[Path], issues: list[ContentIssue]
) -> Iterator[tuple[str, os.DirEntry[str]]]:
    above = above | {Path(folder).resolve()}
    with os.scandir(folder) as scanned:
        entries = sorted(scanned, key=lambda e: e.name)
    for entry in entries:
        if entry.name.startswith(".") and not (not prefix and entry.name == WELL_KNOWN):
            continue
        try:
            path = os.fsencode(prefix + entry.name).decode("utf-8")
        except UnicodeDecodeError:
            shown = os.fsencode(prefix + entry.name).decode("utf-8", "backslashreplace")
            issues.append(static_issue(shown, "the file name is not UTF-8; rename it"))
            continue
        if _BAD_NAME.search(path):
            issues.append(
                static_issue(path, "the file name holds a backslash or a control character")
            )
            continue
        if entry.is_dir(follow_symlinks=True):
            real = Path(entry.path).resolve()
            if not real.is_relative_to(top):
                issues.append(static_issue(path, "a link to a folder outside static/; copy it in"))
            elif real in above:
                issues.append(static_issue(path, "a link to a folder that contains it"))
            else:
                yield from _walk(entry.path, f"{prefix}{entry.name}/", top, above, issues)
            continue
        yield path, entry


def _entry_stat(entry: os.DirEntry[str]) -> FileStat | None:
    """The stat of a listed regular file (links followed), taken through its entry, which keeps
    it: loading the site in the same run (:func:`.static.read_static`, given the same entries by
    :func:`listed_static`) then needs no second stat; None when it cannot be taken."""
    try:
        st = entry.stat()
    except OSError:
        return None
    if not stat.S_ISREG(st.st_mode):
        return None
    return st.st_size, st.st_mtime_ns, st.st_ino, st.st_ctime_ns


def static_issue(path: str, message: str) -> ContentIssue:
    """A problem with the file ``path`` of `static/`."""
    return ContentIssue(f"{STATIC_DIR}/{path}", None, None, "", message)


def file_chunks(file: str) -> Iterator[bytes]:
    """The bytes of a `static/` file in pieces of 1 MiB, read as they are asked for (a large
    file is never held whole in memory). Read through a bare descriptor (a buffered file adds a
    stat, a terminal check and a seek to each of thousands of images), asking for what the file
    holds and one byte more (to see its end), never a whole MiB for a small file."""
    descriptor = os.open(file, _READ)
    try:
        left = os.fstat(descriptor).st_size
        while True:
            asked = min(left + 1, _CHUNK)
            chunk = os.read(descriptor, asked)
            if not chunk:
                break
            left = max(left - len(chunk), 0)
            yield chunk
            if len(chunk) < asked:  # a regular file gives less only at its end
                break
    finally:
        os.close(descriptor)


def read_head(file: str) -> tuple[FileStat, bytes, bool]:
    """The stat of ``file`` (taken before reading), its first MiB, and whether that is all of
    it: one open, one read of what it holds and one more byte, and one read that finds its end;
    it never blocks on anything but a regular file."""
    descriptor = os.open(file, _READ | getattr(os, "O_NONBLOCK", 0))
    try:
        info = os.fstat(descriptor)
        key = (info.st_size, info.st_mtime_ns, info.st_ino, info.st_ctime_ns)
        if not stat.S_ISREG(info.st_mode):
            return key, b"", False
        want = min(info.st_size + 1, _CHUNK)
        head = os.read(descriptor, want)
        whole = len(head) < want and not os.read(descriptor, 1)
    finally:
        os.close(descriptor)
    return key, head, whole


def static_digests(
    root: str | os.PathLike[str],
    *,
    cache: ContentCache | None = None,
    loaded: Mapping[str, tuple[FileStat, str]] | None = None,
) -> dict[str, str]:
    """The SHA-256 of every file of `static/`, as ``static/<path>``; one that cannot be read or
    published gets a marker instead, so that a build notices it (loading the site says why).

    With ``cache``, a file whose stat it knows is not read (as for articles), and the digests of
    those read are recorded there; a link is checked to stay inside `static/` every time.
    ``loaded`` holds digests already taken (by loading the site), with the stat taken before
    each was read: such a file is not read again.
    """
    folder = Path(root) / STATIC_DIR
    if not folder.is_dir():
        return {}
    digests: dict[str, str] = {}
    problems: list[ContentIssue] = []
    for item in listed_static(folder, cache):
        if isinstance(item, ContentIssue):
            problems.append(item)
            continue
        path, entry = item
        name = f"{STATIC_DIR}/{path}"
        digests[name] = NOT_PUBLISHABLE
        if entry.is_symlink():
            if regular_file_inside(folder, Path(entry.path)) is None:
                continue
        elif not entry.is_file(follow_symlinks=False):
            continue  # a FIFO, a device or a socket
        taken = loaded.get(name) if loaded is not None else None
        if taken is not None:
            key: FileStat | None = taken[0]
            digests[name] = taken[1]
        else:
            key = _entry_stat(entry) if cache is not None else None  # before reading
            known = None
            if cache is not None and key is not None:
                known = cache.digest(name, entry.path, key)
            if known is not None:
                digests[name] = known
                continue
            digest = hashlib.sha256()
            try:
                for chunk in file_chunks(entry.path):
                    digest.update(chunk)
            except OSError:
                continue
            digests[name] = digest.hexdigest()
        if cache is not None:
            cache.record_file(name, key, digests[name])
    for problem in problems:  # names that cannot be published
        digests[problem.path] = NOT_PUBLISHABLE
    return digests
