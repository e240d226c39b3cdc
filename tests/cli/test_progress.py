"""The build's progress bar: only on a terminal, never in CI or with --quiet, never for short builds."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from nmt_content.cli import main
from nmt_content.cli import progress as progress_module
from nmt_content.cli.progress import Progress, shows_progress


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_shown_only_on_a_terminal_outside_ci() -> None:
    assert shows_progress(Terminal(), environ={})
    assert not shows_progress(io.StringIO(), environ={})
    assert not shows_progress(Terminal(), environ={"CI": "true"})
    assert not shows_progress(Terminal(), environ={"TERM": "dumb"})
    assert not shows_progress(Terminal(), quiet=True, environ={})


def test_silent_for_a_short_build() -> None:
    stream = Terminal()
    with Progress(enabled=True, stream=stream) as bar:
        bar.update(5, 10)
        bar.update(10, 10)
    assert stream.getvalue() == ""


def test_draws_after_a_second_and_erases_itself(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(progress_module, "DELAY", 0.0)
    stream = Terminal()
    with Progress(enabled=True, stream=stream) as bar:
        bar.update(250, 1000)
        bar.update(1000, 1000)
    text = stream.getvalue()
    assert "1,000/1,000 pages" in text
    assert text.endswith("\r\x1b[2K")


def test_disabled_draws_nothing(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(progress_module, "DELAY", 0.0)
    stream = Terminal()
    with Progress(enabled=False, stream=stream) as bar:
        bar.update(1, 1)
    assert stream.getvalue() == ""


def test_build_to_a_pipe_prints_no_bar(
    content_root: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["build", str(content_root), "--out", str(tmp_path / "out")]) == 0
    assert "\r" not in capsys.readouterr().err
