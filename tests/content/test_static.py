"""Reading `static/`: regular files inside it, with each image's size; nothing else."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from nmt_content.content import static as static_module
from nmt_content.content import static_files
from nmt_content.content.digests import source_digests
from nmt_content.content.loader import read_site
from nmt_content.content.static import file_chunks, read_static, regular_file_inside, static_digests
from nmt_content.errors import ContentError
from nmt_content.site import _parsed_static_path, static_path

from ..images import png, write_png


def test_lists_files_sorted_with_image_sizes_and_skips_hidden_ones(tmp_path: Path) -> None:
    static = tmp_path / "static"
    write_png(static / "images" / "logo.png", 7, 3)
    (static / "files").mkdir()
    (static / "files" / "form.pdf").write_bytes(b"%PDF-1.4\n")
    (static / ".DS_Store").write_bytes(b"x")
    (static / ".git").mkdir()
    (static / ".git" / "config").write_text("x")
    files = read_static(tmp_path)
    assert [f.path for f in files] == ["files/form.pdf", "images/logo.png"]
    pdf, logo = files
    assert (pdf.width, pdf.height, pdf.size) == (None, None, 9)
    assert (logo.width, logo.height) == (7, 3)
    assert Path(logo.file).is_absolute()


def test_no_static_folder_is_no_files(tmp_path: Path) -> None:
    assert read_static(tmp_path) == ()


def test_an_unreadable_image_has_no_size(tmp_path: Path) -> None:
    (tmp_path / "static").mkdir()
    (tmp_path / "static" / "broken.png").write_bytes(b"not a png at all")
    (broken,) = read_static(tmp_path)
    assert (broken.width, broken.height) == (None, None)


def test_links_leaving_static_fifos_and_odd_names_are_errors(tmp_path: Path) -> None:
    static = tmp_path / "static"
    static.mkdir()
    secret = tmp_path / "secret.txt"
    secret.write_text("private")
    (static / "leak.txt").symlink_to(secret)
    (static / "outside").symlink_to(tmp_path)
    os.mkfifo(static / "pipe")
    (static / "back\\slash.png").write_bytes(b"")
    with pytest.raises(ContentError) as caught:
        read_static(tmp_path)
    problems = {issue.path: issue.message for issue in caught.value.issues}
    assert "outside static/" in problems["static/leak.txt"]
    assert "outside static/" in problems["static/outside"]
    assert "FIFO" in problems["static/pipe"]
    assert "backslash" in problems["static/back\\slash.png"]


def test_a_link_inside_static_is_published_as_a_file(tmp_path: Path) -> None:
    static = tmp_path / "static"
    write_png(static / "a.png", 2, 2)
    (static / "b.png").symlink_to(static / "a.png")
    assert [(f.path, f.width) for f in read_static(tmp_path)] == [("a.png", 2), ("b.png", 2)]
    assert regular_file_inside(static, static / "b.png") is not None
    assert regular_file_inside(static, tmp_path) is None


def test_read_site_reports_static_problems_with_the_content(content_root: Path) -> None:
    (content_root / "static").mkdir()
    os.mkfifo(content_root / "static" / "pipe")
    with pytest.raises(ContentError) as caught:
        read_site(content_root)
    assert [issue.path for issue in caught.value.issues] == ["static/pipe"]


def test_the_site_knows_its_static_files(content_root: Path) -> None:
    write_png(content_root / "static" / "images" / "x y.png", 5, 6)
    site = read_site(content_root)
    assert site.image_size("/images/x%20y.png") == (5, 6)
    assert site.image_size("https://practice.example/images/x%20y.png?v=1") == (5, 6)
    assert site.image_size("https://elsewhere.example/images/x%20y.png") is None
    assert site.static_file("/images/missing.png") is None


def test_source_digests_cover_static_files_and_notice_unpublishable_ones(
    content_root: Path,
) -> None:
    write_png(content_root / "static" / "a.png", 2, 2)
    before = source_digests(content_root)
    assert "static/a.png" in before
    write_png(content_root / "static" / "a.png", 3, 2)
    assert source_digests(content_root)["static/a.png"] != before["static/a.png"]
    os.mkfifo(content_root / "static" / "pipe")
    assert source_digests(content_root)["static/pipe"] == "not publishable"


def test_file_chunks_stream_a_large_file_in_pieces(tmp_path: Path) -> None:
    large = tmp_path / "large.bin"
    large.write_bytes(b"x" * (3 * 1024 * 1024 + 5))
    sizes = [len(chunk) for chunk in file_chunks(str(large))]
    assert sizes == [1024 * 1024] * 3 + [5]


def test_file_chunks_read_a_small_file_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Asked for its size and one byte more, a file that gives less is at its end."""
    small = tmp_path / "small.bin"
    small.write_bytes(b"y" * 3908)
    reads: list[int] = []
    real = os.read
    monkeypatch.setattr(os, "read", lambda fd, n: reads.append(n) or real(fd, n))
    assert list(file_chunks(str(small))) == [b"y" * 3908]
    assert reads == [3909]


