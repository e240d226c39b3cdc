"""A rebuild that finds nothing changed decides so from stats and digests alone: it imports none of
the machinery that loads, renders or checks a site, and reads no file it has seen unchanged."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from nmt_content.cli import main
from nmt_content.content import static_files
from nmt_content.pipeline.build_to import build_to
from nmt_content.pipeline.options import BuildOptions

HEAVY = (
    "babel",
    "imagesize",
    "jinja2",
    "pydantic",
    "pyromark",
    "yaml",
    "nmt_content.checks",
    "nmt_content.content.loader",
    "nmt_content.integrations",
    "nmt_content.models",
    "nmt_content.pages",
    "nmt_content.pipeline.build",
    "nmt_content.render",
    "nmt_content.schema",
    "nmt_content.site",
)
"""Modules a no-change rebuild has no use for (each, or the package it heads)."""

_RUN = """
import json, sys
from nmt_content.cli import main
code = main(sys.argv[1:])
print(json.dumps({"code": code, "modules": sorted(sys.modules)}))
"""


@pytest.fixture
def site(content_root: Path) -> Path:
    """The minimal content root with a `static/` image, every file older than the racy window."""
    static = content_root / "static" / "images"
    static.mkdir(parents=True)
    (static / "photo.png").write_bytes(b"\x89PNG\r\n\x1a\n" + b"\0" * 64)
    past = time.time_ns() - 3600 * 1_000_000_000
    for file in content_root.rglob("*"):
        os.utime(file, ns=(past, past))
    return content_root


def _modules_of_a_build(site: Path, out: Path) -> tuple[str, set[str]]:
    """What `nmt-content build` printed, and the modules it had imported when it was done."""
    argv = ["build", str(site), "--out", str(out), "--allow-missing-assets"]
    done = subprocess.run(
        [sys.executable, "-c", _RUN, *argv], capture_output=True, text=True, check=True
    )
    *printed, last = done.stdout.splitlines()
    result = json.loads(last)
    assert result["code"] == 0
    return "\n".join(printed), set(result["modules"])


def _heavy(modules: set[str]) -> list[str]:
    return sorted(m for m in modules if m in HEAVY or m.startswith(tuple(f"{h}." for h in HEAVY)))


def test_a_no_change_rebuild_imports_none_of_the_build_machinery(
    site: Path, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    printed, modules = _modules_of_a_build(site, out)
    assert "Built " in printed
    assert {"jinja2", "nmt_content.render"} <= modules  # a build that renders needs them
    printed, modules = _modules_of_a_build(site, out)
    assert "is up to date" in printed
    assert _heavy(modules) == []


def test_a_changed_static_file_still_rebuilds(site: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    _modules_of_a_build(site, out)
    (site / "static" / "images" / "photo.png").write_bytes(b"\x89PNG\r\n\x1a\n" + b"\1" * 64)
    printed, _modules = _modules_of_a_build(site, out)
    assert "Built " in printed
    assert (out / "images" / "photo.png").read_bytes().endswith(b"\1" * 64)


def test_a_no_change_rebuild_reads_no_static_file(
    site: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "out"
    assert main(["build", str(site), "--out", str(out), "-q", "--allow-missing-assets"]) == 0
    read: list[str] = []
    real = static_files.file_chunks
    monkeypatch.setattr(static_files, "file_chunks", lambda f: read.append(f) or real(f))
    assert build_to(site, out, BuildOptions()).up_to_date
    assert read == []


def test_a_static_file_rewritten_with_its_size_and_time_is_noticed(
    site: Path, tmp_path: Path
) -> None:
    """The stat recorded includes the inode's change time, which no one can set back."""
    out = tmp_path / "out"
    assert build_to(site, out, BuildOptions()).up_to_date is False
    photo = site / "static" / "images" / "photo.png"
    before = photo.stat()
    time.sleep(0.01)
    photo.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\2" * 64)
    os.utime(photo, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert photo.stat().st_size == before.st_size
    done = build_to(site, out, BuildOptions())
    assert not done.up_to_date
    assert (out / "images" / "photo.png").read_bytes().endswith(b"\2" * 64)
