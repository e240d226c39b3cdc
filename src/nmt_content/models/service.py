"""Services the practice offers, and the health conditions content may be about."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from pydantic import Field, model_validator

from .base import Model
from .types import Identifier, Slug, Text, WebUrl, default_slug

__all__ = ["Condition", "Price", "Service"]


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
    """The price of one session. Leave empty if not published."""
    locations: tuple[Identifier, ...] = ()
    """Ids of the offices that offer it. Empty means every office."""
    therapists: tuple[Identifier, ...] = ()
    """Ids of the therapists who give it. Empty means every therapist."""
    conditions: tuple[Condition, ...] = ()
    """Conditions the service is commonly sought for."""
    body: str | None = None
    """A longer Markdown description for the service page."""

    @model_validator(mode="before")
    @classmethod
    def _default_slug(cls, data: Any) -> Any:
        if isinstance(data, dict) and "slug" not in data and isinstance(data.get("name"), str):
            return {**data, "slug": default_slug(data["name"]) or "service"}
        return data
