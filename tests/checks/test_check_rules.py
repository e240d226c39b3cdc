"""Every rule of `nmt-content check`: an example that fires and one that must not, with the file
and line a finding points at; the engine's severities and suppressions; the text helpers."""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from nmt_content.checks import RULES, CheckResult, Finding, engine, run_checks
from nmt_content.checks.findings import Once, RawFinding
from nmt_content.checks.html_scan import JsonLdReader, ScannedPage
from nmt_content.checks.rules.local import is_placeholder_host
from nmt_content.checks.text import (
    is_negated,
    prose_blocks,
    sentences,
    syllable_count,
    text_stats,
    word_syllables,
)
from nmt_content.content.loader import read_sources
from nmt_content.models import Article
from nmt_content.pages.model import PagePlan
from nmt_content.pipeline import parallel as parallel_module
from nmt_content.pipeline.build import build_site
from nmt_content.pipeline.check_pass import check_site
from nmt_content.pipeline.loading import load_site
from nmt_content.urls import Urls

from ..check_helpers import TODAY, check, fired, replace_in
from ..conftest import MINIMAL_ARTICLE
from ..images import write_png

ARTICLE = "articles/test-article.md"
ARTICLE_HTML = "articles/a-test-article-about-massage/index.html"
PERSON = "https://practice.example/#/schema/person/alex"
PROSE = (
    "Massage can ease tension in your back. Clients often feel calmer after a session. "
    "We start slowly and check in with you often. "
)
WriteArticle = Callable[[str, str | bytes], Path]


def with_body(root: Path, body: str, front: str = "") -> Path:
    """Replace the fixture article's body (it starts on line 9) and add front-matter lines."""
    text = MINIMAL_ARTICLE.replace("services: [massage]", f"services: [massage]{front}")
    text = text.split("---\n\n", 1)[0] + "---\n\n" + body + "\n"
    (root / ARTICLE).write_text(text, encoding="utf-8")
    return root


def edit_practice(root: Path, old: str, new: str) -> None:
    practice = root / "practice.yaml"
    text = practice.read_text(encoding="utf-8")
    assert old in text
    practice.write_text(text.replace(old, new), encoding="utf-8")


def line_of(path: Path, needle: str) -> int:
    lines = path.read_text(encoding="utf-8").splitlines()
    return next(number for number, line in enumerate(lines, start=1) if needle in line)


def findings(result: CheckResult, rule: str) -> list[Finding]:
    return [finding for finding in result.findings if finding.rule == rule]


# -- rules on words: (rule, a text that fires, a text that must not) ----------------------------

TEXT_CASES: list[tuple[str, str, str]] = [
    (
        "CAMTC-003",
        "I am a licensed massage therapist in Redding.",
        "I am a CAMTC certified massage therapist.",
    ),
    ("CAMTC-003", "Book with an LMT today.", "I am not an LMT; California has no such licence."),
    ("CAMTC-003", "Our state-certified therapists are here.", "Our certified therapists are here."),
    (
        "CAMTC-006",
        "I am a Certified 900-Hour Massage Therapist.",
        "I have 900 hours of massage training.",
    ),
    ("CAMTC-006", "A 500-hour certified massage therapist.", "A certified massage therapist."),
    ("HC-001", "Massage will cure your back pain.", "Massage is not a cure for back pain."),
    ("HC-001", "Guaranteed relief in one session!", "There is no guaranteed outcome."),
    ("HC-001", "This therapy is a panacea.", "It’s not a panacea, but it may help."),
    ("HC-001", "This therapy is a panacea.", "It's not a panacea, but it may help."),
    ("HC-001", "It is not only a cure for stress, it is a miracle.", "It is not a miracle."),
    ("HC-001", "A clinically proven technique.", "A technique studied in clinical trials."),
    ("HC-001", "Results are 100% certain.", "Most clients feel looser afterwards."),
    ("HC-001", "Our detox massage helps.", "Drink water if you like."),
    ("HC-002", "Massage treats sciatica.", "Massage may ease muscle tension."),
    ("HC-002", "We cure fibromyalgia here.", "Massage may help you relax."),
    (
        "HC-002",
        "I will diagnose your pain.",
        "I do not diagnose; your doctor can diagnose the cause.",
    ),
    ("HC-003", "Dr. Alex sees clients here.", "Dr. Furlan's review found a short-term benefit."),
    ("HC-003", "Welcome to our massage clinic.", "If pain persists, see your physician."),
    ("HC-003", "I am a physician.", "Ask your doctor before a session."),
    ("HC-003", "Book a session with Dr. Alex.", "Book a session with Alex."),
    ("HC-004", "Massage releases lactic acid from the muscle.", "Massage may ease muscle tension."),
    ("HC-004", "A session will flush toxins from your body.", "A session may leave you relaxed."),
    (
        "HC-004",
        "Lactic acid is released as the muscle relaxes.",
        "Massage does not release lactic acid.",
    ),
    ("HC-009", "Some discomfort is 'good pain'.", "Tell me if anything hurts."),
    ("HC-009", "No pain, no gain!", "There is no such thing as good pain."),
    (
        "LOCAL-002",
        "Visit us in Mount Shasta, Shasta County.",
        "Visit us in Mount Shasta, Siskiyou County.",
    ),
    (
        "LOCAL-002",
        "Our office in Redding (Siskiyou County).",
        "Our office in Redding (Shasta County).",
    ),
]


@pytest.mark.parametrize(("rule", "firing", "quiet"), TEXT_CASES)
def test_text_rules(content_root: Path, rule: str, firing: str, quiet: str) -> None:
    body = f"{PROSE}\n\n{firing}"
    hits = findings(check(with_body(content_root, body)), rule)
    assert hits, f"{rule} should fire on {firing!r}"
    assert (hits[0].path, hits[0].line) == (ARTICLE, line_of(content_root / ARTICLE, firing))
    assert " may " in hits[0].message
    assert findings(check(with_body(content_root, f"{PROSE}\n\n{quiet}")), rule) == []


