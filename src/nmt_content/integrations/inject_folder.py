"""`nmt-content inject`: enrich a folder of HTML that another generator built.

Each HTML file is matched to one of our pages by its URL path (``about/index.html`` ↔ ``/about/``,
``about.html`` ↔ ``/about/`` too); matched files get our head tags, the rest are left alone.
`sitemap.xml` gets our indexable pages merged in (the other generator's URLs are kept) and
`robots.txt` gets a `Sitemap:` line if it has none. Non-HTML files are never touched, and every
file is replaced atomically.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

from ..errors import OutputError
from ..pipeline.writer import replace_file
from ..render.robots import render_robots
from ..render.sitemap import (
    IMAGE_NS,
    SITEMAP_NS,
    XHTML_NS,
    SitemapAlternate,
    SitemapEntry,
    SitemapImage,
    sitemap_documents,
    sitemap_entries,
)
from ..site import Site
from .api import Page, inject, pages_of

__all__ = ["InjectReport", "inject_site", "merge_robots", "merge_sitemap"]

_SM = f"{{{SITEMAP_NS}}}"
_IMAGE = f"{{{IMAGE_NS}}}"
_XHTML = f"{{{XHTML_NS}}}"


@dataclass
class InjectReport:
    """Which files were enriched and which were left alone."""

    matched: list[tuple[str, str]] = field(default_factory=list)
    """(file, page path) pairs that received our head tags."""
    unchanged: list[str] = field(default_factory=list)
    """Matched files whose tags were already current."""
    skipped: list[str] = field(default_factory=list)
    """HTML files with no matching page."""
    missing: list[str] = field(default_factory=list)
    """Our pages with no file in the folder."""
    written: list[str] = field(default_factory=list)
    """Site-wide files written or merged (sitemap.xml, robots.txt)."""


def inject_site(site_dir: Path, site: Site, *, base_url: str | None = None) -> InjectReport:
    """Inject head tags into every matching page under ``site_dir`` and merge sitemap/robots."""
    if not site_dir.is_dir():
        raise OutputError(f"{site_dir} is not a folder of HTML files")
    pages = pages_of(site, base_url=base_url)
    report = InjectReport()
    seen: set[str] = set()
    for file in sorted(site_dir.rglob("*.html"), key=lambda p: p.as_posix()):
        relative = file.relative_to(site_dir).as_posix()
        page = pages.get(_url_path(relative))
        if page is None:
            report.skipped.append(relative)
            continue
        seen.add(page.path)
        original = file.read_bytes().decode("utf-8", errors="surrogateescape")
        enriched = inject(original, page)
        if enriched == original:
            report.unchanged.append(relative)
        else:
            replace_file(file, enriched.encode("utf-8", errors="surrogateescape"))
        report.matched.append((relative, page.path))
    report.missing = sorted(set(pages) - seen - {"/404.html"})
    present = [pages[path] for path in sorted(seen)]
    base = next(iter(pages.values())).urls.base
    _write_sitemap(site_dir, present, base, report)
    _write_robots(site_dir, base, report)
    return report


def _url_path(relative: str) -> str:
    if relative == "index.html":
        return "/"
    if relative.endswith("/index.html"):
        return "/" + relative[: -len("index.html")]
    if relative == "404.html":
        return "/404.html"
    return "/" + relative[: -len(".html")] + "/"


def merge_sitemap(existing: bytes | None, entries: Iterable[SitemapEntry], base_url: str) -> bytes:
    """A urlset with the existing URLs (ours replace any with the same loc) and ours.

    The other generator's entries keep their `<lastmod>`, images and hreflang alternates;
    `<changefreq>` and `<priority>`, which Google ignores, are not kept."""
    merged: dict[str, SitemapEntry] = {}
    if existing:
        try:
            root = ET.fromstring(existing)
        except ET.ParseError as exc:
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
    return SitemapEntry(loc=loc, lastmod=lastmod, images=images, alternates=alternates)


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


def _write_sitemap(site_dir: Path, pages: list[Page], base: str, report: InjectReport) -> None:
    target = site_dir / "sitemap.xml"
    existing = target.read_bytes() if target.is_file() else None
    data = merge_sitemap(existing, sitemap_entries(page.plan for page in pages), base)
    if data != existing:
        replace_file(target, data)
        report.written.append("sitemap.xml")


def _write_robots(site_dir: Path, base: str, report: InjectReport) -> None:
    target = site_dir / "robots.txt"
    existing = target.read_text(encoding="utf-8") if target.is_file() else None
    text = merge_robots(existing, base + "sitemap.xml")
    if text != existing:
        replace_file(target, text.encode("utf-8"))
        report.written.append("robots.txt")
