"""The site's link graph: links to pages the site does not have (SEO-009), and pages no other
page links to (SEO-010).

Each page's links are read where the page renders; what they point to comes back as a small fact
(:class:`_PageLinks`), because whether a target exists, and whether anything links to a page, is
known only when every page has come. The rules are registered with the other SEO rules in
:mod:`.seo`, so the registry keeps its order.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Iterator
from typing import NamedTuple
from urllib.parse import unquote, urljoin, urlsplit

from ...pages.model import PagePlan
from ...render.markdown_links import markdown_targets
from ...urls import output_file
from ..context import Check, CheckContext
from ..findings import RawFinding
from ..html_scan import ScannedPage
from .seo import SEO_009, SEO_010


def _built(files: Collection[str], target: str) -> bool:
    """Whether the build wrote the page a site path names (with or without its final slash)."""
    for candidate in {target, unquote(target)}:
        try:
            if output_file(candidate) in files or output_file(candidate + "/") in files:
                return True
        except ValueError:
            continue
    return False


class _Unresolved(NamedTuple):
    """A link to what the build had not made (yet) when its page came: the site path it names,
    the link as written, and the page's path. Most are made later (the feed), so the link's
    line in the article is read only for those still missing at the end."""

    target: str
    href: str
    page: str


class _PageLinks(NamedTuple):
    """What one page links to: the site's other pages, and what the build had not made (yet)
    when the page came."""

    targets: frozenset[str]
    unresolved: tuple[_Unresolved, ...]


class LinkCheck(Check):
    """Broken internal links and orphan pages."""

    page_anywhere = True

    def __init__(self, ctx: CheckContext) -> None:
        super().__init__(ctx)
        self.linked: set[str] = set()
        self.host = urlsplit(ctx.urls.base).netloc
        self.targets: dict[str | tuple[str, str], str | None] = {}
        self.built: set[str] = set()
        self.unresolved: list[_Unresolved] = []
        """Links to what the build had not made when their page came: decided at the end."""

    def page(self, page: PagePlan, html: ScannedPage | None) -> Iterable[_PageLinks]:
        if html is not None:
            yield self._links(page, html)

    def _target(self, page: PagePlan, href: str) -> str | None:
        """The site path an internal link points to; None for external and non-page links."""
        key: str | tuple[str, str] = href if href.startswith(("/", "http")) else (page.path, href)
        try:
            return self.targets[key]
        except KeyError:
            pass
        target = None
        if not href.startswith(("#", "mailto:", "tel:")):
            parts = urlsplit(urljoin(page.path, href))
            internal = parts.scheme in ("", "http", "https") and parts.netloc in ("", self.host)
            target = parts.path if internal and parts.path.startswith("/") else None
        self.targets[key] = target
        return target

    def _exists(self, target: str) -> bool:
        """Whether the build made the page ``target`` names, as far as it has got."""
        if target in self.built:
            return True
        if _built(self.ctx.outputs, target):
            self.built.add(target)
            return True
        return False

    def _links(self, page: PagePlan, html: ScannedPage) -> _PageLinks:
        targets: set[str] = set()
        unresolved: list[_Unresolved] = []
        for href in dict.fromkeys(html.hrefs):  # a repeated link tells nothing new
            target = self._target(page, href)
            if target is None:
                continue
            if target != page.path:
                targets.add(target)
            if not self._exists(target):
                unresolved.append(_Unresolved(target, href, page.path))
        return _PageLinks(frozenset(targets), tuple(unresolved))

    def _broken(self, links: Iterable[_Unresolved]) -> Iterator[RawFinding]:
        """SEO-009 for each link, placed on its line in the page's article when it has one."""
        pages = {page.path: page for page in self.ctx.pages}
        lines: dict[str, dict[str, int]] = {}  # where each link of an article is, found once
        for link in links:
            page = pages[link.page]
            article = page.article
            path, line = page.path, None
            if article is not None:
                if page.path not in lines:
                    lines[page.path] = _link_lines(article.body)
                if (at := lines[page.path].get(link.href)) is not None:
                    line, path = article.body_line + at - 1, article.source
            message = f"{page.path} links to {link.href}, which the site does not have; readers may get a 404"
            yield RawFinding(SEO_009, path, line, message)

    def absorb(self, fact: object) -> Iterable[RawFinding]:
        if not isinstance(fact, _PageLinks):
            return super().absorb(fact)
        self.linked |= fact.targets
        self.unresolved += fact.unresolved
        return ()

    def finish(self) -> Iterator[RawFinding]:
        ctx = self.ctx
        yield from self._broken(link for link in self.unresolved if not self._exists(link.target))
        for page in ctx.pages:
            if page.indexable and page.kind != "home" and page.path not in self.linked:
                path, line = ctx.origin(page)
                message = f"no page links to {page.path}; crawlers and readers may not find it"
                yield RawFinding(SEO_010, path, line, message)


CHECKS = (LinkCheck,)


def _link_lines(markdown: str) -> dict[str, int]:
    """The line (within ``markdown``) of the first link to each URL, in one pass over the text."""
    return {target.url: target.line for target in reversed(markdown_targets(markdown))}
