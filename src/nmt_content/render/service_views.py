"""Services as templates show them: duration, price and price list, in the page's language."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from ..models import Offer, Service
from ..pages.words import Gettext, Words
from ..site import Site
from ..urls import Urls
from .formatting import format_price

__all__ = ["PriceRow", "ServiceView", "service_view"]


@dataclass(frozen=True, slots=True)
class ServiceView:
    id: str
    name: str
    path: str
    description: str
    details: tuple[str, ...]
    """Known facts only: duration, price (when there is one price)."""
    prices: tuple[PriceRow, ...] = ()
    """The price list, when the service has several offers."""
    facts: tuple[str, ...] = ()
    """Duration and price in a few words, for the service's card: ``details``, or for a price
    list its session lengths and lowest price (``60–90 minutes``, ``from $95``)."""


@dataclass(frozen=True, slots=True)
class PriceRow:
    """One line of a service's price list."""

    label: str
    """E.g. ``60 minutes``."""
    price: str
    """E.g. ``$95``."""
    where: str | None
    """The offices the price applies at, when not every office of the service (``Redding
    office``)."""


def service_view(
    site: Site, urls: Urls, service: Service, gettext: Gettext, numbers: str = "en_US"
) -> ServiceView:
    """A service as templates show it: its facts, price list and card facts, in the catalog
    language of ``gettext``, prices as the Babel locale ``numbers`` writes them."""
    details = []
    offers = service.all_offers
    if len(offers) == 1 and not offers[0].locations:
        if offers[0].duration_minutes:
            details.append(_minutes(gettext, offers[0].duration_minutes))
        details.append(_money(offers[0], numbers))
    elif service.duration_minutes:
        details.append(_minutes(gettext, service.duration_minutes))
    prices: tuple[PriceRow, ...] = ()
    if len(offers) > 1 or (offers and offers[0].locations):
        prices = tuple(
            PriceRow(
                offer.name or _minutes(gettext, offer.duration_minutes),
                _money(offer, numbers),
                ", ".join(site.location(i).name for i in offer.locations) or None,
            )
            for offer in offers
        )
    return ServiceView(
        id=service.id,
        name=service.name,
        path=urls.service(service.slug),
        description=service.description,
        details=tuple(details),
        prices=prices,
        facts=tuple(details) if not prices else _list_facts(offers, gettext, numbers),
    )


def _minutes(gettext: Gettext, minutes: int | str | None) -> str:
    return Words(gettext).minutes(minutes)


def _list_facts(offers: Sequence[Offer], gettext: Gettext, numbers: str) -> tuple[str, ...]:
    """A price list in a few words: its session lengths and lowest price."""
    facts = []
    minutes = sorted({o.duration_minutes for o in offers if o.duration_minutes})
    if minutes:
        span = f"{minutes[0]}–{minutes[-1]}" if len(minutes) > 1 else f"{minutes[0]}"
        facts.append(_minutes(gettext, span))
    currencies = {o.price.currency for o in offers}
    if len(currencies) == 1:  # amounts in different currencies do not compare
        lowest = min(offers, key=lambda o: o.price.amount)
        money = _money(lowest, numbers)
        facts.append(gettext("from %(price)s") % {"price": money} if len(offers) > 1 else money)
    return tuple(facts)


def _money(offer: Offer, numbers: str) -> str:
    return format_price(offer.price.amount, offer.price.currency, numbers)
