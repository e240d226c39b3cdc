"""The `nmt-content` command line: parse arguments, call the library, map errors to exit codes.

Exit codes: 0 success, 1 findings (`check`) or a stale output (`build --check`), 2 content that
cannot load or an output that cannot be written.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path
from typing import TextIO

from . import __version__
from .build import BuildOptions, BuildReport, build_outputs, build_site
from .checks import FORMATS, format_findings, run_checks
from .errors import ContentError, NmtContentError
from .loader import load_site, read_sources
from .retrofit import inject_site
from .site import Site
from .writer import compare_output, write_outputs

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

    build = commands.add_parser(
        "build",
        help="build the site: pages, structured data, sitemaps, robots.txt, feed",
        description="Build the knowledge base into a static site. The previous output is "
        "replaced in one step, and only if this tool created it.",
    )
    build.add_argument(
        "root",
        nargs="?",
        default=".",
        type=Path,
        help="the content folder (default: the current folder)",
    )
    build.add_argument(
        "--out", type=Path, default=None, help="the output folder (default: ROOT/_site)"
    )
    build.add_argument(
        "--base-url",
        default=None,
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
    build.set_defaults(command=_build)

    check = commands.add_parser(
        "check",
        help="check SEO, structured data and California-practice rules",
        description="Build the site in memory and check it. Exit code: 0 without errors "
        "(with --strict: without warnings), 1 with findings, 2 when the content cannot load.",
    )
    check.add_argument(
        "root",
        nargs="?",
        default=".",
        type=Path,
        help="the content folder (default: the current folder)",
    )
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
    check.set_defaults(command=_check)

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
    inject.add_argument("--base-url", default=None, help="override practice.url")
    inject.add_argument("-q", "--quiet", action="store_true", help="print only errors")
    inject.set_defaults(command=_inject)
    return parser


def _inject(args: argparse.Namespace) -> int:
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


def _build(args: argparse.Namespace) -> int:
    started = time.perf_counter()
    site = load_site(args.root)
    options = BuildOptions(
        base_url=args.base_url, templates=args.templates, include_drafts=args.drafts
    )
    report = BuildReport()
    out_dir = args.out if args.out is not None else args.root / "_site"
    if args.check:
        return _build_check(site, options, out_dir)
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


def _validate(args: argparse.Namespace) -> int:
    site = load_site(args.root)
    if args.json:
        json.dump(site_as_json(site), sys.stdout, indent=2, ensure_ascii=False, sort_keys=True)
        sys.stdout.write("\n")
    else:
        sys.stdout.write(summary(site))
    return EXIT_OK


def _build_check(site: Site, options: BuildOptions, out_dir: Path) -> int:
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


def _check(args: argparse.Namespace) -> int:
    site = load_site(args.root)
    options = BuildOptions(base_url=args.base_url, templates=args.templates)
    files, report = build_site(site, options)
    result = run_checks(
        site, files, report.pages, today=date.today(), sources=read_sources(args.root)
    )
    sys.stdout.write(format_findings(result, args.format))
    return result.exit_code(strict=args.strict)


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
