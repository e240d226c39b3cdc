"""Snippet measurements shared by the page planner (which writes titles and descriptions) and the
checks (which judge them), so the tool never writes what it would then flag."""

from __future__ import annotations

from collections.abc import Iterable
from itertools import repeat

__all__ = [
    "DESCRIPTION_MAX",
    "DESCRIPTION_MIN",
    "TITLE_MAX_PX",
    "TITLE_MIN_PX",
    "fit_description",
    "title_width",
]

# Advance widths of Arial in 1/1000 em; Google renders result titles at about 20 px.
_WIDTHS = {
    **dict.fromkeys("abdeghnopqu", 556), **dict.fromkeys("cksvxyz", 500), "f": 278, "i": 222,
    "j": 222, "l": 222, "m": 833, "r": 333, "t": 278, "w": 722,
    **dict.fromkeys("ABEKPSVXY", 667), **dict.fromkeys("CDHNRU", 722), "F": 611, "G": 778,
    "I": 278, "J": 500, "L": 556, "M": 833, "O": 778, "Q": 778, "T": 611, "W": 944, "Z": 611,
    **dict.fromkeys("0123456789", 556), " ": 278, ".": 278, ",": 278, ":": 278, ";": 278,
    "-": 333, "–": 556, "—": 1000, "|": 260, "'": 191, "’": 222, '"': 355, "(": 333, ")": 333,
    "&": 667, "?": 556, "!": 278, "/": 278, "#": 556,
}  # fmt: skip
TITLE_MAX_PX = 600
TITLE_MIN_PX = 150
DESCRIPTION_MIN = 120
DESCRIPTION_MAX = 156


def title_width(text: str) -> float:
    """Estimated width in pixels of ``text`` as a Google result title (Arial, 20 px)."""
    return sum(map(_WIDTHS.get, text, repeat(556))) * 20 / 1000


def fit_description(candidates: Iterable[str]) -> str:
    """The first candidate of 120–156 characters; else the longest that fits in 156; else the
    first, cut at a word boundary with an ellipsis."""
    options = [c for c in candidates if c]
    for text in options:
        if DESCRIPTION_MIN <= len(text) <= DESCRIPTION_MAX:
            return text
    fitting = [c for c in options if len(c) <= DESCRIPTION_MAX]
    if fitting:
        return max(fitting, key=len)
    cut = options[0][: DESCRIPTION_MAX - 1].rsplit(" ", 1)[0].rstrip(" ,;:.")
    return cut + "…"
