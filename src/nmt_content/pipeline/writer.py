"""Write a built site to disk. The only module that writes files.

The guarantees, in order:

1. It refuses an output folder that is `/`, the home folder, the content root or one of its parents,
   or a non-empty folder without the marker file this tool leaves in every folder it creates.
2. It writes everything into a new temporary folder next to the output, then swaps the two in one
   step (``renameat2(RENAME_EXCHANGE)`` on Linux; two renames elsewhere). A build that fails or is
   killed midway leaves the previous output untouched; its temporary folder is removed by the
   next build, since it carries the marker.
3. It never writes one path twice and never writes outside the temporary folder.
4. It deletes only folders that carry the marker: the previous output, and stale temporary folders.

For incremental builds it records each file's digest (a hash of what it was made from), size and
modification time in a state file next to the output, in `.nmt-content-cache/` (so the output
itself stays byte-identical from build to build, and the state is never published). The next
build trusts a previous file only while its size and time still match, and then hard-links it into
the new folder (or copies the bytes it needs) instead of writing it again; the swap stays one
atomic step. A state file left stale by a killed build is harmless: a file it describes either
still has the recorded size and time (it was linked, unchanged) or no longer matches.
"""

from __future__ import annotations

import contextlib
import ctypes
import ctypes.util
import errno
import functools
import json
import os
import posixpath
import shutil
import stat
import sys
import tempfile
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from ..errors import OutputError
from .output_dir import check_output_dir
from .output_lock import output_lock
from .output_state import MARKER, MARKER_TEXT, STATE_FORMAT, state_file
from .outputs import OutputFile, Reuse

__all__ = ["WriteSummary", "check_output_dir", "replace_file", "write_outputs"]


@dataclass(frozen=True, slots=True)
class WriteSummary:
    """What was written."""

    out_dir: Path
    files: int
    bytes: int
    reused: int = 0
    """Files hard-linked or copied from the previous output instead of written anew."""


def write_outputs(
    outputs: Iterable[OutputFile],
    out_dir: Path,
    *,
    content_root: Path,
    state: Callable[[], Mapping[str, Any]] | None = None,
) -> WriteSummary:
    """Write ``outputs`` into ``out_dir``, replacing its previous contents in one step.

    :class:`Reuse` records are taken from the current ``out_dir`` before it is replaced. With
    ``state``, its result (asked for once every output is written) is recorded in the output
    together with each file's digest, size and time, for :func:`previous_output`.
    """
    out = check_output_dir(out_dir, content_root)
    _ensure_parent(out)
    with output_lock(out):
        return _write_locked(outputs, out, state)


def _write_locked(
    outputs: Iterable[OutputFile], out: Path, state: Callable[[], Mapping[str, Any]] | None
) -> WriteSummary:
    _remove_stale_temporaries(out)  # no other build of `out` runs: they are killed builds'
    try:
        staging = Path(tempfile.mkdtemp(prefix=f".{out.name}.tmp-", dir=out.parent))
    except OSError as exc:
        raise OutputError(f"cannot write next to {out}: {exc.strerror}") from None
    try:
        # mkdtemp makes a private (0700) folder; the output is a website, which a web server
        # running as another user must read, so it gets the mode any new folder would get.
        os.chmod(staging, 0o777 & ~_umask())
        try:
            (staging / MARKER).write_bytes(MARKER_TEXT)
        except OSError as exc:  # a full disk, a quota
            raise OutputError(f"cannot write next to {out}: {exc.strerror}") from None
        writing = _Writing(staging, out)
        writing.write_all(outputs)
        record = None
        if state is not None:
            record = {"format": STATE_FORMAT, **state(), "files": writing.records()}
        _swap_into_place(staging, out)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    if record is not None:
        _save_state(out, record)
    return WriteSummary(out, writing.files, writing.size, writing.reused)


def _save_state(out: Path, record: Mapping[str, Any]) -> None:
    """Record the state; a state that cannot be written only makes the next build a full one."""
    path = state_file(out)
    data = json.dumps(record, ensure_ascii=False, separators=(",", ":")).encode()
    try:
        path.parent.mkdir(exist_ok=True)
        if not (path.parent / MARKER).is_file():
            (path.parent / MARKER).write_bytes(MARKER_TEXT)
        replace_file(path, data)
    except (OSError, OutputError):
        with contextlib.suppress(OSError):  # a folder where the file goes stays; it is ignored
            path.unlink(missing_ok=True)


