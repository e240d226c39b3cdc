"""Old outputs moved aside while the benchmark runs, and deleted once its last timing is done.

On an ext4 file system without a journal, as the benchmark machine's is, the kernel does not
reuse an inode freed in the last minute (in the last six while its inode table block is dirty),
and every time it allocates an inode it scans past each such inode in the group
(`recently_deleted` in fs/ext4/ialloc.c). Deleting one build's output just before timing the
next made that build pay for the deletion, more so the more files were deleted (our
100,000-article build took 14.1 × the 10,000-article one that way, 11.5 × without). A rename
frees no inode, so every timed build writes into a new folder, the previous one having been
renamed into `work/.trash/`, and the trash is deleted when the run ends (see PROFILE.md).
"""

from __future__ import annotations

import shutil
import time
from collections.abc import Callable
from pathlib import Path

__all__ = ["RECENTLY_DELETED_SECONDS", "Trash"]

RECENTLY_DELETED_SECONDS = 60
"""How long ext4 (without a journal) passes over a freed inode whose table block is clean; the
harness syncs before every timed command, so its blocks are."""


class Trash:
    """Folders set aside under ``work/.trash`` (:meth:`aside`), deleted by :meth:`empty`."""

    def __init__(self, work: Path) -> None:
        self.folder = work / ".trash"
        self._moved = 0

    def aside(self, folder: Path) -> None:
        """Move ``folder`` into the trash (nothing is deleted); nothing to do if it is absent."""
        if not folder.exists() and not folder.is_symlink():
            return
        self.folder.mkdir(parents=True, exist_ok=True)
        while True:
            self._moved += 1
            target = self.folder / f"{self._moved}-{folder.name}"
            if not target.exists() and not target.is_symlink():
                break
        folder.rename(target)

    def empty(self) -> bool:
        """Delete the trash; whether there was one."""
        if not self.folder.exists():
            return False
        shutil.rmtree(self.folder, ignore_errors=True)
        return True

    def empty_before_timing(self, progress: Callable[[str], None]) -> None:
        """Delete what an interrupted earlier run left in the trash, then let the kernel forget
        the freed inodes before anything is timed."""
        if self.empty():
            progress(
                f"  deleted an earlier run's outputs; waiting {RECENTLY_DELETED_SECONDS} s "
                "before timing anything"
            )
            time.sleep(RECENTLY_DELETED_SECONDS)
