"""What every rule function receives: the site, its pages, their rendered HTML and the content
text, each piece of text with the file and line it came from."""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from functools import cached_property

from ..content.yaml_source import YamlSource
from ..models import Article
from ..pages.model import Page
from ..site import Site
from ..urls import output_file
from .html_scan import ScannedPage

__all__ = ["CheckContext", "TextUnit"]


@dataclass(frozen=True, slots=True)
class TextUnit:
    """A piece of content text and where it starts."""

    path: str
    line: int | None
    text: str
    field: str
    article: Article | None = None

    def line_at(self, offset: int) -> int | None:
        """The file line of a character offset in ``text``."""
        if self.line is None:
            return None
        return self.line + self.text.count("\n", 0, offset)


@dataclass(frozen=True)
class CheckContext:
    """The inputs of a check, with cached views of them."""

    site: Site
    pages: Sequence[Page]
    files: Mapping[str, bytes]
    today: date
    sources: Mapping[str, str]
    """Texts of content files (``practice.yaml``…), to place findings on lines; may be empty."""

    @cached_property
    def scanned(self) -> dict[str, ScannedPage]:
        """Rendered pages by site path."""
        result = {}
        for page in self.pages:
            data = self.files.get(output_file(page.path))
            if data is not None:
                result[page.path] = ScannedPage(data.decode("utf-8"))
        return result

    @cached_property
    def _practice_source(self) -> YamlSource | None:
        text = self.sources.get("practice.yaml")
        return YamlSource.parse(text) if text else None

    def practice_line(self, *path: str | int) -> int | None:
        """The line of a field of practice.yaml, when its text was given."""
        source = self._practice_source
        return source.position(path)[0] if source is not None else None

    def field_line(self, path: str, key: str) -> int | None:
        """The line of a top-level front-matter key in an article, when its text was given."""
        text = self.sources.get(path)
        if text is None:
            return None
        for number, line in enumerate(text.split("\n"), start=1):
            if line.startswith(f"{key}:"):
                return number
        return None

    def page_path(self, page: Page) -> str:
        """Where to report a page finding: its content file, else its URL path."""
        return page.source or page.path

    def articles(self) -> Iterator[Article]:
        """Published articles (the ones that have pages)."""
        for page in self.pages:
            if page.article is not None:
                yield page.article

    def text_units(self) -> Iterator[TextUnit]:
        """Every piece of prose in the content, with its file and line."""
        for article in self.articles():
            meta = article.meta
            yield TextUnit(
                article.source,
                self.field_line(article.source, "title"),
                meta.title,
                "title",
                article,
            )
            yield TextUnit(
                article.source,
                self.field_line(article.source, "description"),
                meta.description,
                "description",
                article,
            )
            yield TextUnit(article.source, article.body_line, article.body, "body", article)
        practice = self.site.practice
        if practice.description:
            yield TextUnit(
                "practice.yaml",
                self.practice_line("practice", "description"),
                practice.description,
                "practice.description",
            )
        for index, therapist in enumerate(self.site.therapists):
            if therapist.bio:
                yield TextUnit(
                    "practice.yaml",
                    self.practice_line("therapists", index, "bio"),
                    therapist.bio,
                    f"therapists.{index}.bio",
                )
            if therapist.job_title:
                yield TextUnit(
                    "practice.yaml",
                    self.practice_line("therapists", index, "job_title"),
                    therapist.job_title,
                    f"therapists.{index}.job_title",
                )
        for index, service in enumerate(self.site.services):
            for field_name in ("name", "description", "body"):
                value = getattr(service, field_name)
                if value:
                    yield TextUnit(
                        "practice.yaml",
                        self.practice_line("services", index, field_name),
                        value,
                        f"services.{index}.{field_name}",
                    )
