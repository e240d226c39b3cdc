"""Purpose-built, display-ready views for templates, computed once per site and catalog language.

Templates only print what these views hold (the MkDocs TemplateContext idea): formatting rules
live here and in :mod:`.formatting`, in Python, where they can be tested.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from urllib.parse import quote_plus

from ..models import Credential, Location, Therapist
from ..pages.model import PagePlan
from ..pages.profiles import profile_path
from ..pages.words import Words
from ..site import Site
from ..urls import Urls
from .figures import FigureView, figure, lead_figure
from .formatting import (
    CredentialLine,
    HoursRow,
    credential_lines,
    number_locale,
    special_rows,
    tel_href,
)
from .i18n import Translations
from .service_views import PriceRow, ServiceView, service_view

__all__ = [
    "ArticleLink",
    "CredentialView",
    "FigureView",
    "NavItem",
    "OfficeView",
    "PriceRow",
    "ServiceView",
    "SiteView",
    "TherapistView",
    "directions_url",
    "lead_figure",
    "people_on",
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
    state: str | None = None
    """The state whose board issued it, for a licence from another state (`Oregon`)."""
    expires: date | None = None


@dataclass(frozen=True, slots=True)
class TherapistView:
    id: str
    name: str
    path: str
    """The therapist's profile page: `/about/`, or `/team/<slug>/` in a practice of several."""
    image: str | None
    job_title: str | None
    camtc_title: str | None
    """e.g. ``CAMTC Certified Massage Therapist #93004``: the title California law asks for."""
    certified_line: str
    """The certified name with that title, e.g. ``Dustin, CAMTC Certified Massage Therapist #93004``."""
    insured: bool
    knows_about: tuple[str, ...]
    credentials: tuple[CredentialView, ...]
    credential_lines: tuple[CredentialLine, ...]
    """The credentials as shown: name, then the known facts."""
    languages: tuple[str, ...]
    offices: tuple[NavItem, ...]
    """The offices the therapist works at, linked."""
    services: tuple[NavItem, ...]
    """The services the therapist gives, linked."""
    portrait: FigureView | None = None
    """The therapist's photo, sized from its file."""


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
    description: str | None = None
    image: str | None = None
    email: str | None = None
    map_url: str | None = None
    booking_url: str | None = None
    """The office's own booking link, when it has one."""
    by_appointment: bool = False
    payment_accepted: tuple[str, ...] = ()
    special_hours: tuple[HoursRow, ...] = ()
    """Dates with their own hours (holidays, closures), in date order."""
    photo: FigureView | None = None
    """The office's photo, sized from its file."""
    directions_url: str | None = None
    """Directions to the street address in a maps app (:func:`directions_url`); None without
    a street."""


@dataclass(frozen=True, slots=True)
class ArticleLink:
    title: str
    path: str
    description: str
    published: date
    services: tuple[str, ...]
    language: str = ""
    """The article's language (BCP 47): a list on a page in another language marks its title
    with ``lang`` (WCAG 3.1.2)."""


@dataclass(frozen=True, slots=True)
class SiteView:
    name: str
    description: str | None
    language: str
    therapist: TherapistView
    """The first therapist (the only one in a practice of one)."""
    therapists: tuple[TherapistView, ...]
    """Every therapist, in file order."""
    certified: tuple[TherapistView, ...]
    """The therapists with a CAMTC title, whose certified lines every page shows."""
    is_group: bool
    """Several therapists: a team page (`team_path`) and one profile each."""
    team_path: str
    """The team page, or the one therapist's profile in a practice of one."""
    offices: tuple[OfficeView, ...]
    services: tuple[ServiceView, ...]
    articles: tuple[ArticleLink, ...]
    nav: tuple[NavItem, ...]
    booking_url: str
    feed_path: str | None
    logo: FigureView | None = None
    """The practice's logo, shown in the header beside its name."""
    hero: FigureView | None = None
    """The practice's photo (`practice.image`), shown at the top of the home page."""
    telephone: str | None = None
    """The number the header offers to call: the practice's, else the first office's."""
    tel_href: str | None = None


