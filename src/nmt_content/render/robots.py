"""robots.txt (RFC 9309) that lets every crawler in and points it at the sitemaps.

Every value is reduced to one safe token first: control characters, CR/LF and other line
separators are removed (so no input can add a directive), and ``#`` (a comment) and whitespace
inside a value are percent-encoded. Empty values are dropped and repeats removed, keeping order.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from urllib.parse import quote

__all__ = ["render_robots"]

# C0 and C1 controls, DEL, and the characters str.splitlines() and others treat as line breaks.
_UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\ufeff]")
_INNER_SPACE = re.compile(r"\s")


def render_robots(
    sitemap_urls: Sequence[str],
    *,
    disallow: Sequence[str] = (),
    allow: Sequence[str] = (),
) -> str:
    """Render robots.txt for all user agents, with ``Allow``/``Disallow`` rules and sitemaps.

    With no ``disallow`` rule the group says ``Disallow:`` (empty: everything may be crawled),
    the form every crawler understands. ``Allow`` lines come first for crawlers that apply the
    first matching rule; RFC 9309 crawlers use the longest match, so the order does not matter
    to them.
    """
    allowed = _clean_all(allow)
    disallowed = _clean_all(disallow)
    lines = ["User-agent: *"]
    lines += [f"Allow: {path}" for path in allowed]
    lines += [f"Disallow: {path}" for path in disallowed] or ["Disallow:"]
    sitemaps = _clean_all(sitemap_urls)
    if sitemaps:
        lines.append("")
        lines += [f"Sitemap: {url}" for url in sitemaps]
    return "\n".join(lines) + "\n"


def _clean(value: str) -> str:
    """One line-safe token: unsafe characters removed, ``#`` and inner whitespace encoded."""
    token = _UNSAFE.sub("", value).strip()
    return _INNER_SPACE.sub(lambda match: quote(match.group(), safe=""), token).replace("#", "%23")


def _clean_all(values: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(token for token in map(_clean, values) if token))
