"""YAML parsing with positions.

Data is loaded with libyaml's C parser when available. Positions are only needed when something is
wrong, so the node tree that carries them is composed lazily, on the first error, and walked by the
field path that pydantic reports.

The resolver follows YAML 1.2's core schema rather than PyYAML's YAML 1.1 default: `NO` stays the
string "NO" (not False), `9:30` stays a string (not 570), and dates stay strings so that pydantic
reports an impossible date such as 2024-02-30 with its field and line.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import yaml

__all__ = ["YamlSource", "YamlSyntaxError"]

_BaseLoader: type[yaml.SafeLoader]
try:  # pragma: no cover - depends on how PyYAML was built
    _BaseLoader = yaml.CSafeLoader  # type: ignore[assignment]
except AttributeError:  # pragma: no cover
    _BaseLoader = yaml.SafeLoader


class _CoreSchemaLoader(_BaseLoader):  # type: ignore[misc,valid-type]
    """A safe loader whose implicit types are YAML 1.2 core: null, bool, int, float only."""


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
    """The text is not valid YAML."""

    def __init__(self, message: str, line: int | None, column: int | None) -> None:
        super().__init__(message)
        self.message = message
        self.line = line
        self.column = column


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
        """Parse ``text``; raise :class:`YamlSyntaxError` with a file line when it is not YAML."""
        try:
            data = yaml.load(text, Loader=_CoreSchemaLoader)
        except yaml.MarkedYAMLError as exc:
            mark = exc.problem_mark or exc.context_mark
            message = _syntax_message(exc, text)
            line = mark.line + 1 + line_offset if mark else None
            column = mark.column + 1 if mark else None
            raise YamlSyntaxError(message, line, column) from None
        except yaml.YAMLError as exc:  # pragma: no cover - unmarked errors are rare
            raise YamlSyntaxError(str(exc), None, None) from None
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
