"""The whole knowledge base, cross-referenced: every model plus lookups by id and slug.

:func:`reference_problems` finds what cannot be resolved (an unknown author id, two articles with
one slug) as (file, field path, message) triples; the loader turns them into located issues, so
this module stays pure.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any, Protocol
from urllib.parse import unquote, urlsplit

from .models import Article, KnowledgeBase, Location, Practice, Service, Therapist

__all__ = [
    "FieldLines",
    "ReferenceProblem",
    "Site",
    "StaticFile",
    "reference_problems",
    "static_path",
]


@dataclass(frozen=True, slots=True)
class ReferenceProblem:
    """A cross-reference that does not resolve: where it is and what is wrong."""

    path: str
    loc: tuple[str | int, ...]
    message: str


@dataclass(frozen=True, slots=True)
class StaticFile:
    """A file of the content root's `static/` folder, published at the same path in the output
    (``static/images/logo.png`` is served at ``/images/logo.png``)."""

    path: str
    """POSIX path inside `static/`, which is also its path in the output."""
    file: str = field(compare=False, repr=False)
    """Where it is on disk (absolute), for the build to copy it."""
    size: int = 0
    width: int | None = None
    """Pixels, read from the image's header; None for other files or an unreadable image."""
    height: int | None = None
    digest: str | None = field(default=None, compare=False, repr=False)
    """The SHA-256 of its bytes when loading read them whole (a file of up to 1 MiB), so a build
    does not read it again to hash it; None otherwise."""
    stat: tuple[int, int, int, int] | None = field(default=None, compare=False, repr=False)
    """Its size, mtime_ns, inode and ctime_ns as they were before ``digest`` was read, for the
    content cache; None without a digest."""


_SPECIAL = frozenset("?#%")
"""What makes a site path more than its text: a query, a fragment, a percent-escape."""


def static_path(src: str, base_url: str) -> str | None:
    """The `static/` path an image or file reference is served from, or None when it points
    elsewhere: a site path (``/images/x.png`` → ``images/x.png``) or an absolute URL under
    ``base_url``. Query and fragment are ignored; percent-escapes are decoded."""
    if src[:1] == "/" and src[1:2] != "/" and src.isprintable() and not _SPECIAL.intersection(src):
        # A plain site path (as nearly every image's is): what `urlsplit` and `unquote` would
        # give, without them (a build asks this several times for each of its pages).
        return src[1:] or None
    return _parsed_static_path(src, base_url)


def _parsed_static_path(src: str, base_url: str) -> str | None:
    """:func:`static_path` for any reference, by parsing it as a URL (the plain site path's
    shortcut must give what this gives; a test holds the two equal)."""
    parts = urlsplit(src)
    path = parts.path
    if parts.scheme or parts.netloc:
        base = urlsplit(base_url)
        if (parts.scheme, parts.netloc.lower()) != (base.scheme, base.netloc.lower()):
            return None
        if not path.startswith(base.path):
            return None
        path = "/" + path[len(base.path) :]
    if not path.startswith("/") or path.startswith("//"):
        return None
    relative = unquote(path.lstrip("/"))
    return relative or None


class FieldLines(Protocol):
    """Where the fields of a loaded YAML file are, as the loader found them."""

    def line(self, path: Sequence[str | int]) -> int | None:
        """The file line of the value at ``path`` (of its key, for a mapping or a list), or of
        its nearest existing parent."""


