"""A build into a new folder has each page written by the process that rendered it; the
writer records those files without their bytes, and stops the workers before it removes a
failed build's folder."""

from __future__ import annotations

import json
import multiprocessing
import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from nmt_content.errors import OutputError
from nmt_content.pipeline import parallel as parallel_module
from nmt_content.pipeline import render_pass
from nmt_content.pipeline.build import BuildOptions, BuildRun, build_site
from nmt_content.pipeline.build_to import build_to
from nmt_content.pipeline.file_writing import DirectFiles, Writing
from nmt_content.pipeline.incremental import Listing, record_digest
from nmt_content.pipeline.loading import load_site
from nmt_content.pipeline.output_state import MARKER, state_file
from nmt_content.pipeline.outputs import OutputFile, Written
from nmt_content.pipeline.writer import write_outputs
from nmt_content.urls import output_file

from ..conftest import MINIMAL_ARTICLE

WriteArticle = Callable[[str, str | bytes], Path]


def _files(folder: Path) -> dict[str, bytes]:
    return {
        path.relative_to(folder).as_posix(): path.read_bytes()
        for path in folder.rglob("*")
        if path.is_file()
    }


def _articles(write_article: WriteArticle, count: int) -> None:
    for number in range(count):
        write_article(
            f"a{number}.md", MINIMAL_ARTICLE.replace("services: [massage]", f"slug: a-{number}")
        )


@pytest.fixture
def six_in_workers(write_article: WriteArticle, monkeypatch: pytest.MonkeyPatch) -> None:
    """Six articles, their pages rendered by worker processes however few there are."""
    _articles(write_article, 6)
    monkeypatch.setattr(parallel_module, "MIN_PAGES_TO_RENDER", 1)