@functools.cache
def _umask() -> int:
    """The process's umask (read once: setting it back at once is the only portable way)."""
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def _ensure_parent(out: Path) -> None:
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OutputError(f"cannot create {out.parent}: {exc.strerror}") from None
    if not os.access(out.parent, os.W_OK) or (out.is_dir() and not os.access(out, os.W_OK)):
        raise OutputError(f"cannot write to {out}: permission denied")


class _Writing:
    """One build's writing into the staging folder."""

    def __init__(self, staging: Path, previous: Path) -> None:
        self.staging, self.previous = staging, previous
        self.files = self.size = self.reused = 0
        self.sources: dict[str, str] = {}
        self.digests: dict[str, str] = {}
        self.folders: set[Path] = {staging}
        self.appending: dict[str, IO[bytes]] = {}
        self.reading: dict[str, IO[bytes]] = {}

    def write_all(self, outputs: Iterable[OutputFile]) -> None:
        try:
            for output in outputs:
                self._write(output)
        finally:
            for handle in [*self.appending.values(), *self.reading.values()]:
                handle.close()
            self.appending.clear()
            self.reading.clear()

    def _claim(self, relative: str, source: str) -> Path:
        if relative in self.sources:
            raise OutputError(
                f"{self.sources[relative]} and {source} both produce {relative}; "
                "give one of them another slug"
            )
        self.sources[relative] = source
        target = self.staging / relative
        if target.parent not in self.folders:
            target.parent.mkdir(parents=True, exist_ok=True)
            self.folders.update(target.parents)
        self.files += 1
        return target

    def _write(self, output: OutputFile) -> None:
        relative = _safe_relative(output.path)
        if output.digest is not None:
            self.digests[relative] = output.digest
        content = output.content
        try:
            if output.append:
                handle = self.appending.get(relative)
                if handle is None:
                    handle = self._claim(relative, output.source).open("wb")
                    self.appending[relative] = handle
                self._write_chunks(handle, content)
                return
            target = self._claim(relative, output.source)
            if isinstance(content, Reuse) and content.offset == 0 and content.length is None:
                self._link(content, target)
                return
            with target.open("wb") as handle:
                self._write_chunks(handle, content)
        except OSError as exc:
            raise OutputError(f"cannot write {relative}: {exc.strerror}") from None

    def _write_chunks(
        self, handle: IO[bytes], content: bytes | Iterable[bytes | Reuse] | Reuse
    ) -> None:
        chunks: Iterable[bytes | Reuse] = (
            [content] if isinstance(content, bytes | Reuse) else content
        )
        for chunk in chunks:
            if isinstance(chunk, Reuse):
                chunk = self._previous_bytes(chunk)
            handle.write(chunk)
            self.size += len(chunk)

    def _previous_bytes(self, reuse: Reuse) -> bytes:
        source = self.reading.get(reuse.path)
        if source is None:
            path = self.previous / _safe_relative(reuse.path)
            flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
            source = os.fdopen(os.open(path, flags), "rb")
            self.reading[reuse.path] = source
        source.seek(reuse.offset)
        data = source.read() if reuse.length is None else source.read(reuse.length)
        if reuse.length is not None and len(data) != reuse.length:
            raise OutputError(f"the previous {reuse.path} is shorter than its recorded state")
        return data

    def _link(self, reuse: Reuse, target: Path) -> None:
        """Hard-link a file of the previous output (copy it where links are not possible)."""
        source = self.previous / _safe_relative(reuse.path)
        if not stat.S_ISREG(os.lstat(source).st_mode):  # a link planted since it was checked
            raise OutputError(f"the previous {reuse.path} is no longer a regular file")
        try:
            os.link(source, target)
        except OSError as exc:
            if exc.errno not in (errno.EXDEV, errno.EPERM, errno.EMLINK, errno.ENOTSUP):
                raise
            shutil.copyfile(source, target)
        self.size += target.stat().st_size
        self.reused += 1

    def records(self) -> dict[str, list[object]]:
        """Every written file: [digest or "", size, modification time in ns], sorted by path."""
        records: dict[str, list[object]] = {}
        for relative in sorted(self.sources):
            stat = os.stat(self.staging / relative)
            records[relative] = [self.digests.get(relative, ""), stat.st_size, stat.st_mtime_ns]
        return records


