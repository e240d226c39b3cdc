"""Terminal output: colour only on a terminal, and never when the environment says no.

The rules, in order: `NO_COLOR` (any non-empty value) turns colour off; `FORCE_COLOR` (non-empty,
not `0`) turns it on even for a pipe; `CI` or `TERM=dumb` turns it off; otherwise colour is used
only when the stream is a TTY. See https://no-color.org and https://force-color.org.

Every message is printed through :func:`~nmt_content.printable.printable` before it is coloured: a
message is one line, and a file name or a request path in it cannot start another line or send the
terminal a control sequence. Only the colours added here reach the terminal as escape codes.
"""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Mapping
from typing import TextIO

from ..errors import printable

__all__ = ["Terminal", "is_interactive", "wants_colour"]

_CODES = {"bold": "1", "dim": "2", "red": "31", "green": "32", "yellow": "33", "cyan": "36"}
_LOCATION = re.compile(r"^(?P<where>[^\s:][^:]*(?::\d+){0,2}): (?P<level>error|warning|info)\b")


def wants_colour(stream: TextIO, environ: Mapping[str, str] | None = None) -> bool:
    """Whether to colour what is written to ``stream``."""
    env = os.environ if environ is None else environ
    if env.get("NO_COLOR"):
        return False
    force = env.get("FORCE_COLOR")
    if force and force != "0":
        return True
    return is_interactive(stream, env)


def is_interactive(stream: TextIO, environ: Mapping[str, str] | None = None) -> bool:
    """Whether ``stream`` is a terminal a person watches: a TTY, with neither `CI` set nor
    `TERM=dumb`. Colour and the progress bar both ask this."""
    env = os.environ if environ is None else environ
    if env.get("CI") or env.get("TERM") == "dumb":
        return False
    isatty = getattr(stream, "isatty", None)
    try:
        return bool(isatty and isatty())
    except ValueError:  # a closed stream
        return False


class Terminal:
    """Writes messages to stdout and problems to stderr, coloured where :func:`wants_colour`.

    ``quiet`` keeps only errors; ``verbose`` adds detail lines.
    """

    def __init__(
        self,
        *,
        quiet: bool = False,
        verbose: bool = False,
        out: TextIO | None = None,
        err: TextIO | None = None,
    ) -> None:
        self.quiet = quiet
        self.verbose = verbose and not quiet
        self.out = out if out is not None else sys.stdout
        self.err = err if err is not None else sys.stderr

    def paint(self, text: str, *styles: str, stream: TextIO | None = None) -> str:
        """``text`` in the given styles when ``stream`` (default stdout) takes colour."""
        if not styles or not wants_colour(stream if stream is not None else self.out):
            return text
        codes = ";".join(_CODES[style] for style in styles)
        return f"\x1b[{codes}m{text}\x1b[0m"

    def info(self, message: str = "", *, emphasis: str = "") -> None:
        """A normal progress message on stdout; hidden by ``--quiet``. ``emphasis`` follows the
        message in bold (a URL to open)."""
        if not self.quiet:
            text = printable(message)
            if emphasis:
                text += self.paint(printable(emphasis), "bold", "cyan")
            print(text, file=self.out, flush=True)

    def success(self, message: str) -> None:
        if not self.quiet:
            print(self.paint(printable(message), "green"), file=self.out, flush=True)

    def detail(self, message: str) -> None:
        """Shown only with ``--verbose``."""
        if self.verbose:
            print(self.paint(printable(message), "dim", stream=self.err), file=self.err, flush=True)

    def hint(self, message: str) -> None:
        """Advice after an error, on stderr (shown even with ``--quiet``)."""
        text = self.paint(f"hint: {printable(message)}", "cyan", stream=self.err)
        print(text, file=self.err, flush=True)

    def warning(self, message: str) -> None:
        if not self.quiet:
            label = self.paint("warning:", "yellow", "bold", stream=self.err)
            print(f"{label} {printable(message)}", file=self.err, flush=True)

    def error(self, message: str) -> None:
        label = self.paint("error:", "red", "bold", stream=self.err)
        print(f"{label} {printable(message)}", file=self.err, flush=True)

    def problem(self, line: str) -> None:
        """A `path:line:col: error: …` line, with the location bold and the level coloured."""
        print(self.colour_problem(line, self.err), file=self.err, flush=True)

    def colour_problem(self, line: str, stream: TextIO) -> str:
        """``line``, made printable, with its location and level coloured for ``stream``."""
        line = printable(line)
        match = _LOCATION.match(line)
        if match is None or not wants_colour(stream):
            return line
        level = match["level"]
        colour = {"error": "red", "warning": "yellow", "info": "cyan"}[level]
        where = self.paint(match["where"] + ":", "bold", stream=stream)
        label = self.paint(level, colour, "bold", stream=stream)
        return f"{where} {label}{line[match.end() :]}"
