"""The therapist and the credentials behind every claim of training."""

from __future__ import annotations

from datetime import date
from typing import Any, Literal

from pydantic import Field, field_validator, model_validator

from .base import Model
from .suppression import LintSuppression
from .types import Identifier, ImageSource, Slug, Text, WebUrl, default_slug

__all__ = ["Credential", "Issuer", "Therapist", "state_name"]


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
    jurisdiction: str | None = None
    """For a licence from a US state's board, the state, as its two-letter code or its name
    (e.g. `OR` or `Oregon`); for a licence, found in the issuer's name when that names a state. A licence from
    another state is shown with the state and is not read as a California licence claim."""
    check: LintSuppression | None = None
    """Rules `check` should not apply to this credential, with the reason."""

    @field_validator("jurisdiction")
    @classmethod
    def _known_state(cls, value: str | None) -> str | None:
        if value is not None and state_name(value) is None:
            raise ValueError(
                f"{value!r} is not a US state; use its two-letter code or name, e.g. `OR` or `Oregon`"
            )
        return value

    @property
    def state(self) -> str | None:
        """The US state whose board issued it (`Oregon`): its `jurisdiction`, else, for a
        licence, a state named in its issuer's name; None when neither names one."""
        if self.jurisdiction:
            return state_name(self.jurisdiction)
        if self.issuer is None or self.is_camtc or self.category != "license":
            return None
        words = f" {self.issuer.name.casefold()} "
        return next((name for name in _LONGEST_FIRST if f" {name.casefold()} " in words), None)

    @property
    def out_of_state(self) -> bool:
        """Whether it comes from another state's board (not California's, not CAMTC)."""
        state = self.state
        return state is not None and state != "California"

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
    slug: Slug
    """The profile page's URL segment when the practice has several therapists
    (`/team/<slug>/`). Defaults to the id. A practice of one has its profile at `/about/`."""
    name: Text
    """The name under which the therapist is certified (shown with the certificate number)."""
    job_title: str | None = None
    """How the therapist describes the job, e.g. `Massage Therapist`."""
    bio: str | None = None
    """A short biography in Markdown, shown on the profile page (and on the team page)."""
    profile: str | None = None
    """A longer Markdown text for the therapist's own profile page, in place of `bio` there."""
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
    offices: tuple[Identifier, ...] = ()
    """Ids of the offices the therapist works at. Empty means every office."""
    languages: tuple[Text, ...] = ()
    """Languages the therapist gives sessions in, e.g. `[English, Spanish]`."""
    check: LintSuppression | None = None
    """Rules `check` should not apply to this therapist's entry and profile page, with the
    reason, e.g. `{ignore: [CAMTC-003], reason: "…"}`."""

    @model_validator(mode="before")
    @classmethod
    def _default_slug(cls, data: Any) -> Any:
        if isinstance(data, dict) and "slug" not in data and isinstance(data.get("id"), str):
            return {**data, "slug": default_slug(data["id"]) or "therapist"}
        return data

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


_STATES = {
    "AL": "Alabama", "AK": "Alaska", "AZ": "Arizona", "AR": "Arkansas", "CA": "California",
    "CO": "Colorado", "CT": "Connecticut", "DE": "Delaware", "DC": "District of Columbia",
    "FL": "Florida", "GA": "Georgia", "HI": "Hawaii", "ID": "Idaho", "IL": "Illinois",
    "IN": "Indiana", "IA": "Iowa", "KS": "Kansas", "KY": "Kentucky", "LA": "Louisiana",
    "ME": "Maine", "MD": "Maryland", "MA": "Massachusetts", "MI": "Michigan", "MN": "Minnesota",
    "MS": "Mississippi", "MO": "Missouri", "MT": "Montana", "NE": "Nebraska", "NV": "Nevada",
    "NH": "New Hampshire", "NJ": "New Jersey", "NM": "New Mexico", "NY": "New York",
    "NC": "North Carolina", "ND": "North Dakota", "OH": "Ohio", "OK": "Oklahoma", "OR": "Oregon",
    "PA": "Pennsylvania", "RI": "Rhode Island", "SC": "South Carolina", "SD": "South Dakota",
    "TN": "Tennessee", "TX": "Texas", "UT": "Utah", "VT": "Vermont", "VA": "Virginia",
    "WA": "Washington", "WV": "West Virginia", "WI": "Wisconsin", "WY": "Wyoming",
}  # fmt: skip
_LONGEST_FIRST = sorted(_STATES.values(), key=len, reverse=True)
"""Names to look for in an issuer's name, longest first (West Virginia before Virginia)."""
_STATE_BY_NAME = {name.casefold(): name for name in _STATES.values()}


def state_name(value: str) -> str | None:
    """A US state's name from its two-letter code or its name in any case; None otherwise."""
    value = value.strip()
    return _STATES.get(value.upper()) if len(value) == 2 else _STATE_BY_NAME.get(value.casefold())
