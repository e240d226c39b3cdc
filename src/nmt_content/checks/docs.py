"""docs/rules.md, generated from the rule registry (``python scripts/generate_rules_doc.py``)."""

from __future__ import annotations

from .registry import LANGUAGES, RULES
from .rules import ALL_CHECKS

__all__ = ["rules_markdown"]

assert ALL_CHECKS, "importing the rule modules registers every rule"

_FAMILIES = (
    "SEO",
    "Readability",
    "Structured data",
    "Local",
    "California practice",
    "Health claims",
    "E-E-A-T",
)

_MEASURES = """\
## How the measurements are made

- **Title width** (SEO-001, SEO-002) is estimated as Google's result page renders titles: Arial at
  20 px. Each character's advance width comes from a table of Arial's widths in 1/1000 em
  (`nmt_content.pages.metrics.title_width`; a character not in the table counts as wide as a
  lower-case "n"), times 20 px. Google cuts titles at about 600 px; below 150 px a title is short.
- **Meta description** length (SEO-004) counts characters: 120–156 is Yoast's range.
- **Readability** (SEO-013 to SEO-016) is measured on the prose paragraphs of the Markdown body
  (headings, lists, tables and code left out), for texts of 100 words or more. Flesch reading
  ease = 206.835 − 1.015 × words per sentence − 84.6 × syllables per word, with syllables
  estimated from vowel groups ("y" counts; a silent final "e" is dropped). Passive voice is a
  form of "to be" or "get", an optional "-ly" adverb, then a past participle (regular "-ed" or
  one of the common irregular ones), as a share of sentences. A Spanish article (its `language`,
  else the practice's) is scored with Fernández Huerta's formula (Consigna 1959;214:29–32, as
  corrected and as Yoast SEO uses it): 206.84 − 60 × syllables per word − 1.02 × words per
  sentence, with Spanish syllables (vowel groups; two strong vowels, or an accented í or ú, side
  by side are two) and a 25-word sentence limit; passive voice is measured in English only. Other
  languages get no reading-ease or passive-voice finding.
- **Negation** (HC-001, HC-009, CAMTC-003…): a claim word is not reported when "not", "never",
  "no", "nor", "without", "cannot" or an "n't" contraction stands among the six words before it
  in the same clause. "It's not a panacea" is a disclaimer; "not only a cure" is still a claim.
  A belief reported rather than made ("some believe massage flushes toxins") is not a claim.
- **Languages**: the claim rules read an article in its `language` (else the practice's): English
  and Spanish have their own wording and negation ("no es una panacea", "no podemos garantizar"
  are disclaimers); a text in another language is not read. "Guarantee" and "promise" count only
  in a sentence about health or results ("we guarantee clean linens" does not); a physician
  named as a reviewer or a referral does not count, "our clinic" does. The "languages" column
  says which languages each rule reads ("any": it reads no wording).
"""


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


_LANGUAGE_NAMES = {"en": "English", "es": "Spanish"}


def _languages(rule_id: str) -> str:
    languages = LANGUAGES.get(rule_id)
    return ", ".join(_LANGUAGE_NAMES.get(lang, lang) for lang in languages) if languages else "any"


def rules_markdown(extra: str = "") -> str:
    """The rules reference as Markdown: one table per family, rules in id order, then ``extra``
    (sections measured outside the library, such as the claim rules' accuracy)."""
    lines = [
        "# Rules of `nmt-content check`",
        "",
        "<!-- Generated from the rule registry by `python scripts/generate_rules_doc.py`; "
        "do not edit by hand. -->",
        "",
        f"{len(RULES)} rules. Change a rule's severity in `practice.yaml`, or turn it off:",
        "",
        "```yaml",
        "practice:",
        "  lint:",
        '    severity: {HC-009: error, SEO-011: "off"}',
        "```",
        "",
        "An article can suppress a rule only with a reason; the suppression is still reported, "
        "as info:",
        "",
        "```yaml",
        'lint: {ignore: [HC-009], reason: "Quoted from a client\'s review, with consent"}',
        "```",
        "",
        'Rule messages say "may" and cite their source. This is engineering guidance, not legal '
        "advice.",
        "",
    ]
    families = list(_FAMILIES) + sorted({r.family for r in RULES.values()} - set(_FAMILIES))
    for family in families:
        rules = sorted((r for r in RULES.values() if r.family == family), key=lambda r: r.id)
        if not rules:
            continue
        lines += [
            f"## {family}",
            "",
            "| id | severity | what | why | source | fix | languages |",
            "| --- | --- | --- | --- | --- | --- | --- |",
        ]
        for rule in rules:
            cells = (
                rule.id,
                rule.severity,
                rule.title,
                rule.explanation,
                rule.source,
                rule.fix,
                _languages(rule.id),
            )
            lines.append("| " + " | ".join(_cell(c) for c in cells) + " |")
        lines.append("")
    lines.append(_MEASURES)
    if extra:
        lines.append(extra)
    return "\n".join(lines)
