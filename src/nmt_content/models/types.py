"""Constrained value types shared by the models: URLs, image sources, slugs, ids, language tags.

Each type refuses what could later become markup or script: ``javascript:``, ``data:`` and
``vbscript:`` URLs, slugs that climb out of the output folder, control characters in one-line text.
"""

from __future__ import annotations

import re
from typing import Annotated
from urllib.parse import urlsplit

from pydantic import AfterValidator, StringConstraints

__all__ = [
    "Identifier",
    "ImageSource",
    "LanguageTag",
    "Slug",
    "Text",
    "WebUrl",
    "check_slug",
]

_UNSAFE_SCHEMES = frozenset({"javascript", "data", "vbscript", "file"})
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_SLUG = re.compile(r"^[^\W_]+(?:-[^\W_]+)*$")
_IDENTIFIER = re.compile(r"^[a-z0-9]+(?:[-_][a-z0-9]+)*$")
_LANGUAGE = re.compile(r"^[A-Za-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$")


def _scheme(value: str) -> str:
    # Browsers ignore whitespace and control characters inside a scheme ("java\tscript:").
    compact = re.sub(r"[\x00-\x20]", "", value)
    match = re.match(r"^([A-Za-z][A-Za-z0-9+.-]*):", compact)
    return match.group(1).lower() if match else ""


def _check_web_url(value: str) -> str:
    scheme = _scheme(value)
    if scheme in _UNSAFE_SCHEMES:
        raise ValueError(f"`{scheme}:` URLs are not allowed; use an https:// address")
    if _CONTROL.search(value) or any(c.isspace() for c in value):
        raise ValueError("a URL cannot contain spaces or control characters")
    parts = urlsplit(value)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise ValueError(
            f"expected an absolute http(s) URL such as https://example.com/, got {value!r}"
        )
    return value


def _check_image_source(value: str) -> str:
    if value.startswith("/") and not value.startswith("//"):
        if _CONTROL.search(value) or any(c.isspace() for c in value) or "\\" in value:
            raise ValueError(
                "an image path cannot contain spaces, backslashes or control characters"
            )
        return value
    try:
        return _check_web_url(value)
    except ValueError:
        raise ValueError(
            f"expected a site path starting with / or an https:// URL, got {value!r}"
        ) from None


def check_slug(value: str) -> str:
    """Accept only a lower-case URL segment: letters, digits and single hyphens.

    Unicode letters are allowed; dots, slashes, backslashes, percent-escapes and spaces are not, so a
    slug can never name a path outside its folder.
    """
    if not _SLUG.match(value) or value != value.lower():
        raise ValueError(
            f"{value!r} is not a valid slug: use lower-case letters, digits and single hyphens "
            "(e.g. `lower-back-pain`)"
        )
    return value


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
