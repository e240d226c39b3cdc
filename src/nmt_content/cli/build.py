"""`nmt-content build`: write the site, or with `--check` compare a committed output with a fresh
build."""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import printable
from ..pipeline.build_to import build_to, default_jobs
from ..pipeline.options import BuildOptions
from ..pipeline.output_state import compare_output
from .common import (
    EXIT_FINDINGS,
    EXIT_OK,
    add_jobs_argument,
    add_root_argument,
    base_url_argument,
    templates_argument,
)
from .progress import Progress, shows_progress

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
        type=base_url_argument,
        help="the site's base URL, overriding practice.url (e.g. a staging host)",
    )
    build.add_argument(
        "--templates",
        type=templates_argument,
        default=None,
        help="a folder of templates that override the built-in ones",
    )
    build.add_argument("--drafts", action="store_true", help="also build draft articles")
    build.add_argument("-q", "--quiet", action="store_true", help="print only errors")
    add_jobs_argument(build, "parse articles and render pages")
    build.add_argument(
        "--no-cache",
        action="store_true",
        help="render every page and parse every article, ignoring what the previous build of "
        "--out recorded and the content cache in ROOT/.nmt-cache (the output is the same)",
    )
    build.add_argument(
        "--allow-missing-assets",
        action="store_true",
        help="build even when the logo or a link-preview image (og:image) points at no file "
        "of static/",
    )
    build.add_argument(
        "--check",
        action="store_true",
        help="write nothing; exit 1 and list the files when --out differs from "
        "what a build would write now (for CI)",
    )
    build.set_defaults(command=run)


def run(args: argparse.Namespace) -> int:
    started = time.perf_counter()
    options = BuildOptions(
        base_url=args.base_url, templates=args.templates, include_drafts=args.drafts
    )
    out_dir = args.out if args.out is not None else args.root / "_site"
    if args.check:
        return _compare(args.root, options, out_dir)
    jobs = args.jobs if args.jobs is not None else default_jobs()
    progress = Progress(enabled=shows_progress(sys.stderr, quiet=args.quiet))
    with progress:
        result = build_to(
            args.root,
            out_dir,
            options,
            jobs=jobs,
            incremental=not args.no_cache,
            progress=progress.update if progress.enabled else None,
            require_assets=not args.allow_missing_assets,
            cache=not args.no_cache,
        )
    if not args.quiet:
        for note in result.notes:
            print(f"note: {printable(note)}", file=sys.stderr)
        elapsed = time.perf_counter() - started
        if result.up_to_date:
            print(
                f"{out_dir} is up to date: {result.pages} pages ({result.files} files), "
                f"nothing changed since the last build (checked in {elapsed:.2f} s)"
            )
        else:
            print(
                f"Built {result.pages} pages ({result.files} files, "
                f"{result.bytes / 1024:.0f} KiB) into {out_dir} in {elapsed:.2f} s"
            )
        if getattr(args, "verbose", False):
            print(
                f"rendered {result.rendered} of {result.pages} pages with {jobs} "
                f"process{'es' if jobs != 1 else ''}; {result.reused} files reused "
                "from the previous build",
                file=sys.stderr,
            )
    return EXIT_OK


def _compare(root: Path, options: BuildOptions, out_dir: Path) -> int:
    # Imported here: a build that finds nothing changed (build_to) never needs them.
    from ..pipeline.build import build_site
    from ..pipeline.loading import load_site

    files, _report = build_site(load_site(root), options)
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