def test_links_between_folders_never_loop(tmp_path: Path) -> None:
    static = tmp_path / "static"
    (static / "a").mkdir(parents=True)
    (static / "b").mkdir()
    (static / "a" / "to-b").symlink_to(static / "b")
    (static / "b" / "to-a").symlink_to(static / "a")
    (static / "a" / "up").symlink_to(static)
    with pytest.raises(ContentError) as caught:
        read_static(tmp_path)
    assert {issue.path for issue in caught.value.issues} >= {"static/a/up", "static/a/to-b/to-a"}
    assert all("contains it" in issue.message for issue in caught.value.issues)


def test_well_known_is_the_one_hidden_folder_published(tmp_path: Path) -> None:
    static = tmp_path / "static"
    (static / ".well-known").mkdir(parents=True)
    (static / ".well-known" / "security.txt").write_text("Contact: mailto:x@example.com\n")
    (static / ".well-known" / ".hidden").write_text("x")
    (static / "images").mkdir()
    (static / "images" / ".well-known").mkdir()
    (static / "images" / ".well-known" / "x.txt").write_text("x")
    assert [f.path for f in read_static(tmp_path)] == [".well-known/security.txt"]


def test_a_small_file_is_read_once_for_its_size_and_digest(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Loading reads a file of up to 1 MiB whole, once: its image size and its SHA-256 (with the
    stat taken before the read, for the content cache) come from the same bytes."""
    logo = write_png(tmp_path / "static" / "logo.png", 5, 6)
    opened: list[str] = []
    real_open = os.open
    monkeypatch.setattr(
        os, "open", lambda p, *a, **k: opened.append(str(p)) or real_open(p, *a, **k)
    )
    (file,) = read_static(tmp_path)
    assert opened == [str(logo)]
    assert (file.width, file.height) == (5, 6)
    assert file.digest == hashlib.sha256(logo.read_bytes()).hexdigest()
    info = logo.stat()
    assert file.stat == (info.st_size, info.st_mtime_ns, info.st_ino, info.st_ctime_ns)


def test_a_large_file_is_sized_from_its_path_and_hashed_later(tmp_path: Path) -> None:
    """Above 1 MiB, the digest is left to the build (which streams the file); an image whose
    header lies beyond the first MiB is still sized."""
    static = tmp_path / "static"
    static.mkdir()
    (static / "big.bin").write_bytes(b"x" * (1024 * 1024))
    exact = static / "exact.png"
    exact.write_bytes(png(9, 4) + b"\0" * (1024 * 1024))
    big, image = read_static(tmp_path)
    assert (big.digest, big.stat, big.size) == (None, None, 1024 * 1024)
    assert (image.width, image.height, image.digest) == (9, 4, None)


def test_digests_taken_while_loading_are_not_read_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write_png(tmp_path / "static" / "a.png", 2, 2)
    (tmp_path / "static" / "b.txt").write_bytes(b"b")
    expected = static_digests(tmp_path)
    a, _b = read_static(tmp_path)
    assert a.stat is not None
    assert a.digest is not None
    read: list[str] = []
    real = static_files.file_chunks
    monkeypatch.setattr(static_files, "file_chunks", lambda f: read.append(f) or real(f))
    digests = static_digests(tmp_path, loaded={"static/a.png": (a.stat, a.digest)})
    assert digests == expected
    assert [Path(f).name for f in read] == ["b.txt"]  # only the one not given


def test_a_file_that_cannot_be_read_is_listed_with_its_size(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Without a cache a file is stat-ed through its open descriptor only; one that cannot be
    opened is stat-ed by its name, and one that went away meanwhile is listed with no bytes (the
    copy says what happened to it)."""
    static = tmp_path / "static"
    write_png(static / "locked.png", 3, 3)
    gone = write_png(static / "gone.png", 4, 4)

    def refuse(file: str) -> object:
        if file.endswith("gone.png"):
            gone.unlink()
        raise PermissionError(13, "Permission denied", file)

    monkeypatch.setattr(static_module, "read_head", refuse)
    listed = {f.path: (f.size, f.width, f.digest) for f in read_static(tmp_path)}
    # imagesize opens the file itself when its head was not read: here it can.
    assert listed == {"gone.png": (0, None, None), "locked.png": (len(png(3, 3)), 3, None)}


_REFERENCE_PIECES = ["/", "//", "a", "images", ".", "..", "%2F", "%41", "%", "?q", "#f", "\t", "\n"]
_REFERENCE_PIECES += [" ", "\\", ":", "é", "\x00", "\x7f", "\u2028", "https:", "ex.com"]


@given(
    st.lists(st.sampled_from(_REFERENCE_PIECES), max_size=8).map("".join),
    st.sampled_from(["https://ex.com/", "https://ex.com/sub/"]),
)
@example("/images/a.png", "https://ex.com/")
@example("/images/a%20b.png", "https://ex.com/")
@example("/images/a.png?v=1#x", "https://ex.com/")
@example("/images/a\t.png", "https://ex.com/")
@example("/", "https://ex.com/")
@example("//ex.com/a.png", "https://ex.com/")
def test_a_static_path_is_what_parsing_the_reference_gives(src: str, base_url: str) -> None:
    assert static_path(src, base_url) == _parsed_static_path(src, base_url)
