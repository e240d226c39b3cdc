"""Placeholders left in the content: the `TODO` marks that `nmt-content init` and
`nmt-content new article` write for the author to replace."""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from datetime import date, datetime

from pydantic import BaseModel

from ...models import Article
from ..context import PRACTICE_FILE, Check
from ..findings import RawFinding
from ..registry import register

EEAT_005 = register(
    "EEAT-005",
    "error",
    "A TODO placeholder is still in the content",
    explanation="`nmt-content init` and `nmt-content new article` mark what the author must "
    "write with TODO; a published placeholder tells readers and search engines the page is "
    "unfinished, and can put a made-up name or place where a fact belongs.",
    source="Google Search Central: Creating helpful, reliable, people-first content",
    fix="Replace each TODO with the real text, or remove the field until you know it.",
    family="E-E-A-T",
)

_TODO = re.compile(r"\bTODO\b")


def placeholder_lines(text: str, *, yaml_comments: bool) -> Iterator[tuple[int, str]]:
    """Each (line number, line) with a TODO outside a YAML comment."""
    if "TODO" not in text:  # nearly every file: one scan instead of a search per line
        return
    for number, line in enumerate(text.splitlines(), start=1):
        match = _TODO.search(line)
        if match is None:
            continue
        if yaml_comments:
            stripped = line.lstrip()
            comment = line.find(" #")
            if stripped.startswith("#") or 0 <= comment < match.start():
                continue
        yield number, line.strip()


class PlaceholderCheck(Check):
    """TODO marks in practice.yaml and in published articles."""

    def article(self, article: Article) -> Iterator[RawFinding]:
        # A placeholder outside a YAML comment is in the body or in a value of the front matter,
        # so only an article with "TODO" in one of them needs its file read again for the lines.
        if "TODO" not in article.body and not _mentions_todo(article.meta):
            return
        text = self.ctx.sources.get(article.source)
        if text is None:
            return
        front = text[: _body_offset(text, article.body_line)]
        for number, line in placeholder_lines(front, yaml_comments=True):
            yield RawFinding(EEAT_005, article.source, number, _message(line))
        body = text.splitlines()[article.body_line - 1 :]
        for offset, line in placeholder_lines("\n".join(body), yaml_comments=False):
            yield RawFinding(
                EEAT_005, article.source, article.body_line + offset - 1, _message(line)
            )

    def finish(self) -> Iterator[RawFinding]:
        practice = self.ctx.sources.get(PRACTICE_FILE)
        if practice is not None:
            for number, line in placeholder_lines(practice, yaml_comments=True):
                yield RawFinding(EEAT_005, PRACTICE_FILE, number, _message(line))


_NO_TEXT = frozenset({type(None), bool, int, float, date, datetime})
"""Types of front-matter values that hold no text (most leaves: told apart at once, without
the slower questions below)."""


def _mentions_todo(value: object) -> bool:
    """Whether "TODO" is in any text of a front-matter model, however deeply nested."""
    if isinstance(value, str):
        return "TODO" in value
    if value.__class__ in _NO_TEXT:
        return False
    if isinstance(value, BaseModel):
        return any(_mentions_todo(field) for field in value.__dict__.values())
    if isinstance(value, Mapping):
        return any(_mentions_todo(k) or _mentions_todo(v) for k, v in value.items())
    if isinstance(value, list | tuple | set | frozenset):
        return any(_mentions_todo(item) for item in value)
    return False


def _body_offset(text: str, body_line: int) -> int:
    """The character offset at which the file's line ``body_line`` starts."""
    offset = 0
    for _ in range(body_line - 1):
        newline = text.find("\n", offset)
        if newline < 0:
            return len(text)
        offset = newline + 1
    return offset


def _message(line: str) -> str:
    shown = line if len(line) <= 80 else line[:77] + "…"
    return f"placeholder still to replace: “{shown}”"


CHECKS = (PlaceholderCheck,)
