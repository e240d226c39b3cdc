"""The shape of `practice.yaml`."""

from __future__ import annotations

from pydantic import Field

from .base import Model
from .location import Location
from .practice import Practice
from .service import Service
from .therapist import Therapist

__all__ = ["KnowledgeBase"]


class KnowledgeBase(Model):
    """`practice.yaml`: the practice, its offices, its therapists and its services."""

    practice: Practice
    """The business itself."""
    locations: tuple[Location, ...] = Field(min_length=1)
    """The offices. At least one: every page's footer and business listing needs an address."""
    therapists: tuple[Therapist, ...] = Field(min_length=1)
    """The therapists. At least one: articles need an author."""
    services: tuple[Service, ...] = ()
    """The services offered."""
