"""Splitting an article at its fences reads only the front matter's lines, with the same result
as splitting every line of the file (the way it was done before, kept here as the reference)."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from nmt_content.content.front_matter import (
    FrontMatterError,
    SplitArticle,
    body_of,
    split_front_matter,
)


def _reference(text: str) -> SplitArticle:
    if not text.strip():
        raise FrontMatterError("empty", 1)
    lines = text.split("\n")
    if lines[0].rstrip() != "---":
        raise FrontMatterError("no front matter", 1)
    keys: dict[str, int] = {}
    for index in range(1, len(lines)):
        line = lines[index]
        if line.rstrip() in ("---", "..."):
            return SplitArticle(
                front_matter="\n".join(lines[1:index]) + "\n",
                front_matter_line=2,
                body="\n".join(lines[index + 1 :]),
                body_line=index + 2,
                key_lines=keys,
            )
        if line[:1] not in ("", " ", "\t", "#", "-"):
            key, colon, _value = line.partition(":")
            if colon and key not in keys:
                keys[key] = index + 1
    raise FrontMatterError("never closed", 1)


_PIECES = [
    "---",
    "...",
    "\n",
    "\n",
    "a: b",
    "a:",
    "title: x",
    " ",
    "\t",
    "#",
    "-",
    "x",
    ":",
    "\u2028",
]


@given(st.lists(st.sampled_from(_PIECES), max_size=14).map("".join))
@example("---\n---")
@example("---\n---\n")
@example("---\ntitle: a\n...\nbody\n")
@example("---")
@example("---\ntitle: a")
def test_the_split_matches_splitting_every_line(text: str) -> None:
    try:
        expected = _reference(text)
    except FrontMatterError:
        with pytest.raises(FrontMatterError):
            split_front_matter(text)
        return
    assert split_front_matter(text) == expected


@given(st.lists(st.sampled_from(_PIECES), max_size=14).map("".join))
@example("---\n---")
@example("---\ntitle: a\n...\nbody\n")
@example("")
@example("---\ntitle: a")
def test_the_body_alone_is_the_splits_body_with_the_same_errors(text: str) -> None:
    def outcome(take: Callable[[str], str]) -> tuple[str, ...]:
        try:
            return ("body", take(text))
        except FrontMatterError as exc:
            return ("error", exc.message, str(exc.line))

    assert outcome(body_of) == outcome(lambda t: split_front_matter(t).body)
