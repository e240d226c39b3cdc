"""docs/rules.md is generated from the rule registry and must be current."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from nmt_content.checks import RULES, rules_markdown

from .claim_sets import accuracy_markdown

REPO_ROOT = Path(__file__).resolve().parents[2]
RULES_DOC = REPO_ROOT / "docs" / "rules.md"


def test_rules_doc_is_current() -> None:
    assert RULES_DOC.read_text(encoding="utf-8") == rules_markdown(accuracy_markdown()), (
        "docs/rules.md is stale: run `python scripts/generate_rules_doc.py`"
    )


def test_rules_doc_lists_every_rule_with_severity_and_source() -> None:
    rows = {
        cells[0]: cells
        for line in rules_markdown().splitlines()
        if line.startswith("| ") and not line.startswith(("| id ", "| ---"))
        for cells in [re.split(r"(?<!\\) \| ", line.strip("| "))]
    }
    assert list(rows) == sorted(rows, key=list(rows).index)
    assert set(rows) == set(RULES)
    for rule in RULES.values():
        assert rows[rule.id][1] == rule.severity
        assert rule.source.replace("|", "\\|") in rows[rule.id][4]


def test_rules_doc_says_which_languages_each_rule_reads() -> None:
    doc = RULES_DOC.read_text(encoding="utf-8")
    rows = {
        cells[0]: cells[-1]
        for line in doc.splitlines()
        if line.startswith("| ") and " | " in line
        for cells in [re.split(r"(?<!\\) \| ", line.strip("| "))]
        if len(cells) == 7
    }
    for rule in ("HC-001", "HC-002", "HC-003", "HC-004", "HC-009", "CAMTC-003", "CAMTC-006"):
        assert rows[rule] == "English, Spanish"
    assert rows["SEO-001"] == "any"
    assert "| HC-001 | Spanish | " in doc


def test_every_rule_is_documented_in_full() -> None:
    for rule in RULES.values():
        assert all((rule.title, rule.explanation, rule.source, rule.fix)), rule.id
        assert "\n" not in rule.title, rule.id


@pytest.mark.slow
def test_script_checks_and_writes_the_doc(tmp_path: Path) -> None:
    script = REPO_ROOT / "scripts" / "generate_rules_doc.py"
    target = tmp_path / "rules.md"
    run = [sys.executable, str(script), "--output", str(target)]
    assert subprocess.run([*run, "--check"], capture_output=True, check=False).returncode == 1
    assert subprocess.run(run, capture_output=True, check=False).returncode == 0
    assert target.read_text(encoding="utf-8") == rules_markdown(accuracy_markdown())
    assert subprocess.run([*run, "--check"], capture_output=True, check=False).returncode == 0
