"""Write a built site to disk. The only module that writes files.

The guarantees, in order:

1. It refuses an output folder that is `/`, the home folder, the content root or one of its parents,
   or a non-empty folder without the marker file this tool leaves in every folder it creates; and
   a standby (below) that is not a real folder holding that marker.
2. The output is replaced in one step: a reader sees the previous site or the new one, whole. A
   build that fails or is killed midway leaves the previous output untouched.
3. It never writes one path twice, never writes outside the folder it is preparing, and never
   writes into an existing file (a new file replaces it: it may be a hard link to a live file).
4. It deletes only in folders that carry the marker: the standby, stale temporary folders, and
   (where the output cannot be kept as a standby) the output just replaced.

How (README, "How the output is updated"): the output replaced by a build is kept next to it as
the *standby*, `.<name>.nmt-standby`. The next build brings the standby up to date, writing only
the files whose digest differs from what it recorded there (or that no longer match their
recorded size and time, or are not regular files), deleting what the new site no longer has, and
then exchanges the two folder names with ``renameat2(RENAME_EXCHANGE)``. Without a standby (the
first rebuild, or after it was deleted) it writes a complete new temporary folder instead, linking
unchanged files from the output, and exchanges that. Where the system has no exchange it writes a
complete new folder and swaps it in with two renames (the output is briefly missing in between)
and deletes the previous one. A build into an output that does not exist yet may make its new
folder before loading the site, to copy `static/` into it meanwhile (:func:`early_staging`).

Each folder's state (each file's digest, size and modification time, and the folder's device and
inode) lives next to the output in `.nmt-content-cache/` (so the output stays byte-identical from
build to build, and the state is never published): `<name>.json` for the output,
`<name>.standby.json` for the standby. A state is trusted only for the folder whose identity it
records, so a build killed between the exchange of the folders and that of their state files
leaves nothing wrong. The standby's state is deleted before the standby is changed, so a standby
left half-updated by a killed build is trusted for nothing and rewritten in full.
"""

from __future__ import annotations

import contextlib
import functools
import os
import shutil
import sys
import tempfile
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..content.static_files import STATIC_DIR
from ..errors import OutputError
from .file_writing import DirectFiles, Writing
from .output_dir import check_output_dir
from .output_lock import output_lock
from .output_state import (
    MARKER,
    MARKER_TEXT,
    STATE_FORMAT,
    folder_identity,
    standby_dir,
    standby_state_file,
    state_bytes,
    state_file,
)
from .outputs import OutputFile
from .standby import Standby, can_exchange, exchange, open_standby
from .static_copy import EarlyStatic, start_copier

__all__ = ["WriteSummary", "check_output_dir", "early_staging", "replace_file", "write_outputs"]


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
    trust_standby: bool = True,
    opened: Callable[[Standby | None], None] | None = None,
    direct: Callable[[DirectFiles], None] | None = None,
    late_digests: Callable[[], Mapping[str, str]] | None = None,
    early: EarlyStatic | None = None,
) -> WriteSummary:
    """Write ``outputs`` into ``out_dir``, replacing its previous contents in one step.

    :class:`Reuse` records are taken from the current ``out_dir`` before it is replaced. With
    ``state``, its result (asked for once every output is written) is recorded in the output
    together with each file's digest, size and time, for :func:`previous_output`. Without
    ``trust_standby``, no file of the standby copy is kept as it is (`build --no-cache`).
    ``opened`` is told the standby copy being updated (None: a new folder is written) before
    the first output is taken.
    ``direct`` is called, before the first output is taken, when the files go into a new
    staging folder: with it, their producer may write whole files there itself and give
    :class:`~.outputs.Written` records instead of their bytes.
    ``late_digests`` gives, once every output is taken, the digests of outputs that came
    without one, recorded with ``state``.
    ``early`` is the staging folder :func:`early_staging` made, `static/` copied into it: the
    files are written there.
    """
    out = check_output_dir(out_dir, content_root)
    _ensure_parent(out)
    with output_lock(out):
        return _write_locked(
            outputs, out, state, trust_standby, opened, direct, late_digests, early
        )


@contextlib.contextmanager
def early_staging(root: Path, out: Path, jobs: int) -> Iterator[EarlyStatic | None]:
    """For a build into ``out`` (checked by :func:`check_output_dir`) that does not exist yet,
    with more than one job: the new staging folder, made now under the output's lock (held
    until the ``with`` ends), with the copier of ``root``'s `static/` started into it
    (:mod:`.static_copy`); None otherwise. When the block fails, the copier is ended and the
    folder removed."""
    if jobs <= 1 or os.path.lexists(out) or not (root / STATIC_DIR).is_dir():
        yield None
        return
    _ensure_parent(out)
    with output_lock(out):
        _remove_stale_temporaries(out)
        folder = _new_staging(out)
        early = start_copier(root, folder)
        if early is None:
            shutil.rmtree(folder, ignore_errors=True)
            yield None
            return
        try:
            yield early
        except BaseException:
            early.stop()
            shutil.rmtree(folder, ignore_errors=True)
            raise
        early.stop()


