"""Check a JSON-LD graph against the schema.org vocabulary (:mod:`.vocab`).

:func:`validate_graph` reports what search engines silently ignore: misspelled or unknown types
and properties, properties used on types schema.org does not define them for, ``@id`` references
that point nowhere, nested objects without a ``@type`` and terms schema.org has superseded. It does
not check value ranges (schema.org ranges are advisory and consumers accept text almost anywhere).
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any, Literal

from .vocab import Vocabulary, bare_term, load_vocabulary, schema_term

__all__ = ["GraphProblem", "ProblemKind", "validate_graph"]


ProblemKind = Literal[
    "unknown-type",
    "unknown-property",
    "property-not-on-type",
    "dangling-id",
    "superseded",
    "missing-type",
]


@dataclass(frozen=True)
class GraphProblem:
    """One thing wrong in a JSON-LD document."""

    kind: ProblemKind
    node_id: str | None
    """``@id`` of the node the problem sits in, or of its nearest enclosing node that has one."""
    path: str
    """JSON-pointer-like location, e.g. ``/@graph/3/address/streetAddress``."""
    message: str
    """What is wrong, in plain English, with a suggestion when there is a near-miss."""


def validate_graph(
    document: Mapping[str, Any], vocab: Vocabulary | None = None
) -> list[GraphProblem]:
    """Check a JSON-LD document against the schema.org vocabulary; problems in document order.

    ``document`` is either ``{"@context": …, "@graph": [node, …]}`` or a single node. Every node,
    nested ones included, is checked; see the module docstring for what is reported.
    """
    checker = _Checker(vocab or load_vocabulary(), frozenset(_defined_ids(document)))
    for node, path in _roots(document):
        if isinstance(node, Mapping):
            checker.visit_node(node, path, via=None, owner=None)
        else:
            checker.report("missing-type", None, path, "`@graph` entries must be node objects.")
    return checker.problems


def _roots(document: Mapping[str, Any]) -> Iterator[tuple[Any, str]]:
    if "@graph" not in document:
        yield document, ""
        return
    graph = document["@graph"]
    if isinstance(graph, list):
        for index, node in enumerate(graph):
            yield node, f"/@graph/{index}"
    else:
        yield graph, "/@graph"


def _defined_ids(value: Any) -> Iterator[str]:
    """The ``@id`` of every node object that is more than a bare reference, anywhere in ``value``."""
    if isinstance(value, list):
        for item in value:
            yield from _defined_ids(item)
    elif isinstance(value, Mapping):
        if "@value" in value:
            return
        node_id = value.get("@id")
        if isinstance(node_id, str) and not _is_reference(value):
            yield node_id
        for key, item in value.items():
            if key != "@context":
                yield from _defined_ids(item)


def _is_reference(value: Mapping[str, Any]) -> bool:
    return len(value) == 1 and "@id" in value


def _pointer(path: str, key: str | int) -> str:
    token = str(key).replace("~", "~0").replace("/", "~1")
    return f"{path}/{token}"


def _closest(name: str, candidates: Iterable[str]) -> str | None:
    """The candidate ``name`` most plausibly misspells: a case-only difference first, then difflib."""
    pool = list(candidates)
    lowered = name.casefold()
    for candidate in pool:
        if candidate.casefold() == lowered and candidate != name:
            return candidate
    matches = difflib.get_close_matches(name, pool, n=1, cutoff=0.75)
    return matches[0] if matches else None


def _did_you_mean(suggestion: str | None) -> str:
    return f"; did you mean `{suggestion}`?" if suggestion else "."


def _names(names: Iterable[str], limit: int = 4) -> str:
    """``A``, ``A or B``, ``A, B, C or D``, or ``A, B, C, D or 7 more``, in sorted order."""
    ordered = [f"`{name}`" for name in sorted(names)]
    if len(ordered) > limit:
        ordered = [*ordered[:limit], f"{len(ordered) - limit} more"]
    if len(ordered) <= 1:
        return "".join(ordered)
    return f"{', '.join(ordered[:-1])} or {ordered[-1]}"


@dataclass
class _Checker:
    """Walks a document once, in document order, collecting problems."""

    vocab: Vocabulary
    defined_ids: frozenset[str]
    problems: list[GraphProblem] = field(default_factory=list)

    def report(self, kind: ProblemKind, node_id: str | None, path: str, message: str) -> None:
        self.problems.append(GraphProblem(kind, node_id, path, message))

    def visit_node(
        self, node: Mapping[str, Any], path: str, via: str | None, owner: str | None
    ) -> None:
        """Check one node object; ``via`` is the property it is the value of (``None`` at top)."""
        node_id = node.get("@id")
        here = node_id if isinstance(node_id, str) else owner
        types = self.check_types(node, path, via, here)
        for key, value in node.items():
            if key.startswith("@"):
                continue
            prop = bare_term(key)
            prop_path = _pointer(path, key)
            self.check_property(prop, types, via, prop_path, here)
            self.visit_value(value, prop_path, prop, here)

    def visit_value(self, value: Any, path: str, prop: str, owner: str | None) -> None:
        if isinstance(value, list):
            for index, item in enumerate(value):
                self.visit_value(item, _pointer(path, index), prop, owner)
        elif isinstance(value, Mapping):
            if "@value" in value:
                return
            for container in ("@list", "@set"):
                if container in value:
                    self.visit_value(value[container], _pointer(path, container), prop, owner)
                    return
            if _is_reference(value):
                self.check_reference(value["@id"], path, owner)
            else:
                self.visit_node(value, path, prop, owner)
        elif isinstance(value, str):
            term = schema_term(value)
            if term is not None:
                self.check_superseded(term, path, owner)

    def check_types(
        self, node: Mapping[str, Any], path: str, via: str | None, here: str | None
    ) -> tuple[str, ...]:
        """Report bad ``@type`` values; return the known types (empty: skip domain checks)."""
        raw = node.get("@type")
        if raw is None or raw == []:
            self.report("missing-type", here, path, self.missing_type_message(via))
            return ()
        values = raw if isinstance(raw, list) else [raw]
        known: list[str] = []
        for index, value in enumerate(values):
            type_path = _pointer(path, "@type")
            if isinstance(raw, list):
                type_path = _pointer(type_path, index)
            if not isinstance(value, str):
                self.report("unknown-type", here, type_path, "`@type` values must be strings.")
                continue
            name = bare_term(value)
            if self.vocab.is_type(name):
                known.append(name)
                self.check_superseded(name, type_path, here)
            else:
                self.report("unknown-type", here, type_path, self.unknown_type_message(name))
        return tuple(known)

    def check_property(
        self, prop: str, types: tuple[str, ...], via: str | None, path: str, here: str | None
    ) -> None:
        vocab = self.vocab
        if not vocab.is_property(prop):
            self.report("unknown-property", here, path, self.unknown_property_message(prop))
        elif self.check_superseded(prop, path, here):
            return
        elif types and not vocab.property_allowed_on(prop, types):
            # The Role pattern: a Role node repeats the property it stands in for.
            if prop == via and any(vocab.is_subtype(t, "Role") for t in types):
                return
            self.report(
                "property-not-on-type",
                here,
                path,
                f"`{prop}` is not a property of {_names(types)}; schema.org defines it for "
                f"{_names(vocab.domain_includes(prop))}.",
            )

    def check_reference(self, ref: Any, path: str, owner: str | None) -> None:
        """A bare ``{"@id": …}`` must name a node in the document (or a schema.org term)."""
        if not isinstance(ref, str):
            self.report("dangling-id", owner, path, "`@id` references must be strings.")
            return
        if ref in self.defined_ids:
            return
        term = schema_term(ref)
        if term is not None and self.vocab.is_term(term):
            self.check_superseded(term, path, owner)
            return
        if term is not None:
            near = _closest(term, self.vocab.enumeration_members)
            suggestion = f"https://schema.org/{near}" if near else None
        else:
            suggestion = _closest(ref, self.defined_ids)
        self.report(
            "dangling-id",
            owner,
            path,
            f"No node in this document has `@id` `{ref}`{_did_you_mean(suggestion)}",
        )

    def check_superseded(self, term: str, path: str, here: str | None) -> bool:
        replacement = self.vocab.superseded_by(term)
        if replacement is None:
            return False
        self.report(
            "superseded",
            here,
            path,
            f"`{term}` is superseded by `{replacement}` in schema.org {self.vocab.version}; "
            f"use `{replacement}` instead.",
        )
        return True

    def unknown_type_message(self, name: str) -> str:
        vocab = self.vocab
        head = f"`{name}` is not a schema.org type"
        if vocab.is_enumeration_member(name):
            owners = _names(vocab.enumeration_members[name])
            return f"{head}; it is a value of {owners}: use it as a property value."
        if vocab.is_property(name):
            return f"{head}; it is a property."
        return head + _did_you_mean(_closest(name, vocab.superclasses))

    def unknown_property_message(self, prop: str) -> str:
        head = f"`{prop}` is not a schema.org property"
        if self.vocab.is_type(prop):
            return f"{head}; `{prop}` is a type: use it as the `@type` of a nested object."
        return head + _did_you_mean(_closest(prop, self.vocab.domains))

    def missing_type_message(self, via: str | None) -> str:
        if via is None or not self.vocab.is_property(via):
            return "This node has no `@type`."
        # Only Things make sense as nested objects; Text, URL and the like are plain values.
        expected = [t for t in self.vocab.range_includes(via) if self.vocab.is_subtype(t, "Thing")]
        if not expected:
            return f"This object has no `@type`, and `{via}` expects a plain value, not an object."
        return f"This object has no `@type`; `{via}` expects {_names(expected)}."
