#!/usr/bin/env python3
"""Side-by-side benchmark: nmt-content against Hugo on the same articles, in one invocation.

    python benchmarks/run.py [--sizes 1000,10000,100000] [--runs 3] [--quick]

For each corpus size it builds the same `articles/` and `static/` folders with nmt-content and
with plain Hugo (the reference site as it ships: tags and categories at Hugo's defaults),
alternating the two (A B A B …; `--hugo-keywords` adds a Hugo with a keyword taxonomy as a third,
labelled column), then times a no-change rebuild, a rebuild after editing one article (and checks
that its output is byte-identical to a clean build of the edited corpus), `nmt-content check`,
the `serve` rebuild after saving one article, `head_tags` per page and `load_site`. It also
streams sitemaps of 100,000 and 1,000,000 URLs through `sitemap_documents`. Every measurement is
a child process. The medians, file counts, ratios to plain Hugo and the targets go to stdout and
to benchmarks/results.md.

Run it from the benchmark venv (`make bench` creates it): nmt-content from a copy of this
checkout's src/ taken at the start (`--live`: from src/ itself), Hugo from the `hugo` package
pinned in benchmarks/requirements.txt. See benchmarks/README.md.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import shutil
import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import asdict, dataclass
from pathlib import Path

from bench_cases import (
    SitemapResult,
    measure_head_tags,
    measure_load,
    measure_serve,
    measure_sitemap,
)
from bench_env import REPO, checkouts, load_average, machine_info, nmt, snapshot_source
from bench_hugo import hugo_binary, hugo_config, make_hugo_site
from bench_measure import (
    Child,
    ChildFailed,
    Sample,
    format_ratio,
    last_line,
    maxrss_mib,
    median_sample,
    progress,
    ratio,
    require,
    run_child,
    tree_differences,
    tree_digests,
    tree_stats,
)
from bench_report import (
    SizeResult,
    evaluate_targets,
    markdown_table,
    measurement_rows,
    render_report,
)
from bench_scratch import Trash
from corpus import article_slug, write_corpus

__all__ = [  # the helpers the tests use, wherever they live
    "Sample",
    "SitemapResult",
    "SizeResult",
    "evaluate_targets",
    "format_ratio",
    "hugo_config",
    "main",
    "markdown_table",
    "maxrss_mib",
    "measurement_rows",
    "median_sample",
    "ratio",
    "render_report",
    "tree_differences",
    "tree_digests",
]

HERE = Path(__file__).resolve().parent
WORK = HERE / "work"
RESULTS = HERE / "results.md"
HUGO_SITE = Path("..", "shared", "bench", "hugo-site")
"""The reference Hugo site (config and layouts), next to the repository (relative to it)."""
SEED = 42
DEFAULT_SIZES = (1_000, 10_000, 100_000)
SITEMAP_URLS = (100_000, 1_000_000)
QUICK_SITEMAP_URLS = (10_000, 100_000)
CASES = ("full", "rebuild", "edit", "check", "serve", "api")
TRASH = Trash(WORK)
"""Where earlier outputs go until the run ends (see bench_scratch): nothing is deleted between
timings."""
LARGE = 10_000
"""Sizes above this take --large-runs and --large-cases."""
SERVE_EDITS = 5


@dataclass(frozen=True, slots=True)
class Settings:
    """What to run at one size, and against which Hugo sites."""

    cases: Sequence[str]
    hugo: Path
    reference: Path
    hugo_keywords: bool = False
    serve_edits: int = SERVE_EDITS


def generator_fingerprint() -> str:
    return hashlib.sha256((HERE / "corpus.py").read_bytes()).hexdigest()


def ensure_corpus(n: int, seed: int = SEED) -> Path:
    """The content root for `n` articles under benchmarks/work, regenerated when stale."""
    root = WORK / f"n{n}"
    stamp, editing = root / ".corpus-stamp", root / ".editing"
    wanted = json.dumps({"n": n, "seed": seed, "generator": generator_fingerprint()})
    if editing.exists() or not stamp.exists() or stamp.read_text() != wanted:
        shutil.rmtree(root, ignore_errors=True)
        progress(f"  writing a corpus of {n:,} articles…")
        stats = write_corpus(n, root, seed)
        progress(f"  {stats.bytes / 2**20:.0f} MiB in {stats.seconds:.1f} s")
        stamp.write_text(wanted)
    return root


@contextmanager
def edited_article(content: Path, n: int) -> Iterator[tuple[Path, bytes]]:
    """The article a case edits and its bytes, restored afterwards (a marker file makes the
    next run regenerate the corpus if the harness is killed in between)."""
    article = content / "articles" / f"{article_slug(n // 2)}.md"
    original = article.read_bytes()
    editing = content / ".editing"
    editing.write_text(article.name)
    try:
        yield article, original
    finally:
        article.write_bytes(original)
        editing.unlink()


def remove(folder: Path) -> None:
    """Make way for a new folder at ``folder``: the old one goes to the trash, not deleted."""
    TRASH.aside(folder)


def check_available() -> bool:
    """Whether this nmt-content has a `check` command (argparse exits 2 on an unknown one)."""
    return run_child(nmt("check", "--help")).code == 0


def measure_size(result: SizeResult, settings: Settings) -> None:
    """Measure one corpus size into `result` (filled as it goes, so a failure keeps the rest)."""
    n, runs, cases = result.articles, result.runs, settings.cases
    content = ensure_corpus(n)
    sites = {"hugo": make_hugo_site(WORK / f"hugo-{n}", content, settings.reference)}
    if settings.hugo_keywords:
        sites["hugo-keywords"] = make_hugo_site(
            WORK / f"hugo-keywords-{n}", content, settings.reference, keywords=True
        )
    ours, clean = WORK / f"out-nmt-{n}", WORK / f"out-clean-{n}"
    outs = {name: WORK / f"out-{name}-{n}" for name in sites}

    def build(out: Path) -> Child:
        return run_child(nmt("build", str(content), "--out", str(out), "--quiet"))

    def hugo_build(name: str, clean_first: bool) -> Child:
        command = [str(settings.hugo), "--quiet", "--source", str(sites[name])]
        command += ["--destination", str(outs[name]), "--cacheDir", str(WORK / "hugo-cache")]
        if clean_first:
            command.append("--cleanDestinationDir")
        return run_child(command)

    if runs == 1:
        # A median of several runs is taken from warm ones (the content cache filled, the corpus
        # read); a single run gets the same start from one untimed build of each tool.
        progress(f"  untimed first builds: nmt-content, {', '.join(sites)}")
        warm = WORK / f"warm-nmt-{n}"
        require(build(warm), "nmt-content build")
        remove(warm)
        for name in sites:
            require(hugo_build(name, clean_first=True), name)
            remove(outs[name])

    # Full builds from an empty output folder, alternating nmt-content and Hugo.
    full: dict[str, list[Sample]] = {"nmt": [], **{name: [] for name in sites}}
    for run in range(runs):
        progress(f"  full build {run + 1}/{runs}: nmt-content, {', '.join(sites)}")
        remove(ours)
        full["nmt"].append(require(build(ours), "nmt-content build"))
        for name in sites:
            remove(outs[name])
            full[name].append(require(hugo_build(name, clean_first=True), name))
    result.nmt_full, result.hugo_full = median_sample(full["nmt"]), median_sample(full["hugo"])
    static = content / "static"
    result.nmt_tree = tree_stats(ours, static)
    result.hugo_tree = tree_stats(outs["hugo"], static)
    if "hugo-keywords" in sites:
        result.hugo_keywords_full = median_sample(full["hugo-keywords"])
        result.hugo_keywords_tree = tree_stats(outs["hugo-keywords"], static)
    result.sitemap_files = len(list(ours.glob("sitemap*.xml")))
    index = ours / "sitemap.xml"
    result.sitemap_index = index.is_file() and b"<sitemapindex" in index.read_bytes()[:4096]

    if "rebuild" in cases:
        again_nmt: list[Sample] = []
        again_hugo: list[Sample] = []
        for run in range(runs):
            progress(f"  no-change rebuild {run + 1}/{runs}: nmt-content, Hugo")
            again_nmt.append(require(build(ours), "nmt-content rebuild"))
            again_hugo.append(require(hugo_build("hugo", clean_first=False), "hugo rebuild"))
        result.nmt_rebuild, result.hugo_rebuild = (
            median_sample(again_nmt),
            median_sample(again_hugo),
        )
    if "edit" in cases:
        measure_edit(result, content, ours, clean, build)
    if "check" in cases:
        measure_check(result, content)
    if "serve" in cases:
        with edited_article(content, n) as (article, _original):
            result.serve = measure_serve(
                nmt("serve"),
                content,
                article,
                f"/articles/{article.stem}/",
                settings.serve_edits,
                WORK,
            )
    if "api" in cases:
        result.head_tags = measure_head_tags(content)
        result.load = measure_load(content, runs)


def measure_check(result: SizeResult, content: Path) -> None:
    if not check_available():
        result.check_note = "skipped: this nmt-content has no `check` command"
        return
    checks: list[Sample] = []
    for run in range(result.runs):
        progress(f"  check {run + 1}/{result.runs}")
        child = run_child(nmt("check", str(content)))
        if child.code not in (0, 1) or child.crashed:
            result.check_note = f"failed (exit {child.code}): {last_line(child.stderr)}"
            break
        checks.append(child.sample)
        result.check_note = f"exit {child.code}" + (" (findings)" if child.code else "")
    result.check = median_sample(checks) if checks else None


def measure_edit(
    result: SizeResult, content: Path, ours: Path, clean: Path, build: Callable[[Path], Child]
) -> None:
    """Edit one article's body, rebuild; then compare with a clean build of the edited corpus."""
    with edited_article(content, result.articles) as (article, original):
        if not (ours / ".nmt-content").exists():
            require(build(ours), "nmt-content build")
        edits: list[Sample] = []
        for run in range(result.runs):
            progress(f"  one-article edit rebuild {run + 1}/{result.runs}")
            addition = f"\nThis paragraph was added by benchmark edit number {run + 1}.\n"
            article.write_bytes(original + addition.encode())
            edits.append(require(build(ours), "nmt-content edit rebuild"))
        result.nmt_edit = median_sample(edits)
        progress("  clean build of the edited corpus, comparing trees")
        remove(clean)
        try:
            require(build(clean), "nmt-content clean build")
            differences = tree_differences(tree_digests(ours), tree_digests(clean))
        finally:
            remove(clean)
        result.edit_identical = not differences
        result.edit_differences = len(differences)
        if differences:
            result.notes.append(f"edit rebuild differs from a clean build in: {differences[:5]}")


