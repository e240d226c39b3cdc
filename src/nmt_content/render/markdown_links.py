"""Where a Markdown text's images and links point, as the renderer parses it, without rendering
it: for the rules that check the targets (an image missing from `static/`).

One pass over the parser's events as they come, linear in the text: a target's text is gathered
from the events inside it while they pass, and lines are counted on from the previous target.
The parser's events cost about as much as rendering the page (a Python object per event), and
`check` asks for the same article's targets from two rules (missing files, broken links), so the
last few texts' targets are kept: a pure function of the text, returned as an immutable tuple.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

from .markdown_parser import PARSER

__all__ = ["MarkdownTarget", "markdown_targets", "target_urls"]


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


@dataclass(slots=True)
class _Open:
    """A target whose events are still passing: its text so far, and how deep inside it we are."""

    index: int
    kind: str
    url: str
    line: int
    depth: int = 1
    parts: list[str] = field(default_factory=list)


_TAGS = (("Image", "image"), ("Link", "link"))


def markdown_targets(text: str) -> tuple[MarkdownTarget, ...]:
    """Every image and link of the Markdown, as the renderer parses it, in document order."""
    if "](" not in text and "]:" not in text and "][" not in text:
        return ()
    return _targets(text)


def target_urls(text: str) -> tuple[tuple[str, str], ...]:
    """(kind, url) of every image and link of the Markdown, in the order and with the values of
    :func:`markdown_targets`, from the parser's events without their ranges (about half the
    cost): enough to decide whether a target needs a finding, and then its line."""
    if "](" not in text and "]:" not in text and "][" not in text:
        return ()
    found: list[tuple[str, str]] = []
    for event in PARSER.events(text):
        if type(event) is dict:
            opening = event.get("Start")
            if type(opening) is dict and ("Image" in opening or "Link" in opening):
                for tag, kind in _TAGS:
                    destination = opening.get(tag)
                    if isinstance(destination, dict):
                        found.append((kind, str(destination["dest_url"])))
    return tuple(found)


@lru_cache(maxsize=4)
def _targets(text: str) -> tuple[MarkdownTarget, ...]:
    source = text.encode("utf-8")
    found: dict[int, MarkdownTarget] = {}
    open_targets: list[_Open] = []
    line, counted = 1, 0
    for event, span in PARSER.events_with_range(text):
        if not open_targets:
            # Outside every target only a target's start matters: most events are passed over
            # with one type test and one look-up.
            if type(event) is not dict:
                continue
            opening = event.get("Start")
            if type(opening) is not dict or not ("Image" in opening or "Link" in opening):
                continue
            start = span["start"]
            line += source.count(b"\n", counted, start)
            counted = start
            _open(opening, len(found), line, open_targets)
            continue
        if type(event) is not dict:
            continue
        opening = event.get("Start")
        if opening is not None:
            for target in open_targets:
                target.depth += 1
            if type(opening) is dict and ("Image" in opening or "Link" in opening):
                start = span["start"]
                line += source.count(b"\n", counted, start)
                counted = start
                _open(opening, len(found) + len(open_targets), line, open_targets)
        elif "End" in event:
            _close(open_targets, found)
        elif "Text" in event or "Code" in event:
            piece = str(event.get("Text", event.get("Code", "")))
            for target in open_targets:
                target.parts.append(piece)
    return tuple(found[index] for index in sorted(found))


def _open(opening: dict[str, object], index: int, line: int, open_targets: list[_Open]) -> None:
    """A target starts: an image or a link, the ``index``-th of the text."""
    for tag, kind in _TAGS:
        destination = opening.get(tag)
        if isinstance(destination, dict):
            open_targets.append(_Open(index, kind, str(destination["dest_url"]), line))


def _close(open_targets: list[_Open], found: dict[int, MarkdownTarget]) -> None:
    """One element ended: every open target is a level shallower, and those at zero are done."""
    still = []
    for target in open_targets:
        target.depth -= 1
        if target.depth:
            still.append(target)
        else:
            alt = "".join(target.parts)
            found[target.index] = MarkdownTarget(target.kind, target.url, alt, target.line)
    open_targets[:] = still
