"""Images in rendered Markdown are sized and lone ones made figures in one pass; the result is
the one the two regular-expression substitutions it replaced gave (kept here as the reference),
on Markdown that mixes lone images, images inside text, several images in one paragraph,
titles, sizes known and unknown, and text that merely looks like an image."""

from __future__ import annotations

import html
import itertools
import re

from bs4 import BeautifulSoup

from nmt_content.render.markdown import _images, render_markdown

_IMAGE = re.compile(r'<img src="([^"]*)" alt="([^"]*)"(?: title="([^"]*)")? />')
_LONE_IMAGE = re.compile(r'<p>(<img src="[^"]*" alt="[^"]*"(?: title="[^"]*")? />)</p>')


def reference(rendered: str, image_size: object) -> str:
    """The previous implementation: figures first, then every remaining image sized."""
    size_of = image_size if callable(image_size) else None

    def sized(match: re.Match[str], *, keep_title: bool = True) -> str:
        src, alt, title = match.group(1), match.group(2), match.group(3)
        size = size_of(html.unescape(src)) if size_of is not None else None
        attributes = f' src="{src}" alt="{alt}"'
        if title is not None and keep_title:
            attributes += f' title="{title}"'
        if size is not None:
            attributes += f' width="{size[0]}" height="{size[1]}"'
        return f"<img{attributes} />"

    def figure(match: re.Match[str]) -> str:
        image = _IMAGE.fullmatch(match.group(1))
        assert image is not None
        inner = sized(image, keep_title=False)
        if image.group(3):
            inner += f"<figcaption>{image.group(3)}</figcaption>"
        return f"<figure>{inner}</figure>"

    return _IMAGE.sub(sized, _LONE_IMAGE.sub(figure, rendered))


def size(src: str) -> tuple[int, int] | None:
    return (640, 480) if src.startswith("/known") else None


PARTS = [
    '![Alt & <b>](/known/a%20b.png "Title & <i>")',
    "![Plain](/unknown.png)",
    '![T](/unknown.png "Caption")',
    "Text with ![inline](/known/i.png) inside.",
    "![one](/known/1.png) ![two](/unknown/2.png)",
    '`<img src="x" alt="y" />` in code',
    "A paragraph without images.",
    "- a list ![item](/known/l.png)",
]


def test_one_pass_gives_what_the_two_substitutions_gave() -> None:
    checked = 0
    for count in (1, 2, 3):
        for combination in itertools.permutations(PARTS, count):
            rendered = render_markdown("\n\n".join(combination))
            for image_size in (size, None):
                assert _images(rendered, image_size) == reference(rendered, image_size)
                checked += 1
    assert checked > 500


def test_a_lone_image_is_a_sized_figure_and_an_inline_one_keeps_its_title() -> None:
    source = '![Lone](/known/a.png "Cap")\n\nSee ![inline](/known/b.png "Tip") here.'
    page = BeautifulSoup(render_markdown(source, size), "html.parser")
    figure = page.find("figure")
    assert figure is not None
    lone = figure.find("img")
    assert lone is not None
    assert (lone["width"], lone["height"], lone.get("title")) == ("640", "480", None)
    caption = figure.find("figcaption")
    assert caption is not None
    assert caption.get_text() == "Cap"
    inline = page.find("p").find("img")  # type: ignore[union-attr]
    assert inline is not None
    assert (inline["title"], inline["width"]) == ("Tip", "640")
