"""The content cache (`.nmt-cache/`): hits, misses, invalidation, and damaged or hostile caches."""

from __future__ import annotations

import os
import time
from pathlib import Path

import orjson
import pytest

from nmt_content.content import cache as cache_module
from nmt_content.content import digests as digests_module
from nmt_content.content import listing, loader, static_files
from nmt_content.content.article_records import article_record, restored_article
from nmt_content.content.cache import ARTICLES_FILE, CACHE_DIR, FILES_FILE, ContentCache
from nmt_content.content.digests import source_digests
from nmt_content.content.loader import read_site
from nmt_content.content.parse import parse_article
from nmt_content.errors import ContentError

from ..conftest import CONTENT_ROOTS, MINIMAL_ARTICLE

TOOL = "tool-a"

RICH_ARTICLE = """\
---
title: "Every field: a test article about massage"
description: A description of an article that sets every field the front matter has.
slug: every-field
date_published: 2024-03-01
date_modified: 2024-04-02
author: alex
reviewed_by: {name: Dr. Jo Doe, job_title: "Physical therapist, DPT", url: "https://example.com/jo"}
last_reviewed: 2024-04-03
about: [{name: Low back pain}]
services: [massage]
keywords: [back, "pain relief"]
image: {src: "/images/a{b}.jpg", alt: A back, width: 1200, height: 800, caption: Caption}
references:
  - {title: A trial, authors: [Furlan AD], journal: Cochrane, year: 2015, doi: "doi:10.1002/14651858.CD001929.pub3"}
  - {title: A page, url: "https://example.com/x?a=<b>"}
focus_keyphrase: massage
language: en-US
translations: {es: masaje}
noindex: true
draft: false
---

Body with **bold** words.
"""


def _age(root: Path, seconds: int = 3600) -> None:
    """Make every file under ``root`` older than the racy window (as files are between edits)."""
    past = time.time_ns() - seconds * 1_000_000_000
    for folder, _dirs, files in os.walk(root):
        for name in files:
            os.utime(Path(folder) / name, ns=(past, past))


def _load(root: Path, *, keep_bodies: bool = False, tool: str = TOOL) -> tuple[list, ContentCache]:
    cache = ContentCache.open(root, tool)
    site = read_site(root, cache=cache, keep_bodies=keep_bodies)
    cache.save()
    return list(site.articles), cache


