"""The structured-data rules read each list of shared site-wide nodes once, then replay what it
gives later pages: those pages must get exactly what a fresh check of them gets."""

from __future__ import annotations

from pathlib import Path

import pytest

from nmt_content.checks import engine
from nmt_content.checks.findings import Once, RawFinding
from nmt_content.checks.html_scan import ScannedPage
from nmt_content.checks.rules.structured_data import StructuredDataCheck
from nmt_content.checks.rules.structured_data_nodes import node_shape
from nmt_content.pages.model import PagePlan
from nmt_content.pipeline.build import build_site
from nmt_content.pipeline.loading import load_site
from nmt_content.urls import Urls

from ..check_helpers import TODAY

_SHARED = (
    '{"@id":"https://s/#site","@type":"MedicalWebPage","about":{"@id":"https://s/#topic"},'
    '"publisher":{"@id":"https://s/#nobody"}},{"@id":"https://s/#org","@type":"Organization",'
    '"naem":"Typo"}'
)


def _markup(page: PagePlan, defines_topic: bool) -> str:
    own = f'{{"@id":"{page.url}#webpage","@type":"WebPage"}}'
    if defines_topic:
        own += ',{"@id":"https://s/#topic","@type":"Thing"}'
    graph = f'{{"@context":"https://schema.org","@graph":[{_SHARED},{own}]}}'
    return f'<html><head><script type="application/ld+json">{graph}</script></head><body></body></html>'


def _family(run: engine.CheckRun) -> StructuredDataCheck:
    return next(f for f in run._checks if isinstance(f, StructuredDataCheck))


def _findings(items: object) -> set[RawFinding]:
    assert isinstance(items, list)
    return {item.finding if isinstance(item, Once) else item for item in items}


def test_later_pages_get_what_a_fresh_check_gives_them(content_root: Path) -> None:
    site = load_site(content_root)
    files, report = build_site(site)

    def new_run() -> engine.CheckRun:
        urls = Urls.for_base(site.practice.url)
        return engine.CheckRun(site, report.pages, files.keys(), today=TODAY, urls=urls)

    run = new_run()
    family = _family(run)
    pages = report.pages[:4]
    assert len(pages) == 4
    # The first page teaches the reader the shared beginning, the second meets the shared list
    # first, the others replay it: one whose own node defines what a shared node refers to.
    for page, defines_topic in zip(pages, (False, False, True, False), strict=True):
        markup = _markup(page, defines_topic)
        scanned = ScannedPage(markup, url=page.url, reader=run._reader)
        got = _findings(list(family.page(page, scanned)))
        fresh = new_run()
        alone = ScannedPage(markup, url=page.url, reader=fresh._reader)
        expected = _findings(list(_family(fresh).page(page, alone)))
        once_only = {f for f in expected if f.rule == "SD-001"}  # about the shared node
        if page is pages[0]:
            assert once_only, "a fresh check reports the misspelt property"
            assert got == expected
        else:
            assert got == expected - once_only, page.path
        dangling = {f.message.split("`")[1] for f in got if f.rule == "SD-002"}
        assert dangling == (
            {"https://s/#nobody"} if defines_topic else {"https://s/#nobody", "https://s/#topic"}
        )
        assert [f.rule for f in got].count("SD-004") == 1
    assert any(block is not None for block in family.blocks.values()), "the list was replayed"


@pytest.mark.parametrize(
    "value",
    [
        "",
        "text",
        "https://schema.org/Thing",
        "schema:Thing",
        0,
        7,
        True,
        False,
        None,
        1.5,
        {"@id": "https://x.example/#a"},
        {"@id": "schema:Thing"},
        {"@id": None},
        {"@id": 5},
        {"@value": "x"},
        {},
        {"@id": "a", "@type": "T"},
        ["a", "", "schema:X", 3, {"@id": "b"}],
        [[True, None]],
    ],
)
@pytest.mark.parametrize("key", ["name", "position", "@id"])
def test_a_value_in_a_node_has_the_shape_it_has_alone(value: object, key: str) -> None:
    """Values shaped inside their node (text, references, numbers) are shaped as a call for
    them alone shapes them, with the same references and defined ids."""
    refs, defines = set[object](), set[str]()
    shape = node_shape({"@type": "Thing", key: value}, "", refs, defines)
    alone_refs, alone_defines = set[object](), set[str]()
    alone = node_shape(value, key, alone_refs, alone_defines)
    expected = (("@type", "Thing"),) if key == "@id" and isinstance(value, str) else None
    assert shape == (expected or (("@type", "Thing"), (key, alone)))
    own = {value} if key == "@id" and isinstance(value, str) else set()
    assert (refs, defines - own) == (alone_refs, alone_defines)
