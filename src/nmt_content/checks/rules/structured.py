"""Structured-data rules: the graph against the schema.org vocabulary, Google's required
properties, rich-result honesty and self-serving ratings.

Site-wide nodes repeat on every page; a problem in one is reported once, not once per page.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from ...schema.vocab import load_vocabulary, validate_graph
from ..context import CheckContext
from ..findings import RawFinding
from ..registry import register

SD_001 = register(
    "SD-001",
    "error",
    "Unknown schema.org type or property",
    why="Search engines ignore markup they do not recognise; a typo silently loses the data.",
    source="schema.org vocabulary (release shipped with nmt-content)",
    fix="Use the type or property name schema.org defines (see the suggestion).",
    family="Structured data",
)
SD_002 = register(
    "SD-002",
    "error",
    "Dangling @id reference",
    why="A reference to a node that is not in the graph connects to nothing.",
    source="JSON-LD 1.1, node identifiers",
    fix="Reference only nodes the graph contains.",
    family="Structured data",
)
SD_003 = register(
    "SD-003",
    "warning",
    "A property Google requires is missing",
    why="Without it, Google will not show the rich result the markup is for.",
    source="Google Search Central: structured data guidelines (LocalBusiness, Article, Breadcrumb)",
    fix="Add the missing data to practice.yaml or the article's front matter.",
    family="Structured data",
)
SD_004 = register(
    "SD-004",
    "info",
    "Markup that earns no rich result for this site",
    why="MedicalWebPage is semantics only; FAQ rich results are limited to government and health "
    "authorities, and HowTo rich results were retired (2023). The markup is still valid.",
    source="Google Search Central: changes to HowTo and FAQ rich results (August 2023)",
    fix="Nothing to fix; don't expect a rich result for it.",
    family="Structured data",
)
SD_005 = register(
    "SD-005",
    "error",
    "Self-serving rating on the practice",
    why="Google ignores, and may act against, reviews or ratings a business marks up about "
    "itself; fake reviews are banned outright.",
    source="Google review snippet guidelines; 16 CFR 465 (FTC rule on fake reviews)",
    fix="Remove aggregateRating and review from the practice's own business markup.",
    family="Structured data",
)

_REQUIRED: dict[str, tuple[tuple[str, ...], str]] = {
    "LocalBusiness": (
        (
            "name",
            "address.streetAddress",
            "address.addressLocality",
            "address.postalCode",
            "address.addressCountry",
        ),
        "local business (map and knowledge panel) results",
    ),
    "Article": (("headline", "image", "datePublished", "author"), "article rich results"),
    "BreadcrumbList": (("itemListElement",), "breadcrumb trails in results"),
}
_NO_RICH_RESULT = {
    "MedicalWebPage": "MedicalWebPage has no rich result in Google Search",
    "FAQPage": "FAQ rich results are shown only for government and health-authority sites",
    "HowTo": "HowTo rich results were retired in 2023",
}
_SELF = ("LocalBusiness", "Organization")


def _types(node: dict[str, Any]) -> list[str]:
    value = node.get("@type", [])
    return [value] if isinstance(value, str) else list(value)


def _has(node: dict[str, Any], dotted: str) -> bool:
    value: Any = node
    for key in dotted.split("."):
        if not isinstance(value, dict) or key not in value:
            return False
        value = value[key]
    return value not in (None, "", [], {})


def check_graphs(ctx: CheckContext) -> Iterator[RawFinding]:
    vocab = load_vocabulary()
    reported: set[tuple[str, str]] = set()
    for page in ctx.pages:
        scanned = ctx.scanned.get(page.path)
        graph = scanned.graph if scanned else None
        if graph is None:
            continue
        for problem in validate_graph(graph, vocab):
            rule = SD_002 if problem.kind == "dangling-id" else SD_001
            key = (rule, problem.message)
            if problem.kind != "superseded" and key not in reported:
                reported.add(key)
                yield RawFinding(rule, page.path, None, problem.message)
        for node in graph.get("@graph", []):
            yield from _node_findings(ctx, page.path, node, reported, vocab)


def _node_findings(
    ctx: CheckContext, path: str, node: dict[str, Any], reported: set[tuple[str, str]], vocab: Any
) -> Iterator[RawFinding]:
    types = _types(node)
    node_id = str(node.get("@id", path))
    for kind, (required, result) in _REQUIRED.items():
        if not any(vocab.is_type(t) and vocab.is_subtype(t, kind) for t in types):
            continue
        missing = [name for name in required if not _has(node, name)]
        key = (SD_003, f"{node_id}:{','.join(missing)}")
        if missing and key not in reported:
            reported.add(key)
            yield RawFinding(
                SD_003,
                path,
                None,
                f"{kind} {node.get('name', node_id)} lacks {', '.join(missing)}; "
                f"Google may not show {result}",
            )
    for name in types:
        note = _NO_RICH_RESULT.get(name)
        if note and (SD_004, path) not in reported:
            reported.add((SD_004, path))
            yield RawFinding(SD_004, path, None, note)
    if any(vocab.is_type(t) and any(vocab.is_subtype(t, s) for s in _SELF) for t in types):
        for prop in ("aggregateRating", "review"):
            key = (SD_005, f"{node_id}:{prop}")
            if prop in node and key not in reported:
                reported.add(key)
                yield RawFinding(
                    SD_005, path, None, f"{node.get('name', node_id)} marks up its own `{prop}`"
                )


CHECKS = (check_graphs,)
