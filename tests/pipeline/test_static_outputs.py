"""`static/` in the build: copied as it is, hard-linked from the previous output while
unchanged, and never in the place of a generated file."""

from __future__ import annotations

from pathlib import Path

import pytest

from nmt_content.content.static import static_digests
from nmt_content.errors import BuildError
from nmt_content.pipeline.build import BuildRun, build_site
from nmt_content.pipeline.build_to import build_to
from nmt_content.pipeline.loading import load_site
from nmt_content.pipeline.output_state import recorded_output
from nmt_content.pipeline.plan import BuildOptions
from nmt_content.urls import output_file

from ..images import png, write_png

OPTIONS = BuildOptions()


def test_static_files_are_built_at_their_path(content_root: Path) -> None:
    write_png(content_root / "static" / "images" / "logo.png", 4, 4)
    (content_root / "static" / "favicon.ico").write_bytes(b"\x00\x00\x01\x00")
    files, _ = build_site(load_site(content_root))
    assert files["images/logo.png"] == png(4, 4)
    assert files["favicon.ico"] == b"\x00\x00\x01\x00"


def test_an_unchanged_static_file_is_hard_linked_and_a_changed_one_copied(
    content_root: Path, tmp_path: Path
) -> None:
    write_png(content_root / "static" / "a.png", 4, 4)
    (content_root / "static" / "b.txt").write_text("first")
    out = tmp_path / "site"
    build_to(content_root, out, OPTIONS)
    inode_a, inode_b = (out / "a.png").stat().st_ino, (out / "b.txt").stat().st_ino
    (content_root / "static" / "b.txt").write_text("second")
    second = build_to(content_root, out, OPTIONS)
    assert not second.up_to_date
    assert second.rendered == 0  # a file's bytes are no page's business
    assert (out / "a.png").stat().st_ino == inode_a
    assert (out / "b.txt").read_text() == "second"
    assert (out / "b.txt").stat().st_ino != inode_b
    assert build_to(content_root, out, OPTIONS).up_to_date


def test_a_new_image_size_renders_the_pages_again(content_root: Path, tmp_path: Path) -> None:
    write_png(content_root / "static" / "a.png", 4, 4)
    out = tmp_path / "site"
    build_to(content_root, out, OPTIONS)
    write_png(content_root / "static" / "a.png", 5, 4)
    assert build_to(content_root, out, OPTIONS).rendered > 0


def test_a_removed_static_file_is_gone_from_the_output(content_root: Path, tmp_path: Path) -> None:
    (content_root / "static").mkdir()
    (content_root / "static" / "old.txt").write_text("x")
    out = tmp_path / "site"
    build_to(content_root, out, OPTIONS)
    (content_root / "static" / "old.txt").unlink()
    build_to(content_root, out, OPTIONS)
    assert not (out / "old.txt").exists()


@pytest.mark.parametrize(
    ("path", "owner"),
    [
        ("robots.txt", "the build's own robots.txt"),
        ("index.html", "the home page"),
        ("articles/a-test-article-about-massage/index.html", "articles/test-article.md"),
        ("assets/site.css", "the theme's stylesheet"),
        ("sitemap-2.xml", "a sitemap the build splits off"),
    ],
)
def test_a_static_file_over_a_generated_one_is_an_error_naming_both(
    content_root: Path, tmp_path: Path, path: str, owner: str
) -> None:
    file = content_root / "static" / path
    file.parent.mkdir(parents=True)
    file.write_text("mine")
    out = tmp_path / "site"
    with pytest.raises(BuildError) as caught:
        build_to(content_root, out, OPTIONS)
    assert f"static/{path}" in str(caught.value)
    assert owner in str(caught.value)
    assert not out.exists()


def test_a_static_file_where_pages_need_a_folder_is_an_error(content_root: Path) -> None:
    (content_root / "static").mkdir()
    (content_root / "static" / "articles").write_text("a file, not a folder")
    with pytest.raises(BuildError, match="static/articles"):
        build_site(load_site(content_root))


def test_static_assets_folder_may_hold_other_files(content_root: Path) -> None:
    write_png(content_root / "static" / "assets" / "hero.png", 2, 2)
    files, _ = build_site(load_site(content_root))
    assert files["assets/hero.png"] == png(2, 2)
    assert files["assets/site.css"].startswith(b"")


def test_a_folder_build_copies_static_files_between_the_pages(
    content_root: Path, tmp_path: Path
) -> None:
    """With ``static_alongside`` (what a folder build uses), each page is followed by a file of
    `static/`, so they are copied while the workers render, and the first page by the site-wide
    files, made meanwhile too; the files and bytes are the same."""
    for n in range(3):
        write_png(content_root / "static" / f"i{n}.png", n + 1, 1)
    (content_root / "static" / "z.txt").write_text("z")
    site = load_site(content_root)
    default = [(o.path, o.append) for o in BuildRun(site, OPTIONS).outputs()]
    run = BuildRun(site, OPTIONS, static_alongside=True)
    outputs = list(run.outputs())
    alongside = [(o.path, o.append) for o in outputs]
    assert sorted(alongside) == sorted(default)
    assert alongside != default
    whole = [o for o in outputs if not o.append]
    pages = {page.path for page in run.plan.pages}
    page_files = {output_file(page.path) for page in run.plan.pages}
    kinds = [
        "page" if o.path in page_files else "static" if o.source.startswith("static/") else "site"
        for o in whole
    ]
    site_files = kinds.count("site")
    assert site_files >= 4  # sitemap, its stylesheet, robots.txt, the theme (and the feed)
    assert kinds[: 1 + site_files] == ["page"] + ["site"] * site_files
    # the first three pages, each with a file
    assert kinds[1 + site_files : 6 + site_files] == ["static", "page", "static", "page", "static"]
    assert [o.path for o in whole if o.source.startswith("static/")] == [
        "i0.png",
        "i1.png",
        "i2.png",
        "z.txt",
    ]
    assert len(pages) > 4  # so every static file went out between pages
    out = tmp_path / "site"
    build_to(content_root, out, OPTIONS)
    assert (out / "i2.png").read_bytes() == png(3, 1)
    assert (out / "z.txt").read_text() == "z"


@pytest.mark.parametrize("large", [False, True])
def test_a_clean_build_records_the_digest_of_every_static_file(
    content_root: Path, tmp_path: Path, large: bool
) -> None:
    """Loading hashed each file (a file above 1 MiB is hashed by walking `static/` again): the
    state records what hashing the folder gives, so the next build can link what is unchanged."""
    write_png(content_root / "static" / "a.png", 4, 4)
    (content_root / "static" / "docs").mkdir()
    (content_root / "static" / "docs" / "b.txt").write_text("b")
    if large:
        (content_root / "static" / "big.bin").write_bytes(b"x" * (2 * 1024 * 1024))
    out = tmp_path / "site"
    build_to(content_root, out, OPTIONS)
    recorded = recorded_output(out)
    assert recorded is not None
    sources = recorded.state["sources"]
    static = {name: digest for name, digest in sources.items() if name.startswith("static/")}
    assert static == static_digests(content_root)
    assert len(static) == 3 if large else 2
