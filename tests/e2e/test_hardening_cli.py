"""The small holes: each a flag or a folder that once gave a traceback, a silent surprise or a
file the next command refuses. Every case: a clear message and exit 2, or the right result."""

from __future__ import annotations

import errno
import json
import pickle
from datetime import date
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from nmt_content.cli import main, scaffold
from nmt_content.models.article import FrontMatter
from nmt_content.models.practice import LintSettings
from nmt_content.pipeline import output_dir
from nmt_content.pipeline.loading import load_site
from nmt_content.pipeline.output_state import CACHE_DIR


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    captured = capsys.readouterr()
    assert "Traceback" not in captured.err
    return code, captured.out, captured.err


def test_a_base_url_with_quotes_and_non_ascii_is_percent_encoded(
    content_root: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "o"
    base = 'https://Bücher.example/"über"<x>/'
    code, _out, err = _run(
        capsys, "build", str(content_root), "--out", str(out), "--base-url", base
    )
    assert code == 0, err
    page = BeautifulSoup((out / "about" / "index.html").read_bytes(), "html.parser")
    canonical = page.find("link", rel="canonical")
    assert canonical is not None
    assert canonical["href"] == "https://xn--bcher-kva.example/%22%C3%BCber%22%3Cx%3E/about/"
    assert "<loc>https://xn--bcher-kva.example/%22%C3%BCber%22%3Cx%3E/</loc>" in (
        out / "sitemap.xml"
    ).read_text(encoding="utf-8")


@pytest.mark.parametrize("where", ["cache", "hidden"])
def test_an_output_inside_the_cache_or_a_hidden_folder_of_the_content_is_refused(
    content_root: Path, capsys: pytest.CaptureFixture[str], where: str
) -> None:
    out = content_root / (CACHE_DIR if where == "cache" else ".git") / "site"
    code, _out, err = _run(capsys, "build", str(content_root), "--out", str(out))
    assert code == 2
    expected = f"inside a {CACHE_DIR} folder" if where == "cache" else "inside the hidden folder"
    assert expected in err
    assert not out.exists()


@pytest.mark.parametrize("command", ["build", "check"])
def test_a_missing_templates_folder_is_an_error(
    content_root: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], command: str
) -> None:
    with pytest.raises(SystemExit) as exit_:
        main([command, str(content_root), "--templates", str(tmp_path / "missing")])
    assert exit_.value.code == 2
    assert "the templates folder" in capsys.readouterr().err


def test_a_broken_template_is_one_located_line(
    content_root: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    templates = tmp_path / "templates"
    templates.mkdir()
    (templates / "base.html").write_text("<html>{% if %}\n", encoding="utf-8")
    code, _out, err = _run(
        capsys,
        "build",
        str(content_root),
        "--out",
        str(tmp_path / "o"),
        "--templates",
        str(templates),
    )
    assert code == 2
    assert "base.html:1: template error:" in err
    assert not (tmp_path / "o").exists()


@pytest.mark.parametrize("command", ["build", "check"])
def test_a_template_linked_outside_its_folder_is_refused(
    content_root: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], command: str
) -> None:
    templates = tmp_path / "templates"
    templates.mkdir()
    (templates / "base.html").symlink_to("/etc/hostname")
    out = ["--out", str(tmp_path / "o")] if command == "build" else []
    code, _out, err = _run(capsys, command, str(content_root), *out, "--templates", str(templates))
    assert code == 2
    assert "base.html: error: not read: it is a symbolic link to" in err


def test_a_mount_point_output_is_explained(
    content_root: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    out = tmp_path / "mnt"
    out.mkdir()
    monkeypatch.setattr(output_dir.os.path, "ismount", lambda path: Path(path) == out)
    code, _out, err = _run(capsys, "build", str(content_root), "--out", str(out))
    assert code == 2
    assert "it is a mount point" in err
    assert f"--out {out / '_site'}" in err


def test_a_completely_full_disk_is_a_clear_error(
    content_root: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    real = Path.write_bytes

    def full(self: Path, data: bytes) -> int:
        if ".tmp-" in str(self):
            raise OSError(errno.ENOSPC, "No space left on device")
        return real(self, data)

    monkeypatch.setattr(Path, "write_bytes", full)
    code, _out, err = _run(capsys, "build", str(content_root), "--out", str(tmp_path / "o"))
    assert code == 2
    assert "no space left on device" in err.lower()
    assert not (tmp_path / "o").exists()
    assert not [p for p in tmp_path.iterdir() if ".tmp-" in p.name]


@pytest.mark.parametrize("title", ["con", "NUL", "Aux", "com1", "LPT9"])
def test_new_article_never_takes_a_windows_device_name(
    content_root: Path, capsys: pytest.CaptureFixture[str], title: str
) -> None:
    code, _out, err = _run(capsys, "new", "article", title, str(content_root))
    assert code == 0, err
    path = content_root / "articles" / f"{title.lower()}-article.md"
    assert path.is_file()
    code, _out, err = _run(capsys, "validate", str(content_root))
    assert code == 0, err  # validate accepts what `new` wrote


def test_init_leaves_nothing_behind_when_it_fails(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    real = scaffold._create

    def fail_on_the_article(path: Path, text: str) -> None:
        if path.suffix == ".md":
            raise OSError(errno.ENOSPC, "No space left on device")
        real(path, text)

    monkeypatch.setattr(scaffold, "_create", fail_on_the_article)
    folder = tmp_path / "new-practice"
    code, _out, err = _run(capsys, "init", str(folder))
    assert code == 2
    assert "No space left on device" in err
    assert not folder.exists()
    existing = tmp_path / "existing"
    existing.mkdir()
    (existing / "keep.txt").write_text("keep")
    code, _out, _err = _run(capsys, "init", str(existing))
    assert code == 2
    assert sorted(p.name for p in existing.iterdir()) == ["keep.txt"]


def test_frozen_models_expose_read_only_mappings(repo_content: Path) -> None:
    lint = LintSettings(severity={"HC-009": "error"})
    with pytest.raises(TypeError):
        lint.severity["HC-009"] = "off"  # type: ignore[index]
    assert lint.model_dump()["severity"] == {"HC-009": "error"}
    assert json.loads(lint.model_dump_json())["severity"] == {"HC-009": "error"}
    assert pickle.loads(pickle.dumps(lint)) == lint
    assert hash(lint) == hash(LintSettings(severity={"HC-009": "error"}))
    meta = FrontMatter(
        title="A title long enough",
        description="A description.",
        date_published=date(2024, 1, 1),
        author="alex",
        translations={"es": "un-titulo"},
    )
    with pytest.raises(TypeError):
        meta.translations["fr"] = "x"  # type: ignore[index]
    assert meta.model_dump()["translations"] == {"es": "un-titulo"}
    site = load_site(repo_content)
    for article in site.articles:
        assert not isinstance(article.meta.translations, dict)
