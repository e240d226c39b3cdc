"""`nmt-content check`: build in memory and apply the rules."""

from __future__ import annotations

import argparse
import sys
import time
from datetime import date
from typing import TYPE_CHECKING

from ..checks import FORMATS, format_findings
from ..content.digests import template_digests
from ..content.loader import read_sources
from ..pipeline.build_to import default_jobs
from ..pipeline.check_memo import load_memo, save_memo
from ..pipeline.check_pass import check_site
from ..pipeline.loading import load_site
from ..pipeline.plan import BuildOptions
from .common import (
    add_jobs_argument,
    add_root_argument,
    base_url_argument,
    templates_argument,
    terminal,
)

if TYPE_CHECKING:
    from .common import Subparsers

__all__ = ["register"]


def register(commands: Subparsers) -> None:
    check = commands.add_parser(
        "check",
        help="check SEO, structured data and California-practice rules",
        description="Build the site in memory and check it. Exit code: 0 without errors "
        "(with --strict: without warnings), 1 with findings, 2 when the content cannot load.",
    )
    add_root_argument(check)
    check.add_argument(
        "--format",
        choices=FORMATS,
        default="text",
        help="text (default), json, github (workflow commands) or sarif",
    )
    check.add_argument("--strict", action="store_true", help="fail on warnings too")
    check.add_argument(
        "--base-url", default=None, type=base_url_argument, help="override practice.url"
    )
    check.add_argument(
        "--templates",
        type=templates_argument,
        default=None,
        help="check pages rendered with these templates",
    )
    add_jobs_argument(check, "load, build and check")
    check.add_argument(
        "--no-cache",
        action="store_true",
        help="parse and measure every article, ignoring the content cache in ROOT/.nmt-cache",
    )
    check.set_defaults(command=run)


def run(args: argparse.Namespace) -> int:
    term = terminal(args)
    started = time.perf_counter()
    jobs = args.jobs if args.jobs is not None else default_jobs()
    site = load_site(args.root, jobs=jobs, cache=not args.no_cache)
    template_digests(args.templates)  # the templates are read as `build` reads them, or refused
    options = BuildOptions(base_url=args.base_url, templates=args.templates)
    memo = None if args.no_cache else load_memo(args.root)
    result, report = check_site(
        site, options, today=date.today(), sources=read_sources(args.root), jobs=jobs, memo=memo
    )
    if memo is not None:
        for note in save_memo(args.root, memo):
            term.detail(note)
    term.detail(
        f"checked {len(report.pages)} pages against {len(result.rules)} rules in "
        f"{time.perf_counter() - started:.2f} s"
    )
    output = format_findings(result, args.format)
    if args.format == "text":
        # --quiet leaves out info findings; a terminal gets the locations and levels in colour.
        lines = output.splitlines()
        findings = [line for line in lines[:-1] if not (term.quiet and _is_info(line))]
        output = "".join(term.colour_problem(line, sys.stdout) + "\n" for line in findings)
        output += lines[-1] + "\n"
    sys.stdout.write(output)
    return result.exit_code(strict=args.strict)


def _is_info(line: str) -> bool:
    where, _, rest = line.partition(": info ")
    return bool(rest) and " " not in where
