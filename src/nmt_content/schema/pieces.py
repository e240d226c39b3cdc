"""The pieces of a page's graph: one small class per kind of node, each pure, each with
``is_needed(ctx)`` and ``generate(ctx)`` (the shape Yoast's schema generator uses).

A piece returns plain dicts and may leave values as None or empty; the assembler in
:mod:`nmt_content.schema.graph` drops those, removes references to nodes that were not emitted,
and merges nodes by `@id`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, ClassVar

from ..models import Condition, Credential, Location, Service, Therapist
from ..pages.model import Page
from ..site import Site
from ..urls import Urls
from . import ids

__all__ = ["PAGE_PIECES", "PIECES", "SITE_PIECES", "GraphContext", "Node", "Piece"]

Node = dict[str, Any]
HEADLINE_LIMIT = 110


@dataclass(frozen=True, slots=True)
class GraphContext:
    """What every piece may look at: the site, its URLs and the page being described."""

    site: Site
    urls: Urls
    page: Page

    @property
    def site_wide(self) -> bool:
        """Whether the page describes the business (all pages but the 404)."""
        return self.page.kind != "not_found"


class Piece:
    """One kind of node."""

    name: ClassVar[str]

    def is_needed(self, ctx: GraphContext) -> bool:
        return True

    def generate(self, ctx: GraphContext) -> list[Node]:
        raise NotImplementedError

    def notes(self, ctx: GraphContext) -> list[str]:
        """What this piece could not say for lack of data (reported by the build)."""
        return []


class WebSitePiece(Piece):
    name = "WebSite"

    def generate(self, ctx: GraphContext) -> list[Node]:
        practice = ctx.site.practice
        return [
            {
                "@type": "WebSite",
                "@id": ids.website_id(ctx.urls),
                "url": ctx.urls.base,
                "name": practice.name,
                "description": practice.description,
                "inLanguage": practice.language,
                "publisher": ids.ref(ids.organization_id(ctx.urls)),
            }
        ]


class OrganizationPiece(Piece):
    name = "Organization"

    def generate(self, ctx: GraphContext) -> list[Node]:
        practice, urls = ctx.site.practice, ctx.urls
        logo = (
            {
                "@type": "ImageObject",
                "url": urls.absolute(practice.logo),
                "contentUrl": urls.absolute(practice.logo),
            }
            if practice.logo
            else None
        )
        offices = [ids.ref(ids.location_id(urls, loc.id)) for loc in ctx.site.locations]
        return [
            {
                "@type": "Organization",
                "@id": ids.organization_id(urls),
                "name": practice.name,
                "url": urls.base,
                "description": practice.description,
                "logo": logo,
                "image": urls.absolute(practice.image) if practice.image else None,
                "telephone": practice.telephone,
                "email": practice.email,
                "sameAs": list(practice.same_as),
                "subOrganization": offices if ctx.site_wide else None,
            }
        ]


class LocalBusinessPiece(Piece):
    """One node per office, typed with the practice's business type."""

    name = "LocalBusiness"

    def is_needed(self, ctx: GraphContext) -> bool:
        return ctx.site_wide

    def generate(self, ctx: GraphContext) -> list[Node]:
        return [self._office(ctx, loc) for loc in ctx.site.locations]

    def _office(self, ctx: GraphContext, location: Location) -> Node:
        site, urls = ctx.site, ctx.urls
        practice = site.practice
        address = location.address
        return {
            "@type": practice.business_type,
            "@id": ids.location_id(urls, location.id),
            "name": f"{practice.name}, {location.name}",
            "url": urls.absolute(urls.location(location.slug)),
            "parentOrganization": ids.ref(ids.organization_id(urls)),
            "address": {
                "@type": "PostalAddress",
                "streetAddress": address.street,
                "addressLocality": address.locality,
                "addressRegion": address.region,
                "postalCode": address.postal_code,
                "addressCountry": address.country,
            },
            "telephone": location.telephone or practice.telephone,
            "email": practice.email,
            "geo": (
                {
                    "@type": "GeoCoordinates",
                    "latitude": location.geo.latitude,
                    "longitude": location.geo.longitude,
                }
                if location.geo
                else None
            ),
            "openingHoursSpecification": [
                {
                    "@type": "OpeningHoursSpecification",
                    "dayOfWeek": list(rule.days),
                    "opens": rule.opens,
                    "closes": rule.closes,
                }
                for rule in location.opening_hours
            ],
            "areaServed": [
                _place(area.name, area.kind, area.county) for area in location.area_served
            ],
            "priceRange": practice.price_range,
            "image": urls.absolute(practice.image) if practice.image else None,
            "employee": [ids.ref(ids.person_id(urls, t.id)) for t in site.therapists],
            "hasMap": None,
        }

    def notes(self, ctx: GraphContext) -> list[str]:
        notes = []
        for location in ctx.site.locations:
            missing = [
                label
                for label, value in (
                    ("streetAddress", location.address.street),
                    ("postalCode", location.address.postal_code),
                    ("telephone", location.telephone or ctx.site.practice.telephone),
                    ("openingHoursSpecification", location.opening_hours),
                    ("geo", location.geo),
                )
                if not value
            ]
            if missing:
                notes.append(
                    f"LocalBusiness {location.id}: no {', '.join(missing)}; Google requires a "
                    "full address for a local business result and recommends the rest"
                )
        return notes


