"""Report findings as text, JSON, GitHub Actions workflow commands or SARIF 2.1.0.

Paths: a finding in content names the file relative to the content root (``articles/x.md``); a
finding about a rendered page names its URL path (``/articles/x/``). GitHub annotations attach to
content files only (a URL path is not a file of the repository; it leads the message instead), and
SARIF places a page at its output file under the ``SITE`` base (the build's output folder).

Text from content (file names, quoted values) is untrusted: the text and GitHub formats show its
control characters as escapes (:func:`~nmt_content.printable.printable`), so a finding is always
one line and cannot forge another line or a workflow command; in the GitHub format, ``%``, CR
and LF are first escaped by GitHub's rules (the annotation shows the line breaks). JSON and SARIF escape control characters by JSON's rules, and the C1 controls,
bidi controls and line separators JSON allows raw are written as ``\\u`` escapes too.
"""

from __future__ import annotations

import json
from importlib.metadata import PackageNotFoundError, version
from typing import Any, Literal

import orjson

from ..errors import printable, printable_json
from ..urls import output_file
from .findings import CheckResult, Finding, Severity

__all__ = [
    "FORMATS",
    "SARIF_SCHEMA",
    "Format",
    "format_findings",
    "github_escape_data",
    "github_escape_property",
]

Format = Literal["text", "json", "github", "sarif"]
FORMATS: tuple[Format, ...] = ("text", "json", "github", "sarif")
SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
SARIF_VERSION = "2.1.0"
_GITHUB_LEVEL: dict[Severity, str] = {"error": "error", "warning": "warning", "info": "notice"}
_SARIF_LEVEL: dict[Severity, str] = {"error": "error", "warning": "warning", "info": "note"}


def format_findings(result: CheckResult, fmt: Format) -> str:
    """The findings in ``fmt``; the text always ends with a newline."""
    if fmt == "text":
        return _text(result)
    if fmt == "json":
        return _json_text(_json(result))
    if fmt == "github":
        return "".join(_github(finding) + "\n" for finding in result.findings)
    if fmt == "sarif":
        return _json_text(_sarif(result))
    raise ValueError(f"unknown format {fmt!r}; use one of {', '.join(FORMATS)}")


def _json_text(data: Any) -> str:
    """``data`` as indented JSON: non-ASCII text kept readable, but no raw control character.

    The text of ``json.dumps(data, indent=2, ensure_ascii=False)``, written by orjson about four
    times faster (a large site's report runs to megabytes, in the main process after the
    workers are done); what orjson refuses (a lone surrogate, a huge integer) goes the slow way.
    """
    try:
        text = orjson.dumps(data, option=orjson.OPT_INDENT_2).decode()
    except TypeError:  # orjson.JSONEncodeError is one
        text = json.dumps(data, indent=2, ensure_ascii=False)
    return printable_json(text) + "\n"


def _is_page(path: str) -> bool:
    return path.startswith("/")


def _text(result: CheckResult) -> str:
    """``path:line: severity RULE message``, one per line, then a summary line."""
    lines = [
        f"{printable(f.path)}:{f.line}: {f.severity} {f.rule} {printable(f.message)}"
        if f.line
        else f"{printable(f.path)}: {f.severity} {f.rule} {printable(f.message)}"
        for f in result.findings
    ]
    s = result.summary()
    suppressed = f" ({s['suppressed']} suppressed)" if s["suppressed"] else ""
    lines.append(f"{s['errors']} errors, {s['warnings']} warnings, {s['info']} info{suppressed}")
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


def github_escape_data(value: str) -> str:
    """Escape a workflow command's message: ``%``, carriage return and line feed by GitHub's
    rules (the annotation shows the line breaks), then every other control character as an
    escape, so the command is one line that no log viewer acts on."""
    return printable(value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A"))


def github_escape_property(value: str) -> str:
    """Escape a workflow command's property value: as data, plus ``:`` and ``,``."""
    return github_escape_data(value).replace(":", "%3A").replace(",", "%2C")


def _github(finding: Finding) -> str:
    """``::error file=…,line=…,title=RULE::message`` (GitHub Actions workflow command)."""
    properties = []
    message = finding.message
    if _is_page(finding.path):
        if not message.startswith(finding.path):
            message = f"{finding.path}: {message}"
    else:
        properties.append(f"file={github_escape_property(finding.path)}")
        if finding.line:
            properties.append(f"line={finding.line}")
    properties.append(f"title={github_escape_property(finding.rule)}")
    level = _GITHUB_LEVEL[finding.severity]
    return f"::{level} {','.join(properties)}::{github_escape_data(message)}"


def _tool_version() -> str | None:
    try:
        return version("nmt-content")
    except PackageNotFoundError:  # pragma: no cover - running from a source tree
        return None


def _location(finding: Finding) -> dict[str, Any]:
    if _is_page(finding.path):
        try:
            artifact = {"uri": output_file(finding.path), "uriBaseId": "SITE"}
        except ValueError:
            artifact = {"uri": finding.path.lstrip("/"), "uriBaseId": "SITE"}
    else:
        artifact = {"uri": finding.path}
    location: dict[str, Any] = {"artifactLocation": artifact}
    if finding.line:
        location["region"] = {"startLine": finding.line}
    return {"physicalLocation": location}


def _sarif(result: CheckResult) -> dict[str, Any]:
    rules = [
        {
            "id": rule.id,
            "name": rule.id.replace("-", ""),
            "shortDescription": {"text": rule.title},
            "fullDescription": {"text": rule.explanation},
            "help": {"text": f"{rule.fix} Source: {rule.source}."},
            "defaultConfiguration": {"level": _SARIF_LEVEL[rule.severity]},
            "properties": {"tags": [rule.family], "source": rule.source},
        }
        for rule in result.rules
    ]
    index = {rule.id: position for position, rule in enumerate(result.rules)}
    results = []
    for finding in result.findings:
        item: dict[str, Any] = {
            "ruleId": finding.rule,
            "level": _SARIF_LEVEL[finding.severity],
            "message": {"text": finding.message},
            "locations": [_location(finding)],
        }
        if finding.rule in index:
            item["ruleIndex"] = index[finding.rule]
        if finding.suppressed_by is not None:
            item["suppressions"] = [{"kind": "inSource", "justification": finding.suppressed_by}]
        results.append(item)
    driver: dict[str, Any] = {"name": "nmt-content", "rules": rules}
    tool_version = _tool_version()
    if tool_version:
        driver["version"] = tool_version
    return {
        "$schema": SARIF_SCHEMA,
        "version": SARIF_VERSION,
        "runs": [
            {
                "tool": {"driver": driver},
                "originalUriBaseIds": {
                    "SITE": {"description": {"text": "The built site (the build's output folder)."}}
                },
                "results": results,
            }
        ],
    }
