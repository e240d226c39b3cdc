"""Where the content files are: `practice.yaml` and the Markdown files under `articles/`, and how
their names are shown. Reads no file: kept apart from :mod:`.loader` (which imports the models)
so that deciding that nothing changed imports little."""

from __future__ import annotations

import os
from collections.abc import Collection, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import ContentIssue
from .safe_paths import walk_files

if TYPE_CHECKING:
    from .cache import ContentCache

__all__ = [
    "ARTICLES_DIR",
    "PRACTICE_FILE",
    "article_listing",
    "article_paths",
    "display_name",
    "display_path",
    "display_paths",
    "listed_articles",
    "root_prefix",
]

PRACTICE_FILE = "practice.yaml"
ARTICLES_DIR = "articles"


def display_path(relative: Path) -> str:
    """A content file's name as reports show it: its bytes read as UTF-8, whatever the locale.

    Python decodes file names with the locale's encoding, so under an ASCII locale `älter.md`
    would be named with lone surrogates, which cannot be written as UTF-8 (in a report, or the
    build's cache record). Decoding its bytes as UTF-8 names it the same way everywhere; a byte
    that is not UTF-8 is shown as ``\\xff``, so two different names never look the same.
    """
    return os.fsencode(relative.as_posix()).decode("utf-8", "backslashreplace")


def display_paths(root: Path, files: Sequence[Path]) -> list[str]:
    """:func:`display_path` of each of ``files`` (paths under ``root``, as listed from it),
    cutting the root's text off each path's text: ``Path.relative_to`` costs more than
    everything else a no-change rebuild does per file."""
    prefix = root_prefix(root)
    return [display_name(root, prefix, file) for file in files]


def root_prefix(root: Path) -> str:
    """The text every path listed under ``root`` starts with (for :func:`display_name`)."""
    return str(root / "_")[:-1]


def display_name(root: Path, prefix: str, file: Path) -> str:
    """:func:`display_path` of ``file`` (a path under ``root``, as listed from it; ``prefix``
    from :func:`root_prefix`), from its text when it can."""
    text = str(file)
    if text.startswith(prefix) and os.sep == "/":
        return os.fsencode(text[len(prefix) :]).decode("utf-8", "backslashreplace")
    return display_path(file.relative_to(root))


def article_paths(root: Path) -> list[Path]:
    """Every Markdown file under `articles/`, sorted by path so the order never depends on the OS
    (see :func:`article_listing`; what cannot be listed is left out)."""
    return article_listing(root)[0]


def article_listing(root: Path) -> tuple[list[Path], list[ContentIssue]]:
    """Every Markdown file under `articles/`, sorted by path, and a located problem for each
    entry that cannot be followed (:func:`~nmt_content.content.safe_paths.walk_files`).

    Hidden files and folders (`.x.md`, `._x.md`, `.obsidian/`) are not articles; FIFOs and
    devices are skipped. Files linked to count when they are inside the content folder; linked
    folders are not entered; a link out of the content folder (`articles -> /` included), a loop
    or a folder that cannot be listed is an error naming it.
    """
    folder = root / ARTICLES_DIR
    if not folder.exists() and not folder.is_symlink():
        return [], []
    files, problems = walk_files(folder, ".md", root=root)
    issues = [
        ContentIssue(
            display_path(problem.path.relative_to(root)),
            None,
            None,
            "",
            f"not read: {problem.reason}; articles must be regular files inside the content folder",
        )
        for problem in problems
    ]
    return files, issues


def listed_articles(
    root: Path, cache: ContentCache | None = None, only: Collection[str] | None = None
) -> tuple[list[Path], list[ContentIssue], list[str]]:
    """:func:`article_listing` and the :func:`display_paths` of its files; with ``cache``,
    listed once per run (:meth:`~.cache.ContentCache.listed`), for deciding whether anything
    changed and then for loading. With ``only``, the files of those names alone."""

    def walk() -> tuple[list[Path], list[ContentIssue], list[str]]:
        files, issues = article_listing(root)
        return files, issues, display_paths(root, files)

    files, issues, names = (
        walk() if cache is None else cache.listed(f"articles:{os.fspath(root)}", walk)
    )
    if only is None:
        return files, issues, names
    kept = [(file, name) for file, name in zip(files, names, strict=True) if name in only]
    return [file for file, _ in kept], issues, [name for _, name in kept]
