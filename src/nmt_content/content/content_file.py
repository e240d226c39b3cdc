"""Reading one content file: its bytes, or a located problem that says what to do."""

from __future__ import annotations

from pathlib import Path

from ..errors import ContentError, ContentIssue, UnsafeFileError
from ..limits import MAX_CONTENT_FILE_BYTES
from .safe_paths import InsideRoot, read_regular

__all__ = ["read_content_file"]


def read_content_file(file: Path | str, relative: str, inside: InsideRoot | None = None) -> bytes:
    """The bytes of a content file, refusing one above the size limit before reading it, one
    that is not a regular file (a FIFO, a device, a folder) and, with ``inside``, a link that
    leaves its root."""
    try:
        if inside is not None:
            inside.check(file if isinstance(file, Path) else Path(file))
        return read_regular(file, MAX_CONTENT_FILE_BYTES)
    except UnsafeFileError as exc:
        if exc.size is not None:
            raise ContentError([_too_large(relative, exc.size)]) from None
        raise ContentError([ContentIssue(relative, None, None, "", _refused(exc))]) from None
    except OSError as exc:
        raise ContentError(
            [ContentIssue(relative, None, None, "", f"cannot read the file: {exc.strerror}")]
        ) from None


def _refused(exc: UnsafeFileError) -> str:
    return f"not read: {exc.reason}; content files must be regular files inside the content folder"


def _too_large(relative: str, size: int) -> ContentIssue:
    return ContentIssue(
        relative,
        None,
        None,
        "",
        f"the file is {size / 1_000_000:.1f} MB; a content file may be at most "
        f"{MAX_CONTENT_FILE_BYTES // (1024 * 1024)} MiB (about 150,000 words): split it into "
        "several articles, or move data out of it",
    )
