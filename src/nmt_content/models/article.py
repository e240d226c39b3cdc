"""Therapy articles: Markdown with a front matter of typed facts."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, fields
from datetime import date
from typing import Annotated, Any

from pydantic import Field, ValidationInfo, field_validator, model_validator

from ..limits import MAX_TITLE_CHARS
from .base import Model
from .service import Condition
from .suppression import LintSuppression
from .types import (
    FrozenMap,
    Identifier,
    ImageSource,
    LanguageTag,
    ReadOnly,
    Slug,
    Text,
    WebUrl,
    default_slug,
)

__all__ = [
    "Article",
    "FrontMatter",
    "ImageRef",
    "LintSuppression",
    "Reference",
    "Reviewer",
    "front_matter_key_lines",
]

_DOI = re.compile(r"^10\.\d{4,9}/\S+$")


class ImageRef(Model):
    """An image with its text alternative."""

    src: ImageSource
    """A site path (`/images/back.jpg`) or an https URL."""
    alt: str
    """What the image shows, for people who cannot see it. Use "" only for pure decoration."""
    width: int | None = Field(default=None, gt=0)
    """Width in pixels, if known (avoids layout shift)."""
    height: int | None = Field(default=None, gt=0)
    """Height in pixels, if known."""
    caption: Text | None = None
    """Shown under the lead image on the article's page."""


class Reference(Model):
    """A source an article cites. Rendered as a reference list and as schema.org `citation`."""

    title: Text
    """The work's title."""
    authors: tuple[str, ...] = ()
    """Authors as cited, e.g. `Furlan AD`."""
    journal: str | None = None
    """The journal or publisher."""
    year: int | None = Field(default=None, ge=1800, le=2100)
    """Year of publication."""
    doi: str | None = None
    """The DOI, e.g. `10.1002/14651858.CD001929.pub3`."""
    url: WebUrl | None = None
    """A link to the work, when it has no DOI or a better page."""

    @field_validator("doi")
    @classmethod
    def _check_doi(cls, value: str | None) -> str | None:
        if value is not None:
            value = re.sub(r"^(?:https?://(?:dx\.)?doi\.org/|doi:)", "", value, flags=re.I)
            if not _DOI.match(value):
                raise ValueError(f"{value!r} is not a DOI such as 10.1249/MSS.0b013e3181c4f9b5")
        return value

    @property
    def link(self) -> str | None:
        """Where a reader can find the work: the URL, else the DOI resolver."""
        if self.url:
            return self.url
        return f"https://doi.org/{self.doi}" if self.doi else None


class Reviewer(Model):
    """Someone outside the practice who reviewed an article, e.g. a physician."""

    name: Text
    """Their name as it should appear."""
    job_title: str | None = None
    """Their qualification, e.g. `Physical therapist, DPT`."""
    url: WebUrl | None = None
    """A page about them."""


