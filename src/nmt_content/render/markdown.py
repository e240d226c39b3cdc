"""Markdown to safe HTML.

Markdown is rendered by pyromark (the Rust pulldown-cmark engine). CommonMark passes raw HTML
through, so before rendering, a pass over pyromark's own parse of the text, with source ranges:

- escapes every raw HTML block and inline tag, so it shows as text and never runs;
- replaces links and images whose URL uses a `javascript:`, `vbscript:`, `data:` or `file:` scheme
  with their plain text (an image with its alt text).

Using the renderer's own parse means the pass sees exactly what the renderer would have rendered.
Text without `<`, a character reference or an unsafe scheme name before a colon (allowing for the
spaces, control characters and backslashes the renderer ignores) cannot contain either, and skips
the pass. The result is checked once more;
if anything unsafe survived (which would be a bug), the whole text is shown escaped instead.

An image alone in its paragraph becomes a `<figure>`, its Markdown title (`![alt](/x.png "Title")`)
its `<figcaption>`; with ``image_size``, every image whose size is known gets `width` and `height`
(the browser then keeps its place before it loads: no layout shift).

Each table is put in a `<div class="table-scroll">` that keyboard users can focus: a table wider
than a phone scrolls sideways inside it (WCAG 2.1.1: a scrolling box must be reachable by keyboard).
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from ..models.types import UNSAFE_URL_SCHEMES, url_scheme
from ..pages.words import N_
from .markdown_parser import PARSER as _ENGINE

__all__ = [
    "ImageSize",
    "Neutralised",
    "RenderedMarkdown",
    "finish_markdown",
    "neutralised_markdown",
    "render_markdown",
    "render_markdown_report",
]

ImageSize = Callable[[str], tuple[int, int] | None]
"""The width and height of the image at a URL as written in the Markdown, when known."""

_MARKDOWN_PUNCTUATION = re.compile(r"([\\`*_{}\[\]()#+\-.!<>|~&])")


_CHARACTER_REFERENCE = re.compile(r"&(?:#|[A-Za-z][A-Za-z0-9]*;)")
_SCHEME_CHARACTERS = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789+.-")
_IGNORED = frozenset(chr(code) for code in range(0x21)) | {"\\"}
"""What may stand between the letters of a scheme in the source: the control characters and
spaces that `url_scheme` strips, and backslashes (an escaped colon is a colon to the renderer)."""
_LONGEST_SCHEME = max(len(scheme) for scheme in UNSAFE_URL_SCHEMES)
_UNSAFE_SUFFIXES = tuple(sorted(UNSAFE_URL_SCHEMES))


def _may_be_unsafe(text: str) -> bool:
    """Whether the safety pass could find anything: a `<` (raw HTML, autolinks), a character
    reference (which could spell a scheme), or a colon after the name of an unsafe scheme.

    Conservative: it reads backwards from every colon over scheme characters and ignored
    characters, and says yes when the letters end in `javascript`, `vbscript`, `data` or `file`
    (so "metadata:" says yes too) or when the walk is unusually long. Ordinary `https:` links and
    prose colons say no, and the text is rendered without the pass.
    """
    if "<" in text or ("&" in text and _CHARACTER_REFERENCE.search(text)):
        return True
    colon = text.find(":")
    while colon != -1:
        letters: list[str] = []
        position, steps = colon - 1, 0
        while position >= 0 and len(letters) <= _LONGEST_SCHEME:
            character = text[position]
            if character in _SCHEME_CHARACTERS:
                letters.append(character)
            elif character not in _IGNORED:
                break
            position -= 1
            steps += 1
            if steps > 256:
                return True
        if "".join(reversed(letters)).lower().endswith(_UNSAFE_SUFFIXES):
            return True
        colon = text.find(":", colon + 1)
    return False


@dataclass(frozen=True, slots=True)
class Neutralised:
    """Something in the Markdown that was made inert."""

    kind: str
    """``raw-html``, ``unsafe-link`` or ``unsafe-image``."""
    line: int
    """1-based line in the Markdown text."""
    text: str
    """The offending source, shortened."""


@dataclass(frozen=True, slots=True)
class RenderedMarkdown:
    """HTML from Markdown, and what was neutralised on the way."""

    html: str
    neutralised: tuple[Neutralised, ...]


def render_markdown(text: str, image_size: ImageSize | None = None) -> str:
    """Render Markdown to HTML in which no raw HTML or unsafe URL survives; images sized with
    ``image_size``, and an image alone in its paragraph as a figure."""
    return render_markdown_report(text, image_size).html


_IMAGE = re.compile(r'<img src="([^"]*)" alt="([^"]*)"(?: title="([^"]*)")? />')
_LONE_END = "</p>"


def _images(rendered: str, image_size: ImageSize | None) -> str:
    """Figures and image sizes, on pyromark's own (escaped, attribute-quoted) image markup: an
    image alone in its paragraph (``<p><img … /></p>``) becomes a figure, its title the
    caption; every image gets its width and height when ``image_size`` knows them.

    One pass from one ``<img `` to the next (found by ``str.find``), rather than regular
    expressions tried at every position of the page's HTML."""
    start = rendered.find("<img ")
    if start < 0:
        return rendered
    parts: list[str] = []
    done = 0
    while start >= 0:
        image = _IMAGE.match(rendered, start)
        if image is None:
            start = rendered.find("<img ", start + 5)
            continue
        end = image.end()
        lone = rendered.startswith("<p>", start - 3) and rendered.startswith(_LONE_END, end)
        if lone:
            parts += (rendered[done : start - 3], _figure(image, image_size))
            done = end + len(_LONE_END)
        else:
            parts += (rendered[done:start], _sized(image, image_size))
            done = end
        start = rendered.find("<img ", end)
    parts.append(rendered[done:])
    return "".join(parts)


