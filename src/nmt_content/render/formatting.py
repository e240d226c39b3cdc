"""Display formatting for the default templates: addresses, phone links, dates, credentials and
opening hours. Pure functions of model values, so each rule is tested once here rather than
in every template that shows it."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from functools import lru_cache
from typing import TYPE_CHECKING

from babel import Locale, UnknownLocaleError
from babel.dates import DateTimePattern, get_date_format, get_day_names, parse_pattern
from babel.numbers import format_currency, format_decimal
from markupsafe import Markup

from ..models import Address, Credential, OpeningHours, SpecialHours
from .i18n import N_, Translations

if TYPE_CHECKING:
    from .views import OfficeView

__all__ = [
    "CredentialLine",
    "HoursRow",
    "address_lines",
    "credential_lines",
    "format_count",
    "format_price",
    "hours_rows",
    "human_date",
    "number_locale",
    "special_rows",
    "tel_href",
    "time_tag",
]

_DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_NUMBER_LABEL = {
    "certificate": N_("Certificate #%(number)s"),
    "license": N_("License #%(number)s"),
    "degree": N_("Degree #%(number)s"),
}


def number_locale(language: str, practice_language: str) -> str:
    """The Babel locale that writes the numbers of a page in ``language`` (``es``) for a practice
    whose language tag names its region (``en-US``): ``es_US``, so a price is ``$95`` on every
    page of a US practice. The language alone when CLDR has no such locale."""
    parts = practice_language.replace("_", "-").split("-")
    region = next((p.upper() for p in parts[1:] if len(p) == 2 and p.isalpha()), None)
    if region is not None:
        try:
            return str(Locale.parse(f"{language}_{region}"))
        except (UnknownLocaleError, ValueError):
            pass
    return language


@lru_cache(maxsize=256)
def format_count(value: int, locale: str) -> str:
    """A whole number with the locale's grouping: ``1,000`` in ``en_US``, ``1.000`` in ``es``."""
    return format_decimal(value, locale=locale)


def format_price(amount: Decimal, currency: str, locale: str) -> str:
    """A price as the locale writes it (CLDR's currency pattern): ``$95``, ``$95.50``,
    ``95 US$`` in ``es``; a whole amount without its cents, as price lists show it."""
    pattern = Locale.parse(locale).currency_formats["standard"].pattern.split(";")[0]
    if amount == amount.to_integral_value():
        pattern = re.sub(r"\.0+", "", pattern)
    return format_currency(amount, currency, format=pattern, locale=locale, currency_digits=False)


def human_date(value: date, locale: str = "en") -> str:
    """``November 24, 2026`` (``24 de noviembre de 2026`` in ``es``): CLDR's long date format of
    the catalog language, the same whatever the machine's locale."""
    parsed, pattern = _long_date_format(locale)
    return pattern.apply(value, parsed)


@lru_cache(maxsize=64)
def _long_date_format(locale: str) -> tuple[Locale, DateTimePattern]:
    """What Babel's ``format_date(value, format="long", locale=locale)`` looks up on every call
    (the locale, its long pattern parsed), looked up once per locale."""
    parsed = Locale.parse(locale)
    return parsed, parse_pattern(get_date_format("long", locale=parsed))


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
def time_tag(value: date, locale: str = "en") -> Markup:
    """``<time datetime="2026-11-24">November 24, 2026</time>``, whatever the machine's locale;
    the attribute stays ISO 8601 in every language."""
    return Markup('<time datetime="{}">{}</time>').format(
        value.isoformat(), human_date(value, locale)
    )


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


def credential_lines(
    credentials: Sequence[Credential], words: Translations, numbers: str = "en_US"
) -> tuple[CredentialLine, ...]:
    """Display lines for credentials: name, issuer (or "Issuer not listed"), number, hours
    (written as the Babel locale ``numbers`` writes them: :func:`number_locale`)."""
    _ = words.gettext
    lines = []
    for credential in credentials:
        issuer = credential.issuer
        facts = []
        if issuer is None:
            facts.append(_("Issuer not listed"))
        else:
            short = issuer.short_name
            named = f"{issuer.name} ({short})" if short and short != issuer.name else issuer.name
            facts.append(_("Issued by %(issuer)s") % {"issuer": named})
        if credential.identifier:
            label = _(_NUMBER_LABEL[credential.category])
            facts.append(label % {"number": credential.identifier})
        if credential.hours:
            hours = format_count(credential.hours, numbers)
            facts.append(_("%(hours)s hours of training") % {"hours": hours})
        if credential.expires:
            until = human_date(credential.expires, words.language)
            facts.append(_("Valid through %(date)s") % {"date": until})
        name = credential.name
        if credential.out_of_state:  # an Oregon licence is no claim of a California one
            name = f"{name} ({credential.state})"
        lines.append(CredentialLine(name, tuple(facts)))
    return tuple(lines)


def hours_rows(rules: Sequence[OpeningHours], words: Translations) -> tuple[HoursRow, ...]:
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
            _day_ranges(days, words.language),
            ", ".join(
                f"{_clock(opens, words)} – {_clock(closes, words)}" for opens, closes in spans
            )
            or words.gettext("Closed"),
        )
        for spans, days in by_hours.items()
    )


def special_rows(rules: Sequence[SpecialHours], words: Translations) -> tuple[HoursRow, ...]:
    """Dates with their own hours, in date order: ``December 24, 2026 (Christmas Eve)`` and
    ``Closed`` or the time span."""
    rows = []
    for rule in sorted(rules, key=lambda r: (r.date, r.last)):
        when = human_date(rule.date, words.language)
        if rule.last != rule.date:
            last = human_date(rule.last, words.language)
            when = words.gettext("%(first)s to %(last)s") % {"first": when, "last": last}
        if rule.name:
            when += f" ({rule.name})"
        if rule.closed:
            time = words.gettext("Closed")
        else:
            time = f"{_clock(rule.opens or '', words)} – {_clock(rule.closes or '', words)}"
        rows.append(HoursRow(when, time))
    return tuple(rows)


def _day_ranges(days: Sequence[str], language: str) -> str:
    names = _day_names(language)
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
            parts.append(f"{names[run[0]]}–{names[run[-1]]}")
        else:
            parts.extend(names[i] for i in run)
    return ", ".join(parts)


@lru_cache(maxsize=8)
def _day_names(language: str) -> tuple[str, ...]:
    """Monday to Sunday in ``language`` (CLDR's wide, stand-alone names)."""
    if language == "en":
        return _DAYS
    names = get_day_names("wide", context="stand-alone", locale=language)
    return tuple(names[i] for i in range(7))


def _clock(value: str, words: Translations) -> str:
    """``09:00`` → ``9:00 AM``; ``17:30`` → ``5:30 PM``; ``00:00`` and ``24:00`` → ``midnight``;
    in Spanish the 24-hour clock (``17:30``), ``medianoche`` and ``mediodía``."""
    hour, minute = (int(part) for part in value.split(":"))
    if hour % 24 == 0 and minute == 0:
        return words.gettext("midnight")
    if hour == 12 and minute == 0:
        return words.gettext("noon")
    if words.language != "en":
        return f"{hour % 24}:{minute:02d}"
    suffix = "AM" if hour % 24 < 12 else "PM"
    return f"{(hour % 12) or 12}:{minute:02d} {suffix}"
