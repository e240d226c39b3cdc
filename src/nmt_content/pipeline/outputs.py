"""The records passed from the build to the writer: output files, or parts of them."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from ..content.static_files import file_chunks

__all__ = ["OutputFile", "Reuse", "SourceFile", "Written"]


@dataclass(frozen=True, slots=True)
class Reuse:
    """Bytes that the previous build already wrote: the writer hard-links (a whole file) or copies
    them (a range) from the output it is about to replace, instead of the build rendering them
    again. Only an incremental build produces these, for outputs whose inputs did not change."""

    path: str
    """The file in the previous output."""
    offset: int = 0
    length: int | None = None
    """How many bytes from ``offset``; ``None`` for the whole file."""


@dataclass(frozen=True, slots=True)
class SourceFile:
    """A file of the content root published as it is (a `static/` file): a folder build copies
    it file to file, in the kernel where it can; anything else takes its chunks."""

    file: str
    """Its path (as loading found it)."""

    def __iter__(self) -> Iterator[bytes]:
        return file_chunks(self.file)


@dataclass(frozen=True, slots=True)
class Written:
    """A whole file the process that rendered it already wrote into the new folder the writer
    prepares (:class:`~.file_writing.DirectFiles`): the writer records it without its bytes."""

    size: int
    mtime_ns: int


@dataclass(frozen=True, slots=True)
class OutputFile:
    """One file of the built site: its path relative to the output folder, and its bytes."""

    path: str
    """POSIX path inside the output folder, e.g. ``articles/back-pain/index.html``."""
    content: bytes | Iterable[bytes | Reuse] | Reuse | Written
    """The bytes, chunks of them for files too large to hold at once, bytes to reuse, or the
    record of a file already written."""
    source: str
    """What produced it (a content file or a build step), to name both sides of a collision."""
    digest: str | None = None
    """A hash of everything the file was made from, when known; an incremental build reuses the
    previous file when this matches."""
    append: bool = False
    """A part of a file streamed in pieces (the SEO manifest): parts with the same path are
    joined in the order they come. Every part of such a file has ``append`` set."""