def _sized(image: re.Match[str], image_size: ImageSize | None, *, keep_title: bool = True) -> str:
    src, alt, title = image.group(1), image.group(2), image.group(3)
    size = image_size(html.unescape(src)) if image_size is not None else None
    attributes = f' src="{src}" alt="{alt}"'
    if title is not None and keep_title:
        attributes += f' title="{title}"'
    if size is not None:
        attributes += f' width="{size[0]}" height="{size[1]}"'
    return f"<img{attributes} />"


def _figure(image: re.Match[str], image_size: ImageSize | None) -> str:
    caption = image.group(3)
    inner = _sized(image, image_size, keep_title=False)
    if caption:
        inner += f"<figcaption>{caption}</figcaption>"
    return f"<figure>{inner}</figure>"


TABLE_LABEL = N_("Table")
"""The name screen readers give a table's scrolling box, in English: the render pass passes the
page language's (``table_label``)."""


def _table_box(label: str) -> str:
    return f'<div class="table-scroll" role="region" aria-label="{label}" tabindex="0"><table>'


_TABLE_BOX = _table_box(TABLE_LABEL)


def _html(text: str) -> str:
    """pyromark's HTML, each table in a focusable box (raw `<table>` tags were escaped before)."""
    rendered = _ENGINE.html(text)
    if "<table>" not in rendered:
        return rendered
    return rendered.replace("<table>", _TABLE_BOX).replace("</table>", "</table></div>")


def render_markdown_report(
    text: str, image_size: ImageSize | None = None, *, table_label: str = TABLE_LABEL
) -> RenderedMarkdown:
    """Like :func:`render_markdown`, and also report what was neutralised; each table's box
    named ``table_label`` (the page language's word for "Table")."""
    return finish_markdown(neutralised_markdown(text), image_size, table_label=table_label)


def finish_markdown(
    rendered: RenderedMarkdown,
    image_size: ImageSize | None = None,
    *,
    table_label: str = TABLE_LABEL,
) -> RenderedMarkdown:
    """What :func:`render_markdown_report` gives, from the :func:`neutralised_markdown` of the
    same text: figures, image sizes and the tables' label, the parts that depend on the site
    and the page rather than on the text alone."""
    out = _images(rendered.html, image_size)
    if table_label != TABLE_LABEL and _TABLE_BOX in out:  # raw HTML was escaped: only ours
        out = out.replace(_TABLE_BOX, _table_box(html.escape(table_label)))
    return RenderedMarkdown(out, rendered.neutralised)


