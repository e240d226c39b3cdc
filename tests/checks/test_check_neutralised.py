"""SEO-017 is decided from what the render pass reported when it rendered each page's Markdown:
an article's body, a service's body, the about page's bio. The findings are the same serially, in
worker processes and from a site built before, and the Markdown is rendered once."""

from __future__ import annotations

from pathlib import Path

import pytest

from nmt_content.checks import CheckResult, run_checks
from nmt_content.checks.engine import CheckRun
from nmt_content.content.loader import read_sources
from nmt_content.pipeline import parallel as parallel_module
from nmt_content.pipeline import render_pass
from nmt_content.pipeline.build import build_site
from nmt_content.pipeline.check_pass import check_site
from nmt_content.pipeline.loading import load_site
from nmt_content.render.markdown import ImageSize, Neutralised, RenderedMarkdown
from nmt_content.urls import Urls

from ..check_helpers import TODAY, check
from ..conftest import MINIMAL_ARTICLE, MINIMAL_PRACTICE

ARTICLE = "articles/test-article.md"
PRACTICE = "practice.yaml"

HOSTILE_BODY = """\
Body text with **bold** words.

<script>alert(1)</script>

A [bad link](javascript:alert(2)) and a [reference][r].

[r]: vbscript:msgbox

## A section

More text, with `<code>` that stays code.
"""

HOSTILE_PRACTICE = MINIMAL_PRACTICE.replace(
    "    name: Alex Example\n",
    "    name: Alex Example\n"
    "    bio: >-\n"
    "      Alex trains <b>gently</b> and\n"
    "      keeps [a page](javascript:alert(3)).\n",
).replace(
    "    description: Relaxing massage therapy sessions in Redding with a certified massage therapist.\n",
    "    description: Relaxing massage therapy sessions in Redding with a certified massage therapist.\n"
    "    body: |\n"
    "      Calm work.\n"
    "\n"
    '      <div class="box">boxed</div>\n'
    "\n"
    "      A picture: ![pic](data:image/png;base64,AAA)\n"
    "  - id: stretching\n"
    "    name: Assisted stretching\n"
    "    description: Assisted stretching sessions in Redding with a certified massage therapist.\n"
    "    body: >-\n"
    "      Folded text with <span>inline HTML</span> in it.\n",
)
SECOND_THERAPIST = (
    "  - id: sam\n"
    "    name: Sam Example\n"
    "    bio: Sam likes <i>tea</i>; their profile page shows it.\n"
    "services:\n"
)


@pytest.fixture
def hostile_root(content_root: Path) -> Path:
    practice = HOSTILE_PRACTICE.replace("services:\n", SECOND_THERAPIST, 1)
    for added in ("bio: >-", "body: |", "id: stretching", "id: sam"):
        assert added in practice
    (content_root / PRACTICE).write_text(practice, encoding="utf-8")
    article = MINIMAL_ARTICLE.split("---\n\n", 1)[0] + "---\n\n" + HOSTILE_BODY
    (content_root / ARTICLE).write_text(article, encoding="utf-8")
    return content_root


def line_of(path: Path, needle: str) -> int:
    lines = path.read_text(encoding="utf-8").splitlines()
    return next(number for number, line in enumerate(lines, start=1) if needle in line)


def neutralised(result: CheckResult) -> list[tuple[str, int | None, str]]:
    return [(f.path, f.line, f.message) for f in result.findings if f.rule == "SEO-017"]


