"""The labelled sentence sets of the claim rules (tests/checks/data/claims_*.tsv) and their
precision and recall, per rule and language: the test asserts them, and
scripts/generate_rules_doc.py prints them in docs/rules.md."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from nmt_content.checks.context import TextUnit
from nmt_content.checks.rules.california import title_findings
from nmt_content.checks.rules.health_claims import claim_findings, cues_for

DATA = Path(__file__).resolve().parent / "data"
LANGUAGES = {"en": "English", "es": "Spanish"}
RULE_IDS = ("HC-001", "HC-002", "HC-003", "HC-004", "HC-009", "CAMTC-003", "CAMTC-006")
THERAPISTS = ("Dustin",)


@dataclass(frozen=True)
class Labelled:
    sentence: str
    expected: frozenset[str]


@dataclass(frozen=True)
class Score:
    true_positives: int
    false_positives: int
    false_negatives: int

    @property
    def precision(self) -> float:
        fired = self.true_positives + self.false_positives
        return self.true_positives / fired if fired else 1.0

    @property
    def recall(self) -> float:
        wanted = self.true_positives + self.false_negatives
        return self.true_positives / wanted if wanted else 1.0


def labelled(language: str) -> list[Labelled]:
    """The sentences of one language with the rules each must fire ("none": no rule)."""
    rows = []
    for line in (DATA / f"claims_{language}.tsv").read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            sentence, expected = line.split("\t")
            rules = frozenset() if expected == "none" else frozenset(expected.split(","))
            rows.append(Labelled(sentence, rules))
    return rows


def fired(sentence: str, language: str) -> set[str]:
    """The claim rules that fire on one sentence read as ``language``."""
    cues = cues_for(language)
    assert cues is not None
    unit = TextUnit("articles/x.md", sentence, "body")
    findings = [*claim_findings(unit, cues, THERAPISTS), *title_findings(unit, cues)]
    return {finding.rule for finding in findings}


def scores(language: str) -> dict[str, Score]:
    """Precision and recall counts per rule over the labelled set of one language."""
    counts = {rule: [0, 0, 0] for rule in RULE_IDS}
    for row in labelled(language):
        got = fired(row.sentence, language)
        for rule in RULE_IDS:
            count = counts[rule]
            count[0] += rule in got and rule in row.expected
            count[1] += rule in got and rule not in row.expected
            count[2] += rule not in got and rule in row.expected
    return {rule: Score(*count) for rule, count in counts.items()}


def accuracy_markdown() -> str:
    """The section of docs/rules.md that reports precision and recall."""
    lines = [
        "## Accuracy of the claim rules",
        "",
        "Measured on labelled sentences in the tests (`tests/checks/data/claims_en.tsv`, "
        "`claims_es.tsv`: marketing sentences as a practice writes them, each with the rules it "
        "must fire, at least half of them innocent). A test keeps precision and recall at 0.9 "
        "or more for every rule in each language.",
        "",
        "| rule | language | sentences | precision | recall |",
        "| --- | --- | --- | --- | --- |",
    ]
    for language, name in LANGUAGES.items():
        rows = labelled(language)
        for rule, score in scores(language).items():
            positives = sum(rule in row.expected for row in rows)
            lines.append(
                f"| {rule} | {name} | {positives} of {len(rows)} | {score.precision:.2f} | "
                f"{score.recall:.2f} |"
            )
    return "\n".join(lines) + "\n"
