"""Garbage collection is paused and the heap frozen only for the duration of a parallel step."""

from __future__ import annotations

import gc
import json
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


@pytest.mark.parametrize("jobs", [1, 2])
def test_a_page_hook_without_the_manifest_gets_pages_without_seo_json_entries(
    content_root: Path,
    write_article: WriteArticle,
    monkeypatch: pytest.MonkeyPatch,
    jobs: int,
) -> None:
    for number in range(3):
        write_article(
            f"a{number}.md", MINIMAL_ARTICLE.replace("services: [massage]", f"slug: a-{number}")
        )
    monkeypatch.setattr(parallel_module, "MIN_PAGES_TO_RENDER", 1)

    class Hook:
        needs_html = True

        def __init__(self, needs_manifest: bool) -> None:
            self.needs_manifest = needs_manifest
            self.pages: list[str] = []

        def inspect(self, page: PagePlan, html: str, neutralised: tuple[Neutralised, ...]) -> str:
            return page.path

        def collect(self, page: PagePlan, html: bytes, inspected: object) -> None:
            assert html.startswith(b"<!doctype html>")
            assert inspected == page.path
            self.pages.append(page.path)

    def manifest(hook: Hook) -> bytes:
        parts = []
        for output in build_outputs(
            load_site(content_root), BuildOptions(), jobs=jobs, page_hook=hook
        ):
            if output.path == "seo.json":
                content = output.content
                parts += content if isinstance(content, list) else [content]
        assert all(isinstance(part, bytes) for part in parts)
        return b"".join(part for part in parts if isinstance(part, bytes))

    with_entries, without = Hook(needs_manifest=True), Hook(needs_manifest=False)
    entries = json.loads(manifest(with_entries))["pages"]
    assert [entry["path"] for entry in entries] == with_entries.pages
    assert len(entries) > 3
    # Every page is still rendered, inspected and collected; only its seo.json entry is not made.
    assert manifest(without) == b'{"pages":[' + b"," * (len(entries) - 1) + b"]}\n"
    assert without.pages == with_entries.pages
