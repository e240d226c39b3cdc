"""Foreign JSON-LD that describes what ours does: the same `@id`, or a related top-level type.

Two graphs that each say what the practice is (a hand-written ``LocalBusiness`` beside our
``HealthAndBeautyBusiness``) leave search engines two conflicting descriptions. A foreign script
overlaps ours when one of its nodes has an `@id` of ours, or a type that is one of our nodes'
types, a supertype or a subtype of it (``LocalBusiness`` and ``Organization`` overlap a massage
practice; ``VideoObject`` overlaps nothing of ours). Types too broad to mean anything
(``Thing``, ``CreativeWork``…) do not count.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from ..schema.vocab import bare_term, load_vocabulary
from .inject_scan import JsonLdScript

__all__ = ["Claims"]

_TOO_BROAD = frozenset({"Thing", "CreativeWork", "Intangible", "StructuredValue", "MediaObject"})


@dataclass(frozen=True, slots=True)
class Claims:
    """The types and `@id`\\ s of our graph's top-level nodes."""

    types: frozenset[str]
    ids: frozenset[str]

    @classmethod
    def of(cls, document: Mapping[str, Any]) -> Claims:
        """The claims of one of our JSON-LD documents."""
        types: set[str] = set()
        ids: set[str] = set()
        for node in _nodes(document):
            types.update(_types(node))
            if isinstance(node.get("@id"), str):
                ids.add(node["@id"])
        return cls(frozenset(types - _TOO_BROAD), frozenset(ids))

    def shared(self, script: JsonLdScript) -> tuple[str, ...]:
        """What ``script`` shares with us (types and `@id`\\ s, sorted); empty when nothing, or
        when the script is not JSON (it then describes nothing a search engine reads)."""
        try:
            data = json.loads(script.text)
        except ValueError:
            return ()
        vocabulary = load_vocabulary()
        found: set[str] = set()
        for node in _nodes(data):
            node_id = node.get("@id")
            if isinstance(node_id, str) and node_id in self.ids:
                found.add(node_id)
            for kind in _types(node) - _TOO_BROAD:
                if any(
                    kind == ours
                    or vocabulary.is_subtype(kind, ours)
                    or vocabulary.is_subtype(ours, kind)
                    for ours in self.types
                ):
                    found.add(kind)
        return tuple(sorted(found))


def _nodes(data: Any) -> Iterator[Mapping[str, Any]]:
    """The top-level nodes: the document itself, a list of them, or its `@graph`."""
    if isinstance(data, list):
        for item in data:
            yield from _nodes(item)
    elif isinstance(data, Mapping):
        graph = data.get("@graph")
        if isinstance(graph, list):
            yield from _nodes(graph)
        if "@type" in data or "@id" in data:
            yield data


def _types(node: Mapping[str, Any]) -> set[str]:
    value = node.get("@type")
    values = value if isinstance(value, list) else [value]
    return {bare_term(item) for item in values if isinstance(item, str)}
