"""`nmt-content schema`: the JSON Schema editors use accepts this repository's content and
rejects what `validate` rejects (a misspelt key)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft202012Validator

from nmt_content.cli import main
from nmt_content.content.front_matter import split_front_matter
from nmt_content.content.yaml_source import YamlSource

from ..conftest import REPO_ROOT


def _schema(capsys: pytest.CaptureFixture[str], *flags: str) -> dict[str, Any]:
    assert main(["schema", *flags]) == 0
    schema: dict[str, Any] = json.loads(capsys.readouterr().out)
    Draft202012Validator.check_schema(schema)
    return schema


def _practice() -> Any:
    return YamlSource.parse((REPO_ROOT / "practice.yaml").read_text(encoding="utf-8")).data


def test_the_practice_schema_validates_the_demo_and_rejects_a_misspelt_key(
    capsys: pytest.CaptureFixture[str],
) -> None:
    validator = Draft202012Validator(_schema(capsys))
    data = _practice()
    assert list(validator.iter_errors(data)) == []
    data["practice"]["nmae"] = data["practice"].pop("name")
    messages = [error.message for error in validator.iter_errors(data)]
    assert any("'nmae' was unexpected" in m for m in messages), messages
    assert any("'name' is a required property" in m for m in messages), messages


def test_the_front_matter_schema_validates_the_articles_and_rejects_a_misspelt_key(
    capsys: pytest.CaptureFixture[str],
) -> None:
    validator = Draft202012Validator(_schema(capsys, "--front-matter"))
    articles = sorted((REPO_ROOT / "articles").glob("*.md"))
    assert articles
    for article in articles:
        split = split_front_matter(article.read_text(encoding="utf-8"))
        front = YamlSource.parse(split.front_matter).data
        assert list(validator.iter_errors(front)) == [], article.name
        front["titel"] = front.pop("title")
        assert not validator.is_valid(front)


def test_schema_out_writes_the_same_schema(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    printed = _schema(capsys)
    out = tmp_path / "practice.schema.json"
    assert main(["schema", "--out", str(out)]) == 0
    assert json.loads(out.read_text(encoding="utf-8")) == printed
    assert printed["title"] == "nmt-content practice.yaml"
    assert printed["additionalProperties"] is False
