"""The one normalisation content text gets at load: characters no output format can carry go.

HTML forbids C0 and C1 control characters (except whitespace) and noncharacters, XML 1.0 forbids
most of them even as references, and a lone surrogate cannot be written as UTF-8 at all. So every
text value (names, descriptions, addresses, bios, titles, alt text, Markdown bodies…) is cleaned
once, when it is loaded, and every renderer then sees the same text:

- ``\\r\\n`` and a lone ``\\r`` become ``\\n`` (as the loader already does for whole files);
- C0 controls other than tab and newline, DEL, C1 controls (U+0080–U+009F), lone surrogates and
  the Unicode noncharacters (U+FDD0–U+FDEF and U+xFFFE/U+xFFFF of every plane) are removed.

Everything else is kept as written, including U+2028 and U+2029 (each format escapes them where it
must). URLs are not cleaned: a URL with a control character in it is refused instead, because
silently joining its parts could change where it points.
"""

from __future__ import annotations

import re
import typing
from functools import cache
from typing import Any

from .types import URL_VALIDATORS

__all__ = [
    "clean_text",
    "clean_text_and_count_words",
    "clean_value",
    "count_words",
    "unchecked_text_fields",
]

_NONCHARACTERS = "".join(
    f"{chr(plane << 16 | 0xFFFE)}{chr(plane << 16 | 0xFFFF)}" for plane in range(17)
)
_REMOVED = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufdd0-\ufdef" + _NONCHARACTERS + "]"
)
# A character class listing the 32 astral noncharacters one by one makes `search` ~25x slower on
# every article body, so the quick test is a BMP class plus a range that only text from plane 1's
# last two code points upwards can hit (emoji, in plane 1, stay below it); `_REMOVED` is exact.
_NEEDS_WORK = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\ufdd0-\ufdef\ufffe\uffff\U0001fffe-\U0010ffff]"
)


# The ASCII characters that need no work: tab, newline and the printable ones.
_ASCII_CLEAN = bytes([9, 10, *range(32, 127)])


def clean_text(value: str) -> str:
    """``value`` with CR/CRLF as LF and the characters listed in the module docstring removed."""
    # The common cases, with no copy: every character removed here is also not printable, and
    # ASCII text (most Markdown bodies) is tested with one byte translation, not the pattern.
    if value.isprintable():
        return value
    if value.isascii():
        if not value.encode("ascii").translate(None, _ASCII_CLEAN):
            return value
    elif _NEEDS_WORK.search(value) is None:
        return value
    return _REMOVED.sub("", value.replace("\r\n", "\n").replace("\r", "\n"))


# A byte -> 0 for the ASCII characters str.split() splits on, 1 for any other.
_SPACE_OR_NOT = bytes(0 if chr(i).isspace() else 1 for i in range(256))
# The same for the bytes of clean ASCII text (`_ASCII_CLEAN`), and 2 for a byte it has not.
_CLEAN_SPACE_OR_NOT = bytes(
    (0 if chr(i).isspace() else 1) if i in _ASCII_CLEAN else 2 for i in range(256)
)


def count_words(text: str) -> int:
    """``len(text.split())``, without making a string of every word (see :func:`_words`)."""
    if not text.isascii():
        return len(text.split())
    return _words(text.encode("ascii").translate(_SPACE_OR_NOT))


def clean_text_and_count_words(value: str) -> tuple[str, int]:
    """``clean_text(value)`` and its :func:`count_words`: for clean ASCII text (most Markdown
    bodies) one translation of its bytes tells both that it is clean and where its spaces are."""
    if value.isascii():
        marks = value.encode("ascii").translate(_CLEAN_SPACE_OR_NOT)
        if 2 not in marks:
            return value, _words(marks)
    cleaned = clean_text(value)
    return cleaned, count_words(cleaned)


def _words(marks: bytes) -> int:
    """The words of a text whose bytes are ``marks``, 0 for a space and 1 for any other: read
    as one integer (byte ``i`` at bit ``8 * i``), the bits set whose byte before is a space (a
    few passes in C; searching the marks for "space, not space" took longer)."""
    bits = int.from_bytes(marks, "little")
    return (bits & (bits ^ (bits << 8))).bit_count()


def clean_value(value: Any) -> Any:
    """Clean a string, or the strings of a list or tuple; anything else is returned as it is.

    Mappings are left alone: a nested record is cleaned by its own model.
    """
    if isinstance(value, str):
        return clean_text(value)
    if isinstance(value, list | tuple):
        items = [clean_text(item) if isinstance(item, str) else item for item in value]
        if any(new is not old for new, old in zip(items, value, strict=True)):
            return type(value)(items)
    return value


@cache
def unchecked_text_fields(model: type) -> frozenset[str]:
    """The names (and aliases) of ``model``'s fields that are cleaned: all but the URL fields."""
    names = set()
    fields: dict[str, Any] = getattr(model, "model_fields", {})
    for name, info in fields.items():
        if not _has_validator(info.annotation, URL_VALIDATORS) and not any(
            getattr(item, "func", None) in URL_VALIDATORS for item in info.metadata
        ):
            names.add(name)
            if info.alias:
                names.add(info.alias)
    return frozenset(names)


def _has_validator(annotation: Any, validators: frozenset[Any]) -> bool:
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        base, *metadata = typing.get_args(annotation)
        if any(getattr(item, "func", None) in validators for item in metadata):
            return True
        return _has_validator(base, validators)
    return any(_has_validator(arg, validators) for arg in typing.get_args(annotation))
