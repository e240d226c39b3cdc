"""Images and files the content points at: each must be in `static/` (which the build publishes
as it is), with the size it says it has; an article's own image must be large enough for Google
Discover and have a text alternative.

A URL on another host is not checked (it is not ours to publish); a site path, or a URL under the
site's base URL, is looked up in `static/`. Links in Markdown are checked only when they point
at a file (a name with an extension) that the build does not make itself.
"""

from __future__ import annotations

import posixpath
from collections.abc import Iterable, Iterator

from ...models import Article
from ...render.markdown_links import markdown_targets, target_urls
from ...site import static_path
from ..context import PRACTICE_FILE, Check, CheckContext
from ..findings import RawFinding
from ..registry import register

__all__ = ["CHECKS", "DISCOVER_MIN_WIDTH"]

DISCOVER_MIN_WIDTH = 1200
"""Google Discover asks for large images, at least 1200 px wide."""

SEO_020 = register(
    "SEO-020",
    "error",
    "An image or file the content points at is not in static/",
    explanation="Only what is in the content root's `static/` folder is published (at the same "
    "path: `static/images/logo.png` is `/images/logo.png`). A reference to anything else is a "
    "broken image or a broken link on the built site, in link previews and in structured data.",
    source="Google Search Central: Image SEO best practices",
    fix="Put the file into static/ at that path, or correct the path.",
    family="SEO",
)

SEO_021 = register(
    "SEO-021",
    "error",
    "An image's width or height differs from the file's",
    explanation="The build reads every image's size from the file in static/ and states that "
    "one (og:image:width, ImageObject, <img width height>); a different size typed by hand is "
    "wrong in one of the two places.",
    source="Open Graph protocol: og:image:width and og:image:height",
    fix="Remove `width` and `height` (the file's size is used), or correct them.",
    family="SEO",
)

SEO_022 = register(
    "SEO-022",
    "warning",
    f"An article's image is narrower than {DISCOVER_MIN_WIDTH} px",
    explanation="Google Discover shows large images only for pages whose image is at least "
    f"{DISCOVER_MIN_WIDTH} px wide (with `max-image-preview:large`, which every page has); a "
    "smaller one gets a thumbnail, or none.",
    source="Google Search Central: Get on Discover (use large, high-quality images at least "
    "1200 px wide)",
    fix=f"Use an image at least {DISCOVER_MIN_WIDTH} px wide.",
    family="SEO",
)

SEO_023 = register(
    "SEO-023",
    "warning",
    "An article's image has no text alternative",
    explanation="The lead image is shown on the page and in link previews (og:image:alt); "
    "without `alt` a screen reader says nothing about it (WCAG 1.1.1).",
    source="WCAG 2.1, success criterion 1.1.1 Non-text Content",
    fix="Write in `image.alt` what the image shows.",
    family="SEO",
)


_TARGETS = "targets"
"""The memo field of a body's images and links: ``[[kind, url], …]``."""
_KINDS = ("image", "link")


