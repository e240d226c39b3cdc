"""sitemaps.org 0.9 sitemaps, split into a sitemap index when one file is not enough.

:func:`sitemap_documents` turns any iterable of :class:`SitemapEntry` (a list, or a generator of a
million entries) into the files to publish, rendering each entry once and holding at most one
child sitemap in memory. :func:`render_sitemap_stylesheet` gives the XSLT that makes those files
readable when opened in a browser.

Consuming the documents
-----------------------
The documents come from a generator that pulls entries from the input only as it goes:

* Consume them in the order given and write (or discard) each one before asking for the next;
  memory then stays at about two child sitemaps however many entries there are. Collecting them
  all into a list works too, but keeps every file in memory.
* Each document's ``chunks`` is a finished, immutable tuple: it can be iterated any number of
  times and stays valid after the next document is produced. Write the chunks in order.
* When the entries fit one file, the only document is ``sitemap.xml`` (a ``urlset``). Otherwise
  the children ``sitemap-1.xml``, ``sitemap-2.xml``, ... come first and the ``sitemap.xml`` index
  comes **last**, so a writer that publishes in order never exposes an index naming a child that is
  not written yet.
* An error (:class:`~nmt_content.errors.BuildError`) may be raised after some children were
  yielded; a writer should stage the files and publish them only when the generator is exhausted.
"""

from __future__ import annotations

import importlib.resources
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date, datetime
from functools import cache
from urllib.parse import urlsplit

from jinja2 import Environment

from nmt_content.errors import BuildError
from nmt_content.pages.model import PagePlan
from nmt_content.render.i18n import translations
from nmt_content.render.xmltext import instant, w3c_datetime, xml_attr, xml_text

__all__ = [
    "MAX_IMAGES_PER_URL",
    "PROTOCOL_MAX_BYTES",
    "PROTOCOL_MAX_URLS",
    "SitemapAlternate",
    "SitemapDocument",
    "SitemapEntry",
    "SitemapImage",
    "page_sitemap_entry",
    "render_sitemap_stylesheet",
    "sitemap_documents",
    "sitemap_entries",
]

PROTOCOL_MAX_URLS = 50_000
"""sitemaps.org limit on ``<url>`` entries per sitemap and ``<sitemap>`` entries per index."""
PROTOCOL_MAX_BYTES = 50 * 1024 * 1024
"""sitemaps.org limit on the uncompressed size of one sitemap file."""
MAX_IMAGES_PER_URL = 1_000
"""Google's limit on ``<image:image>`` elements per ``<url>``; further images are dropped."""

SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"
IMAGE_NS = "http://www.google.com/schemas/sitemap-image/1.1"
XHTML_NS = "http://www.w3.org/1999/xhtml"

_INDEX_PATH = "sitemap.xml"
_BLOCK_BYTES = 64 * 1024  # rendered entries are joined into blocks of about this size
_XML_DECLARATION = b'<?xml version="1.0" encoding="UTF-8"?>\n'
_URLSET_END = b"</urlset>\n"
_INDEX_END = b"</sitemapindex>\n"


@dataclass(frozen=True, slots=True)
class SitemapImage:
    """An image on the page, for Google's image sitemap extension."""

    loc: str


@dataclass(frozen=True, slots=True)
class SitemapAlternate:
    """One language version of the page (``<xhtml:link rel="alternate">``).

    Google expects every version, the page itself included, to be listed on each of them; pass the
    self-reference explicitly, nothing is added here.
    """

    hreflang: str
    href: str


@dataclass(frozen=True, slots=True)
class SitemapEntry:
    """One page of the site; ``loc`` must be an absolute URL (it is escaped, not checked)."""

    loc: str
    lastmod: date | datetime | None = None
    images: tuple[SitemapImage, ...] = ()
    alternates: tuple[SitemapAlternate, ...] = ()
    changefreq: str | None = None
    """Kept from another generator's sitemap by `inject`; our own entries have none (Google
    ignores it)."""
    priority: str | None = None
    """Kept from another generator's sitemap by `inject`, like ``changefreq``."""


def page_sitemap_entry(page: PagePlan) -> SitemapEntry:
    """The sitemap entry of one page, the same for `build`, the API and `inject`: its canonical
    URL, its lastmod, the image it shows (an article's own lead image; the practice image that
    other pages and articles without an image use for link previews is not on the page) and its
    language versions, itself included."""
    return SitemapEntry(
        loc=page.url,
        lastmod=page.lastmod,
        images=(SitemapImage(page.image.url),) if page.image and page.own_image else (),
        alternates=tuple(SitemapAlternate(lang, href) for lang, href in page.alternates),
    )


