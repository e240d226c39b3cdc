"""The `nmt-content` command line: parse arguments, call the library, map errors to exit codes.

Each command lives in its own module with a ``register(commands)`` that adds its parser and a
``run(args)`` that returns the exit code.

Exit codes: 0 success, 1 findings (`check`) or a stale output (`build --check`), 2 content that
cannot load or an output that cannot be written.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from .. import __version__
from ..errors import ContentError, NmtContentError
from . import build, check, inject, validate
from .common import EXIT_BAD_INPUT, Command, print_issues

__all__ = ["main"]

_COMMANDS = (validate, build, check, inject)
"""The command modules, in the order `--help` lists them."""


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line and return its exit code."""
    args = _parser().parse_args(argv)
    command: Command = args.command
    try:
        return command(args)
    except ContentError as exc:
        print_issues(exc, sys.stderr)
        return EXIT_BAD_INPUT
    except NmtContentError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_BAD_INPUT


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="nmt-content",
        description="Turn a massage practice's knowledge base into search-ready web content.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    commands = parser.add_subparsers(title="commands", required=True, metavar="COMMAND")
    for module in _COMMANDS:
        module.register(commands)
    return parser
