"""Put our head tags into an HTML document that another tool built, changing nothing else.

An HTML tokenizer finds the head and the tags in it (:mod:`.inject_scan`); the edit itself is
made on the original text by position, so every byte outside the tags we manage (scripts,
styles, comments, the body, the author's formatting) is kept exactly. Our tags go between two
marker comments; a later run replaces the marked block whole, which makes injection idempotent:
``inject(inject(h, t), t) == inject(h, t)``. Only markers that sit in the head count: copies of
them in the body, in a comment or in a script are text like any other.

Managed tags (replaced, never duplicated): `<title>`, meta description and robots, the canonical
link, hreflang alternates, Open Graph (`og:*`, `article:*`) and Twitter (`twitter:*`) tags, and the
block we injected before (which holds our JSON-LD). Other JSON-LD is kept; given our claims (the
types and `@id`s of our graph), the scripts that describe the same things are reported and, when
asked, removed. A page without `<head>` gets one, before whatever it has in its head's place.
"""

from __future__ import annotations

from dataclasses import dataclass

from .inject_jsonld import Claims
from .inject_scan import BLOCK_END, BLOCK_START, HeadScan, Span, scan_head

__all__ = ["BLOCK_END", "BLOCK_START", "Injection", "inject_document", "inject_head"]


@dataclass(frozen=True, slots=True)
class Injection:
    """A document with our tags in, and the foreign JSON-LD that describes what ours does."""

    html: str
    overlapping: tuple[tuple[str, ...], ...] = ()
    """For each foreign JSON-LD script that overlaps ours, the types and `@id`\\ s it shares."""
    replaced: bool = False
    """Whether those scripts were removed."""


def inject_head(html: str, tags: str) -> str:
    """Return ``html`` with the managed head tags replaced by ``tags`` (one block of HTML)."""
    return inject_document(html, tags).html


def inject_document(
    html: str, tags: str, *, claims: Claims | None = None, replace_jsonld: bool = False
) -> Injection:
    """Put ``tags`` into ``html``; with ``claims``, find (and with ``replace_jsonld`` remove) the
    foreign JSON-LD scripts that describe the same things."""
    scan = scan_head(html, jsonld=claims is not None)
    block_span, cuts = _previous_block(scan)
    cuts += [span for span in scan.managed if not span.within(block_span)]
    overlapping = []
    for script in scan.jsonld:
        shared = () if script.span.within(block_span) or claims is None else claims.shared(script)
        if shared:
            overlapping.append(shared)
            if replace_jsonld:
                cuts.append(script.span)
    if block_span is not None:
        position: int | None = block_span.start
    else:
        position = min((span.start for span in scan.managed), default=None)
    head_tag = ""
    if position is None:
        position, head_tag = _default_position(html, scan)
    # Edit only the text up to the last change, so a large page is copied once, not per step.
    split = max([position, *(_widen_to_line(html, span)[1] for span in cuts)])
    text, position = _cut(html[:split], sorted(cuts, key=lambda s: s.start), position)
    block = f"{BLOCK_START}\n{tags.strip()}\n{BLOCK_END}\n"
    result = _insert(text, position, head_tag, block) + html[split:]
    return Injection(result, tuple(overlapping), bool(overlapping) and replace_jsonld)


def _previous_block(scan: HeadScan) -> tuple[Span | None, list[Span]]:
    """Our previous block (a start marker and the next end marker in the head), and the cuts:
    that block, or any stray marker."""
    opened: Span | None = None
    for is_start, span in scan.markers:
        if is_start and opened is None:
            opened = span
        elif not is_start and opened is not None:
            block = Span(opened.start, span.end)
            strays = [s for _, s in scan.markers if not s.within(block)]
            return block, [block, *strays]
    return None, [span for _, span in scan.markers]


def _default_position(text: str, scan: HeadScan) -> tuple[int, str]:
    """Where our block goes when the page has no managed tags, and the `<head>` start tag to add
    when it has none: after the charset declaration if the head has one (it must stay in the
    first 1,024 bytes), else just inside `<head>`, else after `<html>` or the doctype."""
    if scan.charset_end is not None:
        anchor, head_tag = scan.charset_end, ""
    elif scan.head_open_end is not None:
        anchor, head_tag = scan.head_open_end, ""
    else:
        anchor, head_tag = scan.html_open_end or scan.doctype_end or 0, "<head>\n"
    newline = text.find("\n", anchor)
    if newline != -1 and text[anchor:newline].strip() == "":
        return newline + 1, head_tag
    return anchor, head_tag


def _insert(text: str, position: int, head_tag: str, block: str) -> str:
    indent = _indent_at(text, position)
    if indent is not None:
        block = "\n".join(indent + line if line else line for line in block.split("\n"))
        position -= len(indent)
    elif head_tag:
        head_tag = "\n" + head_tag
    else:
        block = "\n" + block
    return text[:position] + head_tag + block + text[position:]


def _indent_at(text: str, position: int) -> str | None:
    """The spaces before ``position`` when it starts a line (so our block matches the indent)."""
    line_start = text.rfind("\n", 0, position) + 1
    prefix = text[line_start:position]
    if prefix.strip() == "":
        return prefix
    return None


def _cut(text: str, spans: list[Span], position: int) -> tuple[str, int]:
    """Remove the spans, each with the rest of its line when it stood alone on it."""
    pieces, cursor, shift = [], 0, 0
    for span in spans:
        start, end = _widen_to_line(text, span)
        if start < cursor:
            continue
        pieces.append(text[cursor:start])
        if start < position:
            shift += min(end, position) - start
        cursor = end
    pieces.append(text[cursor:])
    return "".join(pieces), position - shift


def _widen_to_line(text: str, span: Span) -> tuple[int, int]:
    line_start = text.rfind("\n", 0, span.start) + 1
    line_end = text.find("\n", span.end)
    line_end = len(text) if line_end == -1 else line_end
    if text[line_start : span.start].strip() == "" and text[span.end : line_end].strip() == "":
        return line_start, min(line_end + 1, len(text))
    return span.start, span.end
