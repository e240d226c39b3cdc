"""The build's state is explicit: articles cross process boundaries whole, the incremental digest
follows every field of a page's record, one `parallel_map` owns the worker processes, and a
build's report is frozen."""

from __future__ import annotations

import dataclasses
import os
import pickle
import threading
from datetime import date
from pathlib import Path

import pytest
from pydantic import BaseModel

from nmt_content.models import Article, FrontMatter, Therapist
from nmt_content.models.article import ImageRef, LintSuppression, Reference
from nmt_content.pages.model import PagePlan
from nmt_content.pipeline import parallel as parallel_module
from nmt_content.pipeline.build import BuildOptions, BuildRun, build_site
from nmt_content.pipeline.incremental import BODY_FIELDS, Incremental, page_digests, page_record
from nmt_content.pipeline.loading import load_site
from nmt_content.pipeline.parallel import parallel_map
from nmt_content.pipeline.render_pass import PageRenderer


def _every_field_set() -> Article:
    meta = FrontMatter(
        title="A title for the article",
        description="A description of the article, long enough to count as one.",
        date_published=date(2024, 3, 1),
        date_modified=date(2024, 4, 1),
        slug="a-title",
        services=("massage",),
        keywords=("back", "pain"),
        image=ImageRef(src="/images/a.jpg", alt="A picture", width=10, height=20),
        references=(Reference(title="A study", url="https://example.org/a"),),
        lint=LintSuppression(ignore=("SEO-001",), reason="on purpose"),
        draft=True,
    )
    return Article(meta, "The body.\n", "articles/a.md", 7, 2, (1, 2, 3), front_matter_hash=False)


def test_an_article_survives_pickling_with_every_field() -> None:
    article = _every_field_set()
    for field in dataclasses.fields(Article):
        default = field.default if field.default is not dataclasses.MISSING else None
        assert getattr(article, field.name) != default, f"set {field.name} in this test"
    copy = pickle.loads(pickle.dumps(article))
    assert type(copy) is Article
    for field in dataclasses.fields(Article):
        assert getattr(copy, field.name) == getattr(article, field.name), field.name
    assert copy == article


def test_a_field_added_to_an_article_crosses_a_process_boundary() -> None:
    @dataclasses.dataclass(frozen=True, slots=True)
    class Extended(Article):
        extra: str = ""

    globals()["Extended"] = Extended  # pickle finds classes by name
    Extended.__qualname__ = "Extended"
    try:
        article = Extended(
            *[getattr(_every_field_set(), f.name) for f in dataclasses.fields(Article)],
            extra="kept",
        )
        copy = pickle.loads(pickle.dumps(article))
        assert copy == article
        assert copy.extra == "kept"
    finally:
        del globals()["Extended"]


def _square(value: int) -> tuple[int, int]:
    return os.getpid(), value * value


def test_parallel_map_keeps_the_order_and_uses_workers() -> None:
    items = list(range(300))
    results = list(parallel_map(_square, items, 2, min_items=1))
    assert [square for _pid, square in results] == [i * i for i in items]
    assert {pid for pid, _square in results} - {os.getpid()}, "some items ran in workers"


def test_parallel_map_runs_a_closure_in_the_workers() -> None:
    offset = 1000  # a closure: it reaches the workers through the fork, never pickled
    results = list(
        parallel_map(lambda value: (os.getpid(), value + offset), range(50), 2, min_items=1)
    )
    assert [value for _pid, value in results] == [i + offset for i in range(50)]
    assert all(pid != os.getpid() for pid, _value in results)


def test_parallel_map_stays_here_below_the_threshold_or_with_one_job() -> None:
    for jobs, minimum in ((2, 100), (1, 1)):
        results = list(parallel_map(_square, list(range(10)), jobs, min_items=minimum))
        assert {pid for pid, _square in results} == {os.getpid()}


def test_parallel_map_stays_here_while_another_thread_runs() -> None:
    release = threading.Event()
    other = threading.Thread(target=release.wait)
    other.start()
    try:
        results = list(parallel_map(_square, list(range(40)), 2, min_items=1))
    finally:
        release.set()
        other.join()
    assert {pid for pid, _square in results} == {os.getpid()}


