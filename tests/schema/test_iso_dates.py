"""Dates in structured data and head tags: ISO 8601, the same text however often asked."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest

from nmt_content.schema.pieces import values
from nmt_content.schema.pieces.values import iso, iso_date


@pytest.mark.parametrize(
    "value", [date(2019, 12, 22), date(1, 1, 1), date(9999, 12, 31), date(2024, 2, 29)]
)
def test_a_date_is_written_as_isoformat_writes_it_every_time(value: date) -> None:
    assert iso_date(value) == value.isoformat()
    assert iso_date(date(value.year, value.month, value.day)) == value.isoformat()  # kept
    assert iso(value) == value.isoformat()


def test_a_datetime_keeps_its_time_even_after_its_date_was_written() -> None:
    moment = datetime(2019, 12, 22, 8, 30)
    assert iso_date(date(2019, 12, 22)) == "2019-12-22"
    assert iso_date(moment) == "2019-12-22T08:30:00"


def test_no_date_is_none() -> None:
    assert iso(None) is None


def test_the_dates_kept_are_bounded(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(values, "_ISO_DATES", {})
    monkeypatch.setattr(values, "_ISO_DATES_MAX", 3)
    start = date(2000, 1, 1)
    days = [start + timedelta(days=n) for n in range(10)]
    assert [iso_date(day) for day in days] == [day.isoformat() for day in days]
    assert len(values._ISO_DATES) == 3
