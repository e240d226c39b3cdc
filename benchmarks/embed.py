#!/usr/bin/env python3
"""Embedding speed: `load_site` on 1,000 articles and `head_tags(page)` after loading.

    python benchmarks/embed.py [--n 1000] [--runs 5]

Targets (issue "Embed anywhere"): `load_site` ≤ 0.5 s for 1,000 articles (Markdown is rendered
lazily, so loading parses only YAML); `head_tags(page)` ≤ 100 µs median per page.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

from corpus import write_corpus

from nmt_content import head_tags, load_site, pages_of

LOAD_TARGET_S = 0.5
HEAD_TARGET_US = 100.0


def measure(n: int, runs: int) -> dict[str, float]:
    """Median load time (s) and median head_tags time per page (µs)."""
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        write_corpus(n, root)
        loads = []
        for _ in range(runs):
            started = time.perf_counter()
            site = load_site(root)
            loads.append(time.perf_counter() - started)
        pages = list(pages_of(site).values())
        head_tags(pages[0])  # warm the per-site caches, as a web app's first request would
        per_page = []
        for page in pages:
            started = time.perf_counter_ns()
            head_tags(page)
            per_page.append((time.perf_counter_ns() - started) / 1000)
    return {
        "load_s": statistics.median(loads),
        "head_us": statistics.median(per_page),
        "pages": float(len(pages)),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    result = measure(args.n, args.runs)
    load_ok = "met" if result["load_s"] <= LOAD_TARGET_S else "NOT met"
    head_ok = "met" if result["head_us"] <= HEAD_TARGET_US else "NOT met"
    print(
        f"load_site, {args.n} articles: {result['load_s']:.3f} s (target ≤ {LOAD_TARGET_S} s: {load_ok})"
    )
    print(
        f"head_tags, median of {int(result['pages'])} pages: {result['head_us']:.1f} µs "
        f"(target ≤ {HEAD_TARGET_US:.0f} µs: {head_ok})"
    )


if __name__ == "__main__":
    main()
