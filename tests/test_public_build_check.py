"""`build_to` and `check_site` as a caller of the public API uses them, README examples included."""

from __future__ import annotations

import contextlib
import io
import json
import re
from datetime import date
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from nmt_content import (
    BuildOptions,
    CheckResult,
    ContentError,
    Finding,
    FolderBuild,
    OutputError,
    build_to,
    check_site,
    load_site,
    read_sources,
)

from .conftest import REPO_ROOT

TODAY = date(2025, 1, 15)


def test_build_to_builds_a_folder_and_then_has_nothing_to_do(
    content_root: Path, tmp_path: Path
) -> None:
    out = tmp_path / "public"
    done = build_to(content_root, out, BuildOptions())
    assert isinstance(done, FolderBuild)
    assert (done.out_dir, done.up_to_date) == (out.resolve(), False)
    assert done.pages == done.rendered > 0
    assert done.files == sum(1 for path in out.rglob("*") if path.is_file()) - 1  # the marker
    about = BeautifulSoup((out / "about" / "index.html").read_text("utf-8"), "html.parser")
    assert about.find("link", rel="canonical")["href"] == "https://practice.example/about/"
    assert json.loads((out / "seo.json").read_text("utf-8"))

    again = build_to(content_root, out, BuildOptions())
    assert (again.up_to_date, again.rendered, again.pages) == (True, 0, done.pages)


def test_build_to_raises_the_documented_errors(content_root: Path, tmp_path: Path) -> None:
    with pytest.raises(OutputError, match="contains the content"):
        build_to(content_root, content_root, BuildOptions())
    with pytest.raises(ValueError, match="absolute http"):
        build_to(content_root, tmp_path / "public", BuildOptions(base_url="ftp://x"))
    (content_root / "practice.yaml").unlink()
    with pytest.raises(ContentError) as caught:
        build_to(content_root, tmp_path / "public", BuildOptions())
    assert [issue.path for issue in caught.value.issues] == ["practice.yaml"]
    assert not (tmp_path / "public").exists()


def test_check_site_returns_findings_a_caller_can_read(repo_content: Path) -> None:
    site = load_site(repo_content)
    result, report = check_site(site, today=TODAY, sources=read_sources(repo_content))
    assert isinstance(result, CheckResult)
    assert report.pages
    assert all(isinstance(finding, Finding) for finding in result.findings)
    assert list(result.findings) == sorted(result.findings, key=lambda f: f.sort_key)
    assert result.exit_code() == (1 if result.count("error") else 0)


def test_findings_in_practice_yaml_name_their_lines_from_the_loaded_site(
    content_root: Path,
) -> None:
    """The loader keeps practice.yaml's positions, so the sources are not needed for them."""
    site = load_site(content_root)
    with_lines, _ = check_site(site, today=TODAY, sources=read_sources(content_root))
    without, _ = check_site(site, today=TODAY)

    def in_practice(result: CheckResult) -> list[Finding]:
        return [f for f in result.findings if f.path == "practice.yaml"]

    assert in_practice(with_lines) == in_practice(without)
    assert in_practice(with_lines)
    assert all(f.line for f in in_practice(with_lines))


def _readme_section(title: str) -> list[str]:
    text = (REPO_ROOT / "README.md").read_text("utf-8")
    section = text.split(f"### {title}\n", 1)[1].split("\n## ", 1)[0]
    return re.findall(r"```python\n(.*?)```", section, flags=re.DOTALL)


def test_the_readme_examples_run(content_root: Path, tmp_path: Path) -> None:
    examples = _readme_section("Building and checking from Python")
    assert len(examples) == 2
    printed = io.StringIO()
    for example in examples:
        code = example.replace('"path/to/content"', repr(str(content_root)))
        code = code.replace(
            'Path("public")', repr(tmp_path / "public").replace("PosixPath", "Path")
        )
        with contextlib.redirect_stdout(printed):
            exec(compile(code, "README.md", "exec"), {})
    lines = printed.getvalue().splitlines()
    assert re.fullmatch(r"\d+ pages, \d+ files in .*public", lines[0])
    assert (tmp_path / "public" / "index.html").is_file()
