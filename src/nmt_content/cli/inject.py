"""`nmt-content inject`: add our head tags, sitemap and robots.txt to HTML another tool built."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import printable
from ..pipeline.loading import load_site
from .common import EXIT_BAD_INPUT, EXIT_OK, base_url_argument
from .terminal import Terminal

if TYPE_CHECKING:
    from ..integrations.inject_folder import InjectReport
    from .common import Subparsers

__all__ = ["register"]


def register(commands: Subparsers) -> None:
    inject = commands.add_parser(
        "inject",
        help="add our head tags, sitemap and robots.txt to a site another tool built",
        description="Post-process a folder of HTML built by another generator: each file that "
        "is one of our pages where the host serves it (about/index.html is /about/, about.html "
        "is /about.html, --map says where others are) gets our head tags; sitemap.xml and "
        "robots.txt are written or merged. Non-HTML files are never touched, links are never "
        "followed, and nothing is changed when anything it needs is wrong.",
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
    inject.add_argument(
        "--map",
        type=Path,
        default=None,
        metavar="FILE",
        help='a TOML table from our page paths to the host\'s ("/about/" = "/about-us.html")',
    )
    inject.add_argument(
        "--replace-jsonld",
        action="store_true",
        help="remove JSON-LD already on a page that describes what ours does (the practice, "
        "its people, the page), instead of only warning about it",
    )
    inject.add_argument(
        "--dry-run", action="store_true", help="print what would change and change nothing"
    )
    inject.add_argument("-q", "--quiet", action="store_true", help="print only errors")
    inject.set_defaults(command=run)


def run(args: argparse.Namespace) -> int:
    from ..integrations.inject_folder import InjectJob  # only this command needs it

    term = Terminal(quiet=args.quiet)
    site = load_site(args.root)
    job = InjectJob(
        args.site_dir,
        site,
        base_url=args.base_url,
        map_file=args.map,
        replace_jsonld=args.replace_jsonld,
    )
    report = job.report
    for file, why in report.problems:
        term.error(f"{_name(args.site_dir, file)}: cannot inject: {why}")
    if report.problems:
        term.hint("fix or remove those pages; nothing was changed")
        return EXIT_BAD_INPUT
    if not args.dry_run:
        job.apply()
    _print_report(term, args.site_dir, report, dry_run=args.dry_run)
    return EXIT_OK


def _print_report(term: Terminal, site_dir: Path, report: InjectReport, *, dry_run: bool) -> None:
    would = "would " if dry_run else ""
    for file, shared in report.jsonld:
        what = ", ".join(shared)
        if report.replace_jsonld:
            term.warning(f"{_name(site_dir, file)}: {would}replace JSON-LD that describes {what}")
        else:
            term.warning(
                f"{_name(site_dir, file)}: JSON-LD already on the page describes {what} too, "
                "so search engines get two descriptions; remove it, or run with --replace-jsonld"
            )
    for file, why in report.left:
        term.warning(f"{_name(site_dir, file)}: left alone: {why}")
    width = 15 if dry_run else 9
    for file, path in report.matched:
        state = (
            "unchanged"
            if file in report.unchanged
            else f"{would}inject" + ("" if dry_run else "ed")
        )
        term.info(f"{state:{width}} {printable(file)} ← {printable(path)}")
    for file in report.skipped:
        term.info(f"{'left':{width}} {printable(file)} (no matching page)")
    for path in report.missing:
        term.info(f"{'missing':{width}} {printable(path)} (no file in {printable(str(site_dir))})")
    for name in report.written:
        term.info(f"{'would write' if dry_run else 'wrote':{width}} {name}")
    changed = len(report.matched) - len(report.unchanged)
    verb = "would be updated" if dry_run else "updated"
    term.info(
        f"{changed} of {len(report.matched)} matched pages {verb}; {len(report.skipped)} left alone"
    )


def _name(site_dir: Path, file: str) -> str:
    return printable((site_dir / file).as_posix())
