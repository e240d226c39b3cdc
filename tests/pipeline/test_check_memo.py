"""`check` keeps what its content rules measured in each article body (`.nmt-cache/checks.json`):
the same findings with a cold, a warm and a tampered table, fresh ones for a changed article."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from nmt_content.checks.memo import TextMemo, text_key
from nmt_content.checks.rules import assets, readability
from nmt_content.cli import main
from nmt_content.content.cache import CACHE_DIR
from nmt_content.pipeline import parallel
from nmt_content.pipeline.check_memo import CHECKS_FILE
from nmt_content.pipeline.loading import load_site

HARD = (
    "Notwithstanding considerable methodological heterogeneity, contemporary investigations "
    "consistently demonstrate that therapeutic manipulation of musculoskeletal tissues "
    "substantially ameliorates perceived discomfort among chronically symptomatic individuals "
    "experiencing persistent functional limitations. "
)
"""A sentence that lowers reading ease and is long (SEO-013, SEO-014)."""

PASSIVE = "The muscles were relaxed by the therapist. The knots were loosened slowly. "

EXTRA = """---
title: "How massage helps the lower back"
description: "What a massage does for a stiff lower back, and what to expect from it."
author: dustin
date_published: 2025-01-10
---

{hard}

{passive}

![A diagram of the back](/images/missing-diagram.png)

Read the [intake form](/forms/missing-intake.pdf) before the visit.
"""


@pytest.fixture
def site(repo_content: Path) -> Path:
    """The repository's content and an article with readability and missing-file findings."""
    text = EXTRA.format(hard=HARD * 8, passive=PASSIVE * 6)
    (repo_content / "articles" / "memo-test.md").write_text(text, encoding="utf-8")
    return repo_content


def check_json(root: Path, capsys: pytest.CaptureFixture[str], *flags: str) -> dict[str, Any]:
    capsys.readouterr()
    assert main(["check", str(root), "--format", "json", *flags]) in (0, 1)
    found: dict[str, Any] = json.loads(capsys.readouterr().out)
    return found


def table(root: Path) -> dict[str, Any]:
    entries: dict[str, Any] = json.loads((root / CACHE_DIR / CHECKS_FILE).read_bytes())["entries"]
    return entries


@pytest.fixture
def counts(monkeypatch: pytest.MonkeyPatch) -> dict[str, int]:
    """How often, in this process, a body's readability and its targets were measured."""
    calls = {"measure": 0, "target_urls": 0}
    real_measure, real_targets = readability.measure, assets.target_urls

    def measure(*args: Any) -> list[Any]:
        calls["measure"] += 1
        return real_measure(*args)

    def target_urls(text: str) -> tuple[tuple[str, str], ...]:
        calls["target_urls"] += 1
        return real_targets(text)

    monkeypatch.setattr(readability, "measure", measure)
    monkeypatch.setattr(assets, "target_urls", target_urls)
    return calls


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_cold_warm_and_no_cache_checks_find_the_same(
    site: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    counts: dict[str, int],
    jobs: str,
) -> None:
    monkeypatch.setattr(parallel, "MIN_PAGES_TO_RENDER", 1)  # pages render in workers with 2
    reference = check_json(site, capsys, "--no-cache", "--jobs", jobs)
    assert not (site / CACHE_DIR).exists()
    rules = {finding["rule"] for finding in reference["findings"]}
    assert {"SEO-013", "SEO-014", "SEO-016", "SEO-020"} <= rules
    cold = check_json(site, capsys, "--jobs", jobs)
    records = table(site)  # what the workers measured reached the process that saves
    bodies = {text_key(article.body) for article in load_site(site).articles}
    assert len(bodies) == 2
    assert all(set(records[key]) == {"readability", "targets"} for key in bodies)
    assert all(set(records[key]) == {"targets"} for key in records.keys() - bodies)  # practice
    counts.update(measure=0, target_urls=0)
    warm = check_json(site, capsys, "--jobs", jobs)
    assert cold == warm == reference
    if jobs == "1":  # a worker's calls are not seen here
        assert counts == {"measure": 0, "target_urls": 0}
    assert table(site) == records


