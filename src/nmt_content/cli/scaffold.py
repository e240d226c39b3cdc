"""Start content: a new practice folder (`init`) or a new article (`new article`).

Placeholders are marked `TODO`: they load (so `validate`, `build` and `serve` work at once), and
`nmt-content check` reports what is left to fill in. Nothing here states a fact about a real
person or business. Files are created exclusively: an existing file is never overwritten.
"""

from __future__ import annotations

import contextlib
import difflib
import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from ..content.loader import ARTICLES_DIR, PRACTICE_FILE
from ..content.parse import decode_text, parse_knowledge_base
from ..content.static import STATIC_DIR
from ..errors import ScaffoldError
from ..limits import MAX_TITLE_CHARS
from ..models import KnowledgeBase, Therapist
from ..models.types import check_slug, default_slug
from .scaffold_practice import PRACTICE_TEMPLATE, practice_template
from .scaffold_words import scaffold_words

__all__ = [
    "EXAMPLE_ARTICLE",
    "PRACTICE_TEMPLATE",
    "ScaffoldError",
    "article_text",
    "init_practice",
    "new_article",
]


EXAMPLE_ARTICLE = "welcome.md"


@dataclass(frozen=True, slots=True)
class InitResult:
    """What `init` created."""

    folder: Path
    files: tuple[Path, ...]


def init_practice(
    folder: Path, *, today: date | None = None, language: str | None = None
) -> InitResult:
    """Create ``folder`` with a commented `practice.yaml`, one example article and an empty
    `static/` folder for images and other files (kept by git through a hidden `.gitkeep`,
    which is never published)."""
    practice = folder / PRACTICE_FILE
    if practice.exists():
        raise ScaffoldError(
            f"{practice} already exists; refusing to overwrite a practice",
            hint=f'to add an article, run `nmt-content new article "Title" {folder}`',
        )
    if folder.exists() and not folder.is_dir():
        raise ScaffoldError(f"{folder} is a file, not a folder")
    article = folder / ARTICLES_DIR / EXAMPLE_ARTICLE
    static, keep = folder / STATIC_DIR, folder / STATIC_DIR / ".gitkeep"
    # What did not exist before, to remove again if a step fails: `init` is all or nothing.
    steps = (*reversed(article.parents), static, keep, practice, article)
    created = [p for p in steps if not p.exists()]
    try:
        article.parent.mkdir(parents=True, exist_ok=True)
        static.mkdir(exist_ok=True)
        if not keep.exists():
            keep.write_bytes(b"")
        _create(practice, practice_template(language))
        words = scaffold_words(language)
        _create(
            article,
            article_text(
                words.example_title,
                author="therapist",
                services=("massage",),
                published=today or date.today(),
                slug="welcome",
                body=words.example_body,
                words_in=language,
            ),
        )
    except BaseException as exc:
        _remove(created)
        if isinstance(exc, OSError):
            raise ScaffoldError(f"cannot create {folder}: {exc.strerror}") from None
        raise
    return InitResult(folder, (practice, article))


def _remove(created: Sequence[Path]) -> None:
    """Remove what a failed `init` created, newest first; what cannot be removed stays."""
    for path in reversed(created):
        with contextlib.suppress(OSError):
            if path.is_dir() and not path.is_symlink():
                path.rmdir()
            elif path.exists():
                path.unlink()