@dataclass(frozen=True)
class Site:
    """Every record of the knowledge base, with lookups. Built only from valid, resolved content."""

    knowledge: KnowledgeBase
    articles: tuple[Article, ...] = field(default=())
    """Articles, newest first (then by slug), drafts included."""
    practice_lines: FieldLines | None = field(default=None, compare=False, repr=False)
    """The lines of `practice.yaml`'s fields, from the loader's parse (for reports); None for a
    site not loaded from files."""
    static: tuple[StaticFile, ...] = field(default=())
    """The files of `static/`, sorted by path."""

    @property
    def practice(self) -> Practice:
        """The practice."""
        return self.knowledge.practice

    @property
    def locations(self) -> tuple[Location, ...]:
        """The offices, in file order."""
        return self.knowledge.locations

    @property
    def therapists(self) -> tuple[Therapist, ...]:
        """The therapists, in file order."""
        return self.knowledge.therapists

    @property
    def services(self) -> tuple[Service, ...]:
        """The services, in file order."""
        return self.knowledge.services

    @cached_property
    def derived(self) -> dict[Hashable, Any]:
        """Values others computed from this site and keep with it, by a key of their own (the
        embedding API's page plans per base URL): a Site never changes, so they stay valid, and
        they go when the site goes."""
        return {}

    @cached_property
    def _static_by_path(self) -> dict[str, StaticFile]:
        return {f.path: f for f in self.static}

    def static_file(self, src: str, base_url: str | None = None) -> StaticFile | None:
        """The `static/` file that ``src`` (a site path, or a URL under the base URL) points
        at; None when it points elsewhere or at nothing."""
        relative = static_path(src, base_url or self.practice.url)
        return self._static_by_path.get(relative) if relative is not None else None

    def image_size(self, src: str, base_url: str | None = None) -> tuple[int, int] | None:
        """The width and height of the `static/` image ``src`` points at, read from the file."""
        found = self.static_file(src, base_url)
        if found is None or found.width is None or found.height is None:
            return None
        return found.width, found.height

    @cached_property
    def _therapists_by_id(self) -> dict[str, Therapist]:
        return {t.id: t for t in self.therapists}

    @cached_property
    def _locations_by_id(self) -> dict[str, Location]:
        return {loc.id: loc for loc in self.locations}

    @cached_property
    def _services_by_id(self) -> dict[str, Service]:
        return {s.id: s for s in self.services}

    @cached_property
    def _articles_by_slug(self) -> dict[str, Article]:
        return {a.meta.slug: a for a in self.articles}

    def therapist(self, therapist_id: str) -> Therapist:
        """The therapist with this id (KeyError if none)."""
        return self._therapists_by_id[therapist_id]

    def location(self, location_id: str) -> Location:
        """The office with this id (KeyError if none)."""
        return self._locations_by_id[location_id]

    def service(self, service_id: str) -> Service:
        """The service with this id (KeyError if none)."""
        return self._services_by_id[service_id]

    def article(self, slug: str) -> Article:
        """The article with this slug (KeyError if none)."""
        return self._articles_by_slug[slug]

    def author_of(self, article: Article) -> Therapist:
        """The article's author: its `author`, else the only therapist."""
        if article.meta.author is not None:
            return self.therapist(article.meta.author)
        return self.therapists[0]

    def services_of(self, article: Article) -> tuple[Service, ...]:
        """The services an article relates to."""
        return tuple(self.service(i) for i in article.meta.services)

    def locations_of(self, service: Service) -> tuple[Location, ...]:
        """The offices that offer a service (all offices when it names none)."""
        if not service.locations:
            return self.locations
        return tuple(self.location(i) for i in service.locations)

    def therapists_of(self, service: Service) -> tuple[Therapist, ...]:
        """The therapists who give a service (all when it names none)."""
        if not service.therapists:
            return self.therapists
        return tuple(self.therapist(i) for i in service.therapists)

    def offices_of(self, therapist: Therapist) -> tuple[Location, ...]:
        """The offices a therapist works at (all offices when the therapist names none)."""
        if not therapist.offices:
            return self.locations
        return tuple(self.location(i) for i in therapist.offices)

    def therapists_at(self, location: Location) -> tuple[Therapist, ...]:
        """The therapists who work at an office, in file order."""
        return tuple(t for t in self.therapists if location in self.offices_of(t))

    def services_by(self, therapist: Therapist) -> tuple[Service, ...]:
        """The services a therapist gives, in file order."""
        return tuple(s for s in self.services if therapist in self.therapists_of(s))

    def give_here(self, service: Service, location: Location) -> tuple[Therapist, ...]:
        """The therapists who give a service at an office."""
        return tuple(t for t in self.therapists_of(service) if location in self.offices_of(t))

    @property
    def is_group(self) -> bool:
        """Whether the practice has several therapists: then a team page and one profile page
        each, else the one therapist's profile at `/about/`."""
        return len(self.therapists) > 1

    def published_articles(self, *, include_drafts: bool = False) -> tuple[Article, ...]:
        """Articles to publish: all but drafts, unless drafts are asked for."""
        if include_drafts:
            return self.articles
        return tuple(a for a in self.articles if not a.meta.draft)


def sort_articles(articles: Iterable[Article]) -> tuple[Article, ...]:
    """Newest first, then by slug, so every listing is stable."""
    by_slug = sorted(articles, key=lambda a: (a.meta.slug, a.source))
    return tuple(sorted(by_slug, key=lambda a: a.meta.date_published, reverse=True))