@pytest.mark.usefixtures("six_in_workers")
def test_pages_are_written_by_the_workers_that_render_them(
    content_root: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    log = tmp_path / "writes.txt"
    write = DirectFiles.write

    def spy(self: DirectFiles, path: str, data: bytes) -> Written:
        with log.open("a") as lines:  # from every process
            lines.write(f"{os.getpid()} {path}\n")
        return write(self, path, data)

    monkeypatch.setattr(DirectFiles, "write", spy)
    out = tmp_path / "site"
    done = build_to(content_root, out, BuildOptions(), jobs=2, cache=False)
    written = dict(line.split(" ", 1)[::-1] for line in log.read_text().splitlines())
    expected, report = build_site(load_site(content_root))
    assert sorted(written) == sorted(output_file(page.path) for page in report.pages)
    assert all(int(pid) != os.getpid() for pid in written.values()), "written in the workers"
    assert set(_files(out)) == {*expected, MARKER}
    for path, data in expected.items():
        assert (out / path).read_bytes() == data, path
    state = json.loads(state_file(out).read_bytes())
    for path in written:
        page = out / path
        assert state["files"][path][1:] == [page.stat().st_size, page.stat().st_mtime_ns]
    assert done.bytes == sum(len(data) for data in expected.values())
    assert done.files == len(expected)
    assert report.rendered == len(report.pages)


def test_a_rebuild_into_the_standby_writes_pages_from_the_writer(
    content_root: Path,
    write_article: WriteArticle,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Only a new staging folder takes pages from the renderers: the standby holds files to
    keep, replace or clear, which only the writer decides."""
    _articles(write_article, 2)
    out = tmp_path / "site"
    build_to(content_root, out, BuildOptions(), cache=False)  # a new folder
    write_article("a0.md", MINIMAL_ARTICLE.replace("services: [massage]", "slug: b-0"))
    build_to(content_root, out, BuildOptions(), cache=False)  # a new folder again
    made: list[Path] = []
    original = DirectFiles.__init__

    def spy(self: DirectFiles, folder: Path) -> None:
        made.append(folder)
        original(self, folder)

    monkeypatch.setattr(DirectFiles, "__init__", spy)
    write_article("a1.md", MINIMAL_ARTICLE.replace("services: [massage]", "slug: b-1"))
    build_to(content_root, out, BuildOptions(), cache=False)  # into the standby
    assert made == []
    assert (out / "articles" / "b-1" / "index.html").is_file()
    assert not (out / "articles" / "a-1").exists()


def test_a_failed_build_ends_its_workers_before_removing_their_folder(
    content_root: Path,
    write_article: WriteArticle,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    _articles(write_article, 40)
    monkeypatch.setattr(parallel_module, "MIN_PAGES_TO_RENDER", 1)
    real = Writing._write
    taken: list[str] = []

    def failing(self: Writing, output: OutputFile) -> None:
        taken.append(output.path)
        if len(taken) == 12:
            raise OSError(28, "No space left on device")
        real(self, output)

    monkeypatch.setattr(Writing, "_write", failing)
    _fails_leaving_nothing(content_root, tmp_path, "No space")


def _fails_leaving_nothing(content_root: Path, tmp_path: Path, error: str) -> None:
    """A build in 2 workers into ``tmp_path/site`` fails with ``error`` and leaves neither the
    site nor its staging folder."""
    out = tmp_path / "site"
    with pytest.raises(OSError, match=error):
        build_to(content_root, out, BuildOptions(), jobs=2, cache=False)
    assert not out.exists()
    assert [path.name for path in tmp_path.iterdir() if path.name.startswith(".site")] == []


def test_a_build_failing_between_two_pages_ends_its_workers_before_removing_their_folder(
    content_root: Path,
    write_article: WriteArticle,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The error comes from the files made between the pages (here the sitemaps), not from the
    writer: the workers must still end before the writer removes the folder they write into."""
    _articles(write_article, 120)
    monkeypatch.setattr(parallel_module, "MIN_PAGES_TO_RENDER", 1)

    def failing(self: BuildRun, listing: str | None) -> Iterator[OutputFile]:
        raise OSError(5, "Input/output error")
        yield  # pragma: no cover - a generator, as the one it replaces

    monkeypatch.setattr(BuildRun, "_sitemaps", failing)
    _fails_leaving_nothing(content_root, tmp_path, "Input/output")


def test_direct_files_refuse_unsafe_paths_and_existing_files(tmp_path: Path) -> None:
    direct = DirectFiles(tmp_path)
    written = direct.write("a/b/index.html", b"<p>")
    assert written == Written(3, (tmp_path / "a/b/index.html").stat().st_mtime_ns)
    assert (tmp_path / "a/b/index.html").read_bytes() == b"<p>"
    with pytest.raises(OutputError, match=r"cannot write a/b/index\.html"):
        direct.write("a/b/index.html", b"again")
    assert (tmp_path / "a/b/index.html").read_bytes() == b"<p>"
    for path in ("../x.html", "/abs.html", "a/../../x.html"):
        with pytest.raises(OutputError, match="refusing"):
            direct.write(path, b"")
    (tmp_path / "c").write_bytes(b"a file where a folder goes")
    with pytest.raises(OutputError, match=r"cannot write c/index\.html"):
        direct.write("c/index.html", b"")


def test_the_writer_records_written_files_and_refuses_one_path_twice(tmp_path: Path) -> None:
    out = tmp_path / "site"

    def outputs(folder: DirectFiles) -> None:
        made.append(folder)

    made: list[DirectFiles] = []

    def produce() -> Iterator[OutputFile]:  # runs once the writer has made its folder
        yield OutputFile("index.html", made[0].write("index.html", b"<html>"), "home")
        yield OutputFile("robots.txt", b"User-agent: *\n", "robots")

    summary = write_outputs(
        produce(), out, content_root=tmp_path / "c", state=lambda: {}, direct=outputs
    )
    assert summary.files == 2
    assert summary.bytes == len(b"<html>") + len(b"User-agent: *\n")
    assert (out / "index.html").read_bytes() == b"<html>"
    state = json.loads(state_file(out).read_bytes())
    assert state["files"]["index.html"] == ["", 6, (out / "index.html").stat().st_mtime_ns]

    made.clear()

    def twice() -> Iterator[OutputFile]:
        yield OutputFile("index.html", made[0].write("index.html", b"a"), "one")
        yield OutputFile("index.html", Written(1, 0), "two")

    other = tmp_path / "other"
    with pytest.raises(OutputError, match=r"one and two both produce index\.html"):
        write_outputs(twice(), other, content_root=tmp_path / "c", direct=outputs)
    assert not other.exists()
    assert [path.name for path in tmp_path.iterdir() if path.name.startswith(".other")] == []


@pytest.mark.usefixtures("six_in_workers")
def test_without_files_to_reuse_the_listing_is_made_page_by_page_while_the_workers_render(
    content_root: Path,
    write_article: WriteArticle,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    workers_then: list[int] = []
    given: list[str | None] = []
    real_add = Listing.add

    def adding(self: Listing, page: Any, digest: str | None = None) -> None:
        workers_then.append(len(multiprocessing.active_children()))
        given.append(digest)
        real_add(self, page, digest)

    monkeypatch.setattr(Listing, "add", adding)
    monkeypatch.setattr(render_pass, "page_digests", _never)
    out = tmp_path / "site"
    done = build_to(content_root, out, BuildOptions(), jobs=2, cache=False)
    assert workers_then == [2] * done.pages, "each page, once it is out, while workers run"
    # Each page's record digest came with it, made where it rendered, and is the one made here.
    site = load_site(content_root)
    pages = BuildRun(site, BuildOptions()).plan.pages
    assert given == [record_digest(page) for page in pages]
    monkeypatch.undo()
    monkeypatch.setattr(parallel_module, "MIN_PAGES_TO_RENDER", 1)
    # A rebuild that may reuse files needs the digests first, to know which pages to render.
    workers_then = []
    real = render_pass.page_digests

    def spy(*args: Any, **kwargs: Any) -> list[str]:
        workers_then.append(len(multiprocessing.active_children()))
        return real(*args, **kwargs)

    monkeypatch.setattr(render_pass, "page_digests", spy)
    write_article("a0.md", MINIMAL_ARTICLE.replace("services: [massage]", "slug: b-0"))
    workers_then.clear()
    build_to(content_root, out, BuildOptions(), jobs=2, cache=False)
    assert workers_then == [0]
    expected, _report = build_site(load_site(content_root))
    for path, data in expected.items():
        assert (out / path).read_bytes() == data, path


def _never(*_args: object, **_kwargs: object) -> list[str]:
    raise AssertionError("the render pass made the digests of a build with nothing to reuse")


@pytest.mark.usefixtures("six_in_workers")
def test_digests_made_after_the_pages_are_those_made_before_them(
    content_root: Path, tmp_path: Path
) -> None:
    """A new folder records each file's digest once its pages are out; a build into a standby
    (here without the previous state, so every file is written again) makes the digests before
    rendering. Both record the same listing, digests and article records."""
    build_to(content_root, tmp_path / "new", BuildOptions(), jobs=2, cache=False)
    standby = tmp_path / "standby"
    build_to(content_root, standby, BuildOptions(), jobs=2, cache=False)
    build_to(content_root, standby, BuildOptions(), jobs=2, cache=False, incremental=False)
    new, before = (json.loads(state_file(out).read_bytes()) for out in (tmp_path / "new", standby))
    assert new["listing"] == before["listing"]
    assert new["listing"]
    articles = {f"articles/{file.name}" for file in (content_root / "articles").glob("*.md")}
    assert new["articles"] == before["articles"]
    assert set(new["articles"]) == articles
    digests = {path: record[0] for path, record in new["files"].items()}
    assert digests == {path: record[0] for path, record in before["files"].items()}
    pages = [path for path in digests if path.endswith(".html")]
    assert len(pages) == new["pages"]
    assert all(digests[path] for path in pages)
    assert digests["feed.xml"]
    assert digests["sitemap.xml"]


def test_parallel_map_with_more_chunks_ahead_keeps_the_order() -> None:
    items = list(range(3000))
    assert list(parallel_module.parallel_map(_double, items, 2, min_items=1, ahead=8)) == [
        2 * item for item in items
    ]


def _double(value: int) -> int:
    return 2 * value


def test_progress_counts_pages_only_and_ends_at_the_last_one(
    content_root: Path,
    write_article: WriteArticle,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The site-wide files go out after the first page: they are not counted as pages."""
    _articles(write_article, 5)
    (content_root / "static").mkdir(exist_ok=True)
    (content_root / "static" / "a.txt").write_text("a")
    seen: list[tuple[int, int]] = []
    taken: list[str] = []
    real = Writing._write

    def noting(self: Writing, output: OutputFile) -> None:
        taken.append(output.path)
        real(self, output)

    monkeypatch.setattr(Writing, "_write", noting)

    def progress(done: int, total: int) -> None:
        seen.append((done, total))
        taken.append(f"progress {done}")

    done = build_to(content_root, tmp_path / "site", BuildOptions(), progress=progress)
    assert seen == [(n, done.pages) for n in range(1, done.pages + 1)]
    last_page = taken.index(f"progress {done.pages}")
    assert "feed.xml" in taken[:last_page], "the site-wide files came between the pages"
