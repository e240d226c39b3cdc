"""A build into a new output copies `static/` in a forked copier while it loads the site; the
build takes a copy only when it was made from the file it publishes, removes every other copy
(with the folders made only for them), and ends the copier before it removes a failed build's
folder."""

from __future__ import annotations

import os
import signal
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from nmt_content.content.loader import read_site
from nmt_content.errors import ContentError
from nmt_content.pipeline import build_changed as build_changed_module
from nmt_content.pipeline import writer as writer_module
from nmt_content.pipeline.build_to import build_to
from nmt_content.pipeline.output_state import MARKER, state_file
from nmt_content.pipeline.plan import BuildOptions
from nmt_content.pipeline.static_copy import EarlyStatic, copied_folders, start_copier
from nmt_content.site import StaticFile

STATIC = {
    "notes.txt": b"first version\n",
    "images/pixel.gif": b"GIF89a\x01\x00\x01\x00\x00\x00\x00;",
    "docs/guides/guide.txt": b"a guide\n" * 100,
    "old/deep/gone.txt": b"removed while the site loads\n",
    ".hidden": b"never published\n",
}

Started = list[EarlyStatic]


def _files(folder: Path) -> dict[str, bytes]:
    return {
        path.relative_to(folder).as_posix(): path.read_bytes()
        for path in folder.rglob("*")
        if path.is_file()
    }


def _folders(folder: Path) -> set[str]:
    return {path.relative_to(folder).as_posix() for path in folder.rglob("*") if path.is_dir()}


@pytest.fixture
def with_static(content_root: Path) -> Path:
    for path, data in STATIC.items():
        (content_root / "static" / path).parent.mkdir(parents=True, exist_ok=True)
        (content_root / "static" / path).write_bytes(data)
    (content_root / "static" / "alias.txt").symlink_to("notes.txt")
    return content_root


@pytest.fixture
def started(monkeypatch: pytest.MonkeyPatch) -> Started:
    """Every copier a build starts."""
    seen: Started = []
    real = start_copier

    def start(root: Path, folder: Path) -> EarlyStatic | None:
        early = real(root, folder)
        if early is not None:
            seen.append(early)
        return early

    monkeypatch.setattr(writer_module, "start_copier", start)
    return seen


@pytest.fixture
def claims(monkeypatch: pytest.MonkeyPatch) -> dict[str, bool]:
    """For each `static/` file the build published, whether it took the copier's copy."""
    taken: dict[str, bool] = {}
    real = EarlyStatic.claim

    def claim(self: EarlyStatic, file: StaticFile) -> object:
        written = real(self, file)
        taken[file.path] = written is not None
        return written

    monkeypatch.setattr(EarlyStatic, "claim", claim)
    return taken


def _once_copied(
    monkeypatch: pytest.MonkeyPatch, out: Path, path: str, step: Callable[[], object]
) -> None:
    """Have the next build into ``out``, just before it loads the site, wait until the copier
    has copied ``path`` whole into its staging folder, then run ``step``."""
    real = read_site
    steps = [step]

    def wait() -> None:
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            for staging in out.parent.glob(f".{out.name}.tmp-*"):
                copy = staging / path
                if copy.is_file() and copy.stat().st_size == len(STATIC[path]):
                    return
            time.sleep(0.005)
        raise AssertionError(f"the copier did not copy {path}")

    def reading(*args: Any, **options: Any) -> Any:
        while steps:
            wait()
            steps.pop()()
        return real(*args, **options)

    monkeypatch.setattr(build_changed_module, "read_site", reading)


def _reference(root: Path, tmp_path: Path) -> dict[str, bytes]:
    """What a build with one job (no copier) makes of ``root``."""
    out = tmp_path / "one-job"
    build_to(root, out, BuildOptions(), jobs=1, cache=False)
    return _files(out)


def _leftovers(out: Path) -> list[Path]:
    return sorted(out.parent.glob(f".{out.name}.tmp-*"))