class PersonPiece(Piece):
    name = "Person"

    def is_needed(self, ctx: GraphContext) -> bool:
        return ctx.site_wide

    def generate(self, ctx: GraphContext) -> list[Node]:
        return [self._person(ctx, t) for t in ctx.site.therapists]

    def _person(self, ctx: GraphContext, therapist: Therapist) -> Node:
        urls = ctx.urls
        return {
            "@type": "Person",
            "@id": ids.person_id(urls, therapist.id),
            "name": therapist.name,
            "jobTitle": therapist.job_title,
            "description": therapist.bio,
            "image": urls.absolute(therapist.image) if therapist.image else None,
            "url": urls.absolute(urls.about),
            "sameAs": list(therapist.same_as),
            "knowsAbout": list(therapist.knows_about),
            "worksFor": ids.ref(ids.organization_id(urls)),
            "hasCredential": [
                _credential(urls, therapist, index, credential)
                for index, credential in enumerate(therapist.credentials)
            ],
        }


class ServicePiece(Piece):
    name = "Service"

    def is_needed(self, ctx: GraphContext) -> bool:
        return ctx.site_wide and bool(ctx.site.services)

    def generate(self, ctx: GraphContext) -> list[Node]:
        return [self._service(ctx, s) for s in ctx.site.services]

    def _service(self, ctx: GraphContext, service: Service) -> Node:
        site, urls = ctx.site, ctx.urls
        offices = site.locations_of(service)
        price = service.price
        return {
            "@type": "Service",
            "@id": ids.service_id(urls, service.id),
            "name": service.name,
            "description": service.description,
            "serviceType": service.service_type,
            "url": urls.absolute(urls.service(service.slug)),
            "provider": [ids.ref(ids.location_id(urls, loc.id)) for loc in offices],
            "areaServed": [
                _place(area.name, area.kind, area.county)
                for loc in offices
                for area in loc.area_served
            ],
            "offers": (
                {
                    "@type": "Offer",
                    "price": str(price.amount),
                    "priceCurrency": price.currency,
                    "url": urls.absolute(urls.service(service.slug)),
                }
                if price
                else None
            ),
        }


class PrimaryImagePiece(Piece):
    name = "ImageObject"

    def is_needed(self, ctx: GraphContext) -> bool:
        return ctx.page.image is not None

    def generate(self, ctx: GraphContext) -> list[Node]:
        image = ctx.page.image
        assert image is not None
        return [
            {
                "@type": "ImageObject",
                "@id": ids.primary_image_id(ctx.page.url),
                "url": image.url,
                "contentUrl": image.url,
                "caption": image.alt,
                "width": image.width,
                "height": image.height,
            }
        ]


class WebPagePiece(Piece):
    name = "WebPage"

    def generate(self, ctx: GraphContext) -> list[Node]:
        page, urls = ctx.page, ctx.urls
        node: Node = {
            "@type": _page_type(page),
            "@id": ids.webpage_id(page.url),
            "url": page.url,
            "name": page.title,
            "description": page.description,
            "inLanguage": page.language,
            "isPartOf": ids.ref(ids.website_id(urls)),
            "breadcrumb": ids.ref(ids.breadcrumb_id(page.url)) if ctx.site_wide else None,
            "primaryImageOfPage": ids.ref(ids.primary_image_id(page.url)) if page.image else None,
            "datePublished": _iso(page.date_published),
            "dateModified": _iso(page.date_modified),
        }
        if page.kind == "about" and page.therapist is not None:
            node["mainEntity"] = ids.ref(ids.person_id(urls, page.therapist.id))
        elif page.kind == "service" and page.service is not None:
            node["mainEntity"] = ids.ref(ids.service_id(urls, page.service.id))
        elif page.kind == "location" and page.location is not None:
            node["mainEntity"] = ids.ref(ids.location_id(urls, page.location.id))
        elif page.kind == "home":
            node["about"] = ids.ref(ids.organization_id(urls))
        if page.article is not None:
            meta = page.article.meta
            node["about"] = [_condition(c) for c in meta.about]
            node["mainEntity"] = ids.ref(ids.article_id(page.url))
            if meta.reviewed_by is not None and meta.last_reviewed is not None:
                node["lastReviewed"] = meta.last_reviewed.isoformat()
                node["reviewedBy"] = _reviewer(ctx, meta.reviewed_by)
        return [node]


