"""Spanish text helpers for the content rules: negation within a clause, syllables and
Fernández Huerta's reading ease (the English ones are in :mod:`.text`)."""

from __future__ import annotations

import re

from .text import NEGATION_WINDOW

__all__ = ["clause_before_es", "fernandez_huerta", "is_negated_es", "spanish_syllable_count"]


# -- Spanish negation -----------------------------------------------------------------------------

_NEGATOR_ES = re.compile(
    r"\b(?:no|nunca|jam[aá]s|ni|sin|tampoco|ning[uú]n[oa]?s?|nadie|nada)\b", re.I
)
_NOT_A_NEGATION_ES = re.compile(
    r"\bno\s+(?:s[oó]lo|solamente|[uú]nicamente|cabe\s+duda|hay\s+duda)\b|\bsin\s+duda\b", re.I
)
_CLAUSE_BREAK_ES = re.compile(
    r"[.;:!?¡¿()\[\]—–]|\n\s*\n|\b(?:pero|sino|aunque|mientras|sin\s+embargo|no\s+obstante)\b",
    re.I,
)


def clause_before_es(text: str, start: int, words: int = NEGATION_WINDOW) -> str:
    """Spanish :func:`clause_before`: up to ``words`` words before ``start`` in the same clause
    (no punctuation, "pero", "sino", "aunque", "sin embargo"… in between)."""
    prefix = text[max(0, start - 160) : start]
    breaks = [match.end() for match in _CLAUSE_BREAK_ES.finditer(prefix)]
    if breaks:
        prefix = prefix[breaks[-1] :]
    return " ".join(prefix.split()[-words:])


def is_negated_es(text: str, start: int) -> bool:
    """Spanish :func:`is_negated`: "no", "nunca", "jamás", "ni", "sin", "tampoco", "ningún"…
    among the few words before the term in its clause. "No es una panacea" and "no podemos
    garantizar" are negated; "no solo cura" and "sin duda cura" are not."""
    window = _NOT_A_NEGATION_ES.sub(" ", clause_before_es(text, start))
    return _NEGATOR_ES.search(window) is not None


# -- Spanish readability --------------------------------------------------------------------------

_ES_STRONG = frozenset("aeoáéóíú")
"""Vowels that stand alone as a syllable's nucleus: a, e, o, and í, ú (accented, they break a
diphthong: "día", "reúne")."""
_ES_VOWELS = _ES_STRONG | frozenset("iuü")


def spanish_syllable_count(text: str) -> int:
    """Estimated Spanish syllables in ``text``: one per vowel group, plus one for each pair of
    strong vowels side by side (a hiatus: "le-er", "dí-a"); a weak vowel (i, u) next to another
    vowel is a diphthong ("cie-lo", "cuer-po"). The "y" is left out: it is a consonant, or the
    tail of a diphthong ("hoy", "muy")."""
    count = 0
    previous = ""
    for char in text.lower():
        if char in _ES_VOWELS:
            if not previous or (previous in _ES_STRONG and char in _ES_STRONG):
                count += 1
            previous = char
        else:
            previous = ""
    return count


def fernandez_huerta(words: int, sentences: int, syllables: int) -> float:
    """Fernández Huerta (1959), Flesch's formula adapted to Spanish, as corrected (the original
    paper's F term is words per sentence): 206.84 − 60 × syllables per word − 1.02 × words per
    sentence. Same scale as Flesch: 60–70 is plain text for adults."""
    if not words or not sentences:
        return 100.0
    return 206.84 - 60 * syllables / words - 1.02 * words / sentences
