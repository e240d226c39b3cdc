"""The inside-the-root check: the fast per-folder check answers exactly as resolving every
path does."""

from __future__ import annotations

from pathlib import Path

import pytest

from nmt_content.content.safe_paths import InsideRoot, resolve_inside
from nmt_content.errors import UnsafeFileError


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    """A content root with every kind of entry a check can meet, and a folder outside it."""
    root = tmp_path / "root"
    articles = root / "articles"
    (articles / "deep").mkdir(parents=True)
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.md").write_text("secret")
    (root / "practice.yaml").write_text("practice: {}\n")
    (articles / "plain.md").write_text("plain")
    (articles / "deep" / "nested.md").write_text("nested")
    (articles / "inner-link.md").symlink_to(articles / "plain.md")
    (articles / "outer-link.md").symlink_to(outside / "secret.md")
    (articles / "dangling.md").symlink_to(articles / "gone.md")
    (articles / "loop.md").symlink_to(articles / "loop.md")
    (articles / "linked-out").symlink_to(outside)
    (articles / "linked-in").symlink_to(articles / "deep")
    return root


CASES = [
    "practice.yaml",
    "articles/plain.md",
    "articles/deep/nested.md",
    "articles/inner-link.md",
    "articles/outer-link.md",
    "articles/dangling.md",
    "articles/loop.md",
    "articles/missing.md",
    "articles/linked-out/secret.md",
    "articles/linked-in/nested.md",
    "articles/deep/../plain.md",
    "articles/linked-out/../plain.md",
]


def _outcome(check: object, root: Path, name: str) -> str | None:
    try:
        if isinstance(check, InsideRoot):
            check.check(root / name)
        else:
            resolve_inside(root, root / name)
    except UnsafeFileError as exc:
        return f"{exc.path}: {exc.reason}"
    return None


@pytest.mark.parametrize("relative_root", [False, True])
def test_inside_root_answers_as_resolving_every_path(
    tree: Path, relative_root: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = tree
    if relative_root:
        monkeypatch.chdir(tree)
        root = Path(".")
    checker = InsideRoot(root)
    fast = {name: _outcome(checker, root, name) for name in CASES * 2}  # the second time cached
    slow = {name: _outcome(None, root, name) for name in CASES}
    assert fast == slow
    refused = {name for name, outcome in slow.items() if outcome is not None}
    assert refused == {
        "articles/outer-link.md",
        "articles/dangling.md",
        "articles/loop.md",
        "articles/missing.md",
        "articles/linked-out/secret.md",
        "articles/linked-out/../plain.md",  # `..` of the linked folder: outside, and missing
    }


def test_inside_root_refuses_a_file_swapped_for_a_link_after_its_folder_was_checked(
    tree: Path,
) -> None:
    checker = InsideRoot(tree)
    plain = tree / "articles" / "plain.md"
    checker.check(plain)
    plain.unlink()
    plain.symlink_to(tree.parent / "outside" / "secret.md")
    with pytest.raises(UnsafeFileError, match="outside"):
        checker.check(plain)
