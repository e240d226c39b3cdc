"""`check` as one pass: build in memory and check each page as it renders, keeping none.

Where each page renders (in the build's worker processes with ``jobs``), its article's own text is
checked, and so is what the Markdown renderer neutralised as it rendered the page's own Markdown
(Markdown is rendered once, by the render pass), and the page by every rule family that may check
a page anywhere: what must be reported once, or gathered across pages, comes back as small facts,
in page order, to this process, which then needs no page's HTML. The rules thus run alongside the rendering, and no page
stays in memory after its turn. The findings equal :func:`~nmt_content.checks.run_checks` on the
same site built by :func:`~nmt_content.pipeline.build.build_site` (:func:`~nmt_content.checks.run_checks`
feeds the same :class:`~nmt_content.checks.engine.CheckRun`, serially, from files built before
and the build's report).
"""

from __future__ import annotations

from collections.abc import Mapping
from contextlib import closing
from datetime import date

from ..checks import CheckResult
from ..checks.engine import CheckRun
from ..checks.findings import RawFinding
from ..checks.memo import Drained, TextMemo
from ..pages.model import PagePlan
from ..render.markdown import Neutralised
from ..site import Site
from .build import BuildRun
from .heap import collector_paused
from .plan import BuildOptions, BuildReport, plan_build

__all__ = ["check_site"]


class _Hook:
    """The build's page hook: content rules, and the page rules that may run anywhere, where the
    page renders; the other page rules here."""

    def __init__(self, run: CheckRun) -> None:
        self.run = run
        self.seen: set[str] = set()
        self.needs_html = run.page_needs_html
        self.needs_manifest = False  # nothing is written, and no rule reads `seo.json`

    def inspect(
        self, page: PagePlan, html: str, neutralised: tuple[Neutralised, ...]
    ) -> tuple[list[RawFinding], list[tuple[int, object]], Drained | None]:
        content = self.run.content(page.article) if page.article is not None else []
        content += self.run.markdown(page, neutralised)
        # What the content rules measured travels back with the findings, to be saved.
        drained = self.run.memo.drain() if self.run.memo is not None else None
        return content, self.run.page_anywhere(page, html), drained

    def collect(self, page: PagePlan, html: bytes, inspected: object) -> None:
        assert isinstance(inspected, tuple)
        content, found, drained = inspected
        if drained is not None and self.run.memo is not None:
            self.run.memo.take(drained)
        self.run.add(content)
        self.run.page(page, html if self.needs_html else None, found)
        self.seen.add(page.path)


# Planning, the rules' setup and the findings make objects that live until the check ends: with
# the collector on, its passes over them took 0.3 s of a 7 s check at 10,000 articles, finding
# nothing to collect (see :mod:`.heap`).
@collector_paused()
def check_site(
    site: Site,
    options: BuildOptions | None = None,
    *,
    today: date,
    sources: Mapping[str, str] | None = None,
    jobs: int = 1,
    memo: TextMemo | None = None,
) -> tuple[CheckResult, BuildReport]:
    """Check ``site`` with every rule, as `nmt-content check` does; the findings and the build's
    report. Nothing is written: each page is checked as it renders and then dropped.

        from datetime import date
        from nmt_content import check_site, load_site, read_sources

        site = load_site("content")
        result, report = check_site(site, today=date.today(), sources=read_sources("content"))
        for finding in result.findings:
            print(finding.path, finding.line, finding.severity, finding.rule, finding.message)
        exit_code = result.exit_code(strict=False)  # 1 when there is an error

    ``options`` are the build's (a ``base_url`` or ``templates`` changes what is checked).
    ``today`` dates the expiry and review-age rules. ``sources`` (from ``read_sources``) are the
    texts of the content files, read when a finding needs a line inside a folded YAML value;
    other findings name their line without them. ``jobs`` above 1 renders and checks in that many forked processes, with the same
    findings. With ``memo`` (from :func:`~.check_memo.load_memo`), what the content rules
    measured in texts in an earlier run is read from there instead of measured again, and what
    they measure now is added (the findings are the same).

    Raises:
        BuildError: the site cannot be built, e.g. two pages would have one URL.
        ValueError: ``options.base_url`` is not an absolute http(s) URL.
        jinja2.TemplateError: a template in ``options.templates`` is broken.
    """
    options = options or BuildOptions()
    plan = plan_build(site, options)
    # Every planned page will be rendered, so links to pages still to come resolve at once.
    outputs = set(plan.files)
    run = CheckRun(
        site, plan.pages, outputs, today=today, sources=sources, urls=plan.urls, memo=memo
    )
    hook = _Hook(run)
    build = BuildRun(site, options, jobs=jobs, plan=plan, page_hook=hook)
    with closing(build.outputs()) as built:
        for output in built:
            outputs.add(output.path)
    for page in plan.pages:  # pages the build did not render still get their page rules
        if page.path not in hook.seen:
            run.page(page, None)
    return run.finish(), build.report
