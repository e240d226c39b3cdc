"""Decide which pages exist and compute each page's SEO facts once.

The rules of the titles: `<title>` is the headline followed by " | " and the practice name when the
whole fits in about 600 px of Google's results (:func:`~nmt_content.pages.metrics.title_width`),
else the headline alone, so the words that describe the page are never the ones cut off.
Descriptions the planner composes are fitted to 120–156 characters; an article's or service's own
description is used as written (`check` reports it if it does not fit).
"""

from __future__ import annotations

from collections.abc import Sequence

from ..models import Article, Location, Practice, Service, Therapist
from ..site import Site
from ..urls import Urls
from .metrics import TITLE_MAX_PX, fit_description, title_width
from .model import Breadcrumb, PageImage, PagePlan
from .profiles import profile_path
from .translations import translation_groups

__all__ = ["plan_pages"]


def plan_pages(site: Site, urls: Urls, *, include_drafts: bool = False) -> tuple[PagePlan, ...]:
    """Every page of the site in a stable order: home, about (or the team and each therapist's
    profile), the services and each service, the offices and each office, the articles and each
    article, 404."""
    planner = _Planner(site, urls)
    pages: list[PagePlan] = [planner.home()]
    if site.is_group:
        pages.append(planner.team())
        pages += [planner.profile(t) for t in site.therapists]
    else:
        pages.append(planner.profile(site.therapists[0]))
    if site.services:
        pages.append(planner.services_index())
    pages += [planner.service(s) for s in site.services]
    pages.append(planner.locations_index())
    pages += [planner.location(loc) for loc in site.locations]
    articles = site.published_articles(include_drafts=include_drafts)
    pages.append(planner.articles_index(articles))
    pages += [planner.article(a, articles) for a in articles]
    pages.append(planner.not_found())
    return tuple(pages)