def test_hc004_quiet_with_a_supporting_reference(content_root: Path) -> None:
    front = (
        "\nreferences:\n  - title: Lactate clearance after manual therapy\n"
        "    journal: Journal of Bodywork\n    year: 2020\n    url: https://journal.example/x"
    )
    body = "Massage releases lactic acid from the muscle."
    assert fired(check(with_body(content_root, body, front)), "HC-004") == []


def test_hc004_not_silenced_by_the_contradicting_study(content_root: Path) -> None:
    front = (
        "\nreferences:\n  - title: Massage impairs postexercise muscle blood flow and lactic acid "
        "removal\n    journal: Med Sci Sports Exerc\n    year: 2010\n"
        "    doi: 10.1249/MSS.0b013e3181c4f9b5"
    )
    hits = fired(check(with_body(content_root, "Massage releases lactic acid.", front)), "HC-004")
    assert hits
    assert "Wiltshire" in hits[0]


def test_claims_in_practice_yaml_point_at_their_line(content_root: Path) -> None:
    edit_practice(
        content_root,
        "description: Relaxing massage therapy sessions in Redding",
        "description: >-\n      Relaxing sessions that cure\n      sciatica in Redding",
    )
    hits = findings(check(content_root), "HC-002")
    assert [(f.path, f.line) for f in hits] == [
        ("practice.yaml", line_of(content_root / "practice.yaml", "Relaxing sessions"))
    ]


# -- California practice ---------------------------------------------------------------------


def test_camtc_001_number_on_every_page(content_root: Path) -> None:
    assert fired(check(content_root), "CAMTC-001") == []

    def hide(files: dict[str, bytes]) -> None:
        files[ARTICLE_HTML] = files[ARTICLE_HTML].replace(b"#12345", b"")

    hits = findings(check(content_root, edit=hide), "CAMTC-001")
    assert [f.path for f in hits] == ["/articles/a-test-article-about-massage/"]


def test_camtc_001_number_only_in_markup_is_not_visible(content_root: Path) -> None:
    def hide(files: dict[str, bytes]) -> None:
        text = files[ARTICLE_HTML].decode().replace("#12345", "")
        files[ARTICLE_HTML] = text.replace("<main", '<main data-camtc="12345"', 1).encode()

    assert fired(check(content_root, edit=hide), "CAMTC-001")


def test_camtc_001_certificate_without_number(content_root: Path) -> None:
    edit_practice(content_root, '        identifier: "12345"\n', "")
    hits = findings(check(content_root), "CAMTC-001")
    assert [(f.path, f.line) for f in hits] == [
        ("practice.yaml", line_of(content_root / "practice.yaml", "- name: Certified Massage"))
    ]


def test_camtc_002_certificate_without_issuer(content_root: Path) -> None:
    assert fired(check(content_root), "CAMTC-002") == []
    edit_practice(
        content_root,
        "          short_name: CAMTC\n",
        "          short_name: CAMTC\n      - name: Advanced Neuromuscular Therapist\n"
        "        category: certificate\n",
    )
    hits = findings(check(content_root), "CAMTC-002")
    assert [(f.path, f.line) for f in hits] == [
        ("practice.yaml", line_of(content_root / "practice.yaml", "Advanced Neuromuscular"))
    ]


def test_camtc_004_expired_certificate(content_root: Path) -> None:
    edit_practice(
        content_root, 'identifier: "12345"', 'identifier: "12345"\n        expires: 2025-01-31'
    )
    with_body(content_root, f"{PROSE}\n\nI am certified in Redding.")
    result = check(content_root)
    paths = {(f.path, f.line) for f in findings(result, "CAMTC-004")}
    assert (ARTICLE, line_of(content_root / ARTICLE, "I am certified")) in paths
    assert ("practice.yaml", line_of(content_root / "practice.yaml", "- name: Certified")) in paths
    assert fired(result, "CAMTC-005") == []
    assert fired(check(content_root, today=date(2025, 1, 31)), "CAMTC-004") == []


def test_camtc_005_companion_when_expiry_is_unknown(content_root: Path) -> None:
    hits = findings(check(content_root), "CAMTC-005")
    assert [(f.severity, f.path) for f in hits] == [("info", "practice.yaml")]
    edit_practice(
        content_root, 'identifier: "12345"', 'identifier: "12345"\n        expires: 2030-01-31'
    )
    assert fired(check(content_root), "CAMTC-005") == []


def test_eeat_006_warns_before_any_credential_expires(content_root: Path) -> None:
    edit_practice(
        content_root, 'identifier: "12345"', 'identifier: "12345"\n        expires: 2025-03-01'
    )
    line = line_of(content_root / "practice.yaml", "- name: Certified")
    hits = findings(check(content_root, today=date(2025, 1, 1)), "EEAT-006")
    assert [(f.severity, f.line) for f in hits] == [("warning", line)]
    assert "in 59 days" in hits[0].message
    assert fired(check(content_root, today=date(2024, 12, 30)), "EEAT-006") == []


def test_eeat_007_expired_credential_other_than_camtc(content_root: Path) -> None:
    edit_practice(
        content_root,
        "short_name: CAMTC",
        "short_name: CAMTC\n"
        "      - name: Licensed Massage Therapist\n"
        "        category: license\n"
        "        issuer: {name: Oregon Board of Massage Therapists}\n"
        "        expires: 2024-06-30",
    )
    result = check(content_root, today=date(2025, 1, 1))
    (hit,) = findings(result, "EEAT-007")
    assert hit.severity == "error"
    assert "(Oregon)" in hit.message
    assert fired(result, "CAMTC-003") == []


def test_yaml_001_comment_trap(content_root: Path) -> None:
    edit_practice(content_root, "short_name: CAMTC", "short_name: CAMTC #12345")
    (hit,) = findings(check(content_root), "YAML-001")
    assert hit.line == line_of(content_root / "practice.yaml", "CAMTC #12345")


