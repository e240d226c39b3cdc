"""`check` keeps what its content rules measured in each article body (`.nmt-cache/checks.json`),
and the findings its wording rules made there: the same findings with a cold, a warm and a
tampered table, fresh ones for a changed article or other options."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from nmt_content.checks.body_memo import body_findings
from nmt_content.checks.context import CheckContext, TextUnit
from nmt_content.checks.findings import RawFinding
from nmt_content.checks.memo import TextMemo, text_key
from nmt_content.checks.rules import assets, california, health_claims, local, readability
from nmt_content.cli import main
from nmt_content.content.cache import CACHE_DIR
from nmt_content.pipeline import parallel
from nmt_content.pipeline.check_memo import CHECKS_FILE
from nmt_content.pipeline.loading import load_site
from nmt_content.urls import Urls

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

Our office is in Mount Shasta, Shasta County.

Massage cures sciatica for good. I am a licensed massage therapist.

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


BODY_FIELDS = {"readability", "targets", "counties", "claims", "titles"}
"""The memo's fields of an article body."""
NO_CALLS = {"measure": 0, "target_urls": 0, "body": 0}


@pytest.fixture
def counts(monkeypatch: pytest.MonkeyPatch) -> dict[str, int]:
    """How often, in this process, a body's readability and its targets were measured, and
    its wording read by the county, claim and title rules."""
    calls = dict(NO_CALLS)
    real_measure, real_targets = readability.measure, assets.target_urls
    for module, name in (
        (local, "county_findings"),
        (health_claims, "claim_findings"),
        (california, "title_findings"),
    ):
        real = getattr(module, name)

        def counted(unit: TextUnit, *args: Any, real: Any = real) -> Any:
            calls["body"] += unit.field == "body"
            return real(unit, *args)

        monkeypatch.setattr(module, name, counted)

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
    assert {"SEO-013", "SEO-014", "SEO-016", "SEO-020", "LOCAL-002", "HC-001", "CAMTC-003"} <= rules
    cold = check_json(site, capsys, "--jobs", jobs)
    records = table(site)  # what the workers measured reached the process that saves
    bodies = {text_key(article.body) for article in load_site(site).articles}
    assert len(bodies) == 2
    assert all(set(records[key]) == BODY_FIELDS for key in bodies)
    assert all(set(records[key]) == {"targets"} for key in records.keys() - bodies)  # practice
    counts.update(NO_CALLS)
    warm = check_json(site, capsys, "--jobs", jobs)
    assert cold == warm == reference
    if jobs == "1":  # a worker's calls are not seen here
        assert counts == NO_CALLS
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
    # Findings of a body, made from its record with the right options.
    bad_findings: list[Any] = [
        "x",
        [],
        ["x"],
        [[["LOCAL-002", 0, "m"]]],
        ["x", [["NOPE-001", 0, "m"]]],
        ["x", [["LOCAL-002", -1, "m"]]],
        ["x", [["LOCAL-002", True, "m"]]],
        ["x", [["LOCAL-002", 1.5, "m"]]],
        ["x", [["LOCAL-002", 0, None]]],
        ["x", [["LOCAL-002", 0]]],
        ["x", {}],
        None,
    ]

    def tampered(key: str, field: str, round_: int) -> Any:
        if field == "readability":
            return bad_readability[round_ % len(bad_readability)]
        if field == "targets":
            return bad_targets[round_ % len(bad_targets)]
        bad = bad_findings[round_ % len(bad_findings)]
        if isinstance(bad, list) and len(bad) == 2 and bad[0] == "x":
            return [good[key][field][0], bad[1]]  # the right options
        return bad

    for round_ in range(max(len(bad_readability), len(bad_targets), len(bad_findings))):
        data["entries"] = {
            key: {field: tampered(key, field, round_) for field in good[key]} for key in good
        }
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
    counts.update(NO_CALLS)
    warm = check_json(site, capsys, "--jobs", "1")
    assert counts == {"measure": 1, "target_urls": 1, "body": 3}  # that article's body alone
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


def test_a_body_at_another_line_gets_its_recorded_findings_at_that_line(
    site: Path, capsys: pytest.CaptureFixture[str], counts: dict[str, int]
) -> None:
    """Two articles with one body: the second takes the first's record, shifted to its lines."""
    text = (site / "articles" / "memo-test.md").read_text(encoding="utf-8")
    longer = text.replace("author: dustin\n", "author: dustin\n\n\n\n").replace(
        "How massage helps", "Why massage helps"
    )
    (site / "articles" / "memo-copy.md").write_text(longer, encoding="utf-8")
    reference = check_json(site, capsys, "--no-cache", "--jobs", "1")
    counts.update(NO_CALLS)
    assert check_json(site, capsys, "--jobs", "1") == reference
    articles = load_site(site).articles
    bodies = {article.body for article in articles}
    assert len(bodies) == len(articles) - 1
    assert counts["body"] == 3 * len(bodies)  # each body read once by each of the three rules
    assert check_json(site, capsys, "--jobs", "1") == reference

    def lines(path: str) -> list[tuple[str, int]]:
        found = reference["findings"]
        return sorted((f["rule"], f["line"]) for f in found if f["path"] == path)

    shifted = [(rule, line + 3) for rule, line in lines("articles/memo-test.md")]
    wording = {"LOCAL-002", "HC-001", "HC-002", "CAMTC-003"}
    assert wording <= {rule for rule, _line in lines("articles/memo-copy.md")}
    assert [f for f in lines("articles/memo-copy.md") if f[0] in wording] == [
        f for f in shifted if f[0] in wording
    ]


def test_body_findings_are_found_again_for_other_options(site: Path) -> None:
    loaded = load_site(site)
    article = next(a for a in loaded.articles if a.source == "articles/memo-test.md")
    memo = TextMemo()
    urls = Urls.for_base(loaded.practice.url)
    ctx = CheckContext(loaded, (), urls, (), date(2025, 6, 1), {}, memo)
    calls: list[str] = []

    def find(unit: TextUnit) -> list[RawFinding]:
        calls.append(unit.field)
        return [RawFinding("LOCAL-002", unit.path, unit.line_at(0, 1), f"m{len(calls)}")]

    first = body_findings(ctx, article, "counties", ["en"], find)
    assert body_findings(ctx, article, "counties", ["en"], find) == first
    assert calls == ["body"]
    other = body_findings(ctx, article, "counties", ["es"], find)
    assert calls == ["body", "body"]
    assert [f.message for f in other] == ["m2"]
    assert memo.records()[text_key(article.body)]["counties"] == [
        ["es"],
        [["LOCAL-002", 0, "m2"]],
    ]
    assert first[0].line == article.body_line
