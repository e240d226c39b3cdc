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
from typing import Any

from ...models import Article
from ..context import Check
from ..findings import RawFinding
from ..memo import TextMemo
from ..registry import register
from ..text import flesch_reading_ease, plain_text, prose_blocks, text_stats
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


_MEASURE = "readability"
"""The memo field of a body's readability counts (:func:`measure`)."""


def measure(body: str, long_words: int, spanish: bool) -> list[Any]:
    """What the readability findings of a Markdown body need, as JSON for the memo:
    ``[long_words, words, sentences, long_sentences, syllables, passive_sentences,
    spanish_syllables (None unless ``spanish``), first prose line (0-based, 0 without one),
    [[0-based line, words] of each paragraph over PARAGRAPH_MAX_WORDS]]``."""
    blocks = prose_blocks(body)
    long_paragraphs = [
        [block.line, count] for block in blocks if (count := block.word_count) > PARAGRAPH_MAX_WORDS
    ]
    paragraphs = [block.markdown for block in blocks]
    stats = text_stats(paragraphs, long_words)
    syllables = spanish_syllable_count(plain_text("\n".join(paragraphs))) if spanish else None
    first = blocks[0].line if blocks else 0
    counts = [stats.words, stats.sentences, stats.long_sentences, stats.syllables]
    return [long_words, *counts, stats.passive_sentences, syllables, first, long_paragraphs]


def _valid(found: object, long_words: int, spanish: bool) -> bool:
    """Whether a memo's value is what :func:`measure` gives for these options (in shape)."""
    if not (isinstance(found, list) and len(found) == 9 and found[0] == long_words):
        return False
    if not all(type(n) is int and n >= 0 for n in found[:6] + found[7:8]):
        return False
    spanish_syllables = found[6]
    if not (type(spanish_syllables) is int if spanish else spanish_syllables is None):
        return False
    pairs = found[8]
    return isinstance(pairs, list) and all(
        isinstance(pair, list) and len(pair) == 2 and all(type(n) is int for n in pair)
        for pair in pairs
    )


def readability_findings(
    article: Article, language: str = "en", memo: TextMemo | None = None
) -> Iterator[RawFinding]:
    """The readability findings of one article's body, written in ``language`` (BCP 47);
    with ``memo``, its counts are read from there when recorded (and recorded when not)."""
    primary = language.split("-")[0].lower()
    long_words = LONG_SENTENCE_WORDS_BY_LANGUAGE.get(primary, LONG_SENTENCE_WORDS)
    spanish = primary == "es"
    body = article.body
    found = memo.get(body, _MEASURE) if memo is not None else None
    if not _valid(found, long_words, spanish):
        found = measure(body, long_words, spanish)
        if memo is not None:
            memo.put(body, _MEASURE, found)
    assert isinstance(found, list)
    _, words, sentences, long_sentences, syllables, passive_sentences, es, first_block, long = found
    path, first = article.source, article.body_line
    for block_line, count in long:
        message = f"this paragraph has {count} words; over {PARAGRAPH_MAX_WORDS} may be hard to scan (Yoast)"
        yield RawFinding(SEO_015, path, first + block_line, message)
    if words < MIN_WORDS or not sentences:
        return
    line = first + first_block
    if primary == "en":
        flesch = flesch_reading_ease(words, sentences, syllables)
        if flesch < FLESCH_MIN:
            message = f"Flesch reading ease is {flesch:.0f}; below {FLESCH_MIN} the text may be hard for many readers (Yoast)"
            yield RawFinding(SEO_013, path, line, message)
    elif spanish:
        score = fernandez_huerta(words, sentences, es)
        if score < FLESCH_MIN:
            message = f"Fernández Huerta reading ease is {score:.0f}; below {FLESCH_MIN} the Spanish text may be hard for many readers (Yoast)"
            yield RawFinding(SEO_013, path, line, message)
    share = long_sentences / sentences
    if share > LONG_SENTENCE_SHARE:
        message = f"{long_sentences} of {sentences} sentences ({share:.0%}) have over {long_words} words; more than 25 % may be hard to follow (Yoast)"
        yield RawFinding(SEO_014, path, line, message)
    passive = passive_sentences / sentences
    if primary == "en" and passive > PASSIVE_SHARE:
        message = f"{passive_sentences} of {sentences} sentences ({passive:.0%}) may be in the passive voice; Yoast suggests at most 10 %"
        yield RawFinding(SEO_016, path, line, message)


class ReadabilityCheck(Check):
    """Yoast's readability thresholds on every published article, in its language."""

    def article(self, article: Article) -> Iterable[RawFinding]:
        language = article.meta.language or self.ctx.site.practice.language
        return readability_findings(article, language, self.ctx.memo)


CHECKS = (ReadabilityCheck,)
