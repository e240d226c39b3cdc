"""The standby copy of the output: updated with what changed, swapped in atomically, repaired
when tampered with, refused when it is not ours, and the fallback where there is no exchange."""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from pathlib import Path

import pytest

from nmt_content.errors import OutputError
from nmt_content.pipeline import writer
from nmt_content.pipeline.build import BuildOptions
from nmt_content.pipeline.build_to import FolderBuild, build_to
from nmt_content.pipeline.output_state import (
    MARKER,
    folder_identity,
    previous_output,
    standby_dir,
    standby_state_file,
    state_file,
)

ARTICLE = """\
---
title: Article number {n} about massage
description: A description of article number {n}, long enough to be a real description of it.
date_published: 2024-03-{day:02d}
services: [massage]
---

Body of article {n}, with a [link](https://example.com/{n}) and **bold** words.
"""

FOLDER = "articles/article-number-3-about-massage"
PAGE = f"{FOLDER}/index.html"
"""A page that a body edit of another article leaves as it was."""


@pytest.fixture
def site(content_root: Path) -> Path:
    for n in range(8):
        text = ARTICLE.format(n=n, day=n + 1)
        (content_root / "articles" / f"article-{n}.md").write_text(text, encoding="utf-8")
    return content_root


@pytest.fixture
def secret(tmp_path: Path) -> Path:
    """A file outside the output that tampering points at (it must stay as it is)."""
    folder = tmp_path / "secret"
    folder.mkdir()
    path = folder / "index.html"
    path.write_bytes(b"SECRET")
    return path


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file under ``folder`` (the marker too); links and FIFOs fail the comparison."""
    found: dict[str, bytes] = {}
    for path in sorted(folder.rglob("*")):
        if path.is_symlink() or not (path.is_dir() or path.is_file()):
            found[path.relative_to(folder).as_posix()] = b"<not a regular file>"
        elif path.is_file():
            found[path.relative_to(folder).as_posix()] = path.read_bytes()
    return found


def build(root: Path, out: Path) -> FolderBuild:
    return build_to(root, out, BuildOptions())


def clean(root: Path, tmp_path: Path) -> dict[str, bytes]:
    out = tmp_path / f"clean-{len(list(tmp_path.iterdir()))}"
    build_to(root, out, BuildOptions(), incremental=False)
    return snapshot(out)


def edit(root: Path, n: int, line: str) -> None:
    article = root / "articles" / f"article-{n}.md"
    article.write_text(article.read_text(encoding="utf-8") + f"\n{line}\n", "utf-8")


def with_standby(site: Path, out: Path) -> None:
    """Two builds: the second keeps the first's output as the standby."""
    build(site, out)
    edit(site, 0, "First edit.")
    build(site, out)
    assert (standby_dir(out) / MARKER).is_file()


def test_each_edit_gives_the_clean_builds_bytes_file_by_file(site: Path, tmp_path: Path) -> None:
    out = tmp_path / "site"
    with_standby(site, out)
    for round_ in range(3):
        edit(site, round_ % 2, f"Edit {round_}.")
        done = build(site, out)
        assert done.rendered >= 1
        assert snapshot(out) == clean(site, tmp_path), round_
        assert previous_output(out) is not None
        assert previous_output(out).complete  # type: ignore[union-attr]


def test_the_standby_update_writes_only_what_changed(site: Path, tmp_path: Path) -> None:
    out = tmp_path / "site"
    with_standby(site, out)
    standby = standby_dir(out)
    unchanged = os.stat(standby / PAGE)
    edited = os.stat(standby / "articles/article-number-0-about-massage/index.html")
    identity = folder_identity(standby)
    edit(site, 0, "Second edit.")
    build(site, out)
    assert folder_identity(out) == identity  # the standby was swapped in, not copied
    assert os.stat(out / PAGE).st_ino == unchanged.st_ino  # kept as it was
    assert os.stat(out / PAGE).st_mtime_ns == unchanged.st_mtime_ns
    rewritten = out / "articles/article-number-0-about-massage/index.html"
    assert b"Second edit." in rewritten.read_bytes()
    assert os.stat(rewritten).st_mtime_ns != edited.st_mtime_ns
    # Each state file describes the folder of its name.
    assert json.loads(state_file(out).read_bytes())["folder"] == folder_identity(out)
    standby_state = json.loads(standby_state_file(out).read_bytes())
    assert standby_state["folder"] == folder_identity(standby)


def _edited(standby: Path, _secret: Path) -> None:
    (standby / PAGE).write_bytes(b"defaced")


def _edited_same_size(standby: Path, _secret: Path) -> None:
    (standby / PAGE).write_bytes(b"x" * (standby / PAGE).stat().st_size)


def _deleted(standby: Path, _secret: Path) -> None:
    (standby / PAGE).unlink()


def _symlink(standby: Path, secret: Path) -> None:
    (standby / PAGE).unlink()
    (standby / PAGE).symlink_to(secret)


def _fifo(standby: Path, _secret: Path) -> None:
    (standby / PAGE).unlink()
    os.mkfifo(standby / PAGE)


def _extra_file(standby: Path, _secret: Path) -> None:
    (standby / "planted.html").write_bytes(b"spam")


def _folder_link(standby: Path, secret: Path) -> None:
    os.rename(standby / FOLDER, standby / "moved")
    (standby / FOLDER).symlink_to(secret.parent)


def _file_for_folder(standby: Path, _secret: Path) -> None:
    os.rename(standby / FOLDER, standby / "moved")
    (standby / FOLDER).write_bytes(b"in the way")


