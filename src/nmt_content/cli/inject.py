"""`nmt-content inject`: add our head tags, sitemap and robots.txt to HTML another tool built."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

from ..pipeline.loading import load_site
from .common import EXIT_OK, base_url_argument

if TYPE_CHECKING:
    from .common import Subparsers

__all__ = ["register"]


def register(commands: Subparsers) -> None:
    inject = commands.add_parser(
        "inject",
        help="add our head tags, sitemap and robots.txt to a site another tool built",
        description="Post-process a folder of HTML built by another generator: each file that "
        "maps to one of our pages by URL path gets our head tags; sitemap.xml and robots.txt "
        "are written or merged. Non-HTML files are never touched.",
    )
    inject.add_argument("site_dir", type=Path, help="the folder of built HTML to enrich")
    inject.add_argument(
        "--root",
        type=Path,
        default=Path("."),
        help="the content folder (default: the current folder)",
    )
    inject.add_argument(
        "--base-url", default=None, type=base_url_argument, help="override practice.url"
    )
    inject.add_argument("-q", "--quiet", action="store_true", help="print only errors")
    inject.set_defaults(command=run)


def run(args: argparse.Namespace) -> int:
    from ..integrations.inject_folder import (
        inject_site,  # beautifulsoup4: only this command needs it
    )

    site = load_site(args.root)
    report = inject_site(args.site_dir, site, base_url=args.base_url)
    if not args.quiet:
        for file, path in report.matched:
            state = "unchanged" if file in report.unchanged else "injected"
            print(f"{state:9} {file} ← {path}")
        for file in report.skipped:
            print(f"{'left':9} {file} (no matching page)")
        for path in report.missing:
            print(f"{'missing':9} {path} (no file in {args.site_dir})")
        for name in report.written:
            print(f"{'wrote':9} {name}")
        changed = len(report.matched) - len(report.unchanged)
        print(
            f"{changed} of {len(report.matched)} matched pages updated; "
            f"{len(report.skipped)} left alone"
        )
    return EXIT_OK
