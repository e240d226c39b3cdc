"""The therapist and the credentials behind every claim of training."""

from __future__ import annotations

from datetime import date
from typing import Literal

from pydantic import Field, model_validator

from .base import Model
from .types import Identifier, ImageSource, Text, WebUrl

__all__ = ["Credential", "Issuer", "Therapist"]


class Issuer(Model):
    """The body that issued a credential."""

    name: Text
    """Its full name, e.g. `California Massage Therapy Council`."""
    url: WebUrl | None = None
    """Its website."""
    short_name: str | None = None
    """A common abbreviation, e.g. `CAMTC`."""


class Credential(Model):
    """A certificate, licence or degree. Shown on pages and as schema.org `hasCredential`."""

    name: Text
    """The credential's title, as the issuer words it, e.g. `Certified Massage Therapist`."""
    category: Literal["certificate", "license", "degree"]
    """What kind of credential it is."""
    issuer: Issuer | None = None
    """Who issued it. Leave empty if unknown; `check` will ask for it."""
    identifier: str | None = None
    """The certificate or licence number, e.g. `93004`."""
    hours: int | None = Field(default=None, gt=0)
    """Hours of training it represents."""
    valid_from: date | None = None
    """The date it was issued or last renewed."""
    expires: date | None = None
    """The date it expires."""
    verification_url: WebUrl | None = None
    """A page where anyone can verify it."""

    @model_validator(mode="after")
    def _expires_after_valid_from(self) -> Credential:
        if self.valid_from and self.expires and self.expires < self.valid_from:
            raise ValueError(
                f"expires ({self.expires}) is before valid_from ({self.valid_from}); check both dates"
            )
        return self


class Therapist(Model):
    """A person who gives sessions and writes articles."""

    id: Identifier
    """A short stable key used by articles and services, e.g. `dustin`."""
    name: Text
    """The name under which the therapist is certified (shown with the certificate number)."""
    job_title: str | None = None
    """How the therapist describes the job, e.g. `Massage Therapist`."""
    bio: str | None = None
    """A short biography in Markdown, shown on the profile page."""
    image: ImageSource | None = None
    """A portrait: a site path or an https URL."""
    insured: bool | None = None
    """Whether the therapist carries professional liability insurance."""
    knows_about: tuple[str, ...] = ()
    """Subjects of expertise, e.g. `Neuromuscular therapy`."""
    same_as: tuple[WebUrl, ...] = ()
    """Profiles elsewhere that are this person."""
    credentials: tuple[Credential, ...] = ()
    """Certificates, licences and degrees."""
