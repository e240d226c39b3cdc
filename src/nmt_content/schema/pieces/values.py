"""Value objects several pieces share: dates, places, conditions, plain text from Markdown."""

from __future__ import annotations

import re
from datetime import date

from ...models import Area, Condition
from .base import Node

__all__ = ["condition", "iso", "iso_date", "place", "plain_text"]

_ISO_DATES: dict[date, str] = {}
_ISO_DATES_MAX = 50_000
"""A site has a few thousand distinct dates at most; past this many, dates are not kept."""


def iso_date(value: date) -> str:
    """``value.isoformat()``, kept for the next page: an article page writes its two dates six
    times (head tags, page and article nodes), and `date.isoformat` costs more than a lookup."""
    if type(value) is not date:  # a datetime, or a subclass that may write itself differently
        return value.isoformat()
    text = _ISO_DATES.get(value)
    if text is None:
        text = value.isoformat()
        if len(_ISO_DATES) < _ISO_DATES_MAX:
            _ISO_DATES[value] = text
    return text


def iso(value: date | None) -> str | None:
    """An ISO 8601 date, or None."""
    return iso_date(value) if value is not None else None


def place(area: Area) -> Node:
    """A served place: a `City` inside its county, or an `AdministrativeArea` such as a county."""
    if area.kind == "area":
        return {"@type": "AdministrativeArea", "name": area.name}
    return {
        "@type": "City",
        "name": area.name,
        "containedInPlace": (
            {"@type": "AdministrativeArea", "name": area.county} if area.county else None
        ),
    }


def condition(value: Condition) -> Node:
    """A `MedicalCondition`, with its code when one is given."""
    return {
        "@type": "MedicalCondition",
        "name": value.name,
        "code": (
            {"@type": "MedicalCode", "codeValue": value.code, "codingSystem": value.code_system}
            if value.code
            else None
        ),
        "sameAs": list(value.same_as),
    }


_IMAGE = re.compile(r"!\[([^\]]*)\]\([^)]*\)")
_LINK = re.compile(r"\[([^\]]+)\]\([^)]*\)")
_MARKS = re.compile(r"\*{1,3}|`+|(?<!\w)_{1,3}|_{1,3}(?!\w)|^#{1,6}\s+", re.MULTILINE)


def plain_text(markdown: str | None) -> str | None:
    """Short Markdown (a bio) as one line of text: links and images keep their text, emphasis and
    heading marks go. Structured data carries text, not markup."""
    if markdown is None:
        return None
    text = _LINK.sub(r"\1", _IMAGE.sub(r"\1", markdown))
    return " ".join(_MARKS.sub("", text).split()) or None
