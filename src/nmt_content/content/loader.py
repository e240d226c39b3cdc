"""Read the knowledge base from disk. With :mod:`.content_file`, which reads one file's bytes,
the only module that reads content files.

Everything it reads goes through the pure parsers in :mod:`nmt_content.content`; this module only
finds files, has their bytes read and gathers every problem from every file before raising once.
"""

from __future__ import annotations

import dataclasses
import hashlib
import os
from collections.abc import Callable, Collection, Generator, Iterator, Mapping, Sequence
from contextlib import closing
from pathlib import Path
from typing import Protocol

from ..errors import ContentError, ContentIssue
from ..models import Article, KnowledgeBase
from ..site import Site, StaticFile, reference_problems, sort_articles
from .article_records import article_record, restored_article
from .cache import ContentCache, FileStat, file_stat
from .content_file import read_content_file
from .listing import (
    ARTICLES_DIR,
    PRACTICE_FILE,
    article_listing,
    article_paths,
    display_name,
    display_path,
    listed_articles,
    root_prefix,
)
from .parse import article_body, decode_text, parse_article, parse_knowledge_base
from .safe_paths import InsideRoot
from .sharing import Sharing
from .static import read_static
from .validation import located_issue
from .yaml_source import YamlSource, YamlSyntaxError

__all__ = [
    "ARTICLES_DIR",
    "PRACTICE_FILE",
    "ArticleMapper",
    "SourceTexts",
    "article_listing",
    "article_paths",
    "read_article_body",
    "read_article_file",
    "read_site",
    "read_sources",
]

_Parsed = tuple[str, str | None, Article | None, list[ContentIssue], bool]
"""An article file's name, the hash of its bytes, the article (or the problems that kept it
from loading), and whether the article was restored from the cache's record (which then needs
no new one). No YAML source: it stays where the file was parsed (it is only needed to place a
cross-reference error on a line, and :func:`_source_of` parses that one file again)."""


class ArticleMapper(Protocol):
    """How :func:`read_site` parses the article files: ``function`` over ``files``, results in
    order (the caller may spread the work over processes; the results must pickle). Loading
    closes the results when it stops early, so the processes end with it."""

    def __call__(
        self, function: Callable[[Path], _Parsed], files: Sequence[Path], /
    ) -> Generator[_Parsed, None, None]: ...


def _serial(
    function: Callable[[Path], _Parsed], files: Sequence[Path], /
) -> Generator[_Parsed, None, None]:
    yield from map(function, files)


def read_site(
    root: str | os.PathLike[str] = ".",
    *,
    mapper: ArticleMapper = _serial,
    digests: dict[str, str] | None = None,
    keep_bodies: bool = True,
    cache: ContentCache | None = None,
    only: Collection[str] | None = None,
) -> Site:
    """Load `practice.yaml` and `articles/*.md` under ``root`` into a cross-referenced :class:`Site`,
    with the list of `static/` files (each image's size read from its header).

    Raises :class:`ContentError` listing every problem in every file. ``mapper`` parses the
    article files (here, one after the other, by default; the public
    :func:`nmt_content.load_site` passes worker processes); the result is the same. With
    ``digests``, the SHA-256 of every file read is recorded there by its name (for incremental
    builds). Without ``keep_bodies``, articles are loaded with an empty ``body`` (their word
    count is kept), and :func:`read_article_body` reads one when it is needed: a large site then
    never holds every body in memory at once. With ``cache``, an article file whose stat (or,
    with ``keep_bodies``, whose bytes) the cache knows is not parsed again, and what this load
    learns is recorded there (the caller saves it). With ``only``, just the articles of the
    files it names (``articles/x.md``): part of a site (:mod:`~nmt_content.pipeline.build_edited`).
    """
    root_path = Path(root)
    inside = InsideRoot(root_path)
    issues: list[ContentIssue] = []
    practice_source: YamlSource | None = None

    knowledge: KnowledgeBase | None = None
    practice_file = root_path / PRACTICE_FILE
    if not practice_file.exists() and not practice_file.is_symlink():
        issues.append(
            ContentIssue(
                PRACTICE_FILE,
                None,
                None,
                "",
                f"no {PRACTICE_FILE} in {root_path}; run the command from the content folder or "
                "pass it as ROOT",
            )
        )
    else:
        try:
            stat = file_stat(practice_file) if cache is not None else None  # before reading
            raw = read_content_file(practice_file, PRACTICE_FILE, inside)
            practice_digest = hashlib.sha256(raw).hexdigest()
            if digests is not None:
                digests[PRACTICE_FILE] = practice_digest
            if cache is not None:
                cache.record_file(PRACTICE_FILE, stat, practice_digest)
            knowledge, practice_source = parse_knowledge_base(
                decode_text(raw, PRACTICE_FILE), PRACTICE_FILE
            )
        except ContentError as exc:
            issues += exc.issues

    articles: list[Article] = []
    sharing = Sharing()  # a large site holds the parts that articles have alike once
    hashing = digests is not None or cache is not None
    parse = _ArticleReader(root_path, inside, root_prefix(root_path), keep_bodies, cache, hashing)
    files, listing_issues, names = listed_articles(root_path, cache, only)
    issues += listing_issues
    if cache is not None:
        files = _unless_cached(cache, files, names, articles, digests, keep_bodies, sharing)
    stats = [file_stat(file) for file in files] if cache is not None else []  # before reading
    # With bodies kept, every listed file is still to read.
    parsed = (
        _parsed(mapper, parse, files, names, stats, cache)
        if keep_bodies and cache
        else mapper(parse, files)
    )
    with closing(parsed):
        for index, (relative, digest, article, problems, restored) in enumerate(parsed):
            if digests is not None and digest is not None:
                digests[relative] = digest
            if cache is not None and digest is not None:
                cache.record_file(relative, stats[index], digest)
                if restored:  # its record is the one it came from: keep that one
                    cache.article(digest)
                elif article is not None:
                    cache.record_article(digest, article_record(article))
            issues += problems
            if article is not None:
                articles.append(sharing.article(article))

    if knowledge is not None:
        for problem in reference_problems(knowledge, articles, PRACTICE_FILE):
            source = practice_source if problem.path == PRACTICE_FILE else None
            source = source or _source_of(root_path, problem.path)
            if source is None:  # the file changed while loading
                where = ".".join(str(part) for part in problem.loc)
                issues.append(ContentIssue(problem.path, None, None, where, problem.message))
                continue
            issues.append(located_issue(source, problem.path, problem.loc, problem.message))
    static: tuple[StaticFile, ...] = ()
    try:
        static = read_static(root_path, cache=cache)
    except ContentError as exc:
        issues += exc.issues
    if issues or knowledge is None:
        raise ContentError(issues)
    lines = _FieldLines(practice_source) if practice_source is not None else None
    return Site(
        knowledge=knowledge, articles=sort_articles(articles), practice_lines=lines, static=static
    )


