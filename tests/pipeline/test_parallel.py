"""Garbage collection is paused and the heap frozen only for the duration of a parallel step;
the workers end cleanly however the step ends."""

from __future__ import annotations

import gc
import json
import multiprocessing
import os
import signal
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from nmt_content.pages.model import PagePlan
from nmt_content.pipeline import parallel as parallel_module
from nmt_content.pipeline.build import BuildOptions, build_outputs
from nmt_content.pipeline.loading import load_site
from nmt_content.pipeline.parallel import parallel_map, quiet_heap
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


_STOP_EARLY = """
import sys
from nmt_content.pipeline.parallel import parallel_map

def large(item):
    return bytes(300_000)

for _ in range(int(sys.argv[1])):
    results = parallel_map(large, range(400), 2, min_items=1, max_chunk=8, ahead=8)
    for taken, _ in enumerate(results):
        if taken == 11:
            break
    results.close()
print("ended")
"""


def test_workers_end_when_the_caller_stops_while_large_results_are_on_their_way() -> None:
    """Ending a pool with ``terminate`` while a worker sent a 2.4 MB chunk of results killed it
    mid-message, and the pool's result thread then waited for the rest for ever (a failed
    build hung instead of reporting its error). The workers must end, every time."""
    process = subprocess.Popen(
        [sys.executable, "-c", _STOP_EARLY, "25"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        start_new_session=True,  # its own process group, so its workers can be ended with it
    )
    try:
        out, err = process.communicate(timeout=120)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.communicate()
        pytest.fail("stopping a parallel step early hung")
    assert (process.returncode, out, err) == (0, b"ended\n", b"")


def test_workers_leave_ctrl_c_to_the_parent() -> None:
    """The parent ends the step on Ctrl-C; a worker that died of it would never return its
    chunk, and neither would it print a traceback of its own."""
    seen = list(parallel_map(_ignores_ctrl_c, range(64), 2, min_items=1))
    assert seen == [True] * 64
    assert signal.getsignal(signal.SIGINT) is signal.default_int_handler
    assert signal.SIGINT not in signal.pthread_sigmask(signal.SIG_BLOCK, set())


def _ignores_ctrl_c(item: int) -> bool:
    ignored = signal.getsignal(signal.SIGINT) is signal.SIG_IGN
    return ignored and signal.SIGINT not in signal.pthread_sigmask(signal.SIG_BLOCK, set())


def test_ctrl_c_while_the_workers_start_ends_them(monkeypatch: pytest.MonkeyPatch) -> None:
    """Pressed while the pool forks its workers, Ctrl-C waits until the pool exists, then
    ends it: no worker is left running without a pool to end it."""
    real = multiprocessing.context.ForkProcess._Popen
    forked: list[int] = []

    def pressed_after_the_first(process_obj: Any) -> Any:
        started = real(process_obj)
        forked.append(started.pid)
        if len(forked) == 1:
            signal.raise_signal(signal.SIGINT)
        return started

    monkeypatch.setattr(
        multiprocessing.context.ForkProcess, "_Popen", staticmethod(pressed_after_the_first)
    )
    results = parallel_map(_ignores_ctrl_c, range(64), 2, min_items=1)
    with pytest.raises(KeyboardInterrupt):
        next(results)
    assert len(forked) == 2  # the pool started whole, then ended
    assert multiprocessing.active_children() == []
    assert signal.SIGINT not in signal.pthread_sigmask(signal.SIG_BLOCK, set())
