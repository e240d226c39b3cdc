"""Parse the knowledge base from text. Pure: the caller reads the files and passes their text.

Every function raises :class:`~nmt_content.errors.ContentError` carrying every problem it found, or
returns the typed result together with the :class:`YamlSource`, which can later place a field path
on a line (for cross-reference errors found once all files are parsed).
"""

from __future__ import annotations

from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from ..errors import ContentError, ContentIssue
from ..models import Article, FrontMatter, KnowledgeBase
from ..models.article import front_matter_key_lines
from ..models.text import clean_text, clean_text_and_count_words
from .front_matter import FrontMatterError, body_of, split_front_matter
from .validation import issues_from_validation_error
from .yaml_source import YamlSource, YamlSyntaxError

__all__ = ["article_body", "decode_text", "parse_article", "parse_knowledge_base"]

M = TypeVar("M", bound=BaseModel)


def decode_text(raw: bytes, path: str) -> str:
    """Decode UTF-8 and normalise newlines to LF.

    A UTF-8 byte-order mark (which Windows editors add) is accepted and dropped. UTF-16 and UTF-32,
    with or without their byte-order mark, are refused with the encoding named, since a UTF-16
    file would otherwise decode as text full of NUL characters.
    """
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    wide = _wide_encoding(raw)
    if wide is not None:
        raise ContentError(
            [ContentIssue(path, 1, 1, "", f"the file is {wide}; re-save it as UTF-8")]
        )
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        column = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        guess = "a binary file" if b"\x00" in raw[:8192] else "Latin-1 or Windows-1252 text"
        raise ContentError(
            [
                ContentIssue(
                    path,
                    line,
                    column,
                    "",
                    f"the file is not UTF-8: byte 0x{raw[exc.start]:02x} at offset {exc.start} "
                    f"cannot be decoded (it looks like {guess}); re-save it as UTF-8",
                )
            ]
        ) from None
    if "\r" not in text:  # the common case: no copy, no two passes that find nothing
        return text
    return text.replace("\r\n", "\n").replace("\r", "\n")


_WIDE_BOMS = (
    (b"\xff\xfe\x00\x00", "UTF-32 (little-endian, with a byte-order mark)"),
    (b"\x00\x00\xfe\xff", "UTF-32 (big-endian, with a byte-order mark)"),
    (b"\xff\xfe", "UTF-16 (little-endian, with a byte-order mark)"),
    (b"\xfe\xff", "UTF-16 (big-endian, with a byte-order mark)"),
)


_WIDE_FIRST_BYTES = frozenset({0x00, 0xFE, 0xFF})


def _wide_encoding(raw: bytes) -> str | None:
    """The UTF-16 or UTF-32 variant ``raw`` is in, from its byte-order mark or its NUL pattern."""
    # The common case at once: every mark starts with one of those bytes, and text in UTF-16
    # without one has a NUL first or second.
    if len(raw) > 1 and raw[0] not in _WIDE_FIRST_BYTES and raw[1]:
        return None
    for bom, name in _WIDE_BOMS:
        if raw.startswith(bom):
            return name
    head = raw[:64]
    if len(head) >= 4 and head[0] and not any(head[1::2]):  # "p\0r\0..." is ASCII as UTF-16
        return "UTF-16 (little-endian, without a byte-order mark)"
    if len(head) >= 4 and head[1] and not any(head[0::2]):
        return "UTF-16 (big-endian, without a byte-order mark)"
    return None


def parse_knowledge_base(
    text: str, path: str = "practice.yaml"
) -> tuple[KnowledgeBase, YamlSource]:
    """Parse `practice.yaml` text into a :class:`KnowledgeBase`."""
    if not text.strip():
        raise ContentError(
            [
                ContentIssue(
                    path,
                    1,
                    None,
                    "",
                    "the file is empty; it needs `practice`, `locations`, "
                    "`therapists` and `services`",
                )
            ]
        )
    source = _parse_yaml(text, path, line_offset=0)
    return _validate(KnowledgeBase, source, path), source


def parse_article(text: str, path: str, *, keep_body: bool = True) -> tuple[Article, YamlSource]:
    """Parse one article's text (front matter and Markdown body) into an :class:`Article`;
    without ``keep_body``, with an empty ``body`` (its words still counted)."""
    try:
        parts = split_front_matter(text)
    except FrontMatterError as exc:
        raise ContentError([ContentIssue(path, exc.line, None, "", exc.message)]) from None
    source = _parse_yaml(parts.front_matter, path, line_offset=parts.front_matter_line - 1)
    if source.data is None:
        raise ContentError(
            [
                ContentIssue(
                    path,
                    1,
                    None,
                    "",
                    "the front matter is empty; it needs at least "
                    "`title`, `description` and `date_published`",
                )
            ]
        )
    meta = _validate(FrontMatter, source, path)
    # The front matter's text is cleaned by the model.
    body, words = clean_text_and_count_words(parts.body)
    article = Article(
        meta=meta,
        body=body if keep_body else "",
        source=path,
        body_line=parts.body_line,
        word_count=words,
        key_lines=front_matter_key_lines(parts.key_lines),
        front_matter_hash="#" in parts.front_matter,
    )
    return article, source


def article_body(text: str, path: str) -> str:
    """Only the Markdown body of an article's text, exactly as :func:`parse_article` gives it
    (for builds that load the front matter of every article but read each body when rendering)."""
    try:
        body = body_of(text)
    except FrontMatterError as exc:
        raise ContentError([ContentIssue(path, exc.line, None, "", exc.message)]) from None
    return clean_text(body)


def _parse_yaml(text: str, path: str, line_offset: int) -> YamlSource:
    try:
        source = YamlSource.parse(text, line_offset=line_offset)
    except YamlSyntaxError as exc:
        raise ContentError(
            [ContentIssue(path, exc.line, exc.column, exc.field, exc.message)]
        ) from None
    if source.data is not None and not isinstance(source.data, dict):
        kind = type(source.data).__name__
        raise ContentError(
            [
                ContentIssue(
                    path,
                    line_offset + 1,
                    None,
                    "",
                    f"expected `key: value` lines at the top level, found a {kind}",
                )
            ]
        )
    return source


def _validate(model: type[M], source: YamlSource, path: str) -> M:
    data: Any = source.data
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        raise ContentError(issues_from_validation_error(exc, model, source, path)) from None
