"""The exception tree of nmt-content: every exception class it raises on purpose is here.

::

    NmtContentError                 base of everything the library raises on purpose
    ├── ContentError                the knowledge base cannot be loaded; carries every ContentIssue
    ├── BuildError                  the site cannot be built from content that did load
    ├── OutputError                 the output folder is unsafe or unwritable; nothing was changed
    ├── PageNotFoundError           page_for: no page at that path or slug (also a KeyError)
    ├── ScaffoldError               init / new article: a starter file cannot be created
    ├── PortInUseError              serve: the port asked for is taken
    └── UnsafeFileError             a file not read: a link out of its folder, not regular, too large

``except NmtContentError`` catches all of them. :class:`PageNotFoundError` is also a
:class:`KeyError`, because a missing page is a missing key of the site's pages: code that caught
``KeyError`` from ``page_for`` keeps working, and new code can catch the precise class.

Errors the library does not raise on purpose are not wrapped: a malformed ``base_url`` is a
``ValueError`` (as from :func:`nmt_content.urls.normalise_base_url`), a broken template of your
own a :class:`jinja2.TemplateError`. The loader's internal parse signals (``FrontMatterError``,
``YamlSyntaxError``, the strict YAML constructor's) are caught where they are raised and become
:class:`ContentIssue` entries of a :class:`ContentError`; they never reach a caller.

A :class:`ContentIssue` is one problem in one file: where it is (file, line, column, field path),
what is wrong, and what to do about it. Loaders collect all issues before raising, so a user
fixes every mistake in one pass instead of one per run.

Messages quote file names and content, which can hold any character: :func:`printable` makes
such text safe to print.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import cached_property
from typing import Any

__all__ = [
    "BuildError",
    "ContentError",
    "ContentIssue",
    "NmtContentError",
    "OutputError",
    "PageNotFoundError",
    "PortInUseError",
    "ScaffoldError",
    "UnsafeFileError",
    "printable",
    "printable_json",
]

MAX_SUGGESTIONS = 3
"""At most this many close matches in a :class:`PageNotFoundError`."""
MAX_ASKED_CHARS = 120
"""A longer path asked for is cut to this many characters in the message."""


@dataclass(frozen=True, order=True)
class ContentIssue:
    """One problem found in one content file."""

    path: str
    """The file, relative to the content root (POSIX separators)."""
    line: int | None
    """1-based line, when known."""
    column: int | None
    """1-based column, when known."""
    field: str
    """Dotted field path inside the file, e.g. ``locations.0.address.locality``; empty for the file."""
    message: str
    """What is wrong and what to do, in plain words."""

    def format(self) -> str:
        """Render as ``path:line:col: error: message`` (the compiler convention editors link).

        The file name, field and message are shown with control characters escaped, so the
        result is always one line and no name can forge another message.
        """
        where = printable(self.path)
        if self.line is not None:
            where += f":{self.line}"
            if self.column is not None:
                where += f":{self.column}"
        field = f"{printable(self.field)}: " if self.field else ""
        return f"{where}: error: {field}{printable(self.message)}"


class NmtContentError(Exception):
    """Base class for every error nmt-content raises on purpose."""


class ContentError(NmtContentError):
    """The knowledge base has problems; ``issues`` lists all of them, sorted by file and line."""

    def __init__(self, issues: Iterable[ContentIssue]) -> None:
        self.issues: Sequence[ContentIssue] = tuple(sorted(issues, key=_issue_sort_key))
        count = len(self.issues)
        head = f"{count} problem{'s' if count != 1 else ''} in the content"
        super().__init__("\n".join([head, *(issue.format() for issue in self.issues)]))


class BuildError(NmtContentError):
    """The content loaded, but the site cannot be built from it (e.g. two pages claim one URL)."""


class OutputError(NmtContentError):
    """The output location is unsafe or unwritable; nothing was written or removed."""


class PageNotFoundError(NmtContentError, KeyError):
    """No page at the path or slug asked for; raised by :func:`~nmt_content.page_for`.

    The message names the path asked for and at most :data:`MAX_SUGGESTIONS` close matches,
    never every page (a site may have 100,000). The matches are looked up when first needed
    (``str(error)`` or :attr:`suggestions`), so a web app that turns the miss into a 404 without
    reading the message pays nothing for them.
    """

    def __init__(
        self, path: str, suggest: Callable[[], Sequence[str]] | Sequence[str] = ()
    ) -> None:
        super().__init__(path)
        self.path = path
        """The path or slug as it was asked for."""
        self._suggest = suggest

    @cached_property
    def suggestions(self) -> tuple[str, ...]:
        """Up to :data:`MAX_SUGGESTIONS` paths of the site close to the one asked for, closest
        first; empty when none is close."""
        found = self._suggest() if callable(self._suggest) else self._suggest
        return tuple(found[:MAX_SUGGESTIONS])

    def __str__(self) -> str:
        asked = self.path
        if len(asked) > MAX_ASKED_CHARS:
            asked = asked[:MAX_ASKED_CHARS] + "…"
        if self.suggestions:
            close = ", ".join(repr(path) for path in self.suggestions)
            return f"no page at {asked!r}; did you mean {close}?"
        return f"no page at {asked!r}; pages_of(site) lists every page"

    def __reduce__(self) -> tuple[Any, ...]:
        # The lookup may be a closure over the site's pages: pickle its answer instead.
        return (type(self), (self.path, self.suggestions))


class UnsafeFileError(NmtContentError, OSError):
    """A file that must not be read (see :mod:`nmt_content.content.safe_paths`): not a regular
    file, above a size limit, or a link out of its folder. Also an :class:`OSError`, so code that
    treats an unreadable file as missing keeps doing so. ``reason`` says which, for a message."""

    def __init__(self, path: object, reason: str, size: int | None = None) -> None:
        super().__init__(reason)
        self.path, self.reason = path, reason
        self.size = size
        """The file's size, when it is refused for being too large."""

    def __str__(self) -> str:
        return self.reason


class ScaffoldError(NmtContentError):
    """A starter file could not be created (`init`, `new article`); ``hint`` says what to do."""

    def __init__(self, message: str, hint: str | None = None) -> None:
        super().__init__(message)
        self.hint = hint


class PortInUseError(NmtContentError):
    """The port asked for (or every default one) is taken by another program (`serve`)."""


def _issue_sort_key(issue: ContentIssue) -> tuple[str, int, int, str, str]:
    return (issue.path, issue.line or 0, issue.column or 0, issue.field, issue.message)


# -- untrusted text in messages -------------------------------------------------------------------
# Untrusted text made safe to print: file names and quoted content in messages.
#
# A file name or a YAML value can hold any character. Printed raw, a line feed in one starts a new
# line that can pass for a message of ours (or, in a CI log, for a GitHub Actions workflow command
# such as ``::error ...``); ESC starts a terminal control sequence (colours, cursor moves, window
# titles, the clipboard); and Unicode bidi controls reorder what is shown, so a reader sees another
# name than the one that is there. :func:`printable` shows each such character as an escape instead:
# ``\\n``, ``\\r``, ``\\t``, ``\\x1b``, ``\\u202e``. Everything else, including the text's other
# non-ASCII characters and backslashes, is kept as it is, so printing is idempotent and an ordinary
# name reads as written.

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
