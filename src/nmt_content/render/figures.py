"""Images the theme shows (logo, hero, portraits, office photos, an article's lead image), each
with its size read from its file in `static/`, so the browser reserves its box (no layout shift)."""

from __future__ import annotations

from dataclasses import dataclass

from ..pages.model import PagePlan
from ..site import Site
from ..urls import Urls

__all__ = ["FigureView", "figure", "lead_figure"]


@dataclass(frozen=True, slots=True)
class FigureView:
    """An image shown on a page, with its size (from its file) and caption."""

    src: str
    """As written: a site path or an absolute URL."""
    alt: str
    width: int | None
    height: int | None
    caption: str | None


def figure(site: Site, urls: Urls, src: str, alt: str) -> FigureView:
    """The image at ``src`` (a site path or a URL), sized from its `static/` file when it is
    there; an image elsewhere has no stated size. A site path stays a path, so the image shows
    wherever the site is served (`serve` on 127.0.0.1, a staging host)."""
    size = site.image_size(src, urls.base)
    width, height = size if size is not None else (None, None)
    return FigureView(src, alt, width, height, None)


def lead_figure(page: PagePlan) -> FigureView | None:
    """The article's own lead image, as its page shows it; None for other pages."""
    if page.article is None or page.image is None or not page.own_image:
        return None
    ref = page.article.meta.image
    if ref is None:  # pragma: no cover - own_image says there is one
        return None
    width, height = page.image.width, page.image.height
    if width is None or height is None:  # a lone dimension is not stated
        width = height = None
    return FigureView(ref.src, ref.alt, width, height, ref.caption)
