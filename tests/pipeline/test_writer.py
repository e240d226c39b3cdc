"""The writer: atomic replacement, refusals, and never deleting what it did not create."""

from __future__ import annotations

import errno
import json
import os
from collections.abc import Callable
from pathlib import Path

import pytest

from nmt_content.errors import OutputError
from nmt_content.pipeline import file_copy
from nmt_content.pipeline.output_state import MARKER, state_file
from nmt_content.pipeline.outputs import OutputFile, SourceFile
from nmt_content.pipeline.writer import write_outputs


def files(*pairs: tuple[str, bytes]) -> list[OutputFile]:
    return [OutputFile(path, data, "test") for path, data in pairs]


def tree(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and p.name != MARKER
    }


def test_writes_files_and_marker(tmp_path: Path) -> None:
    out = tmp_path / "site"
    summary = write_outputs(
        files(("index.html", b"a"), ("x/y.txt", b"bc")), out, content_root=tmp_path / "c"
    )
    assert tree(out) == {"index.html": b"a", "x/y.txt": b"bc"}
    assert (out / MARKER).is_file()
    assert (summary.files, summary.bytes) == (2, 3)


@pytest.mark.parametrize("umask", [0o022, 0o027])
def test_output_is_readable_as_the_umask_allows(tmp_path: Path, umask: int) -> None:
    """A web server running as another user must be able to read the site: the folders and files
    get the modes the umask gives new ones, not the private 0700 of a temporary folder."""
    import nmt_content.pipeline.writer as writer

    writer._umask.cache_clear()
    old = os.umask(umask)
    try:
        out = tmp_path / "site"
        write_outputs(files(("index.html", b"a"), ("x/y.txt", b"b")), out, content_root=tmp_path)
    finally:
        os.umask(old)
        writer._umask.cache_clear()
    modes = {
        p.relative_to(tmp_path).as_posix(): p.stat().st_mode & 0o777 for p in tmp_path.rglob("*")
    }
    assert modes["site"] == 0o777 & ~umask
    assert modes["site/x"] == 0o777 & ~umask
    assert modes["site/index.html"] == 0o666 & ~umask


def test_replaces_previous_output_completely(tmp_path: Path) -> None:
    out = tmp_path / "site"
    write_outputs(files(("old.html", b"old")), out, content_root=tmp_path / "c")
    write_outputs(files(("new.html", b"new")), out, content_root=tmp_path / "c")
    assert tree(out) == {"new.html": b"new"}
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        ".nmt-content-cache",  # the lock lives there
        ".site.nmt-standby",  # the previous output, which the next build updates and swaps in
        "site",
    ]
    assert tree(tmp_path / ".site.nmt-standby") == {"old.html": b"old"}


def test_chunked_content_is_joined(tmp_path: Path) -> None:
    out = tmp_path / "site"
    write_outputs(
        [OutputFile("big.xml", iter([b"<a>", b"</a>"]), "t")], out, content_root=tmp_path / "c"
    )
    assert (out / "big.xml").read_bytes() == b"<a></a>"


def test_failure_midway_leaves_previous_output(tmp_path: Path) -> None:
    out = tmp_path / "site"
    write_outputs(files(("index.html", b"v1")), out, content_root=tmp_path / "c")

    def failing() -> list[OutputFile]:
        def gen():  # type: ignore[no-untyped-def]
            yield OutputFile("index.html", b"v2", "t")
            raise RuntimeError("boom")

        return gen()  # type: ignore[no-any-return]

    with pytest.raises(RuntimeError):
        write_outputs(failing(), out, content_root=tmp_path / "c")
    assert tree(out) == {"index.html": b"v1"}
    assert sorted(p.name for p in tmp_path.iterdir()) == [".nmt-content-cache", "site"]


def test_refuses_foreign_non_empty_folder(tmp_path: Path) -> None:
    out = tmp_path / "mine"
    out.mkdir()
    (out / "thesis.docx").write_bytes(b"precious")
    with pytest.raises(OutputError, match="not created by nmt-content"):
        write_outputs(files(("index.html", b"a")), out, content_root=tmp_path / "c")
    assert (out / "thesis.docx").read_bytes() == b"precious"


def test_empty_foreign_folder_is_fine(tmp_path: Path) -> None:
    out = tmp_path / "empty"
    out.mkdir()
    write_outputs(files(("index.html", b"a")), out, content_root=tmp_path / "c")
    assert tree(out) == {"index.html": b"a"}


@pytest.mark.parametrize("target", ["root", "home", "content", "parent"])
def test_refuses_dangerous_targets(tmp_path: Path, target: str) -> None:
    content = tmp_path / "content"
    content.mkdir()
    out = {
        "root": Path("/"),
        "home": Path.home(),
        "content": content,
        "parent": tmp_path,
    }[target]
    with pytest.raises(OutputError, match="refusing"):
        write_outputs(files(("index.html", b"a")), out, content_root=content)


@pytest.mark.parametrize("path", ["../escape.html", "/abs.html", "a/../../b", "a\\b", MARKER])
def test_refuses_paths_outside_the_output(tmp_path: Path, path: str) -> None:
    with pytest.raises(OutputError):
        write_outputs(files((path, b"x")), tmp_path / "site", content_root=tmp_path / "c")
    assert not (tmp_path / "escape.html").exists()
    assert not (tmp_path / "site").exists()


def test_refuses_writing_one_path_twice(tmp_path: Path) -> None:
    outputs = [
        OutputFile("a.html", b"1", "articles/one.md"),
        OutputFile("a.html", b"2", "articles/two.md"),
    ]
    with pytest.raises(OutputError, match=r"articles/one\.md and articles/two\.md"):
        write_outputs(outputs, tmp_path / "site", content_root=tmp_path / "c")