def test_a_new_output_takes_static_from_the_copier_with_the_same_bytes(
    with_static: Path, tmp_path: Path, started: Started, claims: dict[str, bool]
) -> None:
    out = tmp_path / "site"
    build_to(with_static, out, BuildOptions(), jobs=2, cache=False)
    assert len(started) == 1
    assert _files(out) == _reference(with_static, tmp_path)
    assert "notes.txt" in _files(out)
    assert ".hidden" not in _files(out)
    # Every regular file came from the copier; the link inside `static/` was copied here.
    assert claims == {
        "alias.txt": False,
        "docs/guides/guide.txt": True,
        "images/pixel.gif": True,
        "notes.txt": True,
        "old/deep/gone.txt": True,
    }
    state = state_file(out).read_text()
    for path in ("notes.txt", "docs/guides/guide.txt"):
        info = (out / path).stat()
        assert f'"{path}":[' in state.replace(" ", "")
        assert str(info.st_mtime_ns) in state, path  # recorded as the copy is
    assert _leftovers(out) == []


def test_a_file_changed_after_it_was_copied_is_copied_again(
    with_static: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    started: Started,
    claims: dict[str, bool],
) -> None:
    out = tmp_path / "site"
    notes = with_static / "static" / "notes.txt"
    _once_copied(monkeypatch, out, "notes.txt", lambda: notes.write_bytes(b"second version\n"))
    build_to(with_static, out, BuildOptions(), jobs=2, cache=False)
    assert started
    assert claims["notes.txt"] is False
    assert claims["images/pixel.gif"] is True
    assert (out / "notes.txt").read_bytes() == b"second version\n"
    assert _files(out) == _reference(with_static, tmp_path)


def test_copies_of_files_no_longer_published_go_with_their_folders(
    with_static: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    started: Started,
    claims: dict[str, bool],
) -> None:
    out = tmp_path / "site"
    gone = with_static / "static" / "old" / "deep" / "gone.txt"
    _once_copied(monkeypatch, out, "old/deep/gone.txt", gone.unlink)
    build_to(with_static, out, BuildOptions(), jobs=2, cache=False)
    assert started
    assert "old/deep/gone.txt" not in claims
    assert _files(out) == _reference(with_static, tmp_path)
    assert not (out / "old").exists()
    assert {"docs", "docs/guides", "images"} <= _folders(out)


def test_a_failed_build_ends_the_copier_and_removes_its_folder(
    with_static: Path, tmp_path: Path, started: Started
) -> None:
    (with_static / "articles" / "broken.md").write_text("---\ntitle: [unclosed\n---\nBody\n")
    out = tmp_path / "site"
    with pytest.raises(ContentError):
        build_to(with_static, out, BuildOptions(), jobs=2, cache=False)
    assert len(started) == 1
    copier = started[0]
    assert not copier.folder.exists()
    assert _leftovers(out) == []
    assert not out.exists()
    with pytest.raises(ChildProcessError):  # ended and waited for: no such child left
        os.waitpid(-1, os.WNOHANG)


def test_a_copier_that_dies_leaves_the_build_whole(
    with_static: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = start_copier

    def start_and_kill(root: Path, folder: Path) -> EarlyStatic | None:
        early = real(root, folder)
        assert early is not None
        os.kill(early._pid or 0, signal.SIGKILL)
        return early

    monkeypatch.setattr(writer_module, "start_copier", start_and_kill)
    out = tmp_path / "site"
    build_to(with_static, out, BuildOptions(), jobs=2, cache=False)
    assert _files(out) == _reference(with_static, tmp_path)
    assert _leftovers(out) == []


def test_no_copier_with_one_job_nor_into_an_existing_output(
    with_static: Path, tmp_path: Path, started: Started
) -> None:
    out = tmp_path / "site"
    build_to(with_static, out, BuildOptions(), jobs=1, cache=False)
    assert started == []
    (with_static / "static" / "notes.txt").write_bytes(b"changed\n")
    build_to(with_static, out, BuildOptions(), jobs=2, cache=False)
    assert started == []  # the output exists: its unchanged files are kept or linked
    assert (out / "notes.txt").read_bytes() == b"changed\n"
    assert (out / MARKER).is_file()


def test_copied_folders_lists_every_folder_above_each_path() -> None:
    assert copied_folders(["a/b/c.txt", "a/d.txt", "e.txt"]) == {"a", "a/b"}
