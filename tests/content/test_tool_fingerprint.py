"""The tool's fingerprint: an incremental build reuses its previous output only under the same one,
so it must change whenever any file of the package does (code, built-in templates, static files)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from nmt_content.content import digests as loader

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
