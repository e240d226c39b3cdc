"""What every command shares: exit codes, the content-root argument and how problems are printed."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from ..errors import ContentError
from .terminal import Terminal

if TYPE_CHECKING:
    Subparsers = argparse._SubParsersAction[argparse.ArgumentParser]

__all__ = [
    "EXIT_BAD_INPUT",
    "EXIT_FINDINGS",
    "EXIT_OK",
    "Command",
    "add_jobs_argument",
    "add_output_flags",
    "add_root_argument",
    "base_url_argument",
    "language_tag",
    "missing_practice_hint",
    "print_issues",
    "terminal",
]

EXIT_OK = 0
EXIT_FINDINGS = 1
EXIT_BAD_INPUT = 2

Command = Callable[[argparse.Namespace], int]
"""A subcommand: parsed arguments in, exit code out. Library errors propagate to `main`."""


def add_jobs_argument(parser: argparse.ArgumentParser, what: str) -> None:
    """``-j/--jobs N``: how many processes do ``what``; None (the default) means one per core."""
    parser.add_argument(
        "-j",
        "--jobs",
        type=_jobs,
        default=None,
        metavar="N",
        help=f"{what} in N processes (default: one per core; 1 works in this process). "
        "The result is the same whatever N",
    )


def _jobs(value: str) -> int:
    try:
        jobs = int(value)
    except ValueError:
        jobs = 0
    if jobs < 1:
        raise argparse.ArgumentTypeError(
            f"expected a whole number of processes, 1 or more: {value}"
        )
    return jobs


def add_root_argument(parser: argparse.ArgumentParser) -> None:
    """The optional positional content folder, default the current folder."""
    parser.add_argument(
        "root",
        nargs="?",
        default=".",
        type=Path,
        help="the content folder (default: the current folder)",
    )


def base_url_argument(value: str) -> str:
    """An argparse type for `--base-url`: a malformed URL (not http(s), or with spaces or control
    characters that could start a new line in robots.txt) is a usage error, exit 2."""
    from ..urls import normalise_base_url  # imports the models: only when --base-url is given

    try:
        normalise_base_url(value)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None
    return value


def templates_argument(value: str) -> Path:
    """An argparse type for `--templates`: a folder that does not exist is a usage error (it
    would otherwise be ignored, and the built-in templates used without a word)."""
    folder = Path(value)
    if not folder.is_dir():
        what = "does not exist" if not folder.exists() else "is not a folder"
        raise argparse.ArgumentTypeError(f"the templates folder {value} {what}")
    return folder


def add_output_flags(parser: argparse.ArgumentParser) -> None:
    """`--quiet` and `--verbose`, unless the command already defines them itself."""
    existing = {option for action in parser._actions for option in action.option_strings}
    quiet = [option for option in ("-q", "--quiet") if option not in existing]
    if "--quiet" in quiet:
        parser.add_argument(*quiet, action="store_true", help="print only errors and warnings")
    verbose = [option for option in ("-v", "--verbose") if option not in existing]
    if "--verbose" in verbose:
        parser.add_argument(
            *verbose, action="store_true", help="print more detail, such as timings"
        )


def missing_practice_hint(root: Path) -> str:
    """What to do when ``root`` has no practice.yaml: the parent may be the content folder (the
    user passed articles/), or this is a new practice."""
    for parent in Path(root).resolve().parents[:2]:
        if (parent / "practice.yaml").is_file():
            return f"practice.yaml is in {parent}; pass that folder as ROOT"
    return (
        f"run `nmt-content init {root}` to start a practice there, or pass the content folder "
        "(the one with practice.yaml and articles/) as ROOT"
    )


def terminal(args: argparse.Namespace) -> Terminal:
    """The terminal for a command, honouring its `--quiet` and `--verbose`."""
    return Terminal(
        quiet=bool(getattr(args, "quiet", False)), verbose=bool(getattr(args, "verbose", False))
    )


def print_issues(error: ContentError, stream: TextIO) -> None:
    """Every problem of a failed load, one per line, then a count."""
    term = Terminal(err=stream)
    for issue in error.issues:
        print(term.colour_problem(issue.format(), stream), file=stream)
    count = len(error.issues)
    print(f"{count} problem{'s' if count != 1 else ''} found; nothing was written.", file=stream)


def language_tag(value: str) -> str:
    """An argparse type: a BCP 47 language tag (``es-US``), as the models accept it."""
    # Imported here, when the option is given: pydantic would add a third to every command's
    # start-up (see the package's text).
    from pydantic import TypeAdapter, ValidationError

    from ..models.types import LanguageTag

    try:
        return TypeAdapter(LanguageTag).validate_python(value)
    except ValidationError:
        message = f"{value!r} is not a BCP 47 language tag such as `en` or `es-US`"
        raise argparse.ArgumentTypeError(message) from None
