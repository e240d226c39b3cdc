"""A local preview server: build on start, rebuild on every change, reload the browser.

The site is built with the normal build and writer into a temporary folder this module owns, and
served from there by a threaded HTTP server on 127.0.0.1 (or the address given, IPv6 included);
the HTTP side (request handler, reload script, error overlay) is :mod:`.http`, a build and its
outcome :mod:`.rebuild`, the file watching :mod:`.watch`, and which requests are answered
:mod:`.origin`. Only served HTML responses get a small `<script src="/__nmt/reload.js">` before
`</body>`; the built files on disk never change. The script listens to ``/__nmt/reload``
(Server-Sent Events) and reloads the page when the build generation moves on.

When the content cannot be built, every page answers with an error overlay listing each problem
(file:line field message), the terminal gets the same list, and the server keeps running: fixing
the file rebuilds and the browser reloads into the site again.
"""

from __future__ import annotations

import errno
import socket
import sys
import tempfile
import threading
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from http.server import ThreadingHTTPServer
from pathlib import Path
from typing import Any

from ..errors import NmtContentError, PortInUseError
from ..pipeline.output_state import MARKER
from ..pipeline.plan import BuildOptions
from .http import RELOAD_PATH, handler_for, inject_reload_script, overlay_page
from .live import LiveSite
from .origin import WILDCARD_HOSTS, host_allowed, origin_name, url_parts
from .rebuild import PreviewBuild, build_preview, describe_exception, update_preview
from .watch import Watcher

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


@dataclass
class _State:
    result: PreviewBuild | None = None
    generation: int = 0
    stopping: bool = False
    changed: threading.Condition = field(default_factory=threading.Condition)


class _HttpServer(ThreadingHTTPServer):
    """A threaded HTTP server that says nothing when a browser goes away mid-response."""

    def handle_error(self, request: Any, client_address: Any) -> None:
        if isinstance(sys.exc_info()[1], ConnectionError | TimeoutError):
            return  # a closed tab or a cancelled load: nothing went wrong here
        super().handle_error(request, client_address)


class _HttpServer6(_HttpServer):
    address_family = socket.AF_INET6


class PreviewServer:
    """Serve a content folder at ``url``, rebuilding it whenever its files change.

    Use as a context manager (or call :meth:`start` and :meth:`stop`); :meth:`rebuild` builds now.
    ``on_build`` is called after every build, ``on_request`` for every request (method, path,
    status), from the server's threads. Only requests whose ``Host`` names this server are
    answered (see :mod:`.origin`).
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
        if port is not None and not 0 <= port <= 65535:
            raise ValueError(f"port {port} is not a port number (1–65535, or 0 for any free one)")
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
        self._changed: set[Path] = set()
        """What the watcher reported since the build loop last looked (under ``_dirty_lock``)."""
        self._dirty_lock = threading.Lock()
        self._unsynced: set[Path] = set()
        """Files saved since what is served was last in step with them (a file that did not load)."""
        self._live: LiveSite | None = None
        self._watcher = Watcher(
            self.root,
            templates=self.options.templates,
            poll=poll,
            on_change=self._note_changes,
            stop=self._stop,
        )
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
        host = self.host
        if host in WILDCARD_HOSTS:  # every interface: this computer's own address
            host = "::1" if host == "::" else "127.0.0.1"
        return f"http://{origin_name(host)}:{self.port}/"

    @property
    def last_build(self) -> PreviewBuild | None:
        return self._state.result

    def answers(self, host_header: str | None) -> bool:
        """Whether a request with this ``Host`` header is for this server."""
        return host_allowed(host_header, self.host, self.port)

    def start(self) -> PreviewServer:
        """Bind the port, build once, then serve and watch in background threads."""
        self._httpd = self._bind()
        self.port = int(self._httpd.server_address[1])
        self._workdir = tempfile.TemporaryDirectory(prefix="nmt-content-serve-")
        self._live = LiveSite(self.root, self.out_dir)
        if self.watch:  # watch first, so no change between the first build and the watch is lost
            self._spawn(self._watcher.run, "nmt-serve-watch")
            self._watcher.ready.wait(timeout=5)
        self.rebuild()
        httpd = self._httpd
        self._spawn(lambda: httpd.serve_forever(poll_interval=0.1), "nmt-serve-http")
        self._serving = True
        if self.watch:
            self._spawn(self._build_loop, "nmt-serve-build")
        return self

    def stop(self) -> None:
        """Stop serving and watching, and remove the build folder. Safe to call twice."""
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
            self._live = None

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
        server_class = _HttpServer6 if ":" in self.host else _HttpServer
        if self.requested_port is not None:
            candidates: Sequence[int] = [self.requested_port]
        else:
            candidates = range(DEFAULT_PORT, DEFAULT_PORT + PORT_ATTEMPTS)
        for port in candidates:
            try:
                server = server_class((self.host, port), handler)
            except OSError as exc:
                if exc.errno != errno.EADDRINUSE:
                    raise NmtContentError(
                        f"cannot listen on {origin_name(self.host)}:{port}: {exc.strerror or exc}"
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

    def rebuild(self, changed: Iterable[Path] | None = None) -> PreviewBuild:
        """Build now; never raises for bad content.

        With ``changed`` (the absolute paths of the files saved since the last build), a save
        of one article's body renders only its page, in memory (:mod:`.live`); anything else,
        or no ``changed``, is the normal incremental build of the folder.
        """
        with self._build_lock:
            previous, live = self._state.result, self._live
            result = None
            if changed is not None and live is not None:
                saved = self._unsynced | set(changed)
                result = update_preview(live, saved, previous)
                self._unsynced = saved if result is not None and result.issues else set()
            if result is None:
                self._unsynced = set()
                result = build_preview(self.root, self.out_dir, self.options, previous, live)
            self._publish(result)
        if self.on_build is not None:
            self.on_build(result)
        if live is not None and not result.in_memory:
            try:
                live.warm()  # ready for the next save
            except Exception:  # a save will show it, through a folder build
                live.forget()
        return result

    def _publish(self, result: PreviewBuild) -> None:
        with self._state.changed:
            self._state.result = result
            self._state.generation = result.generation
            self._state.changed.notify_all()

    def _note_changes(self, paths: Iterable[Path]) -> None:
        with self._dirty_lock:
            self._changed.update(paths)
        self._dirty.set()

    def _build_loop(self) -> None:
        while not self._stop.is_set():
            self._dirty.wait()
            if self._stop.is_set():
                return
            self._stop.wait(0.02)  # let an editor finish writing a burst of files
            with self._dirty_lock:
                self._dirty.clear()
                changed, self._changed = self._changed, set()
            self.rebuild(changed)

    def watched(self) -> list[tuple[Path, bool]]:
        """The folders watched, each with whether it is watched recursively."""
        return self._watcher.watched()

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

    def read(self, file: Path) -> bytes:
        """The bytes served for ``file`` (from :meth:`resolve`): as built, or as rendered in
        memory since."""
        live = self._live
        return live.read(file) if live is not None else file.read_bytes()

    def resolve(self, url_path: str) -> Path | None:
        """The built file for a URL path, or None; never a path outside the build folder."""
        parts = url_parts(url_path)
        if parts is None or parts[-1:] == [MARKER]:
            return None
        file = self.out_dir.joinpath(*parts)
        if file.is_dir():
            file = file / "index.html"
        return file if file.is_file() else None
