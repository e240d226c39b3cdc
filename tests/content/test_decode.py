"""Decoding a content file: UTF-8 (with or without its mark) is read, every UTF-16 and UTF-32
variant is refused with its name, and line ends become LF."""

from __future__ import annotations

import pytest

from nmt_content.content.parse import decode_text
from nmt_content.errors import ContentError

TEXT = "---\ntitle: Schmerzen im Rücken\n---\n\nBody.\n"


@pytest.mark.parametrize(
    ("encoding", "named"),
    [
        ("utf-16", "UTF-16 (little-endian, with a byte-order mark)"),
        ("utf-16-le", "UTF-16 (little-endian, without a byte-order mark)"),
        ("utf-16-be", "UTF-16 (big-endian, without a byte-order mark)"),
        ("utf-32", "UTF-32 (little-endian, with a byte-order mark)"),
    ],
)
def test_wide_encodings_are_refused_with_their_name(encoding: str, named: str) -> None:
    with pytest.raises(ContentError) as caught:
        decode_text(TEXT.encode(encoding), "articles/a.md")
    (issue,) = caught.value.issues
    assert issue.message == f"the file is {named}; re-save it as UTF-8"


@pytest.mark.parametrize(
    "raw", [b"\xfe\xff\x00-", b"\x00-\x00-\x00-", b"x", b"", b"\xef\xbb\xbfab"]
)
def test_short_and_marked_texts_are_judged_as_before(raw: bytes) -> None:
    if raw.startswith((b"\xfe\xff", b"\x00-")):
        with pytest.raises(ContentError, match="UTF-16"):
            decode_text(raw, "a.md")
    else:
        assert decode_text(raw, "a.md") == raw.removeprefix(b"\xef\xbb\xbf").decode()


def test_line_ends_are_normalised_and_text_without_cr_is_unchanged() -> None:
    assert decode_text(b"a\r\nb\rc\n", "a.md") == "a\nb\nc\n"
    raw = TEXT.encode()
    assert decode_text(raw, "a.md") == TEXT
