"""The practice's site inside a web app that renders its own HTML: what the Django app and the
ASGI/WSGI middleware share.

:class:`HostedSite` loads the knowledge base once and, with ``reload=True`` (a development
server), again when `practice.yaml` or an article changes. It answers the three questions a web
app asks on each request: is this path one of our pages (:meth:`HostedSite.page`), what is this
HTML response with our head tags (:meth:`HostedSite.rewrite`), and does a file of ours live here
(:meth:`HostedSite.site_file`: `/sitemap.xml` and `/robots.txt`).
"""

from __future__ import annotations

import os
import threading
from dataclasses import dataclass
from pathlib import Path

from ..content.loader import PRACTICE_FILE, article_paths
from ..errors import PageNotFoundError
from ..pipeline.loading import load_site
from ..site import Site
from .api import Page, inject, page_for, robots_txt, sitemap_xml

__all__ = ["MAX_REWRITE_BYTES", "HostedSite", "SiteFile", "is_html", "loaded_site"]

MAX_REWRITE_BYTES = 8 * 1024 * 1024
"""The largest HTML response the middleware reads whole to add head tags; larger ones pass
through untouched (a page is rarely above 200 kB)."""

_Stamp = tuple[tuple[str, int, int], ...]


@dataclass(frozen=True, slots=True)
class SiteFile:
    """A file we serve for the web app: its media type and bytes."""

    content_type: str
    body: bytes


def is_html(content_type: str) -> bool:
    """Whether a Content-Type header names an HTML document (``text/html; charset=…``)."""
    return content_type.split(";", 1)[0].strip().lower() == "text/html"


def charset_of(content_type: str) -> str:
    """The charset a Content-Type header states; UTF-8 when it states none."""
    for parameter in content_type.split(";")[1:]:
        name, _, value = parameter.partition("=")
        if name.strip().lower() == "charset" and value.strip():
            return value.strip().strip('"')
    return "utf-8"


class HostedSite:
    """The site of ``root`` for a web app, under ``base_url`` (default: the practice's URL).

    Loading raises :class:`~nmt_content.errors.ContentError` when the content does not load;
    with ``reload``, each access compares the content files' sizes and modification times with
    the last load and loads again when they differ (a reload that fails raises, and the next
    access tries again).
    """

    def __init__(
        self,
        root: str | os.PathLike[str],
        *,
        base_url: str | None = None,
        reload: bool = False,
    ) -> None:
        self.root = Path(root)
        self.base_url = base_url
        self.reload = reload
        self._lock = threading.Lock()
        self._site: Site | None = None
        self._stamp: _Stamp = ()
        self._files: dict[str, SiteFile] = {}

    @property
    def site(self) -> Site:
        """The loaded site (loaded on first use; again after a change, with ``reload``)."""
        with self._lock:
            if self._site is not None and not self.reload:
                return self._site
            stamp = self._content_stamp() if self.reload else ()
            if self._site is None or stamp != self._stamp:
                self._site = load_site(self.root)
                self._stamp = stamp
                self._files = {}
            return self._site

    def page(self, path: str) -> Page | None:
        """Our page at exactly this URL path (``/about/``; ``/about`` too), or None.

        Unlike :func:`~nmt_content.integrations.api.page_for`, a bare slug does not mean an
        article here: the host's ``/x`` is not our ``/articles/x/``. The 404 page is not a page
        the host serves under its path.
        """
        site = self.site
        try:
            page = page_for(site, path, base_url=self.base_url)
        except PageNotFoundError:
            return None
        if page.path not in (path, path + "/") or page.plan.kind == "not_found":
            return None
        return page

    def rewrite(self, path: str, content_type: str, body: bytes) -> bytes | None:
        """``body`` (an HTML response for ``path``) with our head tags, in its own charset; None
        when the path is not one of our pages, the response is not HTML or cannot be decoded."""
        if not is_html(content_type) or len(body) > MAX_REWRITE_BYTES:
            return None
        page = self.page(path)
        if page is None:
            return None
        charset = charset_of(content_type)
        try:
            html = body.decode(charset)
            return inject(html, page).encode(charset, errors="xmlcharrefreplace")
        except (LookupError, UnicodeDecodeError):
            return None

    def site_file(self, path: str) -> SiteFile | None:
        """`/sitemap.xml` or `/robots.txt` for the site, made once per load; None for other paths."""
        if path not in ("/sitemap.xml", "/robots.txt"):
            return None
        site = self.site
        found = self._files.get(path)
        if found is None:
            if path == "/sitemap.xml":
                body = sitemap_xml(site, base_url=self.base_url)
                found = SiteFile("application/xml; charset=utf-8", body.encode("utf-8"))
            else:
                body = robots_txt(site, base_url=self.base_url)
                found = SiteFile("text/plain; charset=utf-8", body.encode("utf-8"))
            self._files[path] = found
        return found

    def _content_stamp(self) -> _Stamp:
        """Each content file's name, size and modification time: what a change changes."""
        stamp = []
        for file in [self.root / PRACTICE_FILE, *article_paths(self.root)]:
            try:
                info = file.stat()
            except OSError:
                continue
            stamp.append((file.as_posix(), info.st_size, info.st_mtime_ns))
        return tuple(stamp)


def loaded_site(
    owner: str,
    content_root: str | os.PathLike[str] | None,
    *,
    base_url: str | None,
    reload: bool,
    hosted: HostedSite | None,
) -> HostedSite:
    """The site a middleware serves: ``hosted`` as given, else the content under
    ``content_root``. Loaded now, not on the first request, so a broken knowledge base stops the
    app at start-up with every problem listed."""
    if hosted is None:
        if content_root is None:
            raise TypeError(f"{owner} needs content_root (or hosted)")
        hosted = HostedSite(content_root, base_url=base_url, reload=reload)
    hosted.site  # noqa: B018 - load now
    return hosted
