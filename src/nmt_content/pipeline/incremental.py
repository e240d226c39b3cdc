"""What an incremental build knows about the previous output, and the digest of each page that
decides whether its previous file can be reused."""

from __future__ import annotations

import hashlib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from ..pages.model import PagePlan

__all__ = ["Incremental", "page_digests"]


@dataclass(frozen=True)
class Incremental:
    """What an incremental build knows: the hash of everything every output depends on, the
    hash of each content file, and what the previous output holds and is still intact.

    A page is rendered again unless its digest (the key, the listing of every page, its own path
    and its content file's hash) equals the one recorded for the file in the previous output.
    """

    key: str
    """A hash of the tool (version and code), the options, `practice.yaml` and the templates."""
    sources: Mapping[str, str] = field(default_factory=dict)
    """Content file (``articles/x.md``) → hash of its bytes."""
    files: Mapping[str, str] = field(default_factory=dict)
    """Output path → digest, for the files of the previous output that are still as written."""
    manifest: Mapping[str, tuple[int, int]] = field(default_factory=dict)
    """Page path → (offset, length) of its entry in the previous `seo.json`, when intact."""
    notes: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    """Page path → the notes that page's structured data raised in the previous build."""


def page_digests(pages: Sequence[PagePlan], incremental: Incremental) -> list[str]:
    """Each page's digest: the build key, the listing of every page (what lists, menus and
    structured data can show of other pages), the page's path and its content file's hash."""
    listing = hashlib.sha256(incremental.key.encode())
    for page in pages:
        services = page.article.meta.services if page.article is not None else ()
        fields = (
            page.kind,
            page.path,
            page.url,
            page.title,
            page.headline,
            page.description,
            page.language,
            page.og_type,
            page.image,
            page.date_published,
            page.date_modified,
            page.noindex,
            page.draft,
            page.source,
            page.alternates,
            services,
        )
        listing.update(repr(fields).encode())
        listing.update(b"\0")
    common = listing.hexdigest()
    digests = []
    for page in pages:
        own = incremental.sources.get(page.source, "") if page.source else ""
        if page.source and not own and page.article is not None:
            own = hashlib.sha256(
                page.article.meta.model_dump_json().encode() + page.article.body.encode()
            ).hexdigest()
        digests.append(hashlib.sha256(f"{common}\0{page.path}\0{own}".encode()).hexdigest())
    return digests
