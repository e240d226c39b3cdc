"""The base every knowledge-base model shares: frozen, strict about unknown keys, self-documenting."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, model_validator

from .text import clean_value, unchecked_text_fields


class Model(BaseModel):
    """A frozen record of the knowledge base.

    ``extra="forbid"`` turns a misspelled key into an error instead of silently dropping it. Each
    field's docstring is its description, from which the JSON Schema and the content-format
    reference are generated; :func:`~.field_docs.document_fields` collects them when they are
    shown (pydantic's ``use_attribute_docstrings`` would parse every model's source at import).
    Text values are normalised on the way in (control characters removed, CR/LF as LF; see
    :mod:`.text`); URL fields are checked instead.
    """

    model_config = ConfigDict(
        frozen=True,
        extra="forbid",
        str_strip_whitespace=True,
        validate_default=True,
    )

    @model_validator(mode="before")
    @classmethod
    def _clean_text(cls, data: Any) -> Any:
        if not isinstance(data, dict):
            return data
        cleaned = None
        for key, value in data.items():
            # The common case, checked inline: printable text has nothing to clean.
            if type(value) is str:
                if value.isprintable():
                    continue
            elif type(value) is list or type(value) is tuple:
                if all(type(item) is not str or item.isprintable() for item in value):
                    continue
            else:
                continue
            if key in unchecked_text_fields(cls):
                new = clean_value(value)
                if new is not value:
                    cleaned = cleaned if cleaned is not None else dict(data)
                    cleaned[key] = new
        return cleaned if cleaned is not None else data
