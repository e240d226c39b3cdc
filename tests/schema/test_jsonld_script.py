"""JSON-LD in a script element: no text inside it can end or alter the element.

The data is read back the way a browser would see it (bs4's HTML parser, then json), and compared
with what went in. The one check on raw text is that the script body contains no `<` at all.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from bs4 import BeautifulSoup, Tag
from hypothesis import given
from hypothesis import strategies as st

from nmt_content.pages.plan import plan_pages
from nmt_content.pipeline.loading import load_site
from nmt_content.schema.graph import build_graph
from nmt_content.schema.jsonld import (
    canonical_json,
    dumps_for_script,
    items_for_script,
    jsonld_script,
    script_element,
)
from nmt_content.urls import Urls

from ..conftest import MINIMAL_ARTICLE

PAYLOAD = "</script><script>alert(1)</script> <!-- a comment --> & &amp; \u2028\u2029 <b>"


def scripts_in(html: str) -> list[Tag]:
    return BeautifulSoup(
        f"<html><head>{html}</head><body><p>after</p></body></html>", "html.parser"
    ).find_all("script")


def script_body(html: str) -> str:
    """The text of the only script element in ``html``."""
    scripts = scripts_in(html)
    assert len(scripts) == 1, [str(s) for s in scripts]
    assert scripts[0].get("type") == "application/ld+json"
    return scripts[0].get_text()


@pytest.mark.parametrize(
    "data",
    [
        {"@context": "https://schema.org", "@type": "WebPage", "name": PAYLOAD},
        {"headline": "<!--", "description": "-->", "b": ["</SCRIPT >", {"x": "<script>"}]},
        {"</script>": "a key can carry it too", "text": "Tom & Jerry > all"},
    ],
)
def test_script_body_round_trips_and_holds_no_angle_bracket(data: dict[str, Any]) -> None:
    body = script_body(jsonld_script(data))
    assert json.loads(body) == data
    assert "<" not in body


def test_the_page_after_the_script_is_untouched() -> None:
    html = jsonld_script({"name": PAYLOAD})
    doc = BeautifulSoup(f"<head>{html}</head><body><p>after</p></body>", "html.parser")
    assert [tag.name for tag in doc.find_all(True)] == ["head", "script", "body", "p"]
    paragraph = doc.find("p")
    assert paragraph is not None
    assert paragraph.get_text() == "after"


def test_line_and_paragraph_separators_are_escaped() -> None:
    text = dumps_for_script({"name": "a\u2028b\u2029c"})
    assert json.loads(text) == {"name": "a\u2028b\u2029c"}
    assert "\u2028" not in text
    assert "\u2029" not in text


def test_output_is_deterministic_and_key_sorted() -> None:
    forward = {"b": 1, "a": {"d": 2, "c": [3, {"f": 4, "e": 5}]}}
    backward = {"a": {"c": [3, {"e": 5, "f": 4}], "d": 2}, "b": 1}
    assert dumps_for_script(forward) == dumps_for_script(backward)
    assert list(json.loads(dumps_for_script(forward))) == ["a", "b"]
    assert jsonld_script(forward) == script_element(dumps_for_script(backward))


def test_non_ascii_text_survives() -> None:
    data = {"name": "Dustin’s office — Mount Shasta, CA · 93004 ✓"}
    assert json.loads(script_body(jsonld_script(data))) == data


def test_a_hostile_article_title_stays_inside_its_graph(content_root: Path) -> None:
    title = "'</script><script>alert(1)</script> <!-- Massage -->'"
    text = MINIMAL_ARTICLE.replace("A test article about massage", title)
    (content_root / "articles" / "test-article.md").write_text(text, encoding="utf-8")
    site = load_site(content_root)
    urls = Urls.for_base(site.practice.url)
    page = next(p for p in plan_pages(site, urls) if p.kind == "article")
    result = build_graph(site, urls, page)
    for html in (jsonld_script(result.document), script_element(result.script_json())):
        body = script_body(html)
        assert "<" not in body
        document = json.loads(body)
        assert document == result.document
        article = next(n for n in document["@graph"] if n["@type"] == "Article")
        assert article["headline"] == "</script><script>alert(1)</script> <!-- Massage -->"


_JSON_TEXT = st.text(st.characters(exclude_categories=("Cs",)))
_JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers(-(2**53), 2**53) | _JSON_TEXT,
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(_JSON_TEXT, children, max_size=4)
    ),
    max_leaves=20,
)


@pytest.mark.slow
@given(st.dictionaries(_JSON_TEXT, _JSON_VALUES, max_size=6))
def test_canonical_json_is_the_standard_librarys_bytes(data: dict[str, Any]) -> None:
    """orjson writes what `json.dumps(sort_keys=True, ensure_ascii=False)` would, so swapping the
    serialiser can never change a committed output."""
    expected = json.dumps(data, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    assert canonical_json(data) == expected
    assert json.loads(dumps_for_script(data)) == data


@given(st.lists(st.dictionaries(_JSON_TEXT, _JSON_VALUES, max_size=4), max_size=5))
def test_items_for_script_is_each_item_joined(items: list[dict[str, Any]]) -> None:
    """A page's own nodes serialised in one pass are the bytes of each node serialised on its
    own and joined with commas (as the `@graph` array holds them), escaped alike."""
    assert items_for_script(items) == ",".join(dumps_for_script(item) for item in items)
    assert json.loads(f"[{items_for_script(items)}]") == items


def test_items_for_script_escapes_what_could_end_the_element() -> None:
    text = items_for_script([{"name": PAYLOAD}, {"b": "\u2029"}])
    assert not {"<", "\u2028", "\u2029"} & set(text)
    assert json.loads(f"[{text}]") == [{"name": PAYLOAD}, {"b": "\u2029"}]
