"""Search-snippet and page-structure rules (the checks Yoast and Rank Math users know)."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterator
from itertools import pairwise
from urllib.parse import urlsplit

from slugify import slugify

from ...pages.metrics import (
    DESCRIPTION_MAX,
    DESCRIPTION_MIN,
    TITLE_MAX_PX,
    TITLE_MIN_PX,
    title_width,
)
from ...pages.model import Page
from ...urls import output_file
from ..context import CheckContext
from ..findings import RawFinding
from ..registry import register

_GOOGLE_TITLES = "Google Search Central: Influencing your title links"
SEO_001 = register(
    "SEO-001",
    "warning",
    "Title missing or too short",
    why="A short title wastes the space Google gives the page in results and says little.",
    source=_GOOGLE_TITLES,
    fix="Write a descriptive title of about 30–60 characters.",
    family="SEO",
)
SEO_002 = register(
    "SEO-002",
    "warning",
    "Title too wide for search results (about 600 px)",
    why="Google cuts titles at about 600 pixels; the cut words are lost.",
    source=f"{_GOOGLE_TITLES}; Yoast SEO title width check",
    fix="Shorten the title, putting the words that matter first.",
    family="SEO",
)
SEO_003 = register(
    "SEO-003",
    "error",
    "Duplicate title",
    why="Pages with the same title compete with each other and confuse searchers.",
    source=_GOOGLE_TITLES,
    fix="Give every page its own title.",
    family="SEO",
)
SEO_004 = register(
    "SEO-004",
    "warning",
    "Meta description missing or outside 120–156 characters",
    why="Google shows about 120–156 characters; a longer description is cut, a shorter one "
    "wastes the snippet.",
    source="Google Search Central: Control your snippets; Yoast SEO meta description check",
    fix="Write one or two sentences of 120–156 characters.",
    family="SEO",
)
SEO_005 = register(
    "SEO-005",
    "warning",
    "Duplicate meta description",
    why="Descriptions should summarise each page; duplicates are often rewritten by Google.",
    source="Google Search Central: Control your snippets",
    fix="Give every page its own description.",
    family="SEO",
)
SEO_006 = register(
    "SEO-006",
    "error",
    "Not exactly one h1",
    why="One h1 names the page for readers, screen readers and search engines.",
    source="WCAG 2.2 SC 1.3.1, 2.4.6; Yoast SEO",
    fix="Use `##` for sections in Markdown; the page template provides the h1.",
    family="SEO",
)
SEO_007 = register(
    "SEO-007",
    "warning",
    "Skipped heading level",
    why="Going from h2 to h4 breaks the outline screen-reader users navigate by.",
    source="WCAG 2.2 SC 1.3.1 (technique H42)",
    fix="Use heading levels in order: ## then ###.",
    family="SEO",
)
SEO_008 = register(
    "SEO-008",
    "error",
    "Image without alt text",
    why="Without alt text, people using screen readers miss the image and search engines cannot "
    "tell what it shows; missing alt text is a common ADA and Unruh Act claim.",
    source="WCAG 2.2 SC 1.1.1; Google Image SEO best practices",
    fix="Describe the image: `![Therapist working on a client's shoulder](/img.jpg)`.",
    family="SEO",
)
SEO_009 = register(
    "SEO-009",
    "error",
    "Broken internal link",
    why="A link to a page the site does not have leads readers and crawlers to a 404.",
    source="Google Search Central: SEO starter guide (links)",
    fix="Point the link at an existing page (check the slug).",
    family="SEO",
)
SEO_010 = register(
    "SEO-010",
    "warning",
    "Orphan page: no other page links to it",
    why="Crawlers and readers find pages through links; an orphan is hard to discover.",
    source="Google Search Central: SEO starter guide (links)",
    fix="Link to it from a related article or service page.",
    family="SEO",
)
SEO_011 = register(
    "SEO-011",
    "info",
    "Slug too long or full of stop words",
    why="Short, meaningful URLs are easier to read and share.",
    source="Google Search Central: URL structure best practices",
    fix="Keep the slug to a few meaningful words, e.g. `nmt-lower-back-pain`.",
    family="SEO",
)
SEO_012 = register(
    "SEO-012",
    "warning",
    "Focus keyphrase missing from title, intro, description or slug",
    why="The words people search for should appear where search engines and readers look first.",
    source="Yoast SEO keyphrase checks",
    fix="Use the keyphrase's words in each of those places.",
    family="SEO",
)

_STOP_WORDS = frozenset(
    [
        "a",
        "an",
        "and",
        "are",
        "as",
        "at",
        "be",
        "but",
        "by",
        "for",
        "from",
        "how",
        "in",
        "into",
        "is",
        "it",
        "its",
        "of",
        "on",
        "or",
        "that",
        "the",
        "their",
        "this",
        "to",
        "was",
        "what",
        "when",
        "where",
        "which",
        "who",
        "why",
        "will",
        "with",
        "you",
        "your",
    ]
)


def _where(ctx: CheckContext, page: Page, key: str) -> tuple[str, int | None]:
    if page.source:
        return page.source, ctx.field_line(page.source, key)
    return page.path, None


def check_titles(ctx: CheckContext) -> Iterator[RawFinding]:
    seen: dict[str, list[Page]] = defaultdict(list)
    for page in ctx.pages:
        path, line = _where(ctx, page, "title")
        width = title_width(page.title)
        if not page.title.strip() or width < TITLE_MIN_PX:
            yield RawFinding(
                SEO_001, path, line, f"the title “{page.title}” is short ({width:.0f} px)"
            )
        elif width > TITLE_MAX_PX:
            yield RawFinding(
                SEO_002,
                path,
                line,
                f"the title “{page.title}” is about {width:.0f} px "
                f"wide; Google shows about {TITLE_MAX_PX} px",
            )
        seen[page.title].append(page)
    yield from _duplicates(ctx, seen, SEO_003, "title", "title")


def check_descriptions(ctx: CheckContext) -> Iterator[RawFinding]:
    seen: dict[str, list[Page]] = defaultdict(list)
    for page in ctx.pages:
        if page.kind == "not_found":
            continue
        path, line = _where(ctx, page, "description")
        length = len(page.description)
        if not DESCRIPTION_MIN <= length <= DESCRIPTION_MAX:
            yield RawFinding(
                SEO_004,
                path,
                line,
                f"the meta description of {page.path} has {length} characters; aim for 120–156",
            )
        seen[page.description].append(page)
    yield from _duplicates(ctx, seen, SEO_005, "description", "meta description")


def _duplicates(
    ctx: CheckContext, seen: dict[str, list[Page]], rule: str, key: str, what: str
) -> Iterator[RawFinding]:
    for pages in seen.values():
        if len(pages) > 1:
            others = ", ".join(p.path for p in pages)
            for page in pages:
                path, line = _where(ctx, page, key)
                yield RawFinding(rule, path, line, f"the same {what} is used by {others}")


def check_headings_and_images(ctx: CheckContext) -> Iterator[RawFinding]:
    for page in ctx.pages:
        scanned = ctx.scanned.get(page.path)
        if scanned is None:
            continue
        path = ctx.page_path(page)
        levels = scanned.heading_levels
        if levels.count(1) != 1:
            yield RawFinding(SEO_006, path, None, f"{page.path} has {levels.count(1)} h1 headings")
        for previous, level in pairwise(levels):
            if level > previous + 1:
                yield RawFinding(
                    SEO_007, path, None, f"{page.path} jumps from h{previous} to h{level}"
                )
                break
        for src in scanned.images_without_alt:
            yield RawFinding(SEO_008, path, None, f"the image {src} on {page.path} has no alt text")
        if page.article and page.article.meta.image and not page.article.meta.image.alt.strip():
            yield RawFinding(
                SEO_008, path, ctx.field_line(path, "image"), "the lead image has no alt text"
            )


def check_links(ctx: CheckContext) -> Iterator[RawFinding]:
    base = urlsplit(ctx.pages[0].url) if ctx.pages else None
    linked: set[str] = set()
    for page in ctx.pages:
        scanned = ctx.scanned.get(page.path)
        if scanned is None:
            continue
        for href in scanned.links:
            target = _internal_path(href, base.netloc if base else "")
            if target is None:
                continue
            if target != page.path:
                linked.add(target)
            try:
                exists = output_file(target) in ctx.files
            except ValueError:
                exists = False
            if not exists:
                yield RawFinding(
                    SEO_009,
                    ctx.page_path(page),
                    None,
                    f"{page.path} links to {href}, which the site does not have",
                )
    for page in ctx.pages:
        if page.indexable and page.kind != "home" and page.path not in linked:
            yield RawFinding(SEO_010, ctx.page_path(page), None, f"no page links to {page.path}")


def _internal_path(href: str, host: str) -> str | None:
    parts = urlsplit(href)
    if parts.scheme in ("http", "https") and parts.netloc != host:
        return None
    if parts.scheme not in ("", "http", "https") or not parts.path.startswith("/"):
        return None
    return parts.path


def check_slugs(ctx: CheckContext) -> Iterator[RawFinding]:
    for article in ctx.articles():
        words = article.meta.slug.split("-")
        stop = [w for w in words if w in _STOP_WORDS]
        line = ctx.field_line(article.source, "slug") or ctx.field_line(article.source, "title")
        if len(article.meta.slug) > 60 or len(words) > 8:
            yield RawFinding(
                SEO_011,
                article.source,
                line,
                f"the slug “{article.meta.slug}” has {len(words)} words; keep it short",
            )
        elif len(stop) * 2 >= len(words) and len(words) > 1:
            yield RawFinding(
                SEO_011,
                article.source,
                line,
                f"the slug “{article.meta.slug}” is mostly stop words",
            )


def _words(text: str) -> set[str]:
    return {w for w in re.findall(r"[\w’']+", text.lower()) if w not in _STOP_WORDS}


def _intro(body: str) -> str:
    for block in body.split("\n\n"):
        block = block.strip()
        if block and not block.startswith(("#", "!", "<", "|", "-", "*", ">")):
            return block
    return ""


def check_focus_keyphrase(ctx: CheckContext) -> Iterator[RawFinding]:
    for article in ctx.articles():
        phrase = article.meta.focus_keyphrase
        if not phrase:
            continue
        wanted = _words(phrase)
        places = {
            "title": article.meta.title,
            "first paragraph": _intro(article.body),
            "description": article.meta.description,
            "slug": article.meta.slug.replace("-", " "),
        }
        slug_words = set(slugify(phrase).split("-")) - _STOP_WORDS
        for place, text in places.items():
            found = _words(text)
            missing = (slug_words - found) if place == "slug" else (wanted - found)
            if missing:
                yield RawFinding(
                    SEO_012,
                    article.source,
                    ctx.field_line(article.source, "focus_keyphrase"),
                    f"the {place} lacks “{', '.join(sorted(missing))}” from the focus "
                    f"keyphrase “{phrase}”",
                )


CHECKS = (
    check_titles,
    check_descriptions,
    check_headings_and_images,
    check_links,
    check_slugs,
    check_focus_keyphrase,
)
