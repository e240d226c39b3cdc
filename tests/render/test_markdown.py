"""Markdown renders to HTML in which nothing from content can run."""

from __future__ import annotations

from bs4 import BeautifulSoup
from hypothesis import given
from hypothesis import strategies as st

from nmt_content.render.markdown import render_markdown, render_markdown_report

HOSTILE = """\
# Heading

[click](javascript:alert(1)) and [CLICK](JaVaScRiPt:alert(2)) and [tab](java\tscript:x)
<b onclick="alert(3)">bold</b> ![pic](data:image/png;base64,AAAA) ![s](data:x,<svg onload=y>)
<javascript:alert(5)> [vb](vbscript:msgbox) [ok](https://example.com/?a=1&b=2)

<script>alert(6)</script>

<iframe src="https://evil.example"></iframe>
<!-- a comment --> -->
"""


def parse(html: str) -> BeautifulSoup:
    return BeautifulSoup(html, "html.parser")


def test_no_script_handler_or_unsafe_url_survives() -> None:
    soup = parse(render_markdown(HOSTILE))
    assert soup.find_all(["script", "iframe", "b", "svg"]) == []
    for tag in soup.find_all(True):
        assert not any(name.startswith("on") for name in tag.attrs)
    hrefs = [a["href"] for a in soup.find_all("a")]
    assert hrefs == ["https://example.com/?a=1&b=2"]
    assert soup.find_all("img") == []


def test_neutralised_text_stays_visible() -> None:
    text = parse(render_markdown(HOSTILE)).get_text()
    assert "click" in text
    assert "<script>alert(6)</script>" in text
    assert "pic" in text


def test_report_lists_what_was_neutralised_with_lines() -> None:
    report = render_markdown_report(HOSTILE)
    kinds = [(n.kind, n.line) for n in report.neutralised]
    assert ("unsafe-link", 3) in kinds
    assert ("raw-html", 4) in kinds
    assert ("unsafe-image", 4) in kinds
    assert ("raw-html", 7) in kinds


def test_plain_markdown_is_unchanged() -> None:
    report = render_markdown_report("## Title\n\nSome *text* and [a link](/about/).\n")
    assert report.neutralised == ()
    soup = parse(report.html)
    assert soup.h2 is not None
    assert soup.h2.get_text() == "Title"
    assert soup.a is not None
    assert soup.a["href"] == "/about/"


@given(st.text())
def test_arbitrary_text_never_yields_live_markup(text: str) -> None:
    soup = parse(render_markdown(text))
    assert soup.find_all(["script", "iframe", "object", "embed", "style"]) == []
    for tag in soup.find_all(True):
        assert not any(name.lower().startswith("on") for name in tag.attrs)
        for attr in ("href", "src"):
            value = str(tag.get(attr, "")).replace("\t", "").replace("\n", "").strip().lower()
            assert not value.startswith(("javascript:", "vbscript:", "data:"))


def test_each_table_is_in_a_focusable_scroll_box() -> None:
    soup = parse(render_markdown("| a | b |\n| - | - |\n| 1 | 2 |\n\n`<table>` and <table>\n"))
    boxes = soup.select("div.table-scroll")
    assert len(boxes) == 1
    assert boxes[0].attrs == {
        "class": ["table-scroll"],
        "role": "region",
        "aria-label": "Table",
        "tabindex": "0",
    }
    assert [child.name for child in boxes[0].find_all(recursive=False)] == ["table"]
    assert len(soup.find_all("table")) == 1  # raw <table> in the text stays text
