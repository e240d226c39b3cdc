"""Report findings as text, JSON, GitHub workflow commands or SARIF 2.1.0."""

from __future__ import annotations

import json
from typing import Any, Literal

from .findings import CheckResult, Finding

__all__ = ["FORMATS", "format_findings"]

Format = Literal["text", "json", "github", "sarif"]
FORMATS: tuple[Format, ...] = ("text", "json", "github", "sarif")
_GITHUB_LEVEL = {"error": "error", "warning": "warning", "info": "notice"}
_SARIF_LEVEL = {"error": "error", "warning": "warning", "info": "note"}
SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"


def format_findings(result: CheckResult, fmt: Format) -> str:
    """The findings in ``fmt``; always ends with a newline."""
    if fmt == "text":
        return _text(result)
    if fmt == "json":
        return json.dumps(_json(result), indent=2, ensure_ascii=False) + "\n"
    if fmt == "github":
        return "".join(_github(f) + "\n" for f in result.findings)
    if fmt == "sarif":
        return json.dumps(_sarif(result), indent=2, ensure_ascii=False) + "\n"
    raise ValueError(f"unknown format {fmt!r}; use one of {', '.join(FORMATS)}")


def _where(finding: Finding) -> str:
    return f"{finding.path}:{finding.line}" if finding.line else finding.path


def _text(result: CheckResult) -> str:
    lines = [f"{_where(f)}: {f.severity} {f.rule} {f.message}" for f in result.findings]
    s = result.summary()
    lines.append(f"{s['errors']} errors, {s['warnings']} warnings, {s['info']} info")
    return "\n".join(lines) + "\n"


def _json(result: CheckResult) -> dict[str, Any]:
    return {
        "findings": [
            {
                "rule": f.rule,
                "severity": f.severity,
                "path": f.path,
                "line": f.line,
                "message": f.message,
                "source": f.source,
                "suppressed_by": f.suppressed_by,
            }
            for f in result.findings
        ],
        "summary": result.summary(),
    }


def _escape_data(value: str) -> str:
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(value: str) -> str:
    return _escape_data(value).replace(":", "%3A").replace(",", "%2C")


def _github(finding: Finding) -> str:
    properties = [f"file={_escape_property(finding.path)}"]
    if finding.line:
        properties.append(f"line={finding.line}")
    properties.append(f"title={_escape_property(finding.rule)}")
    return f"::{_GITHUB_LEVEL[finding.severity]} {','.join(properties)}::{_escape_data(finding.message)}"


def _sarif(result: CheckResult) -> dict[str, Any]:
    rules = [
        {
            "id": rule.id,
            "name": rule.id.replace("-", ""),
            "shortDescription": {"text": rule.title},
            "fullDescription": {"text": rule.why},
            "help": {"text": f"{rule.fix} Source: {rule.source}"},
            "defaultConfiguration": {"level": _SARIF_LEVEL[rule.severity]},
            "properties": {"tags": [rule.family]},
        }
        for rule in result.rules
    ]
    index = {rule["id"]: i for i, rule in enumerate(rules)}
    results = []
    for finding in result.findings:
        location: dict[str, Any] = {
            "artifactLocation": {"uri": finding.path.lstrip("/") or "index.html"}
        }
        if finding.line:
            location["region"] = {"startLine": finding.line}
        results.append(
            {
                "ruleId": finding.rule,
                "ruleIndex": index[finding.rule],
                "level": _SARIF_LEVEL[finding.severity],
                "message": {"text": finding.message},
                "locations": [{"physicalLocation": location}],
            }
        )
    return {
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {"driver": {"name": "nmt-content", "rules": rules}},
                "results": results,
            }
        ],
    }
