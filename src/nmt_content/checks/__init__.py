"""`nmt-content check`: SEO, structured-data, local and California-practice rules."""

from .docs import rules_markdown
from .engine import run_checks
from .findings import CheckResult, Finding, Rule
from .formats import FORMATS, format_findings
from .registry import RULES

__all__ = [
    "FORMATS",
    "RULES",
    "CheckResult",
    "Finding",
    "Rule",
    "format_findings",
    "rules_markdown",
    "run_checks",
]
