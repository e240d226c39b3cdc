"""The services, each provided by the offices that offer it.

The conditions a service is sought for are not written here: schema.org's `about` is defined for
creative works, not for `Service`, so they go on the service page's node instead (see
:mod:`.page`).
"""

from __future__ import annotations

from ...models import Service
from .. import ids
from .base import GraphContext, Node, Piece
from .values import place

__all__ = ["ServicePiece"]


class ServicePiece(Piece):
    """One Service per service, with `provider` → its offices and one `Offer` per session length
    and price (`availableAtOrFrom` its offices, when the price is not the same everywhere)."""

    name = "Service"

    def is_needed(self, ctx: GraphContext) -> bool:
        return ctx.site_wide and bool(ctx.site.services)

    def ids(self, ctx: GraphContext) -> tuple[str, ...]:
        return tuple(ids.service_id(ctx.urls, service.id) for service in ctx.site.services)

    def generate(self, ctx: GraphContext) -> list[Node]:
        return [self._service(ctx, service) for service in ctx.site.services]

    def _service(self, ctx: GraphContext, service: Service) -> Node:
        urls = ctx.urls
        offices = ctx.site.locations_of(service)
        url = urls.absolute(urls.service(service.slug))
        areas: list[Node] = []
        for office in offices:
            areas += [node for node in map(place, office.area_served) if node not in areas]
        return {
            "@type": "Service",
            "@id": ids.service_id(urls, service.id),
            "name": service.name,
            "description": service.description,
            "serviceType": service.service_type,
            "url": url,
            "provider": ctx.refs(ids.location_id(urls, office.id) for office in offices),
            "areaServed": areas,
            "offers": [
                {
                    "@type": "Offer",
                    "name": offer.name or ctx.words.minutes(offer.duration_minutes),
                    "price": str(offer.price.amount),
                    "priceCurrency": offer.price.currency,
                    "url": url,
                    "availableAtOrFrom": ctx.refs(
                        ids.location_id(urls, office) for office in offer.locations
                    ),
                }
                for offer in service.all_offers
            ],
        }

    def left_out(self, ctx: GraphContext) -> str | None:
        if ctx.site_wide and not ctx.site.services:
            return "Service: left out, `practice.yaml` lists no services"
        return None
