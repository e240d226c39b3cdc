"""Structured-data rules: each page's JSON-LD against the schema.org vocabulary, references that
point nowhere, what Google requires for a rich result, rich-result honesty and self-serving ratings.

The site-wide nodes (practice, offices, people, services) repeat on every page. Each distinct node
is validated once (a node equal to one already seen reuses its result), and a problem in a
site-wide node is reported once, at the office, person or service it comes from in practice.yaml.
The pages that begin their JSON-LD with the same site-wide nodes share one parsed list of them
(:attr:`~nmt_content.checks.html_scan.ScannedPage.shared_nodes`): after its first page, such a
list is not looked at again, only what can differ from page to page is replayed (see
:class:`_Block`).
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from ...pages.model import PagePlan
from ...schema.graph_check import validate_graph
from ...schema.ids import location_id, organization_id, person_id, service_id, website_id
from ...schema.vocab import load_vocabulary, schema_term
from ..context import PRACTICE_FILE, Check, CheckContext
from ..findings import Once, RawFinding
from ..html_scan import ScannedPage
from ..registry import register
from .structured_data_nodes import breadcrumb_problems, has_value, node_shape, node_types

_GOOGLE = "Google Search Central: structured data general guidelines and feature guides"
SD_001 = register(
    "SD-001",
    "error",
    "Unknown schema.org type or property",
    explanation="Search engines ignore markup they do not recognise: a misspelt type or "
    "property, or one used on a type that does not have it, silently loses the data.",
    source="schema.org vocabulary (the release shipped with nmt-content)",
    fix="Use the type or property schema.org defines (see the suggestion in the message).",
    family="Structured data",
)
SD_002 = register(
    "SD-002",
    "error",
    "Dangling @id reference",
    explanation="A reference to a node that is not in the page's graph connects to nothing.",
    source="JSON-LD 1.1 (node identifiers); schema.org",
    fix="Reference only nodes the graph contains.",
    family="Structured data",
)
SD_003 = register(
    "SD-003",
    "warning",
    "A property Google requires for a rich result is missing",
    explanation="Without it, Google does not show the rich result the markup is for (a local "
    "business needs a name and a full postal address; a breadcrumb trail needs numbered items).",
    source=f"{_GOOGLE} (LocalBusiness, Breadcrumb, Profile page)",
    fix="Add the missing data to practice.yaml or the article's front matter.",
    family="Structured data",
)
SD_004 = register(
    "SD-004",
    "info",
    "Markup that earns no rich result for this site",
    explanation="MedicalWebPage is semantics only; FAQ rich results are limited to government "
    "and health-authority sites, and HowTo rich results were retired (2023). The markup is valid; "
    "just don't expect a rich result for it.",
    source="Google Search Central blog: Changes to HowTo and FAQ rich results (August 2023); "
    "Google Search Gallery",
    fix="Nothing to fix.",
    family="Structured data",
)
SD_005 = register(
    "SD-005",
    "error",
    "Self-serving rating on the practice",
    explanation="Google ignores, and may act against, reviews or ratings that a business marks "
    "up about itself; fake or unattributed reviews are unlawful.",
    source="Google Search Central: Review snippet guidelines (self-serving reviews); "
    "16 CFR Part 465 (FTC rule on consumer reviews); 16 CFR Part 255",
    fix="Remove aggregateRating and review from the practice's own business markup.",
    family="Structured data",
)
SD_006 = register(
    "SD-006",
    "info",
    "A superseded schema.org term",
    explanation="schema.org keeps superseded terms working for now, but consumers may stop "
    "reading them.",
    source="schema.org vocabulary (supersededBy)",
    fix="Use the term schema.org names as its replacement.",
    family="Structured data",
)

_NO_RICH_RESULT = {
    "MedicalWebPage": "MedicalWebPage is semantics only: Google shows no rich result for it",
    "FAQPage": "FAQ rich results are shown only for well-known government and health sites",
    "HowTo": "HowTo rich results were retired in 2023",
}
_LOCAL_BUSINESS = (
    "name",
    "address.streetAddress",
    "address.addressLocality",
    "address.addressRegion",
    "address.postalCode",
    "address.addressCountry",
)
_SELF = ("LocalBusiness", "Organization")


@dataclass(frozen=True, slots=True)
class _Facts:
    """What the rules found in one node, reused for every node of the same shape."""

    problems: tuple[tuple[str, str, str], ...]
    """(rule, message, JSON pointer inside the node) for vocabulary problems."""
    missing: tuple[str, ...]
    """Properties Google requires that the node lacks (SD-003)."""
    result: str
    """The rich result those properties are for."""
    notes: tuple[str, ...]
    """Why the node earns no rich result (SD-004)."""
    ratings: tuple[str, ...]
    """Rating properties on a business or organisation node (SD-005)."""


@dataclass(frozen=True, slots=True)
class _Block:
    """What a list of site-wide nodes gives every page after the first it begins.

    Each of its nodes has an ``@id``, so what is reported once about a node is the same
    whatever the page and has been reported by then; left are the notes that name the page
    (SD-004) and the references the list itself does not resolve, which the page's own nodes
    may (SD-002).
    """

    nodes: list[dict[str, Any]]
    """The list itself (kept so that its ``id`` stays its own)."""
    defines: frozenset[str]
    """The ``@id`` values its nodes define."""
    notes: tuple[str, ...]
    """SD-004 notes of its nodes, in order."""
    refs: tuple[tuple[str, tuple[str, ...]], ...]
    """(node id, the references it has that neither the list nor schema.org defines, sorted)."""


_Surveyed = tuple[dict[str, Any], str, _Facts, set[Any]]
"""A node, the id its findings go under (the page's path for a node without one), its facts
and the references it makes."""


class StructuredDataCheck(Check):
    """Vocabulary, references, required properties, honesty and self-serving ratings."""

    page_anywhere = True

    def __init__(self, ctx: CheckContext) -> None:
        super().__init__(ctx)
        self.vocab = load_vocabulary()
        self.shapes: dict[Hashable, _Facts] = {}
        self.shared: dict[int, tuple[dict[str, Any], _Facts, frozenset[Any], frozenset[str]]] = {}
        self.reported: set[tuple[str, str, str]] = set()
        self.blocks: dict[int, _Block | None] = {}
        """By the ``id`` of a shared node list: what it gives each later page (None: a list
        with a node without ``@id``, surveyed on every page)."""
        urls = ctx.urls
        site = ctx.site
        origins: dict[str, tuple[str | int, ...]] = {
            website_id(urls): ("practice",),
            organization_id(urls): ("practice",),
        }
        origins.update(
            {location_id(urls, r.id): ("locations", i) for i, r in enumerate(site.locations)}
        )
        origins.update(
            {person_id(urls, r.id): ("therapists", i) for i, r in enumerate(site.therapists)}
        )
        origins.update(
            {service_id(urls, r.id): ("services", i) for i, r in enumerate(site.services)}
        )
        self.origins = origins
        """Site-wide node ids → their record in practice.yaml."""

    def _is(self, node: dict[str, Any], *kinds: str) -> str | None:
        for name in node_types(node):
            for kind in kinds:
                if self.vocab.is_subtype(name, kind):
                    return kind
        return None

    def _where(self, page: PagePlan, node_id: str) -> tuple[str, int | None]:
        record = self.origins.get(node_id)
        if record is not None:
            return PRACTICE_FILE, self.ctx.practice_line(*record)
        return page.path, None

    def _report(self, rule: str, page: PagePlan, node_id: str, message: str) -> Iterator[Once]:
        key = (rule, node_id, message)
        if key not in self.reported:  # the first in this process; the run keeps the first of all
            self.reported.add(key)
            path, line = self._where(page, node_id)
            yield Once(key, RawFinding(rule, path, line, message))

    def page(self, page: PagePlan, html: ScannedPage | None) -> Iterable[RawFinding | Once]:
        if html is None:
            return
        error = html.jsonld_error
        if error is not None:
            yield RawFinding(SD_001, page.path, None, f"{page.path}: {error}")
        defined: set[str] = set()
        surveyed: list[_Surveyed] = []
        known: list[_Block] = []
        fresh: list[tuple[list[dict[str, Any]], int, set[str]]] = []
        for common in html.shared_nodes:
            block = self.blocks.get(id(common))
            if block is not None and block.nodes is common:
                defined |= block.defines
                known.append(block)
                continue
            start, block_defines = len(surveyed), set[str]()
            self._survey_all(common, page, block_defines, surveyed)
            defined |= block_defines
            fresh.append((common, start, block_defines))
        self._survey_all(html.own_nodes, page, defined, surveyed)
        for block in known:
            yield from self._replay(page, block, defined)
        for node, node_key, facts, refs in surveyed:
            yield from self._findings(page, node, node_key, facts)
            yield from self._dangling(page, node_key, sorted(refs - defined, key=str))
        for common, start, block_defines in fresh:
            self._remember(common, surveyed[start : start + len(common)], block_defines)

    def _survey_all(
        self,
        nodes: list[dict[str, Any]],
        page: PagePlan,
        defines: set[str],
        surveyed: list[_Surveyed],
    ) -> None:
        for node in nodes:
            node_id = node.get("@id")
            own_id = node_id if isinstance(node_id, str) else None
            refs: set[Any] = set()
            facts = self._facts(node, own_id, refs, defines)
            surveyed.append((node, own_id or page.path, facts, refs))

    def _unknown(self, ref: Any) -> bool:
        """Whether a reference names no schema.org term either."""
        term = schema_term(ref) if isinstance(ref, str) else None
        return term is None or not self.vocab.is_term(term)

    def _dangling(
        self, page: PagePlan, node_key: str, refs: Iterable[Any]
    ) -> Iterator[RawFinding | Once]:
        """SD-002 for each of ``refs`` (those the page's nodes do not define), in order."""
        for ref in refs:
            if self._unknown(ref):
                message = f"{node_key} refers to `{ref}`, which no node of {page.path} defines; the reference may be ignored"
                yield from self._report(SD_002, page, node_key, message)

    def _remember(
        self, nodes: list[dict[str, Any]], surveyed: list[_Surveyed], defines: set[str]
    ) -> None:
        """Keep what a shared node list gives the pages after this one (see :class:`_Block`)."""
        if not all(isinstance(node.get("@id"), str) for node in nodes):
            self.blocks[id(nodes)] = None
            return
        notes = tuple(note for _node, _key, facts, _refs in surveyed for note in facts.notes)
        refs = tuple(
            (key, open_refs)
            for _node, key, _facts, node_refs in surveyed
            if (
                open_refs := tuple(
                    r for r in sorted(node_refs - defines, key=str) if self._unknown(r)
                )
            )
        )
        self.blocks[id(nodes)] = _Block(nodes, frozenset(defines), notes, refs)

    def _replay(
        self, page: PagePlan, block: _Block, defined: set[str]
    ) -> Iterator[RawFinding | Once]:
        """What a known shared node list gives this page: all else it gives was reported on
        the first page it began."""
        for note in block.notes:
            path, line = self.ctx.origin(page)
            yield RawFinding(SD_004, path, line, f"{page.path}: {note}")
        for node_key, refs in block.refs:
            yield from self._dangling(page, node_key, [r for r in refs if r not in defined])

    def _facts(
        self, node: dict[str, Any], node_id: str | None, refs: set[Any], defines: set[str]
    ) -> _Facts:
        """The facts of a node: by identity for the shared nodes every page repeats, else by
        shape (page nodes differ in their text, not in what the rules look at)."""
        shared = self.shared.get(id(node))
        if shared is not None and shared[0] is node:
            refs |= shared[2]
            defines |= shared[3]
            return shared[1]
        own_defines: set[str] = set()
        shape = node_shape(node, "", refs, own_defines)
        defines |= own_defines
        facts = self.shapes.get(shape)
        if facts is None:
            facts = self.shapes[shape] = self._examine(node, refs)
        if node_id is not None and node_id in self.origins:
            self.shared[id(node)] = (node, facts, frozenset(refs), frozenset(own_defines))
        return facts

    def _examine(self, node: dict[str, Any], refs: set[Any]) -> _Facts:
        # Stand-ins for the nodes it refers to: references are checked per page.
        stubs = [{"@id": ref, "@type": "Thing"} for ref in refs if isinstance(ref, str)]
        problems = []
        for problem in validate_graph({"@graph": [node, *stubs]}, self.vocab):
            if problem.kind != "dangling-id":
                rule = SD_006 if problem.kind == "superseded" else SD_001
                problems.append((rule, problem.message, problem.path.removeprefix("/@graph/0")))
        missing: list[str] = []
        result = ""
        if self._is(node, "LocalBusiness"):
            missing = [key for key in _LOCAL_BUSINESS if not has_value(node, key)]
            result = "no local business rich result"
        elif self._is(node, "BreadcrumbList"):
            missing = breadcrumb_problems(node)
            result = "no breadcrumb trail in results"
        elif self._is(node, "ProfilePage") and not has_value(node, "mainEntity"):
            missing, result = ["mainEntity"], "no profile page result"
        notes = tuple(_NO_RICH_RESULT[t] for t in node_types(node) if t in _NO_RICH_RESULT)
        ratings: tuple[str, ...] = ()
        if self._is(node, *_SELF):
            ratings = tuple(prop for prop in ("aggregateRating", "review") if prop in node)
        return _Facts(tuple(problems), tuple(missing), result, notes, ratings)

    def _findings(
        self, page: PagePlan, node: dict[str, Any], node_key: str, facts: _Facts
    ) -> Iterator[RawFinding | Once]:
        for rule, text, pointer in facts.problems:
            yield from self._report(rule, page, node_key, f"{text} (at {node_key}{pointer})")
        name = node.get("name") if isinstance(node.get("name"), str) else node_key
        if facts.missing:
            message = f"{node_types(node)[0]} “{name}” lacks {', '.join(facts.missing)}: Google requires it, so there may be {facts.result}"
            yield from self._report(SD_003, page, node_key, message)
        for note in facts.notes:
            path, line = self.ctx.origin(page)
            yield RawFinding(SD_004, path, line, f"{page.path}: {note}")
        if node_key.startswith(self.ctx.urls.base):
            for prop in facts.ratings:
                message = f"“{name}” marks up its own `{prop}`; Google may ignore or act against self-serving reviews (review snippet guidelines; 16 CFR 465)"
                yield from self._report(SD_005, page, node_key, message)


CHECKS = (StructuredDataCheck,)
