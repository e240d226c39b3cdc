"""URL rules, stated once: which path each page has, its canonical URL, and its output file.

Every path is built from a validated slug, so no path can leave the output folder; `output_file`
checks that again, because a path is the one thing the writer trusts.
"""

from __future__ import annotations

import posixpath
import string
from dataclasses import dataclass
from urllib.parse import quote, unquote, urlsplit

from .models.types import check_slug

__all__ = ["RESERVED_PATHS", "Urls", "normalise_base_url", "output_file"]

RESERVED_PATHS = frozenset(
    {"sitemap.xml", "sitemap.xsl", "feed.xml", "robots.txt", "404.html", "seo.json", "assets"}
)
"""Output names the build writes itself; no page may claim them."""


def normalise_base_url(url: str) -> str:
    """The base URL with exactly one trailing slash, no query or fragment, its path
    percent-encoded and its host in ASCII.

    Control characters and inner whitespace are refused, not dropped (``urlsplit`` would silently
    drop CR, LF and tab), so a base URL can never carry a line break into robots.txt or a header.
    """
    url = url.strip()
    if any(c.isspace() or ord(c) < 0x20 or 0x7F <= ord(c) <= 0x9F for c in url):
        raise ValueError(f"the base URL cannot contain spaces or control characters, got {url!r}")
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise ValueError(f"the base URL must be an absolute http(s) URL, got {url!r}")
    netloc = parts.netloc.lower()
    if not netloc.isascii():  # an international domain name: its ASCII (punycode) form
        try:
            netloc = netloc.encode("idna").decode("ascii")
        except UnicodeError:
            raise ValueError(
                f"the base URL's host is not a valid domain name, got {url!r}"
            ) from None
    if not set(netloc) <= _NETLOC_CHARACTERS:
        raise ValueError(f"the base URL's host has characters a host cannot have, got {url!r}")
    # Every character a URL cannot carry as is (quotes, <, >, non-ASCII) is percent-encoded;
    # existing %XX escapes and the path's own delimiters are kept.
    path = quote(parts.path.rstrip("/") + "/", safe=_PATH_SAFE)
    return f"{parts.scheme}://{netloc}{path}"


_NETLOC_CHARACTERS = frozenset(string.ascii_lowercase + string.digits + "-._~:[]@!$&'()*+,;=%")
_PATH_SAFE = "/%:@!$&'()*+,;=~"


@dataclass(frozen=True, slots=True)
class Urls:
    """Paths and absolute URLs of every page, relative to one base URL."""

    base: str
    """The site's base URL, normalised to end with `/`."""

    @classmethod
    def for_base(cls, url: str) -> Urls:
        """Urls for a base URL as a user wrote it."""
        return cls(normalise_base_url(url))

    home = "/"
    about = "/about/"
    team = "/team/"
    articles = "/articles/"
    services = "/services/"
    locations = "/locations/"
    not_found = "/404.html"
    feed = "/feed.xml"
    sitemap = "/sitemap.xml"

    @staticmethod
    def article(slug: str) -> str:
        """The path of an article page."""
        return f"/articles/{_segment(slug)}/"

    @staticmethod
    def service(slug: str) -> str:
        """The path of a service page."""
        return f"/services/{_segment(slug)}/"

    @staticmethod
    def therapist(slug: str) -> str:
        """The path of a therapist's profile page in a practice of several therapists."""
        return f"/team/{_segment(slug)}/"

    @staticmethod
    def location(slug: str) -> str:
        """The path of an office page."""
        return f"/locations/{_segment(slug)}/"

    def absolute(self, path: str) -> str:
        """The absolute URL of a site path (``/about/`` → ``https://example.com/about/``).

        An absolute http(s) URL is returned unchanged, so image sources may be either.
        """
        if path.startswith(("http://", "https://")):
            return path
        if not path.startswith("/"):
            raise ValueError(f"site paths start with /, got {path!r}")
        return self.base + path.lstrip("/")


def output_file(path: str) -> str:
    """The file a page path is written to, relative to the output folder.

    ``/`` → ``index.html``; ``/about/`` → ``about/index.html``; ``/404.html`` → ``404.html``.
    Percent-escapes are decoded, as every web server does before it looks for the file:
    ``/articles/%E6%8C%89%E6%91%A9/`` → ``articles/按摩/index.html``.
    """
    if not path.startswith("/"):
        raise ValueError(f"not a site path: {path!r}")
    try:
        relative = unquote(path.lstrip("/"), errors="strict")
    except UnicodeDecodeError:
        raise ValueError(f"not a site path: {path!r}") from None
    if "\\" in relative or "\x00" in relative:
        raise ValueError(f"not a site path: {path!r}")
    if relative == "" or relative.endswith("/"):
        relative += "index.html"
    normal = posixpath.normpath(relative)
    if normal != relative or normal.startswith(("../", "/")) or normal == "..":
        raise ValueError(f"the path {path!r} would leave the output folder")
    return normal


def _segment(slug: str) -> str:
    """A slug, checked, as a path segment: an ASCII slug (letters, digits and hyphens, all safe
    in a URL) is its own encoding, so only another is percent-encoded (a page per article is
    planned on every build)."""
    checked = check_slug(slug)
    return checked if checked.isascii() else quote(checked)