def test_a_build_renders_in_workers_as_it_does_here(
    content_root: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    site = load_site(content_root)
    serial = build_site(site)
    monkeypatch.setattr(parallel_module, "MIN_PAGES_TO_RENDER", 1)
    assert build_site(site, jobs=2) == serial


def test_before_forking_one_page_of_each_kind_and_language_is_rendered_here(
    repo_content: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Workers inherit the compiled templates and site-wide parts instead of each making its
    own: the first page of each kind and language that has several is rendered here before
    they start, and kept. Every page is rendered once in all, and the result is the serial
    build's."""
    site = load_site(repo_content)
    serial = build_site(site)
    renders = tmp_path / "renders.txt"
    html = PageRenderer._html

    def spy(self: PageRenderer, page: PagePlan, place: int | None = None) -> object:
        with renders.open("a") as log:  # from every process
            log.write(f"{os.getpid()} {page.path}\n")
        return html(self, page, place)

    parent = os.getpid()
    monkeypatch.setattr(PageRenderer, "_html", spy)
    monkeypatch.setattr(parallel_module, "MIN_PAGES_TO_RENDER", 1)
    assert build_site(site, jobs=2) == serial
    logged = [line.split(" ", 1) for line in renders.read_text().splitlines()]
    pages = serial[1].pages
    assert sorted(path for _pid, path in logged) == sorted(page.path for page in pages)
    groups: dict[tuple[str, str], list[str]] = {}
    for page in pages:
        groups.setdefault((page.kind, page.language), []).append(page.path)
    expected = {paths[0] for paths in groups.values() if len(paths) > 1}
    assert expected, "the demo site has several pages of some kind"
    assert {path for pid, path in logged if int(pid) == parent} == expected
    renders.unlink()
    build_site(site, jobs=1)
    logged = [line.split(" ", 1) for line in renders.read_text().splitlines()]
    assert len(logged) == len(pages), "serially, each page is rendered once"
    assert {int(pid) for pid, _path in logged} == {parent}


def test_the_report_is_frozen_and_there_only_once_the_build_is_done(content_root: Path) -> None:
    site = load_site(content_root)
    run = BuildRun(site, BuildOptions())
    with pytest.raises(RuntimeError, match="not finished"):
        _ = run.report
    paths = [output.path for output in run.outputs()]
    report = run.report
    assert report.pages == run.plan.pages
    assert report.rendered == len(run.plan.pages)
    assert set(report.manifest_spans) == {page.path for page in report.pages}
    assert "seo.json" in paths
    with pytest.raises(dataclasses.FrozenInstanceError):
        report.rendered = 0  # type: ignore[misc]


def _digests(pages: list[PagePlan]) -> list[str]:
    return page_digests(pages, Incremental(key="k", sources={"articles/a.md": "hash-of-the-file"}))


def _article_page(article: Article) -> PagePlan:
    return PagePlan(
        kind="article",
        path="/articles/a-title/",
        url="https://practice.example/articles/a-title/",
        title="A title",
        headline="A title",
        description="A description",
        language="en",
        breadcrumbs=(),
        source=article.source,
        article=article,
    )


def test_a_field_added_to_the_page_record_rebuilds_the_page() -> None:
    @dataclasses.dataclass(frozen=True, slots=True)
    class ExtendedPage(PagePlan):
        extra: str = ""

    page = _article_page(_every_field_set())
    base = {f.name: getattr(page, f.name) for f in dataclasses.fields(PagePlan)}
    home = dataclasses.replace(page, kind="home", path="/", source=None, article=None)
    before = _digests([home, ExtendedPage(**base, extra="one")])
    after = _digests([home, ExtendedPage(**base, extra="two")])
    assert before[1] != after[1], "the page itself is rendered again"
    assert before[0] != after[0], "and so are the pages that may list it"


def test_a_field_added_to_a_model_rebuilds_the_page() -> None:
    class ExtendedMeta(FrontMatter):
        extra: str = ""

    article = _every_field_set()
    values = article.meta.model_dump()

    def page(extra: str) -> PagePlan:
        meta = ExtendedMeta(**values, extra=extra)
        return _article_page(dataclasses.replace(article, meta=meta))

    assert _digests([page("one")]) != _digests([page("two")])


def test_every_other_field_of_a_page_counts_and_the_body_only_for_its_own_page() -> None:
    page = _article_page(_every_field_set())
    other = dataclasses.replace(page, path="/other/", source=None, article=None, kind="about")
    digests = _digests([other, page])
    for field in dataclasses.fields(PagePlan):
        if field.name in {"article", "kind", "breadcrumbs"}:
            continue
        value = getattr(page, field.name)
        changed = (
            not value
            if isinstance(value, bool)
            else "x"
            if isinstance(value, str) or value is None
            else (("en", "x"),)
            if field.name == "alternates"
            else None
        )
        if changed is None:
            continue
        assert _digests([other, dataclasses.replace(page, **{field.name: changed})]) != digests
    edited = dataclasses.replace(page.article, body="Another body.", word_count=2)  # type: ignore[type-var]
    after = _digests([other, dataclasses.replace(page, article=edited)])
    assert after[0] == digests[0], "a body is shown on its own page only"
    assert set(BODY_FIELDS) < {f.name for f in dataclasses.fields(Article)}


def _record_as_written(page: PagePlan) -> str:
    """A page's record as the listing has always written it (the digests of every output
    recorded by earlier builds depend on it): a model as its class and JSON, an article as its
    listed fields, anything else as its ``repr``."""

    def value(item: object) -> str:
        if isinstance(item, BaseModel):
            return f"{type(item).__qualname__}{item.model_dump_json()}"
        return repr(item)

    parts = [type(page).__qualname__]
    for field in dataclasses.fields(page):
        item = getattr(page, field.name)
        if isinstance(item, Article):
            names = [f.name for f in dataclasses.fields(item) if f.name not in BODY_FIELDS]
            parts.append("\x1e".join(value(getattr(item, name)) for name in names))
        else:
            parts.append(value(item))
    return "\x1f".join(parts)


def test_a_page_record_is_written_as_before_whatever_the_types_met_first() -> None:
    class LocalTherapist(Therapist):  # a model class the listing has not met yet
        pass

    therapist = LocalTherapist(id="pat", name="Pat Example", bio="Pat works with runners.")
    page = dataclasses.replace(
        _article_page(_every_field_set()),
        therapist=therapist,
        breadcrumbs=(),
        alternates=(("de", "https://practice.example/de/"),),
    )
    home = dataclasses.replace(page, kind="home", path="/", source=None, article=None)
    models: dict[int, str] = {}
    for shown in (page, home, page):
        expected = _record_as_written(shown)
        assert page_record(shown) == expected
        assert page_record(shown, models) == expected
    assert "LocalTherapist{" in page_record(page)
    assert "The body." not in page_record(page)
