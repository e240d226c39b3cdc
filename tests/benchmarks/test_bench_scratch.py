"""The benchmark moves old outputs aside and deletes them only once its timings are done."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from tests.benchmarks.test_bench_corpus import bench

scratch = sys.modules["bench_scratch"]


def _output(folder: Path) -> Path:
    (folder / "articles" / "a").mkdir(parents=True)
    (folder / "articles" / "a" / "index.html").write_text("<p>a</p>", encoding="utf-8")
    return folder


def test_a_folder_set_aside_keeps_its_files_until_the_trash_is_emptied(tmp_path: Path) -> None:
    trash = scratch.Trash(tmp_path)
    old = _output(tmp_path / "out-nmt-10")
    inode = (old / "articles" / "a" / "index.html").stat().st_ino

    trash.aside(old)

    assert not old.exists()
    kept = list((tmp_path / ".trash").rglob("index.html"))
    assert [p.stat().st_ino for p in kept] == [inode]  # moved, not copied: no inode freed
    _output(old)  # the next build gets a new, empty folder at the same place
    trash.aside(old)
    assert len(list((tmp_path / ".trash").rglob("index.html"))) == 2

    assert trash.empty() is True
    assert not (tmp_path / ".trash").exists()
    assert trash.empty() is False


def test_setting_aside_a_missing_folder_does_nothing(tmp_path: Path) -> None:
    trash = scratch.Trash(tmp_path)
    trash.aside(tmp_path / "out-nmt-10")
    assert not (tmp_path / ".trash").exists()


def test_an_earlier_runs_trash_is_deleted_and_waited_for_before_timing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    slept: list[float] = []
    monkeypatch.setattr(scratch.time, "sleep", slept.append)
    messages: list[str] = []
    trash = scratch.Trash(tmp_path)
    trash.empty_before_timing(messages.append)
    assert (slept, messages) == ([], [])  # nothing left over: no wait

    trash.aside(_output(tmp_path / "out-hugo-10"))
    trash.empty_before_timing(messages.append)
    assert not (tmp_path / ".trash").exists()
    assert slept == [scratch.RECENTLY_DELETED_SECONDS]
    assert "waiting" in messages[0]


def test_the_runner_sets_old_outputs_aside_instead_of_deleting_them(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    trash = scratch.Trash(tmp_path)
    monkeypatch.setattr(bench, "TRASH", trash)
    old = _output(tmp_path / "out-nmt-10")
    bench.remove(old)
    assert not old.exists()
    assert len(list((tmp_path / ".trash").rglob("index.html"))) == 1
