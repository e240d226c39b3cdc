"""Display formatting for the default templates: addresses, phone links, dates, credentials and
opening hours. Pure functions of model values, so each rule is tested once here rather than
in every template that shows it."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from typing import TYPE_CHECKING

from markupsafe import Markup

from ..models import Address, Credential, OpeningHours, SpecialHours

if TYPE_CHECKING:
    from .views import OfficeView

__all__ = [
    "CredentialLine",
    "HoursRow",
    "address_lines",
    "credential_lines",
    "hours_rows",
    "human_date",
    "special_rows",
    "tel_href",
    "time_tag",
]

_MONTHS = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip
_DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_NUMBER_LABEL = {"certificate": "Certificate", "license": "License", "degree": "Degree"}


def human_date(value: date) -> str:
    """``November 24, 2026``, the same whatever the machine's locale."""
    return f"{_MONTHS[value.month - 1]} {value.day}, {value.year}"


def address_lines(address: OfficeView | Address) -> tuple[str, ...]:
    """The known lines of an address: ``("1 Main St", "Redding, CA 96001")``. A missing street or
    postal code is left out, never replaced by a placeholder."""
    return _address_lines(address.street, address.locality, address.region, address.postal_code)


@lru_cache(maxsize=1024)
def _address_lines(
    street: str | None, locality: str, region: str, postal_code: str | None
) -> tuple[str, ...]:
    town = f"{locality}, {region}"
    if postal_code:
        town += f" {postal_code}"
    return (street, town) if street else (town,)


def tel_href(phone: str) -> str:
    """A `tel:` link target: the number's digits, with a leading ``+`` kept."""
    digits = "".join(c for c in phone if c.isdigit())
    return f"tel:+{digits}" if phone.lstrip().startswith("+") else f"tel:{digits}"


@lru_cache(maxsize=4096)  # a build shows the same few hundred dates thousands of times
def time_tag(value: date) -> Markup:
    """``<time datetime="2026-11-24">November 24, 2026</time>``, whatever the machine's locale."""
    return Markup('<time datetime="{}">{}</time>').format(value.isoformat(), human_date(value))


@dataclass(frozen=True, slots=True)
class CredentialLine:
    """One credential as shown: its name, then only the facts that are known."""

    name: str
    facts: tuple[str, ...]
    """E.g. ``("Issued by California Massage Therapy Council (CAMTC)", "Certificate #93004",
    "900 hours of training")``; a credential without an issuer says ``"Issuer not listed"``, so a
    school certificate is never read as a CAMTC or state credential."""


@dataclass(frozen=True, slots=True)
class HoursRow:
    """One row of an office's opening hours."""

    days: str
    """E.g. ``Monday–Friday`` or ``Tuesday, Thursday``."""
    time: str
    """E.g. ``9:00 AM – 5:30 PM``."""


def credential_lines(credentials: Sequence[Credential]) -> tuple[CredentialLine, ...]:
    """Display lines for credentials: name, issuer (or "Issuer not listed"), number, hours."""
    lines = []
    for credential in credentials:
        issuer = credential.issuer
        facts = []
        if issuer is None:
            facts.append("Issuer not listed")
        else:
            short = issuer.short_name
            named = f"{issuer.name} ({short})" if short and short != issuer.name else issuer.name
            facts.append(f"Issued by {named}")
        if credential.identifier:
            facts.append(f"{_NUMBER_LABEL[credential.category]} #{credential.identifier}")
        if credential.hours:
            facts.append(f"{credential.hours} hours of training")
        if credential.expires:
            facts.append(f"Valid through {human_date(credential.expires)}")
        name = credential.name
        if credential.out_of_state:  # an Oregon licence is no claim of a California one
            name = f"{name} ({credential.state})"
        lines.append(CredentialLine(name, tuple(facts)))
    return tuple(lines)


def hours_rows(rules: Sequence[OpeningHours]) -> tuple[HoursRow, ...]:
    """Opening-hours rules as rows, one per set of days with the same hours, in week order: days
    in week order (runs of three or more as a range), each span as 12-hour times (a split shift
    as "9:00 AM – noon, 2:00 PM – 6:00 PM"), and the days no rule opens as "Closed". Empty when
    no hours are published."""
    if not rules:
        return ()
    by_hours: dict[tuple[tuple[str, str], ...], list[str]] = {}
    for day in _DAYS:
        spans = sorted({(rule.opens, rule.closes) for rule in rules if day in rule.days})
        by_hours.setdefault(tuple(spans), []).append(day)
    return tuple(
        HoursRow(
            _day_ranges(days),
            ", ".join(f"{_clock(opens)} – {_clock(closes)}" for opens, closes in spans) or "Closed",
        )
        for spans, days in by_hours.items()
    )


def special_rows(rules: Sequence[SpecialHours]) -> tuple[HoursRow, ...]:
    """Dates with their own hours, in date order: ``December 24, 2026 (Christmas Eve)`` and
    ``Closed`` or the time span."""
    rows = []
    for rule in sorted(rules, key=lambda r: (r.date, r.last)):
        when = human_date(rule.date)
        if rule.last != rule.date:
            when += f" to {human_date(rule.last)}"
        if rule.name:
            when += f" ({rule.name})"
        time = (
            "Closed" if rule.closed else f"{_clock(rule.opens or '')} – {_clock(rule.closes or '')}"
        )
        rows.append(HoursRow(when, time))
    return tuple(rows)


def _day_ranges(days: Sequence[str]) -> str:
    indexes = sorted({_DAYS.index(day) for day in days})
    runs: list[list[int]] = []
    for index in indexes:
        if runs and index == runs[-1][-1] + 1:
            runs[-1].append(index)
        else:
            runs.append([index])
    parts = []
    for run in runs:
        if len(run) >= 3:
            parts.append(f"{_DAYS[run[0]]}–{_DAYS[run[-1]]}")
        else:
            parts.extend(_DAYS[i] for i in run)
    return ", ".join(parts)


def _clock(value: str) -> str:
    """``09:00`` → ``9:00 AM``; ``17:30`` → ``5:30 PM``; ``00:00`` and ``24:00`` → ``midnight``."""
    hour, minute = (int(part) for part in value.split(":"))
    if hour % 24 == 0 and minute == 0:
        return "midnight"
    if hour == 12 and minute == 0:
        return "noon"
    suffix = "AM" if hour % 24 < 12 else "PM"
    return f"{(hour % 12) or 12}:{minute:02d} {suffix}"
