"""`nmt-content schema`: JSON Schema for `practice.yaml` or article front matter, from the models.

Editors that read JSON Schema (VS Code with the YAML extension, JetBrains, Neovim through
yaml-language-server) then complete keys, show each field's description and underline a
misspelt key, before `validate` runs.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..models import FrontMatter, KnowledgeBase
from ..models.field_docs import document_fields
from .common import EXIT_OK, terminal

if TYPE_CHECKING:
    from .common import Subparsers

__all__ = ["json_schema", "register", "run"]

_DIALECT = "https://json-schema.org/draft/2020-12/schema"
_FILLED_BY_THE_MODEL = frozenset({"slug"})
"""Keys the models fill in when left out (a slug comes from the title or name), so an editor
must not ask for them."""


def register(commands: Subparsers) -> None:
    schema = commands.add_parser(
        "schema",
        help="print JSON Schema for practice.yaml or article front matter, for editors",
        description="Print the JSON Schema of practice.yaml (or, with --front-matter, of an "
        "article's front matter), made from the same models `validate` uses.",
    )
    schema.add_argument(
        "--front-matter",
        action="store_true",
        help="the schema of an article's front matter instead of practice.yaml",
    )
    schema.add_argument(
        "--out", type=Path, metavar="FILE", help="write the schema to FILE instead of stdout"
    )
    schema.set_defaults(command=run)


def json_schema(*, front_matter: bool = False) -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of `practice.yaml`, or of an article's front matter."""
    document_fields()
    model = FrontMatter if front_matter else KnowledgeBase
    schema = model.model_json_schema()
    for node in [schema, *schema.get("$defs", {}).values()]:
        if "required" in node:
            node["required"] = [k for k in node["required"] if k not in _FILLED_BY_THE_MODEL]
    title = "article front matter" if front_matter else "practice.yaml"
    return {"$schema": _DIALECT, **schema, "title": f"nmt-content {title}"}


def run(args: argparse.Namespace) -> int:
    text = json.dumps(json_schema(front_matter=args.front_matter), indent=2, ensure_ascii=False)
    if args.out is None:
        sys.stdout.write(text + "\n")
    else:
        args.out.write_text(text + "\n", encoding="utf-8")
        terminal(args).detail(f"wrote {args.out}")
    return EXIT_OK
