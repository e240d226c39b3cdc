"""The checks read an article in its language: Spanish readability and claims, other languages
left alone."""

from __future__ import annotations

from pathlib import Path

import pytest

from nmt_content.checks.text_es import fernandez_huerta, is_negated_es, spanish_syllable_count

from ..check_helpers import check, fired
from ..conftest import MINIMAL_ARTICLE

ARTICLE = "articles/test-article.md"
EASY_ES = (
    "El masaje suelta los músculos. La sesión dura una hora. Usted me dice si algo molesta. "
    "Yo uso una presión firme y lenta. Después puede tomar agua y descansar. "
)
HARD_ES = (
    "Las intervenciones terapéuticas neuromusculares caracterizan sistemáticamente "
    "disfunciones fisiológicas multidimensionales, abordando exhaustivamente consideraciones "
    "musculoesqueléticas interconectadas que fueron documentadas y analizadas minuciosamente "
    "por profesionales especializados. "
)


def _article(root: Path, body: str, language: str) -> Path:
    text = MINIMAL_ARTICLE.replace(
        "services: [massage]", f"services: [massage]\nlanguage: {language}"
    )
    text = text.split("---\n\n", 1)[0] + "---\n\n" + body + "\n"
    (root / ARTICLE).write_text(text, encoding="utf-8")
    return root


def test_spanish_syllables_and_formula() -> None:
    assert [spanish_syllable_count(w) for w in ("masaje", "día", "cuerpo", "aéreo", "hoy")] == [
        3,
        2,
        2,
        4,
        1,
    ]
    assert fernandez_huerta(100, 10, 200) == pytest.approx(206.84 - 120 - 10.2)


def test_spanish_negation() -> None:
    text = "No es una panacea"
    assert is_negated_es(text, text.index("panacea"))
    text = "No solo es una panacea"
    assert not is_negated_es(text, text.index("panacea"))
    text = "No duele, pero es una panacea"
    assert not is_negated_es(text, text.index("panacea"))


def test_spanish_readability_uses_fernandez_huerta(content_root: Path) -> None:
    easy = check(_article(content_root, EASY_ES * 8, "es-US"))
    assert fired(easy, "SEO-013") == []
    hard = check(_article(content_root, HARD_ES * 8, "es-US"))
    [finding] = fired(hard, "SEO-013")
    assert "Fernández Huerta" in finding
    assert fired(hard, "SEO-016") == [], "passive voice is measured in English only"


def test_a_language_without_a_formula_gets_no_reading_ease(content_root: Path) -> None:
    result = check(_article(content_root, HARD_ES * 8, "fr"))
    assert fired(result, "SEO-013") == []
    assert fired(result, "SEO-016") == []


def test_spanish_claims_are_reported_with_their_lines(content_root: Path) -> None:
    body = (
        "Nuestro masaje no es una panacea.\n\n"
        "Pero le garantizamos resultados y curamos la ciática.\n\n"
        "Dustin es masajista licenciado."
    )
    result = check(_article(content_root, body, "es-US"))
    assert [f.split(": ")[0] for f in fired(result, "HC-001")] == [f"{ARTICLE}:12"] * 2
    assert [f.split(": ")[0] for f in fired(result, "HC-002")] == [f"{ARTICLE}:12"]
    assert [f.split(": ")[0] for f in fired(result, "CAMTC-003")] == [f"{ARTICLE}:14"]


def test_english_wording_is_not_read_in_a_french_article(content_root: Path) -> None:
    result = check(_article(content_root, "Guaranteed results: we cure sciatica.", "fr"))
    assert fired(result, "HC-001") == []
    assert fired(result, "HC-002") == []
