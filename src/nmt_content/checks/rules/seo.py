"""Search-snippet and page-structure rules (the checks Yoast and Rank Math users know), and Markdown
that had to be neutralised. Every SEO rule is registered here; the link rules (SEO-009, SEO-010)
run in :mod:`.seo_links`, the readability ones (SEO-013 to SEO-016) in :mod:`.readability`.

Title width is estimated, as Google's result page renders titles, in Arial at 20 px: the sum of
each character's advance width (:func:`nmt_content.pages.metrics.title_width`, a per-character
table; unknown characters count as a lower-case "n"). Google cuts titles at about 600 px.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from itertools import pairwise
from typing import Protocol

from slugify import slugify

from ...models import Article
from ...pages.metrics import (
    DESCRIPTION_MAX,
    DESCRIPTION_MIN,
    TITLE_MAX_PX,
    TITLE_MIN_PX,
    title_width,
)
from ...pages.model import PagePlan
from ..context import PRACTICE_FILE, Check, CheckContext, TextUnit
from ..findings import RawFinding
from ..html_scan import ScannedPage
from ..registry import register
from ..text import (
    STOP_WORDS,
    content_words,
    first_paragraph,
    line_number,
    markdown_headings,
)

_TITLES = "Google Search Central: Influencing your title links"
_SNIPPETS = "Google Search Central: Control your snippets in search results"
_LINKS = "Google Search Central: SEO starter guide (links); Link best practices"

SEO_001 = register(
    "SEO-001",
    "warning",
    "Title missing or too short",
    explanation="A very short title wastes the space Google gives the page and says little about it.",
    source=f"{_TITLES}; Yoast SEO title width check (400–600 px)",
    fix="Write a descriptive title of about 30–60 characters.",
    family="SEO",
)
SEO_002 = register(
    "SEO-002",
    "warning",
    "Title too wide for search results (about 600 px)",
    explanation="Google cuts result titles at about 600 px (estimated here from Arial 20 px character widths); the cut words are lost.",
    source=f"{_TITLES}; Yoast SEO title width check",
    fix="Shorten the title and put the words that matter first.",
    family="SEO",
)
SEO_003 = register(
    "SEO-003",
    "error",
    "Duplicate title",
    explanation="Pages with the same title compete with each other and look the same in results.",
    source=_TITLES,
    fix="Give every page its own title.",
    family="SEO",
)
SEO_004 = register(
    "SEO-004",
    "warning",
    "Meta description missing or outside 120–156 characters",
    explanation="Google shows about 120–156 characters; a longer description is cut and a shorter one wastes the snippet.",
    source=f"{_SNIPPETS}; Yoast SEO meta description length check",
    fix="Write one or two sentences of 120–156 characters.",
    family="SEO",
)
SEO_005 = register(
    "SEO-005",
    "warning",
    "Duplicate meta description",
    explanation="A description should summarise its own page; Google often rewrites duplicates.",
    source=_SNIPPETS,
    fix="Give every page its own description.",
    family="SEO",
)
SEO_006 = register(
    "SEO-006",
    "error",
    "Not exactly one h1",
    explanation="One h1 names the page for readers, screen readers and search engines.",
    source="WCAG 2.2 SC 1.3.1 and 2.4.6; Yoast SEO",
    fix="Start Markdown sections at `##`; the page template provides the h1.",
    family="SEO",
)
SEO_007 = register(
    "SEO-007",
    "warning",
    "Skipped heading level",
    explanation="Going from h2 to h4 breaks the outline that screen-reader users navigate by.",
    source="WCAG 2.2 SC 1.3.1 (technique H42)",
    fix="Use heading levels in order: `##`, then `###`.",
    family="SEO",
)
SEO_008 = register(
    "SEO-008",
    "error",
    "Image without alt text",
    explanation="Without alt text, screen-reader users miss the image and search engines cannot tell what it shows; missing alt text is a common ADA and Unruh Act claim.",
    source="WCAG 2.2 SC 1.1.1; Google Image SEO best practices",
    fix="Describe the image: `![Therapist working on a client's shoulder](/img.jpg)`.",
    family="SEO",
)
SEO_009 = register(
    "SEO-009",
    "error",
    "Broken internal link",
    explanation="A link to a page the site does not have leads readers and crawlers to a 404.",
    source=_LINKS,
    fix="Point the link at an existing page (check the slug).",
    family="SEO",
)
SEO_010 = register(
    "SEO-010",
    "warning",
    "Orphan page: no other page links to it",
    explanation="Crawlers and readers find pages through links; a page nothing links to is hard to discover.",
    source=_LINKS,
    fix="Link to it from a related article or service page.",
    family="SEO",
)
SEO_011 = register(
    "SEO-011",
    "info",
    "Slug too long or full of stop words",
    explanation="Short, meaningful URLs are easier to read, share and trust.",
    source="Google Search Central: URL structure best practices",
    fix="Keep the slug to a few meaningful words, e.g. `nmt-lower-back-pain`.",
    family="SEO",
)
SEO_012 = register(
    "SEO-012",
    "warning",
    "Focus keyphrase missing from the title, introduction, description or slug",
    explanation="The words people search for should appear where search engines and readers look first.",
    source="Yoast SEO keyphrase checks",
    fix="Use the keyphrase's words in each of those places.",
    family="SEO",
)
SEO_017 = register(
    "SEO-017",
    "warning",
    "Raw HTML or an unsafe link in Markdown was neutralised",
    explanation="Raw HTML and javascript:, data: or vbscript: links could run script in visitors' browsers, so they are shown as text; the page then shows markup the author did not mean to show.",
    source="OWASP Cross-Site Scripting Prevention Cheat Sheet; CommonMark 0.31 (raw HTML)",
    fix="Use Markdown instead of HTML, and links to https:// addresses.",
    family="SEO",
)

SLUG_MAX_CHARS = 60
SLUG_MAX_WORDS = 8
_MD_IMAGE = re.compile(r"!\[([^\]]*)\]\(\s*<?([^)\s>]*)")
_NEUTRALISED = {
    "raw-html": "raw HTML",
    "unsafe-link": "an unsafe link",
    "unsafe-image": "an unsafe image",
}


def _others(paths: list[str], own: str) -> str:
    others = [p for p in paths if p != own]
    shown = ", ".join(others[:3])
    return shown + (f" and {len(others) - 3} more" if len(others) > 3 else "")


class Neutralised(Protocol):
    """Something the Markdown renderer made inert when it rendered a page (what
    :class:`nmt_content.render.markdown.Neutralised` holds): checks judge what the render pass
    reports and never render Markdown themselves."""

    @property
    def kind(self) -> str:
        """``raw-html``, ``unsafe-link`` or ``unsafe-image``."""

    @property
    def line(self) -> int:
        """1-based line in the Markdown text."""

    @property
    def text(self) -> str:
        """The offending source, shortened."""


def neutralised_findings(
    ctx: CheckContext, page: PagePlan, items: Sequence[Neutralised]
) -> Iterator[RawFinding]:
    """SEO-017 findings for what the renderer neutralised in a page's own Markdown: an article's
    body (on its lines in the article), a service's body or a therapist's profile or bio (on their lines in
    practice.yaml, as the loader found them)."""
    if not items:
        return
    path, field, line_of = _markdown_origin(ctx, page)
    for item in items:
        what = _NEUTRALISED.get(item.kind, item.kind)
        message = f"{what} in {field} was shown as text, not run, and the page may show markup: {item.text}"
        yield RawFinding(SEO_017, path, line_of(item.line, item.text), message)


def _markdown_origin(
    ctx: CheckContext, page: PagePlan
) -> tuple[str, str, Callable[[int, str], int | None]]:
    """Where a page's own Markdown comes from: the file, the field named in messages, and
    ``line_of(line, snippet)``, which turns a line within the Markdown into the file's line."""
    if page.article is not None:
        first = page.article.body_line
        return page.article.source, "the body", lambda line, _snippet: first + line - 1
    field = None
    if page.service is not None:
        field = f"services[{ctx.index_of('services', page.service.id)}].body"
    elif page.therapist is not None:  # the profile page shows `profile`, else `bio`
        key = "profile" if page.therapist.profile else "bio"
        field = f"therapists[{ctx.index_of('therapists', page.therapist.id)}].{key}"
    unit = next((unit for unit in ctx.practice_units if unit.field == field), None)
    if unit is None:  # Markdown from no record this rule knows: named by the page
        return page.path, "the page's Markdown", lambda _line, _snippet: None
    return PRACTICE_FILE, unit.field, _unit_line(unit)


