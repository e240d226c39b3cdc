"""Services the practice offers, and the health conditions content may be about."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from pydantic import Field, model_validator

from .base import Model
from .suppression import LintSuppression
from .types import Identifier, Slug, Text, WebUrl, default_slug

__all__ = ["Condition", "Offer", "Price", "Service"]


class Condition(Model):
    """A health condition a service or article is about (schema.org MedicalCondition)."""

    name: Text
    """Its common name, e.g. `Low back pain`."""
    code: str | None = None
    """A code in a medical coding system, e.g. `M54.50`."""
    code_system: str | None = None
    """The coding system of `code`, e.g. `ICD-10-CM`."""
    same_as: tuple[WebUrl, ...] = ()
    """Reference pages for the condition (MedlinePlus, Wikidata…)."""

    @model_validator(mode="after")
    def _code_needs_system(self) -> Condition:
        if self.code and not self.code_system:
            raise ValueError("`code` needs `code_system` (e.g. `ICD-10-CM`)")
        return self


class Price(Model):
    """A session price."""

    amount: Decimal = Field(ge=0)
    """The amount, e.g. `95`."""
    currency: str = Field(default="USD", pattern=r"^[A-Z]{3}$")
    """ISO 4217 currency code."""


class Offer(Model):
    """One bookable option of a service: a session length and its price, at every office that
    offers the service or only at some (when prices differ by office)."""

    duration_minutes: int | None = Field(default=None, gt=0)
    """Session length in minutes, e.g. `60`."""
    price: Price
    """Its price."""
    name: str | None = None
    """A name when the length does not say it, e.g. `Couples session`. Defaults to the length."""
    locations: tuple[Identifier, ...] = ()
    """Ids of the offices where this price applies. Empty means every office of the service."""

    @model_validator(mode="after")
    def _named(self) -> Offer:
        if self.duration_minutes is None and not self.name:
            raise ValueError("give the offer a `duration_minutes` or a `name`")
        return self

    @property
    def label(self) -> str:
        """How the price list names it: its name, else its length (`60 minutes`)."""
        return self.name or f"{self.duration_minutes} minutes"


class Service(Model):
    """A kind of session clients can book."""

    id: Identifier
    """A short stable key used by articles, e.g. `neuromuscular-therapy`."""
    name: Text
    """The service's name, e.g. `Neuromuscular therapy`."""
    slug: Slug
    """The service page's URL segment (`/services/<slug>/`). Defaults to a slug of the name."""
    description: Text
    """One or two sentences on what the service is; the page's meta description."""
    service_type: str | None = None
    """A broader category, e.g. `Massage therapy`."""
    duration_minutes: int | None = Field(default=None, gt=0)
    """Session length in minutes."""
    price: Price | None = None
    """The price of one session. Leave empty if not published. For several lengths or prices,
    use `offers` instead."""
    offers: tuple[Offer, ...] = ()
    """Session lengths and prices, each shown in the service's price list (schema.org `Offer`)."""
    locations: tuple[Identifier, ...] = ()
    """Ids of the offices that offer it. Empty means every office."""
    therapists: tuple[Identifier, ...] = ()
    """Ids of the therapists who give it. Empty means every therapist."""
    conditions: tuple[Condition, ...] = ()
    """Conditions the service is commonly sought for."""
    body: str | None = None
    """A longer Markdown description for the service page."""
    check: LintSuppression | None = None
    """Rules `check` should not apply to this service's entry and page, with the reason."""

    @model_validator(mode="after")
    def _one_way_to_price(self) -> Service:
        if self.offers and (self.price is not None or self.duration_minutes is not None):
            raise ValueError(
                "give either `price` and `duration_minutes` or `offers`, not both: move the "
                "price into `offers`"
            )
        return self

    @property
    def all_offers(self) -> tuple[Offer, ...]:
        """Its offers: `offers`, else one made of `price` and `duration_minutes`."""
        if self.offers or self.price is None:
            return self.offers
        name = None if self.duration_minutes else "Session"
        return (Offer(duration_minutes=self.duration_minutes, price=self.price, name=name),)

    @model_validator(mode="before")
    @classmethod
    def _default_slug(cls, data: Any) -> Any:
        if isinstance(data, dict) and "slug" not in data and isinstance(data.get("name"), str):
            return {**data, "slug": default_slug(data["name"]) or "service"}
        return data