class FrontMatter(Model):
    """The YAML block at the top of an article, between `---` lines."""

    title: Text
    """The headline: the page's `<h1>` and, with the practice name, its `<title>`."""
    description: Text
    """A one- or two-sentence summary (about 120–156 characters): the meta description."""
    slug: Slug
    """The URL segment (`/articles/<slug>/`). Defaults to a slug of the title."""
    date_published: date
    """The date it was first published (YYYY-MM-DD)."""
    date_modified: date | None = None
    """The date its content last changed in substance. Defaults to `date_published`."""
    author: Identifier | None = None
    """The id of the therapist who wrote it. Defaults to the only therapist, if there is one."""
    reviewed_by: Identifier | Reviewer | None = None
    """Who reviewed it: a therapist id or a person. Needs `last_reviewed`."""
    last_reviewed: date | None = None
    """When that review happened. Needs `reviewed_by`."""
    about: tuple[Condition, ...] = ()
    """Health conditions it discusses; makes the page a MedicalWebPage."""
    services: tuple[Identifier, ...] = ()
    """Ids of the services it relates to."""
    keywords: tuple[str, ...] = ()
    """Topics, for the feed's categories and `keywords`."""
    image: ImageRef | None = None
    """A lead image, used for link previews."""
    draft: bool = False
    """A draft is built only with `--drafts` and never listed in sitemaps or feeds."""
    noindex: bool = False
    """Ask search engines not to index it (also keeps it out of the sitemap)."""
    references: tuple[Reference, ...] = ()
    """Sources it cites."""
    focus_keyphrase: str | None = None
    """The search phrase it targets; `check` looks for it in the title, intro, description and slug."""
    language: LanguageTag | None = None
    """Its language, when not the site's."""
    translations: Annotated[Mapping[LanguageTag, Slug], *ReadOnly] = Field(
        default_factory=FrozenMap
    )
    """Other-language versions: language tag → that article's slug (for hreflang)."""
    lint: LintSuppression | None = None
    """Rules to suppress for this article, with the reason."""

    @model_validator(mode="before")
    @classmethod
    def _default_slug(cls, data: Any) -> Any:
        if isinstance(data, dict) and "slug" not in data and isinstance(data.get("title"), str):
            return {**data, "slug": default_slug(data["title"]) or "article"}
        return data

    @field_validator("title")
    @classmethod
    def _title_length(cls, value: str) -> str:
        if len(value) > MAX_TITLE_CHARS:
            raise ValueError(
                f"the title is {len(value):,} characters long; the limit is {MAX_TITLE_CHARS} "
                "(search results show about 60): shorten it, and move the rest into the "
                "description or the body"
            )
        return value

    @field_validator("date_modified")
    @classmethod
    def _modified_after_published(cls, value: date | None, info: ValidationInfo) -> date | None:
        published = info.data.get("date_published")
        if value and published and value < published:
            raise ValueError(
                f"date_modified ({value}) is before date_published ({published}); fix one of them"
            )
        return value

    @field_validator("last_reviewed")
    @classmethod
    def _review_has_reviewer(cls, value: date | None, info: ValidationInfo) -> date | None:
        has_reviewer = info.data.get("reviewed_by") is not None
        if has_reviewer != (value is not None):
            missing = "last_reviewed" if has_reviewer else "reviewed_by"
            raise ValueError(
                f"`reviewed_by` and `last_reviewed` go together: add `{missing}` or remove the other"
            )
        return value

    @property
    def updated(self) -> date:
        """The last substantive change: `date_modified`, else `date_published`."""
        return self.date_modified or self.date_published


@dataclass(frozen=True, slots=True)
class Article:
    """An article as loaded: its front matter, its Markdown body and where it came from.

    The body stays Markdown until something asks for HTML, so loading thousands of articles is
    cheap.
    """

    meta: FrontMatter
    body: str
    source: str
    """The file, relative to the content root, e.g. `articles/lower-back-pain.md`."""
    body_line: int
    """The file line on which the body starts, to map body positions back to the file."""
    word_count: int = 0
    """Words in the body (whitespace-separated), counted once at load."""
    key_lines: tuple[int, ...] = ()
    """The file line of each front-matter field, in :class:`FrontMatter`'s field order, 0 for
    a field the file does not have, so reports can name the line of a field without reading the
    file again (a few bytes per article: sites of 100,000 articles hold them all)."""
    front_matter_hash: bool = True
    """False when the front matter has no ``#`` (so it holds no YAML comment): the comment
    check (YAML-001) then does not read the file again. True when unknown."""

    def key_line(self, key: str) -> int | None:
        """The file line of a top-level front-matter key; None when it is not there."""
        index = _FIELD_INDEX.get(key)
        if index is None or index >= len(self.key_lines):
            return None
        return self.key_lines[index] or None

    def __reduce__(self) -> tuple[Any, tuple[Any, ...]]:
        # Loading workers send thousands of articles back; the default for a slotted
        # dataclass is several times slower. Every field of the dataclass (a subclass's too)
        # goes, as the dataclass itself lists them, so a new field is never left behind.
        values = [getattr(self, field.name) for field in fields(self)]
        return (_rebuilt, (type(self), *values))


def _rebuilt(cls: type[Article], *values: Any) -> Article:
    """An article from its fields' values in field order (as :meth:`Article.__reduce__` sends)."""
    article = object.__new__(cls)
    for field, value in zip(fields(cls), values, strict=True):
        object.__setattr__(article, field.name, value)
    return article


_FIELD_INDEX = {name: index for index, name in enumerate(FrontMatter.model_fields)}
"""Front-matter field → its place in :attr:`Article.key_lines`."""


def front_matter_key_lines(lines: dict[str, int]) -> tuple[int, ...]:
    """:attr:`Article.key_lines` from the line of each top-level key of a file."""
    return tuple(map(lines.get, _FIELD_INDEX, _NO_LINES))


_NO_LINES = (0,) * len(_FIELD_INDEX)
