"""Small valid image files for the benchmark corpus, made without an imaging library."""

from __future__ import annotations

import struct
import zlib

__all__ = ["gray_jpeg", "gray_png"]


def gray_jpeg(width: int, height: int) -> bytes:
    """A valid baseline JPEG of one mid-grey: every 8 × 8 block codes as "no change, end of
    block", two bits, so the file is about width × height / 256 bytes."""
    blocks = -(-width // 8) * -(-height // 8)
    bits = 2 * blocks
    scan = bytearray(-(-bits // 8))  # each block: DC difference 0 ("0"), end of block ("0")
    if bits % 8:
        scan[-1] = (1 << (8 - bits % 8)) - 1  # pad the last byte with one-bits
    one_code = bytes([1] + [0] * 15)  # a Huffman table with one code of one bit

    def segment(marker: int, payload: bytes) -> bytes:
        return struct.pack(">HH", 0xFF00 | marker, len(payload) + 2) + payload

    return b"".join(
        [
            b"\xff\xd8",
            segment(0xE0, b"JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00"),
            segment(0xDB, b"\x00" + b"\x01" * 64),
            segment(0xC0, struct.pack(">BHHB", 8, height, width, 1) + b"\x01\x11\x00"),
            segment(0xC4, b"\x00" + one_code + b"\x00"),  # DC table 0: category 0
            segment(0xC4, b"\x10" + one_code + b"\x00"),  # AC table 0: end of block
            segment(0xDA, b"\x01\x01\x00\x00\x3f\x00"),
            bytes(scan),
            b"\xff\xd9",
        ]
    )


def gray_png(width: int, height: int) -> bytes:
    """A valid 1-bit greyscale PNG, all black."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
        )

    row = b"\x00" * (1 + -(-width // 8))  # filter type 0, then the row's bits
    return b"".join(
        [
            b"\x89PNG\r\n\x1a\n",
            chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)),
            chunk(b"IDAT", zlib.compress(row * height, 9)),
            chunk(b"IEND", b""),
        ]
    )