def site_view(
    site: Site,
    urls: Urls,
    pages: tuple[PagePlan, ...] | list[PagePlan],
    feed_path: str | None,
    words: Translations,
) -> SiteView:
    """Everything site-wide the templates show, formatted once in the language of ``words``."""
    gettext = words.gettext
    numbers = number_locale(words.language, site.practice.language)
    offices = tuple(_office(site, urls, loc, words) for loc in site.locations)
    therapists = tuple(therapist_view(site, urls, t, words) for t in site.therapists)
    articles = tuple(
        ArticleLink(
            p.headline,
            p.path,
            p.description,
            p.article.meta.date_published,
            p.article.meta.services,
            p.language,
        )
        for p in pages
        if p.article is not None and not p.draft
    )
    # Short labels, index pages rather than one item per office: one line on a 375 px phone.
    nav = (
        *((NavItem(gettext("Services"), urls.services),) if site.services else ()),
        NavItem(gettext("Team"), urls.team)
        if site.is_group
        else NavItem(gettext("About"), urls.about),
        NavItem(gettext("Offices"), urls.locations),
        NavItem(gettext("Articles"), urls.articles),
    )
    booking = site.practice.booking_url or f"{offices[0].path}#contact"
    practice = site.practice
    phone = practice.telephone or next((o.telephone for o in offices if o.telephone), None)
    return SiteView(
        name=site.practice.name,
        description=site.practice.description,
        language=site.practice.language,
        therapist=therapists[0],
        therapists=therapists,
        certified=tuple(t for t in therapists if t.camtc_title),
        is_group=site.is_group,
        team_path=urls.team if site.is_group else urls.about,
        offices=offices,
        services=tuple(service_view(site, urls, s, gettext, numbers) for s in site.services),
        articles=articles,
        nav=nav,
        booking_url=booking,
        feed_path=feed_path,
        logo=figure(site, urls, practice.logo, "") if practice.logo else None,
        hero=figure(site, urls, practice.image, practice.name) if practice.image else None,
        telephone=phone,
        tel_href=tel_href(phone) if phone else None,
    )


def therapist_view(
    site: Site, urls: Urls, therapist: Therapist, words: Translations
) -> TherapistView:
    """A therapist as templates show them, with their profile, offices and services."""
    camtc_title = Words(words.gettext).camtc_title(therapist)
    title = camtc_title or therapist.job_title
    return TherapistView(
        id=therapist.id,
        name=therapist.name,
        path=profile_path(site, urls, therapist),
        image=urls.absolute(therapist.image) if therapist.image else None,
        job_title=therapist.job_title,
        camtc_title=camtc_title,
        certified_line=f"{therapist.name}, {title}" if title else therapist.name,
        insured=bool(therapist.insured),
        knows_about=therapist.knows_about,
        credentials=tuple(_credential(c) for c in therapist.credentials),
        credential_lines=credential_lines(
            therapist.credentials, words, number_locale(words.language, site.practice.language)
        ),
        languages=therapist.languages,
        offices=tuple(
            NavItem(loc.name, urls.location(loc.slug)) for loc in site.offices_of(therapist)
        ),
        services=tuple(NavItem(s.name, urls.service(s.slug)) for s in site.services_by(therapist)),
        portrait=figure(site, urls, therapist.image, therapist.name) if therapist.image else None,
    )


def _credential(credential: Credential) -> CredentialView:
    issuer = credential.issuer
    return CredentialView(
        name=credential.name,
        issuer=issuer.name if issuer else None,
        number=credential.identifier,
        hours=credential.hours,
        is_camtc=credential.is_camtc,
        state=credential.state if credential.out_of_state else None,
        expires=credential.expires,
    )


def _office(site: Site, urls: Urls, location: Location, words: Translations) -> OfficeView:
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
        description=location.description,
        image=urls.absolute(location.image) if location.image else None,
        email=location.email or site.practice.email,
        map_url=location.map_url,
        booking_url=location.booking_url,
        by_appointment=location.by_appointment,
        payment_accepted=location.payment_accepted,
        special_hours=special_rows(location.special_hours, words),
        photo=figure(site, urls, location.image, location.name) if location.image else None,
        directions_url=directions_url(location),
    )


def directions_url(location: Location) -> str | None:
    """Directions to the office's street address (Google Maps' documented URL form, which
    opens the maps app on a phone); None without a street, where directions would mislead."""
    address = location.address
    if not address.street:
        return None
    parts = (address.street, address.locality, f"{address.region} {address.postal_code or ''}")
    destination = ", ".join(part.strip() for part in parts)
    return f"https://www.google.com/maps/dir/?api=1&destination={quote_plus(destination)}"


def _days(days: tuple[str, ...]) -> str:
    return ", ".join(sorted(days, key=_DAY_ORDER.index))


def people_on(
    site: Site, page: PagePlan, views: Mapping[str, TherapistView], profile: TherapistView
) -> tuple[TherapistView, ...]:
    """The therapists a page advertises: an article's author, a profile's therapist, who gives a
    service, who works at an office, and everyone on the other pages."""
    if page.article is not None:
        return (views[site.author_of(page.article).id],)
    if page.kind == "about":
        return (profile,)
    if page.service is not None:
        return tuple(views[t.id] for t in site.therapists_of(page.service))
    if page.location is not None:
        return tuple(views[t.id] for t in site.therapists_at(page.location))
    return tuple(views[t.id] for t in site.therapists)
