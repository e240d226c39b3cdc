"""`init --language` and `new article --language`: the language in the files, and a Spanish
scaffold in Spanish."""

from __future__ import annotations

from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from nmt_content.checks.rules.yaml_comments import comment_traps
from nmt_content.cli import main
from nmt_content.cli.scaffold_practice import PRACTICE_TEMPLATE, PRACTICE_TEMPLATE_ES
from nmt_content.pipeline.loading import load_site


def _front(path: Path) -> list[str]:
    return path.read_text(encoding="utf-8").split("---\n")[1].splitlines()


def test_init_in_spanish(tmp_path: Path) -> None:
    folder = tmp_path / "p"
    assert main(["init", str(folder), "--language", "es-US", "-q"]) == 0
    site = load_site(folder)
    assert site.practice.language == "es-US"
    [article] = site.articles
    assert article.meta.title == "TODO: Su primer artículo"
    assert article.meta.language is None, "the practice's language is not repeated"
    assert "escriba aquí su primer artículo" in article.body
    assert main(["build", str(folder), "-q"]) == 0
    html = (folder / "_site" / "articles" / "welcome" / "index.html").read_bytes()
    assert BeautifulSoup(html, "html.parser").html["lang"] == "es-US"


def test_init_in_spanish_writes_a_spanish_practice_yaml(tmp_path: Path) -> None:
    folder = tmp_path / "p"
    assert main(["init", str(folder), "--language", "es-MX", "-q"]) == 0
    text = (folder / "practice.yaml").read_text(encoding="utf-8")
    assert "  language: es-MX\n" in text
    assert "# El nombre público, como en su letrero" in text
    assert 'name: "TODO: Nombre de la consulta"' in text
    english = PRACTICE_TEMPLATE.splitlines()
    comments = [line.strip() for line in english if line.strip().startswith("# ")]
    assert [line for line in comments if line in text.splitlines()] == []
    assert list(comment_traps(PRACTICE_TEMPLATE_ES)) == []
    # The same data as the English file (only its words differ): it loads, builds and, being
    # Spanish-first, shows the theme in Spanish.
    site = load_site(folder)
    assert [s.id for s in site.services] == ["massage"]
    assert main(["build", str(folder), "-q"]) == 0
    home = BeautifulSoup((folder / "_site" / "index.html").read_bytes(), "html.parser")
    assert home.select_one("a.skip-link").get_text() == "Saltar al contenido"  # type: ignore[union-attr]


def test_init_in_english_by_default(tmp_path: Path) -> None:
    folder = tmp_path / "p"
    assert main(["init", str(folder), "-q"]) == 0
    assert (folder / "practice.yaml").read_text(encoding="utf-8") == PRACTICE_TEMPLATE


def test_new_article_in_another_language_states_it(tmp_path: Path) -> None:
    folder = tmp_path / "p"
    assert main(["init", str(folder), "-q"]) == 0
    assert (
        main(["new", "article", "Alivio para el cuello", str(folder), "--language", "es", "-q"])
        == 0
    )
    path = folder / "articles" / "alivio-para-el-cuello.md"
    front = _front(path)
    assert "language: es" in front
    assert 'description: "TODO: resuma este artículo en una o dos frases."' in front
    assert "escriba aquí el artículo" in path.read_text(encoding="utf-8")
    article = next(a for a in load_site(folder).articles if a.meta.slug == "alivio-para-el-cuello")
    assert article.meta.language == "es"
    assert main(["new", "article", "Neck relief", str(folder), "-q"]) == 0
    english = _front(folder / "articles" / "neck-relief.md")
    assert not any(line.startswith("language:") for line in english)
    assert 'description: "TODO: sum up this article in one or two sentences."' in english


def test_a_bad_language_tag_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["init", str(tmp_path / "p"), "--language", "not a tag"])
    assert exit_info.value.code == 2
    assert "BCP 47" in capsys.readouterr().err
    assert not (tmp_path / "p").exists()
