"""Small images made in the tests, so no binary file is committed."""

from __future__ import annotations

import struct
import zlib
from pathlib import Path

__all__ = ["png", "write_png"]


def png(width: int, height: int) -> bytes:
    """A valid, all-black RGB PNG of ``width`` × ``height`` pixels."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    rows = b"".join(b"\x00" + b"\x00\x00\x00" * width for _ in range(height))
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(rows))
        + chunk(b"IEND", b"")
    )


def write_png(path: Path, width: int, height: int) -> Path:
    """Write :func:`png` to ``path`` (its folders made) and return the path."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(png(width, height))
    return path
