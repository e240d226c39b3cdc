"""Readability of article bodies, with Yoast's thresholds for English text."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from ...models import Article
from ..context import CheckContext
from ..findings import RawFinding
from ..registry import register

_YOAST = "Yoast SEO readability analysis (English)"
READ_001 = register(
    "READ-001",
    "warning",
    "Flesch reading ease below 60",
    why="Health content should be easy to read; a score below 60 is fairly difficult.",
    source=f"{_YOAST}; Flesch (1948)",
    fix="Use shorter sentences and shorter words.",
    family="Readability",
)
READ_002 = register(
    "READ-002",
    "warning",
    "More than 25 % of sentences over 20 words",
    why="Long sentences are hard to follow, especially on a phone.",
    source=_YOAST,
    fix="Split long sentences.",
    family="Readability",
)
READ_003 = register(
    "READ-003",
    "warning",
    "A paragraph over 150 words",
    why="Long paragraphs are hard to scan.",
    source=_YOAST,
    fix="Break the paragraph up, or add a subheading.",
    family="Readability",
)
READ_004 = register(
    "READ-004",
    "info",
    "More than 10 % passive voice",
    why="Active sentences say who does what, which is clearer.",
    source=_YOAST,
    fix="Rewrite passive sentences in the active voice.",
    family="Readability",
)

MIN_WORDS = 100
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"')\]’”]*\s+")
_WORD = re.compile(r"[A-Za-z][A-Za-z’'-]*")
_VOWELS = re.compile(r"[aeiouy]+")
_BE = r"(?:am|is|are|was|were|be|been|being|get|gets|got|gotten)"
_IRREGULAR = (
    "born|brought|built|bought|caught|chosen|done|drawn|driven|eaten|fallen|felt|found|forgotten|"
    "given|gone|grown|held|hidden|hit|hurt|kept|known|laid|led|left|lost|made|meant|met|paid|put|"
    "read|run|said|seen|sent|set|shown|shut|spent|split|spread|stolen|struck|taken|taught|told|"
    "thought|thrown|understood|won|worn|written"
)
_PASSIVE = re.compile(rf"\b{_BE}\s+(?:\w+ly\s+)?(?:\w+ed|{_IRREGULAR})\b", re.I)
_MARKUP = re.compile(r"!\[([^\]]*)\]\([^)]*\)|\[([^\]]*)\]\([^)]*\)|[*_`#>|]")


@dataclass(frozen=True, slots=True)
class Paragraph:
    text: str
    line: int


def paragraphs(article: Article) -> list[Paragraph]:
    """Prose paragraphs of the body (no headings, lists, tables or code), with file lines."""
    result: list[Paragraph] = []
    block: list[str] = []
    start = 0
    lines = article.body.split("\n")
    for index, line in enumerate([*lines, ""]):
        stripped = line.strip()
        if stripped and not block:
            start = index
        if stripped:
            block.append(stripped)
            continue
        if block and not block[0].startswith(("#", "-", "*", "|", "```", ">", "1.", "<")):
            text = _MARKUP.sub(lambda m: m.group(1) or m.group(2) or "", " ".join(block))
            result.append(Paragraph(text, article.body_line + start))
        block = []
    return result


def syllables(word: str) -> int:
    """A vowel-group estimate of English syllables (silent final e dropped), at least 1."""
    lower = word.lower().strip("’'-")
    groups = len(_VOWELS.findall(lower))
    if lower.endswith("e") and not lower.endswith(("le", "ee")) and groups > 1:
        groups -= 1
    return max(1, groups)


def flesch_reading_ease(text: str) -> float:
    """Flesch reading ease: 206.835 − 1.015 × words/sentence − 84.6 × syllables/word."""
    sentences = [s for s in _SENTENCE_END.split(text) if _WORD.search(s)]
    words = _WORD.findall(text)
    if not sentences or not words:
        return 100.0
    total = sum(syllables(w) for w in words)
    return 206.835 - 1.015 * len(words) / len(sentences) - 84.6 * total / len(words)


def check_readability(ctx: CheckContext) -> Iterator[RawFinding]:
    for article in ctx.articles():
        blocks = paragraphs(article)
        text = " ".join(p.text for p in blocks)
        words = _WORD.findall(text)
        if len(words) < MIN_WORDS:
            continue
        line = article.body_line
        score = flesch_reading_ease(text)
        if score < 60:
            yield RawFinding(
                READ_001,
                article.source,
                line,
                f"Flesch reading ease is {score:.0f}; 60 or more is easy enough",
            )
        sentences = [s for s in _SENTENCE_END.split(text) if _WORD.search(s)]
        long = [s for s in sentences if len(_WORD.findall(s)) > 20]
        if sentences and len(long) / len(sentences) > 0.25:
            yield RawFinding(
                READ_002,
                article.source,
                line,
                f"{len(long)} of {len(sentences)} sentences "
                f"({100 * len(long) / len(sentences):.0f} %) have over 20 words",
            )
        for block in blocks:
            count = len(_WORD.findall(block.text))
            if count > 150:
                yield RawFinding(
                    READ_003, article.source, block.line, f"this paragraph has {count} words"
                )
        passive = [s for s in sentences if _PASSIVE.search(s)]
        if sentences and len(passive) / len(sentences) > 0.10:
            yield RawFinding(
                READ_004,
                article.source,
                line,
                f"{len(passive)} of {len(sentences)} sentences "
                f"({100 * len(passive) / len(sentences):.0f} %) are in the passive voice",
            )


CHECKS = (check_readability,)
