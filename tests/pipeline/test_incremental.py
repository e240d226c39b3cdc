"""Incremental and parallel builds: the same bytes as a clean serial build, less work."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from nmt_content.cli import main
from nmt_content.content import loader
from nmt_content.content.digests import source_digests
from nmt_content.errors import ContentError
from nmt_content.pipeline import build_to as incremental
from nmt_content.pipeline import parallel as parallel_module
from nmt_content.pipeline.build import BuildOptions
from nmt_content.pipeline.build_to import FolderBuild, build_to
from nmt_content.pipeline.loading import article_mapper, load_site
from nmt_content.pipeline.output_state import state_file
from nmt_content.pipeline.outputs import OutputFile, Reuse
from nmt_content.pipeline.writer import write_outputs
from nmt_content.render.html import PageMaker

ARTICLE = """\
---
title: Article number {n} about massage
description: A description of article number {n}, long enough to be a real description of it.
date_published: 2024-03-{day:02d}
services: [massage]
---

Body of article {n}, with a [link](https://example.com/{n}) and **bold** words.

## A section

More text for article {n}.
"""


@pytest.fixture
def site(content_root: Path) -> Path:
    """The minimal content root with twelve more articles."""
    for n in range(12):
        text = ARTICLE.format(n=n, day=n + 1)
        (content_root / "articles" / f"article-{n}.md").write_text(text, encoding="utf-8")
    return content_root


def snapshot(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def build(root: Path, out: Path, **options: object) -> FolderBuild:
    jobs = int(options.pop("jobs", 1))  # type: ignore[call-overload]
    cache = bool(options.pop("incremental", True))
    return build_to(root, out, BuildOptions(**options), jobs=jobs, incremental=cache)  # type: ignore[arg-type]


def clean(root: Path, tmp_path: Path, **options: object) -> dict[str, bytes]:
    out = tmp_path / f"clean-{len(list(tmp_path.iterdir()))}"
    build(root, out, incremental=False, **options)
    return snapshot(out)


@pytest.fixture
def parallel_always(monkeypatch: pytest.MonkeyPatch) -> None:
    """Use worker processes even for a handful of pages."""
    monkeypatch.setattr(parallel_module, "MIN_PAGES_TO_RENDER", 1)


def test_jobs_do_not_change_the_bytes(site: Path, tmp_path: Path, parallel_always: None) -> None:
    assert main(["build", str(site), "--out", str(tmp_path / "one"), "--jobs", "1", "-q"]) == 0
    assert main(["build", str(site), "--out", str(tmp_path / "two"), "--jobs", "2", "-q"]) == 0
    assert main(["build", str(site), "--out", str(tmp_path / "three"), "-j", "3", "-q"]) == 0
    one = snapshot(tmp_path / "one")
    assert one == snapshot(tmp_path / "two") == snapshot(tmp_path / "three")
    assert len(one) > 15


def test_jobs_must_be_positive(site: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["build", str(site), "--jobs", "0"])
    assert "1 or more" in capsys.readouterr().err


def test_no_change_rebuild_writes_nothing(site: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    first = build(site, out)
    assert first.rendered == first.pages
    assert not first.up_to_date
    times = {p: p.stat().st_mtime_ns for p in out.rglob("*")}
    second = build(site, out)
    assert second.up_to_date
    assert second.rendered == 0
    assert second.pages == first.pages
    assert second.notes == first.notes
    assert {p: p.stat().st_mtime_ns for p in out.rglob("*")} == times


def test_no_change_message(site: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "out"
    assert main(["build", str(site), "--out", str(out)]) == 0
    capsys.readouterr()
    assert main(["build", str(site), "--out", str(out), "--verbose"]) == 0
    captured = capsys.readouterr()
    assert "is up to date" in captured.out
    assert "rendered 0 of" in captured.err


def test_body_edit_renders_one_page_and_matches_a_clean_build(
    site: Path, tmp_path: Path, parallel_always: None
) -> None:
    out = tmp_path / "out"
    build(site, out, jobs=2)
    article = site / "articles" / "article-3.md"
    article.write_text(article.read_text() + "\nOne more paragraph.\n", encoding="utf-8")
    result = build(site, out, jobs=2)
    assert result.rendered == 1
    # The other pages, the feed and the sitemap, and what depends on the build key alone (the
    # sitemap's stylesheet, robots.txt, the theme's stylesheet): only the page and seo.json change.
    assert result.reused == result.pages - 1 + 5
    assert snapshot(out) == clean(site, tmp_path)


def test_title_edit_renders_the_pages_that_list_it(site: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    build(site, out)
    article = site / "articles" / "article-3.md"
    article.write_text(article.read_text().replace("number 3 about", "three, about"), "utf-8")
    result = build(site, out)
    assert result.rendered == result.pages  # every page shows the newest articles
    assert b"three, about" in snapshot(out)["articles/index.html"]
    assert snapshot(out) == clean(site, tmp_path)


def test_added_and_removed_articles(site: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    build(site, out)
    (site / "articles" / "article-5.md").unlink()
    (site / "articles" / "new.md").write_text(ARTICLE.format(n=99, day=28), encoding="utf-8")
    build(site, out)
    files = snapshot(out)
    assert "articles/article-number-99-about-massage/index.html" in files
    assert "articles/article-number-5-about-massage/index.html" not in files
    assert files == clean(site, tmp_path)


@pytest.mark.parametrize("change", ["practice", "template", "tool", "options"])
def test_cache_is_invalidated(
    site: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, change: str
) -> None:
    templates = tmp_path / "templates"
    templates.mkdir()
    (templates / "_disclaimer.html").write_text("<p>Disclaimer one.</p>\n", encoding="utf-8")
    out = tmp_path / "out"
    options: dict[str, object] = {"templates": templates}
    build(site, out, **options)
    if change == "practice":
        practice = site / "practice.yaml"
        practice.write_text(practice.read_text().replace("Test Practice", "Other Practice"))
    elif change == "template":
        (templates / "_disclaimer.html").write_text("<p>Disclaimer two.</p>\n", "utf-8")
    elif change == "tool":
        monkeypatch.setattr(incremental, "tool_fingerprint", lambda: "another version")
        monkeypatch.setattr(incremental, "cached_tool_fingerprint", lambda root: "another version")
    else:
        options["base_url"] = "https://staging.example/"
    result = build(site, out, **options)
    assert not result.up_to_date
    assert result.rendered == result.pages
    assert snapshot(out) == clean(site, tmp_path, **options)


@pytest.mark.parametrize(
    "state",
    [b"", b"not json", b"[]", b'{"format": 1, "files": {"index.html": [1]}}', b"\xff\xfe"],
)
def test_corrupted_state_is_ignored(site: Path, tmp_path: Path, state: bytes) -> None:
    out = tmp_path / "out"
    build(site, out)
    state_file(out).write_bytes(state)
    result = build(site, out)
    assert result.rendered == result.pages
    assert snapshot(out) == clean(site, tmp_path)


def test_state_with_wrong_shapes_is_ignored(site: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    build(site, out)
    text = state_file(out).read_text()
    state_file(out).write_text(text.replace('"manifest":{', '"manifest":{"/x/":"bad",'))
    article = site / "articles" / "article-1.md"
    article.write_text(article.read_text() + "\nMore.\n", encoding="utf-8")
    build(site, out)
    assert snapshot(out) == clean(site, tmp_path)


def test_a_touched_output_file_is_rendered_again(site: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    build(site, out)
    page = out / "articles" / "article-number-2-about-massage" / "index.html"
    page.write_bytes(page.read_bytes().replace(b"<h1", b"<h1 data-edited"))
    result = build(site, out)
    assert not result.up_to_date
    assert snapshot(out) == clean(site, tmp_path)


def test_a_deleted_output_file_is_restored(site: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    build(site, out)
    (out / "seo.json").unlink()
    build(site, out)
    assert snapshot(out) == clean(site, tmp_path)


@pytest.mark.parametrize("added", ["notes.txt", "articles/extra/index.html"])
def test_a_file_added_to_the_output_by_hand_is_removed(
    site: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], added: str
) -> None:
    """The output is exactly the site: a build does not keep a stray file because nothing in the
    content changed, and `build --check` then finds the folder current (no advice that loops)."""
    out = tmp_path / "out"
    build(site, out)
    (out / added).parent.mkdir(parents=True, exist_ok=True)
    (out / added).write_text("by hand", encoding="utf-8")
    assert main(["build", str(site), "--out", str(out), "--check"]) == 1
    result = build(site, out)
    assert not result.up_to_date
    assert snapshot(out) == clean(site, tmp_path)
    capsys.readouterr()
    assert main(["build", str(site), "--out", str(out), "--check"]) == 0


def test_the_state_lives_next_to_the_output_not_in_it(site: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    build(site, out)
    assert state_file(out) == tmp_path / ".nmt-content-cache" / "out.json"
    assert state_file(out).is_file()
    assert {p.name for p in out.iterdir() if p.name.startswith(".")} == {".nmt-content"}


def test_a_failed_incremental_build_keeps_the_previous_output(
    site: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "out"
    build(site, out)
    before = snapshot(out)
    article = site / "articles" / "article-1.md"
    article.write_text(article.read_text() + "\nMore.\n", encoding="utf-8")
    calls = []

    def failing(*args: object, **kwargs: object) -> str:
        calls.append(1)
        raise RuntimeError("killed")

    monkeypatch.setattr(PageMaker, "render", failing)
    with pytest.raises(RuntimeError):
        build(site, out)
    assert calls
    monkeypatch.undo()
    assert snapshot(out) == before
    assert not [p for p in tmp_path.iterdir() if ".tmp-" in p.name]


def test_writer_links_reused_files(tmp_path: Path) -> None:
    out = tmp_path / "out"
    write_outputs([OutputFile("a.html", b"old", "t")], out, content_root=tmp_path / "c")
    inode = (out / "a.html").stat().st_ino
    write_outputs(
        [
            OutputFile("a.html", Reuse("a.html"), "t"),
            OutputFile("b.html", b"new", "t"),
        ],
        out,
        content_root=tmp_path / "c",
    )
    assert (out / "a.html").read_bytes() == b"old"
    assert (out / "a.html").stat().st_ino == inode
    # The previous folder is kept as the standby, sharing the unchanged file's bytes.
    assert (tmp_path / ".out.nmt-standby" / "a.html").stat().st_ino == inode
    assert os.stat(out / "a.html").st_nlink == 2


def test_parallel_loading_gives_the_same_site(site: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    serial_digests: dict[str, str] = {}
    serial = loader.read_site(site, digests=serial_digests)
    monkeypatch.setattr(parallel_module, "MIN_ARTICLES_TO_LOAD", 1)
    parallel_digests: dict[str, str] = {}
    parallel = loader.read_site(site, mapper=article_mapper(2), digests=parallel_digests)
    assert parallel == serial
    assert parallel_digests == serial_digests == source_digests(site)


def test_parallel_loading_reports_the_same_problems(
    site: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (site / "articles" / "broken.md").write_text("---\ntitle: [\n---\nx\n", encoding="utf-8")
    unknown = ARTICLE.format(n=50, day=5).replace("services: [massage]", "services: [nope]")
    (site / "articles" / "unknown.md").write_text(unknown, encoding="utf-8")
    with pytest.raises(ContentError) as serial:
        load_site(site)
    monkeypatch.setattr(parallel_module, "MIN_ARTICLES_TO_LOAD", 1)
    with pytest.raises(ContentError) as parallel:
        load_site(site, jobs=2)
    assert parallel.value.issues == serial.value.issues
    assert any(issue.line for issue in parallel.value.issues if issue.path == "articles/unknown.md")


def test_bodies_read_when_rendering_give_the_same_bytes(site: Path, tmp_path: Path) -> None:
    """`build` loads articles without their bodies and reads each when rendering its page; the
    in-memory build keeps them all; both write the same files."""
    from nmt_content.pipeline.build import build_site

    files, _report = build_site(load_site(site))
    assert loader.read_site(site, keep_bodies=False).articles[0].body == ""
    assert clean(site, tmp_path) == {".nmt-content": clean(site, tmp_path)[".nmt-content"], **files}
