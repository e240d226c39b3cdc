"""The options of a build. Apart from :mod:`.plan` (which imports the pages and the renderer) so
that a rebuild that finds nothing changed needs none of them."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

__all__ = ["BuildOptions"]


@dataclass(frozen=True, slots=True)
class BuildOptions:
    """How to build: everything a user can set on the command line."""

    base_url: str | None = None
    """Override `practice.url` (e.g. for a staging host)."""
    templates: Path | None = None
    """A folder whose templates override the built-in ones."""
    include_drafts: bool = False
    """Build draft articles too (never listed in sitemaps or the feed)."""
    max_sitemap_urls: int = 50_000
    """Split the sitemap into an index and children above this many URLs."""
    max_sitemap_bytes: int = 50 * 1024 * 1024
    """…or above this many bytes per file."""
