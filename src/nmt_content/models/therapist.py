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

    @property
    def is_camtc(self) -> bool:
        """Whether the California Massage Therapy Council issued it: its issuer's short name is
        `CAMTC` or its name contains `Massage Therapy Council` (either in any case)."""
        issuer = self.issuer
        return issuer is not None and (
            (issuer.short_name or "").casefold() == "camtc"
            or "massage therapy council" in issuer.name.casefold()
        )

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

    @property
    def camtc_credential(self) -> Credential | None:
        """The first CAMTC credential, if any: the one whose title and number California law
        asks to be shown."""
        return next((c for c in self.credentials if c.is_camtc), None)

    @property
    def camtc_title(self) -> str | None:
        """E.g. ``CAMTC Certified Massage Therapist #93004``, when there is a CAMTC credential."""
        credential = self.camtc_credential
        if credential is None:
            return None
        number = f" #{credential.identifier}" if credential.identifier else ""
        return f"CAMTC {credential.name}{number}"

    @property
    def certified_line(self) -> str:
        """The certified name with the CAMTC title (or else the job title), e.g.
        ``Dustin, CAMTC Certified Massage Therapist #93004``."""
        title = self.camtc_title or self.job_title
        return f"{self.name}, {title}" if title else self.name
