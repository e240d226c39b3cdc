"""What an incremental build knows about the previous output, and the digest of each page that
decides whether its previous file can be reused."""

from __future__ import annotations

import hashlib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, fields
from typing import Any

from pydantic import BaseModel

from ..models import Article
from ..pages.model import PagePlan

__all__ = [
    "BODY_FIELDS",
    "Incremental",
    "Listing",
    "listing_digest",
    "page_digest",
    "page_digests",
    "page_record",
    "record_digest",
    "site_file_digest",
]


@dataclass(frozen=True)
class Incremental:
    """What an incremental build knows: the hash of everything every output depends on, the
    hash of each content file, and what the previous output holds and is still intact.

    A page is rendered again unless its digest (the key, the listing of every page's record, its
    own path and its content file's hash) equals the one recorded for the file in the previous
    output.
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
    sitemaps: tuple[str, ...] = ()
    """The sitemap files the previous build wrote, in order (one, or an index and its
    children)."""


BODY_FIELDS = frozenset({"body", "word_count", "body_line", "key_lines"})
"""The fields of an :class:`Article` that come from its body and the layout of its file: no other
page shows them, and its own page depends on its file's hash, which covers them. Every other
field of a page's record (and of the records it holds) is in the listing, so a field added to a
model is followed without being named here; leaving one out of this set costs only speed."""


def listing_digest(
    pages: Sequence[PagePlan],
    incremental: Incremental,
    articles: dict[str, tuple[str, str]] | None = None,
) -> str:
    """The hash of the build key and of the listing of every page (every field of each page's
    record but its article's body, through its :func:`record_digest`): what lists, menus,
    structured data, the feed and the sitemaps can show of any page. ``articles``, when given,
    gets each article page's path and :func:`record_digest` by its content file."""
    listing = Listing(incremental, articles)
    for page in pages:
        listing.add(page)
    return listing.digest()


class Listing:
    """:func:`listing_digest` made one page at a time, in page order: a build that needs it
    only once every page is out adds each page as it takes it from the workers, instead of
    stopping them while it goes through all the pages at once, with the page's
    :func:`record_digest` when the worker that rendered the page made it. The caller holds the
    pages until :meth:`digest` (their models' texts are kept by identity meanwhile)."""

    __slots__ = ("_articles", "_hash", "_models")

    def __init__(
        self, incremental: Incremental, articles: dict[str, tuple[str, str]] | None = None
    ) -> None:
        self._hash = hashlib.sha256(incremental.key.encode())
        self._models: dict[int, str] = {}
        self._articles = articles

    def add(self, page: PagePlan, digest: str | None = None) -> None:
        """The next page of the listing; ``digest`` is its :func:`record_digest`, when known."""
        if digest is None:
            digest = record_digest(page, self._models)
        self._hash.update(digest.encode())
        if self._articles is not None and page.article is not None and page.source:
            self._articles[page.source] = (page.path, digest)

    def digest(self) -> str:
        """The :func:`listing_digest` of the pages added so far."""
        return self._hash.hexdigest()


def record_digest(page: PagePlan, models: dict[int, str] | None = None) -> str:
    """A short hash of the page's :func:`page_record` (``models`` as there)."""
    return _record_digest(page_record(page, models).encode())


def _record_digest(record: bytes) -> str:
    return hashlib.blake2b(record, digest_size=16).hexdigest()


def page_digest(listing: str, path: str, own: str) -> str:
    """A page's digest from the :func:`listing_digest`, its path and its content file's hash."""
    return hashlib.sha256(f"{listing}\0{path}\0{own}".encode()).hexdigest()


def page_digests(
    pages: Sequence[PagePlan], incremental: Incremental, listing: str | None = None
) -> list[str]:
    """Each page's digest: the :func:`listing_digest` (``listing``, when the caller has it),
    the page's path and its content file's hash."""
    common = listing if listing is not None else listing_digest(pages, incremental)
    digests = []
    for page in pages:
        own = incremental.sources.get(page.source, "") if page.source else ""
        if page.source and not own and page.article is not None:
            own = hashlib.sha256(
                page.article.meta.model_dump_json().encode() + page.article.body.encode()
            ).hexdigest()
        digests.append(page_digest(common, page.path, own))
    return digests


def site_file_digest(listing: str, path: str) -> str:
    """The digest of a site-wide file made from the build key and the pages' listing alone
    (the feed, the sitemaps): the same listing gives the same bytes."""
    return hashlib.sha256(f"{listing}\0site file\0{path}".encode()).hexdigest()


def page_record(page: PagePlan, models: dict[int, str] | None = None) -> str:
    """Every field of the page's record (of its class, a subclass's too) as text, its article's
    :data:`BODY_FIELDS` left out. Models (front matter, services, offices, people) are written
    as their JSON, every field included. ``models`` keeps the text of the models met so far by
    their identity (a therapist or a service is the same object on many pages), for a caller
    that holds them all the while."""
    parts = [type(page).__qualname__]
    for name in _field_names(type(page)):
        value = getattr(page, name)
        kind = _KINDS.get(type(value)) or _kind(type(value))
        if kind is _PLAIN:
            parts.append(repr(value))
        elif kind is _ARTICLE:
            parts.append(_article_record(value))
        elif models is not None:
            text = models.get(id(value))
            if text is None:
                text = models[id(value)] = _model_text(value)
            parts.append(text)
        else:
            parts.append(_model_text(value))
    return "\x1f".join(parts)


_PLAIN, _ARTICLE, _MODEL = "plain", "article", "model"
_KINDS: dict[type, str] = {}
"""How each type of value is written in a record, by its exact type: a dictionary look-up costs
less than the two ``isinstance`` checks (one of them on pydantic's ABC metaclass) it replaces,
done 220,000 times a listing at 10,000 pages."""


def _kind(cls: type) -> str:
    found = (
        _ARTICLE if issubclass(cls, Article) else _MODEL if issubclass(cls, BaseModel) else _PLAIN
    )
    _KINDS[cls] = found
    return found


_NAMES: dict[object, tuple[str, ...]] = {}
"""The fields of each record class, then those of each article class that a listing shows."""


def _field_names(kind: Any) -> tuple[str, ...]:
    names = _NAMES.get(kind)
    if names is None:
        names = _NAMES[kind] = tuple(item.name for item in fields(kind))
    return names


def _listed_names(kind: Any) -> tuple[str, ...]:
    names = _NAMES.get((kind, "listed"))
    if names is None:
        listed = tuple(name for name in _field_names(kind) if name not in BODY_FIELDS)
        names = _NAMES[(kind, "listed")] = listed
    return names


def _article_record(article: Article) -> str:
    return "\x1e".join(_value(getattr(article, name)) for name in _listed_names(type(article)))


def _value(value: object) -> str:
    if (_KINDS.get(type(value)) or _kind(type(value))) is _MODEL:
        return _model_text(value)  # type: ignore[arg-type]
    return repr(value)


def _model_text(value: BaseModel) -> str:
    return f"{type(value).__qualname__}{value.model_dump_json()}"