def _parsed(
    mapper: ArticleMapper,
    parse: _ArticleReader,
    files: list[Path],
    names: list[str],
    stats: list[FileStat | None],
    cache: ContentCache,
) -> Generator[_Parsed, None, None]:
    """``parse`` over ``files`` (named ``names``), in order: a file ``cache`` will most likely
    restore here, the others through ``mapper`` (restoring costs less than unpickling)."""
    known = [cache.restores(name, stat) for name, stat in zip(names, stats, strict=True)]
    here = list(zip(files, known, strict=True))
    with closing(mapper(parse, [file for file, known in here if not known])) as elsewhere:
        for file, restores in here:
            yield parse(file) if restores else next(elsewhere)


def _unless_cached(
    cache: ContentCache,
    files: list[Path],
    names: list[str],
    articles: list[Article],
    digests: dict[str, str] | None,
    keep_bodies: bool,
    sharing: Sharing,
) -> list[Path]:
    """The article files that must be read: without ``keep_bodies``, a file whose stat the
    cache knows is restored from it into ``articles`` (and ``digests``) unread."""
    if keep_bodies:
        return files
    left = []
    for file, relative in zip(files, names, strict=True):
        digest = cache.digest(relative, file)
        record = cache.article(digest) if digest is not None else None
        article = restored_article(record, relative, "") if record is not None else None
        if digest is None or article is None:
            left.append(file)
            continue
        articles.append(sharing.article(article))
        if digests is not None:
            digests[relative] = digest
    return left


@dataclasses.dataclass(frozen=True, slots=True)
class _FieldLines:
    """The lines of a parsed file's fields (:class:`~nmt_content.site.FieldLines`). The node tree
    that knows them is composed from the parsed text on the first question, not before."""

    source: YamlSource

    def line(self, path: Sequence[str | int]) -> int | None:
        try:
            return self.source.position(path)[0]
        except YamlSyntaxError:  # pragma: no cover - the text has already parsed
            return None


def read_sources(root: str | os.PathLike[str] = ".") -> SourceTexts:
    """The text of every content file by its path relative to ``root``, so reports can name lines.

    Each file is read when it is first asked for (a check that finds nothing in a file never
    reads it again). Files that cannot be read or decoded are left out; `load_site` reports them.
    """
    return SourceTexts(Path(root))


