"""Reading a file of a folder someone else controls: whole, bounded, and only a regular file."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from nmt_content.content.safe_paths import read_regular
from nmt_content.errors import UnsafeFileError


@pytest.mark.parametrize("size", [0, 1, 4096, 1024 * 1024 - 1, 1024 * 1024, 3 * 1024 * 1024 + 7])
def test_reads_every_byte_whatever_the_size(tmp_path: Path, size: int) -> None:
    file = tmp_path / "a.md"
    data = bytes(n % 251 for n in range(size))
    file.write_bytes(data)
    assert read_regular(file, 4 * 1024 * 1024) == data


def test_a_file_above_the_limit_is_refused_with_its_size(tmp_path: Path) -> None:
    file = tmp_path / "a.md"
    file.write_bytes(b"x" * 11)
    with pytest.raises(UnsafeFileError) as caught:
        read_regular(file, 10)
    assert caught.value.size == 11
    assert read_regular(file, 11) == b"x" * 11


def test_a_fifo_and_a_folder_are_refused_without_blocking(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "pipe")
    with pytest.raises(UnsafeFileError, match="not a regular file"):
        read_regular(tmp_path / "pipe", 10)
    with pytest.raises(UnsafeFileError, match="a folder"):
        read_regular(tmp_path, 10)


def test_one_open_one_stat_and_no_buffered_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A file object would add a stat, a terminal check and a seek to each of 10,000 articles."""
    file = tmp_path / "a.md"
    file.write_bytes(b"---\ntitle: x\n---\nbody\n")
    calls: list[str] = []
    for name in ("open", "fstat", "fdopen", "read", "close"):
        real = getattr(os, name)
        monkeypatch.setattr(
            os, name, lambda *a, _n=name, _r=real, **k: calls.append(_n) or _r(*a, **k)
        )
    assert read_regular(file, 1000) == b"---\ntitle: x\n---\nbody\n"
    monkeypatch.undo()
    # The one read gives less than it asked for (the size and one byte more): that is the end.
    assert calls == ["open", "fstat", "read", "close"]


def test_a_file_longer_than_its_stat_said_is_read_to_its_end_within_the_limit(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A file that grew after its stat: each read gives all it asked for, so reading goes on."""
    file = tmp_path / "a.md"
    file.write_bytes(b"x" * 20)
    real = os.fstat
    monkeypatch.setattr(os, "fstat", lambda fd: os.stat_result((*real(fd)[:6], 5, *real(fd)[7:])))
    assert read_regular(file, 1000) == b"x" * 20
    with pytest.raises(UnsafeFileError) as caught:
        read_regular(file, 12)
    assert caught.value.size is not None
    assert caught.value.size > 12
