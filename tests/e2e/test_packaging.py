"""The package a user installs: the wheel and sdist build offline from a clone, and the wheel,
installed into a clean virtual environment, runs `init`, `build` and `check` (so templates,
static files and data are in it). Also the repository's pre-commit hooks and GitHub Action
call commands and flags that exist."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import tarfile
import venv
import zipfile
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup

from nmt_content.cli import _parser

from ..conftest import REPO_ROOT

pytest.importorskip("build")

_NOT_SOURCE = shutil.ignore_patterns(
    ".git",
    ".venv*",
    "_site",
    "build",
    "dist",
    "*.egg-info",
    "__pycache__",
    ".*_cache",
    "node_modules",
)


def _run(*command: str | Path, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(c) for c in command], cwd=cwd, capture_output=True, text=True, check=False
    )


@pytest.fixture(scope="module")
def dist(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The wheel and sdist, built without network (``--no-isolation``) from a copy of the clone."""
    work = tmp_path_factory.mktemp("packaging")
    clone = work / "clone"
    shutil.copytree(REPO_ROOT, clone, ignore=_NOT_SOURCE)
    out = work / "dist"
    built = _run(sys.executable, "-m", "build", "--no-isolation", "--outdir", out, clone, cwd=work)
    assert built.returncode == 0, built.stdout + built.stderr
    assert "deprecat" not in (built.stdout + built.stderr).lower()
    return out


def test_the_wheel_and_sdist_carry_templates_static_data_and_the_licence(dist: Path) -> None:
    (wheel,) = dist.glob("*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    for wanted in (
        "nmt_content/templates/base.html",
        "nmt_content/templates/_head.html",
        "nmt_content/py.typed",
        "nmt_content/django/templates/nmt_content/sitemap.xml",
        "nmt_content/django/templatetags/nmt_content.py",
        "nmt_content/middleware/asgi.py",
    ):
        assert wanted in names, wanted
    assert any(n.startswith("nmt_content/static/") for n in names)
    assert any(n.startswith("nmt_content/data/") for n in names)
    assert any(n.endswith(".dist-info/licenses/LICENSE") for n in names)
    metadata = next(n for n in names if n.endswith(".dist-info/METADATA"))
    text = zipfile.ZipFile(wheel).read(metadata).decode()
    assert "License-Expression: MIT" in text
    assert "Provides-Extra: django" in text
    (sdist,) = dist.glob("*.tar.gz")
    with tarfile.open(sdist) as archive:
        members = archive.getnames()
    assert any(m.endswith("/LICENSE") for m in members)
    assert any(m.endswith("/src/nmt_content/templates/base.html") for m in members)


def test_the_wheel_in_a_clean_venv_runs_init_build_and_check(dist: Path, tmp_path: Path) -> None:
    (wheel,) = dist.glob("*.whl")
    env = tmp_path / "venv"
    venv.EnvBuilder(with_pip=True).create(env)
    python = env / "bin" / "python"
    installed = _run(python, "-m", "pip", "install", "--quiet", wheel, cwd=tmp_path)
    assert installed.returncode == 0, installed.stderr
    tool = env / "bin" / "nmt-content"
    assert _run(tool, "init", "practice", cwd=tmp_path).returncode == 0
    site = tmp_path / "practice"
    built = _run(tool, "build", site, cwd=tmp_path)
    assert built.returncode == 0, built.stderr
    home = BeautifulSoup((site / "_site" / "index.html").read_text(encoding="utf-8"), "html.parser")
    assert home.find("link", rel="stylesheet") is not None
    stylesheet = home.find("link", rel="stylesheet")["href"].lstrip("/").split("?")[0]
    assert (site / "_site" / stylesheet).is_file()
    checked = _run(tool, "check", site, "--format", "json", cwd=tmp_path)
    assert checked.returncode == 1, checked.stderr  # the placeholders init writes are findings
    findings = json.loads(checked.stdout)["findings"]
    assert any(f["severity"] == "error" for f in findings)


def test_the_hooks_and_the_action_call_commands_that_exist() -> None:
    parser = _parser()
    hooks = yaml.safe_load((REPO_ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert {h["id"] for h in hooks} == {"nmt-content-check", "nmt-content-validate"}
    for hook in hooks:
        program, *argv = hook["entry"].split()
        assert program == "nmt-content"
        assert parser.parse_args(argv).command is not None
        assert hook["pass_filenames"] is False
    action = yaml.safe_load((REPO_ROOT / "action.yml").read_text(encoding="utf-8"))
    assert action["runs"]["using"] == "composite"
    runs = [step["run"] for step in action["runs"]["steps"] if "run" in step]
    formats = [run.split("--format ")[1].split()[0] for run in runs if "--format" in run]
    assert sorted(formats) == ["github", "sarif"]
    for run in runs:
        if run.startswith("nmt-content check"):
            parser.parse_args(["check", ".", "--format", run.split("--format ")[1].split()[0]])
    uses = [step["uses"] for step in action["runs"]["steps"] if "uses" in step]
    assert any(u.startswith("github/codeql-action/upload-sarif@") for u in uses)
