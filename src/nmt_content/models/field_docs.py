"""The models' field descriptions, taken from their attribute docstrings when they are shown.

Every field of a knowledge-base model is documented by the string under it, and the JSON Schema
(`nmt-content schema`) and the README's content-format reference show those strings as the
fields' descriptions. Pydantic can collect them as each class is made
(``use_attribute_docstrings``), but it then reads and parses the source of every model at
import: a quarter of the time the models take to import (about 23 ms of 97), paid by every
build, `check`, `serve` and program that imports the library, none of which shows them. So
:func:`document_fields` collects them here, the way pydantic does (the string that directly
follows an annotated name in the class body, cleaned with :func:`inspect.cleandoc`), and makes
each model's schema again with them, for the commands that show them.
"""

from __future__ import annotations

import ast
import inspect
import itertools
import textwrap
import typing
from collections.abc import Iterator

from .base import Model

__all__ = ["document_fields"]

_documented = False


def document_fields() -> None:
    """Give every field of every model the docstring written under it as its description (one
    set in code is kept), then make the models' schemas again, each after those of the models
    it holds. Once per process; the models behave as before, only described."""
    global _documented
    if _documented:
        return
    models = _in_dependency_order(list(_subclasses(Model)))
    for model in models:
        own = _attribute_docstrings(model)
        annotated = inspect.get_annotations(model)
        for name, info in model.model_fields.items():
            if info.description is not None:
                continue
            if name in annotated:
                info.description = own.get(name)
            else:  # inherited as it was declared: the nearest model that declares it says
                info.description = next(
                    (
                        base.model_fields[name].description
                        for base in model.__mro__[1:]
                        if isinstance(base, type)
                        and issubclass(base, Model)
                        and name in base.model_fields
                    ),
                    None,
                )
    for model in models:
        model.model_rebuild(force=True)
    _documented = True


def _subclasses(cls: type[Model]) -> Iterator[type[Model]]:
    for subclass in cls.__subclasses__():
        yield subclass
        yield from _subclasses(subclass)


def _in_dependency_order(models: list[type[Model]]) -> list[type[Model]]:
    """``models`` with each after its bases and the models its fields hold: a schema is made
    from those of the models it holds, as they are when it is made."""
    ordered: dict[type[Model], None] = {}

    def visit(model: type[Model]) -> None:
        if model in ordered:
            return
        for needed in (*model.__mro__[1:], *_held_models(model)):
            if needed in models and needed is not model:
                visit(needed)
        ordered[model] = None

    for model in models:
        visit(model)
    return list(ordered)


def _held_models(model: type[Model]) -> Iterator[type[Model]]:
    """The models named in the annotations of ``model``'s fields (inside lists, unions…)."""
    pending: list[object] = [info.annotation for info in model.model_fields.values()]
    while pending:
        annotation = pending.pop()
        if isinstance(annotation, type) and issubclass(annotation, Model):
            yield annotation
        pending.extend(typing.get_args(annotation))


def _attribute_docstrings(model: type[Model]) -> dict[str, str]:
    """Field name → the docstring under it, in ``model``'s own class body."""
    try:
        source = textwrap.dedent("".join(inspect.getsourcelines(model)[0]))
    except (OSError, TypeError):  # no source (a frozen or generated module): no descriptions
        return {}
    body = ast.parse(source).body
    if not (body and isinstance(body[0], ast.ClassDef)):
        return {}
    docstrings: dict[str, str] = {}
    statements = body[0].body
    for statement, following in itertools.pairwise(statements):
        if (
            isinstance(statement, ast.AnnAssign)
            and isinstance(statement.target, ast.Name)
            and isinstance(following, ast.Expr)
            and isinstance(following.value, ast.Constant)
            and isinstance(following.value.value, str)
        ):
            docstrings[statement.target.id] = inspect.cleandoc(following.value.value)
    return docstrings
