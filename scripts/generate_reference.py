#!/usr/bin/env python3
"""Write the README's content-format and command-line references from the code.

The content-format reference comes from the models: every key of `practice.yaml` and of an
article's front matter, with its type, whether it is required, its default and its docstring. The
command-line reference comes from the argparse parser, so new commands and flags appear on the next
run. Each goes between its pair of markers in README.md:

    <!-- reference:start --> … <!-- reference:end -->   content format
    <!-- cli:start --> … <!-- cli:end -->               command line

python scripts/generate_reference.py            # rewrite both regions of README.md
python scripts/generate_reference.py --check    # exit 1 when either region is stale
"""

from __future__ import annotations

import argparse
import ast
import functools
import inspect
import re
import sys
import typing
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

from pydantic import BaseModel, StringConstraints
from pydantic.fields import FieldInfo
from pydantic_core import PydanticUndefined

from nmt_content.cli import _parser
from nmt_content.models import FrontMatter, KnowledgeBase
from nmt_content.models.field_docs import document_fields

README = Path(__file__).resolve().parents[1] / "README.md"
REGIONS = ("reference", "cli")

# How the value types of the models read to someone writing YAML. A name missing here is shown as
# it is spelled in the code, so a new type still appears, only less friendly.
TYPE_NAMES = {
    "str": "text",
    "Text": "text",
    "int": "integer",
    "float": "number",
    "Decimal": "decimal number",
    "bool": "`true`/`false`",
    "date": "date (YYYY-MM-DD)",
    "datetime.date": "date (YYYY-MM-DD)",
    "datetime": "date and time (ISO 8601)",
    "Any": "any value",
    "WebUrl": "URL (http/https)",
    "ImageSource": "site path or URL",
    "Slug": "slug",
    "Identifier": "id",
    "LanguageTag": "language tag (BCP 47)",
    "Email": "e-mail address",
}


# -- content format --------------------------------------------------------------------------------


def models_in_order(*roots: type[BaseModel]) -> list[type[BaseModel]]:
    """Every model reachable from ``roots``, breadth first, each once."""
    seen: list[type[BaseModel]] = []
    queue = list(roots)
    while queue:
        model = queue.pop(0)
        if model in seen:
            continue
        seen.append(model)
        for name in model.model_fields:
            queue.extend(m for m in nested_models(model, name) if m not in seen)
    return seen


def nested_models(model: type[BaseModel], field: str) -> list[type[BaseModel]]:
    found: list[type[BaseModel]] = []

    def walk(annotation: Any) -> None:
        if isinstance(annotation, type) and issubclass(annotation, BaseModel):
            found.append(annotation)
        for arg in typing.get_args(annotation):
            walk(arg)

    walk(model.model_fields[field].annotation)
    return found


def raw_annotation(model: type[BaseModel], field: str) -> str:
    """The field's annotation as written in the source, e.g. ``tuple[WebUrl, ...]``."""
    for klass in model.__mro__:
        annotation = inspect.get_annotations(klass).get(field)
        if annotation is not None:
            return annotation if isinstance(annotation, str) else _name_of(annotation)
    return _name_of(model.model_fields[field].annotation)


def _name_of(annotation: Any) -> str:
    return getattr(annotation, "__name__", None) or repr(annotation).replace("typing.", "")


def describe_type(model: type[BaseModel], field: str) -> str:
    """The field's type in words, with links to the sections of nested models."""
    namespace = vars(sys.modules[model.__module__])
    tree = ast.parse(raw_annotation(model, field), mode="eval").body
    return _describe(tree, namespace)


def _describe(node: ast.expr, namespace: dict[str, Any]) -> str:
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.BitOr):
        parts = [_describe(side, namespace) for side in (node.left, node.right)]
        return " or ".join(part for part in parts if part != "None")
    if isinstance(node, ast.Constant):
        return "None" if node.value is None else f"`{node.value!s}`"
    if isinstance(node, ast.Subscript):
        outer = ast.unparse(node.value)
        inner = node.slice.elts if isinstance(node.slice, ast.Tuple) else [node.slice]
        if outer in ("tuple", "list", "frozenset", "set"):
            return f"list of {_describe(inner[0], namespace)}"
        if outer in ("dict", "Mapping"):
            key, item = (_describe(part, namespace) for part in inner)
            return f"map of {key} to {item}"
        if outer == "Literal":
            return "one of " + ", ".join(_describe(part, namespace) for part in inner)
        if outer == "Annotated":
            return _describe(inner[0], namespace)
        return ast.unparse(node)
    name = ast.unparse(node)
    value = namespace.get(name)
    if isinstance(value, type) and issubclass(value, BaseModel):
        return f"[{value.__name__}](#{anchor(value)})"
    if typing.get_origin(value) is typing.Literal:
        return "one of " + ", ".join(f"`{choice}`" for choice in typing.get_args(value))
    return TYPE_NAMES.get(name, name)


