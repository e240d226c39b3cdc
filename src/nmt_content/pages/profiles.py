"""Where each therapist's profile is: `/about/` in a practice of one, `/team/<slug>/` in a
practice of several (with the team page at `/team/`). Stated once, for pages, bylines, the feed
and the structured data."""

from __future__ import annotations

from ..models import Therapist
from ..site import Site
from ..urls import Urls

__all__ = ["profile_path"]


def profile_path(site: Site, urls: Urls, therapist: Therapist) -> str:
    """The site path of the therapist's profile page."""
    return urls.therapist(therapist.slug) if site.is_group else urls.about
