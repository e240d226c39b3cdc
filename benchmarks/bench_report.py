"""What a benchmark run found, the issue's targets, and the Markdown report (results.md).

Every ratio and target is judged against plain Hugo (the reference site as it ships: tags and
categories at Hugo's defaults). The keyword-taxonomy Hugo, when measured, is a second,
labelled row and never a baseline.
"""

from __future__ import annotations

import statistics
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from bench_cases import HeadTagsResult, LoadResult, ServeResult, SitemapResult
from bench_measure import Sample, TreeStats, format_ratio, ratio

__all__ = [
    "GIB",
    "SitemapResult",
    "SizeResult",
    "Target",
    "evaluate_targets",
    "markdown_table",
    "measurement_rows",
    "render_report",
]

GIB = 1024.0  # MiB
SERVE_TARGET_S = 0.3
HEAD_TAGS_TARGET_US = 100.0
LOAD_TARGET_S = 0.3
MEASUREMENT_HEADERS = (
    *("articles", "runs", "case", "wall", "× Hugo wall"),
    *("peak RSS", "× Hugo RSS", "CPU", "note"),
)
OUTPUT_DIFFERENCES = (
    "Both tools write one HTML page per article and copy the corpus's `static/` images. Beyond "
    "that, plain Hugo writes its home page, an empty list page for tags and for categories (the "
    "articles have neither), an RSS feed for each of the three and a sitemap; the "
    "keyword-taxonomy Hugo also writes a page and a full-content RSS feed per keyword. "
    "nmt-content also writes the practice's own pages (home, about, the article index, the "
    "services and offices with their index pages, 404), a feed, the sitemap(s) and their "
    "stylesheet, robots.txt, seo.json, the stylesheet of the theme and its build marker."
)


@dataclass
class SizeResult:
    """Everything measured on one corpus size; None where a case was not run."""

    articles: int
    runs: int
    nmt_full: Sample | None = None
    hugo_full: Sample | None = None
    hugo_keywords_full: Sample | None = None
    nmt_rebuild: Sample | None = None
    hugo_rebuild: Sample | None = None
    nmt_edit: Sample | None = None
    edit_identical: bool | None = None
    edit_differences: int = 0
    check: Sample | None = None
    check_note: str = ""
    nmt_tree: TreeStats | None = None
    hugo_tree: TreeStats | None = None
    hugo_keywords_tree: TreeStats | None = None
    sitemap_files: int = 0
    sitemap_index: bool = False
    serve: ServeResult | None = None
    head_tags: HeadTagsResult | None = None
    load: LoadResult | None = None
    notes: list[str] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class Target:
    """One goal from the issue, what was measured and whether it is met (None: not measured)."""

    name: str
    measured: str
    met: bool | None


def _wall(sample: Sample | None) -> float | None:
    return sample.wall if sample else None


def evaluate_targets(
    results: dict[int, SizeResult], sitemaps: Sequence[SitemapResult]
) -> list[Target]:
    """The issue's targets, each with what was measured and whether it is met."""
    targets: list[Target] = []

    def add(name: str, value: float | None, limit: float, shown: str | None = None) -> None:
        if value is None:
            targets.append(Target(name, "not measured", None))
        else:
            targets.append(Target(name, shown or format_ratio(value), value <= limit))

    ten = results.get(10_000) or SizeResult(10_000, 0)
    hugo_wall = _wall(ten.hugo_full)
    full_rss = ten.nmt_full.rss_mib if ten.nmt_full else None
    hugo_rss = ten.hugo_full.rss_mib if ten.hugo_full else None
    add("10,000 full build: wall ≤ 0.5 × Hugo", ratio(_wall(ten.nmt_full), hugo_wall), 0.5)
    add("10,000 full build: peak RSS ≤ 0.2 × Hugo", ratio(full_rss, hugo_rss), 0.2)
    add(
        "10,000 no-change rebuild ≤ 0.1 × Hugo full build",
        ratio(_wall(ten.nmt_rebuild), hugo_wall),
        0.1,
    )
    add(
        "10,000 one-article edit rebuild ≤ 0.15 × Hugo full build",
        ratio(_wall(ten.nmt_edit), hugo_wall),
        0.15,
    )
    name = "10,000 edit rebuild byte-identical to a clean build"
    if ten.edit_identical is None:
        targets.append(Target(name, "not measured", None))
    else:
        measured = "identical" if ten.edit_identical else f"{ten.edit_differences} files differ"
        targets.append(Target(name, measured, ten.edit_identical))
    serve = ten.serve.median if ten.serve else None
    add(
        f"10,000 serve: save of one article to its new page ≤ {SERVE_TARGET_S} s",
        serve,
        SERVE_TARGET_S,
        f"{serve:.3f} s" if serve is not None else None,
    )
    add("10,000 check ≤ Hugo full build", ratio(_wall(ten.check), hugo_wall), 1.0)
    head = ten.head_tags.per_page_us if ten.head_tags else None
    add(
        f"10,000 head_tags ≤ {HEAD_TAGS_TARGET_US:.0f} µs a page",
        head,
        HEAD_TAGS_TARGET_US,
        f"{head:.1f} µs" if head is not None else None,
    )
    load = results[1_000].load if 1_000 in results else None
    add(
        f"1,000 load_site ≤ {LOAD_TARGET_S} s (the call)",
        load.load_s if load else None,
        LOAD_TARGET_S,
        f"{load.load_s:.3f} s (fresh process with imports: {load.process_s:.2f} s)"
        if load
        else None,
    )
    hundred = results.get(100_000) or SizeResult(100_000, 0)
    rss = hundred.nmt_full.rss_mib if hundred.nmt_full else None
    add("100,000 full build: peak RSS ≤ 1 GiB", rss, GIB, f"{rss:,.0f} MiB" if rss else None)
    scale = ratio(_wall(hundred.nmt_full), _wall(ten.nmt_full))
    add("100,000 full build: time ≤ 11 × the 10,000 time", scale, 11.0)
    if hundred.nmt_full is None:
        targets.append(Target("100,000: sitemap split into an index", "not measured", None))
    else:
        children = hundred.sitemap_files - 1 if hundred.sitemap_index else 0
        shown = f"index + {children} sitemaps" if hundred.sitemap_index else "one sitemap.xml"
        targets.append(Target("100,000: sitemap split into an index", shown, hundred.sitemap_index))
    targets.append(sitemap_target(sitemaps))
    return targets


