"""A local preview server: build on start, rebuild on every change, reload the browser.

The site is built with the normal build and writer into a temporary folder this module owns, and
served from there by a threaded HTTP server on 127.0.0.1; the HTTP side (request handler, reload
script, error overlay) is :mod:`.preview_http`. Only served HTML responses get a small
`<script src="/__nmt/reload.js">` before `</body>`; the built files on disk never change. The
script listens to ``/__nmt/reload`` (Server-Sent Events) and reloads the page when the build
generation moves on.

When the content cannot be built, every page answers with an error overlay listing each problem
(file:line field message), the terminal gets the same list, and the server keeps running: fixing
the file rebuilds and the browser reloads into the site again.
"""

from __future__ import annotations

import errno
import posixpath
import tempfile
import threading
import time
import traceback
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from http.server import ThreadingHTTPServer
from pathlib import Path
from urllib.parse import unquote

from jinja2 import TemplateSyntaxError

from ..content.loader import ARTICLES_DIR, PRACTICE_FILE
from ..errors import ContentError, ContentIssue, NmtContentError, PortInUseError
from ..pipeline.build_to import build_to
from ..pipeline.output_state import MARKER
from ..pipeline.plan import BuildOptions
from .http import RELOAD_PATH, handler_for, inject_reload_script, overlay_page

__all__ = [
    "DEFAULT_HOST",
    "DEFAULT_PORT",
    "RELOAD_PATH",
    "PortInUseError",
    "PreviewBuild",
    "PreviewServer",
    "describe_exception",
    "inject_reload_script",
    "overlay_page",
]

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8000
PORT_ATTEMPTS = 20
"""With the default port, how many ports (8000, 8001, …) to try before giving up."""
KEEP_ALIVE_SECONDS = 15.0


@dataclass(frozen=True, slots=True)
class PreviewBuild:
    """One build of the preview: what came out, or why nothing did."""

    generation: int
    """Counts builds from 1; the browser reloads when it changes."""
    seconds: float
    pages: int = 0
    files: int = 0
    issues: tuple[ContentIssue, ...] = ()
    """Content problems; empty when the build succeeded."""
    error: str | None = None
    """A problem that is not tied to a content line (a template error, an unsafe output)."""
    notes: tuple[str, ...] = ()
    rendered: int = 0
    """Pages rendered this time; the others were reused from the previous build."""
    unchanged: bool = False
    """Nothing the site is built from had changed."""

    @property
    def ok(self) -> bool:
        return not self.issues and self.error is None

    def problems(self) -> list[str]:
        """Each problem as one line, `path:line:col: error: field: message`."""
        lines = [issue.format() for issue in self.issues]
        if self.error is not None:
            lines.append(f"error: {self.error}")
        return lines


@dataclass
class _State:
    result: PreviewBuild | None = None
    generation: int = 0
    stopping: bool = False
    changed: threading.Condition = field(default_factory=threading.Condition)


