"""A minimal Chrome DevTools Protocol client over Chromium's debugging pipe, standard library only.

Chromium started with ``--remote-debugging-pipe`` reads commands from file descriptor 3 and writes
replies and events to file descriptor 4, each a JSON object ended by a NUL byte. Compared with
``--remote-debugging-port`` this needs no free port (no race with other processes), no WebSocket
library, and the browser exits when the pipe closes, so a failed test leaves no browser behind.
Compared with ``--dump-dom`` or ``--screenshot`` it sees console messages, network requests and
layout, and can change the viewport and the media type between loads.
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
import queue
import subprocess
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

FLAGS = (
    "--headless=new",
    "--no-sandbox",  # tests run as root in CI containers, where the sandbox cannot start
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--no-first-run",
    "--no-default-browser-check",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-extensions",
    "--disable-features=Translate,MediaRouter,OptimizationHints",
    "--remote-debugging-pipe",
)


class CdpError(RuntimeError):
    """A command failed, or the browser did not answer in time."""


class Browser:
    """One headless Chromium; ``call`` sends a command, ``events`` holds what it reported."""

    def __init__(self, binary: str, profile: Path) -> None:
        to_browser_read, self._to_browser = os.pipe()
        self._from_browser, from_browser_write = os.pipe()

        def wire_pipes() -> None:  # in the child: fd 3 = commands in, fd 4 = messages out
            # Move both ends above 4 first, so that placing one cannot overwrite the other.
            commands = fcntl.fcntl(to_browser_read, fcntl.F_DUPFD, 10)
            messages = fcntl.fcntl(from_browser_write, fcntl.F_DUPFD, 10)
            os.dup2(commands, 3)
            os.dup2(messages, 4)

        self.process = subprocess.Popen(
            [binary, *FLAGS, f"--user-data-dir={profile}", "about:blank"],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            pass_fds=(3, 4),  # kept open when the other descriptors are closed
            preexec_fn=wire_pipes,  # runs in the child between fork and exec
        )
        os.close(to_browser_read)
        os.close(from_browser_write)
        self._next_id = 0
        self._replies: dict[int, queue.Queue[dict[str, Any]]] = {}
        self._lock = threading.Lock()
        self.events: queue.Queue[dict[str, Any]] = queue.Queue()
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def _read(self) -> None:
        buffer = b""
        while True:
            try:
                chunk = os.read(self._from_browser, 65536)
            except OSError:
                return
            if not chunk:
                return
            buffer += chunk
            *messages, buffer = buffer.split(b"\0")
            for raw in messages:
                message = json.loads(raw)
                if "id" in message:
                    with self._lock:
                        waiting = self._replies.get(message["id"])
                    if waiting is not None:
                        waiting.put(message)
                else:
                    self.events.put(message)

    def call(
        self,
        method: str,
        params: dict[str, Any] | None = None,
        *,
        session: str | None = None,
        timeout: float = 30.0,
    ) -> dict[str, Any]:
        with self._lock:
            self._next_id += 1
            message_id = self._next_id
            reply: queue.Queue[dict[str, Any]] = queue.Queue()
            self._replies[message_id] = reply
        message: dict[str, Any] = {"id": message_id, "method": method, "params": params or {}}
        if session is not None:
            message["sessionId"] = session
        os.write(self._to_browser, json.dumps(message).encode() + b"\0")
        try:
            answer = self._await(reply, method, timeout)
        finally:
            with self._lock:
                del self._replies[message_id]
        if "error" in answer:
            raise CdpError(f"{method}: {answer['error']}")
        result: dict[str, Any] = answer.get("result", {})
        return result

    def _await(
        self, reply: queue.Queue[dict[str, Any]], method: str, timeout: float
    ) -> dict[str, Any]:
        """The reply, or an error as soon as the browser has exited or the time is up."""
        deadline = time.monotonic() + timeout
        while True:
            try:
                return reply.get(timeout=0.5)
            except queue.Empty:
                if self.process.poll() is not None:
                    code = self.process.returncode
                    raise CdpError(f"{method}: chromium exited with status {code}") from None
                if time.monotonic() > deadline:
                    raise CdpError(f"{method}: no answer in {timeout} s") from None

    def wait_for(self, method: str, session: str, timeout: float = 30.0) -> list[dict[str, Any]]:
        """Every event up to and including the first ``method`` event of ``session``."""
        seen: list[dict[str, Any]] = []
        deadline = time.monotonic() + timeout
        while True:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise CdpError(f"no {method} event in {timeout} s")
            try:
                event = self.events.get(timeout=remaining)
            except queue.Empty:
                continue
            seen.append(event)
            if event.get("method") == method and event.get("sessionId") == session:
                return seen

    def drain(self, quiet: float = 0.3) -> list[dict[str, Any]]:
        """The events that arrive until none has come for ``quiet`` seconds."""
        seen: list[dict[str, Any]] = []
        while True:
            try:
                seen.append(self.events.get(timeout=quiet))
            except queue.Empty:
                return seen

    def close(self) -> None:
        with contextlib.suppress(OSError):
            os.close(self._to_browser)
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(timeout=10)
        with contextlib.suppress(OSError):
            os.close(self._from_browser)


@contextlib.contextmanager
def launch(binary: str, profile: Path) -> Iterator[Browser]:
    browser = Browser(binary, profile)
    try:
        browser.call("Browser.getVersion", timeout=60)
        yield browser
    finally:
        browser.close()
