"""Run every rule over a built site, then apply the practice's severities and the articles'
suppressions. No disk access: the caller passes the built files (the same pipeline as `build`,
minus the writes)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date

from ..pages.model import Page
from ..site import Site
from .context import CheckContext
from .findings import CheckResult, Finding, RawFinding
from .registry import RULES
from .rules import ALL_CHECKS

__all__ = ["run_checks"]


def run_checks(
    site: Site,
    files: Mapping[str, bytes],
    pages: Sequence[Page],
    *,
    today: date,
    sources: Mapping[str, str] | None = None,
) -> CheckResult:
    """Check the built site. ``today`` dates expiry and review rules; ``sources`` (file texts by
    content path) lets findings name lines in practice.yaml and front matter."""
    ctx = CheckContext(site, pages, files, today, sources or {})
    raw: list[RawFinding] = []
    for check in ALL_CHECKS:
        raw.extend(check(ctx))
    findings = {_finalise(site, item) for item in raw}
    kept = sorted((f for f in findings if f is not None), key=lambda f: f.sort_key)
    return CheckResult(tuple(kept), tuple(RULES.values()))


def _finalise(site: Site, raw: RawFinding) -> Finding | None:
    rule = RULES[raw.rule]
    override = site.practice.lint.severity.get(rule.id)
    if override == "off":
        return None
    severity = override or rule.severity
    reason = _suppression(site, raw)
    if reason is not None:
        return Finding(
            raw.path,
            raw.line,
            rule.id,
            "info",
            f"suppressed: {raw.message}",
            rule.source,
            suppressed_by=reason,
        )
    return Finding(raw.path, raw.line, rule.id, severity, raw.message, rule.source)


def _suppression(site: Site, raw: RawFinding) -> str | None:
    for article in site.articles:
        lint = article.meta.lint
        if article.source == raw.path and lint is not None and raw.rule in lint.ignore:
            return lint.reason
    return None
