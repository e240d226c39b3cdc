"""English text helpers for the content rules: words, Markdown prose, sentences, syllables,
readability statistics, passive voice and negation.

Everything here is a heuristic for English, tuned to be cheap on thousands of articles: text is
cut with string methods and byte translations, patterns run once per text, and syllables are
computed once per distinct word (then one dictionary look-up per word).
"""

from __future__ import annotations

import bisect
import functools
import itertools
import re
from dataclasses import dataclass

__all__ = [
    "STOP_WORDS",
    "ProseBlock",
    "TextStats",
    "clause_before",
    "content_words",
    "first_paragraph",
    "flesch_reading_ease",
    "has_fence",
    "is_negated",
    "line_number",
    "line_starts",
    "markdown_headings",
    "plain_text",
    "prose_blocks",
    "sentences",
    "syllable_count",
    "text_stats",
    "word_syllables",
    "word_tokens",
    "words",
]


@functools.lru_cache(maxsize=8)
def line_starts(text: str) -> tuple[int, ...]:
    """The offset at which each line of ``text`` starts (the first is 0), computed once per text
    (the last few texts are kept): rules that place many matches look lines up in it instead of
    counting newlines from the start for each match, which is quadratic in the text's length."""
    return (0, *itertools.accumulate(len(line) + 1 for line in text.split("\n")))[:-1]


def line_number(text: str, offset: int) -> int:
    """The 1-based line of ``text[offset]``: ``text.count("\\n", 0, offset) + 1``, in log time."""
    return bisect.bisect_right(line_starts(text), offset)


def words(text: str) -> frozenset[str]:
    """A set of words written as one string (for word lists in code)."""
    return frozenset(text.split())


STOP_WORDS = words(
    "a about an and are as at be but by for from how i in into is it its me my of on or our that "
    "the their this to was we what when where which who why will with you your"
)

# -- words ----------------------------------------------------------------------------------------

# Lower-cased ASCII text -> letters and digits kept, anything else a space (apostrophes dropped).
_WORD_TABLE = bytes(i if chr(i).isalnum() else 32 for i in range(128)) + b" " * 128


def word_tokens(text: str, *, lowered: bool = False) -> list[str]:
    """The lower-cased words of ``text`` (already lower-case when ``lowered``): letters and
    digits, apostrophes dropped ("it's" is "its"), accented letters left out."""
    ascii_text = (text if lowered else text.lower()).encode("ascii", "ignore")
    return ascii_text.translate(_WORD_TABLE, b"'").decode("ascii").split()


def content_words(text: str) -> set[str]:
    """Lower-cased words without stop words, a final plural "s" dropped (for keyphrase matching)."""
    found = set()
    for word in word_tokens(text):
        if word not in STOP_WORDS:
            plural = len(word) > 3 and word.endswith("s") and word[-2] != "s"
            found.add(word[:-1] if plural else word)
    return found


# -- Markdown prose -------------------------------------------------------------------------------

_NOT_PROSE = ("#", "-", "*", "+", "|", "<", "```", "~~~", "[", "    ", "\t", "=", ">")
_ORDERED_ITEM = re.compile(r"\d{1,9}[.)]\s")
_SETEXT = re.compile(r"\n(?:=+|-+)[ \t]*$")
_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")
_AUTOLINK = re.compile(r"<(?:https?|mailto):[^>]*>")


@dataclass(frozen=True, slots=True)
class ProseBlock:
    """A paragraph of prose (no heading, list, table, quote, code or HTML) of a Markdown text."""

    markdown: str
    line: int
    """0-based line of the Markdown text on which the paragraph starts."""

    @property
    def text(self) -> str:
        """The paragraph as plain text."""
        return plain_text(self.markdown)

    @property
    def word_count(self) -> int:
        """Words, counted by the spaces and line breaks between them."""
        return self.markdown.count(" ") + self.markdown.count("\n") + 1


def plain_text(markdown: str) -> str:
    """Inline Markdown as plain text: links and images by their text, autolinks dropped, line
    breaks as spaces. Emphasis and code marks stay: they change no word or sentence count."""
    if "](" in markdown:
        markdown = _LINK.sub(r"\1", markdown)
    if "<" in markdown:
        markdown = _AUTOLINK.sub("", markdown)
    return markdown.replace("\n", " ")


def prose_blocks(markdown: str) -> list[ProseBlock]:
    """The prose paragraphs of a Markdown text, with their starting lines."""
    blocks: list[ProseBlock] = []
    line = 0
    fences = has_fence(markdown)
    fenced = False
    for part in markdown.split("\n\n"):
        block = part.strip()
        if block and not fenced and _is_prose(block):
            blocks.append(ProseBlock(block, line + len(part) - len(part.lstrip("\n"))))
        if fences and (part.count("```") + part.count("~~~")) % 2:
            fenced = not fenced
        line += part.count("\n") + 2
    return blocks


def _is_prose(block: str) -> bool:
    if block.startswith(_NOT_PROSE) or (block[0].isdigit() and _ORDERED_ITEM.match(block)):
        return False
    return "\n" not in block or _SETEXT.search(block) is None


