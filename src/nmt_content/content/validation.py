"""Turn pydantic validation errors into located, plain-language content issues."""

from __future__ import annotations

import difflib
import reprlib
import types
import typing
from collections.abc import Iterator, Sequence
from typing import Any

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from ..errors import ContentIssue
from .yaml_source import YamlSource

__all__ = ["issues_from_validation_error", "located_issue"]


def located_issue(
    source: YamlSource, path: str, loc: Sequence[str | int], message: str
) -> ContentIssue:
    """A :class:`ContentIssue` for the field at ``loc`` in ``source``."""
    line, column = source.position(loc)
    return ContentIssue(path, line, column, _dotted(loc), message)


def issues_from_validation_error(
    error: ValidationError, model: type[BaseModel], source: YamlSource, path: str
) -> list[ContentIssue]:
    """One issue per pydantic error, each with its file line and a plain message."""
    details = [(detail, _field_loc(detail["loc"])) for detail in error.errors(include_url=False)]
    issues = []
    for detail, loc in details:
        if detail["type"] == "too_short" and _explained_deeper(loc, details):
            continue  # a list came out short only because one of its items failed
        issues.append(located_issue(source, path, loc, _message(detail, model, loc)))
    return issues


def _explained_deeper(
    loc: tuple[str | int, ...], details: list[tuple[ErrorDetails, tuple[str | int, ...]]]
) -> bool:
    return any(len(other) > len(loc) and other[: len(loc)] == loc for _, other in details)


def _field_loc(loc: tuple[int | str, ...]) -> tuple[str | int, ...]:
    # pydantic adds union-branch and validator names (e.g. "function-after[...]", "Reviewer",
    # "str") to locations; drop them so the path names only the user's keys and indexes.
    return tuple(step for step in loc if isinstance(step, int) or not _is_internal(step))


def _is_internal(step: str) -> bool:
    return "[" in step or step[:1].isupper() or step in {"str", "int", "float", "bool", "date"}


def _dotted(loc: Sequence[str | int]) -> str:
    return ".".join(str(step) for step in loc)


def _message(detail: ErrorDetails, model: type[BaseModel], loc: tuple[str | int, ...]) -> str:
    kind = detail["type"]
    name = str(loc[-1]) if loc else ""
    if kind == "extra_forbidden":
        known = _fields_at(model, loc[:-1])
        suggestion = difflib.get_close_matches(name, known, n=1, cutoff=0.6)
        hint = f"; did you mean `{suggestion[0]}`?" if suggestion else ""
        listing = f" Known keys: {', '.join(sorted(known))}." if known and not suggestion else ""
        return f"unknown key `{name}`{hint}{listing}"
    if kind == "missing":
        return f"required field `{name}` is missing; add it"
    if kind == "too_short" and "min_length" in detail.get("ctx", {}):
        least = detail.get("ctx", {})["min_length"]
        return f"`{name}` needs at least {least} item{'s' if least != 1 else ''}; add one"
    text = detail["msg"]
    for prefix in ("Value error, ", "Assertion failed, "):
        text = text.removeprefix(prefix)
    given = detail.get("input")
    if kind.startswith(("date", "int", "float", "bool", "string", "decimal", "literal", "too_")):
        text = f"{text[:1].lower()}{text[1:]} (got {_short_repr(given)})"
    return text


_REPR = reprlib.Repr()
_REPR.maxlevel, _REPR.maxstring, _REPR.maxother = 2, 80, 80
_REPR.maxlist = _REPR.maxdict = _REPR.maxtuple = 4


def _short_repr(value: Any) -> str:
    """The value as the user wrote it, shortened: a 10,000-character title is not echoed."""
    return _REPR.repr(value)


def _fields_at(model: type[BaseModel], loc: Sequence[str | int]) -> list[str]:
    """The field names of the model found by following ``loc`` from ``model``."""
    current: Any = model
    for step in loc:
        if isinstance(step, int):
            continue
        fields = getattr(current, "model_fields", None)
        if not fields or step not in fields:
            return []
        current = _model_in(fields[step].annotation)
        if current is None:
            return []
    return list(getattr(current, "model_fields", {}))


def _model_in(annotation: Any) -> type[BaseModel] | None:
    """The first pydantic model inside an annotation such as ``tuple[Location, ...] | None``."""
    for candidate in _walk_annotation(annotation):
        if isinstance(candidate, type) and issubclass(candidate, BaseModel):
            return candidate
    return None


def _walk_annotation(annotation: Any) -> Iterator[Any]:
    yield annotation
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        yield from _walk_annotation(typing.get_args(annotation)[0])
        return
    if origin is not None or isinstance(annotation, types.UnionType):
        for arg in typing.get_args(annotation):
            yield from _walk_annotation(arg)
