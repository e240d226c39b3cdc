"""Decide which pages exist and compute each page's SEO facts once.

The rules of the titles: `<title>` is the headline followed by " | " and the practice name when the
whole fits in about 600 px of Google's results (:func:`~nmt_content.pages.metrics.title_width`),
else the headline alone, so the words that describe the page are never the ones cut off.
Descriptions the planner composes are fitted to 120–156 characters; an article's or service's own
description is used as written (`check` reports it if it does not fit).
"""

from __future__ import annotations

from collections.abc import Sequence

from ..models import Article, Location, Service, Therapist
from ..site import Site
from ..urls import Urls
from .metrics import TITLE_MAX_PX, fit_description, title_width
from .model import PagePlan
from .planner import PlannerBase, credential_phrase
from .profiles import profile_path
from .words import ENGLISH, PageWords

__all__ = ["plan_pages"]


def plan_pages(
    site: Site, urls: Urls, *, include_drafts: bool = False, words: PageWords = ENGLISH
) -> tuple[PagePlan, ...]:
    """Every page of the site in a stable order: home, about (or the team and each therapist's
    profile), the services and each service, the offices and each office, the articles and each
    article, 404. ``words`` gives the theme's words in each page's language (English without)."""
    planner = _Planner(site, urls, words)
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


class _Planner(PlannerBase):
    # -- pages -------------------------------------------------------------------------------

    def home(self) -> PagePlan:
        _ = self._
        newest = self._newest(self.site.articles)
        services = self._services(self.site.services)
        everyone = self.site.therapists
        description = self.practice.description or fit_description(
            [
                _(
                    "%(services)s in %(places)s, with %(therapists)s.",
                    services=services,
                    places=self._places(),
                    therapists=self._with(everyone, credentials=credentials),
                )
                for credentials in (True, False)
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
        _ = self._
        headline = _("Our therapists")
        fields = {
            "names": self._with(self.site.therapists),
            "practice": self.practice.name,
            "places": self._places(),
        }
        description = fit_description(
            [
                _(
                    "Meet %(names)s: the therapists of %(practice)s, their credentials, "
                    "offices and services in %(places)s.",
                    **fields,
                ),
                _(
                    "Meet %(names)s: each therapist's credentials, training, languages, offices "
                    "and services in %(places)s.",
                    **fields,
                ),
                _("Meet %(names)s: credentials, offices and services in %(places)s.", **fields),
                _("The therapists of %(practice)s in %(places)s.", **fields),
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
        _ = self._
        path = profile_path(self.site, self.urls, therapist)
        headline = _("About %(name)s", name=therapist.name)
        fields = {
            "who": f"{therapist.name}, {credential_phrase(therapist, _)}",
            "places": self._places(self.site.offices_of(therapist)),
            "practice": self.practice.name,
        }
        description = fit_description(
            [
                _(
                    "About %(who)s: credentials, hours of training, and offices in %(places)s.",
                    **fields,
                ),
                _("About %(who)s: credentials, training and offices in %(places)s.", **fields),
                _("About %(who)s, with offices in %(places)s.", **fields),
            ]
            if not self.site.is_group
            else [
                _(
                    "About %(who)s: credentials, training and sessions at %(practice)s in "
                    "%(places)s.",
                    **fields,
                ),
                _("About %(who)s: credentials, training and sessions in %(places)s.", **fields),
                _("About %(who)s, in %(places)s.", **fields),
            ]
        )
        image = (
            self._image(therapist.image, therapist.name) if therapist.image else self._site_image()
        )
        steps = [(headline, path)]
        if self.site.is_group:
            steps.insert(0, (_("Our therapists"), self.urls.team))
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
            breadcrumbs=self._crumbs(
                (self._("Services"), self.urls.services), (service.name, path)
            ),
            service=service,
        )

    def location(self, location: Location) -> PagePlan:
        _ = self._
        path = self.urls.location(location.slug)
        address = location.address
        here = self.site.therapists_at(location)
        fields = {
            "offered": self._services(
                [s for s in self.site.services if location in self.site.locations_of(s)]
            ),
            "office": location.name,
            "place": f"{address.locality}, {address.region}",
            "with_whom": _(", with %(names)s", names=self._with(here)) if here else "",
        }
        description = location.description or fit_description(
            [
                _("%(offered)s at the %(office)s in %(place)s%(with_whom)s.", **fields),
                _("%(offered)s in %(place)s%(with_whom)s.", **fields),
                _(
                    "Sessions at the %(office)s in %(place)s%(with_whom)s: address, hours and "
                    "the areas it serves.",
                    **fields,
                ),
                _("The %(office)s in %(place)s%(with_whom)s.", **fields),
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
            breadcrumbs=self._crumbs((_("Offices"), self.urls.locations), (location.name, path)),
            location=location,
        )

    def services_index(self) -> PagePlan:
        _ = self._
        headline = _("Services")
        fields = {
            "names": _.sentence_list([s.name for s in self.site.services]),
            "places": self._places(),
            "with_whom": self._with_therapist(),
            "practice": self.practice.name,
        }
        description = fit_description(
            [
                _(
                    "%(names)s in %(places)s, %(with_whom)s: what each session is and where.",
                    **fields,
                ),
                _("%(names)s in %(places)s, %(with_whom)s.", **fields),
                _("The services of %(practice)s in %(places)s, %(with_whom)s.", **fields),
                _("The services of %(practice)s in %(places)s.", **fields),
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
        _ = self._
        headline = _("Offices")
        fields = {
            "places": self._places(),
            "with_whom": self._with_therapist(),
            "practice": self.practice.name,
        }
        description = fit_description(
            [
                _(
                    "The offices of %(practice)s in %(places)s, %(with_whom)s: "
                    "addresses, phone numbers and hours.",
                    **fields,
                ),
                _(
                    "Offices in %(places)s, %(with_whom)s: addresses, phone numbers and hours.",
                    **fields,
                ),
                _("Offices in %(places)s, %(with_whom)s.", **fields),
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
        _ = self._
        headline = _("Articles")
        newest = self._newest(articles)
        topics = sorted({c.name for a in articles for c in a.meta.about})
        writers = {self.site.author_of(a).id for a in articles}
        authors = [t for t in self.site.therapists if t.id in writers] or [self.therapist]
        fields = {
            "about": _(" on %(topics)s", topics=_.join(topics).lower()) if topics else "",
            "authors": self._with(authors),
            "places": self._places(),
            "practice": self.practice.name,
        }
        description = fit_description(
            [
                _(
                    "Articles%(about)s by %(authors)s, from the practice's offices in %(places)s.",
                    **fields,
                ),
                _("Articles%(about)s by %(authors)s.", **fields),
                _("Articles%(about)s by the therapists of %(practice)s.", **fields),
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
        language = meta.language or self.practice.language
        return self._page(
            kind="article",
            path=path,
            title=self._title(meta.title),
            headline=meta.title,
            description=meta.description,
            language=language,
            breadcrumbs=(*self._articles_trail(language), self._crumb(meta.title, path)),
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

    def not_found(self) -> PagePlan:
        _ = self._
        headline = _("Page not found")
        return self._page(
            kind="not_found",
            path=self.urls.not_found,
            title=self._title(headline),
            headline=headline,
            description=_(
                "The page you asked for is not on the %(practice)s website.",
                practice=self.practice.name,
            ),
            breadcrumbs=self._crumbs((headline, self.urls.not_found)),
            noindex=True,
        )
