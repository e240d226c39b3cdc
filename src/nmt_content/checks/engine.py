"""Run every rule over a built site, then apply the practice's severities and the articles'
suppressions.

No disk access and no writes: the caller builds the site (the same pipeline as `build`) and hands
over the pages. Work comes in three parts:

1. content: each published article's text, by every family's ``article`` hook, and what the
   Markdown renderer neutralised in each page's own Markdown as it rendered the page (SEO-017;
   nothing here renders Markdown); independent per page, so it may run in forked worker processes
   (:meth:`CheckRun.content`, :meth:`CheckRun.markdown`);
2. pages: each rendered page, one at a time and in the build's order (:meth:`CheckRun.page`); no
   page needs to stay in memory after its turn. Families that keep no state across pages may
   check a page where it renders (:meth:`CheckRun.page_anywhere`); what they find that must be
   reported once, or gathered across pages, comes back as :class:`Once` findings and facts;
3. finish: what needs every page (duplicates, orphans, NAP consensus, bylines).

:class:`CheckRun` is fed page by page: `nmt-content check` and the API run it through
:func:`nmt_content.pipeline.check_pass.check_site`, which runs the content and page parts where
each page renders (in the build's worker processes with ``jobs``); :func:`run_checks` feeds the
same run, serially, from a site already built in memory and the build's report.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping, Sequence
from datetime import date
from typing import Protocol

from ..models import Article
from ..pages.model import PagePlan
from ..site import Site
from ..urls import Urls, output_file
from .context import Check, CheckContext
from .findings import CheckResult, Finding, Once, RawFinding
from .html_scan import JsonLdReader, ScannedPage
from .memo import TextMemo
from .registry import RULES
from .rules import ALL_CHECKS
from .rules.seo import Neutralised, neutralised_findings
from .suppressions import EntrySuppressions, entry_suppressions
from .tag_reader import SharedTags

__all__ = ["BuiltSite", "CheckRun", "run_checks"]


class CheckRun:
    """One check of a site whose pages come one at a time, in the build's order.

    ``urls`` are the URL rules the pages were planned with. With ``memo``, the content rules
    read the measurements of texts kept from earlier runs there, and record the ones they make
    (where they run in other processes, :meth:`TextMemo.drain` hands them over). ``outputs`` holds the paths of the
    build's files; it may grow while pages come (the build yields the site-wide files last),
    and must be complete when :meth:`finish` runs.

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
        urls: Urls,
        sources: Mapping[str, str] | None = None,
        memo: TextMemo | None = None,
    ) -> None:
        self.site = site
        self.memo = memo
        self.ctx = CheckContext(
            site, tuple(pages), urls, outputs, today, {} if sources is None else sources, memo
        )
        self._checks = [check(self.ctx) for check in ALL_CHECKS]
        self._anywhere = [
            family.page_anywhere or type(family).page is Check.page for family in self._checks
        ]
        self._raw: list[RawFinding] = []
        self._once: set[tuple[str, ...]] = set()
        self._reader = JsonLdReader()
        self._tags = SharedTags()

    def content(self, article: Article) -> list[RawFinding]:
        """The findings of one article's own text and front matter. Changes nothing, so a
        forked worker may run it; pass the result to :meth:`add`."""
        found: list[RawFinding] = []
        for family in self._checks:
            found.extend(family.article(article))
        return found

    def markdown(self, page: PagePlan, neutralised: Sequence[Neutralised]) -> list[RawFinding]:
        """The findings of what the Markdown renderer neutralised in the page's own Markdown
        when the build rendered it. Changes nothing, so a forked worker may run it; pass the
        result to :meth:`add`."""
        return list(neutralised_findings(self.ctx, page, neutralised))

    def add(self, found: Iterable[RawFinding]) -> None:
        """Take findings made elsewhere (by :meth:`content` in a worker)."""
        self._raw.extend(found)

    def page_anywhere(self, page: PagePlan, html: str) -> list[tuple[int, object]]:
        """What the families that may check a page anywhere (a worker process, say) find on
        it, each item with its family's index; pass the result to :meth:`page`."""
        scanned = ScannedPage(html, url=page.url, reader=self._reader, tags=self._tags)
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
                scanned = ScannedPage(text, url=page.url, reader=self._reader, tags=self._tags)
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
        return _finalise(self.site, self._raw, entry_suppressions(self.site, self.ctx.pages))


class BuiltSite(Protocol):
    """What :func:`run_checks` reads of a build's report
    (:class:`~nmt_content.pipeline.plan.BuildReport`)."""

    @property
    def pages(self) -> Sequence[PagePlan]:
        """Every page of the build, in order."""

    @property
    def neutralised(self) -> Mapping[str, Sequence[Neutralised]]:
        """What the Markdown renderer neutralised as it rendered each page, by page path."""


def run_checks(
    site: Site,
    files: Mapping[str, bytes],
    report: BuiltSite,
    *,
    today: date,
    sources: Mapping[str, str] | None = None,
) -> CheckResult:
    """Check a site already built in memory: ``files`` (output path → bytes) and ``report``,
    as :func:`~nmt_content.pipeline.build.build_site` returns them. It feeds the same
    :class:`CheckRun` as :func:`~nmt_content.pipeline.check_pass.check_site` does while it
    builds, here and in page order, with what the build's render pass reported (the Markdown
    is not rendered again). For callers that hold the built files (and tests that edit them
    first); ``today`` and ``sources`` are as for ``check_site``.
    """
    pages = report.pages
    home = next((page.url for page in pages if page.kind == "home"), None)
    urls = Urls.for_base(home or site.practice.url)  # the pages' own base URL
    run = CheckRun(site, pages, files.keys(), today=today, urls=urls, sources=sources)
    for page in pages:
        if page.article is not None:
            run.add(run.content(page.article))
        run.add(run.markdown(page, report.neutralised.get(page.path, ())))
        run.page(page, files.get(output_file(page.path)))
    return run.finish()


def _finalise(
    site: Site, raw: Sequence[RawFinding], entries: EntrySuppressions | None = None
) -> CheckResult:
    overrides = site.practice.lint.severity
    suppressions = _suppressions(site.articles)
    entries = entries or EntrySuppressions()
    findings: set[Finding] = set()
    for item in raw:
        rule = RULES[item.rule]
        severity = overrides.get(rule.id, rule.severity)
        if severity == "off":
            continue
        reason = suppressions.get((item.path, rule.id)) or entries.reason(
            item.path, item.line, rule.id
        )
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
