"""`nmt-content build`: write the site, or with `--check` compare a committed output with a fresh
build."""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING

from ..build import BuildOptions, BuildReport, build_outputs, build_site
from ..loader import load_site
from ..site import Site
from ..urls import normalise_base_url
from ..writer import compare_output, write_outputs
from .common import EXIT_FINDINGS, EXIT_OK, add_root_argument

if TYPE_CHECKING:
    from .common import Subparsers

__all__ = ["register"]


def register(commands: Subparsers) -> None:
    build = commands.add_parser(
        "build",
        help="build the site: pages, structured data, sitemaps, robots.txt, feed",
        description="Build the knowledge base into a static site. The previous output is "
        "replaced in one step, and only if this tool created it.",
    )
    add_root_argument(build)
    build.add_argument(
        "--out", type=Path, default=None, help="the output folder (default: ROOT/_site)"
    )
    build.add_argument(
        "--base-url",
        default=None,
        type=_base_url,
        help="the site's base URL, overriding practice.url (e.g. a staging host)",
    )
    build.add_argument(
        "--templates",
        type=Path,
        default=None,
        help="a folder of templates that override the built-in ones",
    )
    build.add_argument("--drafts", action="store_true", help="also build draft articles")
    build.add_argument("-q", "--quiet", action="store_true", help="print only errors")
    build.add_argument(
        "--check",
        action="store_true",
        help="write nothing; exit 1 and list the files when --out differs from "
        "what a build would write now (for CI)",
    )
    build.set_defaults(command=run)


def _base_url(value: str) -> str:
    """Refuse a malformed `--base-url` as a usage error (exit 2), before anything is built."""
    try:
        normalise_base_url(value)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None
    return value


def run(args: argparse.Namespace) -> int:
    started = time.perf_counter()
    site = load_site(args.root)
    options = BuildOptions(
        base_url=args.base_url, templates=args.templates, include_drafts=args.drafts
    )
    report = BuildReport()
    out_dir = args.out if args.out is not None else args.root / "_site"
    if args.check:
        return _compare(site, options, out_dir)
    written = write_outputs(build_outputs(site, options, report), out_dir, content_root=args.root)
    if not args.quiet:
        for note in report.notes:
            print(f"note: {note}", file=sys.stderr)
        elapsed = time.perf_counter() - started
        print(
            f"Built {len(report.pages)} pages ({written.files} files, "
            f"{written.bytes / 1024:.0f} KiB) into {out_dir} in {elapsed:.2f} s"
        )
    return EXIT_OK


def _compare(site: Site, options: BuildOptions, out_dir: Path) -> int:
    files, _report = build_site(site, options)
    stale = compare_output(files, out_dir)
    if not stale:
        print(f"{out_dir} is up to date ({len(files)} files)")
        return EXIT_OK
    for path, state in stale:
        print(f"{state:8} {path}")
    print(
        f"{len(stale)} files in {out_dir} differ from a fresh build; run `nmt-content build`",
        file=sys.stderr,
    )
    return EXIT_FINDINGS