def sitemap_target(sitemaps: Sequence[SitemapResult]) -> Target:
    """Constant memory: ten times the URLs may cost at most 16 MiB more peak RSS."""
    name = "1,000,000-URL sitemap in constant memory"
    by_size = sorted(sitemaps, key=lambda s: s.urls)
    if len(by_size) < 2 or by_size[-1].urls < 1_000_000:
        shown = ", ".join(f"{s.urls:,}: {s.sample.rss_mib:.0f} MiB" for s in by_size)
        return Target(name, shown or "not measured", None)
    small, large = by_size[0], by_size[-1]
    growth = large.sample.rss_mib - small.sample.rss_mib
    shown = (
        f"{large.sample.rss_mib:.0f} MiB at {large.urls:,} URLs vs {small.sample.rss_mib:.0f} MiB "
        f"at {small.urls:,} ({growth:+.0f} MiB)"
    )
    return Target(name, shown, growth <= 16.0)


def markdown_table(headers: Sequence[str], rows: Iterable[Sequence[str]], align: str = "") -> str:
    """A GitHub markdown table; `align` has one letter per column (l, r, c), default left."""
    marks = {"l": "---", "r": "---:", "c": ":---:"}
    spec = align.ljust(len(headers), "l")
    lines = [
        "| " + " | ".join(headers) + " |",
        "| " + " | ".join(marks[a] for a in spec[: len(headers)]) + " |",
    ]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return "\n".join(lines)


def measurement_rows(result: SizeResult) -> list[list[str]]:
    """One row per case of one size: wall, × Hugo full build, peak RSS, × Hugo RSS, CPU, note."""
    hugo = result.hugo_full
    runs = str(result.runs)
    rows = []
    cases: list[tuple[str, Sample | None, str]] = [
        ("Hugo full build (plain: the baseline)", result.hugo_full, ""),
        ("Hugo full build with a keyword taxonomy", result.hugo_keywords_full, "not a baseline"),
        ("Hugo no-change rebuild", result.hugo_rebuild, ""),
        ("nmt-content full build", result.nmt_full, full_note(result)),
        ("nmt-content no-change rebuild", result.nmt_rebuild, ""),
        ("nmt-content one-article edit", result.nmt_edit, edit_note(result)),
        ("nmt-content check", result.check, result.check_note),
    ]
    for name, sample, note in cases:
        if sample is None:
            if note and name == "nmt-content check":
                rows.append([f"{result.articles:,}", runs, name, "–", "–", "–", "–", "–", note])
            continue
        rows.append(
            [
                f"{result.articles:,}",
                runs,
                name,
                f"{sample.wall:.2f} s",
                format_ratio(ratio(sample.wall, hugo.wall if hugo else None)),
                f"{sample.rss_mib:,.0f} MiB",
                format_ratio(ratio(sample.rss_mib, hugo.rss_mib if hugo else None)),
                f"{sample.cpu:.2f} s",
                note,
            ]
        )
    return rows


def output_rows(result: SizeResult) -> list[list[str]]:
    """Files and bytes each tool wrote at one size: all, HTML pages, XML, copied static files."""

    def mib(size: int) -> str:
        return f"{size / 2**20:,.1f} MiB"

    rows = []
    for tool, tree in (
        ("Hugo (plain)", result.hugo_tree),
        ("Hugo with a keyword taxonomy", result.hugo_keywords_tree),
        ("nmt-content", result.nmt_tree),
    ):
        if tree is None:
            continue
        other = tree.files - tree.html_files - tree.xml_files - tree.static_files
        rows.append(
            [
                f"{result.articles:,}",
                tool,
                f"{tree.files:,}",
                mib(tree.bytes),
                f"{tree.html_files:,}",
                mib(tree.html_bytes),
                f"{tree.xml_files:,} ({mib(tree.xml_bytes)})",
                f"{tree.static_files:,} ({mib(tree.static_bytes)})",
                f"{other:,}",
            ]
        )
    return rows


