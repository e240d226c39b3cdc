"""An article as the content cache keeps it (:mod:`.cache`): a JSON record of everything
:func:`~.parse.parse_article` gives except the body, and back.

The front matter is kept as pydantic dumps it (only the keys the file set, so the model's
``model_fields_set`` comes back the same) and validated again when it is restored: the cache is
a file like any other, and validating a record costs a small part of parsing the YAML it came
from.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from pydantic import ValidationError

from ..models import Article, FrontMatter

__all__ = ["article_record", "restored_article"]


def article_record(article: Article) -> dict[str, Any]:
    """What the cache keeps of ``article`` (not its body, nor its file's name)."""
    return {
        "meta": article.meta.model_dump(mode="json", exclude_unset=True),
        "body_line": article.body_line,
        "word_count": article.word_count,
        "key_lines": list(article.key_lines),
        "front_matter_hash": article.front_matter_hash,
    }


def restored_article(record: Mapping[str, Any], source: str, body: str) -> Article | None:
    """The article of a record, loaded from ``source`` with ``body``; None when the record is
    not one this tool wrote (a damaged cache is a miss, never an error)."""
    body_line = record.get("body_line")
    word_count = record.get("word_count")
    key_lines = record.get("key_lines")
    front_matter_hash = record.get("front_matter_hash")
    if not (
        type(front_matter_hash) is bool
        and type(body_line) is int
        and type(word_count) is int
        and type(key_lines) is list
        and all(type(line) is int for line in key_lines)
        and isinstance(record.get("meta"), dict)
    ):
        return None
    try:
        meta = FrontMatter.model_validate(record["meta"])
    except (ValidationError, TypeError, ValueError):
        return None
    return Article(
        meta=meta,
        body=body,
        source=source,
        body_line=body_line,
        word_count=word_count,
        key_lines=tuple(key_lines),
        front_matter_hash=front_matter_hash,
    )
