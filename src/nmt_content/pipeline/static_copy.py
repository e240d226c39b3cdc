"""Copying `static/` into a new output while the site loads (:func:`~.writer.early_staging`).

A build into an output folder that does not exist yet copies every file of `static/`. Done
where the other files are written, those copies compete with the page renderers for the
processors; loading and planning the site, before any page renders, keep one processor busy and
leave the others idle. So such a build (with more than one job) makes its new staging folder
first, under the output's lock, and forks a *copier*: a process that lists `static/` as loading
does and copies its regular files into the folder while this process imports, loads and plans.

The copier decides nothing. It first sends the sorted list of the paths it will copy, then, for
each in turn, the stat of the file it copied from (size, modification and change time, inode)
and of the copy, or that it could not copy it. The build stays the judge (:meth:`EarlyStatic.claim`):
a `static/` file it publishes is taken as copied only when the copier copied it from the same
file, unchanged (the stat that loading recorded, or the file's stat now); any other copy is
removed and the file is copied as it would have been without the copier. Copies of files the
build does not publish (removed, or refused, since the copier listed them) are removed once the
copier has ended, with the folders made only for them, before the folder becomes the output.

The copier ignores Ctrl-C (the build ends it), stops at the next file when the build has died,
and is ended and waited for before a failed build removes the folder.
"""

from __future__ import annotations

import contextlib
import os
import pickle
import signal
import stat
import threading
from pathlib import Path
from typing import IO, TYPE_CHECKING

from ..content.static_files import STATIC_DIR, listed_static
from .file_copy import copy_range
from .outputs import Written
from .parallel import end_child

if TYPE_CHECKING:
    from ..site import StaticFile

__all__ = ["EarlyStatic", "copied_folders", "start_copier"]

_Copied = tuple[int, int, int, int, int, int] | None
"""What the copier says of one file: the source's size, modification time, inode and change
time, then the copy's size and modification time; None when it did not copy it."""

_BATCH = 256
"""Files the copier reports at a time."""

_OPEN_SOURCE = (
    os.O_RDONLY
    | getattr(os, "O_NOFOLLOW", 0)
    | getattr(os, "O_NONBLOCK", 0)
    | getattr(os, "O_CLOEXEC", 0)
)
_CREATE = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0)


class EarlyStatic:
    """A new staging folder and the copier filling it with `static/` (see the module)."""

    def __init__(self, folder: Path, pid: int, reports: IO[bytes]) -> None:
        self.folder = folder
        self._pid: int | None = pid
        self._reports: IO[bytes] | None = reports
        self._planned: list[str] | None = None
        self._copied: list[_Copied] = []
        self._at = 0
        """The first planned path not yet claimed or passed over."""
        self._passed: list[str] = []
        """Planned paths the build did not claim: copies of files it does not publish."""

    def claim(self, file: StaticFile) -> Written | None:
        """The record of ``file``'s copy, when the copier copied it from the file the build
        publishes; otherwise None, and no copy is left in its place. Claimed in path order."""
        planned = self._plan()
        while self._at < len(planned) and planned[self._at] < file.path:
            self._passed.append(planned[self._at])
            self._at += 1
        if self._at == len(planned) or planned[self._at] != file.path:
            return None
        index = self._at
        self._at += 1
        copied = self._report(index)
        if copied is not None and copied[:4] == _source_key(file):
            return Written(copied[4], copied[5])
        self._remove(file.path)  # a copy of another version of the file, or half of one
        return None

    def finish(self) -> None:
        """Wait for the copier to end, then remove the copies of files the build did not
        claim and the folders made only for them. Called once every file is written."""
        planned = self._plan()
        while self._reports is not None:
            self._read()
        self.stop()
        unclaimed = self._passed + planned[self._at :]
        for path in unclaimed:
            self._remove(path)
        for folder in sorted(copied_folders(unclaimed), key=len, reverse=True):
            with contextlib.suppress(OSError):  # still holds a file: it is needed
                os.rmdir(f"{self.folder}/{folder}")
        self._passed, self._at = [], len(planned)

    def stop(self) -> None:
        """End the copier now, whatever it is doing, and wait for it."""
        if self._reports is not None:
            self._reports.close()
            self._reports = None
        if self._pid is not None:
            end_child(self._pid)
            self._pid = None

    def _plan(self) -> list[str]:
        if self._planned is None:
            self._planned = []
            message = self._message()
            if isinstance(message, list):
                self._planned = [str(path) for path in message]
        return self._planned

    def _report(self, index: int) -> _Copied:
        """What the copier says of its ``index``-th file (None once it has ended without
        saying), taken once: what is claimed is not held."""
        while len(self._copied) <= index and self._reports is not None:
            self._read()
        if index >= len(self._copied):
            return None
        copied, self._copied[index] = self._copied[index], None
        return copied

    def _read(self) -> None:
        message = self._message()
        if isinstance(message, list):
            self._copied += message
        else:  # the end, or a copier that died: nothing more is known
            self.stop()

    def _message(self) -> object:
        reports = self._reports
        if reports is None:
            return None
        try:
            return pickle.load(reports)  # from the copier this process forked, and only it
        except (EOFError, OSError, pickle.UnpicklingError):
            return None

    def _remove(self, path: str) -> None:
        with contextlib.suppress(FileNotFoundError, NotADirectoryError):
            os.unlink(f"{self.folder}/{path}")