def test_yaml_001_in_front_matter_and_no_second_read_without_a_hash(content_root: Path) -> None:
    sources = read_sources(content_root)
    asked: list[str] = []

    class Recording(dict[str, str]):
        def get(self, key: str, default: object = None) -> str | None:  # type: ignore[override]
            asked.append(key)
            return sources.get(key)

    site = load_site(content_root)
    assert site.articles[0].front_matter_hash is False
    result = check_site(site, today=TODAY, sources=Recording())[0]
    assert fired(result, "YAML-001") == []
    assert ARTICLE not in asked  # no `#` in its front matter: the file is not read again

    text = (content_root / ARTICLE).read_text(encoding="utf-8")
    (content_root / ARTICLE).write_text(text.replace("about massage\n", "about massage #2\n"))
    site = load_site(content_root)
    assert site.articles[0].front_matter_hash is True
    result = check_site(site, today=TODAY, sources=Recording())[0]
    (hit,) = findings(result, "YAML-001")
    assert (hit.path, hit.line) == (ARTICLE, line_of(content_root / ARTICLE, "massage #2"))
    assert ARTICLE in asked


def test_eeat_005_todo_placeholders_but_not_comments(content_root: Path) -> None:
    assert fired(check(content_root), "EEAT-005") == []
    edit_practice(content_root, "name: Test Practice", 'name: "TODO: Name"  # a TODO comment')
    edit_practice(content_root, "practice:\n", "# TODO: fill in\npractice:\n")
    root = with_body(content_root, "Intro.\n\nTODO: the rest.", front="\n# TODO: keywords")
    hits = findings(check(root), "EEAT-005")
    article = root / ARTICLE
    assert [(f.path, f.line) for f in hits] == [
        (ARTICLE, line_of(article, "TODO: the rest")),
        ("practice.yaml", line_of(root / "practice.yaml", "TODO: Name")),
    ]
    assert hits[0].severity == "error"


def test_eeat_005_finds_a_placeholder_nested_in_front_matter(content_root: Path) -> None:
    front = '\nkeywords: [massage, "TODO: more keywords"]  # TODO in a comment'
    root = with_body(content_root, "A body without placeholders.", front=front)
    hits = findings(check(root), "EEAT-005")
    assert [(f.path, f.line) for f in hits] == [(ARTICLE, line_of(root / ARTICLE, "keywords:"))]
    root = with_body(content_root, "A body without placeholders.", front="\n# TODO: keywords")
    assert fired(check(root), "EEAT-005") == []


# -- health pages ----------------------------------------------------------------------------


def test_hc007_disclaimer_on_health_articles(content_root: Path) -> None:
    assert fired(check(content_root), "HC-007") == []

    def drop(files: dict[str, bytes]) -> None:
        replace_in(files, ARTICLE_HTML, "not a substitute for medical", "no substitute for")

    hits = findings(check(content_root, edit=drop), "HC-007")
    assert [(f.path, f.line) for f in hits] == [
        (ARTICLE, line_of(content_root / ARTICLE, "services:"))
    ]


def test_hc003_medical_schema_type(content_root: Path) -> None:
    assert fired(check(content_root), "HC-003") == []

    def retype(files: dict[str, bytes]) -> None:
        replace_in(files, ARTICLE_HTML, '"@type":"Organization"', '"@type":"MedicalClinic"')

    hits = fired(check(content_root, edit=retype), "HC-003")
    assert len(hits) == 1
    assert "MedicalClinic" in hits[0]


# -- HTML structure, links and Markdown ------------------------------------------------------


def test_seo006_extra_h1_in_markdown_points_at_its_line(content_root: Path) -> None:
    assert fired(check(content_root), "SEO-006") == []
    hits = findings(check(with_body(content_root, f"{PROSE}\n\n# Second title\n")), "SEO-006")
    assert [(f.path, f.line) for f in hits] == [
        (ARTICLE, line_of(content_root / ARTICLE, "# Second"))
    ]


def test_seo006_page_without_h1(content_root: Path) -> None:
    def drop(files: dict[str, bytes]) -> None:
        files["about/index.html"] = re.sub(
            rb"<h1>(.*?)</h1>", rb"<p>\1</p>", files["about/index.html"]
        )

    assert [f.path for f in findings(check(content_root, edit=drop), "SEO-006")] == ["/about/"]


def test_seo007_skipped_heading_level(content_root: Path) -> None:
    assert fired(check(content_root), "SEO-007") == []
    result = check(with_body(content_root, f"{PROSE}\n\n#### Too deep\n\nText."))
    hits = findings(result, "SEO-007")
    assert [(f.path, f.line) for f in hits] == [
        (ARTICLE, line_of(content_root / ARTICLE, "#### Too"))
    ]


def test_seo007_outline_that_starts_too_deep(content_root: Path) -> None:
    result = check(with_body(content_root, f"### Starts at h3\n\n{PROSE}\n\n## Then h2\n\nText."))
    assert [(f.path, f.line) for f in findings(result, "SEO-007")] == [
        (ARTICLE, line_of(content_root / ARTICLE, "### Starts"))
    ]
    shallow = check(with_body(content_root, f"{PROSE}\n\n## Only h2\n\nText.\n\n## Again\n"))
    assert fired(shallow, "SEO-007") == []


def test_seo008_images_without_alt(content_root: Path) -> None:
    assert fired(check(content_root), "SEO-008") == []
    result = check(with_body(content_root, f"{PROSE}\n\n![](/images/back.jpg)"))
    hits = findings(result, "SEO-008")
    assert [(f.path, f.line) for f in hits] == [(ARTICLE, line_of(content_root / ARTICLE, "![]"))]
    assert fired(check(with_body(content_root, "![A back](/images/back.jpg)")), "SEO-008") == []

    def no_alt(files: dict[str, bytes]) -> None:
        replace_in(files, "about/index.html", "</main>", '<img src="/me.jpg"></main>')

    assert [f.path for f in findings(check(content_root, edit=no_alt), "SEO-008")] == ["/about/"]


def test_seo009_broken_internal_link(content_root: Path) -> None:
    ok = f"{PROSE}\n\nSee [our services](/services/massage-therapy/) and [elsewhere](https://a.org/)."
    assert fired(check(with_body(content_root, ok)), "SEO-009") == []
    result = check(with_body(content_root, f"{PROSE}\n\nSee [this](/articles/nowhere/)."))
    hits = findings(result, "SEO-009")
    assert [(f.path, f.line) for f in hits] == [
        (ARTICLE, line_of(content_root / ARTICLE, "See [this]"))
    ]