def _write_locked(
    outputs: Iterable[OutputFile],
    out: Path,
    state: Callable[[], Mapping[str, Any]] | None,
    trust_standby: bool,
    opened: Callable[[Standby | None], None] | None = None,
    direct: Callable[[DirectFiles], None] | None = None,
    late_digests: Callable[[], Mapping[str, str]] | None = None,
    early: EarlyStatic | None = None,
) -> WriteSummary:
    # No other build of `out` runs: these are killed builds' (but this build's early folder).
    _remove_stale_temporaries(out, keep=early.folder if early is not None else None)
    standby = None
    if early is None and out.is_dir() and (out / MARKER).is_file() and can_exchange():
        standby = open_standby(out, trust=trust_standby)
    if opened is not None:
        opened(standby)
    folder = (
        standby.path
        if standby is not None
        else early.folder
        if early is not None
        else _new_staging(out)
    )
    try:
        if standby is None and direct is not None:
            direct(DirectFiles(folder))
        writing = Writing(folder, out, standby)
        writing.write_all(outputs)
        if early is not None:
            early.finish()
        if standby is not None:
            standby.finish(writing.sources)
        record = None
        if state is not None:
            if late_digests is not None:
                writing.digests.update(late_digests())
            record = {
                "format": STATE_FORMAT,
                **state(),
                "folder": folder_identity(folder),
                "files": writing.records(),
            }
        if standby is not None:
            _swap_standby(standby, out, record)
        else:
            _swap_staging(folder, out, record)
    except BaseException:
        if standby is None:
            if early is not None:
                early.stop()  # before the folder it copies into goes
            shutil.rmtree(folder, ignore_errors=True)
        raise
    return WriteSummary(out, writing.files, writing.size, writing.reused)


def _new_staging(out: Path) -> Path:
    """A new, empty folder next to the output, marked as ours."""
    try:
        staging = Path(tempfile.mkdtemp(prefix=f".{out.name}.tmp-", dir=out.parent))
    except OSError as exc:
        raise OutputError(f"cannot write next to {out}: {exc.strerror}") from None
    try:
        # mkdtemp makes a private (0700) folder; the output is a website, which a web server
        # running as another user must read, so it gets the mode any new folder would get.
        os.chmod(staging, 0o777 & ~_umask())
        (staging / MARKER).write_bytes(MARKER_TEXT)
    except OSError as exc:  # a full disk, a quota
        shutil.rmtree(staging, ignore_errors=True)
        raise OutputError(f"cannot write next to {out}: {exc.strerror}") from None
    return staging


def _swap_standby(standby: Standby, out: Path, record: Mapping[str, Any] | None) -> None:
    """Record the updated standby's state, exchange it with the output, then give each state
    file its folder's name (a kill in between is harmless: states are matched by identity)."""
    saved = standby_state_file(out)
    if record is not None:
        _save_state(saved, record)
    if not exchange(standby.path, out):  # a file system without the exchange: three renames
        aside = Path(tempfile.mkdtemp(prefix=f".{out.name}.old-", dir=out.parent))
        aside.rmdir()
        os.replace(out, aside)
        os.replace(standby.path, out)
        os.replace(aside, standby.path)
    if record is not None:
        _settle_states(saved, state_file(out))


def _swap_staging(staging: Path, out: Path, record: Mapping[str, Any] | None) -> None:
    """Put a complete new folder in place of the output; keep the output it replaced as the
    standby where the next build can exchange it back, else delete it."""
    if not out.exists():
        os.replace(staging, out)
        if record is not None:
            _save_state(state_file(out), record)
        return
    saved = standby_state_file(out)
    if record is not None:
        _save_state(saved, record)
    if exchange(staging, out):
        previous = staging
    else:
        previous = Path(tempfile.mkdtemp(prefix=f".{out.name}.old-", dir=out.parent))
        previous.rmdir()
        os.replace(out, previous)
        os.replace(staging, out)
    keep = (
        previous is staging
        and (previous / MARKER).is_file()
        and not os.path.lexists(standby_dir(out))
    )
    if keep:
        try:
            previous.rename(standby_dir(out))
        except OSError:
            keep = False
    if record is not None:
        _settle_states(saved, state_file(out), keep_previous=keep)
    if not keep:
        _remove_previous(previous, out)


def _settle_states(saved: Path, live: Path, *, keep_previous: bool = True) -> None:
    """Give the state just saved for the output the output's state file name, and the one it
    replaces the standby's (or drop it, with the folder it described)."""
    if not saved.exists():
        return
    with contextlib.suppress(OSError, OutputError):
        if not (keep_previous and os.path.lexists(live) and exchange(saved, live)):
            os.replace(saved, live)


def _save_state(path: Path, record: Mapping[str, Any]) -> None:
    """Record the state; a state that cannot be written only makes the next build a full one."""
    data = state_bytes(record)
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


def _remove_stale_temporaries(out: Path, keep: Path | None = None) -> None:
    """Remove temporary folders that an interrupted build of this output left behind (all but
    ``keep``, this build's own)."""
    for pattern in (f".{out.name}.tmp-*", f".{out.name}.old-*"):
        for stale in out.parent.glob(pattern):
            if stale != keep and stale.is_dir() and (stale / MARKER).is_file():
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
