"""Rules, findings and the result of a check."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

__all__ = ["CheckResult", "Finding", "RawFinding", "Rule", "Severity"]

Severity = Literal["error", "warning", "info"]
_ORDER = {"error": 0, "warning": 1, "info": 2}


@dataclass(frozen=True, slots=True)
class Rule:
    """A rule of `nmt-content check`: what it looks for, why, on whose authority, and the fix."""

    id: str
    severity: Severity
    """The default severity; `practice.lint.severity` can change it."""
    title: str
    why: str
    source: str
    fix: str
    family: str


@dataclass(frozen=True, slots=True)
class RawFinding:
    """What a rule function reports, before severities and suppressions are applied."""

    rule: str
    path: str
    """The content file (``articles/x.md``, ``practice.yaml``) or, for a page, its URL path."""
    line: int | None
    message: str


@dataclass(frozen=True, slots=True, order=True)
class Finding:
    """One finding, as reported."""

    path: str
    line: int | None
    rule: str
    severity: Severity
    message: str
    source: str
    suppressed_by: str | None = None
    """The article's reason, when the rule was suppressed there (then reported as info)."""

    @property
    def sort_key(self) -> tuple[str, int, int, str, str]:
        return (self.path, self.line or 0, _ORDER[self.severity], self.rule, self.message)


@dataclass(frozen=True)
class CheckResult:
    """All findings of a check, sorted by file, line and severity."""

    findings: tuple[Finding, ...]
    rules: tuple[Rule, ...] = field(default=())
    """The rules that ran (for SARIF's rule table)."""

    def count(self, severity: Severity) -> int:
        return sum(1 for f in self.findings if f.severity == severity)

    def exit_code(self, strict: bool = False) -> int:
        """0 when there is no error (with ``strict``, no warning either), else 1."""
        if self.count("error") or (strict and self.count("warning")):
            return 1
        return 0

    def summary(self) -> dict[str, int]:
        return {
            "errors": self.count("error"),
            "warnings": self.count("warning"),
            "info": self.count("info"),
            "total": len(self.findings),
        }
