"""What every rule receives: the site, its pages, their rendered HTML and the content text, each
piece of text with the file and line it came from; and the base class of a rule family's check."""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping
from dataclasses import dataclass
from dataclasses import field as dataclass_field
from datetime import date
from functools import cached_property
from typing import ClassVar

from ..models import Article
from ..pages.model import PagePlan
from ..site import Site
from ..urls import Urls
from .findings import Once, RawFinding
from .html_scan import ScannedPage
from .memo import TextMemo
from .text import line_number, line_starts, word_tokens

__all__ = ["PRACTICE_FILE", "Check", "CheckContext", "Cue", "TextUnit", "locate"]

PRACTICE_FILE = "practice.yaml"


def locate(source: str, first_line: int, phrase: str, *, within: int = 80) -> int | None:
    """The line of ``phrase`` in ``source`` at or after ``first_line``, matching any run of white
    space (a folded YAML value breaks lines anywhere); None when it is not found nearby."""
    words = phrase.split()
    if not words:
        return None
    starts = line_starts(source)
    if first_line - 1 >= len(starts):
        return None
    first_line = max(first_line, 1)
    start = starts[first_line - 1]
    last = first_line - 1 + within
    end = starts[last] - 1 if last < len(starts) else len(source)
    pattern = r"\s+".join(re.escape(word) for word in words)
    match = re.compile(pattern, re.I).search(source, start, end)
    return line_number(source, match.start()) if match else None


@dataclass(frozen=True, slots=True)
class Cue:
    """A lower-case pattern that starts with a literal, and the words without which it cannot
    match: the pattern runs only when the text has one of ``words`` (and of ``also``)."""

    words: frozenset[str]
    pattern: re.Pattern[str]
    also: frozenset[str] = frozenset()

    @classmethod
    def of(cls, words: str, pattern: str, also: str = "") -> Cue:
        """A cue from space-separated trigger words and a pattern."""
        return cls(frozenset(words.split()), re.compile(pattern), frozenset(also.split()))


@dataclass(frozen=True)
class TextUnit:
    """A piece of content text and where it comes from."""

    path: str
    text: str
    field: str
    """Where it is, for messages: ``body``, ``title``, ``services[0].description``…"""
    article: Article | None = None
    exact: bool = False
    """The text is the file verbatim from ``line`` on (a Markdown body): offsets map to lines."""
    place: Callable[[], tuple[int | None, str | None]] | None = None
    """Where the text is: the file line on which it (or its YAML key) starts, and the file's text
    (to find a phrase inside a folded YAML value), each when known. Asked only when a rule has
    something to report, because it may read the file."""

    @cached_property
    def _where(self) -> tuple[int | None, str | None]:
        return self.place() if self.place is not None else (None, None)

    @property
    def line(self) -> int | None:
        """The file line on which the text (or its YAML key) starts, when known."""
        return self._where[0]

    @property
    def source(self) -> str | None:
        """The file's text, when known."""
        return self._where[1]

    @cached_property
    def lower(self) -> str:
        """The text in lower case, offset for offset (rules scan this with lower-case patterns
        that start with a literal, which the regex engine finds fast)."""
        lowered = self.text.lower()
        if len(lowered) == len(self.text):
            return lowered
        return "".join(c.lower() if len(c.lower()) == 1 else c for c in self.text)

    @cached_property
    def words(self) -> frozenset[str]:
        """The distinct lower-case words of the text: rules test these for their trigger words
        before they run a pattern over the text."""
        return frozenset(word_tokens(self.lower, lowered=True))

    def has(self, words: Iterable[str]) -> bool:
        """Whether the text contains any of ``words`` (lower-case, whole words)."""
        return not self.words.isdisjoint(words)

    def matches(
        self, pattern: re.Pattern[str], unless: Callable[[str, int], bool] | None = None
    ) -> Iterator[tuple[str, int | None]]:
        """The text and file line of each match of a lower-case ``pattern`` that starts a word;
        ``unless(text, start)`` drops a match (a negated claim, a referral)."""
        lower, text = self.lower, self.text
        for match in pattern.finditer(lower):
            start, end = match.span()
            if start and lower[start - 1].isalnum():
                continue
            if unless is None or not unless(text, start):
                yield text[start:end], self.line_at(start, end)

    def hits(
        self, cues: Iterable[Cue], unless: Callable[[str, int], bool] | None = None
    ) -> Iterator[tuple[str, int | None]]:
        """The matches of every cue whose trigger words the text has (see :meth:`matches`)."""
        words = self.words
        for cue in cues:
            if not words.isdisjoint(cue.words) and not (cue.also and words.isdisjoint(cue.also)):
                yield from self.matches(cue.pattern, unless)

    def line_at(self, start: int, end: int) -> int | None:
        """The file line of ``text[start:end]``."""
        if self.line is None:
            return None
        if self.exact:
            return self.line + line_number(self.text, start) - 1
        if self.source is not None:
            return locate(self.source, self.line, self.text[start:end]) or self.line
        return self.line


