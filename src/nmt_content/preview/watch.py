"""Watch what the site is built from: practice.yaml, articles/, static/ and the --templates folder.

One watcher thread per folder (the content root itself not recursively, so the output of a build
into a folder inside it is not a change); when a watched folder appears or disappears, the round
ends and a new one watches what exists now.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Sequence
from pathlib import Path

from ..content.loader import ARTICLES_DIR, PRACTICE_FILE
from ..content.static import STATIC_DIR

__all__ = ["Watcher"]


class Watcher:
    """Calls ``on_change`` with the changed paths (absolute) after each relevant change under
    ``root`` until ``stop`` is set."""

    def __init__(
        self,
        root: Path,
        *,
        templates: Path | None,
        poll: bool,
        on_change: Callable[[Sequence[Path]], None],
        stop: threading.Event,
    ) -> None:
        self.root = root.resolve()
        self.templates = templates.resolve() if templates is not None else None
        self.poll = poll
        self.on_change = on_change
        self.stop = stop
        self.ready = threading.Event()
        """Set once the first round of watches is in place."""

    def watched(self) -> list[tuple[Path, bool]]:
        """The folders to watch, each with whether to watch it recursively."""
        targets = [(self.root, False)]
        for folder in sorted(self.folders()):
            if folder.is_dir():
                targets.append((folder, True))
        return targets

    def folders(self) -> set[Path]:
        """The watched folders that may appear or disappear while serving."""
        folders = {self.root / ARTICLES_DIR, self.root / STATIC_DIR}
        if self.templates is not None:
            folders.add(self.templates)
        return folders

    def relevant(self, path: str) -> bool:
        changed = Path(path)
        if changed.parent == self.root:
            return changed.name == PRACTICE_FILE or changed in self.folders()
        return True

    def run(self) -> None:
        """Watch in rounds until ``stop`` is set."""
        while not self.stop.is_set():
            round_over = threading.Event()
            restart = threading.Event()
            ready = [(folder, recursive, threading.Event()) for folder, recursive in self.watched()]
            workers = [
                threading.Thread(
                    target=self._watch_one,
                    args=(folder, recursive, round_over, restart, up),
                    daemon=True,
                )
                for folder, recursive, up in ready
            ]
            for worker in workers:
                worker.start()
            for _folder, _recursive, up in ready:
                up.wait(timeout=5)
            self.ready.set()
            while not self.stop.is_set() and not restart.is_set():
                self.stop.wait(0.1)
            round_over.set()
            for worker in workers:
                worker.join(timeout=2)

    def _watch_one(
        self,
        folder: Path,
        recursive: bool,
        round_over: threading.Event,
        restart: threading.Event,
        ready: threading.Event,
    ) -> None:
        """Report each relevant change; ask for a restart when folders come or go."""
        import watchfiles

        try:
            for changes in watchfiles.watch(
                folder,
                watch_filter=None,
                debounce=50,
                step=25,
                rust_timeout=250,
                stop_event=round_over,
                recursive=recursive,
                force_polling=self.poll or None,
                raise_interrupt=False,
                ignore_permission_denied=True,
                yield_on_timeout=True,
            ):
                ready.set()  # the first timeout or change: the watch is in place
                paths = [Path(p) for _change, p in changes if self.relevant(p)]
                if paths:
                    if self.folders().intersection(paths):
                        restart.set()
                    self.on_change(paths)
        except (OSError, RuntimeError):
            ready.set()
            restart.set()  # the folder went away; watch what exists now
            time.sleep(0.25)
