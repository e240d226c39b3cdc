"""The report formats: text lines, JSON that loads, GitHub workflow commands escaped by GitHub's
rules, and SARIF 2.1.0 (validated against the official schema when it is vendored under
tests/data/ and jsonschema is installed; its required structure is checked by hand always)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from nmt_content.checks import RULES, CheckResult, Finding, format_findings
from nmt_content.checks.formats import Format
from nmt_content.cli import main

from .. import webtools
from ..check_helpers import check

RULE_TABLE = tuple(RULES.values())
HOSTILE = Finding(
    "HC-009", "warning", "articles/a,b:c%.md", 3, "50% of\r\nclients: 'good pain'", "src"
)
ON_PAGE = Finding("CAMTC-001", "error", "/about/", None, "the page does not show it", "src")
SUPPRESSED = Finding("HC-009", "info", "articles/x.md", 4, "suppressed (Quote): x", "src", "Quote")


@pytest.fixture(scope="module")
def repo_result(tmp_path_factory: pytest.TempPathFactory) -> CheckResult:
    root = tmp_path_factory.mktemp("repo")
    repo = Path(__file__).resolve().parents[2]
    (root / "articles").mkdir()
    (root / "practice.yaml").write_bytes((repo / "practice.yaml").read_bytes())
    for article in (repo / "articles").glob("*.md"):
        (root / "articles" / article.name).write_bytes(article.read_bytes())
    return check(root)


def test_text_format(repo_result: CheckResult) -> None:
    lines = format_findings(repo_result, "text").splitlines()
    assert len(lines) == len(repo_result.findings) + 1
    assert any(
        line.startswith("articles/neuromuscular-therapy-lower-back-pain.md:30: warning HC-004 ")
        for line in lines
    )
    assert lines[-1].endswith(" info")


def test_text_format_without_a_line() -> None:
    text = format_findings(CheckResult((ON_PAGE, SUPPRESSED), RULE_TABLE), "text")
    assert text.splitlines() == [
        "/about/: error CAMTC-001 the page does not show it",
        "articles/x.md:4: info HC-009 suppressed (Quote): x",
        "1 errors, 0 warnings, 1 info (1 suppressed)",
    ]


def test_json_format(repo_result: CheckResult) -> None:
    data = json.loads(format_findings(repo_result, "json"))
    assert data["summary"]["total"] == len(repo_result.findings) > 0
    assert data["summary"]["errors"] == repo_result.count("error")
    for item in data["findings"]:
        assert {"rule", "severity", "path", "line", "message", "source"} <= set(item)
        assert item["rule"] in RULES
        assert item["severity"] in {"error", "warning", "info"}


def test_github_commands_escape_properties_and_data() -> None:
    result = CheckResult((HOSTILE, ON_PAGE, SUPPRESSED), RULE_TABLE)
    assert format_findings(result, "github").splitlines() == [
        "::warning file=articles/a%2Cb%3Ac%25.md,line=3,title=HC-009::50%25 of%0D%0Aclients: 'good pain'",
        "::error title=CAMTC-001::/about/: the page does not show it",
        "::notice file=articles/x.md,line=4,title=HC-009::suppressed (Quote): x",
    ]


def test_unknown_format() -> None:
    with pytest.raises(ValueError, match="unknown format"):
        format_findings(CheckResult(()), "xml")  # type: ignore[arg-type]


# -- SARIF -----------------------------------------------------------------------------------

# The properties SARIF 2.1.0 allows on the objects we write (each has additionalProperties: false).
_ALLOWED: dict[str, set[str]] = {
    "log": {"$schema", "version", "runs", "inlineExternalProperties", "properties"},
    "run": {
        "tool",
        "results",
        "originalUriBaseIds",
        "invocations",
        "artifacts",
        "properties",
        "columnKind",
    },
    "driver": {
        "name",
        "version",
        "semanticVersion",
        "informationUri",
        "rules",
        "properties",
        "fullName",
    },
    "rule": {
        "id",
        "name",
        "shortDescription",
        "fullDescription",
        "help",
        "helpUri",
        "defaultConfiguration",
        "properties",
    },
    "result": {
        "ruleId",
        "ruleIndex",
        "level",
        "message",
        "locations",
        "suppressions",
        "properties",
    },
    "artifactLocation": {"uri", "uriBaseId", "index", "description", "properties"},
}


def _keys(value: dict[str, Any], kind: str) -> None:
    assert set(value) <= _ALLOWED[kind], f"{kind}: {set(value) - _ALLOWED[kind]}"


def _sarif(result: CheckResult) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(format_findings(result, "sarif"))
    return data


def test_sarif_required_structure(repo_result: CheckResult) -> None:
    result = CheckResult((*repo_result.findings, ON_PAGE, SUPPRESSED), RULE_TABLE)
    sarif = _sarif(result)
    _keys(sarif, "log")
    assert sarif["version"] == "2.1.0"
    assert sarif["$schema"].endswith("sarif-2.1.0.json")
    (run,) = sarif["runs"]
    _keys(run, "run")
    driver = run["tool"]["driver"]
    _keys(driver, "driver")
    assert driver["name"] == "nmt-content"
    rule_ids = [rule["id"] for rule in driver["rules"]]
    assert rule_ids == list(RULES)
    for rule in driver["rules"]:
        _keys(rule, "rule")
        assert "helpUri" not in rule
        for text in ("shortDescription", "fullDescription", "help"):
            assert rule[text]["text"]
        assert rule["defaultConfiguration"]["level"] in {"error", "warning", "note"}
    assert len(run["results"]) == len(result.findings)
    for item, finding in zip(run["results"], result.findings, strict=True):
        _keys(item, "result")
        assert item["ruleId"] == finding.rule == rule_ids[item["ruleIndex"]]
        assert (
            item["level"]
            == {"error": "error", "warning": "warning", "info": "note"}[finding.severity]
        )
        assert item["message"]["text"] == finding.message
        (location,) = item["locations"]
        physical = location["physicalLocation"]
        _keys(physical["artifactLocation"], "artifactLocation")
        assert physical["artifactLocation"]["uri"]
        if finding.line:
            assert physical["region"] == {"startLine": finding.line}
        else:
            assert "region" not in physical
    by_message = {item["message"]["text"]: item for item in run["results"]}
    page = by_message[ON_PAGE.message]["locations"][0]["physicalLocation"]["artifactLocation"]
    assert page == {"uri": "about/index.html", "uriBaseId": "SITE"}
    assert "SITE" in run["originalUriBaseIds"]
    assert by_message[SUPPRESSED.message]["suppressions"] == [
        {"kind": "inSource", "justification": "Quote"}
    ]


@webtools.requires(sarif_schema=webtools.SARIF_SCHEMA.exists())
def test_sarif_validates_against_the_schema(repo_result: CheckResult) -> None:
    """The OASIS SARIF 2.1.0 schema, as GitHub code scanning reads it (from tools/, pinned)."""
    schema = json.loads(webtools.SARIF_SCHEMA.read_text(encoding="utf-8"))
    result = CheckResult((*repo_result.findings, ON_PAGE, SUPPRESSED), RULE_TABLE)
    jsonschema.validate(_sarif(result), schema, cls=jsonschema.Draft4Validator)


# -- exit codes through the CLI --------------------------------------------------------------


def test_check_exit_codes(content_root: Path, capsys: pytest.CaptureFixture[str]) -> None:
    practice = content_root / "practice.yaml"
    practice.write_text(
        practice.read_text().replace("https://practice.example/", "https://redding-massage.com/")
    )
    assert main(["check", str(content_root)]) == 0, "warnings only"
    assert main(["check", str(content_root), "--strict"]) == 1
    article = content_root / "articles" / "test-article.md"
    article.write_text(article.read_text() + "\nMassage will cure you.\n")
    capsys.readouterr()
    assert main(["check", str(content_root), "--format", "json"]) == 1
    data = json.loads(capsys.readouterr().out)
    assert [f["rule"] for f in data["findings"] if f["severity"] == "error"] == ["HC-001"]
    article.write_text("no front matter")
    assert main(["check", str(content_root)]) == 2


@pytest.mark.slow
def test_the_program_exits_with_the_code_after_all_its_output(content_root: Path) -> None:
    """The program ends without tearing its heap down, after flushing a long report fully."""
    article = content_root / "articles" / "test-article.md"
    article.write_text(article.read_text() + "\nMassage will cure you.\n" * 2000)
    command = [sys.executable, "-m", "nmt_content", "check", str(content_root), "--format", "json"]
    done = subprocess.run(command, capture_output=True, check=False)
    assert done.returncode == 1
    data = json.loads(done.stdout)
    assert data["summary"]["errors"] >= 1
    assert len(done.stdout) > 65536, "more than a pipe buffer"
    assert subprocess.run([*command[:4], "/nonexistent"], capture_output=True).returncode == 2


def test_check_jobs_must_be_a_positive_number(
    content_root: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    for bad in ("0", "-1", "two"):
        with pytest.raises(SystemExit) as stop:
            main(["check", str(content_root), "--jobs", bad])
        assert stop.value.code == 2
        assert "--jobs" in capsys.readouterr().err
    assert main(["check", str(content_root), "--jobs", "2"]) in {0, 1}


@pytest.mark.parametrize("fmt", ["json", "sarif"])
@pytest.mark.parametrize(
    "message",
    ["50% of\r\nclients: 'good pain' — café \u2028 \x7f \x00 \\ \"", "a lone \ud800 surrogate"],
)
def test_json_text_is_the_standard_library_text(fmt: Format, message: str) -> None:
    """The reports are written by orjson where it can (and by `json` where it cannot: a lone
    surrogate); either way the text is exactly what ``json.dumps(indent=2)`` gives, escaped for
    terminals, so the reports stay byte-identical whichever wrote them."""
    from nmt_content.checks import formats
    from nmt_content.errors import printable_json

    found = Finding("HC-009", "warning", "articles/é.md", 3, message, "src")
    result = CheckResult((found, ON_PAGE, SUPPRESSED), RULE_TABLE)
    data = formats._json(result) if fmt == "json" else formats._sarif(result)
    expected = printable_json(json.dumps(data, indent=2, ensure_ascii=False)) + "\n"
    assert format_findings(result, fmt) == expected
    assert json.loads(expected)  # parses