def test_seo009_many_broken_links_each_on_its_own_line(
    content_root: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each broken link is placed on its line from one pass over the article (the Markdown's
    link targets, read once), not by a search of the whole body per link."""
    from nmt_content.checks.rules import seo_links
    from nmt_content.render.markdown_links import MarkdownTarget

    passes: list[int] = []
    real = seo_links.markdown_targets

    def counted(text: str) -> tuple[MarkdownTarget, ...]:
        passes.append(len(text))
        return real(text)

    monkeypatch.setattr(seo_links, "markdown_targets", counted)
    links = "\n\n".join(f"Link {n}: [gone {n}](/articles/gone-{n}/)." for n in range(200))
    result = check(with_body(content_root, f"{PROSE}\n\n{links}"))
    hits = findings(result, "SEO-009")
    assert len(hits) == 200
    for n in (0, 57, 199):
        line = line_of(content_root / ARTICLE, f"Link {n}: ")
        assert (ARTICLE, line) in {(f.path, f.line) for f in hits}
    assert len(passes) == 1


def test_seo010_orphan_page(content_root: Path) -> None:
    assert fired(check(content_root), "SEO-010") == []

    def unlink(files: dict[str, bytes]) -> None:
        for path in files:
            if path.endswith(".html"):
                files[path] = files[path].replace(b'href="/services/massage-therapy/"', b'href="/"')

    hits = findings(check(content_root, edit=unlink), "SEO-010")
    assert [(f.path, f.line) for f in hits] == [
        ("practice.yaml", line_of(content_root / "practice.yaml", "- id: massage"))
    ]


def test_seo017_neutralised_markdown_is_reported(content_root: Path) -> None:
    assert fired(check(with_body(content_root, PROSE)), "SEO-017") == []
    body = f"{PROSE}\n\n[x](javascript:alert(1))\n\n<script>alert(2)</script>"
    hits = findings(check(with_body(content_root, body)), "SEO-017")
    assert [(f.path, f.line) for f in hits] == [
        (ARTICLE, line_of(content_root / ARTICLE, "[x](javascript")),
        (ARTICLE, line_of(content_root / ARTICLE, "<script>")),
    ]


# -- images and files in static/ --------------------------------------------------------------


def test_seo020_missing_images_and_files_are_reported_with_file_line_and_field(
    content_root: Path,
) -> None:
    edit_practice(
        content_root, "  description: Massage", "  logo: /images/logo.png\n  description: Massage"
    )
    body = (
        f"{PROSE}\n\n![A room](/images/room.png)\n\n[Intake form](/files/intake.pdf)\n\n"
        "[Again](/files/intake.pdf?next=/) and [a folder](/files/).\n\n"
        "[Other site](https://elsewhere.example/x.png) and [a page](/about/).\n\n"
        "![Remote](https://elsewhere.example/remote.png)"
    )
    front = "\nimage:\n  src: /images/lead.png\n  alt: A lead image"
    root = with_body(content_root, body, front)
    hits = findings(check(root), "SEO-020")
    article = content_root / ARTICLE
    assert [(f.path, f.line, f.message.split(":")[0]) for f in hits] == [
        (ARTICLE, line_of(article, "image:"), "image.src"),
        (ARTICLE, line_of(article, "![A room]"), "body image"),
        (ARTICLE, line_of(article, "[Intake form]"), "body link"),
        (ARTICLE, line_of(article, "[Again]"), "body link"),
        ("practice.yaml", line_of(content_root / "practice.yaml", "logo:"), "practice.logo"),
    ]
    assert "static/images/room.png" in hits[1].message
    for missing in ("images/lead.png", "images/room.png", "images/logo.png"):
        write_png(content_root / "static" / missing, 1200, 630)
    (content_root / "static" / "files").mkdir()
    (content_root / "static" / "files" / "intake.pdf").write_bytes(b"%PDF")
    assert fired(check(root), "SEO-020") == []


def test_seo021_to_023_article_image_size_and_alt(content_root: Path) -> None:
    write_png(content_root / "static" / "lead.png", 800, 400)
    front = "\nimage:\n  src: /lead.png\n  alt: ''\n  width: 800\n  height: 450"
    result = check(with_body(content_root, PROSE, front))
    line = line_of(content_root / ARTICLE, "image:")
    assert [(f.line, f.message.split(":")[0]) for f in findings(result, "SEO-021")] == [
        (line, "image.height")
    ]
    assert [f.line for f in findings(result, "SEO-022")] == [line]
    assert "800 px wide" in findings(result, "SEO-022")[0].message
    assert [f.line for f in findings(result, "SEO-023")] == [line]
    write_png(content_root / "static" / "lead.png", 1200, 450)
    front = "\nimage:\n  src: /lead.png\n  alt: A calm room\n  height: 450"
    result = check(with_body(content_root, PROSE, front))
    assert [f.rule for f in result.findings if f.rule in ("SEO-021", "SEO-022", "SEO-023")] == []


# -- titles, descriptions, slugs, keyphrase --------------------------------------------------


def test_seo_title_width_and_description_length(
    content_root: Path, write_article: WriteArticle
) -> None:
    result = check(content_root)
    assert fired(result, "SEO-002") == []
    assert fired(result, "SEO-001") == []
    long_title = (
        "A very long title about massage therapy that goes on and on past what Google shows"
    )
    write_article("long.md", MINIMAL_ARTICLE.replace("A test article about massage", long_title))
    result = check(content_root)
    hits = findings(result, "SEO-002")
    assert [(f.path, f.line) for f in hits] == [("articles/long.md", 2)]
    assert "px" in hits[0].message
    description = [f for f in findings(result, "SEO-004") if f.path == ARTICLE]
    assert [f.line for f in description] == [3], "the fixture's description is short"


def test_seo001_short_title(content_root: Path, write_article: WriteArticle) -> None:
    write_article(
        "short.md",
        MINIMAL_ARTICLE.replace("title: A test article about massage", "title: Hi\nslug: hi"),
    )
    edit_practice(content_root, "name: Test Practice", "name: TP")
    assert "articles/short.md" in {f.path for f in findings(check(content_root), "SEO-001")}


def test_seo_duplicates(content_root: Path, write_article: WriteArticle) -> None:
    assert fired(check(content_root), "SEO-003") == []
    write_article("copy.md", MINIMAL_ARTICLE.replace("services: [massage]", "slug: another-slug"))
    result = check(content_root)
    assert sorted(f.path for f in findings(result, "SEO-003")) == ["articles/copy.md", ARTICLE]
    assert len(fired(result, "SEO-005")) == 2


def test_seo011_slug(content_root: Path, write_article: WriteArticle) -> None:
    assert fired(check(content_root), "SEO-011") == []
    write_article("stop.md", MINIMAL_ARTICLE.replace("services: [massage]", "slug: the-and-of-it"))
    hits = findings(check(content_root), "SEO-011")
    assert [(f.path, f.line) for f in hits] == [("articles/stop.md", 6)]


def test_seo012_focus_keyphrase(content_root: Path) -> None:
    body = "Deep tissue massage helps. " * 3
    assert (
        fired(check(with_body(content_root, body, "\nfocus_keyphrase: massage")), "SEO-012") == []
    )
    result = check(with_body(content_root, body, "\nfocus_keyphrase: craniosacral"))
    lines = sorted(f.line or 0 for f in findings(result, "SEO-012"))
    assert lines == [2, 2, 3, 10], "title, slug (from the title), description, introduction"


# -- readability -----------------------------------------------------------------------------

READABILITY = ("SEO-013", "SEO-014", "SEO-015", "SEO-016")


def test_readability_thresholds(content_root: Path) -> None:
    easy = check(with_body(content_root, "\n\n".join([PROSE * 3] * 4)))
    assert [rule for rule in READABILITY if fired(easy, rule)] == []
    hard = (
        "Neuromuscular therapeutic interventions systematically characterise multidimensional "
        "physiological dysfunctions, comprehensively addressing interconnected musculoskeletal "
        "considerations that were documented and were analysed by practitioners. "
    ) * 12
    result = check(with_body(content_root, hard))
    for rule in READABILITY:
        assert [(f.path, f.line) for f in findings(result, rule)] == [(ARTICLE, 9)], rule


def test_readability_skips_short_texts(content_root: Path) -> None:
    result = check(with_body(content_root, "Neuromuscular physiological considerations."))
    assert [rule for rule in READABILITY if fired(result, rule)] == []


# -- structured data -------------------------------------------------------------------------


def _in_article(old: str, new: str) -> Callable[[dict[str, bytes]], None]:
    return lambda files: replace_in(files, ARTICLE_HTML, old, new)


GRAPH_CASES: list[tuple[str, Callable[[dict[str, bytes]], None]]] = [
    ("SD-001", _in_article('"headline":', '"headlin":')),
    (
        "SD-002",
        _in_article(
            f'"author":{{"@id":"{PERSON}"}}', '"author":{"@id":"https://practice.example/#nobody"}'
        ),
    ),
    (
        "SD-005",
        _in_article(
            '"@type":"Organization"',
            '"aggregateRating":{"@type":"AggregateRating","ratingValue":5,"reviewCount":9},"@type":"Organization"',
        ),
    ),
    (
        "SD-006",
        _in_article(
            '"@type":"Organization"',
            '"@type":"Organization","contactPoints":{"@type":"ContactPoint","telephone":"1"}',
        ),
    ),
    (
        "EEAT-002",
        _in_article(
            '"@type":"WebPage"', '"@type":"WebPage","reviewedBy":{"@type":"Person","name":"X"}'
        ),
    ),
    ("EEAT-004", _in_article('"dateModified":"2024-03-01"', '"dateModified":"2020-01-01"')),
    ("EEAT-001", _in_article('href="/about/" rel="author"', 'href="/team/" rel="author"')),
]


@pytest.mark.parametrize(("rule", "edit"), GRAPH_CASES, ids=[case[0] for case in GRAPH_CASES])
def test_page_rules(
    content_root: Path, rule: str, edit: Callable[[dict[str, bytes]], None]
) -> None:
    assert fired(check(content_root), rule) == [], f"{rule} must not fire on a clean build"
    assert fired(check(content_root, edit=edit), rule), f"{rule} should fire after the edit"


def test_sd003_local_business_without_street(content_root: Path) -> None:
    assert fired(check(content_root), "SD-003") == []
    edit_practice(content_root, "      street: 1 Main St\n", "")
    hits = findings(check(content_root), "SD-003")
    assert [(f.path, f.line) for f in hits] == [
        ("practice.yaml", line_of(content_root / "practice.yaml", "- id: main"))
    ]
    assert "streetAddress" in hits[0].message
    assert "no local business rich result" in hits[0].message


def test_sd004_rich_result_honesty(content_root: Path) -> None:
    assert fired(check(content_root), "SD-004") == []
    with_body(content_root, PROSE, "\nabout: [{name: Back pain}]")
    hits = findings(check(content_root), "SD-004")
    assert [(f.severity, f.path) for f in hits] == [("info", ARTICLE)]
    assert "MedicalWebPage" in hits[0].message


# -- local -----------------------------------------------------------------------------------


def test_local001_nap_differs_between_pages(content_root: Path) -> None:
    assert fired(check(content_root), "LOCAL-001") == []

    def change(files: dict[str, bytes]) -> None:
        replace_in(files, "about/index.html", "+1-530-555-0100</a>", "+1-530-555-0199</a>")

    assert "/about/" in {f.path for f in findings(check(content_root, edit=change), "LOCAL-001")}


def test_local001_nap_differs_from_jsonld(content_root: Path) -> None:
    def change(files: dict[str, bytes]) -> None:
        for path in files:
            if path.endswith(".html"):
                files[path] = files[path].replace(b"<br>1 Main St", b"<br>10 Main St")

    messages = fired(check(content_root, edit=change), "LOCAL-001")
    assert any("1 Main St" in message for message in messages)


def test_local003_incomplete_office(content_root: Path) -> None:
    hits = findings(check(content_root), "LOCAL-003")
    assert [(f.path, f.line) for f in hits] == [
        ("practice.yaml", line_of(content_root / "practice.yaml", "- id: main"))
    ]
    assert "opening_hours, geo" in hits[0].message
    edit_practice(
        content_root,
        '    telephone: "+1-530-555-0100"\n',
        '    telephone: "+1-530-555-0100"\n    geo: {latitude: 40.58654, longitude: -122.39168}\n'
        "    opening_hours: [{days: [Monday], opens: '09:00', closes: '17:00'}]\n",
    )
    assert fired(check(content_root), "LOCAL-003") == []


def test_local004_placeholder_base_url(content_root: Path) -> None:
    hits = findings(check(content_root), "LOCAL-004")
    assert [(f.path, f.line) for f in hits] == [("practice.yaml", 3)]
    edit_practice(content_root, "https://practice.example/", "https://redding-massage.com/")
    assert fired(check(content_root), "LOCAL-004") == []


@pytest.mark.parametrize(
    ("host", "placeholder"),
    [
        ("practice.example", True),
        ("example.com", True),
        ("www.example.org", True),
        ("site.test", True),
        ("x.invalid", True),
        ("localhost", True),
        ("dev.localhost", True),
        ("redding-massage.com", False),
        ("notexample.com", False),
    ],
)
def test_placeholder_hosts(host: str, placeholder: bool) -> None:
    assert is_placeholder_host(host) is placeholder


# -- E-E-A-T ---------------------------------------------------------------------------------


def test_eeat003_review_age(content_root: Path) -> None:
    front = "\nreviewed_by: alex\nlast_reviewed: 2025-01-10"
    with_body(content_root, PROSE, front)
    assert fired(check(content_root, today=date(2025, 6, 1)), "EEAT-003") == []
    hits = findings(check(content_root, today=date(2026, 11, 24)), "EEAT-003")
    assert [(f.path, f.line) for f in hits] == [
        (ARTICLE, line_of(content_root / ARTICLE, "last_reviewed"))
    ]


# -- severities, suppressions, exit codes ----------------------------------------------------


def test_severity_override_and_off(content_root: Path) -> None:
    with_body(content_root, "Some call it 'good pain'.")
    edit_practice(
        content_root,
        "  description: Massage in a test town.",
        "  description: Massage in a test town.\n  lint:\n"
        "    severity: {HC-009: error, SEO-004: 'off'}",
    )
    result = check(content_root)
    assert {f.severity for f in findings(result, "HC-009")} == {"error"}
    assert fired(result, "SEO-004") == []


def test_suppression_is_reported_as_info_with_its_reason(
    content_root: Path, write_article: WriteArticle
) -> None:
    with_body(
        content_root,
        "Some call it 'good pain'.",
        "\nlint: {ignore: [HC-009], reason: Quoting a client}",
    )
    write_article(
        "other.md",
        MINIMAL_ARTICLE.replace("services: [massage]", "slug: other").replace(
            "More text.", "It is 'good pain'."
        ),
    )
    result = check(content_root)
    by_path = {f.path: f for f in findings(result, "HC-009")}
    assert (by_path[ARTICLE].severity, by_path[ARTICLE].suppressed_by) == (
        "info",
        "Quoting a client",
    )
    assert by_path[ARTICLE].message.startswith("suppressed (Quoting a client): ")
    assert (by_path["articles/other.md"].severity, by_path["articles/other.md"].suppressed_by) == (
        "warning",
        None,
    )
    assert result.summary()["suppressed"] == 1


def test_exit_codes(content_root: Path) -> None:
    result = check(content_root)
    assert result.count("error") >= 1, "LOCAL-004: the fixture's base URL is a placeholder"
    assert result.exit_code(strict=False) == 1
    edit_practice(content_root, "https://practice.example/", "https://redding-massage.com/")
    edit_practice(
        content_root,
        "  description: Massage in a test town.",
        "  description: Massage in a test town.\n  lint:\n    severity: {LOCAL-003: info, SEO-004: info}",
    )
    clean = check(content_root)
    assert clean.count("error") == 0
    assert clean.exit_code(strict=False) == 0
    assert clean.exit_code(strict=True) == (1 if clean.count("warning") else 0)


def test_findings_are_sorted_and_every_rule_is_registered(content_root: Path) -> None:
    result = check(with_body(content_root, "Some call it 'good pain'. It cures sciatica."))
    keys = [finding.sort_key for finding in result.findings]
    assert keys == sorted(keys)
    assert {finding.rule for finding in result.findings} <= set(RULES)
    assert {rule.id for rule in result.rules} == set(RULES)


def test_workers_give_the_same_result(
    content_root: Path, write_article: WriteArticle, monkeypatch: pytest.MonkeyPatch
) -> None:
    for number in range(4):
        body = MINIMAL_ARTICLE.replace("services: [massage]", f"slug: article-{number}")
        write_article(
            f"a{number}.md", body.replace("More text.", "It cures sciatica, 'good pain'.")
        )
    site = load_site(content_root)
    sources = read_sources(content_root)
    monkeypatch.setattr(parallel_module, "MIN_PAGES_TO_RENDER", 1)
    here: list[int] = []
    content = engine.CheckRun.content

    def counted(self: engine.CheckRun, article: Article) -> list[RawFinding]:
        here.append(os.getpid())  # a forked worker appends to its own copy
        return content(self, article)

    monkeypatch.setattr(engine.CheckRun, "content", counted)
    serial, report = check_site(site, today=TODAY, sources=sources)
    articles = sum(1 for page in report.pages if page.article is not None)
    assert articles >= 4
    assert here == [os.getpid()] * articles
    parallel, _report = check_site(site, today=TODAY, sources=sources, jobs=2)
    assert len(here) == articles, "the articles were read in worker processes"
    assert parallel == serial
    assert len(fired(parallel, "HC-002")) == 4


@pytest.mark.parametrize("jobs", [1, 2])
def test_checking_while_building_equals_checking_the_built_site(
    content_root: Path,
    write_article: WriteArticle,
    monkeypatch: pytest.MonkeyPatch,
    jobs: int,
) -> None:
    """`check` checks each page as it renders; that must find what checking afterwards finds,
    links to pages not rendered yet and to files the build makes last included."""
    for number in range(6):
        body = MINIMAL_ARTICLE.replace("services: [massage]", f"slug: article-{number}")
        links = (
            f"See [the next one](/articles/article-{number + 1}/), [the feed](/feed.xml), "
            f"[the sitemap](/sitemap.xml) and [nothing](/articles/missing-{number}/)."
        )
        write_article(f"a{number}.md", body.replace("More text.", f"It cures sciatica. {links}"))
    monkeypatch.setattr(parallel_module, "MIN_PAGES_TO_RENDER", 1)
    site = load_site(content_root)
    sources = read_sources(content_root)
    files, report = build_site(site)
    whole = run_checks(site, files, report, today=TODAY, sources=sources)
    streamed, streamed_report = check_site(site, today=TODAY, sources=sources, jobs=jobs)
    assert streamed == whole
    # Every built-in family checks pages where they render: no page's HTML travels back.
    assert not engine.CheckRun(
        site, report.pages, files.keys(), today=TODAY, urls=Urls.for_base(site.practice.url)
    ).page_needs_html
    assert streamed_report.pages == report.pages
    broken = fired(streamed, "SEO-009")
    assert len(broken) == 7  # /missing-0/ to /missing-5/, and /article-6/, which does not exist
    assert not any("feed.xml" in line or "sitemap.xml" in line for line in broken)
    assert len(fired(streamed, "HC-002")) == 6


def test_a_once_finding_is_named_by_the_first_page_that_raises_it(content_root: Path) -> None:
    site = load_site(content_root)
    files, report = build_site(site)
    first, second = report.pages[:2]
    run = engine.CheckRun(
        site, report.pages, files.keys(), today=TODAY, urls=Urls.for_base(site.practice.url)
    )
    family = next(i for i, f in enumerate(run._checks) if f.page_anywhere)
    message = "the same problem on every page"

    def once(page: PagePlan) -> list[tuple[int, object]]:
        return [(family, Once(("SD-001", "x"), RawFinding("SD-001", page.path, None, message)))]

    run.page(first, None, once(first))
    run.page(second, None, once(second))
    with pytest.raises(TypeError, match="takes no fact like"):
        run.page(second, None, [(0, "not a fact")])
    hits = [f for f in run.finish().findings if f.message == message]
    assert [f.path for f in hits] == [first.path]


def test_every_registered_rule_is_exercised() -> None:
    source = "".join(
        path.read_text(encoding="utf-8") for path in sorted(Path(__file__).parent.glob("test_*.py"))
    )
    assert [rule for rule in RULES if f'"{rule}"' not in source] == []


# -- helpers ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "word", "negated"),
    [
        ("It’s not a panacea, but it helps.", "panacea", True),
        ("It's not a panacea.", "panacea", True),
        ("Massage isn't a cure.", "cure", True),
        ("Massage aren't cures.", "cures", True),
        ("We never guarantee results.", "guarantee", True),
        ("There is no guaranteed outcome.", "guaranteed", True),
        ("Relief without a miracle cure.", "miracle", True),
        ("It is not slow; it is a miracle.", "miracle", False),
        ("It's not expensive, but it is a panacea.", "panacea", False),
        ("It is not only relaxing, it is a cure.", "cure", False),
        ("Not once in all these many long years has it been a cure.", "cure", False),
        ("It is a cure.", "cure", False),
    ],
)
def test_negation_scope(text: str, word: str, negated: bool) -> None:
    assert is_negated(text, text.index(word)) is negated


def test_sentences_and_abbreviations() -> None:
    assert sentences("I saw Dr. Smith at Mt. Shasta. He was fine! Was he? e.g. this. Done") == [
        "I saw Dr. Smith at Mt. Shasta.",
        "He was fine!",
        "Was he? e.g. this.",
        "Done",
    ]


@pytest.mark.parametrize(
    ("paragraph", "expected"),
    [
        ('He said "go." Then left', ['He said "go."', "Then left"]),
        ("It works (mostly.) Then not", ["It works (mostly.)", "Then not"]),
        ("She said ‘stop.’ He did. ", ["She said ‘stop.’", "He did."]),
        ("Wait! Really? Yes", ["Wait!", "Really?", "Yes"]),
        ("Wait!Really?Yes! no", ["Wait!Really?Yes! no"]),
        ("A (b) c. d? e! f", ["A (b) c. d? e! f"]),
        ("No marks at all", ["No marks at all"]),
    ],
)
def test_sentence_ends_after_quotes_brackets_and_marks(paragraph: str, expected: list[str]) -> None:
    assert sentences(paragraph) == expected


@pytest.mark.parametrize(
    ("word", "expected"),
    [("the", 1), ("make", 1), ("table", 2), ("massage", 2), ("therapy", 3), ("be", 1), ("NMT", 0)],
)
def test_syllables(word: str, expected: int) -> None:
    assert syllable_count(word) == expected
    assert word_syllables(word) == max(1, expected)


def test_text_stats_and_prose_blocks() -> None:
    markdown = (
        "# Heading\n\nThe muscle is relaxed by the therapist. Pressure was applied.\n\n"
        "- a list item\n\n```\ncode. Not prose.\n\nStill code.\n```\n\nSee [a link](/x/) now."
    )
    blocks = prose_blocks(markdown)
    assert [(block.line, block.text) for block in blocks] == [
        (2, "The muscle is relaxed by the therapist. Pressure was applied."),
        (12, "See a link now."),
    ]
    stats = text_stats([block.markdown for block in blocks])
    assert (stats.words, stats.sentences, stats.passive_sentences) == (14, 3, 2)
    assert stats.syllables == syllable_count(" ".join(block.text for block in blocks))


def test_unseen_nodes_gives_shared_nodes_once() -> None:
    reader = JsonLdReader()
    seen: dict[int, list[dict[str, object]]] = {}
    head = '<html><head><script type="application/ld+json">'
    graph = '{{"@context":"https://schema.org","@graph":[{{"@id":"https://s/#o","@type":"Organization"}},{{"@id":"https://s/{0}/#webpage","@type":"WebPage"}}]}}'
    fresh = []
    for name in ("a", "b", "c"):
        markup = f"{head}{graph.format(name)}</script></head><body></body></html>"
        page = ScannedPage(markup, url=f"https://s/{name}/", reader=reader)
        assert [node["@id"] for node in page.nodes][-1] == f"https://s/{name}/#webpage"
        fresh.append([node["@id"] for node in page.unseen_nodes(seen)])
    assert fresh == [
        ["https://s/#o", "https://s/a/#webpage"],
        ["https://s/#o", "https://s/b/#webpage"],
        ["https://s/c/#webpage"],
    ]


# What a byline link is, as a parser reads it (the first of a repeated attribute counts, as in a
# browser): the reference for ScannedPage.author_hrefs.


@pytest.mark.parametrize(
    "body",
    [
        '<a rel="author" href="/about/">me</a>',
        '<a href="/about/" rel="author">me</a><a href="/x/" rel="nofollow">x</a>',
        '<a class="c" rel="noopener author" href="/a/">a</a><a rel="authors" href="/b/">b</a>',
        '<a rel="author"\thref="/a/">a</a><a\nrel="x author\ty" href="/b/">b</a>',
        '<link rel="author" href="/no/"><abbr rel="author" href="/no/">x</abbr>',
        '<a xrel="author" href="/no/">x</a><a data-rel="author" href="/yes/">y</a>',
        '<a rel="nofollow" rel="author" href="/two/">x</a><a rel="author">no href</a>',
        '<p>rel="author" in text</p><a rel="author" href="/a/?x=1&amp;y=2">a</a>',
        '<a rel="author" href="/a/"><a rel="author" href="/b/"',
        '<a rel="author',
    ],
)
def test_author_links_are_those_a_parser_finds(body: str) -> None:
    html = f"<html><head></head><body>{body}</body></html>"
    soup = BeautifulSoup(html, "html.parser", on_duplicate_attribute="ignore")
    expected = [
        str(a["href"]) for a in soup.find_all("a", href=True) if "author" in a.get("rel", [])
    ]
    assert ScannedPage(html).author_hrefs == expected


def test_scanned_page_reads_visible_text_and_links() -> None:
    page = ScannedPage(
        "<html><head><title>Dustin</title></head><body><h1>A</h1><h3>B</h3>"
        '<p data-x="93004">O&#39;Brien &amp; Co</p><script>var n = "93004";</script>'
        '<img src="/a.jpg" alt=""><img src="/b.jpg"><a href="/x/?a=1&amp;b=2">x</a>'
        '<a rel="author" href="/about/">me</a><p hidden>hidden 555</p></body></html>'
    )
    assert page.heading_levels == [1, 3]
    assert page.images == [("/a.jpg", True), ("/b.jpg", False)]
    assert page.hrefs == ["/x/?a=1&b=2", "/about/"]
    assert page.author_hrefs == ["/about/"]
    assert page.shows("O'Brien & Co")
    assert not page.shows("93004"), "only in an attribute and a script"
    assert not page.shows("Dustin"), "only in the head"
    assert not page.shows("555"), "only in a hidden element"


def test_jsonld_reader_reuses_the_shared_nodes() -> None:
    site = '{"@id":"https://s/#website","@type":"WebSite"}'
    reader = JsonLdReader()

    def document(page: str) -> str:
        return (
            '{"@context":"https://schema.org","@graph":['
            f'{site},{{"@id":"https://s/{page}/#webpage","@type":"WebPage"}}]}}'
        )

    shared_a, own_a = reader.read(document("a"), "https://s/a/")
    shared_b, own_b = reader.read(document("b"), "https://s/b/")
    shared_c, own_c = reader.read(document("c"), "https://s/c/")
    assert (shared_a, [node["@id"] for node in own_a]) == (
        [],
        ["https://s/#website", "https://s/a/#webpage"],
    )
    assert [node["@id"] for node in shared_b + own_b] == [
        "https://s/#website",
        "https://s/b/#webpage",
    ]
    assert own_c == [{"@id": "https://s/c/#webpage", "@type": "WebPage"}]
    assert shared_b is shared_c, "the site-wide nodes are parsed once, then shared"
    assert reader.read('{"@type":"Thing"}', None) == ([], [{"@type": "Thing"}])
    with pytest.raises(ValueError, match="Expecting"):
        reader.read("{", None)


def _count_markdown_parses(monkeypatch: pytest.MonkeyPatch) -> dict[str, list[str]]:
    """The texts the link reader parses, by kind of parse (with byte ranges, or without)."""
    from nmt_content.render import markdown_links

    parsed: dict[str, list[str]] = {"ranged": [], "plain": []}
    real = markdown_links.PARSER

    class Counting:
        def events_with_range(self, text: str) -> object:
            parsed["ranged"].append(text)
            return real.events_with_range(text)

        def events(self, text: str) -> object:
            parsed["plain"].append(text)
            return real.events(text)

    monkeypatch.setattr(markdown_links, "PARSER", Counting())
    return parsed


def test_markdown_targets_read_once_for_the_image_and_the_link_rules(
    content_root: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A missing image (SEO-020) and a broken link (SEO-009) in one article: both rules place
    their findings from the same single parse of the article's Markdown with lines."""
    parsed = _count_markdown_parses(monkeypatch)
    body = f"{PROSE}\n\n![A room](/images/not-there-{id(parsed)}.png)\n\n[gone](/articles/gone/)."
    result = check(with_body(content_root, body))
    image_line = line_of(content_root / ARTICLE, "![A room]")
    link_line = line_of(content_root / ARTICLE, "[gone]")
    assert (ARTICLE, image_line) in {(f.path, f.line) for f in findings(result, "SEO-020")}
    assert (ARTICLE, link_line) in {(f.path, f.line) for f in findings(result, "SEO-009")}
    assert len([text for text in parsed["ranged"] if "![A room]" in text]) == 1


def test_markdown_lines_are_not_read_without_a_finding(
    content_root: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Targets that are all fine are decided on the parser's events alone: no line is read."""
    parsed = _count_markdown_parses(monkeypatch)
    body = f"{PROSE}\n\n[home](/) and [services](/services/) and [out](https://example.org/x)."
    result = check(with_body(content_root, body))
    assert fired(result, "SEO-020") == []
    assert fired(result, "SEO-009") == []
    assert len([text for text in parsed["plain"] if "[services]" in text]) == 1
    assert not [text for text in parsed["ranged"] if "[services]" in text]