@dataclass(frozen=True)
class CheckContext:
    """The inputs of one check run, with cached views of them. Rules only read it (the caches
    are its own business)."""

    site: Site
    pages: tuple[PagePlan, ...]
    urls: Urls
    """The URL rules the pages were built with (their base URL may override the practice's)."""
    outputs: Collection[str]
    """The paths of the build's files. While pages are still coming, it may lack the site-wide
    files (sitemaps, feed), which the build makes last; it is complete when ``finish`` runs."""
    today: date
    """The reference date for expiry and review-age rules."""
    sources: Mapping[str, str]
    """Texts of content files by path (``practice.yaml``, ``articles/x.md``), to name lines."""
    memo: TextMemo | None = dataclass_field(default=None, compare=False, repr=False)
    """Measurements of texts kept from earlier runs, for rules to read and add to (None: every
    text is measured)."""
    _units: dict[str, list[TextUnit]] = dataclass_field(
        default_factory=dict, compare=False, repr=False
    )

    def practice_line(self, *path: str | int) -> int | None:
        """The line of a field of practice.yaml, as the loader found it (None for a site not
        loaded from files)."""
        lines = self.site.practice_lines
        return lines.line(path) if lines is not None else None

    @cached_property
    def _articles(self) -> dict[str, Article]:
        return {page.article.source: page.article for page in self.pages if page.article}

    def article(self, source: str) -> Article:
        """The article of this run's pages that was loaded from ``source``."""
        return self._articles[source]

    def key_line(self, path: str, key: str) -> int | None:
        """The line of a top-level front-matter key of an article: as the loader recorded it,
        else from the article's text when that was given."""
        article = self._articles.get(path)
        if article is not None and article.key_lines:
            return article.key_line(key)
        text = self.sources.get(path)
        if text is None:
            return None
        end = text.find("\n---", 3)
        index = text.find(f"\n{key}:", 0, end if end != -1 else len(text))
        return line_number(text, index) + 1 if index != -1 else None

    @cached_property
    def _indexes(self) -> dict[str, dict[str, int]]:
        site = self.site
        return {
            "services": {s.id: i for i, s in enumerate(site.services)},
            "locations": {loc.id: i for i, loc in enumerate(site.locations)},
            "therapists": {t.id: i for i, t in enumerate(site.therapists)},
        }

    def index_of(self, section: str, record_id: str) -> int:
        """The position of a record (service, location, therapist) in practice.yaml."""
        return self._indexes[section][record_id]

    def origin(
        self, page: PagePlan, article_key: str | None = None, record_key: str | None = None
    ) -> tuple[str, int | None]:
        """The content a page comes from, and the line of one of its fields: the article and
        ``article_key`` of its front matter, else its record in practice.yaml and ``record_key``.
        Pages made from no single record (the article index, the 404 page) are named by path."""
        if page.article is not None:
            source = page.article.source
            return source, self.key_line(source, article_key) if article_key else None
        record: tuple[str | int, ...] | None = None
        if page.service is not None:
            record = ("services", self.index_of("services", page.service.id))
        elif page.location is not None:
            record = ("locations", self.index_of("locations", page.location.id))
        elif page.kind == "about" and page.therapist is not None:
            record = ("therapists", self.index_of("therapists", page.therapist.id))
        elif page.kind == "home":
            record = ("practice",)
        if record is None:
            return page.path, None
        key = (record_key,) if record_key else ()
        return PRACTICE_FILE, self.practice_line(*record, *key)

    def article_units(self, article: Article) -> list[TextUnit]:
        """An article's title, description and body, with their lines. The units of the latest
        article are kept, so the families that read them in turn share their word sets."""
        cached = self._units.get(article.source)
        if cached is None:
            self._units.clear()
            cached = self._units[article.source] = self._article_units(article)
        return cached

    def _article_units(self, article: Article) -> list[TextUnit]:
        path, meta = article.source, article.meta

        def under(key: str) -> Callable[[], tuple[int | None, str | None]]:
            return lambda: (self.key_line(path, key), self.sources.get(path))

        body_line = article.body_line
        return [
            TextUnit(path, meta.title, "title", article, place=under("title")),
            TextUnit(path, meta.description, "description", article, place=under("description")),
            TextUnit(path, article.body, "body", article, True, lambda: (body_line, None)),
        ]

    @cached_property
    def practice_units(self) -> list[TextUnit]:
        """The prose of practice.yaml: descriptions, bios, titles, credential and office texts."""
        return list(self._practice_units())

    def _practice_units(self) -> Iterator[TextUnit]:
        site, source = self.site, self.sources.get(PRACTICE_FILE)

        def unit(text: str | None, *path: str | int) -> Iterator[TextUnit]:
            if text:
                name = ".".join(str(p) if isinstance(p, str) else f"[{p}]" for p in path)
                place = (self.practice_line(*path), source)
                yield TextUnit(PRACTICE_FILE, text, name.replace(".[", "["), place=lambda: place)

        yield from unit(site.practice.name, "practice", "name")
        yield from unit(site.practice.description, "practice", "description")
        for i, therapist in enumerate(site.therapists):
            yield from unit(therapist.name, "therapists", i, "name")
            yield from unit(therapist.job_title, "therapists", i, "job_title")
            yield from unit(therapist.bio, "therapists", i, "bio")
            yield from unit(therapist.profile, "therapists", i, "profile")
            for j, credential in enumerate(therapist.credentials):
                yield from unit(credential.name, "therapists", i, "credentials", j, "name")
        for i, service in enumerate(site.services):
            for key in ("name", "description", "body"):
                yield from unit(getattr(service, key), "services", i, key)
        for i, location in enumerate(site.locations):
            for key in ("name", "description", "directions", "parking"):
                yield from unit(getattr(location, key), "locations", i, key)

    def published_articles(self) -> Iterator[Article]:
        """Articles that have a page in this build."""
        for page in self.pages:
            if page.article is not None:
                yield page.article