def api_rows(result: SizeResult) -> list[list[str]]:
    """The server and library cases of one size: what was measured, and how."""
    size = f"{result.articles:,}"
    rows = []
    if result.serve:
        edits = result.serve.edits
        rows.append(
            [
                size,
                "serve: save of one article → its new page served",
                f"{result.serve.median:.3f} s",
                f"median of {len(edits)} edits ({min(edits):.3f}–{max(edits):.3f} s)"
                + (f", {statistics.median(cpu):.3f} s CPU" if (cpu := result.serve.cpu) else "")
                + f"; first build {result.serve.start_s:.1f} s",
            ]
        )
    if result.head_tags:
        head = result.head_tags
        rows.append(
            [
                size,
                "head_tags per page",
                f"{head.per_page_us:.1f} µs",
                f"mean over {head.pages:,} pages, after one warm-up call "
                f"({head.cpu_s / head.pages * 1e6:.1f} µs CPU)",
            ]
        )
    if result.load:
        load = result.load
        rows.append(
            [
                size,
                "load_site",
                f"{load.load_s:.3f} s",
                f"the call alone ({load.load_cpu_s:.3f} s CPU); with `import nmt_content` "
                f"{load.import_and_load_s:.3f} s; the whole fresh process {load.process_s:.3f} s "
                f"(medians of {load.runs})",
            ]
        )
    return rows


def full_note(result: SizeResult) -> str:
    if result.nmt_full is None:
        return ""
    if result.sitemap_index:
        return f"sitemap index + {result.sitemap_files - 1} sitemaps"
    return "one sitemap.xml"


def edit_note(result: SizeResult) -> str:
    if result.edit_identical is None:
        return ""
    if result.edit_identical:
        return "byte-identical to a clean build"
    return f"NOT identical to a clean build: {result.edit_differences} files differ"


def render_report(
    info: Sequence[tuple[str, str]],
    results: dict[int, SizeResult],
    sitemaps: Sequence[SitemapResult],
) -> str:
    """results.md: machine, measurements with ratios, outputs, server and library, targets."""
    sizes = list(results.values())
    parts = [
        "# Benchmark results",
        "",
        "Written by `benchmarks/run.py` (see benchmarks/README.md). Wall time, peak RSS and CPU "
        "time (user + system) of each child process, median of the runs given; nmt-content and "
        "Hugo full builds alternate (A B A B), each into a new folder (nothing is deleted until the "
        "last timing is done). Ratios are to plain Hugo's full build at the same size: the "
        "reference Hugo site as it ships (tags and categories at Hugo's defaults).",
        "",
        markdown_table(["machine", ""], [[key, value] for key, value in info]),
        "",
        "## Measurements",
        "",
        markdown_table(
            MEASUREMENT_HEADERS,
            [row for result in sizes for row in measurement_rows(result)],
            "rrlrrrrrl",
        ),
        "",
    ]
    notes = [note for result in sizes for note in result.notes]
    if notes:
        parts += [*(f"- {note}" for note in notes), ""]
    outputs = [row for result in sizes for row in output_rows(result)]
    if outputs:
        headers = ["articles", "tool", "files", "bytes", "HTML pages", "HTML bytes", "XML files"]
        headers += ["copied from static/", "other files"]
        parts += ["## What each tool wrote", "", OUTPUT_DIFFERENCES, ""]
        parts += [markdown_table(headers, outputs, "rlrrrrrrr"), ""]
    api = [row for result in sizes for row in api_rows(result)]
    if api:
        parts += ["## Server and library", ""]
        parts += [markdown_table(["articles", "case", "measured", "how"], api, "rlrl"), ""]
    if sitemaps:
        parts += [
            "## Sitemap streaming",
            "",
            "`sitemap_documents` over a generator of entries (each with a lastmod and an image), "
            "into a hashing sink:",
            "",
            markdown_table(
                ["URLs", "wall", "peak RSS", "files", "bytes", "index"],
                [
                    [
                        f"{s.urls:,}",
                        f"{s.sample.wall:.2f} s",
                        f"{s.sample.rss_mib:.0f} MiB",
                        f"{s.documents:,}",
                        f"{s.bytes:,}",
                        "yes" if s.index else "no",
                    ]
                    for s in sitemaps
                ],
                "rrrrrc",
            ),
            "",
        ]
    target_rows = [
        [t.name, t.measured, "n/a" if t.met is None else ("yes" if t.met else "**no**")]
        for t in evaluate_targets(results, sitemaps)
    ]
    parts += ["## Targets", "", markdown_table(["target", "measured", "met"], target_rows, "llc")]
    return "\n".join([*parts, ""])