def sitemap_entries(pages: Iterable[PagePlan]) -> Iterator[SitemapEntry]:
    """The entries of the indexable ``pages``, in their order."""
    return (page_sitemap_entry(page) for page in pages if page.indexable)


@dataclass(frozen=True, slots=True)
class SitemapDocument:
    """One file to publish: ``path`` relative to the site root, content as UTF-8 ``chunks``."""

    path: str
    chunks: Iterable[bytes]


def sitemap_documents(
    entries: Iterable[SitemapEntry],
    *,
    base_url: str,
    max_urls: int = PROTOCOL_MAX_URLS,
    max_bytes: int = PROTOCOL_MAX_BYTES,
    stylesheet: str | None = "/sitemap.xsl",
) -> Iterator[SitemapDocument]:
    """Render ``entries`` as one ``sitemap.xml``, or as child sitemaps plus a sitemap index.

    Entries keep their order. A child holds at most ``max_urls`` entries and ``max_bytes`` bytes of
    encoded output; the index lists each child at ``base_url`` + its path, with the newest
    ``lastmod`` of its entries. ``stylesheet`` (a URL, or ``None`` for none) is referenced by an
    ``xml-stylesheet`` processing instruction in every file. No entries give an empty ``urlset``
    (well-formed, though the XSD wants at least one ``<url>``). The index itself is held to the
    protocol limits (50,000 sitemaps, 50 MiB), not to ``max_urls``/``max_bytes``. See the module
    docstring for how to consume the result.

    Raises ``ValueError`` for limits outside the protocol's and :class:`BuildError` when one entry
    alone exceeds ``max_bytes`` or the index would outgrow the protocol limits.
    """
    _check_limits(max_urls, max_bytes)
    root = _site_root(base_url)
    # Validated eagerly above; the generator below does the work lazily.
    return _generate(iter(entries), root, max_urls, max_bytes, _stylesheet_pi(stylesheet))


@cache
def render_sitemap_stylesheet(language: str = "en") -> str:
    """The XSLT 1.0 stylesheet (``sitemap.xsl``) that shows a sitemap or index as an HTML table,
    its words in ``language`` (a BCP 47 tag: the practice's; one file serves the whole site).

    It makes no external requests and links only ``http(s)`` locations.
    """
    resource = importlib.resources.files("nmt_content").joinpath("static", "sitemap.xsl")
    source = resource.read_text(encoding="utf-8")
    template = Environment(autoescape=True, keep_trailing_newline=True).from_string(source)
    return template.render(translations(language).template_globals)


def _check_limits(max_urls: int, max_bytes: int) -> None:
    if not 1 <= max_urls <= PROTOCOL_MAX_URLS:
        raise ValueError(f"max_urls must be between 1 and {PROTOCOL_MAX_URLS}, not {max_urls}")
    if not 1 <= max_bytes <= PROTOCOL_MAX_BYTES:
        raise ValueError(f"max_bytes must be between 1 and {PROTOCOL_MAX_BYTES}, not {max_bytes}")


def _site_root(base_url: str) -> str:
    parts = urlsplit(base_url)
    if parts.scheme not in {"http", "https"} or not parts.netloc:
        raise ValueError(f"base_url must be an absolute http(s) URL, not {base_url!r}")
    return base_url.rstrip("/") + "/"


def _stylesheet_pi(stylesheet: str | None) -> bytes:
    if stylesheet is None:
        return b""
    # xml_attr escapes ">", so the value cannot end the processing instruction early.
    return f'<?xml-stylesheet type="text/xsl" href="{xml_attr(stylesheet)}"?>\n'.encode()


def _urlset_start(pi: bytes, *, images: bool, alternates: bool) -> bytes:
    namespaces = f' xmlns="{SITEMAP_NS}"'
    if images:
        namespaces += f' xmlns:image="{IMAGE_NS}"'
    if alternates:
        namespaces += f' xmlns:xhtml="{XHTML_NS}"'
    return _XML_DECLARATION + pi + f"<urlset{namespaces}>\n".encode()


def _render_url(entry: SitemapEntry) -> bytes:
    parts = ["<url><loc>", xml_text(entry.loc), "</loc>"]
    if entry.lastmod is not None:
        parts += ["<lastmod>", w3c_datetime(entry.lastmod), "</lastmod>"]
    if entry.changefreq is not None:
        parts += ["<changefreq>", xml_text(entry.changefreq), "</changefreq>"]
    if entry.priority is not None:
        parts += ["<priority>", xml_text(entry.priority), "</priority>"]
    for image in entry.images[:MAX_IMAGES_PER_URL]:
        parts += ["<image:image><image:loc>", xml_text(image.loc), "</image:loc></image:image>"]
    for alternate in entry.alternates:
        parts += [
            '<xhtml:link rel="alternate" hreflang="',
            xml_attr(alternate.hreflang),
            '" href="',
            xml_attr(alternate.href),
            '"/>',
        ]
    parts.append("</url>\n")
    return "".join(parts).encode()