def _source_key(file: StaticFile) -> tuple[int, int, int, int] | None:
    """The stat of ``file`` as loading recorded it, else as it is now (None: it is gone)."""
    if file.stat is not None:
        return file.stat
    try:
        now = os.stat(file.file, follow_symlinks=False)
    except OSError:
        return None
    return (now.st_size, now.st_mtime_ns, now.st_ino, now.st_ctime_ns)


def copied_folders(paths: list[str]) -> set[str]:
    """Every folder above each of ``paths`` (relative, without the top)."""
    folders: set[str] = set()
    for path in paths:
        parent = path.rpartition("/")[0]
        while parent and parent not in folders:
            folders.add(parent)
            parent = parent.rpartition("/")[0]
    return folders


def start_copier(root: Path, folder: Path) -> EarlyStatic | None:
    """Fork the copier of ``root``'s `static/` (a folder, :func:`~.writer.early_staging` has
    seen) into ``folder``; None when no process can be forked (the build then copies as it
    writes)."""
    source = root / STATIC_DIR
    if not hasattr(os, "fork") or threading.active_count() != 1:
        return None
    reading, writing = os.pipe()
    try:
        pid = os.fork()
    except OSError:
        os.close(reading)
        os.close(writing)
        return None
    if pid == 0:  # pragma: no cover - the copier (its work is checked through what it made)
        code = 1
        try:
            os.close(reading)
            signal.signal(signal.SIGINT, signal.SIG_IGN)
            reports = _Reports(writing)
            _copy_all(os.fspath(source), os.fspath(folder), reports, os.getppid())
            reports.close()
            code = 0
        finally:
            os._exit(code)
    os.close(writing)
    return EarlyStatic(folder, pid, os.fdopen(reading, "rb"))


class _Reports:
    """What the copier says, sent without ever waiting for the build to read it (which it does
    only once it writes its files): what the pipe does not take yet is kept here and offered
    again after the next file, and sent in full at the end."""

    def __init__(self, descriptor: int) -> None:
        self.descriptor, self.held = descriptor, bytearray()
        os.set_blocking(descriptor, False)

    def send(self, message: object) -> None:
        self.held += pickle.dumps(message)
        self._offer()

    def _offer(self) -> None:
        try:
            while self.held:
                del self.held[: os.write(self.descriptor, self.held)]
        except BlockingIOError:
            pass

    def close(self) -> None:
        os.set_blocking(self.descriptor, True)
        self._offer()
        os.close(self.descriptor)


def _copy_all(source: str, folder: str, reports: _Reports, parent: int) -> None:
    """The copier's work (in the forked process): plan, then copy and report each file."""
    listed = listed_static(Path(source))
    if any(not isinstance(item, tuple) for item in listed):
        planned: list[str] = []  # a file that may not be published: the load fails, copy nothing
    else:
        planned = sorted(
            path
            for path, entry in (item for item in listed if isinstance(item, tuple))
            if not entry.is_symlink()
        )
    reports.send(planned)
    folders = {""}
    batch: list[_Copied] = []
    for path in planned:
        if os.getppid() != parent:  # the build died: its folder is being removed
            return
        batch.append(_copy_one(f"{source}/{path}", folder, path, folders))
        if len(batch) == _BATCH:
            reports.send(batch)
            batch = []
    reports.send(batch)
    reports.send(None)


def _copy_one(source: str, folder: str, path: str, folders: set[str]) -> _Copied:
    try:
        descriptor = os.open(source, _OPEN_SOURCE)
    except OSError:
        return None
    try:
        before = os.fstat(descriptor)
        if not stat.S_ISREG(before.st_mode):
            return None
        _make_folders(folder, path, folders)
        target = os.open(f"{folder}/{path}", _CREATE, 0o666)
        try:
            copy_range(descriptor, target, 0, None)
            after = os.fstat(target)
        finally:
            os.close(target)
    except OSError:
        return None
    finally:
        os.close(descriptor)
    return (
        before.st_size,
        before.st_mtime_ns,
        before.st_ino,
        before.st_ctime_ns,
        after.st_size,
        after.st_mtime_ns,
    )


def _make_folders(folder: str, path: str, folders: set[str]) -> None:
    parent = path.rpartition("/")[0]
    if parent in folders:
        return
    os.makedirs(f"{folder}/{parent}", exist_ok=True)
    folders.add(parent)
