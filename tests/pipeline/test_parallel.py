"""Garbage collection is paused and the heap frozen only for the duration of a parallel step."""

from __future__ import annotations

import gc
import os
from collections.abc import Callable
from pathlib import Path

import pytest

from nmt_content.pages.model import PagePlan
from nmt_content.pipeline import parallel as parallel_module
from nmt_content.pipeline.build import BuildOptions, build_outputs
from nmt_content.pipeline.loading import load_site
from nmt_content.pipeline.parallel import quiet_heap
from nmt_content.render.markdown import Neutralised

from ..conftest import MINIMAL_ARTICLE

WriteArticle = Callable[[str, str | bytes], Path]


def test_quiet_heap_restores_collection() -> None:
    assert gc.isenabled()
    before = gc.get_freeze_count()
    with quiet_heap():
        assert not gc.isenabled()
        assert gc.get_freeze_count() > before
    assert gc.isenabled()
    assert gc.get_freeze_count() == before


def test_quiet_heap_restores_collection_after_an_error_and_keeps_it_off_if_it_was() -> None:
    with pytest.raises(RuntimeError), quiet_heap():
        raise RuntimeError("boom")
    assert gc.isenabled()
    gc.disable()
    try:
        with quiet_heap():
            pass
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_render_workers_collect_and_inherit_the_site_frozen(
    content_root: Path, write_article: WriteArticle, monkeypatch: pytest.MonkeyPatch
) -> None:
    for number in range(3):
        write_article(
            f"a{number}.md", MINIMAL_ARTICLE.replace("services: [massage]", f"slug: a-{number}")
        )
    monkeypatch.setattr(parallel_module, "MIN_PAGES_TO_RENDER", 1)
    seen: list[tuple[int, bool, bool]] = []

    class Hook:
        needs_html = False

        def inspect(
            self, page: PagePlan, html: str, neutralised: tuple[Neutralised, ...]
        ) -> tuple[int, bool, bool]:
            return os.getpid(), gc.isenabled(), gc.get_freeze_count() > 0

        def collect(self, page: PagePlan, html: bytes, inspected: object) -> None:
            assert isinstance(inspected, tuple)
            seen.append(inspected)

    site = load_site(content_root)
    list(build_outputs(site, BuildOptions(), jobs=2, page_hook=Hook()))
    assert seen
    assert all(pid != os.getpid() for pid, _, _ in seen), "rendered in workers"
    assert all(enabled and frozen for _, enabled, frozen in seen)
    assert gc.isenabled(), "the main process is as it was"
    assert gc.get_freeze_count() == 0
