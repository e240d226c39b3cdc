"""A fast path for the simple YAML that almost every front matter is.

PyYAML's constructor is pure Python and costs more than everything else in loading an article
(libyaml only parses; building the values from its events takes most of the time). Front matter
is nearly always a few lines of ``key: value``, a nested mapping or two, lists written as
``[a, b]`` or ``- a`` lines, and perhaps a folded ``>-`` description: :func:`load_plain` reads
that subset directly, one line at a time, and gives **exactly** what the full loader
(:class:`~nmt_content.content.yaml_source.YamlSource`) would give, resolving scalars as its
YAML 1.2 core schema does (null, booleans, integers; dates stay strings).

Anything outside the subset returns None and the caller uses the full loader, which then also
reports every error with its line: a duplicate key, a tab, a quoted string with an escape other
than ``\\"`` and ``\\\\``, a multi-line plain scalar, an anchor, alias or tag, a flow mapping, a
number other than a plain decimal integer, a comment after a value, a character libyaml refuses
or reads as a line break. So the fast path never accepts what the full loader refuses, and never
reads a value differently (a property test generates front matter and compares the two).
"""

from __future__ import annotations

import re
from typing import Any

__all__ = ["load_plain"]


class _Fallback(Exception):
    """The text is outside the subset: the full loader must read it."""


_MAX_DEPTH = 16
"""Deeper nesting is left to the full loader (front matter nests two or three levels)."""

_OUTSIDE = re.compile(
    "[^\n\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufefe\uff00-\ufffd\U00010000-\U0010ffff]"
)
"""Tabs, CR, NEL and the Unicode line separators (libyaml breaks lines at them), control
characters, the byte-order mark, surrogates and U+FFFE/U+FFFF: none of them takes the fast path."""

_KEY = re.compile(r"[A-Za-z_][A-Za-z0-9_-]*")
_NOT_STRING_KEYS = frozenset(
    {"null", "Null", "NULL", "true", "True", "TRUE", "false", "False", "FALSE"}
)
_DOUBLE_QUOTED = re.compile(r'"((?:[^"\\]|\\["\\])*)"')
_SINGLE_QUOTED = re.compile(r"'([^']*)'")
_ESCAPE = re.compile(r"\\([\"\\])")
_INDICATORS = frozenset("-?:,[]{}#&*!|>'\"%@`")
_BLOCK_HEADERS = frozenset({">", ">-", "|", "|-"})
_FLOW_PLAIN_EXCLUDED = re.compile(r"[\[\]{}:#\"']")

# YAML 1.2 core schema, as the full loader resolves a plain scalar (see yaml_source.py).
_NULLS = frozenset({"~", "null", "Null", "NULL"})
_BOOLS = {"true": True, "True": True, "TRUE": True, "false": False, "False": False, "FALSE": False}
_SIMPLE_INT = re.compile(r"-?(?:0|[1-9][0-9]{0,17})")
"""Decimal integers that need no range check or base handling: anything else numeric falls back."""
_NUMBER = re.compile(
    r"(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)"
    r"|[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?"
    r"|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN)"
)


def load_plain(text: str) -> dict[str, Any] | None:
    """The top-level mapping of ``text`` when it is in the simple subset, else None."""
    if not text.endswith("\n"):
        return None
    lines = text.split("\n")
    # Every character of the pattern is a control, format, surrogate, separator or unassigned
    # one, none of them printable: lines that are all printable need no search for it.
    if not all(map(str.isprintable, lines)) and _OUTSIDE.search(text):
        return None
    tokens: list[tuple[int, str, int]] = []
    for number, line in enumerate(lines):
        content = line.lstrip(" ")
        if content and content[0] != "#":
            tokens.append((len(line) - len(content), content.rstrip(" "), number))
    if not tokens or tokens[0][0] != 0:
        return None
    tokens.append(_END)
    parser = _Parser(lines, tokens)
    try:
        data = parser.mapping(0, 0)
    except _Fallback:
        return None
    return data if parser.index == len(tokens) - 1 else None


_END = (-1, "", -1)
"""The token after the last line: less indented than anything, so every block ends there."""


