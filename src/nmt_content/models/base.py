"""The base every knowledge-base model shares: frozen, strict about unknown keys, self-documenting."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict


class Model(BaseModel):
    """A frozen record of the knowledge base.

    ``extra="forbid"`` turns a misspelled key into an error instead of silently dropping it, and
    ``use_attribute_docstrings`` makes each field's docstring its description, from which the
    content-format reference is generated.
    """

    model_config = ConfigDict(
        frozen=True,
        extra="forbid",
        use_attribute_docstrings=True,
        str_strip_whitespace=True,
        validate_default=True,
    )