def test_stale_temporary_folders_of_ours_are_cleaned(tmp_path: Path) -> None:
    stale = tmp_path / ".site.tmp-abc"
    stale.mkdir()
    (stale / MARKER).write_bytes(b"")
    foreign = tmp_path / ".site.tmp-notours"
    foreign.mkdir()
    write_outputs(files(("index.html", b"a")), tmp_path / "site", content_root=tmp_path / "c")
    assert not stale.exists()
    assert foreign.exists()


def test_many_small_pieces_and_large_ones_are_written_whole_in_order(tmp_path: Path) -> None:
    """Pieces are joined before they are written (a sitemap is thousands of lines), and a piece
    larger than what is joined at once is written whole."""
    out = tmp_path / "site"
    lines = [f"<url>{n}</url>\n".encode() for n in range(40_000)]
    large = bytes(range(256)) * 4096  # 1 MiB
    write_outputs(
        [
            OutputFile("sitemap.xml", iter(lines), "t"),
            OutputFile("a/b/c/large.bin", iter([b"<", large, b">"]), "t"),
            OutputFile("a/b/d/index.html", b"", "t"),
        ],
        out,
        content_root=tmp_path / "c",
    )
    assert (out / "sitemap.xml").read_bytes() == b"".join(lines)
    assert (out / "a/b/c/large.bin").read_bytes() == b"<" + large + b">"
    assert (out / "a/b/d/index.html").read_bytes() == b""


def test_each_page_costs_one_mkdir_one_open_and_one_write(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A page's folder, one level below a folder already made, is made with one mkdir (no stat
    of its parent first), and its bytes go through a bare descriptor, whose status gives the
    state its size and time (no stat of the new file by its path)."""
    calls: list[tuple[str, str]] = []
    for name in ("mkdir", "makedirs", "stat", "lstat", "fstat", "open", "write"):
        monkeypatch.setattr(os, name, _counted(calls, name, getattr(os, name)))
    listing = OutputFile("articles/index.html", b"<ul>", "t")  # makes `articles/`
    pages = [OutputFile(f"articles/a{n}/index.html", b"<p>", "t") for n in range(5)]
    write_outputs(
        [listing, *pages], tmp_path / "site", content_root=tmp_path / "c", state=lambda: {}
    )
    monkeypatch.undo()
    on_pages = [(name, path) for name, path in calls if "/articles/a" in path]
    assert sorted(on_pages) == sorted(
        [("mkdir", f"/articles/a{n}") for n in range(5)]
        + [("open", f"/articles/a{n}/index.html") for n in range(5)]
    )
    assert sum(name == "write" for name, _path in calls) == 6
    state = json.loads(state_file(tmp_path / "site").read_bytes())
    page = tmp_path / "site" / "articles" / "a4" / "index.html"
    assert state["files"]["articles/a4/index.html"] == ["", 3, page.stat().st_mtime_ns]
    assert (tmp_path / "site" / "articles" / "a4" / "index.html").read_bytes() == b"<p>"


def _counted(
    calls: list[tuple[str, str]], name: str, real: Callable[..., object]
) -> Callable[..., object]:
    def counting(*args: object, **kwargs: object) -> object:
        path = str(args[0]) if args and isinstance(args[0], str | os.PathLike) else ""
        calls.append((name, path[path.find("/articles/") :] if "/articles/a" in path else path))
        return real(*args, **kwargs)

    return counting


def _failing_after(count: int) -> Callable[[int, int, int, int], int]:
    """A ``copy_file_range`` that copies ``count`` calls' worth, then fails as across devices."""
    calls = 0

    def copy(source: int, descriptor: int, length: int, offset: int) -> int:
        nonlocal calls
        calls += 1
        if calls > count:
            raise OSError(errno.EXDEV, "cross-device")
        return os.copy_file_range(source, descriptor, min(length, 1000), offset)

    return copy


@pytest.mark.parametrize("kernel_copy", ["native", "refused", "refused midway", "missing"])
def test_a_source_file_is_copied_whole_however_the_kernel_copies(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, kernel_copy: str
) -> None:
    """A `static/` file is copied file to file: by the kernel where it can, else (another file
    system, an old kernel, a copy refused after part of the file) by reading the rest."""
    data = os.urandom(700_000)  # more than one read of the fallback
    (tmp_path / "c").mkdir()
    source = tmp_path / "c" / "photo.jpg"
    source.write_bytes(data)
    (tmp_path / "c" / "empty.txt").write_bytes(b"")
    if kernel_copy == "refused":
        monkeypatch.setattr(file_copy, "_copy_file_range", _failing_after(0))
    elif kernel_copy == "refused midway":
        monkeypatch.setattr(file_copy, "_copy_file_range", _failing_after(3))
    elif kernel_copy == "missing":
        monkeypatch.setattr(file_copy, "_copy_file_range", None)
    out = tmp_path / "site"
    summary = write_outputs(
        [
            OutputFile("images/photo.jpg", SourceFile(str(source)), "static/photo.jpg"),
            OutputFile(
                "empty.txt", SourceFile(str(tmp_path / "c" / "empty.txt")), "static/empty.txt"
            ),
        ],
        out,
        content_root=tmp_path / "c",
    )
    assert tree(out) == {"images/photo.jpg": data, "empty.txt": b""}
    assert summary.bytes == len(data)


def test_a_source_file_in_memory_is_its_bytes(tmp_path: Path) -> None:
    source = tmp_path / "photo.jpg"
    source.write_bytes(b"\xff\xd8" * 600_000)
    assert b"".join(SourceFile(str(source))) == source.read_bytes()
