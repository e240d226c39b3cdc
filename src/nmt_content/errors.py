"""The exception tree of nmt-content.

::

    NmtContentError                 base of everything the library raises on purpose
    ├── ContentError                the knowledge base cannot be loaded; carries every ContentIssue
    ├── BuildError                  the site cannot be built from content that did load
    └── OutputError                 the output folder is unsafe or unwritable; nothing was changed

A :class:`ContentIssue` is one problem in one file: where it is (file, line, column, field path),
what is wrong, and what to do about it. Loaders collect all issues before raising, so a user
fixes every mistake in one pass instead of one per run.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from .printable import printable

__all__ = ["BuildError", "ContentError", "ContentIssue", "NmtContentError", "OutputError"]


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


def _issue_sort_key(issue: ContentIssue) -> tuple[str, int, int, str, str]:
    return (issue.path, issue.line or 0, issue.column or 0, issue.field, issue.message)