def reference_problems(
    knowledge: KnowledgeBase, articles: Sequence[Article], practice_path: str = "practice.yaml"
) -> list[ReferenceProblem]:
    """Every id that does not resolve, every duplicate id and every duplicate article slug."""
    problems: list[ReferenceProblem] = []
    therapist_ids = [t.id for t in knowledge.therapists]
    location_ids = [loc.id for loc in knowledge.locations]
    service_ids = [s.id for s in knowledge.services]

    for section, ids in (
        ("locations", location_ids),
        ("therapists", therapist_ids),
        ("services", service_ids),
    ):
        problems += _duplicates(practice_path, section, ids, "id")
    for section, slugs in (
        ("locations", [loc.slug for loc in knowledge.locations]),
        ("services", [s.slug for s in knowledge.services]),
    ):
        problems += _duplicates(practice_path, section, slugs, "slug")

    for index, therapist in enumerate(knowledge.therapists):
        problems += _unknown(
            practice_path,
            ("therapists", index, "offices"),
            therapist.offices,
            location_ids,
            "office",
        )
    if len(therapist_ids) > 1:
        problems += _duplicates(
            practice_path, "therapists", [t.slug for t in knowledge.therapists], "slug"
        )

    for index, service in enumerate(knowledge.services):
        base: tuple[str | int, ...] = ("services", index)
        problems += _unknown(
            practice_path, (*base, "locations"), service.locations, location_ids, "office"
        )
        problems += _unknown(
            practice_path, (*base, "therapists"), service.therapists, therapist_ids, "therapist"
        )
        for number, offer in enumerate(service.offers):
            where = (*base, "offers", number, "locations")
            problems += _unknown(practice_path, where, offer.locations, location_ids, "office")
            for spot, ident in enumerate(offer.locations):
                if service.locations and ident in location_ids and ident not in service.locations:
                    problems.append(
                        ReferenceProblem(
                            practice_path,
                            (*where, spot),
                            f"office `{ident}` does not offer this service; add it to the "
                            f"service's `locations` or remove it here",
                        )
                    )

    for article in articles:
        meta = article.meta
        if meta.author is not None:
            problems += _unknown(
                article.source,
                ("author",),
                (meta.author,),
                therapist_ids,
                "therapist",
                indexed=False,
            )
        elif len(therapist_ids) > 1:
            problems.append(
                ReferenceProblem(
                    article.source,
                    ("author",),
                    f"`author` is required when there are several therapists; use one of: "
                    f"{', '.join(therapist_ids)}",
                )
            )
        if isinstance(meta.reviewed_by, str):
            problems += _unknown(
                article.source,
                ("reviewed_by",),
                (meta.reviewed_by,),
                therapist_ids,
                "therapist",
                indexed=False,
            )
        problems += _unknown(article.source, ("services",), meta.services, service_ids, "service")

    problems += _duplicate_slugs(articles)
    return problems


def _unknown(
    path: str,
    loc: tuple[str | int, ...],
    used: Iterable[str],
    known: list[str],
    what: str,
    *,
    indexed: bool = True,
) -> list[ReferenceProblem]:
    problems = []
    for index, ident in enumerate(used):
        if ident not in known:
            choices = ", ".join(f"`{k}`" for k in known) or "none are defined"
            where = (*loc, index) if indexed else loc
            problems.append(
                ReferenceProblem(
                    path, where, f"unknown {what} id `{ident}`; known {what} ids: {choices}"
                )
            )
    return problems


def _duplicates(path: str, section: str, values: list[str], key: str) -> list[ReferenceProblem]:
    seen: dict[str, int] = {}
    problems = []
    for index, value in enumerate(values):
        if value in seen:
            problems.append(
                ReferenceProblem(
                    path,
                    (section, index, key),
                    f"{key} `{value}` is used twice in `{section}` (also item {seen[value] + 1}); "
                    f"each needs its own {key}",
                )
            )
        seen.setdefault(value, index)
    return problems


def _duplicate_slugs(articles: Sequence[Article]) -> list[ReferenceProblem]:
    """Two articles that would publish at the same URL. Slugs are compared case-folded."""
    owners: dict[str, Article] = {}
    problems = []
    for article in sorted(articles, key=lambda a: a.source):
        key = article.meta.slug.casefold()
        first = owners.setdefault(key, article)
        if first is not article:
            problems.append(
                ReferenceProblem(
                    article.source,
                    ("slug",),
                    f"slug `{article.meta.slug}` is already used by {first.source}; both would publish "
                    f"at /articles/{article.meta.slug}/: give one a different `slug`",
                )
            )
    return problems
