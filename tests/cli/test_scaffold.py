"""`nmt-content init` and `nmt-content new article`: files that load, placeholders that `check`
reports, refusals that say what to do."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from nmt_content.cli import main
from nmt_content.cli.scaffold import new_article
from nmt_content.pipeline.loading import load_site

MULTI_THERAPIST = """\
  - id: sam
    name: Sam Example
"""


def test_init_creates_a_practice_that_validates_and_builds(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "new-practice"
    assert main(["init", str(folder)]) == 0
    assert (folder / "practice.yaml").is_file()
    assert (folder / "articles" / "welcome.md").is_file()
    out = capsys.readouterr().out
    assert "nmt-content serve" in out

    assert main(["validate", str(folder)]) == 0
    assert main(["build", str(folder)]) == 0
    assert (folder / "_site" / "index.html").is_file()
    assert (folder / "_site" / "articles" / "welcome" / "index.html").is_file()


def test_init_comments_every_top_level_field_and_invents_no_facts(tmp_path: Path) -> None:
    assert main(["init", str(tmp_path / "p"), "-q"]) == 0
    text = (tmp_path / "p" / "practice.yaml").read_text()
    for key in ("practice:", "locations:", "therapists:", "services:"):
        before = text[: text.index(key)].rstrip().splitlines()[-1]
        assert before.lstrip().startswith("#"), f"{key} has no comment above it"
    assert "TODO" in text
    site = load_site(tmp_path / "p")
    (therapist,) = site.therapists
    assert therapist.name.startswith("TODO")
    assert therapist.credentials == ()
    assert site.practice.url == "https://your-practice.example/"


def test_check_reports_the_init_placeholders(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "p"
    assert main(["init", str(folder), "-q"]) == 0
    capsys.readouterr()
    assert main(["check", str(folder), "--format", "json"]) == 1
    findings = json.loads(capsys.readouterr().out)["findings"]
    rules = {finding["rule"] for finding in findings}
    assert "LOCAL-004" in rules  # the placeholder base URL
    assert "SEO-004" in rules  # the TODO descriptions are too short to pass
    placeholders = {(f["path"], f["line"]) for f in findings if f["rule"] == "EEAT-005"}
    practice = (folder / "practice.yaml").read_text().splitlines()
    todo_lines = {
        n
        for n, line in enumerate(practice, 1)
        if "TODO" in line and not line.lstrip().startswith("#")
    }
    assert {line for path, line in placeholders if path == "practice.yaml"} == todo_lines
    assert ("articles/welcome.md", 2) in placeholders  # its title


def test_init_refuses_a_folder_with_a_practice(
    content_root: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = (content_root / "practice.yaml").read_text()
    assert main(["init", str(content_root)]) == 2
    err = capsys.readouterr().err
    assert "already exists" in err
    assert "nmt-content new article" in err
    assert (content_root / "practice.yaml").read_text() == before


def test_init_into_an_existing_empty_folder(tmp_path: Path) -> None:
    assert main(["init", str(tmp_path), "-q"]) == 0
    assert main(["validate", str(tmp_path), "-q"]) == 0


def test_new_article_loads_with_today_and_the_only_therapist(
    content_root: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["new", "article", "Easing a Stiff Neck: What Helps?", str(content_root)]) == 0
    path = content_root / "articles" / "easing-a-stiff-neck-what-helps.md"
    assert path.is_file()
    assert str(path) in capsys.readouterr().out
    site = load_site(content_root)
    article = next(a for a in site.articles if a.source.endswith("what-helps.md"))
    assert article.meta.title == "Easing a Stiff Neck: What Helps?"
    assert article.meta.author == "alex"
    assert article.meta.date_published == date.today()
    assert article.meta.description.startswith("TODO")
    assert "TODO" in article.body


def test_new_article_with_date_and_services(content_root: Path) -> None:
    argv = ["new", "article", "Deep tissue", str(content_root), "--service", "massage"]
    assert main([*argv, "--date", "2025-01-02", "--author", "alex", "-q"]) == 0
    text = (content_root / "articles" / "deep-tissue.md").read_text()
    assert "date_published: 2025-01-02\n" in text
    assert "services:\n  - massage\n" in text
    assert main(["validate", str(content_root), "-q"]) == 0


def test_new_article_refuses_to_overwrite(
    content_root: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["new", "article", "Twice", str(content_root), "-q"]) == 0
    path = content_root / "articles" / "twice.md"
    path.write_text(path.read_text() + "\nMy own words.\n")
    assert main(["new", "article", "Twice", str(content_root)]) == 2
    assert "already exists" in capsys.readouterr().err
    assert "My own words." in path.read_text()


@pytest.mark.parametrize(
    ("option", "value", "expected"),
    [
        ("--service", "masage", "unknown service `masage`; did you mean `massage`?"),
        ("--author", "alx", "unknown author `alx`; did you mean `alex`?"),
    ],
)
def test_new_article_refuses_unknown_ids_with_a_suggestion(
    content_root: Path,
    capsys: pytest.CaptureFixture[str],
    option: str,
    value: str,
    expected: str,
) -> None:
    assert main(["new", "article", "Title", str(content_root), option, value]) == 2
    err = capsys.readouterr().err
    assert expected in err
    assert not (content_root / "articles" / "title.md").exists()


def test_new_article_with_several_therapists_needs_an_author(
    content_root: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    practice = content_root / "practice.yaml"
    practice.write_text(
        practice.read_text().replace("services:\n", MULTI_THERAPIST + "services:\n")
    )
    assert main(["new", "article", "Who wrote me", str(content_root)]) == 2
    err = capsys.readouterr().err
    assert "2 therapists" in err
    assert "--author" in err
    assert "alex, sam" in err
    assert main(["new", "article", "Who wrote me", str(content_root), "--author", "sam"]) == 0


def test_new_article_asks_for_the_author_when_it_can(content_root: Path) -> None:
    practice = content_root / "practice.yaml"
    practice.write_text(
        practice.read_text().replace("services:\n", MULTI_THERAPIST + "services:\n")
    )
    asked: list[list[str]] = []

    def choose(therapists: object) -> str:
        asked.append([t.id for t in therapists])  # type: ignore[attr-defined]
        return "sam"

    path = new_article(content_root, "Asked", choose_author=choose, published=date(2025, 5, 1))
    assert asked == [["alex", "sam"]]
    assert "author: sam\n" in path.read_text()


def test_new_article_without_practice_suggests_init(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["new", "article", "Lost", str(tmp_path)]) == 2
    err = capsys.readouterr().err
    assert f"no practice.yaml in {tmp_path}" in err
    assert f"nmt-content init {tmp_path}" in err


def test_new_article_title_quoting_survives_yaml(content_root: Path) -> None:
    title = 'Knots, "trigger points" & #1 myths: yes/no?'
    path = new_article(content_root, title, published=date(2025, 5, 1))
    site = load_site(content_root)
    article = next(a for a in site.articles if a.source == f"articles/{path.name}")
    assert article.meta.title == title


def test_new_article_needs_a_usable_title(
    content_root: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["new", "article", "!!!", str(content_root)]) == 2
    assert "no letters or digits" in capsys.readouterr().err


def test_new_article_with_a_long_title_gets_the_models_slug(content_root: Path) -> None:
    title = " ".join(["Deep tissue massage for desk workers"] * 5)  # 184 characters
    path = new_article(content_root, title, published=date(2025, 5, 1))
    site = load_site(content_root)
    article = next(a for a in site.articles if a.source == f"articles/{path.name}")
    assert article.meta.slug == path.stem, "the file name is the slug the loader derives"
    assert len(path.stem) <= 80
    assert not path.stem.endswith("-")


def test_new_article_refuses_a_title_over_the_limit(
    content_root: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["new", "article", "Massage " * 30, str(content_root)]) == 2
    assert "the limit is 200" in capsys.readouterr().err
    assert sorted(p.name for p in (content_root / "articles").iterdir()) == ["test-article.md"]


def test_init_creates_static_whose_images_are_published(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "new-practice"
    assert main(["init", str(folder)]) == 0
    assert (folder / "static").is_dir()
    assert (folder / "static" / ".gitkeep").is_file()  # kept by git, never published
    assert (
        "static/images/logo.png is served at /images/logo.png"
        in (folder / "practice.yaml").read_text()
    )
    (folder / "static" / "images").mkdir()
    (folder / "static" / "images" / "logo.png").write_bytes(b"\x89PNG")
    out = tmp_path / "site"
    assert main(["build", str(folder), "--out", str(out), "-q"]) == 0
    assert (out / "images" / "logo.png").read_bytes() == b"\x89PNG"
    assert not (out / ".gitkeep").exists()
