"""`nmt-content new article "Title"`: start an article with front matter to fill in."""

from __future__ import annotations

import argparse
import shlex
import sys
from collections.abc import Sequence
from datetime import date
from typing import TYPE_CHECKING

from ..models import Therapist
from .common import EXIT_OK, add_root_argument, language_tag, terminal
from .scaffold import new_article

if TYPE_CHECKING:
    from .common import Subparsers

__all__ = ["register"]


def register(commands: Subparsers) -> None:
    new = commands.add_parser(
        "new",
        help="start a new article: articles/<slug>.md with front matter to fill in",
        description="Write articles/<slug>.md with the title, today's date, the author and "
        "TODO placeholders that `validate` accepts and `check` reports. The author is the only "
        "therapist; with several, name one with --author (or pick one when asked, on a "
        "terminal). An existing file is never overwritten.",
    )
    new.add_argument("kind", type=_kind, metavar="article", help="what to create: article")
    new.add_argument("title", help='the article\'s title, in quotes: "Easing a stiff neck"')
    add_root_argument(new)
    new.add_argument(
        "--service",
        action="append",
        default=[],
        metavar="ID",
        help="the id of a service in practice.yaml the article is about (repeatable)",
    )
    new.add_argument("--author", metavar="ID", help="the id of the therapist who writes it")
    new.add_argument(
        "--date",
        type=date.fromisoformat,
        default=None,
        metavar="YYYY-MM-DD",
        help="the publication date (default: today)",
    )
    new.add_argument(
        "--language",
        type=language_tag,
        metavar="TAG",
        help="the article's language (BCP 47: es-US), when not the practice's; the scaffold is "
        "written in Spanish for Spanish",
    )
    new.set_defaults(command=run)


def run(args: argparse.Namespace) -> int:
    term = terminal(args)
    path = new_article(
        args.root,
        args.title,
        services=args.service,
        author=args.author,
        published=args.date,
        choose_author=_ask_author if sys.stdin.isatty() and sys.stdout.isatty() else None,
        language=args.language,
    )
    term.success(f"Created {path}")
    term.info(
        f"Next: write it, then fill in its description; `nmt-content serve {args.root}` shows it."
    )
    return EXIT_OK


def _kind(value: str) -> str:
    if value != "article":
        raise argparse.ArgumentTypeError(
            f"`new` creates an article; write: nmt-content new article {shlex.quote(value)}"
        )
    return value


def _ask_author(therapists: Sequence[Therapist]) -> str:
    print("Who writes this article?")
    for number, therapist in enumerate(therapists, start=1):
        print(f"  {number}. {therapist.name} ({therapist.id})")
    while True:
        answer = input(f"Number or id [1-{len(therapists)}]: ").strip()
        if answer.isdigit() and 1 <= int(answer) <= len(therapists):
            return therapists[int(answer) - 1].id
        if any(t.id == answer for t in therapists):
            return answer
        print("Please type one of the numbers or ids above.")
