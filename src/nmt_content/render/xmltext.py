"""Text and date helpers shared by the XML renderers (sitemaps, Atom).

Everything that reaches XML from content passes through :func:`xml_text` or :func:`xml_attr`, so a
title containing ``</script>``, ``]]>``, ``<!--``, quotes or control characters can neither break
the document nor change its structure: markup characters are escaped and characters that XML 1.0
forbids outright are dropped (an XML parser must reject a document containing them).
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta

__all__ = [
    "instant",
    "rfc3339_datetime",
    "strip_invalid_xml",
    "w3c_datetime",
    "xml_attr",
    "xml_text",
]

# XML 1.0 Char production: #x9 | #xA | #xD | [#x20-#xD7FF] | [#xE000-#xFFFD] | [#x10000-#x10FFFF].
# Surrogates can only appear unpaired in a Python str, and could not be encoded as UTF-8 anyway.
_NOT_XML_CHAR = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def _escape_markup(value: str) -> str:
    # Chained str.replace runs in C and is several times faster than str.translate with a dict.
    return value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def strip_invalid_xml(value: str) -> str:
    """Remove the characters XML 1.0 does not allow anywhere, even as character references."""
    return _NOT_XML_CHAR.sub("", value)


def xml_text(value: str) -> str:
    """Escape ``value`` for element content; drops characters XML 1.0 forbids.

    ``>`` is escaped too, so ``]]>`` cannot appear in the output. A parser gives back exactly
    ``strip_invalid_xml(value)``.
    """
    if value.isprintable():  # no character XML forbids, no CR (most text): nothing to drop
        return _escape_markup(value)
    # A literal CR would be read back as LF by every parser; the character reference keeps it.
    return _escape_markup(strip_invalid_xml(value)).replace("\r", "&#13;")


def xml_attr(value: str) -> str:
    """Escape ``value`` for a double- or single-quoted attribute value.

    CR, LF and tab become spaces (a parser would normalise them to spaces anyway, so writing the
    spaces keeps the file honest about what readers get back).
    """
    if value.isprintable():  # no character XML forbids, no CR, LF or tab (most values)
        return _escape_markup(value).replace('"', "&quot;").replace("'", "&#39;")
    escaped = _escape_markup(strip_invalid_xml(value))
    escaped = escaped.replace('"', "&quot;").replace("'", "&#39;")
    return escaped.replace("\r", " ").replace("\n", " ").replace("\t", " ")


def instant(value: date | datetime) -> datetime:
    """The UTC instant a date or datetime stands for, so mixed values can be compared.

    A date is its midnight in UTC, and a naive datetime is read as UTC, matching how
    :func:`w3c_datetime` writes them.
    """
    if isinstance(value, datetime):
        if value.tzinfo is None or value.utcoffset() is None:
            return value.replace(tzinfo=UTC)
        return value.astimezone(UTC)
    return datetime(value.year, value.month, value.day, tzinfo=UTC)


def w3c_datetime(value: date | datetime) -> str:
    """Format as W3C Datetime (the profile of ISO 8601 used by sitemaps).

    A date gives ``YYYY-MM-DD``. A datetime is written to the second: an aware one keeps its own
    offset (``+02:00``; a zero offset is written ``Z``), a naive one is taken as UTC and gets ``Z``.
    Offsets that are not whole minutes cannot be written in this format, so those datetimes are
    converted to UTC first.
    """
    if not isinstance(value, datetime):
        return value.isoformat()
    offset = value.utcoffset() if value.tzinfo is not None else None
    if offset is None or offset == timedelta(0) or offset % timedelta(minutes=1):
        utc = instant(value)
        return utc.replace(tzinfo=None, microsecond=0).isoformat() + "Z"
    return value.replace(microsecond=0).isoformat()


def rfc3339_datetime(value: date | datetime) -> str:
    """RFC 3339 date-time (Atom): as :func:`w3c_datetime`, but a date becomes midnight UTC."""
    if not isinstance(value, datetime):
        return f"{value.isoformat()}T00:00:00Z"
    return w3c_datetime(value)