class SourceTexts(Mapping[str, str]):
    """Content files' texts by relative path (``practice.yaml``, ``articles/x.md``), each read
    on first use and then kept. A forked process keeps its own."""

    def __init__(self, root: Path) -> None:
        self._root = root
        self._texts: dict[str, str | None] = {}
        self._listing: dict[str, Path] | None = None

    def _files(self) -> dict[str, Path]:
        if self._listing is None:
            root = self._root
            files = [root / PRACTICE_FILE, *article_paths(root)]
            self._listing = {display_path(file.relative_to(root)): file for file in files}
        return self._listing

    def __getitem__(self, relative: str) -> str:
        if relative not in self._texts:
            self._texts[relative] = self._read(relative)
        text = self._texts[relative]
        if text is None:
            raise KeyError(relative)
        return text

    def _read(self, relative: str) -> str | None:
        is_article = relative.startswith(f"{ARTICLES_DIR}/") and relative.endswith(".md")
        if relative != PRACTICE_FILE and not is_article:
            return None
        file = self._root / relative
        # The listing is needed only for a name that is not its own path (not UTF-8 on disk).
        if ".." in relative.split("/") or not file.is_file():
            listed = self._files().get(relative)
            if listed is None:
                return None
            file = listed
        try:
            # A checker of its own each time: this mapping may live long, and its folders change.
            return decode_text(read_content_file(file, relative, InsideRoot(self._root)), relative)
        except (OSError, ContentError):
            return None

    def __iter__(self) -> Iterator[str]:
        return (relative for relative in self._files() if self.get(relative) is not None)

    def __len__(self) -> int:
        return sum(1 for _ in self)


@dataclasses.dataclass(frozen=True, slots=True)
class _ArticleReader:
    """Reads and parses one article file under ``root`` (what :func:`read_site` maps over its
    files; the root's checks and text are worked out once for all of them)."""

    root: Path
    inside: InsideRoot
    prefix: str
    keep_bodies: bool = True
    cache: ContentCache | None = None
    hashing: bool = True
    """Whether the file's SHA-256 is wanted (by the cache, or for incremental builds)."""

    def __call__(self, file: Path) -> _Parsed:
        relative = display_name(self.root, self.prefix, file)
        digest = None
        cache = self.cache
        try:
            raw = read_content_file(file, relative, self.inside)
            if self.hashing:
                digest = hashlib.sha256(raw).hexdigest()
            record = cache.article(digest) if cache is not None and digest is not None else None
            text = decode_text(raw, relative)
            article = None
            if record is not None:
                body = article_body(text, relative) if self.keep_bodies else ""
                article = restored_article(record, relative, body)
            restored = article is not None
            if article is None:
                article = parse_article(text, relative, keep_body=self.keep_bodies)[0]
        except ContentError as exc:
            return relative, digest, None, list(exc.issues), False
        return relative, digest, article, [], restored


def read_article_file(root: Path, file: Path) -> tuple[str, Article | None, list[ContentIssue]]:
    """One article file under ``root``, read and parsed exactly as :func:`read_site` does (body
    kept): its name (``articles/x.md``), and the article or the problems that kept it from
    loading. Cross-references to other files are not checked."""
    reader = _ArticleReader(root, InsideRoot(root), root_prefix(root))
    relative, _digest, article, problems, _restored = reader(file)
    return relative, article, problems


def read_article_body(root: str | os.PathLike[str], source: str) -> str:
    """The Markdown body of the article ``source`` (``articles/x.md``) under ``root``, exactly as
    :func:`load_site` loads it."""
    # Read at the path the name gives first (a build reads every body: no stat before, no
    # `Path` made); only a name that is not that file's is looked up.
    try:
        raw = read_content_file(f"{os.fspath(root)}/{os.fsdecode(source.encode('utf-8'))}", source)
    except ContentError:
        file = _listed_file(Path(root), source)
        if file is None:
            raise
        raw = read_content_file(file, source)
    return article_body(decode_text(raw, source), source)


def _content_file(root: Path, name: str) -> Path:
    """The file that :func:`display_path` names ``name``, whatever the locale's encoding."""
    file = root / os.fsdecode(name.encode("utf-8"))
    if not file.is_file():  # a name that is not UTF-8 shows with U+FFFD: look it up
        return _listed_file(root, name) or file
    return file


def _listed_file(root: Path, name: str) -> Path | None:
    """The article file that :func:`display_path` names ``name`` (one whose name is not
    UTF-8 shows with U+FFFD), or None."""
    for candidate in article_paths(root):
        if display_path(candidate.relative_to(root)) == name:
            return candidate
    return None


def _source_of(root: Path, relative: str) -> YamlSource | None:
    """The YAML source of an article that loaded (to place a cross-reference error on a line)."""
    file = _content_file(root, relative)
    try:
        return parse_article(decode_text(read_content_file(file, relative), relative), relative)[1]
    except ContentError:
        return None
