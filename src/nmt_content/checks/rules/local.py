"""Local-search rules: consistent name, address and phone; complete offices; a real base URL."""

from __future__ import annotations

from collections.abc import Iterator
from urllib.parse import urlsplit

from ..context import CheckContext
from ..findings import RawFinding
from ..registry import register

LOCAL_001 = register(
    "LOCAL-001",
    "error",
    "Name, address or phone differs between pages",
    why="Search engines match a business by its name, address and phone (NAP); differences "
    "between pages weaken local rankings.",
    source="Google Business Profile guidelines; Moz Local Search Ranking Factors",
    fix="Show offices only through the shared footer, or keep your template's NAP identical.",
    family="Local",
)
LOCAL_003 = register(
    "LOCAL-003",
    "warning",
    "An office lacks address, phone, hours or map position",
    why="Google needs a full address for a local result and recommends phone, hours and geo "
    "coordinates.",
    source="Google Search Central: LocalBusiness structured data",
    fix="Add street, postal_code, telephone, opening_hours and geo to the office in practice.yaml.",
    family="Local",
)
LOCAL_004 = register(
    "LOCAL-004",
    "error",
    "The base URL is still a placeholder",
    why="Canonicals, sitemaps and structured data all point at the base URL; a reserved "
    "example domain will never be indexed.",
    source="RFC 2606 / RFC 6761 (reserved domain names)",
    fix="Set `practice.url` to the site's real address.",
    family="Local",
)

_RESERVED_SUFFIXES = (".example", ".test", ".invalid", ".localhost", ".local")
_RESERVED_HOSTS = {"example.com", "example.net", "example.org", "localhost"}


def check_nap(ctx: CheckContext) -> Iterator[RawFinding]:
    footers: dict[str, list[str]] = {}
    for page in ctx.pages:
        scanned = ctx.scanned.get(page.path)
        if scanned is not None:
            footers.setdefault(scanned.footer_text, []).append(page.path)
    if len(footers) > 1:
        common = max(footers.values(), key=len)
        for paths in footers.values():
            if paths is common:
                continue
            for path in paths:
                yield RawFinding(
                    LOCAL_001, path, None, f"the footer of {path} differs from that of {common[0]}"
                )
    for page in ctx.pages:
        scanned = ctx.scanned.get(page.path)
        if scanned is None or page.kind == "not_found":
            continue
        text = scanned.visible_text
        for location in ctx.site.locations:
            phone = location.telephone or ctx.site.practice.telephone
            for label, value in (
                ("name", location.name),
                ("city", location.address.locality),
                ("street", location.address.street),
                ("phone", phone),
            ):
                if value and value not in text:
                    yield RawFinding(
                        LOCAL_001,
                        page.path,
                        None,
                        f"{page.path} does not show the {label} of {location.name} "
                        f"(“{value}”) as the structured data does",
                    )


def check_offices(ctx: CheckContext) -> Iterator[RawFinding]:
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
            yield RawFinding(
                LOCAL_003,
                "practice.yaml",
                ctx.practice_line("locations", index),
                f"the {location.name} has no {', '.join(missing)}",
            )


def check_base_url(ctx: CheckContext) -> Iterator[RawFinding]:
    host = (urlsplit(ctx.pages[0].url).hostname or "") if ctx.pages else ""
    if host in _RESERVED_HOSTS or host.endswith(_RESERVED_SUFFIXES):
        yield RawFinding(
            LOCAL_004,
            "practice.yaml",
            ctx.practice_line("practice", "url"),
            f"the base URL's host {host} is a reserved placeholder",
        )


CHECKS = (check_nap, check_offices, check_base_url)