class PreviewServer:
    """Serve a content folder at ``url``, rebuilding it whenever its files change.

    Use as a context manager (or call :meth:`start` and :meth:`stop`); :meth:`rebuild` builds now.
    ``on_build`` is called after every build, ``on_request`` for every request (method, path,
    status), from the server's threads.
    """

    def __init__(
        self,
        root: Path,
        *,
        options: BuildOptions | None = None,
        host: str = DEFAULT_HOST,
        port: int | None = None,
        watch: bool = True,
        poll: bool = False,
        on_build: Callable[[PreviewBuild], None] | None = None,
        on_request: Callable[[str, str, int], None] | None = None,
    ) -> None:
        self.root = Path(root)
        self.options = options or BuildOptions()
        self.host = host
        self.requested_port = port
        self.watch = watch
        self.poll = poll
        self.on_build = on_build
        self.on_request = on_request
        self.port = 0
        self.port_note: str | None = None
        """Set when the default port was busy and another one was taken."""
        self._state = _State()
        self._workdir: tempfile.TemporaryDirectory[str] | None = None
        self._httpd: ThreadingHTTPServer | None = None
        self._threads: list[threading.Thread] = []
        self._stop = threading.Event()
        self._dirty = threading.Event()
        self._watching = threading.Event()
        self._serving = False
        self._build_lock = threading.Lock()

    # -- life cycle -------------------------------------------------------------------------

    @property
    def out_dir(self) -> Path:
        if self._workdir is None:
            raise RuntimeError("the server is not started")
        return Path(self._workdir.name) / "site"

    @property
    def url(self) -> str:
        host = "127.0.0.1" if self.host in ("", "0.0.0.0") else self.host
        return f"http://{host}:{self.port}/"

    @property
    def last_build(self) -> PreviewBuild | None:
        return self._state.result

    def start(self) -> PreviewServer:
        """Bind the port, build once, then serve and watch in background threads."""
        self._httpd = self._bind()
        self.port = int(self._httpd.server_address[1])
        self._workdir = tempfile.TemporaryDirectory(prefix="nmt-content-serve-")
        if self.watch:  # watch first, so no change between the first build and the watch is lost
            self._spawn(self._watch_loop, "nmt-serve-watch")
            self._watching.wait(timeout=5)
        self.rebuild()
        httpd = self._httpd
        self._spawn(lambda: httpd.serve_forever(poll_interval=0.1), "nmt-serve-http")
        self._serving = True
        if self.watch:
            self._spawn(self._build_loop, "nmt-serve-build")
        return self

    def stop(self) -> None:
        """Stop serving and watching, and remove the build folder."""
        self._stop.set()
        self._dirty.set()
        with self._state.changed:
            self._state.stopping = True
            self._state.changed.notify_all()
        if self._httpd is not None:
            if self._serving:  # shutdown() waits for serve_forever, so only when it runs
                self._httpd.shutdown()
            self._httpd.server_close()
            self._httpd = None
        for thread in self._threads:
            thread.join(timeout=5)
        self._threads.clear()
        if self._workdir is not None:
            self._workdir.cleanup()
            self._workdir = None

    def __enter__(self) -> PreviewServer:
        return self.start()

    def __exit__(self, *_exc: object) -> None:
        self.stop()

    def wait(self) -> None:
        """Block until :meth:`stop` is called (or Ctrl-C interrupts the caller)."""
        while not self._stop.wait(0.5):
            pass

    def _spawn(self, target: Callable[[], None], name: str) -> None:
        thread = threading.Thread(target=target, name=name, daemon=True)
        thread.start()
        self._threads.append(thread)

    def _bind(self) -> ThreadingHTTPServer:
        handler = handler_for(self)
        if self.requested_port is not None:
            candidates: Sequence[int] = [self.requested_port]
        else:
            candidates = range(DEFAULT_PORT, DEFAULT_PORT + PORT_ATTEMPTS)
        for port in candidates:
            try:
                server = ThreadingHTTPServer((self.host, port), handler)
            except OSError as exc:
                if exc.errno != errno.EADDRINUSE:
                    raise NmtContentError(
                        f"cannot listen on {self.host}:{port}: {exc.strerror}"
                    ) from None
                continue
            if port != candidates[0]:
                self.port_note = f"port {candidates[0]} is in use; serving on port {port} instead"
            return server
        if self.requested_port is not None:
            raise PortInUseError(
                f"port {self.requested_port} is in use by another program; "
                "pass another --port, or --port 0 for any free one"
            )
        raise PortInUseError(
            f"ports {DEFAULT_PORT}–{DEFAULT_PORT + PORT_ATTEMPTS - 1} are all in use; "
            "pass --port 0 for any free port"
        )

    # -- building ---------------------------------------------------------------------------

    def rebuild(self) -> PreviewBuild:
        """Build now with the normal build path; never raises for bad content."""
        with self._build_lock:
            started = time.perf_counter()
            generation = self._state.generation + 1
            previous = self._state.result
            try:
                # The incremental build path, as `build` uses: only changed pages are rendered.
                # One process: forking workers from a threaded server is not safe.
                built = build_to(self.root, self.out_dir, self.options, jobs=1, incremental=True)
            except ContentError as exc:
                result = PreviewBuild(
                    generation, time.perf_counter() - started, issues=tuple(exc.issues)
                )
            except NmtContentError as exc:
                result = PreviewBuild(generation, time.perf_counter() - started, error=str(exc))
            except Exception as exc:  # a template or a bug: show it, keep serving
                result = PreviewBuild(
                    generation, time.perf_counter() - started, error=describe_exception(exc)
                )
            else:
                if built.up_to_date and previous is not None and previous.ok:
                    # Saved without a change: same generation, so no page reloads.
                    generation = previous.generation
                result = PreviewBuild(
                    generation,
                    time.perf_counter() - started,
                    pages=built.pages,
                    files=built.files,
                    rendered=built.rendered,
                    unchanged=built.up_to_date,
                    notes=tuple(built.notes),
                )
            with self._state.changed:
                self._state.result = result
                self._state.generation = generation
                self._state.changed.notify_all()
        if self.on_build is not None:
            self.on_build(result)
        return result

    def _build_loop(self) -> None:
        while not self._stop.is_set():
            self._dirty.wait()
            if self._stop.is_set():
                return
            time.sleep(0.05)  # let an editor finish writing a burst of files
            self._dirty.clear()
            self.rebuild()

    # -- watching ---------------------------------------------------------------------------

    def watched(self) -> list[tuple[Path, bool]]:
        """The folders to watch, each with whether to watch it recursively."""
        targets = [(self.root.resolve(), False)]
        for folder in sorted(self._folders()):
            if folder.is_dir():
                targets.append((folder, True))
        return targets

    def _folders(self) -> set[Path]:
        """The watched folders that may appear or disappear while serving."""
        root = self.root.resolve()
        folders = {root / ARTICLES_DIR}
        if self.options.templates is not None:
            folders.add(self.options.templates.resolve())
        return folders

    def _relevant(self, path: str) -> bool:
        changed = Path(path)
        if changed.parent == self.root.resolve():
            return changed.name == PRACTICE_FILE or changed in self._folders()
        return True

    def _watch_loop(self) -> None:
        while not self._stop.is_set():
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
            self._watching.set()
            while not self._stop.is_set() and not restart.is_set():
                self._stop.wait(0.1)
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
        """Mark the build dirty on each relevant change; ask for a restart when folders come
        or go."""
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
                paths = [Path(p) for _change, p in changes if self._relevant(p)]
                if paths:
                    if self._folders().intersection(paths):
                        restart.set()
                    self._dirty.set()
        except (OSError, RuntimeError):
            ready.set()
            restart.set()  # the folder went away; watch what exists now
            time.sleep(0.25)

    # -- serving ----------------------------------------------------------------------------

    def events(self, timeout: float = KEEP_ALIVE_SECONDS) -> Iterator[int | None]:
        """The current generation, then each new one; None after ``timeout`` without a build."""
        state = self._state
        with state.changed:
            seen = state.generation
        yield seen
        while True:
            with state.changed:
                last = seen
                state.changed.wait_for(
                    lambda: state.stopping or state.generation != last,  # noqa: B023
                    timeout=timeout,
                )
                if state.stopping:
                    return
                current = state.generation
            if current == seen:
                yield None
            else:
                seen = current
                yield current

    def resolve(self, url_path: str) -> Path | None:
        """The built file for a URL path, or None; never a path outside the build folder."""
        path = posixpath.normpath(unquote(url_path))
        parts = [part for part in path.split("/") if part not in ("", ".")]
        if any(part == ".." or "\x00" in part for part in parts) or parts[-1:] == [MARKER]:
            return None
        file = self.out_dir.joinpath(*parts)
        if file.is_dir():
            file = file / "index.html"
        return file if file.is_file() else None


def describe_exception(exc: BaseException) -> str:
    """One line for an unexpected build error, with the template file and line when a template
    raised it."""
    where = ""
    if isinstance(exc, TemplateSyntaxError):
        where = f"{exc.filename or exc.name}:{exc.lineno}: "
    else:
        for frame in traceback.extract_tb(exc.__traceback__):
            if frame.filename.endswith((".html", ".xml", ".txt", ".j2", ".jinja")):
                where = f"{frame.filename}:{frame.lineno}: "
    message = str(exc.message if isinstance(exc, TemplateSyntaxError) else exc)
    return f"{where}{type(exc).__name__}: {message}"
