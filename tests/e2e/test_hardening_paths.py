"""Hostile files and hostile neighbours: what a cloned repository, a shared output folder or a
second build can put in our way.

- Every file read is a regular file inside the folder it belongs to: links out of the content
  folder, loops, `articles -> /`, FIFOs, hidden files and unlistable folders are skipped or give
  a located error (exit 2), never a traceback or a hang.
- The incremental state is input like any other: a link to `/dev/zero`, deep nesting or a
  folder in its place makes the next build a full one, never a traceback or an unbounded read.
- A link planted in the output is never hard-linked into the next build; `build --check` never
  follows one.
- One build per output at a time: a second one waits, then exits 2, and never deletes the first
  one's staging folder.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from nmt_content.cli import main
from nmt_content.pipeline import output_lock
from nmt_content.pipeline.output_state import MARKER, state_file

from ..conftest import MINIMAL_ARTICLE

ARTICLE = "articles/test-article.md"


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def _no_traceback(err: str) -> None:
    assert "Traceback" not in err


# -- content: only regular files inside the content folder -------------------------------------


@pytest.mark.parametrize("command", ["validate", "build", "check"])
def test_a_symlink_loop_in_articles_is_a_located_error(
    content_root: Path, tmp_path: Path, command: str, capsys: pytest.CaptureFixture[str]
) -> None:
    (content_root / "articles" / "loop.md").symlink_to("loop.md")
    argv = [command, str(content_root)] + (
        ["--out", str(tmp_path / "o")] if command == "build" else []
    )
    code, _out, err = _run(capsys, *argv)
    assert code == 2
    _no_traceback(err)
    assert "articles/loop.md: error: not read: it is a symbolic link that loops" in err
    assert not (tmp_path / "o").exists()


def test_articles_linked_to_the_file_system_root_is_a_located_error(
    content_root: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    articles = content_root / "articles"
    for file in articles.iterdir():
        file.unlink()
    articles.rmdir()
    articles.symlink_to("/", target_is_directory=True)
    started = time.monotonic()
    code, _out, err = _run(capsys, "validate", str(content_root))
    assert time.monotonic() - started < 10  # the whole disk is never walked
    assert code == 2
    _no_traceback(err)
    assert "articles: error: not read: it is a symbolic link to /, outside" in err


def test_an_article_linked_to_a_file_outside_the_content_is_never_read(
    content_root: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    secret = tmp_path / "secret.md"
    secret.write_text(MINIMAL_ARTICLE.replace("Body text", "SECRET-TEXT"), encoding="utf-8")
    (content_root / "articles" / "leak.md").symlink_to(secret)
    code, out, err = _run(capsys, "build", str(content_root), "--out", str(tmp_path / "o"))
    assert code == 2
    assert "articles/leak.md: error: not read: it is a symbolic link to" in err
    assert "SECRET-TEXT" not in out + err
    assert not (tmp_path / "o").exists()


def test_hidden_and_apple_double_files_are_not_articles(
    content_root: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    articles = content_root / "articles"
    (articles / "._test-article.md").write_bytes(b"\x00\x05\x16\x07 resource fork")
    (articles / ".obsidian").mkdir()
    (articles / ".obsidian" / "workspace.md").write_text("not: [an article", encoding="utf-8")
    (articles / ".draft.md").write_text("---\ntitle: x\n", encoding="utf-8")
    code, out, err = _run(capsys, "validate", str(content_root), "--json")
    assert code == 0, err
    assert [a["source"] for a in json.loads(out)["articles"]] == [ARTICLE]


def test_a_fifo_named_like_a_content_file_never_blocks(
    content_root: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    os.mkfifo(content_root / "articles" / "pipe.md")
    (content_root / "articles" / "folder.md").mkdir()
    code, _out, err = _run(capsys, "build", str(content_root), "--out", str(tmp_path / "o"), "-q")
    assert code == 0, err  # skipped: neither is a file
    practice = content_root / "practice.yaml"
    practice.unlink()
    os.mkfifo(practice)
    code, _out, err = _run(capsys, "validate", str(content_root))
    assert code == 2
    assert "practice.yaml: error: not read: it is not a regular file" in err


# -- the incremental state and the previous output ----------------------------------------------


def _built(content_root: Path, out: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _out, err = _run(capsys, "build", str(content_root), "--out", str(out), "-q")
    assert code == 0, err


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def _edit_body(content_root: Path) -> None:
    article = content_root / ARTICLE
    article.write_text(article.read_text(encoding="utf-8") + "\nOne more line.\n", "utf-8")


@pytest.mark.parametrize(
    "state",
    ["dev-zero", "deeply-nested", "folder", "misshapen-records", "records-as-objects"],
)
def test_a_hostile_state_file_only_makes_the_build_a_full_one(
    content_root: Path, tmp_path: Path, state: str, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "site"
    _built(content_root, out, capsys)
    expected = _snapshot(out)
    path = state_file(out)
    record = json.loads(path.read_bytes())
    path.unlink()
    if state == "dev-zero":
        path.symlink_to("/dev/zero")
    elif state == "deeply-nested":
        path.write_text('{"format": 1, "files": ' + "[" * 100_000 + "]" * 100_000 + "}")
    elif state == "folder":
        path.mkdir()
        (path / "x").write_text("{}")
    elif state == "misshapen-records":
        record["files"] = dict.fromkeys(record["files"], "abc")
        record["pages"] = {"not": "a number"}
        path.write_text(json.dumps(record))
    else:
        record["files"] = {name: {"a": 1, "b": 2, "c": 3} for name in record["files"]}
        path.write_text(json.dumps(record))
    code, _out, err = _run(capsys, "build", str(content_root), "--out", str(out), "-q")
    assert code == 0, err
    _no_traceback(err)
    assert _snapshot(out) == expected


def test_a_symlink_planted_in_the_output_is_never_hard_linked(
    content_root: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "site"
    _built(content_root, out, capsys)
    page = "about/index.html"
    expected = (out / page).read_bytes()
    secret = tmp_path / "secret.txt"
    secret.write_bytes(b"SECRET " * 100)
    (out / page).unlink()
    (out / page).symlink_to(secret)
    # The attacker records the link's own size and time as the page's, so they match.
    link = os.lstat(out / page)
    path = state_file(out)
    record = json.loads(path.read_bytes())
    record["files"][page][1:] = [link.st_size, link.st_mtime_ns]
    path.write_text(json.dumps(record))
    _edit_body(content_root)  # not up to date: unchanged pages are reused
    _built(content_root, out, capsys)
    assert not (out / page).is_symlink()
    assert (out / page).read_bytes() == expected
    assert secret.read_bytes() == b"SECRET " * 100


def test_build_check_against_a_committed_symlink_to_a_huge_file(
    content_root: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "site"
    _built(content_root, out, capsys)
    (out / "index.html").unlink()
    (out / "index.html").symlink_to("/dev/zero")
    (out / "robots.txt").unlink()
    os.mkfifo(out / "robots.txt")
    started = time.monotonic()
    code, stdout, err = _run(capsys, "build", str(content_root), "--out", str(out), "--check")
    assert time.monotonic() - started < 30
    assert code == 1
    _no_traceback(err)
    assert "changed  index.html" in stdout
    assert "changed  robots.txt" in stdout


# -- one build per output ------------------------------------------------------------------------


@pytest.fixture
def other_build(tmp_path: Path) -> Iterator[Path]:
    """A process that holds the lock of `tmp_path/site`, as a running build does."""
    out = tmp_path / "site"
    lock = output_lock.lock_file(out.resolve())
    lock.parent.mkdir(parents=True, exist_ok=True)
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import fcntl, sys, time\n"
            f"f = open({str(lock)!r}, 'a')\n"
            "fcntl.flock(f, fcntl.LOCK_EX)\n"
            "print('locked', flush=True)\n"
            "time.sleep(60)\n",
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    assert holder.stdout is not None
    assert holder.stdout.readline() == "locked\n"
    try:
        yield out
    finally:
        holder.send_signal(signal.SIGKILL)
        holder.wait()


def test_two_builds_into_one_output_never_delete_each_others_staging(
    content_root: Path,
    other_build: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    out = other_build
    out.mkdir()
    (out / MARKER).write_bytes(b"x")
    staging = out.parent / ".site.tmp-running"
    staging.mkdir()
    (staging / MARKER).write_bytes(b"x")
    monkeypatch.setattr(output_lock, "LOCK_WAIT_SECONDS", 0.3)
    code, _out, err = _run(capsys, "build", str(content_root), "--out", str(out), "-q")
    assert code == 2
    _no_traceback(err)
    assert "another build is writing to" in err
    assert staging.is_dir()  # the running build's staging folder is left alone


def test_a_killed_builds_staging_folder_is_removed_once_the_lock_is_free(
    content_root: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "site"
    _built(content_root, out, capsys)
    staging = tmp_path / ".site.tmp-killed"
    staging.mkdir()
    (staging / MARKER).write_bytes(b"x")
    _edit_body(content_root)
    _built(content_root, out, capsys)
    assert not staging.exists()
