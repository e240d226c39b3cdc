"""A folder build and a check pause Python's cycle collector while they load, plan and render (what
they make lives until they end, and full passes over it found nothing to collect), and give it
back as they found it, also when a build fails."""

from __future__ import annotations

import gc
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from nmt_content.errors import ContentError
from nmt_content.pipeline import build as build_module
from nmt_content.pipeline import build_changed as build_changed_module
from nmt_content.pipeline import build_edited as build_edited_module
from nmt_content.pipeline import check_memo, check_pass
from nmt_content.pipeline.build_to import build_to
from nmt_content.pipeline.loading import load_site
from nmt_content.pipeline.plan import BuildOptions

from .test_incremental import ARTICLE

Seen = list[tuple[str, bool]]


def _noting(
    monkeypatch: pytest.MonkeyPatch, seen: Seen, module: object, name: str, label: str
) -> None:
    """Have ``module.name`` note in ``seen``, under ``label``, whether the collector is on
    each time it is called."""
    real = getattr(module, name)

    def noted(*args: Any, **options: Any) -> Any:
        seen.append((label, gc.isenabled()))
        return real(*args, **options)

    monkeypatch.setattr(module, name, noted)


def _given_back(frozen: int) -> None:
    """The collector is on again, with as many objects frozen as before the build."""
    assert gc.isenabled()
    assert gc.get_freeze_count() == frozen


@pytest.fixture
def collector_seen(monkeypatch: pytest.MonkeyPatch) -> Seen:
    """Whether the collector was on when the build loaded the site, and when it planned."""
    seen: Seen = []
    _noting(monkeypatch, seen, build_changed_module, "read_site", "load")
    _noting(monkeypatch, seen, build_module, "plan_build", "plan")
    return seen


def test_a_folder_build_loads_and_plans_with_the_collector_paused(
    content_root: Path, tmp_path: Path, collector_seen: Seen
) -> None:
    assert gc.isenabled()
    frozen = gc.get_freeze_count()
    build_to(content_root, tmp_path / "out", BuildOptions(), cache=False)
    assert collector_seen == [("load", False), ("plan", False)]
    _given_back(frozen)


def test_an_edit_rebuild_loads_the_edited_article_with_the_collector_paused(
    content_root: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    article = content_root / "articles" / "article-1.md"
    article.write_text(ARTICLE.format(n=1, day=2), encoding="utf-8")
    out = tmp_path / "out"
    build_to(content_root, out, BuildOptions())
    build_to(content_root, out, BuildOptions())  # now with a standby to bring up to date
    article.write_text(article.read_text(encoding="utf-8") + "\nOne more paragraph.\n")
    seen: Seen = []
    _noting(monkeypatch, seen, build_edited_module, "read_site", "load")
    frozen = gc.get_freeze_count()
    built = build_to(content_root, out, BuildOptions())
    assert (built.rendered, built.run) == (1, None)  # the edit path, not a whole build
    assert seen == [("load", False)]
    _given_back(frozen)


def test_a_failed_build_gives_the_collector_back(
    content_root: Path, tmp_path: Path, collector_seen: Seen
) -> None:
    (content_root / "articles" / "broken.md").write_text("---\ntitle: [\n---\nBody.\n")
    frozen = gc.get_freeze_count()
    with pytest.raises(ContentError):
        build_to(content_root, tmp_path / "out", BuildOptions(), cache=False)
    assert collector_seen == [("load", False)]
    _given_back(frozen)


def test_a_caller_that_turned_the_collector_off_finds_it_off(
    content_root: Path, tmp_path: Path, collector_seen: Seen
) -> None:
    gc.disable()
    try:
        build_to(content_root, tmp_path / "out", BuildOptions(), cache=False)
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_what_the_caller_froze_stays_frozen_and_its_thresholds_stay(
    content_root: Path, tmp_path: Path
) -> None:
    """A server that froze its startup objects (``gc.freeze``, as before forking its workers)
    keeps them frozen through a build in its process, and the thresholds it set."""
    thresholds = gc.get_threshold()
    seen: list[tuple[bool, tuple[int, int, int]]] = []
    startup = [object()]  # a container the collector tracks
    gc.freeze()
    try:
        assert not any(item is startup for item in gc.get_objects())  # frozen: in no generation
        progress = lambda _done, _all: seen.append((gc.isenabled(), gc.get_threshold()))  # noqa: E731
        build_to(content_root, tmp_path / "out", BuildOptions(), cache=False, progress=progress)
        assert seen
        assert set(seen) == {(False, thresholds)}  # paused while it renders, thresholds as set
        assert gc.isenabled()
        assert not any(item is startup for item in gc.get_objects())  # still frozen
        assert gc.get_threshold() == thresholds
    finally:
        gc.unfreeze()


def test_check_plans_and_reads_its_memo_with_the_collector_paused(
    content_root: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen: Seen = []
    _noting(monkeypatch, seen, check_pass, "plan_build", "plan")
    _noting(monkeypatch, seen, check_memo, "TextMemo", "memo")
    site = load_site(content_root)
    frozen = gc.get_freeze_count()
    memo = check_memo.load_memo(content_root)
    result, _report = check_pass.check_site(site, today=date(2026, 12, 3), memo=memo)
    assert result.findings  # the minimal site lacks what a real one has: it was checked
    assert seen == [("memo", False), ("plan", False)]
    _given_back(frozen)
