"""The encoding of a page another tool built: found as a browser finds it, kept when written back.

A page is decoded the way the HTML standard's sniffing does it, in order: a byte order mark
(UTF-8, UTF-16LE, UTF-16BE), then a ``<meta charset>`` or ``<meta http-equiv="Content-Type">``
in the first 1,024 bytes, else UTF-8. Bytes the encoding cannot decode are carried through as
surrogate escapes, so everything we do not edit is written back byte for byte; a page that would
not survive that round trip is refused rather than changed.

Our tags are made encodable before they go in: a character the page's encoding lacks becomes a
character reference in markup, and a ``\\uXXXX`` escape inside the JSON-LD script (whose text is
not HTML, so a character reference there would be read literally).
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Callable
from dataclasses import dataclass

__all__ = ["Decoded", "PageEncodingError", "decode_page", "encodable_tags"]

PRESCAN_BYTES = 1024
"""How far into a page a browser looks for its charset declaration."""

_BOMS = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_LABEL_ALIASES = {
    # The HTML standard reads these labels as windows-1252 (browsers always have), and a
    # declared UTF-16 without a byte order mark as UTF-8 (the declaration itself was ASCII).
    "iso-8859-1": "cp1252",
    "iso8859-1": "cp1252",
    "latin1": "cp1252",
    "l1": "cp1252",
    "ascii": "cp1252",
    "us-ascii": "cp1252",
    "utf-16": "utf-8",
    "utf-16le": "utf-8",
    "utf-16be": "utf-8",
}
_ALLOWED = frozenset(
    {
        "utf-8", "cp1250", "cp1251", "cp1252", "cp1253", "cp1254", "cp1255", "cp1256", "cp1257",
        "cp1258", "cp866", "cp874", "koi8-r", "koi8-u", "mac-roman", "shift_jis", "cp932",
        "euc_jp", "iso2022_jp", "euc_kr", "gbk", "gb2312", "gb18030", "big5", "tis-620",
        *(f"iso8859-{n}" for n in (2, 3, 4, 5, 6, 7, 8, 10, 13, 14, 15, 16)),
    }
)  # fmt: skip
"""Encodings a web page may declare (the HTML standard's list, as Python names them). Python
knows others, such as ``unicode_escape``, that would rewrite the bytes of a page: never those."""
_META = re.compile(rb"<!--.*?-->|<meta(?=[\s/])[^>]*>", re.I | re.S)
_ATTR = re.compile(rb"""([^\s/>=]+)\s*(?:=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]*)))?""")
_CONTENT_CHARSET = re.compile(rb"""charset\s*=\s*["']?([^\s;"']+)""", re.I)
_JSONLD = re.compile(r'(<script type="application/ld\+json">)(.*?)(</script>)', re.S)


class PageEncodingError(ValueError):
    """The page cannot be decoded and written back unchanged; the message says why."""


@dataclass(frozen=True, slots=True)
class Decoded:
    """A page's text and how to turn it back into the page's bytes."""

    text: str
    encoding: str
    """The Python codec, e.g. ``utf-8`` or ``cp1252``."""
    bom: bytes = b""

    def encode(self) -> bytes:
        """The text in the page's encoding, with its byte order mark."""
        data = self.text.encode(self.encoding, errors="surrogateescape")
        return self.bom + data if self.bom else data


def decode_page(data: bytes) -> Decoded:
    """The page's text in the encoding a browser would use.

    Raises:
        PageEncodingError: the page declares an encoding that is not a web encoding, is not text
            (NUL bytes outside UTF-16), or would not be written back byte for byte.
    """
    bom, encoding = _sniff(data)
    body = data[len(bom) :]
    try:
        text = body.decode(encoding, errors="surrogateescape")
    except UnicodeDecodeError as exc:
        raise PageEncodingError(f"it is not valid {encoding} at byte {exc.start}") from None
    if "\x00" in text:
        raise PageEncodingError("it holds NUL bytes, so it is not an HTML text file")
    decoded = Decoded(text, encoding, bom)
    if encoding != "utf-8" and not _round_trips(decoded, data):
        raise PageEncodingError(f"its {encoding} bytes would not be written back unchanged")
    return decoded


def _round_trips(decoded: Decoded, data: bytes) -> bool:
    """Whether ``decoded`` encodes back to ``data`` (always true of UTF-8 with surrogate escapes,
    so that case is not checked: it would cost a copy of the page)."""
    try:
        return decoded.encode() == data
    except UnicodeEncodeError:
        return False


def _sniff(data: bytes) -> tuple[bytes, str]:
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return bom, encoding
    label = _declared_label(data[:PRESCAN_BYTES])
    if label is None:
        return b"", "utf-8"
    text_label = label.decode("ascii", errors="replace").strip().lower()
    text_label = _LABEL_ALIASES.get(text_label, text_label)
    try:
        encoding = codecs.lookup(text_label).name
    except LookupError:
        encoding = ""
    encoding = _LABEL_ALIASES.get(encoding, encoding)
    if encoding not in _ALLOWED:
        shown = text_label.encode("ascii", errors="backslashreplace").decode()
        raise PageEncodingError(f'it declares charset "{shown}", which is not a web encoding')
    return b"", encoding


def _declared_label(prefix: bytes) -> bytes | None:
    """The charset a `<meta>` in ``prefix`` declares (comments skipped), or None."""
    for match in _META.finditer(prefix):
        tag = match[0]
        if tag.startswith(b"<!--"):
            continue
        attrs = {
            m[1].lower(): (m[2] or m[3] or m[4] or b"")
            for m in _ATTR.finditer(tag[5:].rstrip(b">/"))
        }
        if attrs.get(b"charset"):
            return attrs[b"charset"]
        if attrs.get(b"http-equiv", b"").strip().lower() == b"content-type":
            found = _CONTENT_CHARSET.search(attrs.get(b"content", b""))
            if found:
                return found[1]
    return None


def encodable_tags(tags: str, encoding: str) -> str:
    """``tags`` with every character ``encoding`` lacks escaped: ``\\uXXXX`` inside the JSON-LD
    script, a character reference elsewhere."""
    try:
        tags.encode(encoding)
    except UnicodeEncodeError:
        pass
    else:
        return tags
    pieces = []
    cursor = 0
    for match in _JSONLD.finditer(tags):
        pieces.append(_escape(tags[cursor : match.start(2)], encoding, _char_reference))
        pieces.append(_escape(match[2], encoding, _json_escape))
        cursor = match.end(2)
    pieces.append(_escape(tags[cursor:], encoding, _char_reference))
    return "".join(pieces)


def _escape(text: str, encoding: str, escape: Callable[[str], str]) -> str:
    out = []
    for char in text:
        try:
            char.encode(encoding)
        except UnicodeEncodeError:
            out.append(escape(char))
        else:
            out.append(char)
    return "".join(out)


def _char_reference(char: str) -> str:
    return f"&#x{ord(char):X};"


def _json_escape(char: str) -> str:
    code = ord(char)
    if code <= 0xFFFF:
        return f"\\u{code:04x}"
    code -= 0x10000
    return f"\\u{0xD800 + (code >> 10):04x}\\u{0xDC00 + (code & 0x3FF):04x}"