def _safe_relative(path: str) -> str:
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


def _swap_into_place(staging: Path, out: Path) -> None:
    if not out.exists():
        os.replace(staging, out)
        return
    if _exchange(staging, out):
        _remove_previous(staging, out)  # now holds the previous output, which carries the marker
        return
    previous = Path(tempfile.mkdtemp(prefix=f".{out.name}.old-", dir=out.parent))
    previous.rmdir()
    os.replace(out, previous)
    os.replace(staging, out)
    _remove_previous(previous, out)


def _remove_previous(previous: Path, out: Path) -> None:
    """Delete the output just replaced. If part of it cannot be deleted (a read-only folder in it),
    say so clearly: the new output is already in place, and the next build tries again."""
    problems: list[tuple[str, BaseException]] = []

    def record(_function: object, path: str, error: Any) -> None:
        # Python 3.12+ passes the exception (onexc), 3.11 an exc_info tuple (onerror).
        problems.append((path, error if isinstance(error, BaseException) else error[1]))

    if sys.version_info >= (3, 12):
        shutil.rmtree(previous, onexc=record)
    else:  # pragma: no cover - Python 3.11
        shutil.rmtree(previous, onerror=record)
    if problems:
        moved_from, previous = previous, _set_aside(previous, out)
        with contextlib.suppress(OSError):  # keep it marked as ours, so a later build removes it
            (previous / MARKER).write_bytes(MARKER_TEXT)
        failed, error = problems[0]
        path = previous / Path(failed).relative_to(moved_from)
        reason = error.strerror if isinstance(error, OSError) and error.strerror else str(error)
        raise OutputError(
            f"cannot write to {out}: the new output is in place, but the previous one, moved to "
            f"{previous}, could not be removed ({reason.lower()}: {path}); fix the permissions "
            "and delete that folder"
        )


def _set_aside(previous: Path, out: Path) -> Path:
    """Give what is left of a replaced output a `.<name>.old-*` name (the staging name may be
    cleaned up as a failed build's), and return where it is now."""
    if previous.name.startswith(f".{out.name}.old-"):
        return previous
    aside = Path(tempfile.mkdtemp(prefix=f".{out.name}.old-", dir=out.parent))
    try:
        aside.rmdir()
        previous.rename(aside)
    except OSError:
        return previous
    return aside


_RENAME_EXCHANGE = 2


def _exchange(a: Path, b: Path) -> bool:
    """Atomically swap two paths (Linux renameat2); False when the system cannot."""
    libc_name = ctypes.util.find_library("c")
    if not libc_name:
        return False
    libc = ctypes.CDLL(libc_name, use_errno=True)
    renameat2 = getattr(libc, "renameat2", None)
    if renameat2 is None:
        return False
    at_fdcwd = -100
    result = renameat2(at_fdcwd, os.fsencode(a), at_fdcwd, os.fsencode(b), _RENAME_EXCHANGE)
    if result == 0:
        return True
    if ctypes.get_errno() in (errno.ENOSYS, errno.EINVAL, errno.EOPNOTSUPP):
        return False
    raise OutputError(f"cannot replace {b}: {os.strerror(ctypes.get_errno())}")


def _remove_stale_temporaries(out: Path) -> None:
    """Remove temporary folders that an interrupted build of this output left behind."""
    for pattern in (f".{out.name}.tmp-*", f".{out.name}.old-*"):
        for stale in out.parent.glob(pattern):
            if stale.is_dir() and (stale / MARKER).is_file():
                shutil.rmtree(stale, ignore_errors=True)


def replace_file(path: Path, data: bytes) -> None:
    """Replace one existing file atomically (write a sibling, then rename), keeping its mode.

    Used by `inject`, which edits files another generator made: a reader sees the old file or the
    new one, never half of it.
    """
    mode = path.stat().st_mode & 0o777 if path.exists() else 0o644
    try:
        handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    except OSError as exc:
        raise OutputError(f"cannot write {path}: {exc.strerror}") from None
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
        os.chmod(temporary, mode)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
