"""Build the compact schema.org index shipped as ``src/nmt_content/data/schemaorg-index.json``.

The full vocabulary file is about 1.5 MB of JSON-LD, mostly comments and labels. The validator
only needs the term graph, so this script keeps: the class hierarchy (data types included, and
listed once more under ``data_types`` because their ``DataType`` typing is not a superclass), each
property's ``domainIncludes`` and ``rangeIncludes``, the enumeration members with their types,
and ``supersededBy`` links. Terms outside the ``schema:`` namespace (FIBO, GS1, ... mappings) are
dropped, and names are bare (``LocalBusiness``, not ``schema:LocalBusiness``).

The output is deterministic: sorted keys, one term per line (so a release upgrade diffs
readably) and a trailing newline. The vocabulary file does not state its own release, so the
release is taken from ``--release`` or, failing that, from the table of known file digests.

Usage::

    python scripts/build_schema_index.py [VOCABULARY] [--output PATH] [--release X.Y] [--check]
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

REPO_ROOT = Path(__file__).resolve().parents[1]
DEFAULT_SOURCE = REPO_ROOT / ".." / "shared" / "data" / "schemaorg-current-https.jsonld"
DEFAULT_OUTPUT = REPO_ROOT / "src" / "nmt_content" / "data" / "schemaorg-index.json"

FORMAT = 1
"""Bumped when the index layout changes; the loader refuses layouts it does not know."""

KNOWN_RELEASES = {
    "4467fa19edcb1d7fb3c46c0adf3591b7f870c4a60b7838bdb61694fd02864cf6": "30.0",
}
"""sha256 of ``schemaorg-current-https.jsonld`` -> schema.org release it belongs to."""

SCHEMA_PREFIX = "schema:"
CLASS = "rdfs:Class"
PROPERTY = "rdf:Property"
DATA_TYPE = "schema:DataType"


def _as_list(value: Any) -> list[Any]:
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def _schema_refs(value: Any) -> list[str]:
    """Bare names of the ``schema:`` terms among ``{"@id": ...}`` references, sorted."""
    ids = (ref["@id"] for ref in _as_list(value))
    return sorted({i.removeprefix(SCHEMA_PREFIX) for i in ids if i.startswith(SCHEMA_PREFIX)})


def _types(node: Mapping[str, Any]) -> list[str]:
    return [str(t) for t in _as_list(node.get("@type"))]


def build_index(graph: Iterable[Mapping[str, Any]], release: str, digest: str) -> dict[str, Any]:
    """Reduce the vocabulary's ``@graph`` to the index layout (see the module docstring)."""
    classes: dict[str, list[str]] = {}
    properties: dict[str, dict[str, list[str]]] = {}
    data_types: list[str] = []
    members: dict[str, list[str]] = {}
    superseded: dict[str, str] = {}
    for node in graph:
        term_id = str(node["@id"])
        if not term_id.startswith(SCHEMA_PREFIX):
            continue
        name = term_id.removeprefix(SCHEMA_PREFIX)
        types = _types(node)
        if CLASS in types:
            classes[name] = _schema_refs(node.get("rdfs:subClassOf"))
            if DATA_TYPE in types:
                data_types.append(name)
        elif PROPERTY in types:
            properties[name] = {
                "domain": _schema_refs(node.get("schema:domainIncludes")),
                "range": _schema_refs(node.get("schema:rangeIncludes")),
            }
        else:
            members[name] = sorted(t.removeprefix(SCHEMA_PREFIX) for t in types)
        replacements = _schema_refs(node.get("schema:supersededBy"))
        if len(replacements) > 1:
            raise ValueError(f"{name} is superseded by several terms: {replacements}")
        if replacements:
            superseded[name] = replacements[0]
    return {
        "classes": classes,
        "data_types": sorted(data_types),
        "enumeration_members": members,
        "format": FORMAT,
        "properties": properties,
        "release": release,
        "source_sha256": digest,
        "superseded_by": superseded,
    }


def render_index(index: Mapping[str, Any]) -> str:
    """Serialise with sorted keys, one term per line inside each section, trailing newline."""

    def compact(value: Any) -> str:
        return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False)

    lines = ["{"]
    keys = sorted(index)
    for position, key in enumerate(keys):
        value = index[key]
        comma = "," if position < len(keys) - 1 else ""
        if isinstance(value, dict) and value:
            lines.append(f"{compact(key)}:{{")
            entries = sorted(value.items())
            lines.extend(
                f"{compact(name)}:{compact(entry)}{',' if i < len(entries) - 1 else ''}"
                for i, (name, entry) in enumerate(entries)
            )
            lines.append("}" + comma)
        else:
            lines.append(f"{compact(key)}:{compact(value)}{comma}")
    lines.append("}")
    return "\n".join(lines) + "\n"


def release_for(raw: bytes, release: str | None) -> tuple[str, str]:
    """Return ``(release, sha256)``; an unknown file needs an explicit ``--release``."""
    digest = hashlib.sha256(raw).hexdigest()
    if release is None:
        release = KNOWN_RELEASES.get(digest)
    if release is None:
        raise SystemExit(
            f"unknown vocabulary file (sha256 {digest}); pass --release with its schema.org "
            "release number"
        )
    return release, digest


def build_from_file(source: Path, release: str | None = None) -> str:
    """Read a vocabulary JSON-LD file and return the rendered index text."""
    raw = source.read_bytes()
    release, digest = release_for(raw, release)
    document = json.loads(raw)
    return render_index(build_index(document["@graph"], release, digest))


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("source", nargs="?", type=Path, default=DEFAULT_SOURCE)
    parser.add_argument("--output", type=Path, default=DEFAULT_OUTPUT)
    parser.add_argument("--release", help="schema.org release of SOURCE, e.g. 30.0")
    parser.add_argument(
        "--check", action="store_true", help="do not write; exit 1 if OUTPUT is out of date"
    )
    args = parser.parse_args(argv)
    text = build_from_file(args.source, args.release)
    if args.check:
        current = args.output.read_text(encoding="utf-8") if args.output.exists() else None
        if current != text:
            print(f"{args.output} is out of date; rerun {Path(__file__).name}", file=sys.stderr)
            return 1
        return 0
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(text, encoding="utf-8", newline="\n")
    print(f"wrote {args.output} ({len(text.encode('utf-8'))} bytes)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
