"""`nmt-content check`: SEO, readability, structured-data, local, California-practice,
health-claim and E-E-A-T rules over a built site.

    files, report = build_site(site, options)
    result = run_checks(site, files, report, today=date.today(), sources=read_sources(root))
    print(format_findings(result, "text"), end="")
    sys.exit(result.exit_code(strict=False))

`nmt_content.pipeline.check_pass.check_site(site, options, today=…, sources=…, jobs=…)` gives the same
findings without holding the built site: it checks each page as the build renders it, in the
build's worker processes (this is what `nmt-content check` runs).
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
