"""Where a Markdown text's links and images point: nested targets, containers, code, references."""

from __future__ import annotations

import pytest

from nmt_content.render.markdown_links import markdown_targets, target_urls

CASES = [
    (
        "[![A *bold* room](/img.png)](/page/)\n",
        [("link", "/page/", "A bold room", 1), ("image", "/img.png", "A bold room", 1)],
    ),
    (
        "# A [heading link](/h/)\n\nText `code` [with `code` inside](/c/) and "
        "<https://auto.example/>\n",
        [
            ("link", "/h/", "heading link", 1),
            ("link", "/c/", "with code inside", 3),
            ("link", "https://auto.example/", "https://auto.example/", 3),
        ],
    ),
    (
        '> - item [one](/1/)\n>   continued ![two](/2.png "t")\n\n1. [three][r]\n\n[r]: /3/\n',
        [("link", "/1/", "one", 1), ("image", "/2.png", "two", 2), ("link", "/3/", "three", 4)],
    ),
    ("```\n[not](/a/)\n```\n\n    [indented](/b/)\n\n[yes](/y/)\n", [("link", "/y/", "yes", 7)]),
    ("[outer [inner](/in/) rest](/out/)\n", [("link", "/in/", "inner", 1)]),
    (
        "Café ñ [enlace](/ñ/)\n\nMore\nlines [x](/x/)\n",
        [("link", "/ñ/", "enlace", 1), ("link", "/x/", "x", 4)],
    ),
    (
        "| a | b |\n|---|---|\n| [t](/t/) | ![i](/i.png) |\n",
        [("link", "/t/", "t", 3), ("image", "/i.png", "i", 3)],
    ),
    ("Footnote[^1]\n\n[^1]: see [f](/f/)\n", [("link", "/f/", "f", 3)]),
    (
        "[empty]()\n\n![](/noalt.png)\n",
        [("link", "", "empty", 1), ("image", "/noalt.png", "", 3)],
    ),
    ("No link at all, just [brackets] and (parentheses).\n", []),
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_targets_in_document_order_with_text_and_line(
    text: str, expected: list[tuple[str, str, str, int]]
) -> None:
    found = [(t.kind, t.url, t.alt, t.line) for t in markdown_targets(text)]
    assert found == expected


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_target_urls_are_the_targets_without_their_lines(
    text: str, expected: list[tuple[str, str, str, int]]
) -> None:
    assert list(target_urls(text)) == [(kind, url) for kind, url, _alt, _line in expected]


def test_lines_count_on_across_many_targets() -> None:
    text = "".join(f"Para {n} with [link {n}](/p{n}/) in it.\n\n" for n in range(50))
    found = markdown_targets(text)
    assert [(t.url, t.line) for t in found] == [(f"/p{n}/", 2 * n + 1) for n in range(50)]
    assert markdown_targets(text) is found  # a pure function of the text, kept for the next rule