def anchor(model: type[BaseModel]) -> str:
    """The anchor GitHub gives a model's heading."""
    return model.__name__.lower()


def constraints(info: FieldInfo) -> list[str]:
    words = []
    for item in info.metadata:
        if isinstance(item, StringConstraints):  # part of a text type: "text" is never empty
            continue
        for attribute, template in (
            ("min_length", "at least {}"),
            ("max_length", "at most {}"),
            ("gt", "> {}"),
            ("ge", "≥ {}"),
            ("lt", "< {}"),
            ("le", "≤ {}"),
        ):
            value = getattr(item, attribute, None)
            if value is not None:
                words.append(template.format(value))
    return words


def default_of(info: FieldInfo) -> str:
    if info.default_factory is not None:
        value = info.default_factory()  # type: ignore[call-arg]
    elif info.default is PydanticUndefined:
        return ""
    else:
        value = info.default
    if value is None:
        return ""
    if isinstance(value, bool):
        return f"`{str(value).lower()}`"
    if isinstance(value, tuple | list):
        return "`[]`" if not value else f"`{list(value)}`"
    if isinstance(value, Mapping):
        return "`{}`" if not value else f"`{dict(value)}`"
    if isinstance(value, BaseModel):
        return "(all defaults)"
    return f"`{value}`"


def cell(text: str) -> str:
    """One Markdown table cell: no line breaks, pipes escaped."""
    return " ".join(text.split()).replace("|", "\\|")


def model_section(model: type[BaseModel], level: str) -> Iterator[str]:
    doc = " ".join((model.__doc__ or "").split("\n\n")[0].split())
    yield f"{level} {model.__name__}"
    yield ""
    if doc:
        yield doc
        yield ""
    yield "| key | type | required | default | description |"
    yield "| --- | --- | --- | --- | --- |"
    for name, info in model.model_fields.items():
        described = info.description or ""
        kind = describe_type(model, name)
        limits = constraints(info)
        if limits:
            kind += f" ({', '.join(limits)})"
        # A key the model fills in from others before validation reads "Defaults to …" in its
        # docstring; it is optional for the writer even though the validated model requires it.
        required = info.is_required() and "Defaults to" not in described
        default = default_of(info) if not required else ""
        if info.is_required() and not required:
            default = "see description"
        yield (
            f"| `{name}` | {cell(kind)} | {'yes' if required else 'no'} | {cell(default)} "
            f"| {cell(described)} |"
        )
    yield ""


def content_reference() -> str:
    """The content-format reference, as Markdown."""
    document_fields()
    lines = [
        "Generated from the models by `python scripts/generate_reference.py`; a test fails when it",
        "is stale. Unknown keys are errors (with a “did you mean”) and text is trimmed. An *id* is",
        "a lower-case key such as `mount-shasta` that other entries refer to; a *slug* is one",
        "lower-case URL segment; a *site path or URL* is `/images/x.jpg` or an https address.",
        "",
        "### `practice.yaml`",
        "",
    ]
    practice_models = models_in_order(KnowledgeBase)
    for model in practice_models:
        lines.extend(model_section(model, "####"))
    lines += [
        "### Article front matter",
        "",
        "Each `articles/*.md` file starts with a YAML block between `---` lines; the Markdown body",
        "follows it.",
        "",
    ]
    article_models = models_in_order(FrontMatter)
    shared = [m for m in article_models if m in practice_models]
    for model in article_models:
        if model not in shared:
            lines.extend(model_section(model, "####"))
    if shared:
        names = ", ".join(f"[{m.__name__}](#{anchor(m)})" for m in shared)
        lines += [f"Also used here, as described above: {names}.", ""]
    return "\n".join(lines).rstrip() + "\n"


# -- command line ----------------------------------------------------------------------------------


def subcommands(parser: argparse.ArgumentParser) -> list[tuple[str, str, argparse.ArgumentParser]]:
    """(name, one-line help, parser) for each subcommand, in the order `--help` lists them."""
    found = []
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            helps = {choice.dest: choice.help or "" for choice in action._choices_actions}
            for name, sub in action.choices.items():
                if name in helps:  # aliases share a parser; list each command once
                    found.append((name, helps[name], sub))
    return found


