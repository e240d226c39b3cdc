"""`nmt-content serve`: preview the site locally, rebuilding and reloading on every change."""

from __future__ import annotations

import argparse
import signal
import threading
from collections.abc import Callable
from pathlib import Path
from types import FrameType
from typing import TYPE_CHECKING, Any

from ..content.listing import PRACTICE_FILE
from ..pipeline.plan import BuildOptions
from ..preview.server import DEFAULT_HOST, DEFAULT_PORT, PreviewBuild, PreviewServer
from .common import (
    EXIT_BAD_INPUT,
    EXIT_OK,
    add_root_argument,
    base_url_argument,
    missing_practice_hint,
    templates_argument,
    terminal,
)

if TYPE_CHECKING:
    from .common import Subparsers
    from .terminal import Terminal

__all__ = ["port_argument", "register"]

_STOP_SIGNALS = tuple(
    getattr(signal, name) for name in ("SIGTERM", "SIGHUP") if hasattr(signal, name)
)
"""Signals that stop the server as Ctrl-C does, removing its build folder (SIGHUP: the terminal
closed)."""


class _Stopped(Exception):
    """SIGTERM or SIGHUP arrived."""


def port_argument(value: str) -> int:
    """An argparse type for `--port`: 1–65535, or 0 for any free port; anything else is a usage
    error, exit 2."""
    try:
        port = int(value)
    except ValueError:
        port = -1
    if not 0 <= port <= 65535:
        raise argparse.ArgumentTypeError(
            f"{value!r} is not a port number: use 1–65535, or 0 for any free port"
        )
    return port


def register(commands: Subparsers) -> None:
    serve = commands.add_parser(
        "serve",
        help="preview the site on this computer; rebuilds and reloads the browser on every change",
        description="Build the site into a temporary folder and serve it on "
        f"http://{DEFAULT_HOST}:{DEFAULT_PORT}/. Every change to practice.yaml, articles/ or "
        "--templates rebuilds it and reloads open pages; content errors are shown in the page "
        "and in the terminal until the file is fixed. The built files on disk are never "
        "changed; the reload script is added only to served pages. Ctrl-C stops it.",
    )
    add_root_argument(serve)
    serve.add_argument(
        "--port",
        type=port_argument,
        default=None,
        help=f"the port (default: {DEFAULT_PORT}, or the next free one; 0 for any free port)",
    )
    serve.add_argument(
        "--host",
        nargs="?",
        const="0.0.0.0",
        default=DEFAULT_HOST,
        help=f"the address to listen on (default: {DEFAULT_HOST}, this computer only; ::1 for "
        "IPv6); --host alone listens on every network interface, e.g. to preview on a phone",
    )
    serve.add_argument(
        "--templates",
        type=templates_argument,
        default=None,
        help="a folder of templates that override the built-in ones (watched too)",
    )
    serve.add_argument(
        "--base-url", default=None, type=base_url_argument, help="override practice.url"
    )
    serve.add_argument(
        "--drafts",
        action=argparse.BooleanOptionalAction,
        default=True,
        help="show draft articles (default: yes; --no-drafts to preview what `build` publishes)",
    )
    serve.add_argument(
        "--poll",
        action="store_true",
        help="poll for changes instead of file-system events (network drives, some containers)",
    )
    serve.set_defaults(command=run)


def run(args: argparse.Namespace) -> int:
    term = terminal(args)
    if args.host not in (DEFAULT_HOST, "0.0.0.0") and Path(args.host).is_dir():
        term.error(f"--host took {args.host!r}, a folder, as the address to listen on")
        term.hint(f"put the folder first: nmt-content serve {args.host} --host")
        return EXIT_BAD_INPUT
    if not (args.root / PRACTICE_FILE).is_file():
        term.error(f"no {PRACTICE_FILE} in {args.root}; there is nothing to serve")
        term.hint(missing_practice_hint(args.root))
        return EXIT_BAD_INPUT
    options = BuildOptions(
        base_url=args.base_url, templates=args.templates, include_drafts=args.drafts
    )
    notes_seen: set[str] = set()

    def on_request(method: str, path: str, status: int) -> None:
        if not path.startswith("/__nmt/"):
            term.detail(f"{status} {method} {path}")

    server = PreviewServer(
        args.root,
        options=options,
        host=args.host,
        port=args.port,
        poll=args.poll,
        on_build=lambda result: report_build(term, result, notes_seen),
        on_request=on_request,
    )
    stopped: list[int] = []

    def on_signal(signum: int, _frame: FrameType | None) -> None:
        if not stopped:  # once: a second signal must not interrupt the clean-up
            stopped.append(signum)
            raise _Stopped

    previous = _on_stop_signals(on_signal)
    try:
        server.start()
        if server.port_note:
            term.warning(server.port_note)
        term.info(f"Serving {args.root} at ", emphasis=server.url)
        if args.host not in ("127.0.0.1", "localhost", "::1"):
            term.warning(f"listening on {args.host}: other computers on the network can see it")
        term.info("Watching for changes; press Ctrl-C to stop.")
        server.wait()
    except KeyboardInterrupt:
        term.info()  # past the ^C the terminal echoed
        term.info("Stopped.")
    except _Stopped:
        term.info("Stopped.")
    finally:
        stopped.append(0)  # from here on, a stop signal changes nothing
        server.stop()
        _restore_signals(previous)
    return EXIT_OK


def _on_stop_signals(handler: Callable[[int, FrameType | None], None]) -> dict[int, Any]:
    """Handle the stop signals with ``handler``; return the handlers they had. Only the main
    thread can handle signals; from any other, nothing changes."""
    if threading.current_thread() is not threading.main_thread():
        return {}
    return {signum: signal.signal(signum, handler) for signum in _STOP_SIGNALS}


def _restore_signals(previous: dict[int, Any]) -> None:
    for signum, handler in previous.items():
        signal.signal(signum, handler if handler is not None else signal.SIG_DFL)


def report_build(term: Terminal, result: PreviewBuild, notes_seen: set[str]) -> None:
    """One line per successful build; every problem of a failed one, on stderr. With
    ``--verbose``, the build's notes, each once."""
    if result.ok and result.unchanged:
        term.detail(f"no change ({result.seconds:.2f} s)")
        return
    if result.ok:
        fresh = "" if result.rendered == result.pages else f", {result.rendered} rendered"
        term.success(
            f"Built {result.pages} pages ({result.files} files{fresh}) in {result.seconds:.2f} s"
            + (f" [build {result.generation}]" if term.verbose else "")
        )
        for note in result.notes:
            if note not in notes_seen:
                notes_seen.add(note)
                term.detail(f"note: {note}")
        return
    for line in result.problems():
        term.problem(line)
    count = len(result.problems())
    term.hint(
        f"{count} problem{'s' if count != 1 else ''}; the page shows them too. "
        "Fix and save: the site rebuilds by itself"
    )
