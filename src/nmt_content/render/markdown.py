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

import pyromark

from ..models.types import UNSAFE_URL_SCHEMES, url_scheme

__all__ = [
    "ImageSize",
    "MarkdownTarget",
    "Neutralised",
    "RenderedMarkdown",
    "markdown_targets",
    "render_markdown",
    "render_markdown_report",
]

ImageSize = Callable[[str], tuple[int, int] | None]
"""The width and height of the image at a URL as written in the Markdown, when known."""

_OPTIONS = (
    pyromark.Options.ENABLE_TABLES
    | pyromark.Options.ENABLE_STRIKETHROUGH
    | pyromark.Options.ENABLE_TASKLISTS
    | pyromark.Options.ENABLE_FOOTNOTES
)
_ENGINE = pyromark.Markdown(options=_OPTIONS)
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
_LONE_IMAGE = re.compile(r'<p>(<img src="[^"]*" alt="[^"]*"(?: title="[^"]*")? />)</p>')


def _images(rendered: str, image_size: ImageSize | None) -> str:
    """Figures and image sizes, on pyromark's own (escaped, attribute-quoted) image markup."""
    if "<img " not in rendered:
        return rendered

    def sized(match: re.Match[str], *, keep_title: bool = True) -> str:
        src, alt, title = match.group(1), match.group(2), match.group(3)
        size = image_size(html.unescape(src)) if image_size is not None else None
        attributes = f' src="{src}" alt="{alt}"'
        if title is not None and keep_title:
            attributes += f' title="{title}"'
        if size is not None:
            attributes += f' width="{size[0]}" height="{size[1]}"'
        return f"<img{attributes} />"

    def figure(match: re.Match[str]) -> str:
        image = _IMAGE.fullmatch(match.group(1))
        assert image is not None
        caption = image.group(3)
        inner = sized(image, keep_title=False)
        if caption:
            inner += f"<figcaption>{caption}</figcaption>"
        return f"<figure>{inner}</figure>"

    # Figures first: their images come out sized, which the second pattern does not match.
    return _IMAGE.sub(sized, _LONE_IMAGE.sub(figure, rendered))


_TABLE_BOX = '<div class="table-scroll" role="region" aria-label="Table" tabindex="0"><table>'


def _html(text: str) -> str:
    """pyromark's HTML, each table in a focusable box (raw `<table>` tags were escaped before)."""
    rendered = _ENGINE.html(text)
    if "<table>" not in rendered:
        return rendered
    return rendered.replace("<table>", _TABLE_BOX).replace("</table>", "</table></div>")


def render_markdown_report(text: str, image_size: ImageSize | None = None) -> RenderedMarkdown:
    """Like :func:`render_markdown`, and also report what was neutralised."""
    rendered = _neutralised_html(text)
    return RenderedMarkdown(_images(rendered.html, image_size), rendered.neutralised)


def _neutralised_html(text: str) -> RenderedMarkdown:
    """The HTML of ``text`` with what could run made text, and what that was."""
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
    """(start, end, replacement) byte edits, outermost first, and what they neutralise."""
    edits: list[tuple[int, int, bytes]] = []
    found: list[Neutralised] = []
    events: list[Any] = list(_ENGINE.events_with_range(source.decode("utf-8")))
    covered_until = -1
    for index, (event, span) in enumerate(events):
        start, end = span["start"], span["end"]
        if start < covered_until:
            continue
        kind, replacement = _classify(event, events, index, source[start:end])
        if kind is None:
            continue
        edits.append((start, end, replacement))
        covered_until = end
        line = source.count(b"\n", 0, start) + 1
        snippet = source[start:end].decode("utf-8", "replace").strip()
        found.append(Neutralised(kind, line, snippet[:80]))
    return edits, found


def _classify(
    event: Any, events: list[tuple[Any, dict[str, int]]], index: int, raw: bytes
) -> tuple[str | None, bytes]:
    if isinstance(event, dict):
        if "Html" in event or "InlineHtml" in event:
            return "raw-html", raw.replace(b"<", b"&lt;").replace(b">", b"&gt;")
        start = event.get("Start")
        if isinstance(start, dict):
            for tag, kind in (("Link", "unsafe-link"), ("Image", "unsafe-image")):
                target = start.get(tag)
                if (
                    isinstance(target, dict)
                    and url_scheme(str(target["dest_url"])) in UNSAFE_URL_SCHEMES
                ):
                    label = _inner_text(events, index)
                    return kind, _MARKDOWN_PUNCTUATION.sub(r"\\\1", label).encode("utf-8")
    return None, b""


def _inner_text(events: list[tuple[Any, dict[str, int]]], index: int) -> str:
    """The plain text inside the element that starts at ``events[index]``."""
    depth, parts = 0, []
    for event, _span in events[index:]:
        if isinstance(event, dict):
            if "Start" in event:
                depth += 1
            elif "End" in event:
                depth -= 1
                if depth == 0:
                    break
            elif "Text" in event or "Code" in event:
                parts.append(str(event.get("Text", event.get("Code", ""))))
    return "".join(parts)


def _apply(source: bytes, edits: list[tuple[int, int, bytes]]) -> bytes:
    out, position = [], 0
    for start, end, replacement in edits:
        out += [source[position:start], replacement]
        position = end
    out.append(source[position:])
    return b"".join(out)


@dataclass(frozen=True, slots=True)
class MarkdownTarget:
    """An image or a link in Markdown: what it points at, and where."""

    kind: str
    """``image`` or ``link``."""
    url: str
    """As written (reference definitions resolved)."""
    alt: str
    """An image's text alternative (a link's text)."""
    line: int
    """1-based line in the Markdown text."""


def markdown_targets(text: str) -> list[MarkdownTarget]:
    """Every image and link of the Markdown, as the renderer parses it, in order."""
    if "](" not in text and "]:" not in text and "][" not in text:
        return []
    source = text.encode("utf-8")
    events: list[Any] = list(_ENGINE.events_with_range(text))
    found = []
    for index, (event, span) in enumerate(events):
        start = event.get("Start") if isinstance(event, dict) else None
        if not isinstance(start, dict):
            continue
        for tag, kind in (("Image", "image"), ("Link", "link")):
            target = start.get(tag)
            if isinstance(target, dict):
                line = source.count(b"\n", 0, span["start"]) + 1
                alt = _inner_text(events, index)
                found.append(MarkdownTarget(kind, str(target["dest_url"]), alt, line))
    return found