def usage(parser: argparse.ArgumentParser) -> str:
    """The usage line on one line, whatever the terminal's width."""
    formatter = argparse.HelpFormatter(parser.prog, width=10_000)
    formatter.add_usage(parser.usage, parser._actions, parser._mutually_exclusive_groups, "")
    return " ".join(formatter.format_help().split())


def argument_rows(parser: argparse.ArgumentParser) -> Iterator[str]:
    for action in parser._actions:
        if action.help == argparse.SUPPRESS or isinstance(
            action, argparse._HelpAction | argparse._SubParsersAction
        ):
            continue
        if action.option_strings:
            metavar = ""
            if action.nargs != 0:
                metavar = " " + (
                    action.metavar if isinstance(action.metavar, str) else action.dest.upper()
                )
            name = ", ".join(f"`{flag}{metavar}`" for flag in action.option_strings)
        else:
            name = f"`{action.metavar if isinstance(action.metavar, str) else action.dest.upper()}`"
        text = expand_help(parser, action)
        if action.choices is not None and not isinstance(action, argparse._SubParsersAction):
            choices = ", ".join(f"`{choice}`" for choice in action.choices)
            if "choose" not in text and "one of" not in text:
                text += f" (one of {choices})"
        yield f"| {name} | {cell(text)} |"


def expand_help(parser: argparse.ArgumentParser, action: argparse.Action) -> str:
    text = action.help or ""
    if "%" not in text:
        return text
    params = {**vars(action), "prog": parser.prog}
    params = {key: getattr(value, "__name__", value) for key, value in params.items()}
    if isinstance(params.get("choices"), list | tuple | dict | set | frozenset):
        params["choices"] = ", ".join(map(str, action.choices or ()))
    return text % params


def command_section(name: str, summary: str, parser: argparse.ArgumentParser) -> Iterator[str]:
    yield f"### `nmt-content {name}`"
    yield ""
    description = " ".join((parser.description or summary).split())
    if description:
        yield description
        yield ""
    yield "```text"
    yield usage(parser)
    yield "```"
    yield ""
    rows = list(argument_rows(parser))
    if rows:
        yield "| argument | what it does |"
        yield "| --- | --- |"
        yield from rows
        yield ""
    for sub_name, sub_summary, sub in subcommands(parser):
        yield from command_section(f"{name} {sub_name}", sub_summary, sub)


def cli_reference(parser: argparse.ArgumentParser | None = None) -> str:
    """The command-line reference, as Markdown."""
    parser = parser or _parser()
    lines = [
        "Generated from the argument parser by `python scripts/generate_reference.py`; a test fails",
        "when it is stale. `nmt-content COMMAND --help` prints the same.",
        "",
        "| command | what it does |",
        "| --- | --- |",
    ]
    commands = subcommands(parser)
    lines += [f"| [`{name}`](#nmt-content-{name}) | {cell(help_)} |" for name, help_, _ in commands]
    lines.append("")
    globals_ = list(argument_rows(parser))
    if globals_:
        lines += ["Before the command:", "", "| argument | what it does |", "| --- | --- |"]
        lines += [*globals_, ""]
    for name, summary, sub in commands:
        lines.extend(command_section(name, summary, sub))
    return "\n".join(lines).rstrip() + "\n"


# -- README regions --------------------------------------------------------------------------------


def region_pattern(region: str) -> re.Pattern[str]:
    return re.compile(rf"(<!-- {region}:start -->\n)(.*?)(<!-- {region}:end -->)", flags=re.DOTALL)


@functools.cache
def generated() -> dict[str, str]:
    return {"reference": content_reference(), "cli": cli_reference()}


def updated(readme: str) -> str:
    """``readme`` with each region replaced by what the code says now."""
    for region in REGIONS:
        pattern = region_pattern(region)
        if not pattern.search(readme):
            raise SystemExit(
                f"README has no <!-- {region}:start --> … <!-- {region}:end --> region"
            )
        text = generated()[region]

        def replace(match: re.Match[str], text: str = text) -> str:
            return f"{match[1]}\n{text}\n{match[3]}"

        readme = pattern.sub(replace, readme)
    return readme


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--readme", type=Path, default=README, help="the file to update")
    parser.add_argument("--check", action="store_true", help="only report whether it is current")
    args = parser.parse_args(argv)
    current = args.readme.read_text(encoding="utf-8")
    wanted = updated(current)
    if args.check:
        if current != wanted:
            print(f"{args.readme} is stale; run python scripts/generate_reference.py")
            return 1
        return 0
    if current != wanted:
        args.readme.write_text(wanted, encoding="utf-8", newline="\n")
        print(f"wrote {args.readme}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
