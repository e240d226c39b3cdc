"""Rules stated once and obeyed everywhere: CAMTC detection and the certified line, the
default slug, and the URL schemes that are never published."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from pydantic import BaseModel, ValidationError

from nmt_content.cli.scaffold import new_article
from nmt_content.models import Credential, Therapist
from nmt_content.models.types import UNSAFE_URL_SCHEMES, WebUrl, default_slug
from nmt_content.pipeline.build import build_site
from nmt_content.pipeline.loading import load_site
from nmt_content.render.markdown import render_markdown, render_markdown_report

from ..check_helpers import check, fired
from ..conftest import MINIMAL_PRACTICE

# -- CAMTC ----------------------------------------------------------------------------------------


def _credential(name: str, short_name: str | None) -> Credential:
    issuer = {"name": name, **({"short_name": short_name} if short_name else {})}
    return Credential.model_validate(
        {"name": "Certified Massage Therapist", "category": "certificate", "issuer": issuer}
    )


@pytest.mark.parametrize(
    ("name", "short_name", "expected"),
    [
        ("California Massage Therapy Council", "CAMTC", True),
        ("California Massage Therapy Council", None, True),
        ("CALIFORNIA MASSAGE THERAPY COUNCIL", None, True),
        ("The Council", "camtc", True),
        ("Shasta School of Massage", "SSM", False),
        ("Shasta School of Massage", None, False),
    ],
)
def test_camtc_is_recognised_in_any_case(name: str, short_name: str | None, expected: bool) -> None:
    assert _credential(name, short_name).is_camtc is expected


def test_the_certified_line_names_the_first_camtc_credential() -> None:
    school = _credential("Shasta School of Massage", None)
    therapist = Therapist.model_validate(
        {
            "id": "alex",
            "name": "Alex Example",
            "job_title": "Massage Therapist",
            "credentials": [
                school.model_dump(),
                {**_credential("The Council", "camtc").model_dump(), "identifier": "777"},
            ],
        }
    )
    assert therapist.camtc_credential is therapist.credentials[1]
    assert therapist.camtc_title == "CAMTC Certified Massage Therapist #777"
    assert therapist.certified_line == "Alex Example, CAMTC Certified Massage Therapist #777"
    plain = therapist.model_copy(update={"credentials": (school,)})
    assert plain.camtc_title is None
    assert plain.certified_line == "Alex Example, Massage Therapist"


@pytest.fixture
def lower_case_camtc(content_root: Path) -> Path:
    """The minimal practice, its CAMTC issuer spelled in lower case with another name."""
    practice = MINIMAL_PRACTICE.replace(
        "name: California Massage Therapy Council\n          short_name: CAMTC",
        "name: The Council\n          short_name: camtc",
    )
    assert practice != MINIMAL_PRACTICE
    (content_root / "practice.yaml").write_text(practice, encoding="utf-8")
    return content_root


def test_pages_planner_and_checks_agree_on_a_lower_case_camtc(lower_case_camtc: Path) -> None:
    files, _ = build_site(load_site(lower_case_camtc))
    about = BeautifulSoup(files["about/index.html"].decode(), "html.parser")
    title = "CAMTC Certified Massage Therapist #12345"
    lead = about.find("p", class_="lead")
    assert lead is not None
    assert lead.get_text() == f"Alex Example, {title}"
    description = about.find("meta", attrs={"name": "description"})
    assert description is not None
    assert title in str(description["content"])
    result = check(lower_case_camtc, today=date(2026, 1, 1))
    assert any("has no `expires` date" in message for message in fired(result, "CAMTC-005"))
    assert not fired(result, "CAMTC-001")


# -- the default slug -----------------------------------------------------------------------------


def test_one_default_slug_for_models_and_new_articles(content_root: Path) -> None:
    title = "Ça va? Neck & shoulder pain " + "after long drives " * 8
    slug = default_slug(title)
    assert slug.startswith("ca-va-neck-shoulder-pain-after")
    assert len(slug) <= 80
    assert not slug.endswith("-")
    path = new_article(content_root, title, published=date(2024, 5, 1))
    assert path.name == f"{slug}.md"
    site = load_site(content_root)
    assert slug in {article.meta.slug for article in site.articles}


def test_default_slug_fallbacks(content_root: Path) -> None:
    practice = MINIMAL_PRACTICE.replace("name: Massage therapy\n", "name: '***'\n")
    (content_root / "practice.yaml").write_text(practice, encoding="utf-8")
    assert default_slug("***") == ""
    assert load_site(content_root).services[0].slug == "service"


# -- unsafe URL schemes ---------------------------------------------------------------------------


class _Link(BaseModel):
    url: WebUrl


@pytest.mark.parametrize("scheme", sorted(UNSAFE_URL_SCHEMES))
def test_every_unsafe_scheme_is_refused_neutralised_and_flagged(scheme: str) -> None:
    with pytest.raises(ValidationError, match=f"`{scheme}:` URLs are not allowed"):
        _Link(url=f"{scheme}:x")
    markdown = f"A [link]({scheme.upper()}:x) here."
    html = BeautifulSoup(render_markdown(markdown), "html.parser")
    assert html.find("a") is None
    assert "link" in html.get_text()
    (item,) = render_markdown_report(markdown).neutralised  # what `check` reports as SEO-017
    assert (item.kind, item.line) == ("unsafe-link", 1)
