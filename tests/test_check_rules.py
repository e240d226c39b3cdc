"""Every rule of `nmt-content check`: one example that fires and one that must not."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest

from nmt_content.checks import RULES

from .check_helpers import check, fired, replace_in
from .conftest import MINIMAL_ARTICLE

ARTICLE = "articles/test-article.md"
ARTICLE_HTML = "articles/a-test-article-about-massage/index.html"
PROSE = (
    "Massage can ease tension in your back. Clients often feel calmer after a session. "
    "We start slowly and check in with you often. "
)


def with_body(root: Path, body: str, front: str = "") -> Path:
    text = MINIMAL_ARTICLE.replace("services: [massage]", f"services: [massage]{front}")
    text = text.split("---\n\n", 1)[0] + "---\n\n" + body + "\n"
    (root / ARTICLE).write_text(text, encoding="utf-8")
    return root


TEXT_CASES: list[tuple[str, str, str]] = [
    (
        "CAMTC-003",
        "I am a licensed massage therapist in Redding.",
        "I am a CAMTC certified massage therapist.",
    ),
    ("CAMTC-003", "Book with an LMT today.", "Book with a certified massage therapist today."),
    (
        "CAMTC-006",
        "I am a Certified 900-Hour Massage Therapist.",
        "I have 900 hours of massage training.",
    ),
    ("HC-001", "Massage will cure your back pain.", "Massage is not a cure for back pain."),
    ("HC-001", "Guaranteed relief in one session!", "There is no guaranteed outcome."),
    ("HC-001", "This therapy is a panacea.", "It’s not a panacea, but it may help."),
    ("HC-002", "Massage treats sciatica.", "Massage may ease muscle tension."),
    ("HC-002", "I will diagnose your pain.", "A doctor can find the cause of your pain."),
    ("HC-003", "Dr. Smith sees clients here.", "Dustin sees clients here."),
    ("HC-004", "Massage releases lactic acid from the muscle.", "Massage may ease muscle tension."),
    ("HC-004", "A session will flush toxins from your body.", "A session may leave you relaxed."),
    ("HC-009", "Some discomfort is 'good pain'.", "Tell me if anything hurts."),
    (
        "LOCAL-002",
        "Visit us in Mount Shasta, Shasta County.",
        "Visit us in Mount Shasta, Siskiyou County.",
    ),
]


@pytest.mark.parametrize(("rule", "firing", "quiet"), TEXT_CASES)
def test_text_rules(content_root: Path, rule: str, firing: str, quiet: str) -> None:
    hits = fired(check(with_body(content_root, firing)), rule)
    assert hits, f"{rule} should fire on {firing!r}"
    line = (content_root / ARTICLE).read_text().splitlines().index(firing) + 1
    assert hits[0].startswith(f"{ARTICLE}:{line}:")
    assert fired(check(with_body(content_root, quiet)), rule) == []


def test_hc004_quiet_with_a_supporting_reference(content_root: Path) -> None:
    front = (
        "\nreferences:\n  - title: Lactate clearance after manual therapy\n"
        "    journal: Journal of Bodywork\n    year: 2020\n    url: https://journal.example/x"
    )
    body = "Massage releases lactic acid from the muscle."
    assert fired(check(with_body(content_root, body, front)), "HC-004") == []


def test_hc004_not_silenced_by_the_contradicting_study(content_root: Path) -> None:
    front = (
        "\nreferences:\n  - title: Massage impairs postexercise muscle blood flow and lactic acid removal\n"
        "    journal: Med Sci Sports Exerc\n    year: 2010\n    doi: 10.1249/MSS.0b013e3181c4f9b5"
    )
    body = "Massage releases lactic acid from the muscle."
    assert fired(check(with_body(content_root, body, front)), "HC-004")


def test_camtc_004_expired_certificate(content_root: Path) -> None:
    practice = content_root / "practice.yaml"
    practice.write_text(
        practice.read_text().replace(
            'identifier: "12345"', 'identifier: "12345"\n        expires: 2025-01-31'
        )
    )
    assert fired(check(content_root), "CAMTC-004")
    assert fired(check(content_root, today=date(2024, 12, 1)), "CAMTC-004") == []
    assert fired(check(content_root), "CAMTC-005") == []


def test_camtc_005_unknown_expiry(content_root: Path) -> None:
    assert fired(check(content_root), "CAMTC-005")


Edit = Callable[[dict[str, bytes]], None]


def _hide_camtc(files: dict[str, bytes]) -> None:
    for path in list(files):
        if path.endswith(".html"):
            files[path] = re.sub(rb"#12345", b"", files[path])


HTML_CASES: list[tuple[str, Edit]] = [
    ("CAMTC-001", _hide_camtc),
    (
        "HC-007",
        lambda f: replace_in(f, ARTICLE_HTML, "not a substitute for medical", "no substitute"),
    ),
    (
        "HC-003",
        lambda f: replace_in(f, ARTICLE_HTML, '"@type":"Organization"', '"@type":"MedicalClinic"'),
    ),
    ("SEO-006", lambda f: replace_in(f, ARTICLE_HTML, "<h2>A section</h2>", "<h1>A section</h1>")),
    ("SEO-007", lambda f: replace_in(f, ARTICLE_HTML, "<h2>A section</h2>", "<h4>A section</h4>")),
    (
        "SEO-008",
        lambda f: replace_in(f, ARTICLE_HTML, "<p>More text.</p>", '<p><img src="/x.jpg"></p>'),
    ),
    (
        "SEO-009",
        lambda f: replace_in(
            f, ARTICLE_HTML, "<p>More text.</p>", '<p><a href="/nowhere/">x</a></p>'
        ),
    ),
    ("SD-001", lambda f: replace_in(f, ARTICLE_HTML, '"headline":', '"headlin":')),
    (
        "SD-002",
        lambda f: replace_in(
            f,
            ARTICLE_HTML,
            '"author":{"@id":"https://practice.example/#/schema/person/alex"}',
            '"author":{"@id":"https://practice.example/#nobody"}',
        ),
    ),
    (
        "SD-005",
        lambda f: replace_in(
            f,
            ARTICLE_HTML,
            '"@type":"Organization"',
            '"aggregateRating":{"@type":"AggregateRating","ratingValue":5,"reviewCount":9},"@type":"Organization"',
        ),
    ),
    (
        "EEAT-001",
        lambda f: replace_in(
            f, ARTICLE_HTML, 'href="/about/" rel="author"', 'href="/team/" rel="author"'
        ),
    ),
    (
        "EEAT-002",
        lambda f: replace_in(
            f,
            ARTICLE_HTML,
            '"@type":"WebPage"',
            '"@type":"WebPage","reviewedBy":{"@type":"Person","name":"X"}',
        ),
    ),
    (
        "EEAT-004",
        lambda f: replace_in(
            f, ARTICLE_HTML, '"dateModified":"2024-03-01"', '"dateModified":"2020-01-01"'
        ),
    ),
    (
        "LOCAL-001",
        lambda f: replace_in(f, "about/index.html", "+1-530-555-0100</a>", "+1-530-555-0199</a>"),
    ),
]


@pytest.mark.parametrize(("rule", "edit"), HTML_CASES, ids=[case[0] for case in HTML_CASES])
def test_page_rules(content_root: Path, rule: str, edit: Edit) -> None:
    assert fired(check(content_root), rule) == [], f"{rule} must not fire on a clean build"
    assert fired(check(content_root, edit=edit), rule), f"{rule} should fire after the edit"


def test_seo_titles_and_descriptions(
    content_root: Path, write_article: Callable[[str, str], Path]
) -> None:
    assert fired(check(content_root), "SEO-002") == []
    long_title = (
        "A very long title about massage therapy that goes on and on past what Google shows"
    )
    write_article(
        "long.md",
        MINIMAL_ARTICLE.replace("A test article about massage", long_title).replace(
            "A short description", "A different short description"
        ),
    )
    result = check(content_root)
    assert any("long.md" in hit for hit in fired(result, "SEO-002"))
    assert any("test-article.md" in hit for hit in fired(result, "SEO-004")), (
        "the fixture's description is short"
    )
    assert fired(result, "SEO-003") == []


def test_seo_duplicates(content_root: Path, write_article: Callable[[str, str], Path]) -> None:
    write_article("copy.md", MINIMAL_ARTICLE.replace("services: [massage]", "slug: another-slug"))
    result = check(content_root)
    assert len(fired(result, "SEO-003")) == 2
    assert len(fired(result, "SEO-005")) == 2


def test_seo_short_title(content_root: Path, write_article: Callable[[str, str], Path]) -> None:
    assert fired(check(content_root), "SEO-001") == []
    write_article(
        "short.md",
        MINIMAL_ARTICLE.replace("title: A test article about massage", "title: Hi\nslug: hi"),
    )
    practice = content_root / "practice.yaml"
    practice.write_text(practice.read_text().replace("name: Test Practice", "name: TP"))
    assert fired(check(content_root), "SEO-001")


def test_orphan_page(content_root: Path) -> None:
    assert fired(check(content_root), "SEO-010") == []

    def unlink(files: dict[str, bytes]) -> None:
        for path in list(files):
            if path.endswith(".html"):
                files[path] = files[path].replace(b'href="/services/massage-therapy/"', b'href="/"')

    assert any(
        "/services/massage-therapy/" in hit
        for hit in fired(check(content_root, edit=unlink), "SEO-010")
    )


def test_slug_rules(content_root: Path, write_article: Callable[[str, str], Path]) -> None:
    assert fired(check(content_root), "SEO-011") == []
    write_article("stop.md", MINIMAL_ARTICLE.replace("services: [massage]", "slug: the-and-of-it"))
    assert fired(check(content_root), "SEO-011")


def test_focus_keyphrase(content_root: Path) -> None:
    body = "Deep tissue massage helps. " * 3
    assert (
        fired(check(with_body(content_root, body, "\nfocus_keyphrase: massage")), "SEO-012") == []
    )
    hits = fired(check(with_body(content_root, body, "\nfocus_keyphrase: craniosacral")), "SEO-012")
    assert len(hits) == 4


def test_readability(content_root: Path) -> None:
    assert [
        r
        for r in ("READ-001", "READ-002", "READ-003", "READ-004")
        if fired(check(with_body(content_root, "\n\n".join([PROSE * 3] * 4))), r)
    ] == []
    hard = (
        "Neuromuscular therapeutic interventions systematically characterise multidimensional "
        "physiological dysfunctions, comprehensively addressing interconnected musculoskeletal "
        "considerations that were documented and were analysed by practitioners. "
    ) * 12
    result = check(with_body(content_root, hard))
    for rule in ("READ-001", "READ-002", "READ-003", "READ-004"):
        assert fired(result, rule), rule


def test_structured_data_rules_on_clean_build(content_root: Path) -> None:
    result = check(content_root)
    assert fired(result, "SD-003"), "the fixture article has no image"
    assert fired(result, "SD-004") == [], "no MedicalWebPage without conditions"
    about = MINIMAL_ARTICLE.replace(
        "services: [massage]", "services: [massage]\nabout: [{name: Back pain}]"
    )
    (content_root / ARTICLE).write_text(about)
    assert fired(check(content_root), "SD-004")


def test_local_rules(content_root: Path) -> None:
    result = check(content_root)
    assert fired(result, "LOCAL-003"), "the fixture office has no hours or geo"
    assert fired(result, "LOCAL-004"), ".example is reserved (RFC 2606)"
    practice = content_root / "practice.yaml"
    practice.write_text(
        practice.read_text().replace("https://practice.example/", "https://redding-massage.com/")
    )
    assert fired(check(content_root), "LOCAL-004") == []


def test_eeat_review_age(content_root: Path) -> None:
    front = "\nreviewed_by: alex\nlast_reviewed: 2025-01-10"
    assert (
        fired(check(with_body(content_root, PROSE, front), today=date(2025, 6, 1)), "EEAT-003")
        == []
    )
    assert fired(check(with_body(content_root, PROSE, front)), "EEAT-003")


def test_neutralised_markdown_is_reported(content_root: Path) -> None:
    assert fired(check(with_body(content_root, PROSE)), "MD-001") == []
    hits = fired(check(with_body(content_root, "[x](javascript:alert(1))")), "MD-001")
    assert hits
    assert hits[0].startswith(f"{ARTICLE}:")


def test_severity_override_and_off(content_root: Path) -> None:
    practice = content_root / "practice.yaml"
    body = "Some call it 'good pain'."
    with_body(content_root, body)
    practice.write_text(
        practice.read_text().replace(
            "  description: Massage in a test town.",
            "  description: Massage in a test town.\n  lint:\n    severity: {HC-009: error, SEO-004: 'off'}",
        )
    )
    result = check(content_root)
    assert {f.severity for f in result.findings if f.rule == "HC-009"} == {"error"}
    assert fired(result, "SEO-004") == []


def test_suppression_needs_a_reason_and_is_reported(content_root: Path) -> None:
    with_body(
        content_root,
        "Some call it 'good pain'.",
        "\nlint: {ignore: [HC-009], reason: Quoting a client}",
    )
    findings = [f for f in check(content_root).findings if f.rule == "HC-009"]
    assert [(f.severity, f.suppressed_by) for f in findings] == [("info", "Quoting a client")]


def test_every_registered_rule_is_exercised() -> None:
    source = Path(__file__).read_text()
    untested = [rule for rule in RULES if rule not in source]
    assert untested == []
