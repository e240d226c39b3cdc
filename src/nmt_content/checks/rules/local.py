"""Local-search rules: one name, address and phone everywhere; counties that match their cities;
complete offices; a real base URL."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Iterator
from functools import cache
from typing import Any, NamedTuple
from urllib.parse import urlsplit

from ...models import Article
from ...models.geography import county_of, normalise_county
from ...pages.model import PagePlan
from ...schema.vocab import load_vocabulary
from ...urls import normalise_base_url
from ..body_memo import body_findings
from ..context import PRACTICE_FILE, Check, CheckContext, TextUnit
from ..findings import RawFinding
from ..html_scan import ScannedPage, markup_to_text
from ..registry import register

LOCAL_001 = register(
    "LOCAL-001",
    "error",
    "Name, address or phone differs between pages, or from the structured data",
    explanation="Search engines match a business by its name, address and phone (NAP); "
    "differences between pages, or between a page and its JSON-LD, weaken local results.",
    source="Google Business Profile guidelines for representing your business; Google Search "
    "Central: LocalBusiness structured data (markup must match the visible page)",
    fix="Show offices only through the shared footer and office pages, or keep your template's "
    "NAP identical to practice.yaml.",
    family="Local",
)
LOCAL_002 = register(
    "LOCAL-002",
    "error",
    "A city named with the wrong county",
    explanation="Mount Shasta is in Siskiyou County, not Shasta County; a wrong county confuses "
    "readers and search engines about where the office is.",
    source="U.S. Census Bureau place-to-county relationship files; California State Association "
    "of Counties",
    fix="Name the county the city is in.",
    family="Local",
)
LOCAL_003 = register(
    "LOCAL-003",
    "warning",
    "An office lacks address, phone, hours or map position",
    explanation="Google needs a full postal address for a local business result and recommends "
    "a phone number, opening hours and geo coordinates.",
    source="Google Search Central: LocalBusiness structured data (required and recommended "
    "properties)",
    fix="Add street, postal_code, telephone, opening_hours and geo to the office in practice.yaml.",
    family="Local",
)
LOCAL_004 = register(
    "LOCAL-004",
    "error",
    "The base URL is still a placeholder",
    explanation="Canonical URLs, sitemaps and structured data all point at the base URL; a "
    "reserved example domain is never indexed.",
    source="RFC 2606 and RFC 6761 (reserved domain names)",
    fix="Set `practice.url` (or `--base-url`) to the site's real address.",
    family="Local",
)

RESERVED_SUFFIXES = (".example", ".test", ".invalid", ".localhost")
RESERVED_DOMAINS = ("example.com", "example.net", "example.org", "localhost")
_NAME = r"[A-Z][a-z]+(?:\s+[A-Z][a-z]+)?"
_PLACE = rf"(?:Mt\.?|Mount)\s+Shasta|{_NAME}"
# "Mount Shasta, Shasta County" or "Redding (Tehama County)", read back from the word "County".
_PLACE_BEFORE = re.compile(rf"\b({_PLACE})(?:,\s+|\s+\()({_NAME})\s+$")
_COUNTY = re.compile(r"county\b")
_OFFICE_NAME = re.compile(r"<a\b[^>]*>(.*?)</a>", re.S)
_NAP_FIELDS = (
    ("street", ("address", "streetAddress")),
    ("city", ("address", "addressLocality")),
    ("postal code", ("address", "postalCode")),
    ("phone", ("telephone",)),
)


def is_placeholder_host(host: str) -> bool:
    """Whether ``host`` is a reserved name that is never a real site (RFC 2606, RFC 6761)."""
    host = host.lower().rstrip(".")
    return host.endswith(RESERVED_SUFFIXES) or any(
        host == domain or host.endswith("." + domain) for domain in RESERVED_DOMAINS
    )


@cache
def _business_type(name: str) -> bool:
    return load_vocabulary().is_subtype(name, "LocalBusiness")


def is_business(node: dict[str, Any]) -> bool:
    """Whether a JSON-LD node is a LocalBusiness (or a subtype, such as DaySpa)."""
    types = node.get("@type")
    names = [types] if isinstance(types, str) else types if isinstance(types, list) else []
    return any(isinstance(name, str) and _business_type(name) for name in names)


def _digits(text: str) -> str:
    digits = re.sub(r"\D", "", text)
    return digits[1:] if len(digits) == 11 and digits.startswith("1") else digits


def _commonest(texts: dict[str, list[str]]) -> str:
    """The text most pages share ("" when there are none)."""
    return max(texts, key=lambda text: len(texts[text]), default="")


def _value(node: dict[str, Any], keys: tuple[str, ...]) -> str | None:
    value: Any = node
    for key in keys:
        value = value.get(key) if isinstance(value, dict) else None
    return value if isinstance(value, str) and value else None


def county_findings(unit: TextUnit) -> Iterator[RawFinding]:
    """LOCAL-002 for "Mount Shasta, Shasta County" and "Redding (Tehama County)" in a text."""
    if "county" not in unit.words:
        return
    text = unit.text
    for match in _COUNTY.finditer(unit.lower):
        place = _PLACE_BEFORE.search(text, max(0, match.start() - 60), match.start())
        if place is None:
            continue
        expected = county_of(place.group(1))
        named = normalise_county(place.group(2))
        if expected and named != expected:
            line = unit.line_at(place.start(), match.end())
            message = f"{place.group(1)} is in {expected} County, not {named} County; readers and search engines may place the office wrongly"
            yield RawFinding(LOCAL_002, unit.path, line, message)


_NAP = (("name", ("name",)), *_NAP_FIELDS)

_Nap = tuple[str | None, ...]
"""A node's name, street, city, postal code and phone (in :data:`_NAP` order)."""