class _Parser:
    """Block mappings and sequences by indentation, over the lines that are not blank or a
    comment (``tokens``: indentation, text without the indentation and trailing spaces, line
    index); a block scalar reads the ``lines`` themselves."""

    def __init__(self, lines: list[str], tokens: list[tuple[int, str, int]]) -> None:
        self.lines = lines
        self.tokens = tokens
        self.index = 0

    def mapping(self, indent: int, depth: int, first: str | None = None) -> dict[str, Any]:
        """The entries at ``indent``; ``first`` is the first one's text on a ``- `` line."""
        if depth > _MAX_DEPTH:
            raise _Fallback
        tokens = self.tokens
        result: dict[str, Any] = {}
        content = first
        while True:
            if content is None:
                column, content, _ = tokens[self.index]
                if column < indent:
                    return result
                if column > indent:
                    raise _Fallback
            self.index += 1
            key, colon, text = content.partition(":")
            if (
                not colon
                or (text and text[0] != " ")
                or key in result
                or (key not in _KEYS_SEEN and not _is_key(key))
            ):
                raise _Fallback
            result[key] = self.value(text.lstrip(" "), indent, depth)
            content = None

    def value(self, text: str, indent: int, depth: int) -> Any:
        """The value of a mapping entry at ``indent`` whose line holds ``text`` after the key."""
        column, content, _ = self.tokens[self.index]
        if not text:
            is_item = content[:2] == "- "
            if column > indent:
                if is_item:
                    return self.sequence(column, depth + 1)
                return self.mapping(column, depth + 1)
            if column == indent and is_item:
                return self.sequence(column, depth + 1)
            if content == "-":
                raise _Fallback
            return None
        if text in _BLOCK_HEADERS:
            return self.block(text, indent)
        if column > indent:  # a plain scalar continued on the next line
            raise _Fallback
        return _scalar(text)

    def sequence(self, indent: int, depth: int) -> list[Any]:
        """The ``- `` items at ``indent``."""
        if depth > _MAX_DEPTH:
            raise _Fallback
        tokens = self.tokens
        items: list[Any] = []
        while True:
            column, content, _ = tokens[self.index]
            if column < indent:
                return items
            if column > indent or content == "-":
                raise _Fallback
            if content[:2] != "- ":
                return items  # the next key of a mapping at this indentation
            item = content[2:].lstrip(" ")
            _key, colon, rest = item.partition(":")
            if colon and (not rest or rest[0] == " "):
                items.append(self.mapping(column + len(content) - len(item), depth + 1, item))
                continue
            if item in _BLOCK_HEADERS:
                raise _Fallback
            self.index += 1
            if tokens[self.index][0] > indent:  # a plain scalar continued on the next line
                raise _Fallback
            items.append(_scalar(item))

    def block(self, header: str, indent: int) -> str:
        """A literal (``|``) or folded (``>``) scalar whose lines share one indentation, with no
        blank line, no more indented line and no trailing space (which change its value)."""
        lines = self.lines
        number = self.tokens[self.index - 1][2] + 1
        collected: list[str] = []
        column = 0
        while number < len(lines):
            line = lines[number]
            content = line.lstrip(" ")
            here = len(line) - len(content)
            if not content or here <= indent or (collected and here < column):
                break
            if not collected:
                column = here
            elif here > column:
                raise _Fallback
            if line[-1] == " ":
                raise _Fallback
            collected.append(content)
            number += 1
        if not collected:
            raise _Fallback
        after = number
        while after < len(lines) and not lines[after].strip(" "):
            if lines[after]:
                raise _Fallback  # spaces on an empty line: content, or not, by their number
            after += 1
        if after < len(lines) and len(lines[after]) - len(lines[after].lstrip(" ")) >= column:
            raise _Fallback  # the scalar goes on after an empty line
        tokens = self.tokens
        while tokens[self.index][2] != -1 and tokens[self.index][2] < number:
            self.index += 1
        text = (" " if header[0] == ">" else "\n").join(collected)
        return text if header[1:] == "-" else text + "\n"


def _is_key(key: str) -> bool:
    """Whether ``key`` is a plain key that resolves to itself (remembered when it is)."""
    if not _KEY.fullmatch(key) or key in _NOT_STRING_KEYS:
        return False
    if len(_KEYS_SEEN) < 1024:
        _KEYS_SEEN.add(key)
    return True


_KEYS_SEEN: set[str] = set()
"""Keys found valid before (the same few dozen in every article)."""


def _scalar(text: str) -> Any:
    """A one-line scalar or flow sequence, as the full loader reads it."""
    first = text[0]
    if first == '"':
        inner = text[1:-1]
        if text[-1] == '"' and len(text) > 1 and '"' not in inner and "\\" not in inner:
            return inner  # the common case, without a regular expression
        match = _DOUBLE_QUOTED.fullmatch(text)
        if match is None:
            raise _Fallback
        value = match.group(1)
        return _ESCAPE.sub(r"\1", value) if "\\" in value else value
    if first == "'":
        match = _SINGLE_QUOTED.fullmatch(text)
        if match is None:
            raise _Fallback
        return match.group(1)
    if first == "[":
        return _flow_sequence(text)
    if (first in _INDICATORS and first != "-") or ": " in text or " #" in text:
        raise _Fallback
    if text.endswith(":"):
        raise _Fallback
    value = _plain(text)
    if first == "-" and type(value) is str:
        raise _Fallback
    return value


def _flow_sequence(text: str) -> list[Any]:
    """``[a, "b c", 'd']`` on one line: plain or quoted items, none holding a comma."""
    if not text.endswith("]"):
        raise _Fallback
    inner = text[1:-1]
    if not inner.strip(" "):
        return []
    items: list[Any] = []
    for part in inner.split(","):
        item = part.strip(" ")
        if not item:
            raise _Fallback
        first = item[0]
        if first == '"' or first == "'":
            items.append(_scalar(item))
            continue
        if _FLOW_PLAIN_EXCLUDED.search(item) or (first in _INDICATORS and first != "-"):
            raise _Fallback
        value = _plain(item)
        if first == "-" and type(value) is str:
            raise _Fallback
        items.append(value)
    return items


def _plain(text: str) -> Any:
    """A plain scalar resolved by the core schema; numbers other than simple integers fall back."""
    first = text[0]
    if text in _NULLS:
        return None
    if first in "tTfF" and text in _BOOLS:
        return _BOOLS[text]
    if first in "-+.0123456789":
        if "-" in text[1:] and "e" not in text and "E" not in text:
            return text  # a date, or other text with an inner hyphen: never a number
        if _SIMPLE_INT.fullmatch(text):
            return int(text)
        if _NUMBER.fullmatch(text):
            raise _Fallback
    return text
