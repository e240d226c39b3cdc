"""The exception tree of nmt-content: every exception class it raises on purpose is here.

::

    NmtContentError                 base of everything the library raises on purpose
    ├── ContentError                the knowledge base cannot be loaded; carries every ContentIssue
    ├── BuildError                  the site cannot be built from content that did load
    ├── OutputError                 the output folder is unsafe or unwritable; nothing was changed
    ├── PageNotFoundError           page_for: no page at that path or slug (also a KeyError)
    ├── ScaffoldError               init / new article: a starter file cannot be created
    └── PortInUseError              serve: the port asked for is taken

``except NmtContentError`` catches all of them. :class:`PageNotFoundError` is also a
:class:`KeyError`, because a missing page is a missing key of the site's pages: code that caught
``KeyError`` from ``page_for`` keeps working, and new code can catch the precise class.

Errors the library does not raise on purpose are not wrapped: a malformed ``base_url`` is a
``ValueError`` (as from :func:`nmt_content.urls.normalise_base_url`), a broken template of your
own a :class:`jinja2.TemplateError`. The loader's internal parse signals (``FrontMatterError``,
``YamlSyntaxError``) are caught where they are raised and become :class:`ContentIssue` entries of
a :class:`ContentError`; they never reach a caller.

A :class:`ContentIssue` is one problem in one file: where it is (file, line, column, field path),
what is wrong, and what to do about it. Loaders collect all issues before raising, so a user
fixes every mistake in one pass instead of one per run.
"""

from __future__ import annotations

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
        """Render as ``path:line:col: error: message`` (the compiler convention editors link)."""
        where = self.path
        if self.line is not None:
            where += f":{self.line}"
            if self.column is not None:
                where += f":{self.column}"
        field = f"{self.field}: " if self.field else ""
        return f"{where}: error: {field}{self.message}"


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


class ScaffoldError(NmtContentError):
    """A starter file could not be created (`init`, `new article`); ``hint`` says what to do."""

    def __init__(self, message: str, hint: str | None = None) -> None:
        super().__init__(message)
        self.hint = hint


class PortInUseError(NmtContentError):
    """The port asked for (or every default one) is taken by another program (`serve`)."""


def _issue_sort_key(issue: ContentIssue) -> tuple[str, int, int, str, str]:
    return (issue.path, issue.line or 0, issue.column or 0, issue.field, issue.message)
