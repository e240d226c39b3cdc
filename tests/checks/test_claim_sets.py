"""Precision and recall of the claim rules on labelled English and Spanish sentences."""

from __future__ import annotations

import pytest

from nmt_content.checks.context import TextUnit
from nmt_content.checks.rules.health_claims import claim_findings, cues_for

from .claim_sets import LANGUAGES, RULE_IDS, fired, labelled, scores


@pytest.mark.parametrize("language", list(LANGUAGES))
def test_the_labelled_set_is_large_and_half_innocent(language: str) -> None:
    rows = labelled(language)
    assert len(rows) >= 60
    assert sum(not row.expected for row in rows) * 2 >= len(rows)
    assert {rule for row in rows for rule in row.expected} == set(RULE_IDS)


@pytest.mark.parametrize("language", list(LANGUAGES))
def test_precision_and_recall_are_at_least_0_9_per_rule(language: str) -> None:
    for rule, score in scores(language).items():
        assert score.precision >= 0.9, (language, rule, score)
        assert score.recall >= 0.9, (language, rule, score)


@pytest.mark.parametrize(
    ("sentence", "language", "rules"),
    [
        ("We guarantee clean linens for every client.", "en", set()),
        ("We guarantee you will feel better.", "en", {"HC-001"}),
        ("Reviewed by a physician, Dr. Ana Ruiz.", "en", set()),
        ("Visit our clinic in Redding.", "en", {"HC-003"}),
        ("Pain means it's working.", "en", {"HC-009"}),
        ("No es una panacea.", "es", set()),
        ("No podemos garantizar resultados.", "es", set()),
        ("Garantizamos resultados.", "es", {"HC-001"}),
        ("No solo cura la tensión.", "es", {"HC-001"}),
        ("Somos masajistas con licencia.", "es", {"CAMTC-003"}),
    ],
)
def test_sentences(sentence: str, language: str, rules: set[str]) -> None:
    assert fired(sentence, language) == rules


def test_other_languages_are_not_read() -> None:
    assert cues_for("fr-CA") is None
    assert cues_for("es-US") is cues_for("es")
    unit = TextUnit("articles/x.md", "Massage cures everything.", "body")
    english = cues_for("en-US")
    assert english is not None
    assert [f.rule for f in claim_findings(unit, english)] == ["HC-001"]
