"""`nmt-content validate`: summary, JSON, located errors on stderr and exit codes."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from nmt_content.cli import main


def test_summary_names_the_practice(repo_content: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", str(repo_content)]) == 0
    out = capsys.readouterr().out
    assert "Mount Shasta office" in out
    assert "CAMTC #93004" in out


def test_json_carries_the_knowledge_base(
    repo_content: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["validate", str(repo_content), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    (dustin,) = data["therapists"]
    assert [c["identifier"] for c in dustin["credentials"]] == ["93004", None, None]
    assert len(dustin["credentials"]) == 3
    assert [loc["address"]["locality"] for loc in data["locations"]] == ["Mount Shasta", "Redding"]
    assert len(data["services"]) == 3
    (article,) = data["articles"]
    assert article["slug"] == "neuromuscular-therapy-lower-back-pain"
    assert article["source"] == "articles/neuromuscular-therapy-lower-back-pain.md"


def test_broken_article_gives_file_line_and_exit_2(
    content_root: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    article = content_root / "articles" / "test-article.md"
    article.write_text(
        article.read_text().replace("date_published: 2024-03-01", "date_published: soon")
    )
    assert main(["validate", str(content_root)]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    first = captured.err.splitlines()[0]
    assert first.startswith("articles/test-article.md:4:17: error: date_published: ")
    assert "'soon'" in first


@pytest.mark.slow
def test_module_entry_point_runs(repo_content: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "nmt_content", "validate", str(repo_content)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "Dustin" in result.stdout
