"""What a previous build left in an output folder: the marker that says we made it, and the state
file next to it that records each file's digest, size and time (see :mod:`.writer`). Reads only."""

from __future__ import annotations

import json
import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

__all__ = [
    "CACHE_DIR",
    "MARKER",
    "STATE_FORMAT",
    "PreviousOutput",
    "compare_output",
    "previous_output",
    "state_file",
]

MARKER = ".nmt-content"
"""The file that marks a folder as made by nmt-content (and so safe for it to replace)."""


CACHE_DIR = ".nmt-content-cache"
"""The folder, next to the output, that holds the state of each output built there."""


STATE_FORMAT = 1
"""The version of the state file's layout; another version is ignored."""


@dataclass(frozen=True)
class PreviousOutput:
    """The previous build's state, keeping only the files that are still as it wrote them."""

    state: Mapping[str, Any]
    """Everything the build asked to record (its key, source hashes, notes, …)."""
    digests: Mapping[str, str]
    """Output path → digest, for the intact files that had one."""
    intact: frozenset[str]
    """Every recorded file that is still as written."""
    complete: bool
    """Whether every file the previous build wrote is still there, unchanged."""


def state_file(out_dir: Path) -> Path:
    """Where the state of the output in ``out_dir`` is kept: ``.nmt-content-cache/<name>.json``
    next to it."""
    return out_dir.parent / CACHE_DIR / f"{out_dir.name}.json"


def previous_output(out_dir: Path) -> PreviousOutput | None:
    """The state of the output in ``out_dir``, or ``None`` when there is no usable one.

    A missing, unreadable or malformed state file is ignored (the next build is then a full
    one), never an error. A recorded file counts as intact only while its size and modification
    time (nanoseconds) are as recorded; the build decides by content hashes whether to reuse it.
    """
    out = out_dir.expanduser()
    try:
        if not (out / MARKER).is_file():
            return None
        state = json.loads(state_file(out).read_bytes())
        if not isinstance(state, dict) or state.get("format") != STATE_FORMAT:
            return None
        records = state.get("files")
        if not isinstance(records, dict):
            return None
        on_disk = _files_on_disk(out)
        digests: dict[str, str] = {}
        intact: set[str] = set()
        # Complete: exactly the recorded files, each as written. A file someone added by hand
        # is not part of the site, so the next build must replace the folder, not keep it.
        complete = on_disk.keys() == records.keys()
        for path, (digest, size, mtime) in records.items():
            if on_disk.get(path) != (size, mtime):
                complete = False
                continue
            intact.add(path)
            if digest:
                digests[path] = str(digest)
    except (OSError, ValueError, TypeError):
        return None
    return PreviousOutput(state, digests, frozenset(intact), complete)


def _files_on_disk(out: Path) -> dict[str, tuple[int, int]]:
    """Every file under ``out`` but the marker: relative POSIX path → (size, mtime in ns)."""
    found: dict[str, tuple[int, int]] = {}
    pending = [("", os.fspath(out))]
    while pending:
        prefix, folder = pending.pop()
        with os.scandir(folder) as entries:
            for entry in entries:
                if entry.is_dir(follow_symlinks=False):
                    pending.append((f"{prefix}{entry.name}/", entry.path))
                elif prefix or entry.name != MARKER:
                    stat = entry.stat(follow_symlinks=False)
                    found[f"{prefix}{entry.name}"] = (stat.st_size, stat.st_mtime_ns)
    return found


def compare_output(files: Mapping[str, bytes], out_dir: Path) -> list[tuple[str, str]]:
    """How ``out_dir`` differs from ``files``: (path, "changed" | "missing" | "extra"), sorted.

    Reads only; used by `build --check` to catch stale committed output.
    """
    present: dict[str, Path] = {}
    if out_dir.is_dir():
        for file in out_dir.rglob("*"):
            if file.is_file() and file.name != MARKER:
                present[file.relative_to(out_dir).as_posix()] = file
    differences = []
    for path, data in files.items():
        existing = present.get(path)
        if existing is None:
            differences.append((path, "missing"))
        elif existing.read_bytes() != data:
            differences.append((path, "changed"))
    differences += [(path, "extra") for path in present if path not in files]
    return sorted(differences)
