"""YAML parsing with positions.

Data is loaded with libyaml's C parser when available. Positions are only needed when something is
wrong, so the node tree that carries them is composed lazily, on the first error, and walked by the
field path that pydantic reports.

The resolver follows YAML 1.2's core schema rather than PyYAML's YAML 1.1 default: `NO` stays the
string "NO" (not False), `9:30` stays a string (not 570), and dates stay strings so that pydantic
reports an impossible date such as 2024-02-30 with its field and line.

It is strict where PyYAML is lenient, in the constructor and so in the one pass that builds the
data: a key given twice in one mapping is an error naming both lines (YAML 1.2 forbids it, and
PyYAML would let the last one win, so a second top-level `practice:` replaced the whole
practice); so is an integer outside the 64-bit range (a 5,000-digit one would otherwise stop
Python's int() with a traceback) and a float that is NaN or infinite (`.nan`, `.inf`, `1e999`).
YAML 1.1's merge keys (`<<`) are not part of the core schema and are not merged.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

import yaml

from .plain_yaml import load_plain

__all__ = ["YamlSource", "YamlSyntaxError"]

_BaseLoader: type[yaml.SafeLoader]
try:  # pragma: no cover - depends on how PyYAML was built
    _BaseLoader = yaml.CSafeLoader  # type: ignore[assignment]
except AttributeError:  # pragma: no cover
    _BaseLoader = yaml.SafeLoader


INT_MIN, INT_MAX = -(2**63), 2**63 - 1
"""The integers accepted: those a 64-bit signed integer holds (at most 19 digits)."""
_INT_TEXT_MAX = 64
"""Longer integer text is refused before it is converted (underscores and a base prefix fit)."""


class _StrictError(Exception):
    """A value the loader refuses, at ``node``."""

    def __init__(self, message: str, node: yaml.Node) -> None:
        super().__init__(message)
        self.message = message
        self.node = node


class _CoreSchemaLoader(_BaseLoader):  # type: ignore[misc,valid-type]
    """A safe loader whose implicit types are YAML 1.2 core: null, bool, int, float only; strict
    about duplicate keys and out-of-range numbers."""

    document: yaml.Node | None = None
    """The root node of the document being constructed, to name the field of an error."""
    line_offset = 0
    """Lines before the text in its file, to give an error's other line as a file line."""

    def construct_document(self, node: yaml.Node) -> Any:
        self.document = node
        return super().construct_document(node)

    def flatten_mapping(self, node: yaml.MappingNode) -> None:
        """No merge keys (YAML 1.1): an explicit ``!!merge`` key is an unknown tag."""

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        mapping: dict[Any, Any] = super().construct_mapping(node, deep)
        if len(mapping) != len(node.value):  # one length test; the search only on a mismatch
            self._refuse_duplicate(node)
        return mapping

    def _refuse_duplicate(self, node: yaml.MappingNode) -> None:
        seen: dict[Any, yaml.Node] = {}
        for key_node, _value in node.value:
            first = seen.setdefault(self.construct_object(key_node), key_node)  # built: a lookup
            if first is not key_node:
                written = _key_text(key_node)
                also = "" if _key_text(first) == written else f", as `{_key_text(first)}`"
                line = first.start_mark.line + 1 + self.line_offset
                raise _StrictError(
                    f"duplicate key `{written}` (first at line {line}{also}); YAML allows a key "
                    "once in a mapping, and the second would replace the first: merge the two "
                    "or remove one",
                    key_node,
                )

    def construct_yaml_int(self, node: yaml.ScalarNode) -> int:
        text = str(node.value)
        shown = text if len(text) <= 24 else f"{text[:20]}… ({len(text)} characters)"
        if len(text) <= _INT_TEXT_MAX:
            try:
                value: int = super().construct_yaml_int(node)
            except ValueError:  # only with an explicit !!int tag
                raise _StrictError(f"{shown} is not an integer", node) from None
            if INT_MIN <= value <= INT_MAX:
                return value
        raise _StrictError(
            f"the integer {shown} is out of range ({INT_MIN} to {INT_MAX}); "
            "put it in quotes if it is text",
            node,
        )

    def construct_yaml_float(self, node: yaml.ScalarNode) -> float:
        text = str(node.value)
        shown = text if len(text) <= 24 else f"{text[:20]}…"
        try:
            value: float = super().construct_yaml_float(node)
        except ValueError:  # only with an explicit !!float tag
            raise _StrictError(f"{shown} is not a number", node) from None
        if math.isfinite(value):
            return value
        kind = "not a number" if math.isnan(value) else "infinite"
        raise _StrictError(
            f"the number {shown} is {kind}; write a finite number, or put it in quotes if it "
            "is text",
            node,
        )


for _tag, _construct in (
    ("tag:yaml.org,2002:int", _CoreSchemaLoader.construct_yaml_int),
    ("tag:yaml.org,2002:float", _CoreSchemaLoader.construct_yaml_float),
):
    _CoreSchemaLoader.add_constructor(_tag, _construct)

_CoreSchemaLoader.yaml_implicit_resolvers = {}
for _tag, _pattern, _first in (
    ("tag:yaml.org,2002:null", r"^(?:~|null|Null|NULL|)$", ["~", "n", "N", ""]),
    ("tag:yaml.org,2002:bool", r"^(?:true|True|TRUE|false|False|FALSE)$", list("tTfF")),
    ("tag:yaml.org,2002:int", r"^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$", list("-+0123456789")),
    (
        "tag:yaml.org,2002:float",
        r"^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?"
        r"|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$",
        list("-+.0123456789"),
    ),
):
    _CoreSchemaLoader.add_implicit_resolver(_tag, re.compile(_pattern), _first)


