"""`check` on this repository's own content: the practitioner's words are flagged where the law or
the evidence asks, with the exact line, and left alone where they are a disclaimer."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from nmt_content.checks import CheckResult, Finding

from ..check_helpers import check

ARTICLE = "articles/neuromuscular-therapy-lower-back-pain.md"


@pytest.fixture(scope="module")
def repo(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, CheckResult]:
    """The repository's content, copied unchanged, and the result of checking it."""
    root = tmp_path_factory.mktemp("repo")
    source = Path(__file__).resolve().parents[2]
    (root / "articles").mkdir()
    (root / "practice.yaml").write_bytes((source / "practice.yaml").read_bytes())
    for article in (source / "articles").glob("*.md"):
        (root / "articles" / article.name).write_bytes(article.read_bytes())
    return root, check(root)


def line_of(root: Path, needle: str) -> int:
    lines = (root / ARTICLE).read_text(encoding="utf-8").splitlines()
    return next(number for number, line in enumerate(lines, start=1) if needle in line)


def hits(result: CheckResult, rule: str) -> list[Finding]:
    return [finding for finding in result.findings if finding.rule == rule]


def test_lactic_acid_sentence_gets_hc004(repo: tuple[Path, CheckResult]) -> None:
    root, result = repo
    (finding,) = hits(result, "HC-004")
    assert (finding.path, finding.line) == (ARTICLE, line_of(root, "release of lactic acid"))
    assert finding.severity == "warning"
    assert "“release of lactic acid”" in finding.message
    assert "Wiltshire et al., Med Sci Sports Exerc 2010;42(6):1062–71" in finding.message


def test_fused_title_gets_camtc006(repo: tuple[Path, CheckResult]) -> None:
    root, result = repo
    (finding,) = hits(result, "CAMTC-006")
    line = line_of(root, "Certified 900-Hour Massage Therapist")
    assert (finding.path, finding.line) == (ARTICLE, line)
    assert "“Certified 900-Hour Massage Therapist”" in finding.message


def test_not_a_panacea_is_a_disclaimer(repo: tuple[Path, CheckResult]) -> None:
    root, result = repo
    text = (root / ARTICLE).read_text(encoding="utf-8")
    assert "It’s not a panacea" in text or "It's not a panacea" in text
    assert hits(result, "HC-001") == []


def test_good_pain_is_flagged_on_its_lines(repo: tuple[Path, CheckResult]) -> None:
    root, result = repo
    assert [(f.path, f.line) for f in hits(result, "HC-009")] == [
        (ARTICLE, line_of(root, "Concept of 'Good Pain'")),
        (ARTICLE, line_of(root, "a sense of 'good pain'")),
    ]


def test_the_content_is_checked_unchanged(repo: tuple[Path, CheckResult]) -> None:
    root, _result = repo
    source = Path(__file__).resolve().parents[2]
    assert (root / ARTICLE).read_bytes() == (source / ARTICLE).read_bytes()


TOOL_CONTROLLED = (
    "CAMTC-001",
    "CAMTC-003",
    "HC-002",
    "HC-003",
    "HC-007",
    "EEAT-001",
    "SEO-003",
    "SEO-005",
    "SEO-006",
    "SEO-007",
    "SEO-008",
    "SEO-009",
    "SEO-010",
    "SEO-017",
    "SD-001",
    "SD-002",
    "SD-005",
    "LOCAL-001",
    "LOCAL-002",
)
"""Rules the built-in theme and generated data must never fire on complete content."""


@pytest.fixture(scope="module")
def group(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, CheckResult]:
    """The fictional group practice (examples/group-practice), copied unchanged, and checked."""
    root = tmp_path_factory.mktemp("group")
    source = Path(__file__).resolve().parents[2] / "examples" / "group-practice"
    shutil.copy(source / "practice.yaml", root / "practice.yaml")
    shutil.copytree(source / "articles", root / "articles")
    return root, check(root)


@pytest.mark.parametrize("content", ["repo", "group"])
def test_pages_pass_the_rules_the_tool_controls(
    content: str, request: pytest.FixtureRequest
) -> None:
    _root, result = request.getfixturevalue(content)
    for rule in TOOL_CONTROLLED:
        assert hits(result, rule) == [], rule


def test_repo_base_url_is_a_placeholder(repo: tuple[Path, CheckResult]) -> None:
    _root, result = repo
    (placeholder,) = hits(result, "LOCAL-004")
    assert (placeholder.path, placeholder.severity) == ("practice.yaml", "error")
    assert result.exit_code(strict=False) == 1
