"""Run every rule over a built site, then apply the practice's severities and the articles'
suppressions.

No disk access and no writes: the caller builds the site (the same pipeline as `build`) and hands
over the pages. Work comes in three parts:

1. content: each published article's text, by every family's ``article`` hook; independent per
   article, so it may run in forked worker processes (:meth:`CheckRun.content`);
2. pages: each rendered page, one at a time and in the build's order (:meth:`CheckRun.page`); no
   page needs to stay in memory after its turn. Families that keep no state across pages may
   check a page where it renders (:meth:`CheckRun.page_anywhere`); what they find that must be
   reported once, or gathered across pages, comes back as :class:`Once` findings and facts;
3. finish: what needs every page (duplicates, orphans, NAP consensus, bylines).

:func:`run_checks` checks a site already built in memory; :class:`CheckRun` is fed page by page,
so `nmt-content check` runs the content and page parts where each page renders (see
:mod:`nmt_content.pipeline.check_pass`).
"""

from __future__ import annotations

import multiprocessing
import threading
from collections.abc import Collection, Iterable, Mapping, Sequence
from datetime import date
from multiprocessing.pool import AsyncResult, Pool

from ..models import Article
from ..pages.model import PagePlan
from ..site import Site
from ..urls import output_file
from .context import Check, CheckContext
from .findings import CheckResult, Finding, Once, RawFinding
from .html_scan import JsonLdReader, ScannedPage
from .registry import RULES
from .rules import ALL_CHECKS

__all__ = ["CheckRun", "run_checks"]

PARALLEL_MIN_ARTICLES = 400
"""Below this many articles, worker processes cost more than they save."""


class CheckRun:
    """One check of a site whose pages come one at a time, in the build's order.

    ``outputs`` holds the paths of the build's files; it may grow while pages come (the build
    yields the site-wide files last), and must be complete when :meth:`finish` runs.

    Where the pages render in other processes, each of them can run :meth:`content` and
    :meth:`page_anywhere` on its page and send back what they return, for :meth:`add` and
    :meth:`page` here.
    """

    def __init__(
        self,
        site: Site,
        pages: Sequence[PagePlan],
        outputs: Collection[str],
        *,
        today: date,
        sources: Mapping[str, str] | None = None,
    ) -> None:
        self.site = site
        self.ctx = CheckContext(
            site, tuple(pages), outputs, today, {} if sources is None else sources
        )
        self._checks = [check(self.ctx) for check in ALL_CHECKS]
        self._anywhere = [
            family.page_anywhere or type(family).page is Check.page for family in self._checks
        ]
        self._raw: list[RawFinding] = []
        self._once: set[tuple[str, ...]] = set()
        self._reader = JsonLdReader()

    def content(self, article: Article) -> list[RawFinding]:
        """The findings of one article's own text and front matter. Changes nothing, so a
        forked worker may run it; pass the result to :meth:`add`."""
        found: list[RawFinding] = []
        for family in self._checks:
            found.extend(family.article(article))
        return found

    def add(self, found: Iterable[RawFinding]) -> None:
        """Take findings made elsewhere (by :meth:`content` in a worker)."""
        self._raw.extend(found)

    def page_anywhere(self, page: PagePlan, html: str) -> list[tuple[int, object]]:
        """What the families that may check a page anywhere (a worker process, say) find on
        it, each item with its family's index; pass the result to :meth:`page`."""
        scanned = ScannedPage(html, url=page.url, reader=self._reader)
        return [
            (index, item)
            for index, family in enumerate(self._checks)
            if self._anywhere[index]
            for item in family.page(page, scanned)
        ]

    @property
    def page_needs_html(self) -> bool:
        """Whether :meth:`page` needs the HTML even for pages :meth:`page_anywhere` has seen."""
        return not all(self._anywhere)

    def page(
        self,
        page: PagePlan,
        html: bytes | None,
        found_elsewhere: Sequence[tuple[int, object]] | None = None,
    ) -> None:
        """Check one rendered page (``html`` None when the page was not rendered). With
        ``found_elsewhere``, what :meth:`page_anywhere` returned for it, the families that
        may check a page anywhere have already done so."""
        here = [
            i for i in range(len(self._checks)) if found_elsewhere is None or not self._anywhere[i]
        ]
        if here:
            scanned = None
            if html is not None:
                text = html.decode("utf-8", "replace")
                scanned = ScannedPage(text, url=page.url, reader=self._reader)
            for index in here:
                for item in self._checks[index].page(page, scanned):
                    self._take(index, item)
        for index, item in found_elsewhere or ():
            self._take(index, item)

    def _take(self, index: int, item: object) -> None:
        if isinstance(item, RawFinding):
            self._raw.append(item)
        elif isinstance(item, Once):
            if item.key not in self._once:
                self._once.add(item.key)
                self._raw.append(item.finding)
        else:
            self._raw.extend(self._checks[index].absorb(item))

    def finish(self) -> CheckResult:
        """The findings of the whole run, once every page has come."""
        for family in self._checks:
            self._raw.extend(family.finish())
        return _finalise(self.site, self._raw)


# What forked workers read: set just before the pool starts, inherited by the fork, cleared after.
_WORK: tuple[CheckRun, Sequence[Article]] | None = None


def run_checks(
    site: Site,
    files: Mapping[str, bytes],
    pages: Sequence[PagePlan],
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
    run = CheckRun(site, pages, files.keys(), today=today, sources=sources)
    articles = [page.article for page in pages if page.article is not None]
    pool = _start_workers(run, articles, workers)
    try:
        if pool is None:
            for article in articles:
                run.add(run.content(article))
        for page in pages:
            run.page(page, files.get(output_file(page.path)))
        if pool is not None:
            for part in pool[1].get():
                run.add(part)
            pool[0].join()
    finally:
        if pool is not None:
            pool[0].terminate()
    return run.finish()


def _content_slice(bounds: tuple[int, int]) -> list[RawFinding]:
    """The content findings of ``articles[start:end]``, in a forked worker."""
    assert _WORK is not None
    run, articles = _WORK
    found: list[RawFinding] = []
    for article in articles[bounds[0] : bounds[1]]:
        found.extend(run.content(article))
    return found


def _start_workers(
    run: CheckRun, articles: Sequence[Article], workers: int
) -> tuple[Pool, AsyncResult[list[list[RawFinding]]]] | None:
    """Start the content part in forked workers, or None to run it here."""
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
    _WORK = (run, articles)
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
