"""The `nmt-content` command line: parse arguments, call the library, map errors to exit codes;
and scaffolding (`init`, `new article`). The top layer: may import anything, nothing imports it.

Each command lives in its own module with a ``register(commands)`` that adds its parser and a
``run(args)`` that returns the exit code. A command module's top level imports only what its
parser needs; its ``run`` imports the machinery of that command. So every command's arguments
are known to `--help` and to the "did you mean" of a mistyped flag, while `nmt-content build`
with nothing changed imports neither the models (pydantic) nor the renderer nor the check rules.

Exit codes: 0 success, 1 findings (`check`) or a stale output (`build --check`), 2 content that
cannot load or an output that cannot be written, 130 interrupted (Ctrl-C).
"""

from __future__ import annotations

import argparse
import difflib
import errno
import importlib
import os
import re
import signal
import sys
import threading
from collections.abc import Sequence
from pathlib import Path
from types import FrameType
from typing import NoReturn

from ..content.listing import PRACTICE_FILE
from ..errors import ContentError, NmtContentError, printable
from .common import (
    EXIT_BAD_INPUT,
    Command,
    add_output_flags,
    missing_practice_hint,
    print_issues,
)
from .terminal import Terminal

__all__ = ["main", "run"]

EXIT_INTERRUPTED = 130
"""Ctrl-C: 128 plus SIGINT, as a shell reports a program that its signal ended."""

_COMMANDS = ("validate", "build", "check", "serve", "new", "init", "inject", "schema")
"""The commands, in the order `--help` lists them; each is the module of that name, whose
``register`` adds the parser of that name (a test pins it)."""