def first_paragraph(markdown: str) -> ProseBlock | None:
    """The first prose paragraph of a Markdown text (the "introduction")."""
    blocks = prose_blocks(markdown[:4000]) or prose_blocks(markdown)
    return blocks[0] if blocks else None


_MD_HEADING = re.compile(r"(#{1,6})[ \t]")
_MD_HEADING_LINE = re.compile(r"\n(#{1,6})[ \t]")


def has_fence(markdown: str) -> bool:
    """Whether a Markdown text has a ```` ``` ```` or ``~~~`` (a code fence, perhaps). A search
    for one character is a memchr; one for three is several times slower on a long body."""
    return ("`" in markdown and "```" in markdown) or ("~" in markdown and "~~~" in markdown)


def markdown_headings(markdown: str) -> list[tuple[int, int]]:
    """(level, 0-based line) of the ATX headings of a Markdown text, outside code fences."""
    headings: list[tuple[int, int]] = []
    if has_fence(markdown):
        fence = False
        for number, text in enumerate(markdown.split("\n")):
            if text.lstrip().startswith(("```", "~~~")):
                fence = not fence
            elif not fence and (match := _MD_HEADING.match(text)):
                headings.append((len(match.group(1)), number))
        return headings
    if first := _MD_HEADING.match(markdown):
        headings.append((len(first.group(1)), 0))
    line, counted = 0, 0
    for match in _MD_HEADING_LINE.finditer(markdown):
        line += markdown.count("\n", counted, match.start()) + 1
        counted = match.start() + 1
        headings.append((len(match.group(1)), line))
    return headings


# -- sentences and syllables ----------------------------------------------------------------------

_ABBREVIATIONS = words(
    "dr mr mrs ms mt st vs etc e.g i.e no fig approx jr sr prof inc ltd a.m p.m u.s cf al"
)
_END = "\x00"


def _after_abbreviation() -> str:
    """Lookbehinds for "Dr." and the others, one per length (a lookbehind has one width)."""
    by_length: dict[int, list[str]] = {}
    for word in sorted(_ABBREVIATIONS):
        by_length.setdefault(len(word), []).append(re.escape(word))
    return "|".join(
        rf"(?<=\b(?i:{'|'.join(group)})\.\x00)" for _length, group in sorted(by_length.items())
    )


# A mark after a known abbreviation ("Dr.", "Mt.", "e.g.") or before a lower-case word is not a
# sentence end. The pattern starts with the NUL literal, which the engine finds fast.
_NOT_AN_END = re.compile(f"\\x00(?:(?=[a-z])|{_after_abbreviation()})")
_CLOSERS = ('." ', '!" ', '?" ', ".” ", "!” ", "?” ", ".) ", ".’ ", ".' ")


def _mark_ends(plain: str) -> str:
    """Plain text with every sentence end marked: the space after ".", "!" or "?" (and a
    closing quote or bracket) becomes NUL; paragraph ends are NUL already."""
    # A search for two characters steps through the text; one for a single character is a
    # memchr, so "!" and "?" (rare in prose) are looked for alone first.
    text = plain.replace(". ", "." + _END)
    if "!" in text:
        text = text.replace("! ", "!" + _END)
    if "?" in text:
        text = text.replace("? ", "?" + _END)
    for closer in _CLOSERS:
        if closer[1] in text and closer in text:  # the quote or bracket alone: a memchr
            text = text.replace(closer, closer[:2] + _END)
    return _NOT_AN_END.sub(" ", text)


def sentences(paragraph: str) -> list[str]:
    """The sentences of a paragraph of plain text. A sentence ends at ".", "!" or "?" (and a
    closing quote or bracket) before a space; not after a known abbreviation ("Dr.", "Mt.",
    "e.g.") and not before a lower-case word."""
    marked = _mark_ends(paragraph.strip())
    return [sentence for sentence in marked.split(_END) if sentence.strip()]


# Lower-case ASCII -> "v" for a vowel (y counts), anything else a space: vowel groups.
_VOWEL_TABLE = bytes(ord("v") if chr(i) in "aeiouy" else 32 for i in range(128)) + b" " * 128
# Lower-case ASCII -> "e", "l", "v" for another vowel, "c" for another letter or digit, else " ".
_SHAPE_TABLE = (
    bytes(
        ord("v") if c in "aiouy" else ord(c) if c in "el" else ord("c") if c.isalnum() else 32
        for c in map(chr, range(128))
    )
    + b" " * 128
)


def syllable_count(text: str) -> int:
    """Estimated English syllables in ``text``: vowel groups ("y" counts), minus a silent final
    "e" ("make"; not "table", "the" or "she"). Counted with byte translations and counts, so
    no word is ever cut out of the text."""
    ascii_text = b" " + text.lower().encode("ascii", "ignore") + b" "
    groups = ascii_text.translate(_VOWEL_TABLE).count(b" v")
    shape = ascii_text.translate(_SHAPE_TABLE, b"'")
    silent = shape.count(b"ce ")
    if silent:  # "the", "be", "she": the final e is the word's only vowel
        silent -= shape.count(b" ce ") + shape.count(b" cce ")
    return groups - silent


