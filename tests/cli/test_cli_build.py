"""`nmt-content build` on disk: output folder, refusals, failure safety, exit codes."""

from __future__ import annotations

from pathlib import Path

import pytest

from nmt_content.cli import main


def test_build_writes_site_into_root_site(
    repo_content: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["build", str(repo_content)]) == 0
    out = repo_content / "_site"
    assert (out / "index.html").is_file()
    assert (out / "articles" / "neuromuscular-therapy-lower-back-pain" / "index.html").is_file()
    assert "Built 12 pages" in capsys.readouterr().out


def test_rebuild_is_byte_identical(repo_content: Path, tmp_path: Path) -> None:
    def snapshot(folder: Path) -> dict[str, bytes]:
        return {
            p.relative_to(folder).as_posix(): p.read_bytes()
            for p in sorted(folder.rglob("*"))
            if p.is_file()
        }

    assert main(["build", str(repo_content), "--out", str(tmp_path / "a"), "-q"]) == 0
    assert main(["build", str(repo_content), "--out", str(tmp_path / "b"), "-q"]) == 0
    assert snapshot(tmp_path / "a") == snapshot(tmp_path / "b")


def test_refuses_foreign_folder(
    repo_content: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "docs"
    out.mkdir()
    (out / "keep.txt").write_text("mine")
    assert main(["build", str(repo_content), "--out", str(out)]) == 2
    assert "not created by nmt-content" in capsys.readouterr().err
    assert (out / "keep.txt").read_text() == "mine"
    assert sorted(p.name for p in out.iterdir()) == ["keep.txt"]


def test_bad_content_writes_nothing(repo_content: Path, capsys: pytest.CaptureFixture[str]) -> None:
    article = next((repo_content / "articles").glob("*.md"))
    article.write_text(article.read_text().replace("title:", "titel:", 1))
    assert main(["build", str(repo_content)]) == 2
    assert not (repo_content / "_site").exists()
    assert "did you mean `title`?" in capsys.readouterr().err


def test_failed_build_keeps_previous_output(repo_content: Path) -> None:
    assert main(["build", str(repo_content), "-q"]) == 0
    before = (repo_content / "_site" / "index.html").read_bytes()
    (repo_content / "practice.yaml").write_text("practice: [broken\n")
    assert main(["build", str(repo_content), "-q"]) == 2
    assert (repo_content / "_site" / "index.html").read_bytes() == before


def test_refuses_to_build_over_the_content(
    repo_content: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["build", str(repo_content), "--out", str(repo_content)]) == 2
    assert "refusing" in capsys.readouterr().err
    assert (repo_content / "practice.yaml").is_file()
