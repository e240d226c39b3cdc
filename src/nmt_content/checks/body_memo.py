"""Findings of an article's body kept in the memo (:class:`~.memo.TextMemo`), so an unchanged
body is not scanned again.

The rules that read wording in a body (counties, health claims, titles) find what they find from
the body's characters and a few options (the language, the therapists' names…) alone; its first
line in the file only shifts the lines they name. A body's findings are therefore recorded with
their lines counted from that first line, next to the options they were found with: a later run
with the same options takes them from there and skips the body's word set and patterns, the
dearest part of the content rules. A record that is malformed, or of other options, is found
again and replaced.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from ..models import Article
from .context import CheckContext, TextUnit
from .findings import RawFinding
from .registry import RULES

__all__ = ["body_findings"]

Options = list[Any]
"""What else the findings depend on, as JSON (lists, strings, booleans, None), compared with
``==`` against what a record holds."""


def body_findings(
    ctx: CheckContext,
    article: Article,
    field: str,
    options: Options,
    find: Callable[[TextUnit], Iterable[RawFinding]],
) -> list[RawFinding]:
    """``find`` over the article's body unit (:meth:`CheckContext.article_units`), or what the
    memo recorded for the same body and ``options`` under ``field``."""
    memo = ctx.memo
    if memo is None:
        return list(find(ctx.article_units(article)[-1]))
    body, path, first = article.body, article.source, article.body_line
    recorded = _recorded(memo.get(body, field), options)
    if recorded is not None:
        return [
            RawFinding(rule, path, None if offset is None else first + offset, message)
            for rule, offset, message in recorded
        ]
    found = list(find(ctx.article_units(article)[-1]))
    entries = [
        [item.rule, None if item.line is None else item.line - first, item.message]
        for item in found
    ]
    memo.put(body, field, [options, entries])
    return found


def _recorded(value: object, options: Options) -> list[tuple[str, int | None, str]] | None:
    """The findings a memo's ``value`` holds, when it is well formed and for ``options``."""
    if not (isinstance(value, list) and len(value) == 2 and value[0] == options):
        return None
    entries = value[1]
    if not isinstance(entries, list):
        return None
    found = []
    for entry in entries:
        if not (isinstance(entry, list) and len(entry) == 3):
            return None
        rule, offset, message = entry
        if not (
            isinstance(rule, str)
            and rule in RULES
            and (offset is None or (type(offset) is int and offset >= 0))
            and isinstance(message, str)
        ):
            return None
        found.append((rule, offset, message))
    return found