class Check:
    """One rule family's work in one run, in three hooks:

    - :meth:`article` for each published article: findings from its content alone. It must not
      change ``self``: it may run in a worker process (see :func:`~nmt_content.checks.run_checks`).
    - :meth:`page` for every rendered page, in the build's order;
    - :meth:`finish` once, after every page.

    A new instance serves each run, so :meth:`page` may gather what :meth:`finish` needs across
    pages (links, footers) on ``self``. A family whose :attr:`page_anywhere` is set gathers
    nothing there: its :meth:`page` yields :class:`Once` findings and facts for :meth:`absorb`
    besides plain findings, so it may run in the process that renders the page.
    """

    page_anywhere: ClassVar[bool] = False
    """:meth:`page` changes nothing on ``self`` but caches of pure results, so it may run in a
    worker process: what later pages or :meth:`finish` need, it yields as facts."""

    def __init__(self, ctx: CheckContext) -> None:
        self.ctx = ctx

    def article(self, article: Article) -> Iterable[RawFinding]:
        """Findings from one article's text and front matter."""
        return ()

    def page(
        self, page: PagePlan, html: ScannedPage | None
    ) -> Iterable[RawFinding | Once | object]:
        """Findings for one page; ``html`` is None when the page was not rendered. A family with
        :attr:`page_anywhere` may also yield :class:`Once` findings and facts."""
        return ()

    def absorb(self, fact: object) -> Iterable[RawFinding]:
        """Take a fact that :meth:`page` yielded (in this process, in the build's order), and
        report what it shows against the facts taken before it."""
        raise TypeError(f"{type(self).__name__} takes no fact like {fact!r}")

    def finish(self) -> Iterable[RawFinding]:
        """Findings about the site as a whole, after every page."""
        return ()
