"""One build's writing of its files into a folder: a new staging folder, or the standby (see
:mod:`.writer`). Paths are plain strings joined with "/": a pathlib object per file costs more
than the write itself at 10,000 files. For the same reason a whole file is written through a
bare descriptor (open, write, close: a buffered file object adds a stat, a terminal check and a
seek to each of 20,000 files), and a page's folder is made with one `mkdir` when its parent is
known to exist.

A page may also be written by the process that rendered it (:class:`DirectFiles`), into a new
staging folder only: the writer then records it from its size and time (:class:`Written`), and
its bytes never travel back to the writing process, which would otherwise create every file of
the site alone while the renderers wait for it."""

from __future__ import annotations

import contextlib
import errno
import os
import posixpath
import shutil
import stat
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TypeVar

from ..errors import OutputError
from .file_copy import READ_SOURCE, copy_range, write_whole
from .output_state import MARKER
from .outputs import OutputFile, Reuse, SourceFile, Written
from .standby import Standby

__all__ = ["DirectFiles", "Writing", "safe_relative"]

_T = TypeVar("_T")


class Writing:
    """Writes the files of one build into ``folder``; reused bytes come from ``previous`` (the
    output being replaced). With ``standby`` (then ``folder`` is the standby), a file whose
    recorded digest there is the new one is kept as it is, and any other is replaced by a new
    file (never written in place: it may be a hard link to a file of the live output)."""

    def __init__(self, folder: Path, previous: Path, standby: Standby | None = None) -> None:
        self.folder, self.previous, self.standby = os.fspath(folder), os.fspath(previous), standby
        self.files = self.size = self.reused = 0
        self.sources: dict[str, str] = {}
        self.digests: dict[str, str] = {}
        self.kept: dict[str, tuple[int, int]] = {}
        """Size and modification time of the files kept from the standby or written whole."""
        self.folders: set[str] = {""} | (standby.folders if standby is not None else set())
        self.appending: dict[str, _Appending] = {}
        self.reading: dict[str, int] = {}
        """Descriptors of the previous output's files that bytes are taken from."""

    def write_all(self, outputs: Iterable[OutputFile]) -> None:
        try:
            for output in outputs:
                self._write(output)
            for relative, part in self.appending.items():
                try:
                    self._flush(part)
                except OSError as exc:
                    raise self._failure(exc, relative) from None
        except BaseException:
            # Stop the producer before the caller removes the folder: its worker processes may
            # be writing pages into it (closing it ends them, see `parallel_map`).
            close = getattr(outputs, "close", None)
            if callable(close):
                close()
            raise
        finally:
            descriptors = [part.descriptor for part in self.appending.values()]
            for descriptor in [*descriptors, *self.reading.values()]:
                os.close(descriptor)
            self.appending.clear()
            self.reading.clear()

    def _claim(self, relative: str, source: str) -> None:
        if relative in self.sources:
            raise OutputError(
                f"{self.sources[relative]} and {source} both produce {relative}; "
                "give one of them another slug"
            )
        self.sources[relative] = source
        self.files += 1

    def _write(self, output: OutputFile) -> None:
        relative = safe_relative(output.path)
        if output.digest is not None:
            self.digests[relative] = output.digest
        content = output.content
        if isinstance(content, Written):  # a new staging folder's page, written where it rendered
            self._claim(relative, output.source)
            self.kept[relative] = (content.size, content.mtime_ns)
            self.size += content.size
            return
        try:
            if output.append:
                part = self.appending.get(relative)
                if part is None:
                    self._claim(relative, output.source)
                    part = _Appending(self._create(relative, _create_file))
                    self.appending[relative] = part
                self._append(part, content)
                return
            self._claim(relative, output.source)
            if self._keep(relative, output.digest):
                return
            if isinstance(content, Reuse) and content.offset == 0 and content.length is None:
                self._create(relative, lambda path: self._link(content, path))
                return
            descriptor = self._create(relative, _create_file)
            try:
                self._write_to(descriptor, content)
                written = os.fstat(descriptor)  # for the state, while the file is at hand
                self.kept[relative] = (written.st_size, written.st_mtime_ns)
            finally:
                os.close(descriptor)
        except OSError as exc:
            raise self._failure(exc, relative) from None

    def _failure(self, error: OSError, relative: str) -> OutputError:
        if self.standby is not None:
            return self.standby.failure(error, relative)
        return OutputError(f"cannot write {relative}: {error.strerror}")

    def _keep(self, relative: str, digest: str | None) -> bool:
        """Whether the standby already holds this file as the build would write it."""
        if self.standby is None or digest is None:
            return False
        record = self.standby.intact.get(relative)
        if record is None or record[0] != digest:
            return False
        self.kept[relative] = (record[1], record[2])
        self.size += record[1]
        self.reused += 1
        return True

    def _create(self, relative: str, make: Callable[[str], _T]) -> _T:
        """``make`` a new file at ``relative``: its folder made, what was there removed first."""
        path = f"{self.folder}/{relative}"
        standby = self.standby
        if standby is not None and relative in standby.present:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(path)
        try:
            _make_folder(self.folder, self.folders, relative)
            return make(path)
        except (FileExistsError, NotADirectoryError, IsADirectoryError):
            if standby is None:
                raise
            standby.clear_way(relative)
            _make_folder(self.folder, self.folders, relative)
            return make(path)

    def _write_to(self, descriptor: int, content: bytes | Iterable[bytes | Reuse] | Reuse) -> None:
        if isinstance(content, SourceFile):
            source = os.open(content.file, READ_SOURCE)
            try:
                self.size += copy_range(source, descriptor, 0, None)
            finally:
                os.close(source)
            return
        chunks: Iterable[bytes | Reuse] = (
            [content] if isinstance(content, bytes | Reuse) else content
        )
        pending: list[bytes] = []  # small pieces (a sitemap's lines) go out together
        held = 0
        for chunk in chunks:
            data = self._previous_bytes(chunk) if isinstance(chunk, Reuse) else chunk
            self.size += len(data)
            pending.append(data)
            held += len(data)
            if held >= _BATCH:
                _write_pieces(descriptor, pending)
                pending.clear()
                held = 0
        _write_pieces(descriptor, pending)

    def _append(self, part: _Appending, content: bytes | Iterable[bytes | Reuse] | Reuse) -> None:
        chunks: Iterable[bytes | Reuse] = (
            [content] if isinstance(content, bytes | Reuse) else content
        )
        for chunk in chunks:
            if isinstance(chunk, Reuse):
                if chunk.length is not None:
                    taken = part.taking
                    if (
                        taken is not None
                        and taken[0] == chunk.path
                        and sum(taken[1:]) == chunk.offset
                    ):
                        part.taking = (taken[0], taken[1], taken[2] + chunk.length)
                    else:
                        self._flush(part)
                        part.taking = (chunk.path, chunk.offset, chunk.length)
                    continue
                chunk = self._previous_bytes(chunk)
            if part.taking is not None:
                self._flush(part)
            part.pieces.append(chunk)
            part.held += len(chunk)
            self.size += len(chunk)
            if part.held >= _BATCH:
                self._flush(part)

    def _flush(self, part: _Appending) -> None:
        """Write what ``part`` gathered: its pieces, then the range it takes from the previous
        output."""
        _write_pieces(part.descriptor, part.pieces)
        part.pieces.clear()
        part.held = 0
        if part.taking is not None:
            path, offset, length = part.taking
            part.taking = None
            self._copy_previous(path, offset, length, part.descriptor)

    def _previous_file(self, path: str) -> int:
        source = self.reading.get(path)
        if source is None:
            previous = f"{self.previous}/{safe_relative(path)}"
            flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
            source = self.reading[path] = os.open(previous, flags)
        return source

    def _previous_bytes(self, reuse: Reuse) -> bytes:
        source = self._previous_file(reuse.path)
        if reuse.length is None:
            end = os.fstat(source).st_size
            data = os.pread(source, max(end - reuse.offset, 0), reuse.offset)
        else:
            data = os.pread(source, reuse.length, reuse.offset)
        if reuse.length is not None and len(data) != reuse.length:
            raise OutputError(f"the previous {reuse.path} is shorter than its recorded state")
        return data

    def _copy_previous(self, path: str, offset: int, length: int, descriptor: int) -> None:
        """Append ``length`` bytes of the previous output's ``path`` from ``offset``."""
        if copy_range(self._previous_file(path), descriptor, offset, length) != length:
            raise OutputError(f"the previous {path} is shorter than its recorded state")
        self.size += length

    def _link(self, reuse: Reuse, target: str) -> None:
        """Hard-link a file of the previous output (copy it where links are not possible)."""
        source = f"{self.previous}/{safe_relative(reuse.path)}"
        info = os.lstat(source)
        if not stat.S_ISREG(info.st_mode):  # a link planted since it was checked
            raise OutputError(f"the previous {reuse.path} is no longer a regular file")
        try:
            os.link(source, target, follow_symlinks=False)
        except OSError as exc:
            if exc.errno not in (errno.EXDEV, errno.EPERM, errno.EMLINK, errno.ENOTSUP):
                raise
            shutil.copyfile(source, target)
        self.size += info.st_size
        self.reused += 1

    def records(self) -> dict[str, list[object]]:
        """Every file: [digest or "", size, modification time in ns], sorted by path."""
        records: dict[str, list[object]] = {}
        for relative in sorted(self.sources):
            kept = self.kept.get(relative)
            if kept is None:
                info = os.stat(f"{self.folder}/{relative}")
                kept = (info.st_size, info.st_mtime_ns)
            records[relative] = [self.digests.get(relative, ""), *kept]
        return records


