"""The record passed from the build to the writer: one output file."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

__all__ = ["OutputFile"]


@dataclass(frozen=True, slots=True)
class OutputFile:
    """One file of the built site: its path relative to the output folder, and its bytes."""

    path: str
    """POSIX path inside the output folder, e.g. ``articles/back-pain/index.html``."""
    content: bytes | Iterable[bytes]
    """The bytes, or chunks of them for files too large to hold at once."""
    source: str
    """What produced it (a content file or a build step), to name both sides of a collision."""
