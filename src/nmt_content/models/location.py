"""Offices: where clients come for a session."""

from __future__ import annotations

import datetime
import re
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, Field, model_validator

from .base import Model
from .geography import county_of, normalise_county
from .suppression import LintSuppression
from .types import Identifier, ImageSource, Slug, Text, WebUrl, default_slug

__all__ = [
    "Address",
    "Area",
    "Email",
    "Geo",
    "Location",
    "OpeningHours",
    "SpecialHours",
    "Weekday",
    "check_email",
]

_EMAIL = re.compile(r"^[^@\s<>\"']+@[^@\s<>\"']+\.[^@\s<>\"']+$")


def check_email(value: str) -> str:
    """Accept an e-mail address such as ``hello@example.com``."""
    if not _EMAIL.match(value):
        raise ValueError(f"{value!r} is not an e-mail address such as hello@example.com")
    return value


Email = Annotated[str, AfterValidator(check_email)]
"""An e-mail address."""
_TIME_OPENS = r"^([01]\d|2[0-3]):[0-5]\d$"
_TIME_CLOSES = r"^([01]\d|2[0-4]):[0-5]\d$"

Weekday = Literal["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]


class Address(Model):
    """A postal address. Street and postal code may stay empty until the practice publishes them."""

    street: str | None = None
    """Street and number, e.g. `123 Main St, Suite 4`."""
    locality: Text
    """The city, e.g. `Mount Shasta`."""
    region: Text = "CA"
    """The state, as its two-letter code."""
    postal_code: str | None = None
    """The ZIP code."""
    country: Text = "US"
    """The country, as its two-letter ISO 3166 code."""


class Geo(Model):
    """Map coordinates of the office entrance (WGS 84). Google wants at least five decimals."""

    latitude: float = Field(ge=-90, le=90)
    """Degrees north (negative for south)."""
    longitude: float = Field(ge=-180, le=180)
    """Degrees east (negative for west)."""


class OpeningHours(Model):
    """One opening-hours rule: these days, from `opens` to `closes` (24-hour local time)."""

    days: tuple[Weekday, ...] = Field(min_length=1)
    """The days this rule applies to, e.g. `[Monday, Wednesday]`."""
    opens: str = Field(pattern=_TIME_OPENS)
    """Opening time as HH:MM, e.g. `09:00`."""
    closes: str = Field(pattern=_TIME_CLOSES)
    """Closing time as HH:MM, e.g. `17:30`."""

    @model_validator(mode="after")
    def _closes_after_opening(self) -> OpeningHours:
        if self.closes <= self.opens:
            raise ValueError(f"closes ({self.closes}) must be after opens ({self.opens})")
        return self


class SpecialHours(Model):
    """Hours that differ from the usual ones on a date or a run of dates: a holiday, a closure,
    a late opening. Either `closed: true`, or `opens` and `closes`."""

    date: datetime.date
    """The first (or only) date, e.g. `2026-12-24`."""
    until: datetime.date | None = None
    """The last date, for a run of dates (inclusive). Defaults to `date`."""
    name: str | None = None
    """What it is, e.g. `Christmas Eve`; shown with the hours."""
    closed: bool = False
    """Closed all day."""
    opens: str | None = Field(default=None, pattern=_TIME_OPENS)
    """Opening time as HH:MM, when open."""
    closes: str | None = Field(default=None, pattern=_TIME_CLOSES)
    """Closing time as HH:MM, when open."""

    @model_validator(mode="after")
    def _closed_or_hours(self) -> SpecialHours:
        if self.until is not None and self.until < self.date:
            raise ValueError(f"until ({self.until}) is before date ({self.date}); check both dates")
        if self.closed:
            if self.opens or self.closes:
                raise ValueError(
                    "`closed: true` takes no `opens` or `closes`; remove one or the other"
                )
        elif not (self.opens and self.closes):
            raise ValueError("give both `opens` and `closes`, or `closed: true`")
        elif self.closes <= self.opens:
            raise ValueError(f"closes ({self.closes}) must be after opens ({self.opens})")
        return self

    @property
    def last(self) -> datetime.date:
        """The last date it applies to."""
        return self.until or self.date


class Area(Model):
    """A city or area an office serves, with its county."""

    name: Text
    """The place, e.g. `Weed`."""
    county: str | None = None
    """Its county, e.g. `Siskiyou County`. Checked for known California places."""
    kind: Literal["city", "area"] = "city"
    """`city` for a town or city, `area` for a region such as a county."""

    @model_validator(mode="after")
    def _county_matches_city(self) -> Area:
        expected = county_of(self.name) if self.kind == "city" else None
        if expected and self.county and normalise_county(self.county) != expected:
            raise ValueError(
                f"{self.name} is in {expected} County, not {normalise_county(self.county)} County; "
                f"set `county: {expected} County`"
            )
        return self


class Location(Model):
    """An office: a place with its own address, phone, hours and page."""

    id: Identifier
    """A short stable key used by services, e.g. `mount-shasta`."""
    name: Text
    """The office's display name, e.g. `Mount Shasta office`."""
    slug: Slug
    """The office page's URL segment (`/locations/<slug>/`). Defaults to the id."""
    address: Address
    """The postal address."""
    geo: Geo | None = None
    """Map coordinates, if known."""
    telephone: str | None = None
    """The office phone number; falls back to the practice's."""
    opening_hours: tuple[OpeningHours, ...] = ()
    """Opening hours; empty when not published."""
    area_served: tuple[Area, ...] = ()
    """Towns and areas clients come from, each with its county."""
    directions: str | None = None
    """How to get there: landmarks, entrance, accessibility notes."""
    parking: str | None = None
    """Where to park."""
    description: str | None = None
    """One or two sentences on this office (about 120–156 characters): its page's lead and meta
    description. Composed from the office's facts when empty."""
    image: ImageSource | None = None
    """A photo of the office: a site path or an https URL."""
    email: Email | None = None
    """The office's e-mail address; falls back to the practice's."""
    booking_url: WebUrl | None = None
    """Where "Book a session" points on this office's page; falls back to the practice's."""
    map_url: WebUrl | None = None
    """A link to the office on a map (schema.org `hasMap`)."""
    same_as: tuple[WebUrl, ...] = ()
    """This office's listings elsewhere: Google Business Profile, Yelp…"""
    special_hours: tuple[SpecialHours, ...] = ()
    """Holidays, closures and other dates with their own hours."""
    by_appointment: bool = False
    """Sessions by appointment only: said on the page with the hours."""
    payment_accepted: tuple[Text, ...] = ()
    """Ways to pay, e.g. `[Cash, Credit card, HSA/FSA card]`."""
    check: LintSuppression | None = None
    """Rules `check` should not apply to this office's entry and page, with the reason."""

    @model_validator(mode="before")
    @classmethod
    def _default_slug(cls, data: Any) -> Any:
        if isinstance(data, dict) and "slug" not in data and isinstance(data.get("id"), str):
            return {**data, "slug": default_slug(data["id"]) or "office"}
        return data