def _unit_line(unit: TextUnit) -> Callable[[int, str], int | None]:
    def line_of(_line: int, snippet: str) -> int | None:
        at = unit.text.find(snippet)
        return unit.line_at(at, at + len(snippet)) if at != -1 else unit.line

    return line_of


class SeoCheck(Check):
    """Titles, descriptions, headings, images, slugs, focus keyphrases. (What the renderer
    neutralised comes from the render pass: :func:`neutralised_findings`.)"""

    page_anywhere = True

    def page(self, page: PagePlan, html: ScannedPage | None) -> Iterable[RawFinding]:
        if html is None:
            return
        yield from self._headings(page, html, page.article)
        for src, has_alt in html.images:
            if not has_alt:
                message = f"the image {src or '(no src)'} on {page.path} has no alt attribute; screen-reader users may miss it (WCAG 1.1.1)"
                yield RawFinding(SEO_008, page.path, None, message)

    def article(self, article: Article) -> Iterator[RawFinding]:
        yield from self._slug(article)
        yield from self._keyphrase(article)
        source, body = article.source, article.body
        image = article.meta.image
        if image is not None and not image.alt.strip():
            line = self.ctx.key_line(source, "image")
            message = f"the lead image {image.src} has no alt text; screen-reader users may miss it (WCAG 1.1.1)"
            yield RawFinding(SEO_008, source, line, message)
        for match in _MD_IMAGE.finditer(body):
            if not match.group(1).strip():
                line = article.body_line + line_number(body, match.start()) - 1
                message = f"the image {match.group(2)} has no alt text; screen-reader users may miss it (WCAG 1.1.1)"
                yield RawFinding(SEO_008, source, line, message)

    def _headings(
        self, page: PagePlan, html: ScannedPage, article: Article | None
    ) -> Iterator[RawFinding]:
        levels = html.heading_levels
        ones = levels.count(1)
        # The Markdown's own outline can jump only with a heading of level 3 or more (`###`).
        marked = (
            markdown_headings(article.body)
            if article is not None and (ones != 1 or "###" in article.body)
            else []
        )
        if ones != 1:
            extra = next((line for level, line in marked if level == 1), None)
            path, line = (
                (article.source, article.body_line + extra)
                if article is not None and extra is not None
                else (page.path, None)
            )
            hint = " (a `#` heading in Markdown is an h1; start sections at `##`)" if line else ""
            message = f"{page.path} has {ones} h1 headings; readers and search engines may miss what the page is about without exactly one{hint}"
            yield RawFinding(SEO_006, path, line, message)
        previous = 1
        for level, line in marked:
            if level > previous + 1:
                assert article is not None
                message = f"the heading jumps from h{previous} to h{level}; screen-reader users may lose the outline"
                yield RawFinding(SEO_007, article.source, article.body_line + line, message)
                return
            previous = level
        for before, level in pairwise(levels):
            if level > before + 1:
                message = f"{page.path} jumps from h{before} to h{level}; screen-reader users may lose the outline"
                yield RawFinding(SEO_007, page.path, None, message)
                return

    def finish(self) -> Iterator[RawFinding]:
        indexable = [page for page in self.ctx.pages if page.indexable]
        yield from self._titles(indexable)
        yield from self._descriptions(indexable)

    def _titles(self, pages: list[PagePlan]) -> Iterator[RawFinding]:
        seen: dict[str, list[str]] = defaultdict(list)
        for page in pages:
            seen[page.title.strip().lower()].append(page.path)
        for page in pages:
            found: list[tuple[str, str]] = []
            width = title_width(page.title)
            if width < TITLE_MIN_PX:
                message = f"the title “{page.title}” of {page.path} is about {width:.0f} px wide; a title this short may say too little"
                found.append((SEO_001, message))
            elif width > TITLE_MAX_PX:
                message = f"the title “{page.title}” of {page.path} is about {width:.0f} px wide; Google may cut it at about {TITLE_MAX_PX} px"
                found.append((SEO_002, message))
            paths = seen[page.title.strip().lower()]
            if len(paths) > 1:
                message = f"{page.path} has the same title as {_others(paths, page.path)}; the pages may compete in results"
                found.append((SEO_003, message))
            if found:  # the line only when there is something to say (it may mean reading a file)
                path, line = self.ctx.origin(page, "title", "name")
                yield from (RawFinding(rule, path, line, message) for rule, message in found)

    def _descriptions(self, pages: list[PagePlan]) -> Iterator[RawFinding]:
        seen: dict[str, list[str]] = defaultdict(list)
        for page in pages:
            seen[page.description.strip().lower()].append(page.path)
        for page in pages:
            found: list[tuple[str, str]] = []
            length = len(page.description.strip())
            if not DESCRIPTION_MIN <= length <= DESCRIPTION_MAX:
                what = (
                    "no meta description"
                    if not length
                    else f"a meta description of {length} characters"
                )
                message = f"{page.path} has {what}; Google may cut or rewrite it outside {DESCRIPTION_MIN}–{DESCRIPTION_MAX}"
                found.append((SEO_004, message))
            paths = seen[page.description.strip().lower()]
            if length and len(paths) > 1:
                message = f"{page.path} has the same meta description as {_others(paths, page.path)}; Google may rewrite it"
                found.append((SEO_005, message))
            if found:
                path, line = self.ctx.origin(page, "description", "description")
                yield from (RawFinding(rule, path, line, message) for rule, message in found)

    def _slug(self, article: Article) -> Iterator[RawFinding]:
        slug = article.meta.slug
        words = [word for word in slug.split("-") if word]
        stop = [word for word in words if word in STOP_WORDS]
        if len(slug) > SLUG_MAX_CHARS or len(words) > SLUG_MAX_WORDS:
            message = f"the slug “{slug}” has {len(slug)} characters and {len(words)} words; a shorter one may read better"
        elif len(stop) >= 3 or (len(words) > 1 and len(stop) * 2 > len(words)):
            message = f"the slug “{slug}” is mostly stop words ({', '.join(stop)}); a shorter one may read better"
        else:
            return
        yield RawFinding(SEO_011, article.source, self._slug_line(article), message)

    def _slug_line(self, article: Article) -> int | None:
        """The line of the slug, or of the title it is made from."""
        return self.ctx.key_line(article.source, "slug") or self.ctx.key_line(
            article.source, "title"
        )

    def _keyphrase(self, article: Article) -> Iterator[RawFinding]:
        meta, source = article.meta, article.source
        phrase = meta.focus_keyphrase
        if not phrase:
            return
        wanted = content_words(phrase)
        intro = first_paragraph(article.body)
        intro_line = article.body_line + (intro.line if intro else 0)
        places: tuple[tuple[str, str, Callable[[], int | None]], ...] = (
            ("title", meta.title, lambda: self.ctx.key_line(source, "title")),
            ("introduction", intro.text if intro else "", lambda: intro_line),
            ("description", meta.description, lambda: self.ctx.key_line(source, "description")),
            ("slug", meta.slug.replace("-", " "), lambda: self._slug_line(article)),
        )
        for place, text, line_of in places:
            expected = (
                content_words(slugify(phrase).replace("-", " ")) if place == "slug" else wanted
            )
            missing = sorted(expected - content_words(text))
            if missing:
                message = f"the {place} lacks “{', '.join(missing)}” from the focus keyphrase “{phrase}”; it may rank less well for it (Yoast)"
                yield RawFinding(SEO_012, source, line_of(), message)


CHECKS = (SeoCheck,)