def _folder_for_file(standby: Path, _secret: Path) -> None:
    (standby / PAGE).unlink()
    (standby / PAGE).mkdir()
    (standby / PAGE / "inside.html").write_bytes(b"x")


TAMPERING: dict[str, Callable[[Path, Path], None]] = {
    "edited": _edited,
    "edited-same-size": _edited_same_size,
    "deleted": _deleted,
    "symlink": _symlink,
    "fifo": _fifo,
    "extra-file": _extra_file,
    "folder-link": _folder_link,
    "file-for-folder": _file_for_folder,
    "folder-for-file": _folder_for_file,
}


@pytest.mark.parametrize("how", list(TAMPERING))
def test_a_tampered_standby_is_repaired(site: Path, tmp_path: Path, secret: Path, how: str) -> None:
    out = tmp_path / "site"
    with_standby(site, out)
    TAMPERING[how](standby_dir(out), secret)
    edit(site, 0, "Second edit.")
    build(site, out)
    assert snapshot(out) == clean(site, tmp_path)
    assert sorted(p.name for p in secret.parent.iterdir()) == ["index.html"]
    assert secret.read_bytes() == b"SECRET"


@pytest.mark.parametrize("kind", ["no-marker", "symlink", "file", "marker-is-a-link"])
def test_a_standby_that_is_not_ours_is_refused_and_left_alone(
    site: Path, tmp_path: Path, kind: str
) -> None:
    out = tmp_path / "site"
    build(site, out)
    before = snapshot(out)
    standby = standby_dir(out)
    precious = tmp_path / "precious"
    precious.mkdir()
    (precious / "thesis.docx").write_bytes(b"precious")
    if kind == "no-marker":
        standby.mkdir()
        (standby / "thesis.docx").write_bytes(b"precious")
    elif kind == "symlink":
        standby.symlink_to(precious)
        (precious / MARKER).write_bytes(b"")  # even marked: a link is never followed
    elif kind == "file":
        standby.write_bytes(b"precious")
    else:
        standby.mkdir()
        (standby / MARKER).symlink_to(precious / "thesis.docx")
    edit(site, 0, "An edit.")
    with pytest.raises(OutputError, match=r"refusing to use .*nmt-standby.*move it away"):
        build(site, out)
    assert snapshot(out) == before
    assert (precious / "thesis.docx").read_bytes() == b"precious"
    if kind == "no-marker":
        assert snapshot(standby) == {"thesis.docx": b"precious"}
    elif kind == "file":
        assert standby.read_bytes() == b"precious"


def test_without_an_exchange_the_output_is_replaced_as_a_whole(
    site: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(writer, "can_exchange", lambda: False)
    monkeypatch.setattr(writer, "exchange", lambda a, b: False)
    out = tmp_path / "site"
    for round_ in range(3):
        edit(site, 0, f"Edit {round_}.")
        build(site, out)
        assert snapshot(out) == clean(site, tmp_path)
    assert not standby_dir(out).exists()
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".site")) == []


def test_a_file_system_that_refuses_the_exchange_gets_three_renames(
    site: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "site"
    with_standby(site, out)
    monkeypatch.setattr(writer, "exchange", lambda a, b: False)
    previous = snapshot(out)
    edit(site, 0, "Second edit.")
    build(site, out)
    assert snapshot(out) == clean(site, tmp_path)
    assert snapshot(standby_dir(out)) == previous
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".site")) == [
        ".site.nmt-standby"
    ]


def _killed_at(site: Path, out: Path, target: str) -> int:
    """Build in a child process that dies (as if SIGKILLed) when it reaches ``target`` of the
    writer; its exit code."""
    pid = os.fork()
    if pid == 0:  # pragma: no cover - the child
        code = 70
        try:

            def die(*_args: object, **_kwargs: object) -> None:
                os._exit(9)

            if target == "before-exchange":
                setattr(writer, "exchange", die)  # noqa: B010
            else:
                setattr(writer, "_settle_states", die)  # noqa: B010
            build(site, out)
            code = 0
        finally:
            os._exit(code)
    _, status = os.waitpid(pid, 0)
    return os.waitstatus_to_exitcode(status)


@pytest.mark.parametrize("target", ["before-exchange", "after-exchange"])
def test_a_build_killed_around_the_exchange_leaves_a_whole_site(
    site: Path, tmp_path: Path, target: str
) -> None:
    out = tmp_path / "site"
    with_standby(site, out)
    previous = snapshot(out)
    edit(site, 0, "Second edit.")
    expected = clean(site, tmp_path)
    assert _killed_at(site, out, target) == 9
    assert snapshot(out) == (previous if target == "before-exchange" else expected)
    # The next builds trust only what they can verify, and give the clean build's bytes.
    build(site, out)
    assert snapshot(out) == expected
    edit(site, 1, "Third edit.")
    build(site, out)
    assert snapshot(out) == clean(site, tmp_path)
    assert previous_output(out) is not None


def test_without_the_cache_every_file_of_the_standby_is_written_anew(
    site: Path, tmp_path: Path
) -> None:
    out = tmp_path / "site"
    with_standby(site, out)
    unchanged = os.stat(standby_dir(out) / PAGE)
    build_to(site, out, BuildOptions(), incremental=False)
    assert os.stat(out / PAGE).st_mtime_ns != unchanged.st_mtime_ns
    assert snapshot(out) == clean(site, tmp_path)
