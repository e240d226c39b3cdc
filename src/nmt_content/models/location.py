"""Offices: where clients come for a session."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import Field, model_validator

from .base import Model
from .geography import county_of, normalise_county
from .types import Identifier, Slug, Text, default_slug

__all__ = ["Address", "Area", "Geo", "Location", "OpeningHours", "Weekday"]

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
    opens: str = Field(pattern=r"^([01]\d|2[0-3]):[0-5]\d$")
    """Opening time as HH:MM, e.g. `09:00`."""
    closes: str = Field(pattern=r"^([01]\d|2[0-4]):[0-5]\d$")
    """Closing time as HH:MM, e.g. `17:30`."""

    @model_validator(mode="after")
    def _closes_after_opening(self) -> OpeningHours:
        if self.closes <= self.opens:
            raise ValueError(f"closes ({self.closes}) must be after opens ({self.opens})")
        return self


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

    @model_validator(mode="before")
    @classmethod
    def _default_slug(cls, data: Any) -> Any:
        if isinstance(data, dict) and "slug" not in data and isinstance(data.get("id"), str):
            return {**data, "slug": default_slug(data["id"]) or "office"}
        return data
