"""`check` on this repository's own article: the practitioner's words, flagged where the law or
the evidence asks, and left alone where they are a disclaimer."""

from __future__ import annotations

from pathlib import Path

from .check_helpers import check, fired

ARTICLE = "articles/neuromuscular-therapy-lower-back-pain.md"


def line_of(root: Path, needle: str) -> int:
    lines = (root / ARTICLE).read_text(encoding="utf-8").splitlines()
    return next(i for i, line in enumerate(lines, start=1) if needle in line)


def test_lactic_acid_sentence_gets_hc004(repo_content: Path) -> None:
    hits = fired(check(repo_content), "HC-004")
    assert len(hits) == 1
    assert hits[0].startswith(f"{ARTICLE}:{line_of(repo_content, 'release of lactic acid')}:")
    assert "Wiltshire" in hits[0]


def test_fused_title_gets_camtc006(repo_content: Path) -> None:
    hits = fired(check(repo_content), "CAMTC-006")
    assert len(hits) == 1
    assert hits[0].startswith(
        f"{ARTICLE}:{line_of(repo_content, 'Certified 900-Hour Massage Therapist')}:"
    )


def test_not_a_panacea_is_a_disclaimer(repo_content: Path) -> None:
    assert "not a panacea" in (repo_content / ARTICLE).read_text(encoding="utf-8")
    assert fired(check(repo_content), "HC-001") == []


def test_repo_pages_pass_the_rules_the_tool_controls(repo_content: Path) -> None:
    result = check(repo_content)
    for rule in (
        "CAMTC-001",
        "HC-007",
        "EEAT-001",
        "SEO-003",
        "SEO-004",
        "SEO-005",
        "SEO-006",
        "SEO-007",
        "SEO-008",
        "SEO-009",
        "SEO-010",
        "SD-001",
        "SD-002",
        "LOCAL-001",
    ):
        assert fired(result, rule) == [], rule
    assert fired(result, "LOCAL-004"), "the placeholder base URL is reported"