def word_syllables(word: str) -> int:
    """Estimated syllables of one word (see :func:`syllable_count`), at least one."""
    return max(1, syllable_count(word))


def flesch_reading_ease(words: int, sentences: int, syllables: int) -> float:
    """Flesch (1948): 206.835 − 1.015 × words per sentence − 84.6 × syllables per word."""
    if not words or not sentences:
        return 100.0
    return 206.835 - 1.015 * words / sentences - 84.6 * syllables / words


# -- passive voice --------------------------------------------------------------------------------

_BE = r"am|is|are|was|were|be|been|being|get|gets|got|gotten|getting"
_IRREGULAR = (
    "arisen|awoken|beaten|become|begun|bent|bound|bitten|blown|born|borne|bought|broken|brought|"
    "built|burnt|caught|chosen|come|cut|dealt|done|drawn|driven|drunk|dug|eaten|fallen|fed|felt|"
    "fought|found|forbidden|forgiven|forgotten|frozen|given|gone|ground|grown|hung|heard|held|hidden|"
    "hit|hurt|kept|known|laid|led|left|lent|let|lit|lost|made|meant|met|paid|put|quit|read|rid|"
    "ridden|risen|run|said|seen|sold|sent|set|shaken|shed|shot|shown|shut|slept|slid|sought|spent|"
    "split|spoken|spread|stolen|struck|stuck|sung|sunk|swept|sworn|taken|taught|thrown|thought|told|"
    "torn|understood|undertaken|upset|withdrawn|woken|won|worn|woven|wound|written"
)
_NOT_PARTICIPLE = (
    "bed|bleed|breed|embed|feed|hundred|indeed|need|naked|red|sacred|seed|shed|speed|wicked"
)
# On lower-case text; the pattern starts with a space, a literal the engine scans for quickly.
_PASSIVE = re.compile(
    rf" (?:{_BE}) (?:[a-z]+ly )?(?:(?!(?:{_NOT_PARTICIPLE})\b)[a-z]{{2,}}ed|{_IRREGULAR})\b"
)


@dataclass(frozen=True, slots=True)
class TextStats:
    """Readability counts of a plain text."""

    words: int
    sentences: int
    long_sentences: int
    """Sentences of more than the given number of words."""
    syllables: int
    passive_sentences: int
    """Sentences with a form of "to be" or "get" followed by a past participle."""

    @property
    def flesch(self) -> float:
        """Flesch reading ease."""
        return flesch_reading_ease(self.words, self.sentences, self.syllables)


def text_stats(paragraphs: list[str], long_sentence: int = 20) -> TextStats:
    """Words, sentences, long sentences, syllables and passive sentences of Markdown paragraphs
    (see :func:`prose_blocks`). Words are counted by the spaces between them."""
    marked = _mark_ends(plain_text(_END.join(paragraphs)))
    found = [sentence for sentence in marked.split(_END) if sentence.strip()]
    counts = [sentence.count(" ") + 1 for sentence in found]
    lowered = " " + marked.lower()
    passive = {lowered.count(_END, 0, match.start()) for match in _PASSIVE.finditer(lowered)}
    return TextStats(
        words=sum(counts),
        sentences=len(found),
        long_sentences=sum(1 for count in counts if count > long_sentence),
        syllables=syllable_count(marked),
        passive_sentences=len(passive),
    )


# -- negation -------------------------------------------------------------------------------------

_NEGATOR = re.compile(r"\b(?:not|never|no|nor|neither|without|cannot|hardly)\b|n[’']t\b", re.I)
_NOT_A_NEGATION = re.compile(
    r"\bnot\s+(?:only|just|merely)\b|\bno\s+(?:doubt|wonder|question)\b", re.I
)
_CLAUSE_BREAK = re.compile(
    r"[.;:!?()\[\]—–]|\n\s*\n|\b(?:but|however|although|though|yet|whereas|while)\b", re.I
)
NEGATION_WINDOW = 6
"""How many words before a term a negation may stand and still negate it."""


def clause_before(text: str, start: int, words: int = NEGATION_WINDOW) -> str:
    """Up to ``words`` words before ``start`` in the same clause (no punctuation break, "but",
    "however"… in between)."""
    prefix = text[max(0, start - 160) : start]
    breaks = [match.end() for match in _CLAUSE_BREAK.finditer(prefix)]
    if breaks:
        prefix = prefix[breaks[-1] :]
    return " ".join(prefix.split()[-words:])


def is_negated(text: str, start: int) -> bool:
    """Whether the term at ``start`` is negated in its clause: "not", "never", "no", "nor",
    "without", "cannot" or an "n't" contraction (isn't, aren't, doesn't…) among the few words
    before it, with no clause break (punctuation, "but", "however"…) in between. "It's not a
    panacea" is negated; "not only a cure" and "no doubt a cure" are not."""
    window = _NOT_A_NEGATION.sub(" ", clause_before(text, start))
    return _NEGATOR.search(window) is not None