class YamlSyntaxError(ValueError):
    """The text is not valid YAML, or holds a value the loader refuses (then ``field`` is the
    dotted path of the value, when it has one)."""

    def __init__(self, message: str, line: int | None, column: int | None, field: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.line = line
        self.column = column
        self.field = field


@dataclass
class YamlSource:
    """YAML text that has been parsed once, and can say where any field path sits in it."""

    text: str
    line_offset: int = 0
    """Lines before the text in its file (front matter starts after the opening `---`)."""
    data: Any = None
    _root: yaml.Node | None = field(default=None, repr=False)

    @classmethod
    def parse(cls, text: str, line_offset: int = 0) -> YamlSource:
        """Parse ``text``; raise :class:`YamlSyntaxError` with a file line when it is not YAML.

        Simple text (most front matter) is read by :func:`.plain_yaml.load_plain`, which gives
        the same data several times faster; anything else, and every error, goes through libyaml
        and the constructor below.
        """
        plain = load_plain(text)
        if plain is not None:
            return cls(text=text, line_offset=line_offset, data=plain)
        loader = _CoreSchemaLoader(text)
        loader.line_offset = line_offset
        try:
            data = loader.get_single_data()
        except _StrictError as exc:
            mark = exc.node.start_mark
            where = _path_to(loader.document, exc.node) if loader.document is not None else None
            field = ".".join(str(step) for step in where or ())
            raise YamlSyntaxError(
                exc.message, mark.line + 1 + line_offset, mark.column + 1, field
            ) from None
        except yaml.MarkedYAMLError as exc:
            mark = exc.problem_mark or exc.context_mark
            message = _syntax_message(exc, text)
            line = mark.line + 1 + line_offset if mark else None
            column = mark.column + 1 if mark else None
            raise YamlSyntaxError(message, line, column) from None
        except yaml.YAMLError as exc:  # pragma: no cover - unmarked errors are rare
            raise YamlSyntaxError(str(exc), None, None) from None
        finally:
            loader.dispose()
        return cls(text=text, line_offset=line_offset, data=data)

    def position(self, path: Sequence[str | int]) -> tuple[int | None, int | None]:
        """The file line and column of the value at ``path``, or of its nearest existing parent.

        A scalar points at its value; a nested mapping or list points at its key, which is where a
        reader looks for a missing field.
        """
        node = self._root_node()
        if node is None:
            return (self.line_offset + 1, None)
        anchor = node
        for step in path:
            child = _child(node, step)
            if child is None:
                break
            if isinstance(child, tuple):
                key, node = child
                anchor = node if isinstance(node, yaml.ScalarNode) else key
            else:
                anchor = node = child
        mark = anchor.start_mark
        return (mark.line + 1 + self.line_offset, mark.column + 1)

    def _root_node(self) -> yaml.Node | None:
        if self._root is None:
            self._root = yaml.compose(self.text, Loader=_CoreSchemaLoader)
        return self._root


def _child(node: yaml.Node, step: str | int) -> Any:
    """The (key node, value node) pair for a mapping key, or the item node for a sequence index."""
    if isinstance(node, yaml.MappingNode) and isinstance(step, str):
        for key, value in node.value:
            if isinstance(key, yaml.ScalarNode) and key.value == step:
                return (key, value)
    if (
        isinstance(node, yaml.SequenceNode)
        and isinstance(step, int)
        and 0 <= step < len(node.value)
    ):
        return node.value[step]
    return None


def _path_to(root: yaml.Node, target: yaml.Node) -> list[str | int] | None:
    """The field path from ``root`` to ``target`` (a value node, or a key node, which counts as
    its key's path), found depth-first without recursion; None when it is not in the tree."""
    stack: list[tuple[yaml.Node, list[str | int]]] = [(root, [])]
    visited: set[int] = set()
    while stack:
        node, path = stack.pop()
        if node is target:
            return path
        if id(node) in visited:  # an alias seen before, or a recursive structure
            continue
        visited.add(id(node))
        stack.extend(_children(node, path))
    return None


def _key_text(node: yaml.Node) -> str:
    return str(node.value) if isinstance(node, yaml.ScalarNode) else "…"


def _children(
    node: yaml.Node, path: list[str | int]
) -> Iterator[tuple[yaml.Node, list[str | int]]]:
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            step = _key_text(key)
            yield (key, [*path, step])
            yield (value, [*path, step])
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            yield (item, [*path, index])


def _syntax_message(exc: yaml.MarkedYAMLError, text: str) -> str:
    problem = exc.problem or "invalid YAML"
    mark = exc.problem_mark
    lines = text.splitlines()
    if mark is not None and mark.line < len(lines):
        indent = lines[mark.line][: len(lines[mark.line]) - len(lines[mark.line].lstrip())]
        if "\t" in indent or "'\\t'" in problem:
            return "a tab is used for indentation; YAML allows only spaces: replace the tab"
    hint = ""
    if "mapping values are not allowed" in problem:
        hint = "; put text that contains `: ` in quotes"
    elif "found character '@'" in problem or "found character '`'" in problem:
        hint = "; put values that start with @ or ` in quotes"
    elif "could not find expected ':'" in problem:
        hint = "; each line needs `key: value`"
    context = f" ({exc.context})" if exc.context else ""
    return f"invalid YAML: {problem}{context}{hint}"