def _count_parses(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    parsed: list[str] = []

    def counting(text: str, path: str, **options: bool):  # type: ignore[no-untyped-def]
        parsed.append(path)
        return parse_article(text, path, **options)

    monkeypatch.setattr(loader, "parse_article", counting)
    return parsed


def _cache_data(root: Path) -> dict:  # type: ignore[type-arg]
    folder = root / CACHE_DIR
    return {
        "files": orjson.loads((folder / FILES_FILE).read_bytes())["entries"],
        "articles": orjson.loads((folder / ARTICLES_FILE).read_bytes())["entries"],
    }


@pytest.mark.parametrize(
    "text",
    [
        MINIMAL_ARTICLE,
        RICH_ARTICLE,
        *(
            file.read_text(encoding="utf-8")
            for root in CONTENT_ROOTS.values()
            for file in sorted((root / "articles").glob("*.md"))
        ),
    ],
)
def test_a_record_restores_the_article_exactly(text: str) -> None:
    article = parse_article(text, "articles/x.md")[0]
    record = orjson.loads(orjson.dumps(article_record(article)))  # as the file holds it
    restored = restored_article(record, "articles/x.md", article.body)
    assert restored == article
    assert restored is not None
    assert restored.meta.model_fields_set == article.meta.model_fields_set
    assert restored.meta.model_dump_json() == article.meta.model_dump_json()


def test_a_warm_load_parses_nothing_and_gives_the_same_site(
    repo_content: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _age(repo_content)
    uncached = list(read_site(repo_content, keep_bodies=False).articles)
    uncached_bodies = list(read_site(repo_content).articles)
    cold, _ = _load(repo_content)
    parsed = _count_parses(monkeypatch)
    warm, _ = _load(repo_content)
    with_bodies, _ = _load(repo_content, keep_bodies=True)  # read again, but not parsed
    assert parsed == []
    assert warm == cold == uncached
    assert with_bodies == uncached_bodies
    data = _cache_data(repo_content)
    assert set(data["files"]) == {"practice.yaml", *(a.source for a in cold)}


def test_the_cache_folder_is_tagged_and_ignored_by_git(content_root: Path) -> None:
    _load(content_root)
    folder = content_root / CACHE_DIR
    assert (folder / ".gitignore").read_text().splitlines()[-1] == "*"
    assert (
        (folder / "CACHEDIR.TAG")
        .read_bytes()
        .startswith(b"Signature: 8a477f597d28d172789f06886806bc55")
    )


def test_an_edited_article_is_parsed_again_and_only_it(
    content_root: Path, write_article, monkeypatch: pytest.MonkeyPatch
) -> None:
    other = write_article("other.md", MINIMAL_ARTICLE.replace("A test", "Another test"))
    _age(content_root)
    _load(content_root)
    other.write_text(MINIMAL_ARTICLE.replace("A test", "An edited test"), encoding="utf-8")
    parsed = _count_parses(monkeypatch)
    articles, _ = _load(content_root)
    assert parsed == ["articles/other.md"]
    assert "An edited test article about massage" in {a.meta.title for a in articles}


def test_a_touched_file_is_hashed_but_not_parsed(
    content_root: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _age(content_root)
    _load(content_root)
    _age(content_root, 60)  # a new stat, the same bytes (a checkout, `touch`)
    parsed = _count_parses(monkeypatch)
    articles, _cache = _load(content_root)
    assert parsed == []
    assert [a.meta.title for a in articles] == ["A test article about massage"]
    stat = os.stat(content_root / "articles" / "test-article.md")
    assert _cache_data(content_root)["files"]["articles/test-article.md"][1] == stat.st_mtime_ns


def test_another_tool_version_invalidates_everything(
    content_root: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _age(content_root)
    _load(content_root)
    parsed = _count_parses(monkeypatch)
    _load(content_root, tool="tool-b")
    assert parsed == ["articles/test-article.md"]
    for name in (FILES_FILE, ARTICLES_FILE):
        assert orjson.loads((content_root / CACHE_DIR / name).read_bytes())["tool"] == "tool-b"


def test_a_recently_modified_file_is_hashed_again(content_root: Path) -> None:
    """A file changed within the file system's clock tick of its stat could change again with
    the same stat ("racy git"): its stat is not trusted until it is older."""
    _load(content_root)  # the files were just written
    data = _cache_data(content_root)
    assert "articles/test-article.md" not in data["files"]
    assert len(data["articles"]) == 1  # what parsing gave is kept, by the bytes' digest
    _age(content_root)
    _load(content_root)
    assert "articles/test-article.md" in _cache_data(content_root)["files"]


def test_a_stat_not_older_than_the_cache_file_is_not_trusted(content_root: Path) -> None:
    _age(content_root)
    _load(content_root)
    article = content_root / "articles" / "test-article.md"
    assert ContentCache.open(content_root, TOOL).digest("articles/test-article.md", article)
    mtime = os.stat(article).st_mtime_ns
    os.utime(content_root / CACHE_DIR / FILES_FILE, ns=(mtime, mtime))
    assert ContentCache.open(content_root, TOOL).digest("articles/test-article.md", article) is None


def test_source_digests_with_a_cache_read_only_changed_files(
    repo_content: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _age(repo_content)
    expected = source_digests(repo_content)
    first = ContentCache.open(repo_content, TOOL)
    assert source_digests(repo_content, cache=first) == expected
    first.save()
    read: list[Path] = []
    read_regular = digests_module.read_regular

    def reading(file: Path, limit: int) -> bytes:
        read.append(file)
        return read_regular(file, limit)

    monkeypatch.setattr(digests_module, "read_regular", reading)
    assert source_digests(repo_content, cache=ContentCache.open(repo_content, TOOL)) == expected
    assert read == []
    (repo_content / "practice.yaml").write_text("changed: true\n", encoding="utf-8")
    assert source_digests(repo_content, cache=ContentCache.open(repo_content, TOOL)) != expected
    assert read == [repo_content / "practice.yaml"]


@pytest.mark.parametrize(
    ("name", "damage"),
    [
        pytest.param(FILES_FILE, lambda raw: raw[: len(raw) // 2], id="truncated-stats"),
        pytest.param(ARTICLES_FILE, lambda raw: raw[: len(raw) // 2], id="truncated-records"),
        pytest.param(ARTICLES_FILE, lambda raw: b"\x00" * 64, id="binary"),
        pytest.param(FILES_FILE, lambda raw: b"[1, 2]", id="not-an-object"),
        pytest.param(
            FILES_FILE,
            lambda raw: raw.replace(b'"entries":{', b'"entries":{"articles/test-article.md":"x",'),
            id="a-file-entry-of-the-wrong-type",
        ),
        pytest.param(
            ARTICLES_FILE,
            lambda raw: raw.replace(b'"body_line":', b'"body_line":"x","_":'),
            id="a-record-of-the-wrong-type",
        ),
        pytest.param(
            ARTICLES_FILE,
            lambda raw: raw.replace(b'"title":"A test', b'"title":7,"_":"'),
            id="a-record-that-does-not-validate",
        ),
    ],
)
def test_a_damaged_cache_is_a_miss_never_an_error(content_root: Path, name: str, damage) -> None:  # type: ignore[no-untyped-def]
    _age(content_root)
    expected, _ = _load(content_root)
    file = content_root / CACHE_DIR / name
    past = os.stat(file).st_mtime_ns
    file.write_bytes(damage(file.read_bytes()))
    os.utime(file, ns=(past, past))
    articles, _ = _load(content_root)
    assert articles == expected
    again, cache = _load(content_root)  # and it was repaired
    assert again == expected
    assert cache.notes == []


def test_a_record_that_does_not_validate_is_replaced(content_root: Path) -> None:
    _age(content_root)
    _load(content_root)
    file = content_root / CACHE_DIR / ARTICLES_FILE
    data = orjson.loads(file.read_bytes())
    for record in data["entries"].values():
        record["meta"]["date_published"] = "not a date"
    file.write_bytes(orjson.dumps(data))
    _age(content_root)
    articles, _ = _load(content_root)
    assert str(articles[0].meta.date_published) == "2024-03-01"
    (record,) = _cache_data(content_root)["articles"].values()
    assert record["meta"]["date_published"] == "2024-03-01"


def test_a_cache_over_the_size_limit_is_not_read(
    content_root: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _age(content_root)
    expected, _ = _load(content_root)
    monkeypatch.setattr(cache_module, "MAX_CACHE_FILE_BYTES", 10)
    parsed = _count_parses(monkeypatch)
    articles, cache = _load(content_root)
    assert articles == expected
    assert parsed == ["articles/test-article.md"]
    assert any("at most" in note for note in cache.notes)


def test_a_cache_folder_that_is_a_link_is_neither_read_nor_written(
    content_root: Path, tmp_path: Path
) -> None:
    _age(content_root)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (content_root / CACHE_DIR).symlink_to(elsewhere)
    articles, cache = _load(content_root)
    assert [a.meta.title for a in articles] == ["A test article about massage"]
    assert list(elsewhere.iterdir()) == []
    assert any("symbolic link" in note for note in cache.notes)


def test_a_cache_file_that_is_a_link_is_not_followed(content_root: Path, tmp_path: Path) -> None:
    _age(content_root)
    _load(content_root)
    target = tmp_path / "target.json"
    file = content_root / CACHE_DIR / FILES_FILE
    os.replace(file, target)
    file.symlink_to(target)
    parsed_before = target.read_bytes()
    articles, cache = _load(content_root)
    assert [a.meta.title for a in articles] == ["A test article about massage"]
    assert any("cannot be read" in note for note in cache.notes)
    assert target.read_bytes() == parsed_before  # replaced the link, not written through it
    assert not file.is_symlink()


def test_a_root_where_the_cache_cannot_be_written_still_loads(content_root: Path) -> None:
    (content_root / CACHE_DIR).write_text("not a folder")
    articles, cache = _load(content_root)
    assert [a.meta.title for a in articles] == ["A test article about massage"]
    assert any("was not written" in note for note in cache.notes)


def test_cross_references_are_checked_for_cached_articles(content_root: Path) -> None:
    _age(content_root)
    _load(content_root)
    practice = content_root / "practice.yaml"
    practice.write_text(practice.read_text().replace("id: alex", "id: sam"), encoding="utf-8")
    with pytest.raises(ContentError) as raised:
        _load(content_root)
    (issue,) = [i for i in raised.value.issues if i.path == "articles/test-article.md"]
    assert issue.line == 5
    assert "alex" in issue.message


def test_deciding_that_nothing_changed_reads_no_article_record(content_root: Path) -> None:
    _age(content_root)
    _load(content_root)
    (content_root / CACHE_DIR / ARTICLES_FILE).write_bytes(b"damaged")
    cache = ContentCache.open(content_root, TOOL)
    assert source_digests(content_root, cache=cache)
    cache.save()
    assert cache.notes == []  # the records were neither read nor rewritten
    assert (content_root / CACHE_DIR / ARTICLES_FILE).read_bytes() == b"damaged"


@pytest.mark.parametrize("root", [Path(), Path("/srv/site"), Path("/"), Path("a/b")])
def test_display_paths_names_files_as_display_path_does(root: Path) -> None:
    files = [
        root / "practice.yaml",
        root / "articles" / "x.md",
        root / "articles" / "sub" / "älter.md",
        root / "articles" / os.fsdecode(b"\xff.md"),  # not UTF-8 on disk
    ]
    expected = [loader.display_path(file.relative_to(root)) for file in files]
    assert listing.display_paths(root, files) == expected
    assert expected[3] == "articles/\\xff.md"


def test_a_file_vouched_for_is_not_stat_ed_again_in_the_same_run(
    content_root: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _age(content_root)
    _load(content_root)
    article = content_root / "articles" / "test-article.md"
    cache = ContentCache.open(content_root, TOOL)
    first = cache.digest("articles/test-article.md", article)
    assert first is not None
    stats: list[object] = []
    monkeypatch.setattr(cache_module, "file_stat", lambda path: stats.append(path))
    assert cache.digest("articles/test-article.md", article) == first
    assert stats == []
    other_stat = (1, 2, 3, 4)  # a caller that has just seen another stat is not told the digest
    assert cache.digest("articles/test-article.md", article, other_stat) is None
    assert ContentCache.open(content_root, TOOL).digest("articles/test-article.md", article) is None
    assert len(stats) == 1  # a new run stats it again


def _cache_files(root: Path) -> dict[str, tuple[int, bytes]]:
    folder = root / CACHE_DIR
    return {
        name: ((folder / name).stat().st_ino, (folder / name).read_bytes())
        for name in (FILES_FILE, ARTICLES_FILE)
    }


def test_a_saved_cache_forgets_its_records_and_saving_again_writes_nothing(
    content_root: Path,
) -> None:
    _age(content_root)
    (content_root / "articles" / "rich.md").write_text(RICH_ARTICLE, encoding="utf-8")
    _age(content_root)
    cache = ContentCache.open(content_root, TOOL)
    site = read_site(content_root, cache=cache, keep_bodies=False)
    cache.save()
    assert not cache._articles  # nothing kept in memory
    assert cache._old_articles is None
    written = _cache_files(content_root)
    cache.save()
    assert _cache_files(content_root) == written  # not replaced: the same inode, the same bytes
    records = orjson.loads(written[ARTICLES_FILE][1])["entries"]
    assert len(records) == len(site.articles) == 2
    # A record asked for after the save is read back from the file, unchanged.
    for digest, record in records.items():
        assert cache.article(digest) == record


def test_what_is_recorded_after_a_save_is_saved_with_what_was_saved_before(
    content_root: Path,
) -> None:
    _age(content_root)
    cache = ContentCache.open(content_root, TOOL)
    site = read_site(content_root, cache=cache, keep_bodies=False)
    cache.save()
    (content_root / "extra.txt").write_text("x")
    _age(content_root)
    cache.record_file("extra.txt", cache_module.file_stat(content_root / "extra.txt"), "d" * 64)
    cache.save()
    files = orjson.loads((content_root / CACHE_DIR / FILES_FILE).read_bytes())["entries"]
    assert set(files) == {"practice.yaml", "articles/test-article.md", "extra.txt"}
    records = orjson.loads((content_root / CACHE_DIR / ARTICLES_FILE).read_bytes())["entries"]
    assert len(records) == len(site.articles) == 1
    # And a warm load from it restores the article without parsing it.
    _warm_articles, warm = _load(content_root)
    assert warm.notes == []


def test_a_cache_that_cannot_be_written_says_so_once(content_root: Path) -> None:
    (content_root / CACHE_DIR).write_text("not a folder")
    cache = ContentCache.open(content_root, TOOL)
    read_site(content_root, cache=cache)
    cache.save()
    cache.save()
    assert len([note for note in cache.notes if "was not written" in note]) == 1


def _count_walks(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    walks: list[str] = []
    article_listing, walk_static = listing.article_listing, static_files.walk_static

    def articles(root: Path):  # type: ignore[no-untyped-def]
        walks.append("articles")
        return article_listing(root)

    def static(folder: Path, issues: list[object]):  # type: ignore[no-untyped-def]
        walks.append("static")
        return walk_static(folder, issues)  # type: ignore[arg-type]

    monkeypatch.setattr(listing, "article_listing", articles)
    monkeypatch.setattr(static_files, "walk_static", static)
    return walks


def test_a_run_lists_the_articles_and_static_once_until_the_cache_is_saved(
    content_root: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (content_root / "static").mkdir()
    (content_root / "static" / "style.css").write_text("body {}\n", encoding="utf-8")
    _age(content_root)
    walks = _count_walks(monkeypatch)
    cache = ContentCache.open(content_root, TOOL)
    digests = source_digests(content_root, cache=cache)
    site = read_site(content_root, cache=cache, keep_bodies=False)
    assert sorted(walks) == ["articles", "static"]  # deciding and loading share one listing
    assert {"articles/test-article.md", "static/style.css"} <= digests.keys()
    assert [a.source for a in site.articles] == ["articles/test-article.md"]
    assert [f.path for f in site.static] == ["style.css"]
    cache.save()
    # Saved, the cache forgets the listing: what was added since is found.
    (content_root / "articles" / "second.md").write_text(
        MINIMAL_ARTICLE.replace("A test article", "A second article"), encoding="utf-8"
    )
    (content_root / "static" / "added.css").write_text("p {}\n", encoding="utf-8")
    again = source_digests(content_root, cache=cache)
    assert len(walks) == 4
    assert {"articles/second.md", "static/added.css"} <= again.keys()


def test_a_shared_static_listing_keeps_each_problem_in_its_place(content_root: Path) -> None:
    static = content_root / "static"
    static.mkdir()
    (static / "a.css").write_text("a {}\n", encoding="utf-8")
    (static / "b.css").symlink_to(content_root / "practice.yaml")  # a link out of static/
    (static / "c\\d.css").write_text("c {}\n", encoding="utf-8")  # a name never published
    (static / "e.css").write_text("e {}\n", encoding="utf-8")
    _age(content_root)
    with pytest.raises(ContentError) as alone:
        read_site(content_root)
    cache = ContentCache.open(content_root, TOOL)
    digests = source_digests(content_root, cache=cache)
    assert digests["static/b.css"] == static_files.NOT_PUBLISHABLE
    assert digests["static/c\\d.css"] == static_files.NOT_PUBLISHABLE
    with pytest.raises(ContentError) as shared:
        read_site(content_root, cache=cache, keep_bodies=False)
    # The same problems as a load that listed `static/` itself.
    assert [issue.path for issue in shared.value.issues] == ["static/b.css", "static/c\\d.css"]
    assert shared.value.issues == alone.value.issues


def test_a_listing_forgotten_is_walked_again(content_root: Path) -> None:
    cache = ContentCache.open(content_root, TOOL)
    walks: list[int] = []
    assert cache.listed("x", lambda: walks.append(1) or len(walks)) == 1
    assert cache.listed("x", lambda: walks.append(1) or len(walks)) == 1
    cache.forget_listed()  # as a build that finds nothing changed does before scanning
    assert cache.listed("x", lambda: walks.append(1) or len(walks)) == 2


def test_a_load_with_bodies_maps_only_the_files_it_cannot_restore(
    content_root: Path, write_article, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Restoring an article costs less than sending it back from a worker: with bodies kept,
    the files the cache knows by their stat are read in place, the others go to the mapper, and
    the result is the one a load without a cache gives."""
    write_article("b.md", MINIMAL_ARTICLE.replace("A test", "Another test"))
    write_article("c.md", MINIMAL_ARTICLE.replace("A test", "A third test"))
    _age(content_root)
    mapped: list[list[str]] = []

    def mapper(function, files, /):  # type: ignore[no-untyped-def]
        mapped.append([file.name for file in files])
        return (function(file) for file in files)

    def load() -> list:  # type: ignore[type-arg]
        cache = ContentCache.open(content_root, TOOL)
        site = read_site(content_root, cache=cache, mapper=mapper)
        cache.save()
        return list(site.articles)

    cold = load()
    assert mapped == [["b.md", "c.md", "test-article.md"]]
    (content_root / "articles" / "b.md").write_text(
        MINIMAL_ARTICLE.replace("A test", "An edited test"), encoding="utf-8"
    )
    mapped.clear()
    warm = load()
    assert mapped == [["b.md"]]  # only the edited file is parsed elsewhere
    assert warm == list(read_site(content_root).articles)
    assert [a.meta.title for a in warm] != [a.meta.title for a in cold]
    assert all(article.body for article in warm)
    _age(content_root)  # new stats: each file hashed once more, then known by its stat
    assert load() == warm
    mapped.clear()
    assert load() == warm
    assert mapped == [[]]  # every file restored in place