class _Shown(NamedTuple):
    """The NAP text one page shows: its footer, and each office's NAP block."""

    path: str
    footer: str
    blocks: tuple[tuple[str, str], ...]
    """(office name, block text) of each NAP block."""


class _Node(NamedTuple):
    """A structured-data node with an ``@id`` on one page, as far as NAP goes."""

    path: str
    node_id: str
    business: bool
    nap: _Nap


class LocalCheck(Check):
    """NAP consistency across pages and JSON-LD, counties, offices, base URL."""

    page_anywhere = True

    def __init__(self, ctx: CheckContext) -> None:
        super().__init__(ctx)
        self.footers: dict[str, list[str]] = defaultdict(list)
        self.footer_text: dict[str, str] = {}
        self.blocks: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
        self.block_text: dict[str, tuple[str, str]] = {}
        self.offices: dict[str, _Nap] = {}
        """Business node id → its NAP, as the first page that has it gives it."""
        self.office_pages: dict[str, str] = {}
        self.seen: dict[int, list[dict[str, Any]]] = {}

    def article(self, article: Article) -> Iterator[RawFinding]:
        *fields, _body = self.ctx.article_units(article)
        for unit in fields:
            yield from county_findings(unit)
        yield from body_findings(self.ctx, article, "counties", [], county_findings)

    def page(self, page: PagePlan, html: ScannedPage | None) -> Iterable[_Shown | _Node]:
        if html is None or page.kind == "not_found":
            return
        footer = html.footer
        if footer not in self.footer_text:  # a cache: every page has one of a few footers
            self.footer_text[footer] = markup_to_text(footer)
        blocks = []
        for markup in html.elements_with_class("nap"):
            if markup not in self.block_text:
                name = _OFFICE_NAME.search(markup)
                office = markup_to_text(name.group(1)) if name else ""
                self.block_text[markup] = (office, markup_to_text(markup))
            blocks.append(self.block_text[markup])
        yield _Shown(page.path, self.footer_text[footer], tuple(blocks))
        for node in html.unseen_nodes(self.seen):
            node_id = node.get("@id")
            if isinstance(node_id, str):
                nap = tuple(_value(node, keys) for _label, keys in _NAP)
                yield _Node(page.path, node_id, is_business(node), nap)

    def absorb(self, fact: object) -> Iterator[RawFinding]:
        if isinstance(fact, _Shown):
            self.footers[fact.footer].append(fact.path)
            for office, text in fact.blocks:
                self.blocks[office][text].append(fact.path)
        elif isinstance(fact, _Node):
            first = self.offices.get(fact.node_id)
            if first is not None:
                yield from self._node_differs(fact, first)
            elif fact.business:
                self.offices[fact.node_id] = fact.nap
                self.office_pages[fact.node_id] = fact.path
        else:
            super().absorb(fact)

    def _node_differs(self, node: _Node, first: _Nap) -> Iterator[RawFinding]:
        where = self.office_pages[node.node_id]
        for (label, _keys), theirs, ours in zip(_NAP, first, node.nap, strict=True):
            if theirs != ours:
                message = f"the structured data of {node.path} gives {node.node_id} the {label} “{ours}”, but {where} gives “{theirs}”; search engines may see two businesses"
                yield RawFinding(LOCAL_001, node.path, None, message)

    def finish(self) -> Iterator[RawFinding]:
        if not self.blocks:  # templates without NAP blocks: compare whole footers instead
            yield from self._consistency(self.footers, "footer")
        for office, texts in self.blocks.items():
            yield from self._consistency(texts, f"NAP of {office}")
        yield from self._against_jsonld()
        for unit in self.ctx.practice_units:
            yield from county_findings(unit)
        yield from self._offices()
        yield from self._base_url()

    def _consistency(self, texts: dict[str, list[str]], what: str) -> Iterator[RawFinding]:
        if len(texts) < 2:
            return
        common = max(texts.values(), key=len)
        for paths in texts.values():
            if paths is not common:
                for path in paths:
                    message = f"the {what} on {path} differs from the one on {common[0]} and {len(common) - 1} other pages; search engines may see two businesses"
                    yield RawFinding(LOCAL_001, path, None, message)

    def _against_jsonld(self) -> Iterator[RawFinding]:
        """Each office node's NAP must appear in the NAP text of that office (else the footer)."""
        blocks = {office: _commonest(texts) for office, texts in self.blocks.items()}
        footer = _commonest(self.footers)
        for node_id, nap in self.offices.items():
            name = nap[0] or ""
            ours = [text for office, text in blocks.items() if office and name.endswith(office)]
            text = ours[0] if ours else footer
            for (label, _keys), value in zip(_NAP_FIELDS, nap[1:], strict=True):
                if value is None:
                    continue
                shown = _digits(value) in _digits(text) if label == "phone" else value in text
                if not shown:
                    message = f"the structured data gives {name or node_id} the {label} “{value}”, which the pages' NAP text does not show; Google may distrust the markup"
                    yield RawFinding(LOCAL_001, self.office_pages[node_id], None, message)

    def _offices(self) -> Iterator[RawFinding]:
        ctx = self.ctx
        for index, location in enumerate(ctx.site.locations):
            missing = [
                label
                for label, value in (
                    ("street", location.address.street),
                    ("postal_code", location.address.postal_code),
                    ("telephone", location.telephone or ctx.site.practice.telephone),
                    ("opening_hours", location.opening_hours),
                    ("geo", location.geo),
                )
                if not value
            ]
            if missing:
                line = ctx.practice_line("locations", index)
                message = f"the {location.name} has no {', '.join(missing)}; Google may not show it as a local business result"
                yield RawFinding(LOCAL_003, PRACTICE_FILE, line, message)

    def _base_url(self) -> Iterator[RawFinding]:
        ctx = self.ctx
        host = urlsplit(ctx.urls.base).hostname or ""
        if is_placeholder_host(host):
            from_file = normalise_base_url(ctx.site.practice.url) == ctx.urls.base
            path, line = PRACTICE_FILE, ctx.practice_line("practice", "url")
            if not from_file:
                path, line = "/", None
            message = f"the base URL's host {host} is a reserved placeholder (RFC 2606/6761); search engines may never index the site"
            yield RawFinding(LOCAL_004, path, line, message)


CHECKS = (LocalCheck,)
