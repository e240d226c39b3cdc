"""Which requests the preview answers, and where it may send them.

The preview serves drafts, so a web page open in the same browser must not be able to read it.
The same-origin policy alone does not stop that: by DNS rebinding, a page on ``evil.example`` can
point its own name at 127.0.0.1 and read the preview as its "own" origin. Its requests still carry
``Host: evil.example``, so the preview answers only the names it is reached by: the address it
binds, ``localhost``, ``127.0.0.1`` and ``[::1]``, with its port. Listening on every interface
(to preview on a phone), any IP address is accepted too; rebinding needs a name, not an address.

A redirect is built from the path's cleaned parts, never from the request text, so it always
stays on this server: ``/\\evil.example/../about`` (which a browser reads as ``//evil.example``)
is answered with ``/about/``.
"""

from __future__ import annotations

import ipaddress
import posixpath
from urllib.parse import quote, unquote

__all__ = ["WILDCARD_HOSTS", "host_allowed", "origin_name", "redirect_location", "url_parts"]

WILDCARD_HOSTS = frozenset({"", "0.0.0.0", "::"})
"""Addresses that mean "every interface"."""
_LOOPBACK_NAMES = frozenset({"localhost", "127.0.0.1", "[::1]"})


def origin_name(host: str) -> str:
    """``host`` as it appears in a URL's authority: an IPv6 address in brackets."""
    return f"[{host}]" if ":" in host and not host.startswith("[") else host


def host_allowed(header: str | None, bound: str, port: int) -> bool:
    """Whether a request's ``Host`` header names this server, bound to ``bound`` on ``port``."""
    if not header:
        return False
    parsed = _split_host(header.strip().lower())
    if parsed is None:
        return False
    name, given_port = parsed
    if (given_port if given_port is not None else 80) != port:  # no port: http's default
        return False
    if name in _LOOPBACK_NAMES or name == origin_name(bound.lower()):
        return True
    return bound in WILDCARD_HOSTS and _is_address(name, ipv6=bound == "::")


def _split_host(header: str) -> tuple[str, int | None] | None:
    """``(name, port)`` of a ``Host`` value, port None when absent; None when it is malformed."""
    if header.startswith("["):
        end = header.find("]")
        if end < 0:
            return None
        name, rest = header[: end + 1], header[end + 1 :]
        if rest and not rest.startswith(":"):
            return None
        port_text = rest[1:]
    else:
        name, _, port_text = header.partition(":")
        if ":" in port_text:
            return None  # an IPv6 address without brackets
    if not port_text:
        return (name, None)
    if not (port_text.isascii() and port_text.isdigit()) or len(port_text) > 5:
        return None
    return (name, int(port_text))


def _is_address(name: str, *, ipv6: bool) -> bool:
    try:
        if name.startswith("[") and name.endswith("]"):
            return ipv6 and ipaddress.IPv6Address(name[1:-1]) is not None
        return ipaddress.IPv4Address(name) is not None
    except ValueError:
        return False


def url_parts(url_path: str) -> list[str] | None:
    """The path segments a URL path names, or None when it tries to leave the site.

    Backslashes count as slashes (as browsers read them) and empty or ``.`` segments are
    dropped, so ``//a\\b/./c`` is ``["a", "b", "c"]``; ``..`` anywhere, after normalising, or a
    NUL byte is refused.
    """
    path = posixpath.normpath(unquote(url_path).replace("\\", "/"))
    parts = [part for part in path.split("/") if part not in ("", ".")]
    if any(part == ".." or "\x00" in part for part in parts):
        return None
    return parts


def redirect_location(parts: list[str]) -> str:
    """The same-origin path of a folder: one leading slash, every segment percent-encoded."""
    return "/" + "".join(quote(part, safe="") + "/" for part in parts)
