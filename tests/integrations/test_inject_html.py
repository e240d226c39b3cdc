"""Injecting head tags into someone else's HTML: replace, never duplicate; change nothing else."""

from __future__ import annotations

from bs4 import BeautifulSoup
from hypothesis import given
from hypothesis import strategies as st

from nmt_content.integrations.inject_html import inject_head

DOC = """<!DOCTYPE html>
<html lang="en">
  <head>
    <meta charset="utf-8">
    <title>Old title</title>
    <meta name="description" content="old">
    <meta name="robots" content="noindex">
    <link rel="canonical" href="https://old.example/x">
    <link rel="stylesheet" href="/s.css">
    <!-- keep me -->
    <meta property="og:title" content="x">
    <meta name="twitter:card" content="summary">
    <script type="application/ld+json">{"@type": "Thing", "name": "theirs"}</script>
    <script>var a = "<title>";</script>
    <style>p { color: red }</style>
  </head>
  <body><svg><title>icon</title></svg><p>Body   text</p>
  <!-- body comment --></body>
</html>
"""

TAGS = (
    "<title>New &amp; improved</title>\n"
    '<meta name="description" content="new">\n'
    '<meta name="robots" content="index, follow">\n'
    '<link rel="canonical" href="https://ours.example/x/">\n'
    '<meta property="og:title" content="New">\n'
    '<meta name="twitter:card" content="summary">\n'
    '<script type="application/ld+json">{"@graph":[]}</script>'
)


def parse(html: str) -> BeautifulSoup:
    return BeautifulSoup(html, "html.parser")


def test_managed_tags_are_replaced_not_duplicated() -> None:
    head = parse(inject_head(DOC, TAGS)).head
    assert head is not None
    titles = head.find_all("title")
    assert [t.get_text() for t in titles] == ["New & improved"]
    assert [m["content"] for m in head.find_all("meta", attrs={"name": "description"})] == ["new"]
    assert [m["content"] for m in head.find_all("meta", attrs={"name": "robots"})] == [
        "index, follow"
    ]
    assert [x["href"] for x in head.find_all("link", rel="canonical")] == [
        "https://ours.example/x/"
    ]
    assert len(head.find_all("meta", property="og:title")) == 1
    assert len(head.find_all("meta", attrs={"name": "twitter:card"})) == 1


def test_everything_else_is_kept() -> None:
    result = parse(inject_head(DOC, TAGS))
    original = parse(DOC)
    assert str(result.body) == str(original.body)
    head = result.head
    assert head is not None
    scripts = [s.string for s in head.find_all("script")]
    assert '{"@type": "Thing", "name": "theirs"}' in scripts
    assert 'var a = "<title>";' in scripts
    assert head.find("style") is not None
    assert head.find("link", rel="stylesheet") is not None


def test_nothing_outside_head_changes_byte_for_byte() -> None:
    result = inject_head(DOC, TAGS)
    assert result[result.index("</head>") :] == DOC[DOC.index("</head>") :]
    assert result[: result.index("<head>")] == DOC[: DOC.index("<head>")]


def test_idempotent() -> None:
    once = inject_head(DOC, TAGS)
    assert inject_head(once, TAGS) == once


def test_changed_tags_replace_the_previous_injection() -> None:
    once = inject_head(DOC, TAGS)
    twice = inject_head(once, TAGS.replace("New &amp; improved", "Newer"))
    head = parse(twice).head
    assert head is not None
    assert [t.get_text() for t in head.find_all("title")] == ["Newer"]


def test_document_without_head_gets_one() -> None:
    result = inject_head("<html><body><p>x</p></body></html>", TAGS)
    soup = parse(result)
    assert soup.head is not None
    assert soup.head.title is not None
    assert str(soup.body) == "<body><p>x</p></body>"


@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=200))
def test_idempotent_for_any_body(body: str) -> None:
    doc = f"<html><head><title>t</title></head><body>{body}</body></html>"
    once = inject_head(doc, TAGS)
    assert inject_head(once, TAGS) == once
