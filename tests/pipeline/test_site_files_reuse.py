"""Site-wide files an incremental build takes from the previous output when the listing of the
pages they are made from did not change (a body edit), and makes again when it did."""

from __future__ import annotations

import os
from pathlib import Path

import orjson
import pytest

from nmt_content.pipeline import build as build_module
from nmt_content.pipeline.build import BuildOptions
from nmt_content.pipeline.build_to import build_to
from nmt_content.pipeline.output_state import state_file

from .test_incremental import ARTICLE, clean, snapshot


@pytest.fixture
def site(content_root: Path) -> Path:
    for n in range(4):
        text = ARTICLE.format(n=n, day=n + 1)
        (content_root / "articles" / f"article-{n}.md").write_text(text, encoding="utf-8")
    return content_root


@pytest.fixture
def feeds_made(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """How many times a build made the feed's lines."""
    made: list[int] = []
    original = build_module.feed_lines

    def counting(*args, **kwargs):  # type: ignore[no-untyped-def]
        made.append(1)
        return original(*args, **kwargs)

    monkeypatch.setattr(build_module, "feed_lines", counting)
    return made


def _build(root: Path, out: Path) -> None:
    build_to(root, out, BuildOptions(), incremental=True)


def _edit(article: Path, old: str, new: str) -> None:
    article.write_text(article.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")


@pytest.mark.parametrize("rebuilds", [1, 3])  # without a standby, then with one
def test_a_body_edit_keeps_the_feed(
    site: Path, tmp_path: Path, feeds_made: list[int], rebuilds: int
) -> None:
    out = tmp_path / "out"
    _build(site, out)
    article = site / "articles" / "article-2.md"
    for edit in range(rebuilds):
        feeds_made.clear()
        _edit(article, "More text", f"Edited text {edit}:")
        _build(site, out)
        assert feeds_made == []
    files = snapshot(out)
    assert b"Edited text" in files["articles/article-number-2-about-massage/index.html"]
    assert files == clean(site, tmp_path)


def test_a_title_edit_makes_the_feed_again(
    site: Path, tmp_path: Path, feeds_made: list[int]
) -> None:
    out = tmp_path / "out"
    _build(site, out)
    feeds_made.clear()
    _edit(site / "articles" / "article-2.md", "number 2 about", "two, about")
    _build(site, out)
    assert feeds_made == [1]
    files = snapshot(out)
    assert b"Article two, about massage" in files["feed.xml"]
    assert files == clean(site, tmp_path)


def test_a_feed_changed_by_hand_is_made_again(
    site: Path, tmp_path: Path, feeds_made: list[int]
) -> None:
    out = tmp_path / "out"
    _build(site, out)
    feed = out / "feed.xml"
    feed.write_bytes(feed.read_bytes().replace(b"massage", b"MASSAGE"))
    os.utime(feed, ns=(0, 0))
    _edit(site / "articles" / "article-2.md", "More text", "Edited text:")
    feeds_made.clear()
    _build(site, out)
    assert feeds_made == [1]
    assert snapshot(out) == clean(site, tmp_path)


@pytest.fixture
def sitemaps_made(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The sitemap files a build made (not taken from the previous output)."""
    made: list[str] = []
    original = build_module.sitemap_files

    def counting(*args, **kwargs):  # type: ignore[no-untyped-def]
        for output in original(*args, **kwargs):
            made.append(output.path)
            yield output

    monkeypatch.setattr(build_module, "sitemap_files", counting)
    return made


def _state(out: Path) -> dict:  # type: ignore[type-arg]
    return orjson.loads(state_file(out).read_bytes())


@pytest.mark.parametrize("max_urls", [50_000, 2])  # one sitemap; an index and its children
def test_a_body_edit_keeps_the_sitemaps(
    site: Path, tmp_path: Path, sitemaps_made: list[str], max_urls: int
) -> None:
    out = tmp_path / "out"
    options = BuildOptions(max_sitemap_urls=max_urls)
    build_to(site, out, options)
    made = list(sitemaps_made)
    assert _state(out)["sitemaps"] == made
    assert made == ["sitemap.xml"] if max_urls > 2 else len(made) > 3 and made[-1] == "sitemap.xml"
    article = site / "articles" / "article-2.md"
    for edit in range(3):  # the first without a standby, then with one
        sitemaps_made.clear()
        _edit(article, "More text", f"Edited text {edit}:")
        build_to(site, out, options)
        assert sitemaps_made == []
        assert _state(out)["sitemaps"] == made
    clean = tmp_path / "clean"
    build_to(site, clean, options, incremental=False)
    assert snapshot(out) == snapshot(clean)


def test_a_new_article_makes_the_sitemaps_again(
    site: Path, tmp_path: Path, sitemaps_made: list[str]
) -> None:
    out = tmp_path / "out"
    _build(site, out)
    sitemaps_made.clear()
    (site / "articles" / "new.md").write_text(ARTICLE.format(n=99, day=28), encoding="utf-8")
    _build(site, out)
    assert sitemaps_made == ["sitemap.xml"]
    assert b"article-number-99-about-massage" in (out / "sitemap.xml").read_bytes()
    assert snapshot(out) == clean(site, tmp_path)


@pytest.mark.parametrize(
    "listed", [["sitemap.xml", "sitemap.xml"], ["index.html"], ["../x.xml"], "sitemap.xml", [1]]
)
def test_a_state_that_lists_other_sitemaps_only_makes_them_again(
    site: Path, tmp_path: Path, sitemaps_made: list[str], listed: object
) -> None:
    out = tmp_path / "out"
    _build(site, out)
    state = _state(out)
    state["sitemaps"] = listed
    state_file(out).write_bytes(orjson.dumps(state))
    _edit(site / "articles" / "article-2.md", "More text", "Edited text:")
    sitemaps_made.clear()
    _build(site, out)
    assert sitemaps_made == ["sitemap.xml"]
    assert snapshot(out) == clean(site, tmp_path)


def test_a_deleted_child_sitemap_makes_them_all_again(
    site: Path, tmp_path: Path, sitemaps_made: list[str]
) -> None:
    out = tmp_path / "out"
    options = BuildOptions(max_sitemap_urls=2)
    build_to(site, out, options)
    made = list(sitemaps_made)
    (out / "sitemap-2.xml").unlink()
    _edit(site / "articles" / "article-2.md", "More text", "Edited text:")
    sitemaps_made.clear()
    build_to(site, out, options)
    assert sitemaps_made == made
    clean = tmp_path / "clean"
    build_to(site, clean, options, incremental=False)
    assert snapshot(out) == snapshot(clean)
