"""Builds and checks with the content cache: the same bytes as without it, and `--no-cache`."""

from __future__ import annotations

import json
import os
import time
from pathlib import Path

import pytest

from nmt_content.cli import main
from nmt_content.content import article_records, content_file, loader
from nmt_content.content.cache import ARTICLES_FILE, CACHE_DIR
from nmt_content.content.parse import parse_article
from nmt_content.pipeline import parallel as parallel_module
from nmt_content.pipeline.build_to import build_to
from nmt_content.pipeline.loading import load_site
from nmt_content.pipeline.plan import BuildOptions

from .test_incremental import ARTICLE, snapshot


@pytest.fixture
def site(content_root: Path) -> Path:
    """The minimal content root with twelve more articles, all older than the racy window."""
    for n in range(12):
        text = ARTICLE.format(n=n, day=n + 1)
        (content_root / "articles" / f"article-{n}.md").write_text(text, encoding="utf-8")
    past = time.time_ns() - 3600 * 1_000_000_000
    for file in [content_root / "practice.yaml", *(content_root / "articles").iterdir()]:
        os.utime(file, ns=(past, past))
    return content_root


@pytest.fixture
def parses(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    parsed: list[str] = []

    def counting(text: str, path: str, **options: bool):  # type: ignore[no-untyped-def]
        parsed.append(path)
        return parse_article(text, path, **options)

    monkeypatch.setattr(loader, "parse_article", counting)
    return parsed


@pytest.mark.parametrize("jobs", [1, 2])
def test_a_warm_build_writes_the_bytes_of_a_build_without_cache(
    site: Path, tmp_path: Path, jobs: int, monkeypatch: pytest.MonkeyPatch, parses: list[str]
) -> None:
    monkeypatch.setattr(parallel_module, "MIN_ARTICLES_TO_LOAD", 1)  # workers restore too
    warm = tmp_path / "warm"
    build_to(site, warm, BuildOptions(), jobs=jobs)
    edited = site / "articles" / "article-3.md"
    edited.write_text(edited.read_text().replace("number 3", "number three"), encoding="utf-8")
    (site / "articles" / "article-4.md").touch()  # a new stat, the same bytes
    parses.clear()
    build_to(site, warm, BuildOptions(), jobs=jobs)
    if jobs == 1:  # a worker's calls are not seen here
        assert parses == ["articles/article-3.md"]
    cold = tmp_path / "cold"
    build_to(site, cold, BuildOptions(), jobs=1, incremental=False, cache=False)
    assert snapshot(warm) == snapshot(cold)
    assert (
        b"number three"
        in (warm / "articles" / "article-number-three-about-massage" / "index.html").read_bytes()
    )


def test_a_no_change_rebuild_reads_no_article(
    site: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "out"
    assert main(["build", str(site), "--out", str(out), "-q"]) == 0
    assert main(["build", str(site), "--out", str(out), "-q"]) == 0  # the stats recorded
    read: list[str] = []
    real = content_file.read_regular
    monkeypatch.setattr(
        content_file, "read_regular", lambda f, n: read.append(str(f)) or real(f, n)
    )
    monkeypatch.setattr(
        "nmt_content.content.digests.read_regular",
        lambda f, n: read.append(str(f)) or real(f, n),
    )
    assert build_to(site, out, BuildOptions()).up_to_date
    assert [file for file in read if file.startswith(str(site))] == []


def test_no_cache_neither_reads_nor_writes_the_cache(site: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert main(["build", str(site), "--out", str(out), "-q", "--no-cache"]) == 0
    assert main(["check", str(site), "--no-cache", "--format", "json"]) in (0, 1)
    assert not (site / CACHE_DIR).exists()
    assert main(["check", str(site), "--format", "json"]) in (0, 1)
    data = json.loads((site / CACHE_DIR / ARTICLES_FILE).read_text())
    assert len(data["entries"]) == 13


def test_check_with_a_warm_cache_parses_nothing(site: Path, parses: list[str]) -> None:
    cold = load_site(site, cache=True)
    parses.clear()
    assert load_site(site, cache=True) == cold
    assert parses == []


@pytest.mark.parametrize("touched", [False, True])
def test_a_load_with_bodies_keeps_the_records_it_restored_without_making_them_again(
    site: Path, parses: list[str], monkeypatch: pytest.MonkeyPatch, touched: bool
) -> None:
    """An article restored from its record needs no new one (making it dumps the front matter
    and compares it with the old: a third of a warm load's time). With ``touched``, every file
    has a new stat but the same bytes, so each is read in a worker process and restored there."""
    cold = load_site(site, cache=True)
    if touched:
        later = time.time_ns() - 1800 * 1_000_000_000
        for file in (site / "articles").iterdir():
            os.utime(file, ns=(later, later))
        monkeypatch.setattr(parallel_module, "MIN_ARTICLES_TO_LOAD", 1)
    made: list[str] = []

    def recording(article):  # type: ignore[no-untyped-def]
        made.append(article.source)
        return article_records.article_record(article)

    monkeypatch.setattr(loader, "article_record", recording)
    parses.clear()
    assert load_site(site, cache=True, jobs=2) == cold
    assert (parses, made) == ([], [])
    # What was saved still restores every article, unread when the stats are unchanged.
    assert load_site(site, cache=True) == cold
    assert parses == []


def test_a_build_saves_the_cache_before_rendering_and_holds_no_record_meanwhile(
    site: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from nmt_content.content.cache import ContentCache
    from nmt_content.pipeline import build as build_module

    caches: list[ContentCache] = []
    opened = ContentCache.open.__func__  # type: ignore[attr-defined]

    def recording(cls: type[ContentCache], root: Path, tool: str) -> ContentCache:
        caches.append(opened(cls, root, tool))
        return caches[-1]

    monkeypatch.setattr(ContentCache, "open", classmethod(recording))
    seen: list[tuple[bool, int]] = []
    outputs = build_module.BuildRun.outputs

    def rendering(run: build_module.BuildRun):  # type: ignore[no-untyped-def]
        seen.append(((site / CACHE_DIR / ARTICLES_FILE).is_file(), len(caches[-1]._articles)))
        return outputs(run)

    monkeypatch.setattr(build_module.BuildRun, "outputs", rendering)
    build_to(site, tmp_path / "out", BuildOptions(), jobs=1)
    assert seen == [(True, 0)]
    records = json.loads((site / CACHE_DIR / ARTICLES_FILE).read_text())["entries"]
    assert len(records) == 13  # the minimal article and twelve more
