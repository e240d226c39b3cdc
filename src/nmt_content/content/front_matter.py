"""Split an article into its YAML front matter and its Markdown body."""

from __future__ import annotations

from dataclasses import dataclass, field

__all__ = ["FrontMatterError", "SplitArticle", "split_front_matter"]

_NOT_A_KEY = ("", " ", "\t", "#", "-")
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
    # Line by line up to the closing fence only: the body is sliced off whole, never split.
    keys: dict[str, int] = {}
    start = position = first_end + 1
    number = 2
    while first_end >= 0:
        end = text.find("\n", position)
        line = text[position:] if end < 0 else text[position:end]
        if line.rstrip() in ("---", "..."):
            return SplitArticle(
                front_matter=text[start:position] or "\n",
                front_matter_line=2,
                body="" if end < 0 else text[end + 1 :],
                body_line=number + 1,
                key_lines=keys,
            )
        if line[:1] not in _NOT_A_KEY:
            key, colon, _value = line.partition(":")
            if colon and key not in keys:
                keys[key] = number
        if end < 0:
            break
        position = end + 1
        number += 1
    raise FrontMatterError(
        "the front matter that opens on line 1 is never closed: add a line with only `---` "
        "after the last field",
        1,
    )