def test_a_tampered_table_is_validated_and_replaced(
    site: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    reference = check_json(site, capsys, "--no-cache")
    check_json(site, capsys)
    file = site / CACHE_DIR / CHECKS_FILE
    data = json.loads(file.read_bytes())
    good = json.loads(file.read_bytes())["entries"]
    bad_readability: list[Any] = [
        "many",
        [20, 1, 2],
        [25, 500, 10, 0, 700, 0, None, 0, []],  # another sentence limit
        [20, 500, 10, 0, 700, 0, 3, 0, []],  # Spanish syllables for English text
        [20, 500, 10, 0, 700, -1, None, 0, []],
        [20, 500, 10, 0, 700, 0, None, 0, [[1]]],
        [20, 500.5, 10, 0, 700, 0, None, 0, []],
        None,
    ]
    bad_targets: list[Any] = ["x", [["image"]], [["script", "/a.js"]], [["link", 3]], {}, None]
    for round_ in range(max(len(bad_readability), len(bad_targets))):
        bad = {
            "readability": bad_readability[round_ % len(bad_readability)],
            "targets": bad_targets[round_ % len(bad_targets)],
        }
        data["entries"] = {key: {field: bad[field] for field in good[key]} for key in good}
        data["entries"]["not-a-digest"] = ["junk"]
        file.write_bytes(json.dumps(data).encode())
        assert check_json(site, capsys) == reference
        assert table(site) == good  # every record measured again, the stray one dropped


def test_a_damaged_table_is_ignored_and_replaced(
    site: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    reference = check_json(site, capsys, "--no-cache")
    check_json(site, capsys)
    good = table(site)
    (site / CACHE_DIR / CHECKS_FILE).write_bytes(b'{"format": 1, "tool": "x", "entr')
    assert check_json(site, capsys) == reference
    assert table(site) == good


def test_a_changed_article_is_measured_again(
    site: Path, capsys: pytest.CaptureFixture[str], counts: dict[str, int]
) -> None:
    check_json(site, capsys)
    article = site / "articles" / "memo-test.md"
    text = article.read_text(encoding="utf-8")
    old_key = next(key for key, record in table(site).items() if record["targets"])
    article.write_text(
        text.replace(HARD * 8, "Short words. " * 60).replace("missing-diagram", "other"),
        encoding="utf-8",
    )
    counts.update(measure=0, target_urls=0)
    warm = check_json(site, capsys, "--jobs", "1")
    assert counts == {"measure": 1, "target_urls": 1}  # that article's body alone
    assert warm == check_json(site, capsys, "--no-cache", "--jobs", "1")
    messages = [f["message"] for f in warm["findings"] if f["path"] == "articles/memo-test.md"]
    assert any("/images/other.png" in message for message in messages)
    assert not any("missing-diagram" in message for message in messages)
    assert not any("Flesch" in message for message in messages)
    assert old_key not in table(site)


def test_no_cache_leaves_the_table_alone(site: Path, capsys: pytest.CaptureFixture[str]) -> None:
    check_json(site, capsys)
    file = site / CACHE_DIR / CHECKS_FILE
    before = file.read_bytes()
    (site / "articles" / "memo-test.md").unlink()
    check_json(site, capsys, "--no-cache")
    assert file.read_bytes() == before


def test_a_memo_hands_over_what_a_worker_used_and_learnt() -> None:
    old = {text_key("kept"): {"a": 1}, text_key("gone"): {"a": 2}}
    parent, worker = TextMemo(old), TextMemo(old)
    assert worker.get("kept", "a") == 1
    worker.put("new", "a", 3)
    worker.put("kept", "b", [4])
    drained = worker.drain()
    assert worker.drain() == ((), {})  # handed over once
    parent.take(drained)
    assert parent.changed
    assert parent.records() == {
        text_key("kept"): {"a": 1, "b": [4]},
        text_key("new"): {"a": 3},
    }
    same = TextMemo(parent.records())
    same.get("kept", "a")
    same.get("new", "a")
    assert not same.changed


def test_a_record_for_another_language_is_measured_again(site: Path) -> None:
    article = next(a for a in load_site(site).articles if a.source == "articles/memo-test.md")
    memo = TextMemo()
    english = list(readability.readability_findings(article, "en", memo))
    assert english == list(readability.readability_findings(article, "en"))
    spanish = list(readability.readability_findings(article, "es", memo))
    assert spanish == list(readability.readability_findings(article, "es"))
    record = memo.records()[text_key(article.body)]["readability"]
    assert record[0] == 25
    assert isinstance(record[6], int)
    assert list(readability.readability_findings(article, "en", memo)) == english