class _Appending:
    """A file written in parts (`seo.json`): small pieces are gathered and written together,
    and ranges of one previous file that follow each other there are copied as one."""

    __slots__ = ("descriptor", "held", "pieces", "taking")

    def __init__(self, descriptor: int) -> None:
        self.descriptor = descriptor
        self.pieces: list[bytes] = []
        self.held = 0
        self.taking: tuple[str, int, int] | None = None
        """(previous file, offset, length) still to be copied, after the pieces."""


class DirectFiles:
    """Whole files written straight into a new staging folder of :class:`Writing` (never a
    standby: nothing is there to keep, replace or clear), from whichever process made them; it
    is inherited by forked workers, each with its own record of the folders it made. A file is
    created as :class:`Writing` creates it (``O_EXCL``, its path checked by
    :func:`safe_relative`); the :class:`Written` record it returns goes to the writer in the
    file's place. Folders may be made by several processes at once: one that exists already is
    taken as it is when it is a folder."""

    def __init__(self, folder: Path) -> None:
        self.folder = os.fspath(folder)
        self.folders: set[str] = {""}

    def write(self, path: str, data: bytes) -> Written:
        relative = safe_relative(path)
        try:
            _make_folder(self.folder, self.folders, relative)
            descriptor = _create_file(f"{self.folder}/{relative}")
            try:
                write_whole(descriptor, data)
                written = os.fstat(descriptor)
            finally:
                os.close(descriptor)
        except OSError as exc:
            raise OutputError(f"cannot write {relative}: {exc.strerror}") from None
        return Written(written.st_size, written.st_mtime_ns)