def neutralised_markdown(text: str) -> RenderedMarkdown:
    """The HTML of ``text`` with what could run made text, and what that was: the part of
    rendering that depends on the text alone (see :func:`finish_markdown`)."""
    if not _may_be_unsafe(text):
        return RenderedMarkdown(_html(text), ())
    source = text.encode("utf-8")
    edits, found = _unsafe_spans(source)
    if not edits:
        return RenderedMarkdown(_html(text), ())
    safe = _apply(source, edits).decode("utf-8")
    if _unsafe_spans(safe.encode("utf-8"))[0]:  # pragma: no cover - defensive
        return RenderedMarkdown(f"<pre>{html.escape(text)}</pre>\n", tuple(found))
    return RenderedMarkdown(_html(safe), tuple(found))


def _unsafe_spans(source: bytes) -> tuple[list[tuple[int, int, bytes]], list[Neutralised]]:
    """(start, end, replacement) byte edits, outermost first, and what they neutralise.

    One pass over the parser's events as they come (never held in a list: a 1 MiB text has a
    million of them), in time linear in the text: an unsafe link's label is gathered from the
    events inside it while they pass, and lines are counted on from the previous edit, since
    each edit starts after the previous one ends.
    """
    edits: list[tuple[int, int, bytes]] = []
    found: list[Neutralised] = []
    line, counted, covered_until = 1, 0, -1
    label: _Label | None = None
    for event, span in _ENGINE.events_with_range(source.decode("utf-8")):
        if label is not None:  # inside an unsafe link or image: its events only add to the label
            if label.take(event):
                continue
            kind, edit, label = label.kind, (label.start, label.end, label.replacement()), None
        else:
            start, end = span["start"], span["end"]
            if start < covered_until or not isinstance(event, dict):
                continue
            unsafe = _unsafe_kind(event)
            if unsafe is None:
                continue
            if unsafe != "raw-html":
                label = _Label(unsafe, start, end)
                continue
            kind = unsafe
            raw = source[start:end]
            edit = (start, end, raw.replace(b"<", b"&lt;").replace(b">", b"&gt;"))
        start, end = edit[0], edit[1]
        edits.append(edit)
        covered_until = end
        line += source.count(b"\n", counted, start)
        counted = start
        snippet = source[start : min(end, start + 400)].decode("utf-8", "replace").strip()
        found.append(Neutralised(kind, line, snippet[:80]))
    return edits, found


def _unsafe_kind(event: Any) -> str | None:
    """``raw-html``, ``unsafe-link`` or ``unsafe-image`` for an event that must be replaced."""
    if "Html" in event or "InlineHtml" in event:
        return "raw-html"
    opening = event.get("Start")
    if isinstance(opening, dict):
        for tag, kind in (("Link", "unsafe-link"), ("Image", "unsafe-image")):
            target = opening.get(tag)
            if (
                isinstance(target, dict)
                and url_scheme(str(target["dest_url"])) in UNSAFE_URL_SCHEMES
            ):
                return kind
    return None


class _Label:
    """The plain text of an unsafe link or image, gathered from the events inside it."""

    def __init__(self, kind: str, start: int, end: int) -> None:
        self.kind, self.start, self.end = kind, start, end
        self.depth, self.parts = 1, list[str]()

    def take(self, event: Any) -> bool:
        """Take the next event; False once it closes the element."""
        if isinstance(event, dict):
            if "Start" in event:
                self.depth += 1
            elif "End" in event:
                self.depth -= 1
                return self.depth > 0
            elif "Text" in event or "Code" in event:
                self.parts.append(str(event.get("Text", event.get("Code", ""))))
        return True

    def replacement(self) -> bytes:
        """The label as Markdown text, every punctuation character escaped."""
        return _MARKDOWN_PUNCTUATION.sub(r"\\\1", "".join(self.parts)).encode("utf-8")


def _apply(source: bytes, edits: list[tuple[int, int, bytes]]) -> bytes:
    out, position = [], 0
    for start, end, replacement in edits:
        out += [source[position:start], replacement]
        position = end
    out.append(source[position:])
    return b"".join(out)
