"""A build that renders every page with several jobs renders the articles' Markdown in a forked
process while it loads the site; a worker takes an article's HTML from it only when it was made
from the bytes loading read, and the output is the one-job build's, byte for byte."""

from __future__ import annotations

import os
import signal
import tempfile
from collections.abc import Callable
from contextlib import AbstractContextManager
from pathlib import Path

import pytest

from nmt_content.pipeline import early_markdown as early_markdown_module
from nmt_content.pipeline import parallel as parallel_module
from nmt_content.pipeline.build import BuildRun
from nmt_content.pipeline.build_to import build_to
from nmt_content.pipeline.early_markdown import EarlyMarkdown, early_markdown
from nmt_content.pipeline.loading import load_site
from nmt_content.pipeline.plan import BuildOptions

from ..conftest import MINIMAL_ARTICLE

WriteArticle = Callable[[str, str | bytes], Path]

RAW_HTML = MINIMAL_ARTICLE.replace(
    "More text.", 'More text. <script>alert("x")</script>\n\n| a | b |\n| - | - |\n| 1 | 2 |'
)


@pytest.fixture
def articles(content_root: Path, write_article: WriteArticle) -> Path:
    """Twelve articles, one with raw HTML and a table (what the renderer neutralises)."""
    for number in range(12):
        text = RAW_HTML if number == 3 else MINIMAL_ARTICLE
        write_article(f"a{number}.md", text.replace("services: [massage]", f"slug: a-{number}"))
    return content_root


@pytest.fixture
def in_workers(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(parallel_module, "MIN_PAGES_TO_RENDER", 1)


def _files(folder: Path) -> dict[str, bytes]:
    return {
        path.relative_to(folder).as_posix(): path.read_bytes()
        for path in folder.rglob("*")
        if path.is_file()
    }


def _taken(early: EarlyMarkdown, count: int) -> list[int]:
    """The places of the pages whose Markdown ``early`` has."""
    return [place for place in range(count) if early.rendered(place) is not None]


def _wait_for(early: EarlyMarkdown) -> None:
    """Let the renderer finish its work (the build ends it wherever it is)."""
    pid = early._pid
    assert pid is not None
    os.waitpid(pid, 0)
    early._pid = None


@pytest.mark.usefixtures("in_workers")
def test_the_workers_take_each_articles_markdown_and_the_output_is_the_serial_builds(
    articles: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    taken: list[list[int]] = []
    real_ready = EarlyMarkdown.ready

    def ready(self: EarlyMarkdown, pages: object, digests: object) -> None:
        _wait_for(self)  # so that every article is ready, whatever this machine's speed
        real_ready(self, pages, digests)  # type: ignore[arg-type]
        taken.append(_taken(self, len(pages)))  # type: ignore[arg-type]

    monkeypatch.setattr(EarlyMarkdown, "ready", ready)
    parallel = build_to(articles, tmp_path / "parallel", BuildOptions(), jobs=2, cache=False)
    serial = build_to(articles, tmp_path / "serial", BuildOptions(), jobs=1, cache=False)
    assert _files(tmp_path / "parallel") == _files(tmp_path / "serial")
    pages = BuildRun(load_site(articles), BuildOptions()).plan.pages
    article_places = [place for place, page in enumerate(pages) if page.article is not None]
    assert len(article_places) == 13  # the content root's own article and twelve
    assert taken == [article_places]
    assert parallel.run is not None
    assert serial.run is not None
    neutralised = parallel.run.report.neutralised
    assert neutralised == serial.run.report.neutralised
    assert {item.kind for items in neutralised.values() for item in items} == {"raw-html"}


def test_an_article_read_with_other_bytes_than_loading_read_is_not_taken(articles: Path) -> None:
    site = load_site(articles)
    pages = BuildRun(site, BuildOptions()).plan.pages
    with early_markdown(articles, jobs=2) as early:
        assert early is not None
        _wait_for(early)
        digests = {page.source: "?" for page in pages if page.source}  # nothing matches
        early.ready(pages, digests)
        assert _taken(early, len(pages)) == []


def test_the_renderers_html_is_what_the_page_shows(articles: Path) -> None:
    from nmt_content.content.bodies import article_bodies
    from nmt_content.render.markdown import neutralised_markdown

    site = load_site(articles)
    pages = BuildRun(site, BuildOptions()).plan.pages
    digests = {name: digest for name, digest, _body in article_bodies(articles)}
    bodies = {name: body for name, _digest, body in article_bodies(articles)}
    with early_markdown(articles, jobs=2) as early:
        assert early is not None
        _wait_for(early)
        early.ready(pages, digests)
        for place, page in enumerate(pages):
            if page.article is not None:
                assert page.source is not None
                assert early.rendered(place) == neutralised_markdown(bodies[page.source])


@pytest.mark.usefixtures("in_workers")
def test_a_renderer_killed_at_once_leaves_the_build_whole(
    articles: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = early_markdown
    killed_pids: list[int] = []

    def killed(root: Path, jobs: int) -> AbstractContextManager[EarlyMarkdown | None]:
        manager = real(root, jobs)

        class Killing:
            def __enter__(self) -> EarlyMarkdown | None:
                early = manager.__enter__()
                if early is not None and early._pid is not None:
                    os.kill(early._pid, signal.SIGKILL)
                    killed_pids.append(early._pid)
                return early

            def __exit__(self, *exc: object) -> bool | None:
                return manager.__exit__(*exc)  # type: ignore[arg-type]

        return Killing()

    monkeypatch.setattr(early_markdown_module, "early_markdown", killed)
    build_to(articles, tmp_path / "parallel", BuildOptions(), jobs=2, cache=False)
    assert len(killed_pids) == 1
    build_to(articles, tmp_path / "serial", BuildOptions(), jobs=1, cache=False)
    assert _files(tmp_path / "parallel") == _files(tmp_path / "serial")


def test_no_renderer_with_one_job_and_nothing_left_behind(articles: Path) -> None:
    with early_markdown(articles, jobs=1) as early:
        assert early is None
    before = set(os.listdir(tempfile.gettempdir()))
    with early_markdown(articles, jobs=2) as early:
        assert early is not None
        pid = early._pid
    assert pid is not None
    with pytest.raises(ChildProcessError):  # ended and reaped
        os.waitpid(pid, os.WNOHANG)
    assert not {name for name in set(os.listdir(tempfile.gettempdir())) - before if "nmt" in name}
