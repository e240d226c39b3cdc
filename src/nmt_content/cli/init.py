"""`nmt-content init DIR`: start a new practice folder."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

from .common import EXIT_OK, language_tag, terminal
from .scaffold import init_practice

if TYPE_CHECKING:
    from .common import Subparsers

__all__ = ["register"]


def register(commands: Subparsers) -> None:
    init = commands.add_parser(
        "init",
        help="start a new practice: a commented practice.yaml and an example article",
        description="Create DIR with a practice.yaml whose comments explain every field, and "
        "one example article. Placeholders are marked TODO: `validate` and `build` work at once, "
        "and `check` lists what is left to fill in. Refuses a folder that already has a "
        "practice.yaml.",
    )
    init.add_argument(
        "dir", type=Path, nargs="?", default=Path("."), help="the new content folder (default: .)"
    )
    init.add_argument(
        "--language",
        type=language_tag,
        metavar="TAG",
        help="the site's language (BCP 47: es-US); for Spanish, practice.yaml's comments and "
        "the example article are in Spanish",
    )
    init.set_defaults(command=run)


def run(args: argparse.Namespace) -> int:
    term = terminal(args)
    result = init_practice(args.dir, language=args.language)
    for file in result.files:
        term.info(f"created {file}")
    term.success(f"Started a practice in {result.folder}. Next:")
    term.info(f"  1. fill in the TODOs in {result.folder / 'practice.yaml'}")
    term.info(f"  2. nmt-content serve {result.folder}   # preview it as you write")
    term.info(f"  3. nmt-content check {result.folder}   # what is still missing")
    return EXIT_OK
