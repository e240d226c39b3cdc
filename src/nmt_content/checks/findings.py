"""Rules, findings and the result of a check."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Literal, NamedTuple

__all__ = ["SEVERITIES", "CheckResult", "Finding", "Once", "RawFinding", "Rule", "Severity"]

Severity = Literal["error", "warning", "info"]
SEVERITIES: tuple[Severity, ...] = ("error", "warning", "info")
_RANK = {"error": 0, "warning": 1, "info": 2}


@dataclass(frozen=True, slots=True)
class Rule:
    """A rule of `nmt-content check`: what it looks for, why, on whose authority, and the fix."""

    id: str
    """A stable id such as ``HC-001``; used in reports, `practice.lint.severity` and suppressions."""
    severity: Severity
    """The default severity; `practice.lint.severity` can change it or turn the rule off."""
    title: str
    """One line: what the rule looks for."""
    explanation: str
    """Why it matters."""
    source: str
    """The statute, guideline or style guide behind it."""
    fix: str
    """What to do about a finding."""
    family: str
    """The group it is listed under in docs/rules.md."""


@dataclass(frozen=True, slots=True)
class RawFinding:
    """What a rule reports, before the practice's severities and the articles' suppressions."""

    rule: str
    path: str
    """The content file (``articles/x.md``, ``practice.yaml``) or, for a page, its URL path."""
    line: int | None
    """The 1-based line in ``path``, when the finding comes from content and the line is known."""
    message: str

    def __reduce__(self) -> tuple[type[RawFinding], tuple[str, str, int | None, str]]:
        # Worker processes send findings back by the thousand: a plain constructor call is
        # several times faster to unpickle than a slotted dataclass's default state.
        return (RawFinding, (self.rule, self.path, self.line, self.message))


class Once(NamedTuple):
    """A finding to report once per ``key`` in a run: of the pages that raise it, the first in
    the build's order names it (a problem of a node that every page repeats, say)."""

    key: tuple[str, ...]
    finding: RawFinding


@dataclass(frozen=True, slots=True)
class Finding:
    """One finding, as reported."""

    rule: str
    severity: Severity
    path: str
    line: int | None
    message: str
    source: str
    """The rule's source (statute, guideline), repeated so each finding stands on its own."""
    suppressed_by: str | None = None
    """The article's reason, when the article suppressed the rule (the finding is then info)."""

    @property
    def sort_key(self) -> tuple[str, int, int, str, str]:
        """File, line, severity (errors first), rule, message."""
        return (self.path, self.line or 0, _RANK[self.severity], self.rule, self.message)


@dataclass(frozen=True)
class CheckResult:
    """Every finding of one check, sorted by file, line and severity, and the rules that ran."""

    findings: tuple[Finding, ...]
    rules: tuple[Rule, ...] = field(default=())
    """Every registered rule (SARIF lists them as the tool's rule table)."""

    def count(self, severity: Severity) -> int:
        """How many findings have this severity."""
        return sum(1 for finding in self.findings if finding.severity == severity)

    def exit_code(self, strict: bool = False) -> int:
        """The process exit code for these findings: 0 when there is no error (with ``strict``,
        no warning either), else 1. (Content that cannot load is the CLI's 2, before any check.)"""
        if self.count("error") or (strict and self.count("warning")):
            return 1
        return 0

    def summary(self) -> dict[str, int]:
        """Counts by severity, suppressed findings, and the total."""
        counts = Counter(finding.severity for finding in self.findings)
        return {
            "errors": counts["error"],
            "warnings": counts["warning"],
            "info": counts["info"],
            "suppressed": sum(1 for f in self.findings if f.suppressed_by is not None),
            "total": len(self.findings),
        }