_BATCH = 256 * 1024
"""Pieces of a file are joined up to this many bytes before they are written."""
_CREATE = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0)


def _make_folder(root: str, folders: set[str], relative: str) -> None:
    """Make the folder of the file ``relative`` under ``root`` unless ``folders`` (the folders
    known to exist, relative) has it: one `mkdir` when its own parent exists. A folder already
    there is taken as it is (another process writing the same staging folder may have made it);
    a file where it goes raises."""
    parent = relative.rpartition("/")[0]
    if parent in folders:
        return
    path = f"{root}/{parent}"
    try:
        os.mkdir(path)
    except FileNotFoundError:  # its own parent is not there yet
        os.makedirs(path, exist_ok=True)
    except FileExistsError:
        if not os.path.isdir(path):
            raise
    folders.add(parent)


def _create_file(path: str) -> int:
    """A descriptor of a new file at ``path`` (never an existing one: ``O_EXCL``), as
    ``open(path, "xb")`` makes it."""
    return os.open(path, _CREATE, 0o666)


def _write_pieces(descriptor: int, pieces: list[bytes]) -> None:
    if pieces:
        write_whole(descriptor, pieces[0] if len(pieces) == 1 else b"".join(pieces))


def safe_relative(path: str) -> str:
    normal = posixpath.normpath(path)
    if (
        path.startswith("/")
        or "\\" in path
        or "\x00" in path
        or normal != path
        or normal.startswith("..")
        or normal == MARKER
    ):
        raise OutputError(f"refusing to write {path!r}: it is not a plain path inside the output")
    return normal
