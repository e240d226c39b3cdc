"""The `nmt-content` command line: parse arguments, call the library, map errors to exit codes.

Exit codes: 0 success, 1 findings (`check`) or a stale output (`build --check`), 2 content that
cannot load or an output that cannot be written.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TextIO

from . import __version__
from .errors import ContentError, NmtContentError
from .loader import load_site
from .site import Site

__all__ = ["main"]

EXIT_OK = 0
EXIT_FINDINGS = 1
EXIT_BAD_INPUT = 2

Command = Callable[[argparse.Namespace], int]


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line and return its exit code."""
    parser = _parser()
    args = parser.parse_args(argv)
    command: Command = args.command
    try:
        return command(args)
    except ContentError as exc:
        _print_issues(exc, sys.stderr)
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

    validate = commands.add_parser(
        "validate",
        help="load the knowledge base and report every problem",
        description="Load practice.yaml and articles/, print a summary, or every problem found.",
    )
    validate.add_argument(
        "root",
        nargs="?",
        default=".",
        type=Path,
        help="the content folder (default: the current folder)",
    )
    validate.add_argument(
        "--json", action="store_true", help="print the loaded knowledge base as JSON on stdout"
    )
    validate.set_defaults(command=_validate)
    return parser


def _validate(args: argparse.Namespace) -> int:
    site = load_site(args.root)
    if args.json:
        json.dump(site_as_json(site), sys.stdout, indent=2, ensure_ascii=False, sort_keys=True)
        sys.stdout.write("\n")
    else:
        sys.stdout.write(summary(site))
    return EXIT_OK


def site_as_json(site: Site) -> dict[str, object]:
    """The loaded knowledge base as plain JSON data."""
    data: dict[str, object] = site.knowledge.model_dump(mode="json")
    data["articles"] = [
        {"source": a.source, **a.meta.model_dump(mode="json"), "body": a.body}
        for a in site.articles
    ]
    return data


def summary(site: Site) -> str:
    """A short human-readable account of what was loaded."""
    lines = [f"Practice: {site.practice.name} ({site.practice.url})"]
    lines.append(f"Offices ({len(site.locations)}):")
    lines += [
        f"  - {loc.name}: {loc.address.locality}, {loc.address.region}" for loc in site.locations
    ]
    for therapist in site.therapists:
        lines.append(f"Therapist: {therapist.name} ({len(therapist.credentials)} credentials)")
        for credential in therapist.credentials:
            issuer = (
                credential.issuer.short_name or credential.issuer.name
                if credential.issuer
                else None
            )
            number = f" #{credential.identifier}" if credential.identifier else ""
            by = f", {issuer}{number}" if issuer else number
            lines.append(f"  - {credential.name}{by}")
    lines.append(f"Services ({len(site.services)}): " + ", ".join(s.name for s in site.services))
    drafts = sum(a.meta.draft for a in site.articles)
    lines.append(f"Articles ({len(site.articles)}, {drafts} draft):")
    lines += [f"  - {a.meta.title} ({a.source})" for a in site.articles]
    return "\n".join(lines) + "\n"


def _print_issues(error: ContentError, stream: TextIO) -> None:
    for issue in error.issues:
        print(issue.format(), file=stream)
    count = len(error.issues)
    print(f"{count} problem{'s' if count != 1 else ''} found; nothing was written.", file=stream)