def new_article(
    root: Path,
    title: str,
    *,
    services: Sequence[str] = (),
    author: str | None = None,
    published: date | None = None,
    choose_author: Callable[[Sequence[Therapist]], str] | None = None,
    language: str | None = None,
) -> Path:
    """Write `articles/<slug>.md` with front matter for ``title`` and return its path.

    ``choose_author`` is asked when there are several therapists and no ``author``; without it,
    that is an error listing the ids.
    """
    title = " ".join(title.split())
    if not title:
        raise ScaffoldError("the title is empty", hint='pass it in quotes: new article "Title"')
    if len(title) > MAX_TITLE_CHARS:
        raise ScaffoldError(
            f"the title is {len(title):,} characters long; the limit is {MAX_TITLE_CHARS}",
            hint="search results show about 60 characters: shorten it",
        )
    slug = default_slug(title)  # the slug the article gets without one
    if not slug:
        raise ScaffoldError(f"the title {title!r} has no letters or digits to make a URL from")
    knowledge = _read_practice(root)
    for service in services:
        _require_id("service", service, [s.id for s in knowledge.services])
    author = _author(knowledge, author, choose_author)
    explicit = None
    try:
        check_slug(slug)
    except ValueError:  # a Windows device name (`con`, `nul`…): no page or file may have it
        slug = explicit = f"{slug}-article"
    path = root / ARTICLES_DIR / f"{slug}.md"
    text = article_text(
        title,
        author=author,
        services=tuple(services),
        published=published or date.today(),
        slug=explicit,
        language=language if language and language != knowledge.practice.language else None,
        words_in=language or knowledge.practice.language,
    )
    if path.exists():
        raise ScaffoldError(
            f"{path} already exists; refusing to overwrite it",
            hint="choose another title, or edit that file",
        )
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        _create(path, text)
    except FileExistsError:
        raise ScaffoldError(f"{path} already exists; refusing to overwrite it") from None
    except OSError as exc:
        raise ScaffoldError(f"cannot write {path}: {exc.strerror}") from None
    return path


def article_text(
    title: str,
    *,
    author: str,
    services: Sequence[str],
    published: date,
    slug: str | None = None,
    body: str | None = None,
    language: str | None = None,
    words_in: str | None = None,
) -> str:
    """The Markdown file of a new article: front matter with placeholders, then the body, with
    comments and placeholders in ``words_in`` (else ``language``; English or Spanish). The
    front matter states ``language`` when given."""
    words = scaffold_words(words_in or language)
    lines = [
        "---",
        f"title: {json.dumps(title, ensure_ascii=False)}",
        words.description_comment,
        f"description: {json.dumps(words.description, ensure_ascii=False)}",
    ]
    if slug:
        lines.append(f"slug: {slug}")
    if language:
        lines.append(f"language: {language}")
    lines += [f"date_published: {published.isoformat()}", f"author: {author}"]
    if services:
        lines.append("services:")
        lines += [f"  - {service}" for service in services]
    lines += [
        words.keywords_comment,
        words.keyphrase_comment,
        "---",
        "",
        words.new_body if body is None else body,
    ]
    return "\n".join(lines)


def _create(path: Path, text: str) -> None:
    with path.open("x", encoding="utf-8", newline="\n") as handle:
        handle.write(text)


def _read_practice(root: Path) -> KnowledgeBase:
    practice = root / PRACTICE_FILE
    if not practice.is_file():
        raise ScaffoldError(
            f"no {PRACTICE_FILE} in {root}",
            hint=f"run `nmt-content init {root}` to start a practice there, "
            "or pass the content folder as ROOT",
        )
    knowledge, _source = parse_knowledge_base(
        decode_text(practice.read_bytes(), PRACTICE_FILE), PRACTICE_FILE
    )
    return knowledge


def _require_id(kind: str, value: str, known: Sequence[str]) -> None:
    if value in known:
        return
    close = difflib.get_close_matches(value, known, n=1)
    suggestion = f"; did you mean `{close[0]}`?" if close else ""
    listing = ", ".join(known) if known else f"none in {PRACTICE_FILE}"
    raise ScaffoldError(
        f"unknown {kind} `{value}`{suggestion}", hint=f"the {kind} ids are: {listing}"
    )


def _author(
    knowledge: KnowledgeBase,
    author: str | None,
    choose: Callable[[Sequence[Therapist]], str] | None,
) -> str:
    ids = [t.id for t in knowledge.therapists]
    if author is not None:
        _require_id("author", author, ids)
        return author
    if len(ids) == 1:
        return ids[0]
    if choose is not None:
        chosen = choose(knowledge.therapists)
        _require_id("author", chosen, ids)
        return chosen
    raise ScaffoldError(
        f"{PRACTICE_FILE} has {len(ids)} therapists; say which one wrote the article",
        hint="pass --author with one of: " + ", ".join(ids),
    )
