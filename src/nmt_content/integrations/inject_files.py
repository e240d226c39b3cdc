"""Reading a site folder another tool built, as `inject` must: only regular files inside it.

The walk never follows a symbolic link and skips hidden names (``.*``, ``._*``); an entry named
like a page that is not a regular file (a link, a folder, a FIFO, a device) is left alone and
reported. Each read opens the file without following a link and without blocking, checks that
it is still a regular file inside the folder, and stops at a size limit, so no read can hang,
leave the folder or exhaust memory.
"""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass, field
from pathlib import Path

__all__ = ["SiteFileError", "SiteFiles", "list_site", "read_site_file"]

_OPEN_FLAGS = (
    os.O_RDONLY
    | getattr(os, "O_NOFOLLOW", 0)
    | getattr(os, "O_NONBLOCK", 0)
    | getattr(os, "O_CLOEXEC", 0)
    | getattr(os, "O_BINARY", 0)
)


class SiteFileError(ValueError):
    """A file of the site folder cannot be read safely; the message says why (without the name)."""


@dataclass
class SiteFiles:
    """The HTML pages of a site folder, and the page-like entries that are left alone."""

    pages: list[str] = field(default_factory=list)
    """Regular ``.html`` files, relative POSIX paths, sorted."""
    left: list[tuple[str, str]] = field(default_factory=list)
    """(entry, why) for entries named like pages that are not regular files, and for folders
    that cannot be read."""


def list_site(site_dir: Path) -> SiteFiles:
    """The pages under ``site_dir`` (see the module docstring for what is skipped)."""
    found = SiteFiles()
    _walk(site_dir, "", found)
    found.pages.sort()
    found.left.sort()
    return found


def _walk(folder: Path, prefix: str, found: SiteFiles) -> None:
    try:
        with os.scandir(folder) as listing:
            entries = sorted(listing, key=lambda entry: entry.name)
    except OSError as exc:
        found.left.append(
            (prefix.rstrip("/") or ".", f"the folder cannot be read ({exc.strerror})")
        )
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue
        relative = prefix + entry.name
        page_like = entry.name.lower().endswith(".html")
        try:
            mode = entry.stat(follow_symlinks=False).st_mode
        except OSError as exc:
            found.left.append((relative, f"it cannot be read ({exc.strerror})"))
            continue
        if stat.S_ISLNK(mode):
            if page_like or entry.is_dir():
                found.left.append((relative, "a symbolic link: inject follows no link"))
        elif stat.S_ISDIR(mode):
            if page_like:
                found.left.append((relative, "a folder, not a page"))
            _walk(Path(entry.path), relative + "/", found)
        elif stat.S_ISREG(mode):
            if page_like:
                found.pages.append(relative)
        elif page_like:
            found.left.append((relative, "not a regular file (a FIFO, socket or device)"))


def read_site_file(site_dir: Path, relative: str, limit: int) -> bytes | None:
    """The bytes of ``relative`` (a POSIX path) under ``site_dir``; None when there is no such
    file.

    Raises:
        SiteFileError: it is a link, not a regular file, outside the folder, larger than
            ``limit`` bytes, or unreadable.
    """
    path = site_dir.joinpath(*relative.split("/"))
    root = os.path.realpath(site_dir)
    if os.path.commonpath([root, os.path.realpath(path.parent)]) != root:
        raise SiteFileError("it is reached through a link that leaves the folder")
    try:
        descriptor = os.open(path, _OPEN_FLAGS)
    except FileNotFoundError:
        if os.path.islink(path):
            raise SiteFileError("it is a symbolic link: inject follows no link") from None
        return None
    except OSError as exc:
        if os.path.islink(path):
            raise SiteFileError("it is a symbolic link: inject follows no link") from None
        raise SiteFileError(f"it cannot be read ({exc.strerror})") from None
    try:
        status = os.fstat(descriptor)
        if not stat.S_ISREG(status.st_mode):
            raise SiteFileError("it is not a regular file")
        if status.st_size > limit:
            raise SiteFileError(_too_large(status.st_size, limit))
        data = _read_at_most(descriptor, limit + 1)
    except OSError as exc:
        raise SiteFileError(f"it cannot be read ({exc.strerror})") from None
    finally:
        os.close(descriptor)
    if len(data) > limit:
        raise SiteFileError(_too_large(len(data), limit))
    return data


def _read_at_most(descriptor: int, size: int) -> bytes:
    chunks, left = [], size
    while left > 0:
        chunk = os.read(descriptor, left)
        if not chunk:
            break
        chunks.append(chunk)
        left -= len(chunk)
    return b"".join(chunks)


def is_regular_file(path: Path) -> bool:
    """Whether ``path`` is a regular file itself (not a link to one)."""
    try:
        return stat.S_ISREG(path.lstat().st_mode)
    except OSError:
        return False


def _too_large(size: int, limit: int) -> str:
    return f"it is {size / 2**20:.1f} MiB, more than the {limit // 2**20} MiB inject reads"
