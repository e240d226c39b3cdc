"""How the benchmark times full builds: old outputs moved aside, not deleted, until the timings
are done; a size measured once starts from an untimed build of each tool."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from tests.benchmarks.test_bench_corpus import bench

scratch = sys.modules["bench_scratch"]
measure = sys.modules["bench_measure"]
report = sys.modules["bench_report"]


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


@pytest.mark.parametrize(("runs", "untimed"), [(1, 2), (3, 0)])
def test_a_size_measured_once_starts_from_an_untimed_build_of_each_tool(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, runs: int, untimed: int
) -> None:
    commands: list[list[str]] = []
    walls = iter(float(second) for second in range(1, 100))

    def run_child(command: list[str], **_: object) -> object:
        commands.append([str(part) for part in command])
        return measure.Child(measure.Sample(next(walls), 1.0, 1.0), 0, "", "")

    monkeypatch.setattr(bench, "WORK", tmp_path)
    monkeypatch.setattr(bench, "TRASH", scratch.Trash(tmp_path))
    monkeypatch.setattr(bench, "ensure_corpus", lambda n: tmp_path / f"n{n}")
    monkeypatch.setattr(bench, "make_hugo_site", lambda site, *a, **k: site)
    monkeypatch.setattr(bench, "run_child", run_child)
    monkeypatch.setattr(bench, "tree_stats", lambda *a: None)
    result = report.SizeResult(articles=10, runs=runs)
    settings = bench.Settings(cases=["full"], hugo=Path("hugo"), reference=tmp_path)

    bench.measure_size(result, settings)

    tools = ["hugo" if "--destination" in c else "nmt" for c in commands]
    assert tools == ["nmt", "hugo"] * (runs + untimed // 2)
    if untimed:
        assert str(tmp_path / "warm-nmt-10") in commands[0]
    # the timed samples are those after the untimed builds: A B A B from there
    assert result.nmt_full is not None
    assert result.hugo_full is not None
    timed_nmt = [float(i + 1) for i in range(untimed, len(commands), 2)]
    assert result.nmt_full.wall == sorted(timed_nmt)[len(timed_nmt) // 2]
    assert result.hugo_full.wall == sorted(w + 1 for w in timed_nmt)[len(timed_nmt) // 2]
