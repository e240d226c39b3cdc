"""The practice itself: the business behind every page, and the site-wide settings."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Annotated, Literal

from pydantic import Field, field_validator

from .base import Model
from .location import Email
from .suppression import LintSuppression
from .types import FrozenMap, ImageSource, LanguageTag, ReadOnly, Text, WebUrl

__all__ = ["LintSettings", "Practice", "Severity"]

Severity = Literal["error", "warning", "info", "off"]

# BPC § 2053.5(a)(8): an unlicensed complementary practitioner may not imply being a physician;
# these schema.org types say exactly that to search engines.
REFUSED_BUSINESS_TYPES = {
    "Physician": "it declares a licensed physician",
    "MedicalClinic": "it declares a medical clinic",
    "MedicalBusiness": "it declares a medical business",
    "MedicalOrganization": "it declares a medical organization",
    "Hospital": "it declares a hospital",
}


class LintSettings(Model):
    """Site-wide settings for `nmt-content check`."""

    severity: Annotated[Mapping[str, Severity], *ReadOnly] = Field(default_factory=FrozenMap)
    """Override a rule's default severity by id, e.g. `{HC-009: error, SEO-011: off}`."""
    credential_warning_days: int = Field(default=60, ge=0, le=3650)
    """How many days before a credential expires `check` starts to warn (CRED-001)."""


class Practice(Model):
    """The practice: its name, web address and how people reach and book it."""

    name: Text
    """The practice's public name, as on signs and listings."""
    url: WebUrl
    """The site's base URL (https://…/). Every canonical and `@id` is built from it."""
    description: str | None = None
    """One or two sentences on what the practice offers; the home page's meta description."""
    telephone: str | None = None
    """The main phone number, e.g. `+1-530-555-0100`. Offices may have their own."""
    email: Email | None = None
    """A public contact e-mail address."""
    logo: ImageSource | None = None
    """The logo: a site path (`/images/logo.png`) or an https URL."""
    image: ImageSource | None = None
    """A representative photo for link previews (Open Graph) and the business listing."""
    same_as: tuple[WebUrl, ...] = ()
    """Profiles elsewhere that are this practice (Google Business Profile, Yelp, Facebook…)."""
    booking_url: WebUrl | None = None
    """Where "Book a session" points. Leave empty to link to the contact details instead."""
    price_range: str | None = None
    """A rough price range as Google shows it, e.g. `$$` or `$80–$140`."""
    business_type: str = "HealthAndBeautyBusiness"
    """The schema.org LocalBusiness subtype for each office. Medical types are refused (BPC § 2053.5)."""
    language: LanguageTag = "en-US"
    """The site's language (BCP 47), for `<html lang>` and `inLanguage`."""
    lint: LintSettings = Field(default_factory=LintSettings)
    """Settings for `nmt-content check`."""
    check: LintSuppression | None = None
    """Rules `check` should not apply to this section and the home page, with the reason."""

    @field_validator("business_type")
    @classmethod
    def _refuse_medical_types(cls, value: str) -> str:
        reason = REFUSED_BUSINESS_TYPES.get(value)
        if reason is not None:
            raise ValueError(
                f"`{value}` cannot be used: {reason}, and California law (BPC § 2053.5(a)(8)) bars "
                "a massage practice from implying it is one. Use `HealthAndBeautyBusiness` (the "
                "default) or `DaySpa`"
            )
        if not re.fullmatch(r"[A-Z][A-Za-z]+", value):
            raise ValueError(
                f"{value!r} is not a schema.org type name such as `HealthAndBeautyBusiness`"
            )
        return value
