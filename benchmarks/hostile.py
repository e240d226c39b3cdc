"""Hostile articles at the 1 MiB size limit: how long `build` and `check` take on each.

Each case is one article filled to just under the limit with one hostile line repeated (unsafe
links, raw HTML, a claim word on every line, …), in a copy of a minimal practice. For each, this
runs `nmt-content build` and `nmt-content check` once, in a fresh process, and prints the
wall-clock time and peak memory. Not part of `make test`; see benchmarks/README.md.

    python benchmarks/hostile.py                 # every case
    python benchmarks/hostile.py --cases links   # one case
"""

from __future__ import annotations

import argparse
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from tests.conftest import MINIMAL_ARTICLE, MINIMAL_PRACTICE  # noqa: E402

from nmt_content.limits import MAX_CONTENT_FILE_BYTES  # noqa: E402

CASES = {
    "links": "[x](javascript:alert(1))\n",
    "images": "![a](data:text/html,x)\n",
    "raw-html": "<b>\n",
    "inline-html": "a <i>b</i> c\n",
    "claims": "cure\n",
    "claim-prose": "this will cure you\n",
    "headings": "## A heading\n\n",
    "plain": "Plain words in a line of prose.\n",
}
"""Case name → the line repeated to fill the article."""


def article(line: str) -> str:
    """The minimal article with ``line`` repeated to just under the size limit."""
    room = MAX_CONTENT_FILE_BYTES - len(MINIMAL_ARTICLE.encode()) - 1
    return MINIMAL_ARTICLE + line * (room // len(line.encode()))


def run(command: list[str]) -> tuple[float, float, int]:
    """Wall-clock seconds, peak memory of the child in MiB, and the exit code."""
    started = time.perf_counter()
    done = subprocess.run(command, capture_output=True, check=False)
    elapsed = time.perf_counter() - started
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return elapsed, peak, done.returncode


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--cases", default=",".join(CASES), help="comma-separated case names")
    args = parser.parse_args()
    tool = [sys.executable, "-m", "nmt_content"]
    print("| case | build (s) | check (s) | peak memory (MiB) |")
    print("|---|---|---|---|")
    for name in args.cases.split(","):
        with tempfile.TemporaryDirectory() as folder:
            root = Path(folder) / "content"
            (root / "articles").mkdir(parents=True)
            (root / "practice.yaml").write_text(MINIMAL_PRACTICE, encoding="utf-8")
            (root / "articles" / "hostile.md").write_text(article(CASES[name]), encoding="utf-8")
            out = Path(folder) / "site"
            build = run([*tool, "build", str(root), "--out", str(out), "-q", "--no-cache"])
            check = run([*tool, "check", str(root), "-q"])
            shutil.rmtree(out, ignore_errors=True)
        peak = max(build[1], check[1])  # the largest child so far: a running maximum
        print(f"| {name} | {build[0]:.1f} | {check[0]:.1f} | {peak:.0f} |", flush=True)


if __name__ == "__main__":
    main()