def run() -> NoReturn:
    """The `nmt-content` program: :func:`main`, then exit at once.

    A command that loaded a large site leaves hundreds of thousands of objects behind; freeing
    them one by one at interpreter exit takes longer than some whole commands (a third of a
    second after checking 10,000 articles). Everything the command writes is closed by the time
    :func:`main` returns, so the process flushes its standard streams and ends without that.
    """
    code = main()
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line and return its exit code."""
    words = list(sys.argv[1:] if argv is None else argv)
    with _CtrlC() as ctrl_c:
        try:
            parser = _parser(words)  # imports every command's parser: it takes a moment
            parser.argv = words
            args = parser.parse_args(parser.argv)
            return _dispatch(args.command, args)
        except KeyboardInterrupt:
            pass
        except Exception:
            if not ctrl_c.pressed:
                raise
            # Some libraries turn the KeyboardInterrupt raised in a function they called into an
            # error of their own (pydantic's serializer does); after Ctrl-C it is the interrupt.
    Terminal().error("interrupted")
    return EXIT_INTERRUPTED


class _CtrlC:
    """While in use, Ctrl-C raises KeyboardInterrupt as usual and is also remembered.

    Installed only from the main thread and over Python's own handler: a program that called
    :func:`main` with a handler of its own keeps it."""

    def __init__(self) -> None:
        self.pressed = False
        self._installed = False

    def __enter__(self) -> _CtrlC:
        if (
            threading.current_thread() is threading.main_thread()
            and signal.getsignal(signal.SIGINT) is signal.default_int_handler
        ):
            signal.signal(signal.SIGINT, self._interrupt)
            self._installed = True
        return self

    def __exit__(self, *exc_info: object) -> None:
        if self._installed:
            signal.signal(signal.SIGINT, signal.default_int_handler)

    def _interrupt(self, signum: int, frame: FrameType | None) -> None:
        self.pressed = True
        raise KeyboardInterrupt


def _dispatch(command: Command, args: argparse.Namespace) -> int:
    """Run ``command``, mapping the errors a user can act on to a message and an exit code."""
    try:
        return command(args)
    except ContentError as exc:
        print_issues(exc, sys.stderr)
        _hint_missing_practice(exc, args)
        return EXIT_BAD_INPUT
    except NmtContentError as exc:
        term = Terminal()
        term.error(str(exc))
        hint = getattr(exc, "hint", None)
        if hint:
            term.hint(hint)
        return EXIT_BAD_INPUT
    except UnicodeEncodeError as exc:
        encoding = sys.getfilesystemencoding()
        if encoding.lower().replace("-", "") == "utf8":
            raise
        term = Terminal()
        term.error(f"a file name cannot be written in this locale's encoding ({encoding}): {exc}")
        term.hint("run with a UTF-8 locale, e.g. LC_ALL=C.UTF-8, or set PYTHONUTF8=1")
        return EXIT_BAD_INPUT
    except Exception as exc:
        problem = _template_problem(exc)  # first: Jinja's TemplateNotFound is an OSError too
        if problem is not None:
            Terminal().error(printable(problem))
            return EXIT_BAD_INPUT
        if isinstance(exc, OSError):  # the system refused a read or write we did not expect
            _refused(exc)
            return EXIT_BAD_INPUT
        raise


def _refused(exc: OSError) -> None:
    where = f"{os.fsdecode(exc.filename)}: " if exc.filename is not None else ""
    reason = exc.strerror or str(exc)
    Terminal().error(printable(f"{where}{reason[:1].lower()}{reason[1:]}"))
    if exc.errno == errno.ENOSPC:
        Terminal().hint("the disk is full: free some space and run the command again")


def _template_problem(exc: Exception) -> str | None:
    """A template error as one line: file:line: what is wrong; None for any other error.

    Jinja is imported only by the commands that render: when it was never imported, the error
    cannot be one of its own (and a command that did not render need not pay for importing it).
    """
    jinja2 = sys.modules.get("jinja2")
    if jinja2 is None or not isinstance(exc, jinja2.TemplateError):
        return None
    if isinstance(exc, jinja2.TemplateSyntaxError):
        where = exc.filename or exc.name or "<template>"
        return f"{where}:{exc.lineno}: template error: {exc.message}"
    if isinstance(exc, jinja2.TemplateNotFound):
        return f"template error: no template {exc.name!r} in the templates folder or built in"
    return f"template error: {exc.message or type(exc).__name__}"


def _hint_missing_practice(error: ContentError, args: argparse.Namespace) -> None:
    """The commonest first mistake: running in a folder that is not a content folder."""
    if any(i.path == PRACTICE_FILE and i.message.startswith("no ") for i in error.issues):
        Terminal().hint(missing_practice_hint(getattr(args, "root", Path("."))))


class _Parser(argparse.ArgumentParser):
    """argparse, with a "did you mean" for a misspelled command, choice or option."""

    options_of: dict[str, frozenset[str]] = {}  # noqa: RUF012 (set once, by _parser)
    """Each command's long options, to suggest one for a misspelled flag."""
    argv: list[str] = []  # noqa: RUF012

    def error(self, message: str) -> NoReturn:
        match = re.search(r"invalid choice: '([^']*)' \(choose from (.*)\)", message)
        if match:
            choices = re.findall(r"'([^']*)'", match[2])
            close = difflib.get_close_matches(match[1], choices, n=1, cutoff=0.5)
            if close:
                message += f"; did you mean `{close[0]}`?"
        elif message.startswith("unrecognized arguments: "):
            for word in message.removeprefix("unrecognized arguments: ").split():
                flag = word.split("=", 1)[0]
                command = next((a for a in self.argv if a in self.options_of), "")
                known = self.options_of.get(command, frozenset())
                if flag.startswith("--"):
                    close = difflib.get_close_matches(flag, known, n=1, cutoff=0.6)
                    if close:
                        message += f"; did you mean `{close[0]}`?"
                        break
        super().error(message)


def _parser(argv: Sequence[str] = ()) -> _Parser:
    """The parser of every command; or, when ``argv`` names a command, only that command's:
    importing a command's module (and what its parser needs) is most of the start-up, and
    argparse only ever parses the arguments of the command named."""
    from .. import __version__

    parser = _Parser(
        prog="nmt-content",
        description="Turn a massage practice's knowledge base into search-ready web content.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    commands = parser.add_subparsers(title="commands", required=True, metavar="COMMAND")
    named = next((word for word in argv if not word.startswith("-")), None)
    for name in (named,) if named in _COMMANDS else _COMMANDS:
        importlib.import_module(f".{name}", __name__).register(commands)
    for subparser in commands.choices.values():
        add_output_flags(subparser)
    parser.options_of = {
        name: frozenset(
            option
            for action in subparser._actions
            for option in action.option_strings
            if option.startswith("--")
        )
        for name, subparser in commands.choices.items()
    }
    return parser
