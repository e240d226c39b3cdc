"""The `@id` of every node, stated once (after Yoast's ``schema-ids.php``).

Site-wide nodes live under the site's base URL, so every page's graph names the same practice,
offices, therapists and services; page nodes live under the page's canonical URL. Ids are built
from stable keys (record ids, never names or list positions that editors reorder), except
credentials, which have no id of their own and are numbered from 1 in file order.
"""

from __future__ import annotations

from ..urls import Urls

__all__ = [
    "article_id",
    "breadcrumb_id",
    "credential_id",
    "location_id",
    "logo_id",
    "organization_id",
    "person_id",
    "primary_image_id",
    "ref",
    "service_id",
    "webpage_id",
    "website_id",
]


def ref(node_id: str) -> dict[str, str]:
    """A reference to another node of the graph: ``{"@id": node_id}``."""
    return {"@id": node_id}


# -- site-wide nodes ------------------------------------------------------------------------------


def website_id(urls: Urls) -> str:
    """The WebSite."""
    return f"{urls.base}#website"


def organization_id(urls: Urls) -> str:
    """The practice as a whole (the Organization every office belongs to)."""
    return f"{urls.base}#organization"


def logo_id(urls: Urls) -> str:
    """The practice's logo (an ImageObject inside the practice node)."""
    return f"{urls.base}#/schema/logo/image/"


def location_id(urls: Urls, location: str) -> str:
    """An office (a LocalBusiness), by location id."""
    return f"{urls.base}#/schema/location/{location}"


def person_id(urls: Urls, therapist: str) -> str:
    """A therapist, by therapist id."""
    return f"{urls.base}#/schema/person/{therapist}"


def credential_id(urls: Urls, therapist: str, index: int) -> str:
    """A therapist's credential; ``index`` is its 0-based position, the id counts from 1."""
    return f"{urls.base}#/schema/credential/{therapist}/{index + 1}"


def service_id(urls: Urls, service: str) -> str:
    """A service, by service id."""
    return f"{urls.base}#/schema/service/{service}"


# -- page nodes -----------------------------------------------------------------------------------


def webpage_id(page_url: str) -> str:
    """The page itself."""
    return f"{page_url}#webpage"


def breadcrumb_id(page_url: str) -> str:
    """The page's breadcrumb trail."""
    return f"{page_url}#breadcrumb"


def article_id(page_url: str) -> str:
    """The article on an article page."""
    return f"{page_url}#article"


def primary_image_id(page_url: str) -> str:
    """The page's main image."""
    return f"{page_url}#primaryimage"
