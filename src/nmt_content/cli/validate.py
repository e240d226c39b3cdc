"""`nmt-content validate`: load the knowledge base and summarise it, or report every problem."""

from __future__ import annotations

import argparse
import json
import sys
import time
from typing import TYPE_CHECKING

from ..errors import printable
from ..pipeline.loading import load_site
from ..site import Site
from .common import EXIT_OK, add_root_argument, terminal

if TYPE_CHECKING:
    from .common import Subparsers

__all__ = ["register", "site_as_json", "summary"]


def register(commands: Subparsers) -> None:
    validate = commands.add_parser(
        "validate",
        help="load the knowledge base and report every problem",
        description="Load practice.yaml and articles/, print a summary, or every problem found.",
    )
    add_root_argument(validate)
    validate.add_argument(
        "--json", action="store_true", help="print the loaded knowledge base as JSON on stdout"
    )
    validate.set_defaults(command=run)


def run(args: argparse.Namespace) -> int:
    term = terminal(args)
    started = time.perf_counter()
    site = load_site(args.root)
    term.detail(
        f"loaded practice.yaml and {len(site.articles)} articles in "
        f"{time.perf_counter() - started:.2f} s"
    )
    if args.json:
        json.dump(site_as_json(site), sys.stdout, indent=2, ensure_ascii=False, sort_keys=True)
        sys.stdout.write("\n")
    elif not term.quiet:
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
    return "".join(printable(line) + "\n" for line in lines)  # names and titles: one line each
