"""The parts of a JSON-LD node the structured-data rules look at (:mod:`.structured_data`): its
shape without its text, its types, and what Google requires of breadcrumbs."""

from __future__ import annotations

from collections.abc import Hashable
from typing import Any

__all__ = ["breadcrumb_problems", "has_value", "node_shape", "node_types"]

_SCHEMA_PREFIXES = ("https://schema.org/", "http://schema.org/", "schema:")


def node_shape(value: Any, key: str, refs: set[Any], defines: set[str]) -> Hashable:
    """The shape of a JSON-LD value: what the vocabulary and required-property rules look at
    (keys, types, schema.org terms, empty values, breadcrumb positions), without the text.
    Collects the bare references and the defined ``@id`` values on the way."""
    if value.__class__ is str:
        return value if not value or value.startswith(_SCHEMA_PREFIXES) else "s"
    if isinstance(value, dict):
        if "@value" in value:
            return "@value"
        node_id = value.get("@id")
        if len(value) == 1 and node_id is not None:
            return _reference(node_id, refs)
        if isinstance(node_id, str):
            defines.add(node_id)
        shape: list[Hashable] = []
        # The commonest values (text, references, numbers) are shaped here, as the call for
        # them would shape them: a page's nodes hold hundreds, and a call each cost more.
        for k, v in value.items():
            kind = v.__class__
            if kind is str:
                if k != "@id":
                    leaf = v if k == "@type" or not v or v.startswith(_SCHEMA_PREFIXES) else "s"
                    shape.append((k, leaf))
            elif kind is dict and len(v) == 1 and (ref := v.get("@id")) is not None:
                shape.append((k, _reference(ref, refs)))
            elif kind is int:
                shape.append((k, v if k == "position" else "int"))
            else:
                shape.append((k, node_shape(v, k, refs, defines)))
        return tuple(shape)
    if isinstance(value, list):
        return tuple(
            [
                (item if not item or item.startswith(_SCHEMA_PREFIXES) else "s")
                if item.__class__ is str
                else node_shape(item, key, refs, defines)
                for item in value
            ]
        )
    if isinstance(value, bool | float) or value is None:
        return repr(value)
    return value if key == "position" else "int"


def _reference(node_id: Any, refs: set[Any]) -> Hashable:
    """The shape of a bare reference (``{"@id": …}``), which is added to ``refs``."""
    refs.add(node_id if isinstance(node_id, str) else repr(node_id))
    if isinstance(node_id, str) and node_id.startswith(_SCHEMA_PREFIXES):
        return ("@ref", node_id)
    return ("@ref", isinstance(node_id, str))


def node_types(node: dict[str, Any]) -> list[str]:
    """The node's ``@type`` values that are strings, in order."""
    value = node.get("@type", [])
    return [value] if isinstance(value, str) else [t for t in value if isinstance(t, str)]


def has_value(node: dict[str, Any], dotted: str) -> bool:
    """Whether the node has a non-empty value at ``dotted`` (``address.postalCode``)."""
    value: Any = node
    for key in dotted.split("."):
        if not isinstance(value, dict) or key not in value:
            return False
        value = value[key]
    return value not in (None, "", [], {})


def breadcrumb_problems(node: dict[str, Any]) -> list[str]:
    """What a breadcrumb trail lacks for Google: numbered items with a name (and a link, but
    for the last)."""
    items = node.get("itemListElement")
    if not isinstance(items, list) or not items:
        return ["itemListElement"]
    problems = []
    for number, item in enumerate(items, start=1):
        if not isinstance(item, dict) or item.get("position") != number:
            problems.append(f"itemListElement[{number - 1}].position = {number}")
        elif not item.get("name") or (number < len(items) and not item.get("item")):
            problems.append(f"itemListElement[{number - 1}].name and item")
    return problems