class ArticlePiece(Piece):
    name = "Article"

    def is_needed(self, ctx: GraphContext) -> bool:
        return ctx.page.article is not None

    def generate(self, ctx: GraphContext) -> list[Node]:
        page, urls = ctx.page, ctx.urls
        article = page.article
        assert article is not None
        meta = article.meta
        author = ctx.site.author_of(article)
        return [
            {
                "@type": "Article",
                "@id": ids.article_id(page.url),
                "headline": _headline(meta.title),
                "description": meta.description,
                "datePublished": meta.date_published.isoformat(),
                "dateModified": meta.updated.isoformat(),
                "author": ids.ref(ids.person_id(urls, author.id)),
                "publisher": ids.ref(ids.organization_id(urls)),
                "mainEntityOfPage": ids.ref(ids.webpage_id(page.url)),
                "isPartOf": ids.ref(ids.webpage_id(page.url)),
                "image": ids.ref(ids.primary_image_id(page.url)) if page.image else None,
                "keywords": list(meta.keywords),
                "inLanguage": page.language,
                "about": [_condition(c) for c in meta.about],
                "wordCount": article.word_count,
                "citation": [_citation(r) for r in meta.references],
            }
        ]

    def notes(self, ctx: GraphContext) -> list[str]:
        if ctx.page.image is None:
            return [f"Article {ctx.page.path}: no image; Google needs one for article rich results"]
        return []


class BreadcrumbPiece(Piece):
    name = "BreadcrumbList"

    def is_needed(self, ctx: GraphContext) -> bool:
        return ctx.site_wide

    def generate(self, ctx: GraphContext) -> list[Node]:
        return [
            {
                "@type": "BreadcrumbList",
                "@id": ids.breadcrumb_id(ctx.page.url),
                "itemListElement": [
                    {"@type": "ListItem", "position": index, "name": crumb.name, "item": crumb.url}
                    for index, crumb in enumerate(ctx.page.breadcrumbs, start=1)
                ],
            }
        ]


SITE_PIECES: tuple[Piece, ...] = (
    WebSitePiece(),
    OrganizationPiece(),
    LocalBusinessPiece(),
    PersonPiece(),
    ServicePiece(),
)
"""Pieces whose nodes depend only on the site (and on whether the page is the 404 page)."""
PAGE_PIECES: tuple[Piece, ...] = (
    PrimaryImagePiece(),
    WebPagePiece(),
    ArticlePiece(),
    BreadcrumbPiece(),
)
"""Pieces that describe the page itself."""
PIECES: tuple[Piece, ...] = SITE_PIECES + PAGE_PIECES
"""All pieces, in the order their nodes appear in every graph."""


def _page_type(page: Page) -> str | list[str]:
    if page.kind == "about":
        return "ProfilePage"
    if page.kind == "articles":
        return "CollectionPage"
    if page.article is not None and page.article.meta.about:
        return "MedicalWebPage"
    return "WebPage"


def _place(name: str, kind: str, county: str | None) -> Node:
    if kind == "area":
        return {"@type": "AdministrativeArea", "name": name}
    return {
        "@type": "City",
        "name": name,
        "containedInPlace": {"@type": "AdministrativeArea", "name": county} if county else None,
    }


def _credential(urls: Urls, therapist: Therapist, index: int, credential: Credential) -> Node:
    issuer = credential.issuer
    return {
        "@type": "EducationalOccupationalCredential",
        "@id": ids.credential_id(urls, therapist.id, index),
        "name": credential.name,
        "credentialCategory": credential.category,
        "recognizedBy": (
            {
                "@type": "Organization",
                "name": issuer.name,
                "alternateName": issuer.short_name,
                "url": issuer.url,
            }
            if issuer
            else None
        ),
        "identifier": credential.identifier,
        "validFrom": _iso(credential.valid_from),
        "expires": _iso(credential.expires),
        "url": credential.verification_url,
        "description": f"{credential.hours} hours of training" if credential.hours else None,
    }


def _condition(condition: Condition) -> Node:
    return {
        "@type": "MedicalCondition",
        "name": condition.name,
        "code": (
            {
                "@type": "MedicalCode",
                "codeValue": condition.code,
                "codingSystem": condition.code_system,
            }
            if condition.code
            else None
        ),
        "sameAs": list(condition.same_as),
    }


def _citation(reference: Any) -> Node:
    return {
        "@type": "ScholarlyArticle" if reference.journal else "CreativeWork",
        "name": reference.title,
        "author": [{"@type": "Person", "name": name} for name in reference.authors],
        "datePublished": str(reference.year) if reference.year else None,
        "isPartOf": {"@type": "Periodical", "name": reference.journal}
        if reference.journal
        else None,
        "url": reference.link,
        "sameAs": f"https://doi.org/{reference.doi}" if reference.doi else None,
    }


def _reviewer(ctx: GraphContext, reviewer: Any) -> Node:
    if isinstance(reviewer, str):
        return ids.ref(ids.person_id(ctx.urls, reviewer))
    return {
        "@type": "Person",
        "name": reviewer.name,
        "jobTitle": reviewer.job_title,
        "url": reviewer.url,
    }


def _headline(title: str) -> str:
    if len(title) <= HEADLINE_LIMIT:
        return title
    cut = title[: HEADLINE_LIMIT - 1].rsplit(" ", 1)[0]
    return cut.rstrip(" ,;:–-") + "…"


def _iso(value: Any) -> str | None:
    return value.isoformat() if value is not None else None
