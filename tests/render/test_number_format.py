"""Numbers in the page's language, written by Babel (CLDR): prices and hours of training."""

from __future__ import annotations

from decimal import Decimal

import pytest

from nmt_content.models import Credential
from nmt_content.render.formatting import (
    credential_lines,
    format_count,
    format_price,
    number_locale,
)
from nmt_content.render.i18n import translations


@pytest.mark.parametrize(
    ("language", "practice", "expected"),
    [
        ("en", "en-US", "en_US"),
        ("es", "en-US", "es_US"),
        ("es", "es-MX", "es_MX"),
        ("es", "es", "es"),
        ("en", "en-Latn-US", "en_US"),
        ("es", "es-419", "es"),  # a numeric region: the language alone
        ("es", "es-JP", "es"),  # a region CLDR has no such locale for
    ],
)
def test_the_page_language_with_the_practice_region(
    language: str, practice: str, expected: str
) -> None:
    assert number_locale(language, practice) == expected


@pytest.mark.parametrize(
    ("amount", "locale", "expected"),
    [
        ("95", "en_US", "$95"),
        ("95.50", "en_US", "$95.50"),
        ("1200", "en_US", "$1,200"),
        ("95", "es_US", "$95"),
        ("1200", "es", "1.200\xa0US$"),
        ("12000.5", "es", "12.000,50\xa0US$"),
    ],
)
def test_prices_follow_the_locale_and_drop_whole_cents(
    amount: str, locale: str, expected: str
) -> None:
    assert format_price(Decimal(amount), "USD", locale) == expected


def test_counts_are_grouped_as_the_locale_groups_them() -> None:
    assert format_count(1000, "en_US") == "1,000"
    assert format_count(600, "es_US") == "600"
    assert format_count(12000, "es") == "12.000"


def test_hours_of_training_in_spanish_use_the_number_locale() -> None:
    credential = Credential(name="Certified Massage Therapist", category="certificate", hours=1000)
    (english,) = credential_lines((credential,), translations("en"), "en_US")
    (spanish,) = credential_lines((credential,), translations("es"), "es")
    assert "1,000 hours of training" in english.facts
    assert "1.000 horas de formación" in spanish.facts
