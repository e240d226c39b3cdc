"""The `@id` of every node, stated once.

Site-wide nodes live under the site's base URL, so every page's graph names the same practice,
offices, therapists and services; page nodes live under the page's canonical URL.
"""

from __future__ import annotations

from ..urls import Urls

__all__ = [
    "article_id",
    "breadcrumb_id",
    "credential_id",
    "location_id",
    "organization_id",
    "person_id",
    "primary_image_id",
    "ref",
    "service_id",
    "webpage_id",
    "website_id",
]


def ref(node_id: str) -> dict[str, str]:
    """A reference to another node of the graph."""
    return {"@id": node_id}


def website_id(urls: Urls) -> str:
    return f"{urls.base}#website"


def organization_id(urls: Urls) -> str:
    return f"{urls.base}#organization"


def location_id(urls: Urls, location: str) -> str:
    return f"{urls.base}#/schema/location/{location}"


def person_id(urls: Urls, therapist: str) -> str:
    return f"{urls.base}#/schema/person/{therapist}"


def credential_id(urls: Urls, therapist: str, index: int) -> str:
    return f"{urls.base}#/schema/credential/{therapist}/{index + 1}"


def service_id(urls: Urls, service: str) -> str:
    return f"{urls.base}#/schema/service/{service}"


def webpage_id(page_url: str) -> str:
    return f"{page_url}#webpage"


def breadcrumb_id(page_url: str) -> str:
    return f"{page_url}#breadcrumb"


def article_id(page_url: str) -> str:
    return f"{page_url}#article"


def primary_image_id(page_url: str) -> str:
    return f"{page_url}#primaryimage"
