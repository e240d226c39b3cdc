"""The website, the practice as a whole, and one LocalBusiness per office."""

from __future__ import annotations

from ...models import Location, SpecialHours
from .. import ids
from ..vocab import load_vocabulary
from .base import GraphContext, Node, Piece
from .values import place

__all__ = ["LocalBusinessPiece", "OrganizationPiece", "WebSitePiece"]

GEO_DECIMALS = 5
"""Google asks for coordinates with at least five decimal places."""


class WebSitePiece(Piece):
    """The WebSite every page is part of, published by the practice."""

    name = "WebSite"

    def ids(self, ctx: GraphContext) -> tuple[str, ...]:
        return (ids.website_id(ctx.urls),)

    def generate(self, ctx: GraphContext) -> Node:
        practice = ctx.site.practice
        return {
            "@type": "WebSite",
            "@id": ids.website_id(ctx.urls),
            "url": ctx.urls.base,
            "name": practice.name,
            "description": practice.description,
            "inLanguage": practice.language,
            "publisher": ctx.ref(ids.organization_id(ctx.urls)),
        }


class OrganizationPiece(Piece):
    """The practice as a whole; its offices are its sub-organizations."""

    name = "Organization"

    def ids(self, ctx: GraphContext) -> tuple[str, ...]:
        own = ids.organization_id(ctx.urls)
        return (own, ids.logo_id(ctx.urls)) if ctx.site.practice.logo else (own,)

    def generate(self, ctx: GraphContext) -> Node:
        practice, urls = ctx.site.practice, ctx.urls
        logo: Node | None = None
        if practice.logo:
            size = ctx.site.image_size(practice.logo, urls.base)
            logo = {
                "@type": "ImageObject",
                "@id": ids.logo_id(urls),
                "url": urls.absolute(practice.logo),
                "contentUrl": urls.absolute(practice.logo),
                "caption": practice.name,
                "width": size[0] if size else None,
                "height": size[1] if size else None,
            }
        return {
            "@type": "Organization",
            "@id": ids.organization_id(urls),
            "name": practice.name,
            "url": urls.base,
            "description": practice.description,
            "logo": logo,
            "image": (
                urls.absolute(practice.image) if practice.image else ctx.ref(ids.logo_id(urls))
            ),
            "telephone": practice.telephone,
            "email": practice.email,
            "sameAs": list(practice.same_as),
            "subOrganization": ctx.refs(
                ids.location_id(urls, loc.id) for loc in ctx.site.locations
            ),
        }

    def notes(self, ctx: GraphContext) -> tuple[str, ...]:
        if ctx.site.practice.logo:
            return ()
        return (
            "Organization: no logo — Google recommends one for the practice's logo in search "
            "results; set `practice.logo`",
        )


class LocalBusinessPiece(Piece):
    """One node per office, typed with the practice's business type, part of the practice."""

    name = "LocalBusiness"

    def is_needed(self, ctx: GraphContext) -> bool:
        return ctx.site_wide

    def ids(self, ctx: GraphContext) -> tuple[str, ...]:
        return tuple(ids.location_id(ctx.urls, loc.id) for loc in ctx.site.locations)

    def generate(self, ctx: GraphContext) -> list[Node]:
        return [self._office(ctx, location) for location in ctx.site.locations]

    def _office(self, ctx: GraphContext, location: Location) -> Node:
        site, urls = ctx.site, ctx.urls
        practice, address, geo = site.practice, location.address, location.geo
        return {
            "@type": practice.business_type,
            "@id": ids.location_id(urls, location.id),
            "name": f"{practice.name}, {location.name}",
            "url": urls.absolute(urls.location(location.slug)),
            "parentOrganization": ctx.ref(ids.organization_id(urls)),
            "address": {
                "@type": "PostalAddress",
                "streetAddress": address.street,
                "addressLocality": address.locality,
                "addressRegion": address.region,
                "postalCode": address.postal_code,
                "addressCountry": address.country,
            },
            "description": location.description,
            "telephone": location.telephone or practice.telephone,
            "email": location.email or practice.email,
            "geo": (
                {"@type": "GeoCoordinates", "latitude": geo.latitude, "longitude": geo.longitude}
                if geo
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
            "specialOpeningHoursSpecification": [_special(rule) for rule in location.special_hours],
            "hasMap": location.map_url,
            "sameAs": list(location.same_as),
            "paymentAccepted": ", ".join(location.payment_accepted),
            "areaServed": [place(area) for area in location.area_served],
            "priceRange": practice.price_range,
            "image": urls.absolute(image) if (image := location.image or practice.image) else None,
            "logo": ctx.ref(ids.logo_id(urls)),
            "employee": ctx.refs(ids.person_id(urls, t.id) for t in site.therapists_at(location)),
        }

    def notes(self, ctx: GraphContext) -> tuple[str, ...]:
        notes = [self._type_note(ctx.site.practice.business_type)]
        notes += [self._office_note(ctx, location) for location in ctx.site.locations]
        return tuple(note for note in notes if note)

    @staticmethod
    def _type_note(business_type: str) -> str | None:
        vocab = load_vocabulary()
        if vocab.is_type(business_type) and vocab.is_subtype(business_type, "LocalBusiness"):
            return None
        return (
            f"LocalBusiness: `business_type: {business_type}` is not a schema.org LocalBusiness "
            "type — search engines will not read the offices as local businesses"
        )

    @staticmethod
    def _office_note(ctx: GraphContext, location: Location) -> str | None:
        """Google's required address parts and recommended properties the office lacks."""
        practice, address, geo = ctx.site.practice, location.address, location.geo
        required = [
            name
            for name, value in (
                ("streetAddress", address.street),
                ("postalCode", address.postal_code),
            )
            if not value
        ]
        recommended = [
            name
            for name, value in (
                ("telephone", location.telephone or practice.telephone),
                ("openingHoursSpecification", location.opening_hours),
                ("geo", geo),
                ("priceRange", practice.price_range),
                ("image", location.image or practice.image),
            )
            if not value
        ]
        if geo and min(_decimals(geo.latitude), _decimals(geo.longitude)) < GEO_DECIMALS:
            recommended.append(f"geo with {GEO_DECIMALS} decimals")
        if not (required or recommended):
            return None
        parts = []
        if required:
            parts.append(f"no {', '.join(required)} (required)")
        if recommended:
            parts.append(f"no {', '.join(recommended)} (recommended)")
        effect = (
            "Google may not show a local business rich result"
            if required
            else "Google may show a less complete local business result"
        )
        return f"LocalBusiness {location.id}: {'; '.join(parts)} — {effect}"


def _special(rule: SpecialHours) -> dict[str, str | None]:
    """A date or run of dates with its own hours; closed all day is 00:00 to 00:00, as Google
    documents it."""
    return {
        "@type": "OpeningHoursSpecification",
        "name": rule.name,
        "validFrom": rule.date.isoformat(),
        "validThrough": rule.last.isoformat(),
        "opens": "00:00" if rule.closed else rule.opens,
        "closes": "00:00" if rule.closed else rule.closes,
    }


def _decimals(value: float) -> int:
    return len(repr(value).partition(".")[2])