class AssetCheck(Check):
    """References to images and files, and the sizes and alt text of articles' images."""

    def __init__(self, ctx: CheckContext) -> None:
        super().__init__(ctx)
        self._statics: dict[str, tuple[str | None, bool]] = {}

    def _static(self, src: str) -> tuple[str | None, bool]:
        """The `static/` path ``src`` is served from (None: elsewhere), and whether no file is
        there. Pure, and kept per reference: articles point at the same few files again and
        again, and parsing each URL anew cost more than the rest of the rule."""
        found = self._statics.get(src)
        if found is None:
            base = self.ctx.urls.base
            relative = static_path(src, base)
            missing = relative is not None and self.ctx.site.static_file(src, base) is None
            found = self._statics[src] = (relative, missing)
        return found

    def _missing(self, src: str) -> bool:
        return self._static(src)[1]

    def _missing_message(self, src: str, field: str) -> str:
        relative = self._static(src)[0]
        return f"{field}: `{src}` is not in static/ (no file static/{relative}); nothing is published there"

    def article(self, article: Article) -> Iterator[RawFinding]:
        meta, path = article.meta, article.source
        if meta.image is not None:
            line = self.ctx.key_line(path, "image")
            src = meta.image.src
            if self._missing(src):
                yield RawFinding(SEO_020, path, line, self._missing_message(src, "image.src"))
            size = self.ctx.site.image_size(src, self.ctx.urls.base)
            if size is not None:
                yield from self._sizes(path, line, meta.image.width, meta.image.height, size)
                if size[0] < DISCOVER_MIN_WIDTH:
                    yield RawFinding(
                        SEO_022,
                        path,
                        line,
                        f"image.src: `{src}` is {size[0]} px wide; Google Discover asks for at "
                        f"least {DISCOVER_MIN_WIDTH} px",
                    )
            if not meta.image.alt.strip():
                yield RawFinding(SEO_023, path, line, f"image.alt: `{src}` has no alt text")
        yield from self._body(path, article.body, article.body_line)

    def _sizes(
        self,
        path: str,
        line: int | None,
        width: int | None,
        height: int | None,
        size: tuple[int, int],
    ) -> Iterator[RawFinding]:
        for name, typed, actual in (("width", width, size[0]), ("height", height, size[1])):
            if typed is not None and typed != actual:
                yield RawFinding(
                    SEO_021,
                    path,
                    line,
                    f"image.{name}: {typed} is written, but the file is {actual} px "
                    f"{'wide' if name == 'width' else 'high'}; "
                    "remove it (the file's size is used) or correct it",
                )

    def _flagged(self, kind: str, url: str) -> bool:
        """Whether an image or link of the body points at a file missing from `static/`."""
        return (kind != "link" or self._is_file_link(url)) and self._missing(url)

    def _targets(self, body: str) -> Iterable[tuple[str, str]]:
        """(kind, url) of the images and links of a Markdown body (:func:`target_urls`), from
        the memo when it has them (the parser's events cost about as much as rendering)."""
        memo = self.ctx.memo
        if memo is None:
            return target_urls(body)
        found = memo.get(body, _TARGETS)
        if isinstance(found, list) and all(
            isinstance(pair, list)
            and len(pair) == 2
            and pair[0] in _KINDS
            and isinstance(pair[1], str)
            for pair in found
        ):
            return found
        targets = target_urls(body)
        memo.put(body, _TARGETS, [list(pair) for pair in targets])
        return targets

    def _body(self, path: str, body: str, first_line: int) -> Iterator[RawFinding]:
        # Decided on the parser's events alone; their lines are read only for a finding.
        if not any(self._flagged(kind, url) for kind, url in self._targets(body)):
            return
        for target in markdown_targets(body):
            if self._flagged(target.kind, target.url):
                field = "body image" if target.kind == "image" else "body link"
                yield RawFinding(
                    SEO_020,
                    path,
                    first_line + target.line - 1,
                    self._missing_message(target.url, field),
                )

    def _is_file_link(self, url: str) -> bool:
        """A link to a file of ours that no page or generated file answers (`/forms/intake.pdf`)."""
        if url.endswith("/") and "?" not in url and "#" not in url:
            return False  # a folder (a page), wherever it is: no need to parse it
        relative = self._static(url)[0]
        if relative is None or relative.endswith("/"):
            return False
        if relative in self.ctx.outputs or relative.split("/")[0] in ("feed.xml", "sitemap.xml"):
            return False
        return bool(posixpath.splitext(relative)[1])

    def finish(self) -> Iterator[RawFinding]:
        site = self.ctx.site
        references: list[tuple[str, tuple[str | int, ...]]] = [
            (src, ("practice", key))
            for key, src in (("logo", site.practice.logo), ("image", site.practice.image))
            if src
        ]
        for index, therapist in enumerate(site.therapists):
            if therapist.image:
                references.append((therapist.image, ("therapists", index, "image")))
        for src, field in references:
            if self._missing(src):
                name = ".".join(str(part) for part in field)
                yield RawFinding(
                    SEO_020,
                    PRACTICE_FILE,
                    self.ctx.practice_line(*field),
                    self._missing_message(src, name),
                )
        texts = [(s.body, ("services", i, "body")) for i, s in enumerate(site.services)]
        texts += [(t.bio, ("therapists", i, "bio")) for i, t in enumerate(site.therapists)]
        for text, field in texts:
            if text:
                line = self.ctx.practice_line(*field) or 1
                # A block scalar (`body: |`) starts on the line after its key.
                yield from self._body(PRACTICE_FILE, text, line + 1 if "\n" in text else line)


CHECKS = (AssetCheck,)