class _Child:
    """The rendered entries of one sitemap file, while it is being filled."""

    def __init__(self, pi: bytes) -> None:
        self._starts = {
            (images, alternates): _urlset_start(pi, images=images, alternates=alternates)
            for images in (False, True)
            for alternates in (False, True)
        }
        self._blocks: list[bytes] = []
        self._pending: list[bytes] = []
        self._pending_size = 0
        self._body_size = 0
        self._images = False
        self._alternates = False
        self.count = 0
        self.newest: date | datetime | None = None
        self._newest_instant: datetime | None = None

    def fits(self, entry: SitemapEntry, rendered: bytes, max_urls: int, max_bytes: int) -> bool:
        """Whether adding ``entry`` keeps this file within both limits."""
        if self.count >= max_urls:
            return False
        start = self._starts[
            self._images or bool(entry.images), self._alternates or bool(entry.alternates)
        ]
        size = len(start) + self._body_size + len(rendered) + len(_URLSET_END)
        return size <= max_bytes

    def add(self, entry: SitemapEntry, rendered: bytes) -> None:
        self._pending.append(rendered)
        self._pending_size += len(rendered)
        if self._pending_size >= _BLOCK_BYTES:
            self._flush_pending()
        self.count += 1
        self._body_size += len(rendered)
        self._images = self._images or bool(entry.images)
        self._alternates = self._alternates or bool(entry.alternates)
        if entry.lastmod is not None:
            self._note_lastmod(entry.lastmod)

    def _note_lastmod(self, lastmod: date | datetime) -> None:
        moment = instant(lastmod)
        if self._newest_instant is None or moment > self._newest_instant:
            self.newest, self._newest_instant = lastmod, moment

    def chunks(self) -> tuple[bytes, ...]:
        """The finished file: start tag, the entry blocks, end tag."""
        self._flush_pending()
        return (self._starts[self._images, self._alternates], *self._blocks, _URLSET_END)

    def _flush_pending(self) -> None:
        if self._pending:
            self._blocks.append(b"".join(self._pending))
            self._pending = []
            self._pending_size = 0


class _Index:
    """The ``<sitemap>`` records of the index, checked against the protocol limits as they come."""

    def __init__(self, root: str, pi: bytes) -> None:
        self._root = root
        self._start = _XML_DECLARATION + pi + f'<sitemapindex xmlns="{SITEMAP_NS}">\n'.encode()
        self._records: list[bytes] = []
        self._size = len(self._start) + len(_INDEX_END)

    def add(self, path: str, newest: date | datetime | None) -> None:
        record = f"<sitemap><loc>{xml_text(self._root + path)}</loc>"
        if newest is not None:
            record += f"<lastmod>{w3c_datetime(newest)}</lastmod>"
        encoded = (record + "</sitemap>\n").encode()
        self._size += len(encoded)
        self._records.append(encoded)
        if len(self._records) > PROTOCOL_MAX_URLS or self._size > PROTOCOL_MAX_BYTES:
            raise BuildError(
                f"the sitemap index would list more than {PROTOCOL_MAX_URLS} sitemaps or exceed "
                f"{PROTOCOL_MAX_BYTES} bytes; raise max_urls or max_bytes"
            )

    def __len__(self) -> int:
        return len(self._records)

    def document(self) -> SitemapDocument:
        return SitemapDocument(_INDEX_PATH, (self._start, *self._records, _INDEX_END))


def _generate(
    entries: Iterator[SitemapEntry], root: str, max_urls: int, max_bytes: int, pi: bytes
) -> Iterator[SitemapDocument]:
    child = _Child(pi)
    index: _Index | None = None
    for entry in entries:
        rendered = _render_url(entry)
        if not child.fits(entry, rendered, max_urls, max_bytes):
            if child.count:
                index = index or _Index(root, pi)
                yield _emit_child(child, index)
                child = _Child(pi)
            if not child.fits(entry, rendered, max_urls, max_bytes):
                raise BuildError(
                    f"the sitemap entry for {entry.loc[:200]!r} alone is larger than "
                    f"max_bytes={max_bytes}"
                )
        child.add(entry, rendered)
    if index is None:
        yield SitemapDocument(_INDEX_PATH, child.chunks())
        return
    yield _emit_child(child, index)
    yield index.document()


def _emit_child(child: _Child, index: _Index) -> SitemapDocument:
    path = f"sitemap-{len(index) + 1}.xml"
    index.add(path, child.newest)
    return SitemapDocument(path, child.chunks())
