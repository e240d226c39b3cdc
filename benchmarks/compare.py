#!/usr/bin/env python3
"""Compare commits of nmt-content side by side: the same corpus built and checked by each, in turn.

    python benchmarks/compare.py REV [REV …] [--n 2000] [--rounds 3] [--jobs 2]

Each revision is checked out (detached, as a git worktree) under benchmarks/work/compare/, and
run from its own src/ with this interpreter (so every revision needs only the dependencies that
are installed here). The rounds alternate the revisions (A B C A B C …), so a machine whose load
drifts treats each alike; each run is one child process, timed by wall clock, with its CPU time
(user + system) from ``os.wait4``. CPU time is the steadier figure on a shared machine.

The cases are a full build (``--no-cache``) and ``check``. A revision that does not know a flag
another needs (``--allow-missing-assets``, which corpora written before ``corpus.py`` wrote its
images into ``static/`` called for) is given only the flags its ``build --help`` lists.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

from corpus import write_corpus

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
WORK = HERE / "work" / "compare"


@dataclass
class Revision:
    """One revision under test: where it is checked out, and its runs by case."""

    name: str
    tree: Path
    build_flags: list[str]
    runs: dict[str, list[tuple[float, float]]] = field(default_factory=dict)


def checkout(rev: str) -> Path:
    """A detached worktree of ``rev`` (made once; reused while it exists)."""
    commit = subprocess.run(
        ["git", "-C", str(REPO), "rev-parse", "--short=12", rev],
        check=True,
        capture_output=True,
        text=True,
    ).stdout.strip()
    tree = WORK / commit
    if not tree.exists():
        WORK.mkdir(parents=True, exist_ok=True)
        subprocess.run(
            ["git", "-C", str(REPO), "worktree", "add", "--detach", str(tree), commit],
            check=True,
            capture_output=True,
        )
    return tree


def run(tree: Path, args: list[str]) -> tuple[float, float, int]:
    """(wall seconds, CPU seconds, exit code) of ``python -m nmt_content ARGS`` from ``tree``."""
    env = {**os.environ, "PYTHONPATH": str(tree / "src")}
    started = time.perf_counter()
    child = subprocess.Popen(
        [sys.executable, "-m", "nmt_content", *args],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    _pid, status, usage = os.wait4(child.pid, 0)
    wall = time.perf_counter() - started
    return wall, usage.ru_utime + usage.ru_stime, os.waitstatus_to_exitcode(status)


def supported(tree: Path, flag: str) -> bool:
    env = {**os.environ, "PYTHONPATH": str(tree / "src")}
    helped = subprocess.run(
        [sys.executable, "-m", "nmt_content", "build", "--help"],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    return flag in helped.stdout


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Compare revisions of nmt-content side by side.")
    parser.add_argument("revs", nargs="+", help="git revisions to compare")
    parser.add_argument("--n", type=int, default=2000, help="articles in the corpus (2000)")
    parser.add_argument("--rounds", type=int, default=3, help="runs of each case (3)")
    parser.add_argument("--jobs", type=int, default=2, help="--jobs for build and check (2)")
    args = parser.parse_args(argv)

    corpus = HERE / "work" / f"compare-n{args.n}"
    if not (corpus / "practice.yaml").exists():
        write_corpus(args.n, corpus, 42)
    revisions = []
    for rev in args.revs:
        tree = checkout(rev)
        flags = ["--allow-missing-assets"] if supported(tree, "--allow-missing-assets") else []
        revisions.append(Revision(rev, tree, flags))
        run(tree, ["validate", str(corpus)])  # compiles its bytecode before anything is timed
    jobs = ["-j", str(args.jobs)]
    for _round in range(args.rounds):
        for revision in revisions:
            out = WORK / f"out-{revision.tree.name}"
            shutil.rmtree(out, ignore_errors=True)
            cases = {
                "build": ["build", str(corpus), "--out", str(out), "--no-cache", "-q", *jobs],
                "check": ["check", str(corpus), "-q", *jobs],
            }
            for case, command in cases.items():
                flags = revision.build_flags if case == "build" else []
                wall, cpu, code = run(revision.tree, [*command, *flags])
                if case == "build" and code != 0:
                    print(f"{revision.name}: build exited {code}", file=sys.stderr)
                    return 2
                revision.runs.setdefault(case, []).append((wall, cpu))
    print(f"{args.n:,} articles, --jobs {args.jobs}, {args.rounds} rounds, medians (min)")
    print("| case | revision | wall s | CPU s |")
    print("|---|---|---:|---:|")
    for case in ("build", "check"):
        for revision in revisions:
            walls = [wall for wall, _cpu in revision.runs[case]]
            cpus = [cpu for _wall, cpu in revision.runs[case]]
            print(
                f"| {case} | {revision.name} | {statistics.median(walls):.2f} ({min(walls):.2f}) "
                f"| {statistics.median(cpus):.2f} ({min(cpus):.2f}) |"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
