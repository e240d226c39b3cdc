"""`nmt-content check`: SEO, readability, structured-data, local, California-practice,
health-claim and E-E-A-T rules over a site built in memory.

    files, report = build_site(site, options)
    result = run_checks(site, files, report.pages, today=date.today(), sources=read_sources(root))
    print(format_findings(result, "text"), end="")
    sys.exit(result.exit_code(strict=False))
"""

from .docs import rules_markdown
from .engine import run_checks
from .findings import CheckResult, Finding, Rule, Severity
from .formats import FORMATS, Format, format_findings
from .registry import RULES

__all__ = [
    "FORMATS",
    "RULES",
    "CheckResult",
    "Finding",
    "Format",
    "Rule",
    "Severity",
    "format_findings",
    "rules_markdown",
    "run_checks",
]
