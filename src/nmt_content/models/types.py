"""Constrained value types shared by the models: URLs, image sources, slugs, ids, language tags.

Each type refuses what could later become markup or script: ``javascript:``, ``data:`` and
``vbscript:`` URLs, slugs that climb out of the output folder, control characters in one-line text.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator, Mapping
from typing import Annotated, Any, TypeVar
from urllib.parse import urlsplit

from pydantic import AfterValidator, StringConstraints, WrapSerializer
from slugify import slugify

from ..limits import MAX_SLUG_BYTES, MAX_SLUG_CHARS

__all__ = [
    "UNSAFE_URL_SCHEMES",
    "FrozenMap",
    "Identifier",
    "ImageSource",
    "LanguageTag",
    "ReadOnly",
    "Slug",
    "Text",
    "WebUrl",
    "check_slug",
    "default_slug",
    "url_scheme",
]

UNSAFE_URL_SCHEMES = frozenset({"javascript", "vbscript", "data", "file"})
"""URL schemes that can run script or read local files: refused in URL fields, rendered as
plain text in Markdown links, and reported by `check`."""
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_SPACE = re.compile(r"\s")
"""Whitespace as ``str.isspace`` knows it (the same characters), found in one C-level search."""
_URL_UNSAFE = re.compile(r'["<>`{}|^]')
_URL_ESCAPES = str.maketrans({c: f"%{ord(c):02X}" for c in '"<>`{}|^'})
_WINDOWS_DEVICES = frozenset(
    {"con", "prn", "aux", "nul", *(f"{name}{n}" for name in ("com", "lpt") for n in range(1, 10))}
)
_ZERO_WIDTH_JOINER = "\u200d"
_IDENTIFIER = re.compile(r"^[a-z0-9]+(?:[-_][a-z0-9]+)*$")
_LANGUAGE = re.compile(r"^[A-Za-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$")


def url_scheme(value: str) -> str:
    """The scheme of a URL, lower case ("" when it has none), read as a browser reads it:
    whitespace and control characters inside it are ignored ("java\tscript:")."""
    compact = re.sub(r"[\x00-\x20]", "", value)
    match = re.match(r"^([A-Za-z][A-Za-z0-9+.-]*):", compact)
    return match.group(1).lower() if match else ""


def _check_web_url(value: str) -> str:
    scheme = url_scheme(value)
    if scheme in UNSAFE_URL_SCHEMES:
        raise ValueError(f"`{scheme}:` URLs are not allowed; use an https:// address")
    if _CONTROL.search(value) or _SPACE.search(value):
        raise ValueError("a URL cannot contain spaces or control characters")
    if "\\" in value:
        raise ValueError("a URL cannot contain a backslash (browsers read it as /); use /")
    parts = urlsplit(value)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise ValueError(
            f"expected an absolute http(s) URL such as https://example.com/, got {value!r}"
        )
    return _encode_unsafe(value)


def _encode_unsafe(value: str) -> str:
    """Percent-encode the characters a URL may not hold literally (``"``, ``<``, ``>``, `````,
    ``{``, ``}``, ``|``, ``^``), as a browser does before requesting it; the URL still points to
    the same place, and is valid in an HTML attribute, JSON and XML."""
    return value.translate(_URL_ESCAPES) if _URL_UNSAFE.search(value) else value


def _check_image_source(value: str) -> str:
    if value.startswith("/") and not value.startswith("//"):
        if _CONTROL.search(value) or _SPACE.search(value) or "\\" in value:
            raise ValueError(
                "an image path cannot contain spaces, backslashes or control characters"
            )
        return _encode_unsafe(value)
    try:
        return _check_web_url(value)
    except ValueError:
        raise ValueError(
            f"expected a site path starting with / or an https:// URL, got {value!r}"
        ) from None


def default_slug(text: str) -> str:
    """The slug made from a title, name or id when none is given: lower-case ASCII words joined
    by hyphens, cut at a word boundary to fit :data:`~nmt_content.limits.MAX_SLUG_CHARS`; empty
    when ``text`` has no letters or digits to make one from."""
    return slugify(text, max_length=MAX_SLUG_CHARS, word_boundary=True)


def check_slug(value: str) -> str:
    """Accept only a lower-case URL segment: letters, digits and single hyphens; return it NFC.

    Letters, digits and combining marks of every script are allowed (`تدليك`, `मालिश`, `café`),
    and so are emoji; dots, slashes, backslashes, percent-escapes, spaces, invisible formatting
    characters and ASCII punctuation are not, so a slug can never name a path outside its folder.
    The slug is NFC-normalised, so `café` typed with a combining accent is the same slug (and the
    same folder) as `café` typed with one character.
    """
    if not (value.isascii() and _ASCII_SLUG.fullmatch(value)):  # the common case, in C
        value = unicodedata.normalize("NFC", value)
        if not _is_slug(value) or value != value.lower():
            raise ValueError(
                f"{value!r} is not a valid slug: use lower-case letters, digits and single hyphens "
                "(e.g. `lower-back-pain`)"
            )
    size = len(value.encode())
    if len(value) > MAX_SLUG_CHARS or size > MAX_SLUG_BYTES:
        raise ValueError(
            f"the slug is {len(value)} characters long ({size} bytes in UTF-8); the limit is "
            f"{MAX_SLUG_CHARS} characters and {MAX_SLUG_BYTES} bytes: shorten it"
        )
    if value in _WINDOWS_DEVICES:
        raise ValueError(
            f"`{value}` is a device name on Windows, where a folder of that name cannot be "
            "created or copied: choose another slug"
        )
    return value


_ASCII_SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
"""An ASCII slug, which needs no Unicode checks (what :func:`_is_slug` allows, restricted to ASCII)."""


def _is_slug(value: str) -> bool:
    """Hyphen-separated segments, each starting with a letter, digit or emoji."""
    for segment in value.split("-"):
        if not segment or not _slug_character(segment[0], first=True):
            return False
        if not all(_slug_character(c, first=False) for c in segment[1:]):
            return False
    return True


def _slug_character(c: str, *, first: bool) -> bool:
    if c.isascii():
        return c.isalnum()
    kind = unicodedata.category(c)
    if kind[0] in "LN" or kind in ("So", "Sk"):  # letters, digits, emoji and their modifiers
        return True
    return not first and (kind[0] == "M" or c == _ZERO_WIDTH_JOINER)


def _check_identifier(value: str) -> str:
    if not _IDENTIFIER.match(value):
        raise ValueError(
            f"{value!r} is not a valid id: use lower-case ASCII letters, digits, - or _ "
            "(e.g. `mount-shasta`)"
        )
    return value


def _check_language(value: str) -> str:
    if not _LANGUAGE.match(value):
        raise ValueError(f"{value!r} is not a BCP 47 language tag such as `en` or `en-US`")
    return value


URL_VALIDATORS = frozenset({_check_web_url, _check_image_source})
"""The validators of the URL types; fields using them are refused, not cleaned, when they hold
control characters (see :mod:`.text`)."""

WebUrl = Annotated[str, AfterValidator(_check_web_url)]
"""An absolute http(s) URL."""
ImageSource = Annotated[str, AfterValidator(_check_image_source)]
"""A site path (``/images/x.jpg``) or an absolute http(s) URL."""
Slug = Annotated[str, AfterValidator(check_slug)]
"""One lower-case URL path segment."""
Identifier = Annotated[str, StringConstraints(min_length=1), AfterValidator(_check_identifier)]
"""A stable key used to cross-reference records (``mount-shasta``)."""
Text = Annotated[str, StringConstraints(min_length=1)]
"""Non-empty text. Renderers escape it for their format; it is never trusted as markup."""
LanguageTag = Annotated[str, AfterValidator(_check_language)]
"""A BCP 47 language tag."""


_K = TypeVar("_K")
_V = TypeVar("_V")


class FrozenMap(Mapping[_K, _V]):
    """A read-only mapping for the fields of frozen models: no item can be set or removed, so a
    loaded site cannot be changed through one of its records. Unlike ``MappingProxyType`` it
    pickles (records cross process boundaries) and hashes (frozen models are hashable)."""

    __slots__ = ("_items",)

    def __init__(self, items: Mapping[_K, _V] | None = None) -> None:
        self._items: dict[_K, _V] = dict(items or {})

    def __getitem__(self, key: _K) -> _V:
        return self._items[key]

    def __iter__(self) -> Iterator[_K]:
        return iter(self._items)

    def __len__(self) -> int:
        return len(self._items)

    def __hash__(self) -> int:
        return hash(frozenset(self._items.items()))

    def __repr__(self) -> str:
        return f"FrozenMap({self._items!r})"

    def __reduce__(self) -> tuple[Any, ...]:
        return FrozenMap, (self._items,)


def _as_dict(value: Mapping[Any, Any], serialise: Any) -> Any:
    return serialise(dict(value))


ReadOnly = (AfterValidator(FrozenMap), WrapSerializer(_as_dict))
"""Annotations that make a ``Mapping`` field a :class:`FrozenMap`, validated and serialised as a
dict: ``Annotated[Mapping[str, int], *ReadOnly]``."""
