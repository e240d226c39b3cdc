"""Purpose-built, display-ready views for templates, computed once per site.

Templates only print what these views hold (the MkDocs TemplateContext idea): formatting rules
live here and in :mod:`.formatting`, in Python, where they can be tested.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from ..models import Credential, Location, Service, Therapist
from ..pages.model import PagePlan
from ..site import Site
from ..urls import Urls
from .formatting import tel_href

__all__ = [
    "ArticleLink",
    "CredentialView",
    "FigureView",
    "NavItem",
    "OfficeView",
    "ServiceView",
    "SiteView",
    "TherapistView",
    "site_view",
]

_DAY_ORDER = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


@dataclass(frozen=True, slots=True)
class NavItem:
    label: str
    path: str


@dataclass(frozen=True, slots=True)
class CredentialView:
    name: str
    issuer: str | None
    number: str | None
    hours: int | None
    is_camtc: bool


@dataclass(frozen=True, slots=True)
class TherapistView:
    name: str
    job_title: str | None
    camtc_title: str | None
    """e.g. ``CAMTC Certified Massage Therapist #93004``: the title California law asks for."""
    certified_line: str
    """The certified name with that title, e.g. ``Dustin, CAMTC Certified Massage Therapist #93004``."""
    insured: bool
    knows_about: tuple[str, ...]
    credentials: tuple[CredentialView, ...]


@dataclass(frozen=True, slots=True)
class OfficeView:
    id: str
    name: str
    path: str
    street: str | None
    locality: str
    region: str
    postal_code: str | None
    telephone: str | None
    tel_href: str | None
    hours: tuple[str, ...]
    areas: tuple[str, ...]
    directions: str | None
    parking: str | None


@dataclass(frozen=True, slots=True)
class ServiceView:
    id: str
    name: str
    path: str
    description: str
    details: tuple[str, ...]
    """Known facts only: duration, price."""


@dataclass(frozen=True, slots=True)
class FigureView:
    """An image shown on a page, with its size (from its file) and caption."""

    src: str
    """As written: a site path or an absolute URL."""
    alt: str
    width: int | None
    height: int | None
    caption: str | None


def lead_figure(page: PagePlan) -> FigureView | None:
    """The article's own lead image, as its page shows it; None for other pages."""
    if page.article is None or page.image is None or not page.own_image:
        return None
    ref = page.article.meta.image
    if ref is None:  # pragma: no cover - own_image says there is one
        return None
    width, height = page.image.width, page.image.height
    if width is None or height is None:  # a lone dimension is not stated
        width = height = None
    return FigureView(ref.src, ref.alt, width, height, ref.caption)


@dataclass(frozen=True, slots=True)
class ArticleLink:
    title: str
    path: str
    description: str
    published: date
    services: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class SiteView:
    name: str
    description: str | None
    language: str
    therapist: TherapistView
    offices: tuple[OfficeView, ...]
    services: tuple[ServiceView, ...]
    articles: tuple[ArticleLink, ...]
    nav: tuple[NavItem, ...]
    booking_url: str
    feed_path: str | None


def site_view(
    site: Site, urls: Urls, pages: tuple[PagePlan, ...] | list[PagePlan], feed_path: str | None
) -> SiteView:
    """Everything site-wide the templates show, formatted once."""
    offices = tuple(_office(site, urls, loc) for loc in site.locations)
    articles = tuple(
        ArticleLink(
            p.headline,
            p.path,
            p.description,
            p.article.meta.date_published,
            p.article.meta.services,
        )
        for p in pages
        if p.article is not None and not p.draft
    )
    nav = (
        NavItem("Home", urls.home),
        NavItem("About", urls.about),
        *(NavItem(o.name, o.path) for o in offices),
        NavItem("Articles", urls.articles),
    )
    booking = site.practice.booking_url or f"{offices[0].path}#contact"
    return SiteView(
        name=site.practice.name,
        description=site.practice.description,
        language=site.practice.language,
        therapist=therapist_view(site.therapists[0]),
        offices=offices,
        services=tuple(_service(urls, s) for s in site.services),
        articles=articles,
        nav=nav,
        booking_url=booking,
        feed_path=feed_path,
    )


def therapist_view(therapist: Therapist) -> TherapistView:
    return TherapistView(
        name=therapist.name,
        job_title=therapist.job_title,
        camtc_title=therapist.camtc_title,
        certified_line=therapist.certified_line,
        insured=bool(therapist.insured),
        knows_about=therapist.knows_about,
        credentials=tuple(_credential(c) for c in therapist.credentials),
    )


def _credential(credential: Credential) -> CredentialView:
    issuer = credential.issuer
    return CredentialView(
        name=credential.name,
        issuer=issuer.name if issuer else None,
        number=credential.identifier,
        hours=credential.hours,
        is_camtc=credential.is_camtc,
    )


def _office(site: Site, urls: Urls, location: Location) -> OfficeView:
    phone = location.telephone or site.practice.telephone
    address = location.address
    return OfficeView(
        id=location.id,
        name=location.name,
        path=urls.location(location.slug),
        street=address.street,
        locality=address.locality,
        region=address.region,
        postal_code=address.postal_code,
        telephone=phone,
        tel_href=tel_href(phone) if phone else None,
        hours=tuple(
            f"{_days(rule.days)}: {rule.opens}–{rule.closes}" for rule in location.opening_hours
        ),
        areas=tuple(
            f"{area.name} ({area.county})" if area.county else area.name
            for area in location.area_served
        ),
        directions=location.directions,
        parking=location.parking,
    )


def _days(days: tuple[str, ...]) -> str:
    return ", ".join(sorted(days, key=_DAY_ORDER.index))


def _service(urls: Urls, service: Service) -> ServiceView:
    details = []
    if service.duration_minutes:
        details.append(f"{service.duration_minutes} minutes")
    if service.price:
        symbol = "$" if service.price.currency == "USD" else f"{service.price.currency} "
        details.append(f"{symbol}{service.price.amount}")
    return ServiceView(
        id=service.id,
        name=service.name,
        path=urls.service(service.slug),
        description=service.description,
        details=tuple(details),
    )
