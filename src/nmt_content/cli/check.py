"""`nmt-content check`: build in memory and apply the rules."""

from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from ..build import BuildOptions, build_site
from ..checks import FORMATS, format_findings, run_checks
from ..loader import load_site, read_sources
from .common import add_root_argument

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
    check.add_argument("--base-url", default=None, help="override practice.url")
    check.add_argument(
        "--templates", type=Path, default=None, help="check pages rendered with these templates"
    )
    check.set_defaults(command=run)


def run(args: argparse.Namespace) -> int:
    site = load_site(args.root)
    options = BuildOptions(base_url=args.base_url, templates=args.templates)
    files, report = build_site(site, options)
    result = run_checks(
        site, files, report.pages, today=date.today(), sources=read_sources(args.root)
    )
    sys.stdout.write(format_findings(result, args.format))
    return result.exit_code(strict=args.strict)
