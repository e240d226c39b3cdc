"""What a build makes, decided before anything renders: the options a user sets, the plan
(its URLs and its pages, in order, with no two on one file) and the report it ends with."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from ..errors import BuildError
from ..pages.model import PagePlan
from ..pages.plan import plan_pages
from ..render.i18n import page_words
from ..render.markdown import Neutralised
from ..site import Site
from ..urls import RESERVED_PATHS, Urls, output_file
from .options import BuildOptions
from .static_outputs import refuse_static_collisions

__all__ = [
    "MANIFEST_PATH",
    "SITEMAP_STYLESHEET_PATH",
    "STYLESHEET_PATH",
    "BuildOptions",
    "BuildPlan",
    "BuildReport",
    "feed_pages",
    "plan_build",
]


STYLESHEET_PATH = "/assets/site.css"


SITEMAP_STYLESHEET_PATH = "/sitemap.xsl"


MANIFEST_PATH = "/seo.json"


@dataclass(frozen=True)
class BuildReport:
    """What a finished build noticed: pieces of structured data left out, missing recommended
    data. Made once, when the build's last page is done."""

    pages: tuple[PagePlan, ...] = ()
    notes: tuple[str, ...] = ()
    """Every page's notes, each once, in the order first seen."""
    page_notes: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    """The notes of each page, by page path (kept so an incremental build can repeat them)."""
    manifest_spans: Mapping[str, tuple[int, int]] = field(default_factory=dict)
    """Where each page's entry is in `seo.json`: (offset, length) in bytes, by page path."""
    neutralised: Mapping[str, tuple[Neutralised, ...]] = field(default_factory=dict)
    """What the Markdown renderer neutralised in a page's own Markdown (raw HTML, unsafe links),
    by page path, for the pages this build rendered that had any (not those an incremental
    build reused); `check` reports them (SEO-017)."""
    rendered: int = 0
    """Pages rendered; the others were reused from the previous output."""


@dataclass(frozen=True)
class BuildPlan:
    """What a build makes, decided before anything renders: its URLs and its pages, in order."""

    urls: Urls
    pages: tuple[PagePlan, ...]
    feed_url: str | None
    """The feed's absolute URL; None when no article is published (and no feed is written)."""
    feed_path: str | None
    files: tuple[str, ...]
    """Each page's file in the output (:func:`~nmt_content.urls.output_file`), in page order."""


def plan_build(site: Site, options: BuildOptions) -> BuildPlan:
    """Plan a build: every page in order. Raises :class:`BuildError` when two pages would be
    written to the same file, or a page or a `static/` file would overwrite a reserved output."""
    urls = Urls.for_base(options.base_url or site.practice.url)
    pages = tuple(plan_pages(site, urls, include_drafts=options.include_drafts, words=page_words))
    files = refuse_collisions(pages)
    refuse_static_collisions(site.static, pages, files)
    feed_url = urls.absolute(urls.feed) if feed_pages(pages) else None
    return BuildPlan(urls, pages, feed_url, urls.feed if feed_url else None, files)


def refuse_collisions(pages: Sequence[PagePlan]) -> tuple[str, ...]:
    """Each page's file in the output, in page order; :class:`BuildError` when two pages would
    be written to the same file, or a page to a reserved one."""
    owners: dict[str, str] = {}
    files = tuple(output_file(page.path) for page in pages)
    for page, path in zip(pages, files, strict=True):
        owner = page.source or f"the {page.kind.replace('_', ' ')} page"
        if path in owners:
            raise BuildError(f"{owners[path]} and {owner} would both be written to {path}")
        if page.kind != "not_found" and path.split("/")[0] in RESERVED_PATHS:
            raise BuildError(f"{owner} would overwrite the reserved output {path}")
        owners[path] = owner
    return files


def feed_pages(pages: Sequence[PagePlan]) -> list[PagePlan]:
    return [p for p in pages if p.kind == "article" and p.indexable]
