"""The schema.org vocabulary as a term graph.

The vocabulary is read from ``data/schemaorg-index.json``, a compact extract of one schema.org
release produced by ``scripts/build_schema_index.py``: the class hierarchy (data types count as
classes), each property's ``domainIncludes``/``rangeIncludes``, enumeration members and
``supersededBy`` links. Names are bare (``LocalBusiness``); the JSON-LD being checked is assumed
to use ``"@context": "https://schema.org"``, so its property names and types are bare too, although
full ``https://schema.org/…`` IRIs and ``schema:`` CURIEs are accepted as well.

:mod:`.graph_check` checks JSON-LD graphs against it.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import cache
from importlib.resources import files
from typing import Any, Final

__all__ = [
    "INDEX_FORMAT",
    "SCHEMA_PREFIXES",
    "Vocabulary",
    "bare_term",
    "load_vocabulary",
    "schema_term",
]

INDEX_FORMAT: Final = 1
"""The index layout this module reads; matches ``FORMAT`` in the build script."""

SCHEMA_PREFIXES: Final = ("https://schema.org/", "http://schema.org/", "schema:")


def schema_term(value: str) -> str | None:
    """The bare term of a schema.org IRI or ``schema:`` CURIE; ``None`` when ``value`` is neither."""
    for prefix in SCHEMA_PREFIXES:
        if value.startswith(prefix):
            return value[len(prefix) :] or None
    return None


def bare_term(name: str) -> str:
    """A type or property name as the index spells it: bare names pass through unchanged."""
    return schema_term(name) or name


@dataclass(frozen=True, eq=False, repr=False)
class Vocabulary:
    """One schema.org release's term graph.

    Compared and hashed by identity (``eq=False``): a vocabulary is large, there is normally one per
    process, and identity hashing lets it serve as a cache key.
    """

    version: str
    """The schema.org release, e.g. ``"30.0"``."""
    superclasses: Mapping[str, tuple[str, ...]]
    """Every class (data types included) -> its direct ``rdfs:subClassOf`` parents."""
    domains: Mapping[str, frozenset[str]]
    """Every property -> its ``domainIncludes``."""
    ranges: Mapping[str, tuple[str, ...]]
    """Every property -> its ``rangeIncludes``."""
    enumeration_members: Mapping[str, tuple[str, ...]]
    """Every enumeration member (``Monday``, ``InStock``) -> the enumeration type(s) it belongs to."""
    superseded: Mapping[str, str]
    """Superseded term -> the term that replaces it."""
    data_types: frozenset[str]
    """Classes schema.org types as ``DataType`` (``Text``, ``Number``…); their subclasses are too."""
    _ancestor_cache: dict[str, frozenset[str]] = field(
        default_factory=dict, init=False, compare=False
    )

    @classmethod
    def from_index(cls, index: Mapping[str, Any]) -> Vocabulary:
        """Build from the parsed ``schemaorg-index.json``."""
        if index.get("format") != INDEX_FORMAT:
            raise ValueError(
                f"schema.org index has format {index.get('format')!r}; expected {INDEX_FORMAT}"
            )
        properties: Mapping[str, Mapping[str, list[str]]] = index["properties"]
        return cls(
            version=str(index["release"]),
            superclasses={name: tuple(parents) for name, parents in index["classes"].items()},
            domains={name: frozenset(spec["domain"]) for name, spec in properties.items()},
            ranges={name: tuple(spec["range"]) for name, spec in properties.items()},
            enumeration_members={
                name: tuple(types) for name, types in index["enumeration_members"].items()
            },
            superseded=dict(index["superseded_by"]),
            data_types=frozenset(index["data_types"]),
        )

    def __repr__(self) -> str:
        return (
            f"Vocabulary(version={self.version!r}, {len(self.superclasses)} types, "
            f"{len(self.domains)} properties, {len(self.enumeration_members)} enumeration members)"
        )

    def is_type(self, name: str) -> bool:
        """Whether ``name`` is a schema.org class or data type."""
        return name in self.superclasses

    def is_property(self, name: str) -> bool:
        """Whether ``name`` is a schema.org property (superseded ones included)."""
        return name in self.domains

    def is_enumeration_member(self, name: str) -> bool:
        """Whether ``name`` is a value of some enumeration (``Monday``, ``InStock``, ``True``)."""
        return name in self.enumeration_members

    def is_term(self, name: str) -> bool:
        """Whether ``name`` is any schema.org term: type, property or enumeration member."""
        return self.is_type(name) or self.is_property(name) or self.is_enumeration_member(name)

    def ancestors(self, type_name: str) -> frozenset[str]:
        """``type_name`` and all its superclasses, transitively. Raises ``KeyError`` if unknown."""
        cached = self._ancestor_cache.get(type_name)
        if cached is not None:
            return cached
        if not self.is_type(type_name):
            raise KeyError(f"not a schema.org type: {type_name!r}")
        seen = {type_name}
        stack = [type_name]
        while stack:
            for parent in self.superclasses.get(stack.pop(), ()):
                if parent not in seen:
                    seen.add(parent)
                    stack.append(parent)
        result = frozenset(seen)
        self._ancestor_cache[type_name] = result
        return result

    def is_subtype(self, name: str, of: str) -> bool:
        """Whether ``name`` is ``of`` or a (transitive) subclass of it; ``False`` if unknown."""
        return self.is_type(name) and of in self.ancestors(name)

    def is_data_type(self, name: str) -> bool:
        """Whether ``name`` is a literal data type (``Text``, ``URL``, ``Integer``, ``Date``…)."""
        if not self.is_type(name):
            return False
        lineage = self.ancestors(name)
        return "DataType" in lineage or not self.data_types.isdisjoint(lineage)

    def domain_includes(self, prop: str) -> frozenset[str]:
        """The property's ``domainIncludes``. Raises ``KeyError`` if ``prop`` is unknown."""
        return self.domains[prop]

    def range_includes(self, prop: str) -> tuple[str, ...]:
        """The property's ``rangeIncludes``. Raises ``KeyError`` if ``prop`` is unknown."""
        return self.ranges[prop]

    def property_allowed_on(self, prop: str, types: Iterable[str]) -> bool:
        """Whether some ancestor of some of ``types`` is in ``prop``'s ``domainIncludes``.

        Unknown properties and unknown types never allow anything.
        """
        domain = self.domains.get(prop)
        if not domain:
            return False
        return any(self.is_type(t) and not domain.isdisjoint(self.ancestors(t)) for t in types)

    def superseded_by(self, term: str) -> str | None:
        """The term that replaces ``term``, or ``None`` if it is current (or unknown)."""
        return self.superseded.get(term)


@cache
def load_vocabulary() -> Vocabulary:
    """The vocabulary shipped with the package (loaded once per process)."""
    resource = files("nmt_content") / "data" / "schemaorg-index.json"
    return Vocabulary.from_index(json.loads(resource.read_text(encoding="utf-8")))
