"""Untrusted text made safe to print: file names and quoted content in messages.

A file name or a YAML value can hold any character. Printed raw, a line feed in one starts a new
line that can pass for a message of ours (or, in a CI log, for a GitHub Actions workflow command
such as ``::error ...``); ESC starts a terminal control sequence (colours, cursor moves, window
titles, the clipboard); and Unicode bidi controls reorder what is shown, so a reader sees another
name than the one that is there. :func:`printable` shows each such character as an escape instead:
``\\n``, ``\\r``, ``\\t``, ``\\x1b``, ``\\u202e``. Everything else, including the text's other
non-ASCII characters and backslashes, is kept as it is, so printing is idempotent and an ordinary
name reads as written.
"""

from __future__ import annotations

import re

__all__ = ["printable", "printable_json"]

_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}
_BEYOND_C0 = (
    "\x7f-\x9f"  # DEL and the C1 controls
    "\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069"  # bidi marks, embeddings, overrides, isolates
    "\u2028\u2029"  # line and paragraph separators (str.splitlines splits on them)
)
_UNSAFE = re.compile(f"[\x00-\x1f{_BEYOND_C0}]")
_UNSAFE_IN_JSON = re.compile(f"[{_BEYOND_C0}]")


def _escape(match: re.Match[str]) -> str:
    char = match[0]
    named = _NAMED.get(char)
    if named is not None:
        return named
    code = ord(char)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def printable(text: str) -> str:
    """``text`` with its control, bidi-control and line-separator characters as escapes."""
    if text.isprintable():  # the common case; every character escaped is not printable
        return text
    return _UNSAFE.sub(_escape, text)


def printable_json(text: str) -> str:
    """JSON text (from :func:`json.dumps`) with the characters JSON allows raw but a terminal
    acts on written as ``\\u`` escapes; JSON already escapes C0 controls, and the text still
    parses to the same data."""
    return _UNSAFE_IN_JSON.sub(lambda match: f"\\u{ord(match[0]):04x}", text)
