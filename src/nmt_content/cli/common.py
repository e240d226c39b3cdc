"""What every command shares: exit codes, the content-root argument and how problems are printed."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from ..errors import ContentError

if TYPE_CHECKING:
    Subparsers = argparse._SubParsersAction[argparse.ArgumentParser]

__all__ = [
    "EXIT_BAD_INPUT",
    "EXIT_FINDINGS",
    "EXIT_OK",
    "Command",
    "add_root_argument",
    "print_issues",
]

EXIT_OK = 0
EXIT_FINDINGS = 1
EXIT_BAD_INPUT = 2

Command = Callable[[argparse.Namespace], int]
"""A subcommand: parsed arguments in, exit code out. Library errors propagate to `main`."""


def add_root_argument(parser: argparse.ArgumentParser) -> None:
    """The optional positional content folder, default the current folder."""
    parser.add_argument(
        "root",
        nargs="?",
        default=".",
        type=Path,
        help="the content folder (default: the current folder)",
    )


def print_issues(error: ContentError, stream: TextIO) -> None:
    """Every problem of a failed load, one per line, then a count."""
    for issue in error.issues:
        print(issue.format(), file=stream)
    count = len(error.issues)
    print(f"{count} problem{'s' if count != 1 else ''} found; nothing was written.", file=stream)
