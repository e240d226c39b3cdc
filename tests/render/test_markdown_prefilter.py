"""The cheap check that lets safe Markdown skip the safety pass never skips anything unsafe."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from nmt_content.render.markdown import _may_be_unsafe, _unsafe_spans, render_markdown

# Pieces that build link destinations the renderer may read as an unsafe scheme.
PIECES = st.sampled_from(
    [
        "java",
        "script",
        "vb",
        "da",
        "ta",
        "fi",
        "le",
        "JaVa",
        "SCRIPT",
        ":",
        "\\:",
        "\t",
        " ",
        "\x01",
        "\n",
        "&#106;",
        "&colon;",
        "[",
        "]",
        "(",
        ")",
        "!",
        "x",
        "https://a.example/",
        "<",
        ">",
        "`",
    ]
)


@given(st.lists(PIECES, max_size=24).map("".join))
def test_skipped_text_has_nothing_to_neutralise(text: str) -> None:
    if not _may_be_unsafe(text):
        assert _unsafe_spans(text.encode("utf-8"))[0] == []


@given(st.text())
def test_skipped_arbitrary_text_has_nothing_to_neutralise(text: str) -> None:
    if not _may_be_unsafe(text):
        assert _unsafe_spans(text.encode("utf-8"))[0] == []


@pytest.mark.parametrize(
    "text",
    [
        "[a](javascript:alert(1))",
        "[a](JaVaScRiPt:alert(1))",
        "[a](java\tscript:x)",
        "[a](javascript\\:x)",
        "[a](&#106;avascript:x)",
        "![a](data:image/png;base64,AAAA)",
        "[a](file:///etc/passwd)",
        "[r]: vbscript:x\n\n[a][r]",
        "<b>x</b>",
    ],
)
def test_unsafe_text_is_scanned(text: str) -> None:
    assert _may_be_unsafe(text)
    assert "javascript:" not in render_markdown(text).lower()


@pytest.mark.parametrize(
    "text",
    [
        "See [the study](https://example.com/a?b=1) and [us](/about/).",
        "Note: prose with a colon. Time 9:30.",
        "Visit https://example.com or mailto:someone@example.com",
    ],
)
def test_ordinary_links_and_colons_skip_the_pass(text: str) -> None:
    assert not _may_be_unsafe(text)
