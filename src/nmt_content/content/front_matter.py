"""Split an article into its YAML front matter and its Markdown body."""

from __future__ import annotations

from dataclasses import dataclass, field

__all__ = ["FrontMatterError", "SplitArticle", "body_of", "split_front_matter"]

_NOT_A_KEY = ("", " ", "\t", "#", "-")
_FENCES = ("\n---", "\n...")
"""A closing fence, with the newline before it."""
_EXAMPLE = "(`title: …`, `description: …`, `date_published: 2026-01-31`, each on a line)"
"""The fields an article needs, in one line: a message is printed as one line."""


class FrontMatterError(ValueError):
    """The article has no usable front matter block."""

    def __init__(self, message: str, line: int) -> None:
        super().__init__(message)
        self.message = message
        self.line = line


@dataclass(frozen=True, slots=True)
class SplitArticle:
    """The two parts of an article and where each starts in the file (1-based lines)."""

    front_matter: str
    front_matter_line: int
    body: str
    body_line: int
    key_lines: dict[str, int] = field(default_factory=dict)
    """The line of each top-level key of the front matter (a line that starts with ``key:``)."""


def split_front_matter(text: str) -> SplitArticle:
    """Split ``text`` (newlines already normalised to LF) at its ``---`` fences.

    The opening fence must be the first line; the closing fence is the next line that is exactly
    ``---`` or ``...``.
    """
    first_end, fence = _fences(text)
    # Only the front matter is split into lines: the body is sliced off whole.
    front_matter = text[first_end + 1 : fence + 1]
    lines = front_matter.split("\n")
    lines.pop()  # after the newline that ends the last line: the fence starts there
    keys: dict[str, int] = {}
    for number, line in enumerate(lines, 2):
        if line[:1] not in _NOT_A_KEY:
            key, colon, _value = line.partition(":")
            if colon and key not in keys:
                keys[key] = number
    return SplitArticle(
        front_matter=front_matter or "\n",
        front_matter_line=2,
        body=_body_after(text, fence),
        body_line=len(lines) + 3,
        key_lines=keys,
    )


def body_of(text: str) -> str:
    """The body :func:`split_front_matter` gives (raising as it does), without reading the
    front matter's lines: a build reads each article's body again when it renders the page."""
    return _body_after(text, _fences(text)[1])


def _body_after(text: str, fence: int) -> str:
    end = text.find("\n", fence + 4)
    return "" if end < 0 else text[end + 1 :]


def _fences(text: str) -> tuple[int, int]:
    """Where the opening fence's line ends and the closing fence's starts (less one), or
    :class:`FrontMatterError` when either is missing."""
    if not text or text.isspace():  # not `strip()`: that copies the whole article
        raise FrontMatterError(
            "the file is empty; an article starts with front matter: a line `---`, its fields "
            f"{_EXAMPLE}, then `---`",
            1,
        )
    first_end = text.find("\n")
    if (text if first_end < 0 else text[:first_end]).rstrip() != "---":
        raise FrontMatterError(
            f"no front matter: the first line must be `---`, then the article's fields {_EXAMPLE}, "
            "then `---`",
            1,
        )
    fence = _closing_fence(text, first_end) if first_end >= 0 else -1
    if fence < 0:
        raise FrontMatterError(
            "the front matter that opens on line 1 is never closed: add a line with only `---` "
            "after the last field",
            1,
        )
    return first_end, fence


def _closing_fence(text: str, start: int) -> int:
    """Where the closing fence's line starts, less one (the newline before it): the first line
    after the newline at ``start`` that is ``---`` or ``...`` once trailing whitespace is
    stripped; -1 when there is none. Found with ``str.find`` (a scan in C), not line by line."""
    best = -1
    for mark in _FENCES:
        found = text.find(mark, start) if best < 0 else text.find(mark, start, best)
        while found >= 0:
            end = text.find("\n", found + 4)
            rest = text[found + 4 :] if end < 0 else text[found + 4 : end]
            if not rest or rest.isspace():
                best = found
                break
            found = text.find(mark, found + 1) if best < 0 else text.find(mark, found + 1, best)
    return best
