"""One object for the parts that many loaded articles hold alike, so a large site holds each once.

Articles parsed apart (in worker processes, or one file at a time) each come with their own copy
of what is nearly always the same from one article to the next: the set of front-matter fields
the file set (pydantic keeps one per model: about 700 bytes for an article's front matter, 200 for
its image), the lines of its keys, and values from a small vocabulary (the author's id, the
services, the keywords). At 100,000 articles those copies take over 100 MB. :class:`Sharing`
swaps each for the first equal one it met.

Only values that are never changed in place are shared: strings and tuples, and pydantic's
fields-set of a frozen model (pydantic copies it before changing a copy's, as
``model_copy(update=...)`` does).
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel

from ..models import Article

__all__ = ["Sharing"]

_SHARED_VALUES = ("author", "services", "keywords", "language", "translations")
"""Front-matter fields whose values come from a small vocabulary (ids, tags, topics), or are
nearly always empty (an empty :class:`~nmt_content.models.types.FrozenMap` is still an object)."""


class Sharing:
    """Remembers the parts of the articles it has seen, and gives later articles those."""

    def __init__(self) -> None:
        self._seen: dict[Any, Any] = {}

    def article(self, article: Article) -> Article:
        """``article`` itself, now holding the shared equal of each part it had a copy of."""
        meta = article.meta
        self._fields_set(meta)
        values = meta.__dict__
        for name in _SHARED_VALUES:
            value = values.get(name)
            if value is not None and value != ():
                values[name] = self._one(value)
        image = values.get("image")
        if isinstance(image, BaseModel):
            self._fields_set(image)
        key_lines = self._one(article.key_lines)
        if key_lines is not article.key_lines:
            object.__setattr__(article, "key_lines", key_lines)
        return article

    def _one(self, value: Any) -> Any:
        return self._seen.setdefault((type(value), value), value)

    def _fields_set(self, model: BaseModel) -> None:
        fields = model.__pydantic_fields_set__
        shared = self._seen.setdefault(frozenset(fields), fields)
        if shared is not fields:
            object.__setattr__(model, "__pydantic_fields_set__", shared)
