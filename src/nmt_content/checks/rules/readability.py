"""Readability of article bodies, with Yoast SEO's thresholds for English text.

Measured on the prose paragraphs of the Markdown (headings, lists, tables and code left out):

- Flesch reading ease = 206.835 − 1.015 × words per sentence − 84.6 × syllables per word, with
  syllables estimated from vowel groups (:func:`nmt_content.checks.text.syllable_count`);
- sentences of more than 20 words, as a share of all sentences;
- words per paragraph;
- passive voice: a form of "to be" (or "get") followed by a past participle, regular (-ed) or one
  of the common irregular ones, as a share of sentences.

Texts of fewer than 100 words are too short to score and are skipped.

The article's language (else the practice's) picks the formula. Spanish text is scored with
Fernández Huerta's adaptation of Flesch (Fernández Huerta J, "Medidas sencillas de
lecturabilidad", Consigna 1959;214:29–32; the corrected form, as Yoast SEO scores Spanish), with
Spanish syllables and Yoast's 25-word limit for Spanish sentences; passive voice is English only.
A language with no formula here gets no reading-ease or passive-voice finding.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from ...models import Article
from ..context import Check
from ..findings import RawFinding
from ..registry import register
from ..text import plain_text, prose_blocks, text_stats
from ..text_es import fernandez_huerta, spanish_syllable_count

_YOAST = "Yoast SEO readability analysis (English)"
SEO_013 = register(
    "SEO-013",
    "warning",
    "Reading ease below 60 (Flesch; Fernández Huerta in Spanish)",
    explanation="Health content should be easy to read; below 60 the text is fairly difficult "
    "for the general public.",
    source=f"{_YOAST}; Flesch, J Appl Psychol 1948;32(3):221–33; for Spanish, Fernández Huerta, "
    "Consigna 1959;214:29–32 (Yoast SEO's Spanish analysis)",
    fix="Use shorter sentences and shorter, everyday words.",
    family="Readability",
    languages=("en", "es"),
)
SEO_014 = register(
    "SEO-014",
    "warning",
    "More than 25 % of sentences over 20 words (25 in Spanish)",
    explanation="Long sentences are hard to follow, especially on a phone.",
    source=_YOAST,
    fix="Split long sentences.",
    family="Readability",
)
SEO_015 = register(
    "SEO-015",
    "warning",
    "A paragraph over 150 words",
    explanation="Long paragraphs are hard to scan on screen.",
    source=_YOAST,
    fix="Break the paragraph up, or add a subheading.",
    family="Readability",
)
SEO_016 = register(
    "SEO-016",
    "warning",
    "More than 10 % passive voice",
    explanation="Active sentences say who does what, which is clearer.",
    source=_YOAST,
    fix="Rewrite passive sentences in the active voice.",
    family="Readability",
    languages=("en",),
)

MIN_WORDS = 100
FLESCH_MIN = 60
LONG_SENTENCE_WORDS = 20
LONG_SENTENCE_SHARE = 0.25
PARAGRAPH_MAX_WORDS = 150
PASSIVE_SHARE = 0.10


LONG_SENTENCE_WORDS_BY_LANGUAGE = {"es": 25}
"""Yoast's sentence-length limit where it differs from English's 20 words."""


def readability_findings(article: Article, language: str = "en") -> Iterator[RawFinding]:
    """The readability findings of one article's body, written in ``language`` (BCP 47)."""
    primary = language.split("-")[0].lower()
    long_words = LONG_SENTENCE_WORDS_BY_LANGUAGE.get(primary, LONG_SENTENCE_WORDS)
    blocks = prose_blocks(article.body)
    path, first = article.source, article.body_line
    for block in blocks:
        count = block.word_count
        if count > PARAGRAPH_MAX_WORDS:
            message = f"this paragraph has {count} words; over {PARAGRAPH_MAX_WORDS} may be hard to scan (Yoast)"
            yield RawFinding(SEO_015, path, first + block.line, message)
    paragraphs = [block.markdown for block in blocks]
    stats = text_stats(paragraphs, long_words)
    if stats.words < MIN_WORDS or not stats.sentences:
        return
    line = first + blocks[0].line
    if primary == "en" and stats.flesch < FLESCH_MIN:
        message = f"Flesch reading ease is {stats.flesch:.0f}; below {FLESCH_MIN} the text may be hard for many readers (Yoast)"
        yield RawFinding(SEO_013, path, line, message)
    elif primary == "es":
        syllables = spanish_syllable_count(plain_text("\n".join(paragraphs)))
        score = fernandez_huerta(stats.words, stats.sentences, syllables)
        if score < FLESCH_MIN:
            message = f"Fernández Huerta reading ease is {score:.0f}; below {FLESCH_MIN} the Spanish text may be hard for many readers (Yoast)"
            yield RawFinding(SEO_013, path, line, message)
    share = stats.long_sentences / stats.sentences
    if share > LONG_SENTENCE_SHARE:
        message = f"{stats.long_sentences} of {stats.sentences} sentences ({share:.0%}) have over {long_words} words; more than 25 % may be hard to follow (Yoast)"
        yield RawFinding(SEO_014, path, line, message)
    passive = stats.passive_sentences / stats.sentences
    if primary == "en" and passive > PASSIVE_SHARE:
        message = f"{stats.passive_sentences} of {stats.sentences} sentences ({passive:.0%}) may be in the passive voice; Yoast suggests at most 10 %"
        yield RawFinding(SEO_016, path, line, message)


class ReadabilityCheck(Check):
    """Yoast's readability thresholds on every published article, in its language."""

    def article(self, article: Article) -> Iterable[RawFinding]:
        language = article.meta.language or self.ctx.site.practice.language
        return readability_findings(article, language)


CHECKS = (ReadabilityCheck,)
