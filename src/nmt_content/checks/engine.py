"""Run every rule over a site built in memory, then apply the practice's severities and the
articles' suppressions.

No disk access and no writes: the caller builds the site (the same pipeline as `build`) and passes
the files and pages; `check` is `build` minus the writes. Work comes in three passes:

1. content: each published article's text, by every family's ``article`` hook; independent per
   article, so it may run in forked worker processes while this process does the next pass;
2. pages: each rendered page, one at a time (no second copy of the site in memory);
3. finish: what needs every page (duplicates, orphans, NAP consensus, bylines).
"""

from __future__ import annotations

import multiprocessing
import threading
from collections.abc import Mapping, Sequence
from datetime import date
from multiprocessing.pool import AsyncResult, Pool

from ..models import Article
from ..pages.model import Page
from ..site import Site
from ..urls import output_file
from .context import Check, CheckContext
from .findings import CheckResult, Finding, RawFinding
from .html_scan import JsonLdReader, ScannedPage
from .registry import RULES
from .rules import ALL_CHECKS

__all__ = ["run_checks"]

PARALLEL_MIN_ARTICLES = 400
"""Below this many articles, worker processes cost more than they save."""

# What forked workers read: set just before the pool starts, inherited by the fork, cleared after.
_WORK: tuple[Sequence[Check], Sequence[Article]] | None = None


def run_checks(
    site: Site,
    files: Mapping[str, bytes],
    pages: Sequence[Page],
    *,
    today: date,
    sources: Mapping[str, str] | None = None,
    workers: int = 1,
) -> CheckResult:
    """Check a site built in memory.

    ``files`` and ``pages`` are what the build produced (output path → bytes, and its pages).
    ``today`` is the reference date of the expiry and review-age rules (the CLI passes the real
    date; tests pass a fixed one). ``sources`` are the texts of the content files by path
    (``practice.yaml``, ``articles/x.md``); with them, findings name lines in practice.yaml and in
    front matter. Findings in article bodies always carry their line.

    ``workers`` > 1 analyses the articles' text in that many forked processes while this one
    reads the pages (where ``fork`` is available, no other thread runs, and there are at least
    :data:`PARALLEL_MIN_ARTICLES` articles); the result is the same as with one.
    """
    ctx = CheckContext(site, tuple(pages), files, today, sources or {})
    checks = [check(ctx) for check in ALL_CHECKS]
    articles = [page.article for page in ctx.pages if page.article is not None]
    pool = _start_workers(checks, articles, workers)
    try:
        raw = _content(checks, articles) if pool is None else []
        reader = JsonLdReader()
        for page in ctx.pages:
            data = files.get(output_file(page.path))
            scanned = None
            if data is not None:
                scanned = ScannedPage(data.decode("utf-8", "replace"), url=page.url, reader=reader)
            for family in checks:
                raw.extend(family.page(page, scanned))
        for family in checks:
            raw.extend(family.finish())
        if pool is not None:
            for part in pool[1].get():
                raw += part
            pool[0].join()
    finally:
        if pool is not None:
            pool[0].terminate()
    return _finalise(site, raw)


def _content(checks: Sequence[Check], articles: Sequence[Article]) -> list[RawFinding]:
    found: list[RawFinding] = []
    for article in articles:
        for family in checks:
            found.extend(family.article(article))
    return found


def _content_slice(bounds: tuple[int, int]) -> list[RawFinding]:
    """The content findings of ``articles[start:end]``, in a forked worker."""
    assert _WORK is not None
    checks, articles = _WORK
    return _content(checks, articles[bounds[0] : bounds[1]])


def _start_workers(
    checks: Sequence[Check], articles: Sequence[Article], workers: int
) -> tuple[Pool, AsyncResult[list[list[RawFinding]]]] | None:
    """Start the content pass in forked workers, or None to run it here."""
    global _WORK
    if (
        workers < 2
        or len(articles) < PARALLEL_MIN_ARTICLES
        or "fork" not in multiprocessing.get_all_start_methods()
        or threading.active_count() > 1
    ):
        return None
    size = -(-len(articles) // (workers * 4))
    slices = [(start, start + size) for start in range(0, len(articles), size)]
    _WORK = (checks, articles)
    try:
        pool = multiprocessing.get_context("fork").Pool(workers)
    finally:
        _WORK = None
    result = pool.map_async(_content_slice, slices, chunksize=1)
    pool.close()
    return pool, result


def _finalise(site: Site, raw: Sequence[RawFinding]) -> CheckResult:
    overrides = site.practice.lint.severity
    suppressions = _suppressions(site.articles)
    findings: set[Finding] = set()
    for item in raw:
        rule = RULES[item.rule]
        severity = overrides.get(rule.id, rule.severity)
        if severity == "off":
            continue
        reason = suppressions.get((item.path, rule.id))
        if reason is not None:
            message = f"suppressed ({reason}): {item.message}"
            findings.add(
                Finding(rule.id, "info", item.path, item.line, message, rule.source, reason)
            )
        else:
            findings.add(
                Finding(rule.id, severity, item.path, item.line, item.message, rule.source)
            )
    ordered = tuple(sorted(findings, key=lambda finding: finding.sort_key))
    return CheckResult(ordered, tuple(RULES.values()))


def _suppressions(articles: Sequence[Article]) -> dict[tuple[str, str], str]:
    """(article file, rule id) → the article's reason."""
    found = {}
    for article in articles:
        lint = article.meta.lint
        if lint is not None:
            for rule_id in lint.ignore:
                found[(article.source, rule_id)] = lint.reason
    return found