class _Planner:
    def __init__(self, site: Site, urls: Urls) -> None:
        self.site = site
        self.urls = urls
        self._grouped: Sequence[Article] | None = None
        self._groups: dict[str, tuple[Article, ...]] = {}
        self.practice: Practice = site.practice
        self.therapist: Therapist = site.therapists[0]
        self.home_crumb = Breadcrumb("Home", urls.home, urls.absolute(urls.home))

    # -- helpers -----------------------------------------------------------------------------

    def _title(self, headline: str) -> str:
        full = f"{headline} | {self.practice.name}"
        return full if title_width(full) <= TITLE_MAX_PX else headline

    def _crumbs(self, *steps: tuple[str, str]) -> tuple[Breadcrumb, ...]:
        trail = [self.home_crumb]
        trail += [Breadcrumb(name, path, self.urls.absolute(path)) for name, path in steps]
        return tuple(trail)

    def _site_image(self) -> PageImage | None:
        src = self.practice.image or self.practice.logo
        return self._image(src, self.practice.name) if src else None

    def _image(
        self, src: str, alt: str, width: int | None = None, height: int | None = None
    ) -> PageImage:
        """The image at ``src``, sized from its file in `static/` when it is there."""
        size = self.site.image_size(src, self.urls.base)
        if size is not None:
            width, height = size
        return PageImage(self.urls.absolute(src), alt, width, height)

    def _page(self, **fields: object) -> PagePlan:
        path = str(fields["path"])
        fields.setdefault("url", self.urls.absolute(path))
        fields.setdefault("language", self.practice.language)
        fields.setdefault("image", self._site_image())
        return PagePlan(**fields)  # type: ignore[arg-type]

    def _newest(self, articles: Sequence[Article]) -> Article | None:
        dated = [a for a in articles if not a.meta.draft]
        return max(dated, key=lambda a: (a.meta.updated, a.meta.slug)) if dated else None

    def _places(self, locations: Sequence[Location] | None = None) -> str:
        offices = self.site.locations if locations is None else locations
        towns = list(dict.fromkeys(loc.address.locality for loc in offices))
        return f"{_join(towns)}, {offices[0].address.region}"

    def _with(self, therapists: Sequence[Therapist], *, credentials: bool = True) -> str:
        """`Dustin, CAMTC Certified Massage Therapist #93004` for one therapist (the title left
        out without ``credentials``), the names alone for several."""
        if len(therapists) == 1:
            one = therapists[0]
            return f"{one.name}{_credential_suffix(one) if credentials else ''}"
        return _join([t.name for t in therapists])

    # -- pages -------------------------------------------------------------------------------

    def home(self) -> PagePlan:
        newest = self._newest(self.site.articles)
        services = _sentence_list([s.name for s in self.site.services]) or "Massage therapy"
        everyone = self.site.therapists
        description = self.practice.description or fit_description(
            [
                f"{services} in {self._places()}, with {self._with(everyone)}.",
                f"{services} in {self._places()}, with {self._with(everyone, credentials=False)}.",
            ]
        )
        title = f"{self.practice.name} | {self._places()}"
        return self._page(
            kind="home",
            path=self.urls.home,
            title=title if title_width(title) <= TITLE_MAX_PX else self.practice.name,
            headline=self.practice.name,
            description=description,
            breadcrumbs=(self.home_crumb,),
            date_modified=newest.meta.updated if newest else None,
        )

    def team(self) -> PagePlan:
        headline = "Our therapists"
        names = self._with(self.site.therapists)
        description = fit_description(
            [
                f"Meet {names}: the therapists of {self.practice.name}, their credentials, "
                f"offices and services in {self._places()}.",
                f"Meet {names}: each therapist's credentials, training, languages, offices and "
                f"services in {self._places()}.",
                f"Meet {names}: credentials, offices and services in {self._places()}.",
                f"The therapists of {self.practice.name} in {self._places()}.",
            ]
        )
        return self._page(
            kind="team",
            path=self.urls.team,
            title=self._title(headline),
            headline=headline,
            description=description,
            breadcrumbs=self._crumbs((headline, self.urls.team)),
        )

    def profile(self, therapist: Therapist) -> PagePlan:
        """A therapist's profile: `/about/` in a practice of one, else under the team page."""
        path = profile_path(self.site, self.urls, therapist)
        headline = f"About {therapist.name}"
        who = f"{therapist.name}, {_credential_phrase(therapist)}"
        places = self._places(self.site.offices_of(therapist))
        description = fit_description(
            [
                f"About {who}: credentials, hours of training, and offices in {places}.",
                f"About {who}: credentials, training and offices in {places}.",
                f"About {who}, with offices in {places}.",
            ]
            if not self.site.is_group
            else [
                f"About {who}: credentials, training and sessions at {self.practice.name} in {places}.",
                f"About {who}: credentials, training and sessions in {places}.",
                f"About {who}, in {places}.",
            ]
        )
        image = (
            self._image(therapist.image, therapist.name) if therapist.image else self._site_image()
        )
        steps = [(headline, path)]
        if self.site.is_group:
            steps.insert(0, ("Our therapists", self.urls.team))
        return self._page(
            kind="about",
            path=path,
            title=self._title(headline),
            headline=headline,
            description=description,
            breadcrumbs=self._crumbs(*steps),
            og_type="profile",
            image=image,
            therapist=therapist,
        )

    def service(self, service: Service) -> PagePlan:
        path = self.urls.service(service.slug)
        return self._page(
            kind="service",
            path=path,
            title=self._title(service.name),
            headline=service.name,
            description=service.description,
            breadcrumbs=self._crumbs(("Services", self.urls.services), (service.name, path)),
            service=service,
        )

    def location(self, location: Location) -> PagePlan:
        path = self.urls.location(location.slug)
        address = location.address
        offered = (
            _sentence_list(
                [s.name for s in self.site.services if location in self.site.locations_of(s)]
            )
            or "Massage therapy"
        )
        place = f"{address.locality}, {address.region}"
        here = self.site.therapists_at(location)
        with_whom = f", with {self._with(here)}" if here else ""
        description = location.description or fit_description(
            [
                f"{offered} at the {location.name} in {place}{with_whom}.",
                f"{offered} in {place}{with_whom}.",
                f"Sessions at the {location.name} in {place}{with_whom}: address, hours and "
                "the areas it serves.",
                f"The {location.name} in {place}{with_whom}.",
            ]
        )
        headline = f"{location.name}, {address.locality}, {address.region}"
        if address.locality.casefold() in location.name.casefold():
            headline = f"{location.name}, {address.region}"
        return self._page(
            kind="location",
            path=path,
            title=self._title(headline),
            headline=headline,
            description=description,
            breadcrumbs=self._crumbs(("Offices", self.urls.locations), (location.name, path)),
            location=location,
        )

    def services_index(self) -> PagePlan:
        headline = "Services"
        names = _sentence_list([s.name for s in self.site.services])
        with_whom = f"with {self.therapist.name}{_credential_suffix(self.therapist)}"
        description = fit_description(
            [
                f"{names} in {self._places()}, {with_whom}: what each session is and where.",
                f"{names} in {self._places()}, {with_whom}.",
                f"The services of {self.practice.name} in {self._places()}, {with_whom}.",
                f"The services of {self.practice.name} in {self._places()}.",
            ]
        )
        return self._page(
            kind="services",
            path=self.urls.services,
            title=self._title(headline),
            headline=headline,
            description=description,
            breadcrumbs=self._crumbs((headline, self.urls.services)),
        )

    def locations_index(self) -> PagePlan:
        headline = "Offices"
        with_whom = f"with {self.therapist.name}{_credential_suffix(self.therapist)}"
        description = fit_description(
            [
                f"The offices of {self.practice.name} in {self._places()}, {with_whom}: "
                "addresses, phone numbers and hours.",
                f"Offices in {self._places()}, {with_whom}: addresses, phone numbers and hours.",
                f"Offices in {self._places()}, {with_whom}.",
            ]
        )
        return self._page(
            kind="locations",
            path=self.urls.locations,
            title=self._title(headline),
            headline=headline,
            description=description,
            breadcrumbs=self._crumbs((headline, self.urls.locations)),
        )

    def articles_index(self, articles: Sequence[Article]) -> PagePlan:
        headline = "Articles"
        newest = self._newest(articles)
        topics = sorted({c.name for a in articles for c in a.meta.about})
        writers = {self.site.author_of(a).id for a in articles}
        authors = [t for t in self.site.therapists if t.id in writers] or [self.therapist]
        about = f" on {_join(topics).lower()}" if topics else ""
        description = fit_description(
            [
                f"Articles{about} by {self._with(authors)}, "
                f"from the practice's offices in {self._places()}.",
                f"Articles{about} by {self._with(authors)}.",
                f"Articles{about} by the therapists of {self.practice.name}.",
            ]
        )
        return self._page(
            kind="articles",
            path=self.urls.articles,
            title=self._title(headline),
            headline=headline,
            description=description,
            breadcrumbs=self._crumbs((headline, self.urls.articles)),
            date_modified=newest.meta.updated if newest else None,
        )

    def article(self, article: Article, published: Sequence[Article]) -> PagePlan:
        meta = article.meta
        path = self.urls.article(meta.slug)
        image = (
            self._image(meta.image.src, meta.image.alt, meta.image.width, meta.image.height)
            if meta.image
            else self._site_image()
        )
        return self._page(
            kind="article",
            path=path,
            title=self._title(meta.title),
            headline=meta.title,
            description=meta.description,
            language=meta.language or self.practice.language,
            breadcrumbs=self._crumbs(("Articles", self.urls.articles), (meta.title, path)),
            og_type="article",
            image=image,
            own_image=meta.image is not None,
            date_published=meta.date_published,
            date_modified=meta.updated,
            noindex=meta.noindex,
            draft=meta.draft,
            source=article.source,
            article=article,
            therapist=self.site.author_of(article),
            alternates=self._alternates(article, published),
        )

    def _alternates(
        self, article: Article, published: Sequence[Article]
    ) -> tuple[tuple[str, str], ...]:
        """hreflang alternates of an article's translation group (every version, with an
        ``x-default`` on the version in the practice's language), or none when untranslated."""
        if self._grouped is not published:
            self._groups = translation_groups(published)
            self._grouped = published
        group = self._groups.get(article.meta.slug)
        if group is None:
            return ()
        default = self.practice.language
        links: set[tuple[str, str]] = set()
        for member in group:
            language = member.meta.language or default
            href = self.urls.absolute(self.urls.article(member.meta.slug))
            links.add((language, href))
            if language == default:
                links.add(("x-default", href))
        return tuple(sorted(links))

    def not_found(self) -> PagePlan:
        headline = "Page not found"
        return self._page(
            kind="not_found",
            path=self.urls.not_found,
            title=self._title(headline),
            headline=headline,
            description=f"The page you asked for is not on the {self.practice.name} website.",
            breadcrumbs=self._crumbs((headline, self.urls.not_found)),
            noindex=True,
        )


def _join(items: Sequence[str]) -> str:
    """English list: "a", "a and b", "a, b and c"."""
    items = list(items)
    if len(items) <= 2:
        return " and ".join(items)
    return f"{', '.join(items[:-1])} and {items[-1]}"


def _sentence_list(items: Sequence[str]) -> str:
    """Like :func:`_join`, with every item after the first in lower case."""
    return _join([item if i == 0 else item[:1].lower() + item[1:] for i, item in enumerate(items)])


def _credential_phrase(therapist: Therapist) -> str:
    return therapist.camtc_title or therapist.job_title or "massage therapist"


def _credential_suffix(therapist: Therapist) -> str:
    camtc = therapist.camtc_title
    return f", {camtc}" if camtc else ""
