"""The standby copy of an output folder, and the atomic exchange that swaps it in (see
:mod:`.writer` for the whole scheme).

The standby, `.<name>.nmt-standby` next to the output, is the output the previous build replaced.
A build brings it up to date by writing only the files that differ from what it recorded there,
deleting what the new site no longer has, and then exchanges the two folder names in one step.
Before it changes anything in the standby it forgets the standby's state, so a build killed
midway leaves a standby that the next build trusts for nothing (and rewrites in full).
"""

from __future__ import annotations

import ctypes
import ctypes.util
import errno
import functools
import os
import shutil
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import OutputError
from .output_dir import check_standby
from .output_state import MARKER, MARKER_TEXT, read_state, standby_dir

__all__ = ["Standby", "can_exchange", "exchange", "open_standby"]


@dataclass
class Standby:
    """A standby folder being brought up to date."""

    path: Path
    out: Path
    state_path: Path | None
    """The state file that described it (forgotten once it is opened), or None."""
    present: dict[str, tuple[int, int]] = field(default_factory=dict)
    """Every regular file in it (marker aside): relative path → (size, mtime in ns)."""
    folders: set[str] = field(default_factory=set)
    """Every folder in it, relative (the standby itself is "")."""
    intact: dict[str, tuple[str, int, int]] = field(default_factory=dict)
    """The recorded files still as written, that have a digest: path → (digest, size, mtime)."""

    def failure(self, error: OSError, relative: str) -> OutputError:
        """The error for a file of the standby that cannot be written or removed."""
        reason = (error.strerror or str(error)).lower()
        return OutputError(
            f"cannot write to {self.out}: its standby copy {self.path} cannot be updated "
            f"({reason}: {self.path / relative}); fix the permissions, or delete that folder"
        )

    def clear_way(self, relative: str) -> None:
        """Remove what stands where ``relative`` goes: a file where one of its folders goes, a
        folder where it goes (leftovers of a site of another shape)."""
        parts = relative.split("/")
        for depth in range(1, len(parts)):
            ancestor = os.path.join(self.path, *parts[:depth])
            if os.path.lexists(ancestor) and not os.path.isdir(ancestor):
                os.unlink(ancestor)
                break
        target = os.path.join(self.path, relative)
        if os.path.isdir(target) and not os.path.islink(target):
            shutil.rmtree(target)

    def finish(self, produced: Iterable[str]) -> None:
        """Delete the files and folders that the new site does not have."""
        kept = set(produced)
        needed = {""}
        for relative in kept:
            parent = relative.rpartition("/")[0]
            while parent not in needed:
                needed.add(parent)
                parent = parent.rpartition("/")[0]
        for relative in self.present.keys() - kept:
            try:
                os.unlink(os.path.join(self.path, relative))
            except (FileNotFoundError, NotADirectoryError, IsADirectoryError):  # cleared away
                pass
            except OSError as exc:
                raise self.failure(exc, relative) from None
        for folder in sorted(self.folders - needed, key=lambda name: -name.count("/")):
            try:
                os.rmdir(os.path.join(self.path, folder))
            except (FileNotFoundError, NotADirectoryError):  # cleared out of the way
                pass
            except OSError as exc:
                raise self.failure(exc, folder) from None


def open_standby(out: Path, *, trust: bool = True) -> Standby | None:
    """The standby of ``out``, ready to be updated, or None when there is none.

    Raises :class:`OutputError` when the standby is not ours (see :func:`check_standby`) or
    cannot be read. Anything in it but folders and regular files (a link, a FIFO) is removed,
    so nothing written there can follow a link out of it. Without ``trust`` (a build told to
    use no cache) no file of it is kept: every file is written anew.
    """
    path = standby_dir(out)
    if not os.path.lexists(path):
        return None
    check_standby(out)
    found = read_state(path, out)
    standby = Standby(path, out, found[0] if found is not None else None)
    try:
        _scan(standby)
        if standby.state_path is not None:  # forget it before changing anything
            standby.state_path.unlink()
        marker = path / MARKER
        if marker.read_bytes() != MARKER_TEXT:
            marker.unlink()
            marker.write_bytes(MARKER_TEXT)
    except OSError as exc:
        raise standby.failure(exc, os.path.relpath(exc.filename or path, path)) from None
    records: dict[str, list[Any]] = found[1]["files"] if found is not None and trust else {}
    for relative, (digest, size, mtime) in records.items():
        if digest and standby.present.get(relative) == (size, mtime):
            standby.intact[relative] = (digest, size, mtime)
    return standby


def _scan(standby: Standby) -> None:
    pending = [("", os.fspath(standby.path))]
    while pending:
        prefix, folder = pending.pop()
        with os.scandir(folder) as entries:
            for entry in entries:
                relative = f"{prefix}{entry.name}"
                if entry.is_dir(follow_symlinks=False):
                    standby.folders.add(relative)
                    pending.append((f"{relative}/", entry.path))
                elif not prefix and entry.name == MARKER:
                    continue
                elif entry.is_file(follow_symlinks=False):
                    info = entry.stat(follow_symlinks=False)
                    standby.present[relative] = (info.st_size, info.st_mtime_ns)
                else:  # a link, a FIFO, a socket: never written through, never kept
                    os.unlink(entry.path)


_RENAME_EXCHANGE = 2


@functools.cache
def _renameat2() -> Callable[..., int] | None:
    """libc's renameat2, or None where there is none (not Linux, an old C library)."""
    libc_name = ctypes.util.find_library("c")
    if not libc_name:
        return None
    function: Callable[..., int] | None = getattr(
        ctypes.CDLL(libc_name, use_errno=True), "renameat2", None
    )
    return function


def can_exchange() -> bool:
    """Whether this system may exchange two paths atomically."""
    return _renameat2() is not None


def exchange(a: Path, b: Path) -> bool:
    """Atomically swap two paths (Linux renameat2); False when the system cannot."""
    renameat2 = _renameat2()
    if renameat2 is None:
        return False
    at_fdcwd = -100
    result = renameat2(at_fdcwd, os.fsencode(a), at_fdcwd, os.fsencode(b), _RENAME_EXCHANGE)
    if result == 0:
        return True
    if ctypes.get_errno() in (errno.ENOSYS, errno.EINVAL, errno.EOPNOTSUPP):
        return False
    raise OutputError(f"cannot replace {b}: {os.strerror(ctypes.get_errno())}")
