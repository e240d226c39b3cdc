"""Placeholders left in the content: the `TODO` marks that `nmt-content init` and
`nmt-content new article` write for the author to replace."""

from __future__ import annotations

import re
from collections.abc import Iterator

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

    def finish(self) -> Iterator[RawFinding]:
        ctx = self.ctx
        practice = ctx.sources.get(PRACTICE_FILE)
        if practice is not None:
            for number, line in placeholder_lines(practice, yaml_comments=True):
                yield RawFinding(EEAT_005, PRACTICE_FILE, number, _message(line))
        for article in ctx.published_articles():
            text = ctx.sources.get(article.source)
            if text is None:
                continue
            front = text[: _body_offset(text, article.body_line)]
            for number, line in placeholder_lines(front, yaml_comments=True):
                yield RawFinding(EEAT_005, article.source, number, _message(line))
            body = text.splitlines()[article.body_line - 1 :]
            for offset, line in placeholder_lines("\n".join(body), yaml_comments=False):
                yield RawFinding(
                    EEAT_005, article.source, article.body_line + offset - 1, _message(line)
                )


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