def test_seo017_comes_from_the_render_pass_the_same_everywhere(
    hostile_root: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    site = load_site(hostile_root)
    sources = read_sources(hostile_root)
    rendered: list[str] = []
    render = render_pass.render_markdown_report

    def counted(
        text: str, image_size: ImageSize | None = None, *, table_label: str = "Table"
    ) -> RenderedMarkdown:
        rendered.append(text)
        return render(text, image_size, table_label=table_label)

    monkeypatch.setattr(render_pass, "render_markdown_report", counted)
    serial, _report = check_site(site, today=TODAY, sources=sources, jobs=1)
    # One render per page with Markdown of its own: the article, both services, each profile.
    bodies = [service.body or "" for service in site.services]
    bios = [therapist.bio or "" for therapist in site.therapists]
    assert sorted(rendered) == sorted([site.articles[0].body, *bodies, *bios])
    monkeypatch.setattr(parallel_module, "MIN_PAGES_TO_RENDER", 1)
    parallel, _ = check_site(site, today=TODAY, sources=sources, jobs=2)
    files, built = build_site(site)
    whole = run_checks(site, files, built, today=TODAY, sources=sources)
    assert neutralised(serial) == neutralised(parallel) == neutralised(whole)
    assert serial == parallel == whole

    article, practice = hostile_root / ARTICLE, hostile_root / PRACTICE
    shown = "was shown as text, not run, and the page may show markup"
    assert sorted(neutralised(serial)) == sorted(
        [
            (ARTICLE, line_of(article, "<script>"), f"raw HTML in the body {shown}: <script>alert(1)</script>"),
            (ARTICLE, line_of(article, "[bad link]"), f"an unsafe link in the body {shown}: [bad link](javascript:alert(2))"),
            (ARTICLE, line_of(article, "[bad link]"), f"an unsafe link in the body {shown}: [reference][r]"),
            (PRACTICE, line_of(practice, "<b>"), f"raw HTML in therapists[0].bio {shown}: <b>"),
            (PRACTICE, line_of(practice, "<b>"), f"raw HTML in therapists[0].bio {shown}: </b>"),
            (PRACTICE, line_of(practice, "[a page]"), f"an unsafe link in therapists[0].bio {shown}: [a page](javascript:alert(3))"),
            (PRACTICE, line_of(practice, "<div"), f'raw HTML in services[0].body {shown}: <div class="box">boxed</div>'),
            (PRACTICE, line_of(practice, "![pic]"), f"an unsafe image in services[0].body {shown}: ![pic](data:image/png;base64,AAA)"),
            (PRACTICE, line_of(practice, "<span>"), f"raw HTML in services[1].body {shown}: <span>"),
            (PRACTICE, line_of(practice, "<span>"), f"raw HTML in services[1].body {shown}: </span>"),
            (PRACTICE, line_of(practice, "<i>tea"), f"raw HTML in therapists[1].bio {shown}: <i>"),
            (PRACTICE, line_of(practice, "<i>tea"), f"raw HTML in therapists[1].bio {shown}: </i>"),
        ]
    )  # fmt: skip


def test_the_build_report_keeps_what_each_page_had_neutralised(hostile_root: Path) -> None:
    site = load_site(hostile_root)
    _files, report = build_site(site)
    kinds = {
        path: [(item.kind, item.line) for item in items]
        for path, items in report.neutralised.items()
    }
    article = next(page.path for page in report.pages if page.article is not None)
    assert kinds == {
        # Lines within each Markdown text (the body begins with the blank line after the
        # front matter; a folded YAML bio is one line).
        article: [("raw-html", 4), ("unsafe-link", 6), ("unsafe-link", 6)],
        "/team/alex/": [("raw-html", 1), ("raw-html", 1), ("unsafe-link", 1)],
        "/team/sam/": [("raw-html", 1), ("raw-html", 1)],
        "/services/massage-therapy/": [("raw-html", 3), ("unsafe-image", 5)],
        "/services/assisted-stretching/": [("raw-html", 1), ("raw-html", 1)],
    }


def test_a_page_without_anything_neutralised_is_not_in_the_report(content_root: Path) -> None:
    _files, report = build_site(load_site(content_root))
    assert report.neutralised == {}
    assert report.rendered == len(report.pages)


def test_markdown_of_a_page_without_a_record_is_named_by_the_page(content_root: Path) -> None:
    """A page whose Markdown comes from no article, service or bio (none does today) is still
    reported, by its path."""
    site = load_site(content_root)
    _files, report = build_site(site)
    run = CheckRun(site, report.pages, (), today=TODAY, urls=Urls.for_base(site.practice.url))
    missing = next(page for page in report.pages if page.kind == "not_found")
    item = Neutralised("raw-html", 2, "<marquee>")
    (found,) = run.markdown(missing, [item])
    assert (found.rule, found.path, found.line) == ("SEO-017", missing.path, None)
    assert found.message.startswith("raw HTML in the page's Markdown was shown as text")
    assert run.markdown(missing, []) == []


def test_a_profile_and_an_office_description_are_checked_like_a_bio(content_root: Path) -> None:
    """The text a profile page shows instead of the bio, and an office's own description, are
    practice prose: claim rules read them, and SEO-017 names the field the page shows."""
    practice = content_root / "practice.yaml"
    text = practice.read_text(encoding="utf-8")
    text = text.replace(
        "    name: Main office\n",
        "    name: Main office\n    description: Our massage cures sciatica for good.\n",
    )
    text = text.replace(
        "    name: Alex Example\n",
        "    name: Alex Example\n"
        "    bio: A calm bio.\n"
        "    profile: Deep tissue massage cures sciatica. <b>Bold</b> claims.\n",
    )
    practice.write_text(text, encoding="utf-8")
    result = check(content_root)
    lines = text.splitlines()
    claims = {(f.path, f.line) for f in result.findings if f.rule == "HC-001"}
    assert (
        "practice.yaml",
        lines.index("    description: Our massage cures sciatica for good.") + 1,
    ) in claims
    profile_line = next(i for i, line in enumerate(lines, 1) if line.startswith("    profile:"))
    assert ("practice.yaml", profile_line) in claims
    neutralised = [f for f in result.findings if f.rule == "SEO-017"]
    assert neutralised
    assert {(f.path, f.line) for f in neutralised} == {("practice.yaml", profile_line)}
    assert all("therapists[0].profile" in f.message for f in neutralised)
