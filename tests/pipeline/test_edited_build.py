"""An edit to the bodies of a few articles renders only their pages, from a site loaded with just
those articles (`pipeline/build_edited.py`); whatever it cannot vouch for goes through the build
of the whole site. Either way the output and its state are those of a clean build."""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from nmt_content.errors import ContentError
from nmt_content.pipeline import build_changed as build_changed_module
from nmt_content.pipeline.build_edited import MAX_EDITED
from nmt_content.pipeline.build_to import FolderBuild, build_to
from nmt_content.pipeline.options import BuildOptions
from nmt_content.pipeline.output_state import state_file

from .test_incremental import ARTICLE, snapshot

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture
def site(content_root: Path) -> Path:
    """The minimal content root with twelve more articles."""
    for n in range(12):
        text = ARTICLE.format(n=n, day=n + 1)
        (content_root / "articles" / f"article-{n}.md").write_text(text, encoding="utf-8")
    return content_root


@pytest.fixture
def whole_builds(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """The outputs built by loading and planning the whole site, as they happen."""
    made: list[Path] = []
    whole = build_changed_module.build_changed

    def counted(root: Path, out: Path, *args: Any, **kwargs: Any) -> FolderBuild:
        made.append(out)
        return whole(root, out, *args, **kwargs)

    monkeypatch.setattr(build_changed_module, "build_changed", counted)
    return made


def recorded(out: Path) -> dict[str, Any]:
    """The output's state, but what differs between two folders (identity, file times)."""
    state = json.loads(state_file(out).read_bytes())
    state["files"] = {path: record[:2] for path, record in state["files"].items()}
    del state["folder"]
    return state


def build(root: Path, out: Path, options: BuildOptions | None = None) -> FolderBuild:
    return build_to(root, out, options or BuildOptions())


def assert_as_a_clean_build(
    root: Path, out: Path, tmp_path: Path, options: BuildOptions | None = None
) -> None:
    clean = tmp_path / f"clean-{len(list(tmp_path.iterdir()))}"
    build_to(root, clean, options or BuildOptions(), incremental=False)
    assert snapshot(out) == snapshot(clean)
    assert recorded(out) == recorded(clean)


def append(file: Path, text: str) -> None:
    file.write_text(file.read_text(encoding="utf-8") + text, encoding="utf-8")


def test_a_body_edit_renders_its_page_alone_as_a_clean_build_would(
    site: Path, tmp_path: Path, whole_builds: list[Path]
) -> None:
    out = tmp_path / "out"
    build(site, out)
    build(site, out)  # now with a standby to bring up to date
    whole_builds.clear()
    append(site / "articles" / "article-3.md", "\nOne more paragraph.\n")
    result = build(site, out)
    assert whole_builds == []
    assert (result.rendered, result.up_to_date, result.run) == (1, False, None)
    assert result.files == len(snapshot(out)) - 1  # all but the marker
    page = out / "articles" / "article-number-3-about-massage" / "index.html"
    assert b"One more paragraph." in page.read_bytes()
    assert_as_a_clean_build(site, out, tmp_path)
    assert build(site, out).up_to_date


def test_several_edited_articles_are_rendered_together(
    site: Path, tmp_path: Path, whole_builds: list[Path]
) -> None:
    out = tmp_path / "out"
    build(site, out)
    whole_builds.clear()
    for n in (1, 7, 11):
        append(site / "articles" / f"article-{n}.md", f"\nEdited {n}, with *emphasis*.\n")
    assert build(site, out).rendered == 3
    assert whole_builds == []
    assert_as_a_clean_build(site, out, tmp_path)


def _new_title(root: Path) -> None:
    article = root / "articles" / "article-3.md"
    article.write_text(article.read_text().replace("number 3 about", "three, about"), "utf-8")


def _too_many(root: Path) -> None:
    for n in range(MAX_EDITED + 1):
        append(root / "articles" / f"article-{n}.md", "\nEdited.\n")


def _with_a_new_article(root: Path) -> None:
    append(root / "articles" / "article-3.md", "\nEdited.\n")
    (root / "articles" / "new.md").write_text(ARTICLE.format(n=99, day=28), encoding="utf-8")


def _with_practice(root: Path) -> None:
    append(root / "articles" / "article-3.md", "\nEdited.\n")
    append(root / "practice.yaml", "\n# a comment\n")


def _with_a_touched_page(root: Path) -> None:
    append(root / "articles" / "article-3.md", "\nEdited.\n")
    other = root.parent / "out" / "articles" / "article-number-5-about-massage" / "index.html"
    other.write_bytes(other.read_bytes().replace(b"<h1", b"<h1 data-edited"))


def _with_a_touched_manifest(root: Path) -> None:
    append(root / "articles" / "article-3.md", "\nEdited.\n")
    manifest = root.parent / "out" / "seo.json"
    manifest.write_bytes(manifest.read_bytes().replace(b'"pages"', b'"Pages"'))


@pytest.mark.parametrize(
    "change",
    [_new_title, _too_many, _with_a_new_article, _with_practice, _with_a_touched_page],
    ids=["title", "too many", "new article", "practice", "touched page"],
)
def test_what_other_pages_may_show_is_built_with_the_whole_site(
    site: Path, tmp_path: Path, whole_builds: list[Path], change: Callable[[Path], None]
) -> None:
    out = tmp_path / "out"
    assert out.parent == site.parent
    build(site, out)
    whole_builds.clear()
    change(site)
    build(site, out)
    assert whole_builds == [out]
    assert_as_a_clean_build(site, out, tmp_path)


def test_a_touched_manifest_is_built_with_the_whole_site(
    site: Path, tmp_path: Path, whole_builds: list[Path]
) -> None:
    out = tmp_path / "out"
    build(site, out)
    whole_builds.clear()
    _with_a_touched_manifest(site)
    build(site, out)
    assert whole_builds == [out]
    assert_as_a_clean_build(site, out, tmp_path)


def test_a_file_touched_in_the_output_while_the_standby_is_updated_is_caught(
    site: Path, tmp_path: Path, whole_builds: list[Path]
) -> None:
    """A file to keep that is not as recorded stops the update of the standby; the whole
    build then writes the output (the standby is trusted for nothing after that)."""
    out = tmp_path / "out"
    build(site, out)
    append(site / "articles" / "article-3.md", "\nEdited once.\n")
    build(site, out)  # the edit path, which leaves the previous output as the standby
    whole_builds.clear()
    (out / "robots.txt").write_bytes(b"User-agent: *\nDisallow: /\n")
    append(site / "articles" / "article-3.md", "\nEdited twice.\n")
    build(site, out)
    assert whole_builds == [out]
    assert_as_a_clean_build(site, out, tmp_path)


def test_a_broken_edit_is_reported_by_the_whole_build_and_changes_nothing(
    site: Path, tmp_path: Path, whole_builds: list[Path]
) -> None:
    out = tmp_path / "out"
    build(site, out)
    before = snapshot(out)
    whole_builds.clear()
    article = site / "articles" / "article-3.md"
    article.write_text(article.read_text().replace("services: [massage]", "services: [massage"))
    with pytest.raises(ContentError) as raised:
        build(site, out)
    assert whole_builds == [out]
    assert any(issue.path == "articles/article-3.md" for issue in raised.value.issues)
    assert snapshot(out) == before


def test_a_template_that_lists_other_articles_on_a_page_is_caught_by_the_witness(
    site: Path, tmp_path: Path, whole_builds: list[Path]
) -> None:
    """An article page that shows the newest articles depends on more than its own record:
    the unchanged page rendered from the part of the site no longer matches its file."""
    templates = tmp_path / "templates"
    templates.mkdir()
    shown = (REPO / "src" / "nmt_content" / "templates" / "article.html").read_text("utf-8")
    listing = "{% for item in latest %}<i>{{ item.title }}</i>{% endfor %}"
    (templates / "article.html").write_text(
        shown.replace("{% block content %}", "{% block content %}" + listing, 1), "utf-8"
    )
    options = BuildOptions(templates=templates)
    out = tmp_path / "out"
    build(site, out, options)
    assert (
        b"<i>Article number 11 about massage</i>"
        in snapshot(out)["articles/article-number-0-about-massage/index.html"]
    )
    whole_builds.clear()
    append(site / "articles" / "article-3.md", "\nEdited.\n")
    build(site, out, options)
    assert whole_builds == [out]
    assert_as_a_clean_build(site, out, tmp_path, options)


def test_a_translated_article_is_built_with_its_translations(
    tmp_path: Path, whole_builds: list[Path]
) -> None:
    """The hreflang alternates of an article come from the other versions: a part of the site
    without them gives the page another record, so the whole site is built."""
    root = tmp_path / "group"
    shutil.copytree(REPO / "examples" / "group-practice", root)
    out = tmp_path / "out"
    build(root, out)
    whole_builds.clear()
    append(root / "articles" / "que-esperar-primer-masaje-sueco.md", "\nUn párrafo más.\n")
    build(root, out)
    assert whole_builds == [out]
    assert_as_a_clean_build(root, out, tmp_path)
    whole_builds.clear()
    append(root / "articles" / "deep-tissue-massage-pressure.md", "\nOne more paragraph.\n")
    assert build(root, out).rendered == 1
    assert whole_builds == []
    assert_as_a_clean_build(root, out, tmp_path)


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("articles", "articles/article-3.md"),
        ("articles", {"articles/article-3.md": ["/articles/x/", 3]}),
        ("articles", {"articles/article-3.md": ["/articles/x/"]}),
        ("listing", 7),
        ("sources", []),
    ],
)
def test_a_state_of_another_shape_is_built_with_the_whole_site(
    site: Path, tmp_path: Path, whole_builds: list[Path], field: str, value: object
) -> None:
    """The state is input like any other: one this path cannot read makes the whole build."""
    out = tmp_path / "out"
    build(site, out)
    state = json.loads(state_file(out).read_bytes())
    state[field] = value
    state_file(out).write_text(json.dumps(state), encoding="utf-8")
    whole_builds.clear()
    append(site / "articles" / "article-3.md", "\nEdited.\n")
    build(site, out)
    assert whole_builds == [out]
    assert_as_a_clean_build(site, out, tmp_path)


def test_a_record_that_differs_in_the_state_is_built_with_the_whole_site(
    site: Path, tmp_path: Path, whole_builds: list[Path]
) -> None:
    """The recorded digest of the edited page's record decides, not the front matter's bytes."""
    out = tmp_path / "out"
    build(site, out)
    state = json.loads(state_file(out).read_bytes())
    path, _digest = state["articles"]["articles/article-3.md"]
    state["articles"]["articles/article-3.md"] = [path, "0" * 32]
    state_file(out).write_text(json.dumps(state), encoding="utf-8")
    whole_builds.clear()
    append(site / "articles" / "article-3.md", "\nEdited.\n")
    build(site, out)
    assert whole_builds == [out]
    assert_as_a_clean_build(site, out, tmp_path)
