"""Reading files that someone else put in a folder: only regular files inside that folder, each
read bounded.

Content, templates, static files, a previous output and its state are all folders a user (or a
repository they cloned) controls. Every file read from them goes through here:

- :func:`walk_files` lists the regular files of a folder, sorted, skipping hidden names (`.*`,
  macOS `._*` forks, `.obsidian/`, `.git/`) and files that are not regular (FIFOs, devices,
  sockets); a link is followed only to a file inside the folder, never into a linked folder, and
  a link that leaves the folder, loops or dangles, or a sub-folder that cannot be listed, is
  reported with its name instead.
- :func:`read_regular` reads one file, refusing anything but a regular file (a FIFO would block
  and a device never end) and anything over a size limit, before reading it.
"""

from __future__ import annotations

import errno
import os
import stat
from dataclasses import dataclass
from pathlib import Path

from ..errors import UnsafeFileError

__all__ = [
    "InsideRoot",
    "WalkProblem",
    "is_hidden",
    "read_regular",
    "resolve_inside",
    "walk_files",
]


@dataclass(frozen=True, slots=True)
class WalkProblem:
    """An entry of a folder that could not be listed or followed, and why."""

    path: Path
    reason: str


def is_hidden(name: str) -> bool:
    """Whether a file or folder name is hidden (`.x`, `._x.md`, `.obsidian`): never content."""
    return name.startswith(".")


def resolve_inside(root: Path, path: Path) -> Path:
    """``path`` with every link resolved, or :class:`UnsafeFileError` when it loops, dangles or
    leaves ``root`` (itself resolved)."""
    try:
        resolved = path.resolve(strict=True)
        base = root.resolve(strict=True)
    except RuntimeError:  # Python 3.11 reports a loop so
        raise UnsafeFileError(path, "it is a symbolic link that loops") from None
    except OSError as exc:
        raise UnsafeFileError(path, _link_problem(path, exc)) from None
    if resolved != base and not resolved.is_relative_to(base):
        raise UnsafeFileError(path, f"it is a symbolic link to {resolved}, outside {base}")
    return resolved


class InsideRoot:
    """:func:`resolve_inside` for many files under one root, answering alike at a fraction of
    the cost: each folder a file sits in is resolved once, and a file that is not a link itself
    then needs one ``lstat`` (resolving every path anew costs more than reading the file)."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self._folders: dict[str, bool] = {}

    def check(self, path: Path) -> None:
        """Raise :class:`UnsafeFileError` as ``resolve_inside(root, path)`` would."""
        folder, name = os.path.split(os.fspath(path))
        inside = self._folders.get(folder)
        if inside is None:
            try:
                resolve_inside(self.root, Path(folder))
                inside = True
            except UnsafeFileError:
                inside = False  # the file's own check below says why, naming the file
            self._folders[folder] = inside
        if inside and name not in ("", ".", ".."):
            try:
                if not stat.S_ISLNK(os.lstat(path).st_mode):
                    return  # a name in a folder inside the root: inside the root
            except OSError:
                pass
        resolve_inside(self.root, path)


def _link_problem(path: Path, exc: OSError) -> str:
    if exc.errno == errno.ELOOP:
        return "it is a symbolic link that loops"
    if path.is_symlink():
        return "it is a symbolic link to nothing"
    return f"cannot open it: {(exc.strerror or str(exc)).lower()}"


def walk_files(
    folder: Path, suffix: str = "", *, root: Path | None = None
) -> tuple[list[Path], list[WalkProblem]]:
    """The regular files under ``folder`` whose names end in ``suffix``, sorted by path, and the
    entries that could not be followed. Links must stay inside ``root`` (default ``folder``)."""
    files: list[Path] = []
    problems: list[WalkProblem] = []
    base = (root or folder).resolve()
    try:
        top = resolve_inside(base, folder)
    except UnsafeFileError as exc:
        return [], [WalkProblem(folder, exc.reason)]
    if not top.is_dir():
        return [], []
    pending = [folder]
    while pending:
        current = pending.pop()
        try:
            with os.scandir(current) as listing:
                entries = list(listing)
        except OSError as exc:
            problems.append(WalkProblem(current, f"cannot list it: {_reason(exc)}"))
            continue
        for entry in entries:
            if is_hidden(entry.name):
                continue
            path = Path(entry.path)
            try:
                if entry.is_dir(follow_symlinks=False):
                    pending.append(path)
                    continue
                if not entry.name.endswith(suffix):
                    continue
                if entry.is_symlink():
                    target = resolve_inside(base, path)
                    if target.is_file():  # a linked folder is not entered
                        files.append(path)
                elif entry.is_file(follow_symlinks=False):
                    files.append(path)
            except UnsafeFileError as exc:
                problems.append(WalkProblem(path, exc.reason))
            except OSError as exc:
                problems.append(WalkProblem(path, f"cannot open it: {_reason(exc)}"))
    files.sort(key=lambda p: p.as_posix())
    problems.sort(key=lambda p: p.path.as_posix())
    return files, problems


def _reason(exc: OSError) -> str:
    return (exc.strerror or str(exc)).lower()


def read_regular(path: str | os.PathLike[str], limit: int, *, follow: bool = True) -> bytes:
    """The bytes of ``path``, refused (:class:`UnsafeFileError`) unless it is a regular file of at most
    ``limit`` bytes; with ``follow`` false, a symbolic link is refused too.

    Opened without blocking (a FIFO would wait for a writer forever), checked on the open file
    (so a swap after a check cannot slip in), and read at most ``limit + 1`` bytes (it may grow).
    Other :class:`OSError` (missing, permissions) pass through.
    """
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)
    if not follow:
        flags |= getattr(os, "O_NOFOLLOW", 0)
    try:
        descriptor = os.open(path, flags)
    except OSError as exc:
        if exc.errno == errno.ELOOP and not follow:  # ELOOP: O_NOFOLLOW met a link
            raise UnsafeFileError(path, "it is a symbolic link") from None
        raise
    try:
        info = os.fstat(descriptor)
        if not stat.S_ISREG(info.st_mode):
            kind = "a folder" if stat.S_ISDIR(info.st_mode) else "not a regular file"
            raise UnsafeFileError(path, f"it is {kind}")
        if info.st_size > limit:
            raise UnsafeFileError(path, _too_large(info.st_size, limit), info.st_size)
        data = _read_upto(descriptor, info.st_size, limit + 1)
    finally:
        os.close(descriptor)
    if len(data) > limit:
        raise UnsafeFileError(path, _too_large(len(data), limit), len(data))
    return data


def _read_upto(descriptor: int, expected: int, most: int) -> bytes:
    """At most ``most`` bytes of the open file, to its end: read straight from the descriptor
    (a buffered file object adds a stat, a terminal check and a seek to every file), each time
    asking for what is still expected and one byte more (to see the end), so a small file never
    costs a large buffer, and for more while it gives more."""
    pieces = []
    left = most
    while left > 0:
        asked = min(expected + 1, left, 1024 * 1024)
        piece = os.read(descriptor, asked)
        if not piece:
            break
        pieces.append(piece)
        left -= len(piece)
        expected = max(expected - len(piece), 0)
        if len(piece) < asked:  # a regular file gives less only at its end: no read to see it
            break
    return pieces[0] if len(pieces) == 1 else b"".join(pieces)


def _too_large(size: int, limit: int) -> str:
    return f"it is {size:,} bytes, above the limit of {limit:,}"