def parse_cases(text: str) -> list[str]:
    return [case.strip() for case in text.split(",") if case.strip()]


def parse_sizes(text: str) -> list[int]:
    sizes = [int(part.replace("_", "")) for part in text.split(",") if part.strip()]
    if not sizes or any(size < 1 for size in sizes):
        raise argparse.ArgumentTypeError("sizes are positive numbers, e.g. 1000,10000")
    return sizes


def arguments() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(description="nmt-content against Hugo, side by side.")
    add = parser.add_argument
    add("--sizes", type=parse_sizes, default=list(DEFAULT_SIZES), help="default: 1000,10000,100000")
    add("--runs", type=int, default=3, help="runs per case (default: 3)")
    add("--quick", action="store_true", help="1,000 articles, one run; work/results-quick.md")
    add(
        "--cases", default=",".join(CASES), help=f"a subset of {','.join(CASES)} (full always runs)"
    )
    add("--large-runs", type=int, default=1, help=f"runs per case above {LARGE:,} (default: 1)")
    add("--large-cases", default="full", help=f"cases above {LARGE:,} (default: full)")
    add("--serve-edits", type=int, default=SERVE_EDITS, help="edits timed by the serve case")
    add("--hugo-keywords", action="store_true", help="also Hugo with a keyword taxonomy")
    add("--no-sitemap", action="store_true", help="skip the sitemap streaming case")
    add(
        "--hugo-site",
        type=Path,
        default=None,
        help=f"the reference Hugo site (default: {HUGO_SITE})",
    )
    add("--results", type=Path, default=None, help="where to write the report")
    add("--live", action="store_true", help="run nmt-content from src/ itself, not a copy")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = arguments()
    args = parser.parse_args(argv)
    sizes: list[int] = [1_000] if args.quick else args.sizes
    runs = 1 if args.quick else args.runs
    if min(runs, args.large_runs, args.serve_edits) < 1:
        parser.error("--runs, --large-runs and --serve-edits must be at least 1")
    cases, large_cases = parse_cases(args.cases), parse_cases(args.large_cases)
    unknown = (set(cases) | set(large_cases)) - set(CASES)
    if unknown:
        parser.error(f"unknown cases: {', '.join(sorted(unknown))}")
    output = args.results or (WORK / "results-quick.md" if args.quick else RESULTS)
    candidates = [args.hugo_site] if args.hugo_site else [c / HUGO_SITE for c in checkouts()]
    reference = next((c.resolve() for c in candidates if (c / "hugo.toml").is_file()), None)
    if reference is None:
        parser.error(f"no hugo.toml in {', '.join(map(str, candidates))}; pass --hugo-site")

    WORK.mkdir(exist_ok=True)
    TRASH.empty_before_timing(progress)
    for leftover in WORK.glob("out-*"):  # an earlier run's outputs: not deleted before timings
        TRASH.aside(leftover)
    if not args.live:
        snapshot_source(WORK)
    hugo = hugo_binary()
    load_at_start = load_average()
    info = machine_info(hugo)
    results: dict[int, SizeResult] = {}
    for n in sizes:
        progress(f"{n:,} articles")
        large = n > LARGE
        results[n] = SizeResult(articles=n, runs=args.large_runs if large else runs)
        settings = Settings(
            large_cases if large else cases, hugo, reference, args.hugo_keywords, args.serve_edits
        )
        try:
            measure_size(results[n], settings)
        except ChildFailed as exc:
            progress(f"  stopped: {exc}\n{exc.detail}")
            results[n].notes.append(f"{n:,} articles: stopped early: {exc}")
    sitemaps: list[SitemapResult] = []
    if not args.no_sitemap:
        for urls in QUICK_SITEMAP_URLS if args.quick else SITEMAP_URLS:
            sitemaps.append(measure_sitemap(urls))

    info.append(("load average (1 min) at start / end", f"{load_at_start} / {load_average()}"))
    report = render_report(info, results, sitemaps)
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text(report, encoding="utf-8")
    raw = {
        "machine": dict(info),
        "sizes": {n: asdict(result) for n, result in results.items()},
        "sitemaps": [asdict(s) for s in sitemaps],
    }
    (WORK / "results.json").write_text(json.dumps(raw, indent=2) + "\n", encoding="utf-8")
    print(report)
    progress(f"wrote {output.relative_to(REPO) if output.is_relative_to(REPO) else output}")
    progress("deleting the outputs set aside during the run…")
    TRASH.empty()
    return 0


if __name__ == "__main__":
    sys.exit(main())
