"""The report formats parse, and the CLI's exit codes follow the findings."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from nmt_content.checks import RULES, format_findings
from nmt_content.checks.docs import rules_markdown
from nmt_content.checks.findings import CheckResult, Finding
from nmt_content.cli import main

from .check_helpers import check
from .conftest import REPO_ROOT

HOSTILE = Finding(
    "articles/a,b:c.md", 3, "HC-009", "warning", "50% of\nclients: 'good pain'", "src"
)


def test_json_format(repo_content: Path) -> None:
    result = check(repo_content)
    data = json.loads(format_findings(result, "json"))
    assert data["summary"]["total"] == len(result.findings) > 0
    first = data["findings"][0]
    assert set(first) >= {"rule", "severity", "path", "line", "message", "source"}


def test_text_format(repo_content: Path) -> None:
    lines = format_findings(check(repo_content), "text").splitlines()
    assert any(
        line.startswith("articles/neuromuscular-therapy-lower-back-pain.md:") and " HC-004 " in line
        for line in lines
    )
    assert lines[-1].endswith("info")


def test_github_commands_escape_properties_and_data() -> None:
    (line,) = format_findings(CheckResult((HOSTILE,), tuple(RULES.values())), "github").splitlines()
    assert (
        line
        == "::warning file=articles/a%2Cb%3Ac.md,line=3,title=HC-009::50%25 of%0Aclients: 'good pain'"
    )


def test_sarif_structure(repo_content: Path) -> None:
    result = check(repo_content)
    sarif = json.loads(format_findings(result, "sarif"))
    assert sarif["version"] == "2.1.0"
    assert sarif["$schema"].endswith("sarif-2.1.0.json")
    (run,) = sarif["runs"]
    driver = run["tool"]["driver"]
    assert driver["name"] == "nmt-content"
    rule_ids = [rule["id"] for rule in driver["rules"]]
    assert len(rule_ids) == len(set(rule_ids)) == len(RULES)
    for rule in driver["rules"]:
        assert rule["shortDescription"]["text"]
        assert rule["defaultConfiguration"]["level"] in {"error", "warning", "note"}
    assert len(run["results"]) == len(result.findings)
    for item in run["results"]:
        assert rule_ids[item["ruleIndex"]] == item["ruleId"]
        assert item["level"] in {"error", "warning", "note"}
        assert item["message"]["text"]
        location = item["locations"][0]["physicalLocation"]
        assert location["artifactLocation"]["uri"]
        if "region" in location:
            assert location["region"]["startLine"] >= 1


def test_rules_doc_is_current() -> None:
    assert (REPO_ROOT / "docs" / "rules.md").read_text(encoding="utf-8") == rules_markdown(), (
        "run `python scripts/generate_rules_doc.py`"
    )


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


def test_build_check_catches_a_hand_edited_file(
    repo_content: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = repo_content / "_site"
    assert main(["build", str(repo_content), "-q"]) == 0
    assert main(["build", str(repo_content), "--check"]) == 0
    page = out / "about" / "index.html"
    page.write_text(page.read_text().replace("About Dustin", "About Someone"))
    (out / "stray.html").write_text("x")
    capsys.readouterr()
    assert main(["build", str(repo_content), "--check"]) == 1
    lines = capsys.readouterr().out.split("\n")
    assert "changed  about/index.html" in lines
    assert "extra    stray.html" in lines
