"""The tool's fingerprint: an incremental build reuses its previous output only under the same one,
so it must change whenever any file of the package does (code, built-in templates, static files)."""

from __future__ import annotations

import json
import os
import shutil
import time
from pathlib import Path

import pytest

from nmt_content.content import digests as loader
from nmt_content.content.cache import CACHE_DIR, TOOL_FILE

PACKAGE = Path(loader.__file__).resolve().parents[1]


@pytest.fixture
def package_copy(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the package, which :func:`loader.tool_fingerprint` then reads as its own."""
    copy = tmp_path / "nmt_content"
    shutil.copytree(PACKAGE, copy, ignore=shutil.ignore_patterns("__pycache__"))
    monkeypatch.setattr(loader, "__file__", str(copy / "content" / "digests.py"))
    return copy


@pytest.mark.parametrize(
    "name",
    [
        "content/loader.py",
        "render/html.py",
        "cli/__init__.py",
        "templates/base.html",
        "static/site.css",
    ],
)
def test_any_file_of_the_package_changes_it(package_copy: Path, name: str) -> None:
    before = loader.tool_fingerprint()
    assert loader.tool_fingerprint() == before
    with (package_copy / name).open("a", encoding="utf-8") as file:
        file.write("\n")
    assert loader.tool_fingerprint() != before


def test_compiled_bytecode_does_not_change_it(package_copy: Path) -> None:
    before = loader.tool_fingerprint()
    (package_copy / "render" / "__pycache__").mkdir()
    (package_copy / "render" / "__pycache__" / "html.cpython-311.pyc").write_bytes(b"\0")
    assert loader.tool_fingerprint() == before


def _age(folder: Path) -> None:
    """Make every file of ``folder`` older than the racy window."""
    past = time.time_ns() - 3600 * 1_000_000_000
    for file in folder.rglob("*"):
        os.utime(file, ns=(past, past))


def test_the_cached_fingerprint_is_computed_once_per_installation(
    package_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _age(package_copy)
    root = tmp_path / "content"
    root.mkdir()
    tool = loader.cached_tool_fingerprint(root)
    assert tool == loader.tool_fingerprint()
    assert json.loads((root / CACHE_DIR / TOOL_FILE).read_text())["entries"] == {
        "fingerprint": tool
    }
    monkeypatch.setattr(loader, "tool_fingerprint", lambda: pytest.fail("computed again"))
    assert loader.cached_tool_fingerprint(root) == tool


def test_an_edited_package_file_computes_it_again(package_copy: Path, tmp_path: Path) -> None:
    _age(package_copy)
    root = tmp_path / "content"
    root.mkdir()
    before = loader.cached_tool_fingerprint(root)
    edited = package_copy / "templates" / "base.html"
    stat = edited.stat()
    edited.write_text(edited.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    assert loader.cached_tool_fingerprint(root) == loader.tool_fingerprint() != before
    # the same size and modification time: the change time still tells
    edited.write_text(edited.read_text(encoding="utf-8")[:-1] + "!", encoding="utf-8")
    os.utime(edited, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    assert loader.cached_tool_fingerprint(root) == loader.tool_fingerprint()


def test_a_package_file_too_recent_to_trust_is_not_remembered(
    package_copy: Path, tmp_path: Path
) -> None:
    root = tmp_path / "content"
    root.mkdir()
    (package_copy / "templates" / "base.html").touch()
    assert loader.cached_tool_fingerprint(root) == loader.tool_fingerprint()
    assert not (root / CACHE_DIR / TOOL_FILE).exists()
