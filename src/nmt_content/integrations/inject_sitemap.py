"""Merging our sitemap entries and `Sitemap:` line into another generator's files.

Its entries are kept with every field (`<lastmod>`, `<changefreq>`, `<priority>`, images and
hreflang alternates); ours replace any with the same `<loc>`. Its robots.txt is kept byte for
byte (whatever its encoding) with our line added when it has none.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Iterable
from datetime import date, datetime

from ..errors import OutputError
from ..render.robots import render_robots
from ..render.sitemap import (
    IMAGE_NS,
    SITEMAP_NS,
    XHTML_NS,
    SitemapAlternate,
    SitemapEntry,
    SitemapImage,
    sitemap_documents,
)

__all__ = ["merge_robots", "merge_sitemap"]

_SM = f"{{{SITEMAP_NS}}}"
_IMAGE = f"{{{IMAGE_NS}}}"
_XHTML = f"{{{XHTML_NS}}}"


def merge_sitemap(existing: bytes | None, entries: Iterable[SitemapEntry], base_url: str) -> bytes:
    """A urlset with the existing URLs (ours replace any with the same loc) and ours.

    The other generator's entries keep their `<lastmod>`, `<changefreq>`, `<priority>`, images
    and hreflang alternates."""
    merged: dict[str, SitemapEntry] = {}
    if existing:
        try:
            root = ET.fromstring(existing)
        except (ET.ParseError, ValueError, LookupError) as exc:
            raise OutputError(f"the existing sitemap.xml is not valid XML: {exc}") from None
        if root.tag != f"{_SM}urlset":
            raise OutputError(
                "the existing sitemap.xml is a sitemap index; add our sitemap to it by hand"
            )
        for url in root.iter(f"{_SM}url"):
            entry = _existing_entry(url)
            if entry is not None:
                merged[entry.loc] = entry
    for entry in entries:
        merged[entry.loc] = entry
    documents = list(sitemap_documents(merged.values(), base_url=base_url, stylesheet=None))
    if len(documents) != 1:
        raise OutputError("the merged sitemap would need splitting; build with nmt-content instead")
    return b"".join(documents[0].chunks)


def _existing_entry(url: ET.Element) -> SitemapEntry | None:
    """One `<url>` of an existing sitemap, or None when it has no `<loc>`."""
    loc = (url.findtext(f"{_SM}loc") or "").strip()
    if not loc:
        return None
    images = tuple(
        SitemapImage(image_loc)
        for image in url.iter(f"{_IMAGE}image")
        if (image_loc := (image.findtext(f"{_IMAGE}loc") or "").strip())
    )
    alternates = tuple(
        SitemapAlternate(hreflang, href)
        for link in url.iter(f"{_XHTML}link")
        if link.get("rel") == "alternate"
        and (hreflang := link.get("hreflang", "").strip())
        and (href := link.get("href", "").strip())
    )
    lastmod = _lastmod((url.findtext(f"{_SM}lastmod") or "").strip())
    return SitemapEntry(
        loc=loc,
        lastmod=lastmod,
        images=images,
        alternates=alternates,
        changefreq=(url.findtext(f"{_SM}changefreq") or "").strip() or None,
        priority=(url.findtext(f"{_SM}priority") or "").strip() or None,
    )


def _lastmod(text: str) -> date | datetime | None:
    """A W3C Datetime as a date (``2024-03-01``) or a datetime; None when absent or unreadable
    (a lastmod we cannot read is left out rather than guessed)."""
    try:
        if len(text) == 10:
            return date.fromisoformat(text)
        return datetime.fromisoformat(text) if text else None
    except ValueError:
        return None


def merge_robots(existing: str | None, sitemap_url: str) -> str:
    """The existing robots.txt plus our `Sitemap:` line, or ours when there is none."""
    if existing is None:
        return render_robots([sitemap_url])
    lines = existing.splitlines()
    if any(line.strip().lower() == f"sitemap: {sitemap_url}".lower() for line in lines):
        return existing
    ending = "" if existing.endswith("\n") or not existing else "\n"
    return f"{existing}{ending}Sitemap: {sitemap_url}\n"
