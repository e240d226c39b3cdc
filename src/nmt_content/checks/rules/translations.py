"""hreflang you can trust: a `translations` entry must name a published article, and both
versions should declare each other.

The build links every version of a translation group both ways (Google ignores hreflang pairs
without return links) with an ``x-default`` on the version in the practice's language; these
rules make the source say what the site does.
"""

from __future__ import annotations

from collections.abc import Iterator

from ...models import Article
from ..context import Check, CheckContext
from ..findings import RawFinding
from ..registry import register

_GOOGLE = "Google Search Central: Tell Google about localized versions of your page (hreflang)"
SEO_024 = register(
    "SEO-024",
    "warning",
    "A `translations` entry that names no published article",
    explanation="The entry links nothing: the page gets no hreflang link to that version, and "
    "readers of the other language never find it.",
    source=_GOOGLE,
    fix="Give the slug of the other version (its `slug`, or the slug made from its title), or "
    "remove the entry until that version is published.",
    family="SEO",
)
SEO_025 = register(
    "SEO-025",
    "warning",
    "A translation declared from one side only",
    explanation="Google ignores hreflang links without return links. The build links both "
    "versions anyway; declaring the link in both articles keeps the sources honest and the "
    "pair intact if either is renamed.",
    source=_GOOGLE,
    fix="Add a `translations` entry back to this article in the other version's front matter.",
    family="SEO",
)


class TranslationsCheck(Check):
    """Unmatched and one-sided `translations` entries, with the entry's line."""

    def __init__(self, ctx: CheckContext) -> None:
        super().__init__(ctx)
        self.by_slug = {
            page.article.meta.slug: page.article for page in ctx.pages if page.article is not None
        }

    def article(self, article: Article) -> Iterator[RawFinding]:
        meta = article.meta
        for language, slug in meta.translations.items():
            line = self._entry_line(article, language)
            other = self.by_slug.get(slug)
            if other is None:
                message = f"the `translations` entry {language}: {slug} names no published article; no hreflang link is made to it"
                yield RawFinding(SEO_024, article.source, line, message)
            elif meta.slug not in other.meta.translations.values():
                message = f"{other.source} does not list this article in its `translations`; the build links both versions, but declare the pair on both sides"
                yield RawFinding(SEO_025, article.source, line, message)

    def _entry_line(self, article: Article, language: str) -> int | None:
        """The line of one entry of `translations` (the key's line when it cannot be found)."""
        line = self.ctx.key_line(article.source, "translations")
        text = self.ctx.sources.get(article.source)
        if line is None or text is None:
            return line
        lines = text.split("\n")
        for number in range(line, min(len(lines), line + 50)):
            entry = lines[number].strip().strip("{},").strip()
            if entry.startswith((f"{language}:", f'"{language}":', f"'{language}':")):
                return number + 1
            if lines[number] and not lines[number][0].isspace():
                break
        return line


CHECKS = (TranslationsCheck,)
