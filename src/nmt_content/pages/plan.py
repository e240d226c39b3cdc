"""Decide which pages exist and compute each page's SEO facts once.

The rules of the titles: `<title>` is the headline followed by " | " and the practice name when the
whole fits in :data:`TITLE_BUDGET` characters (about 600 px in Google's results), else the headline
alone, so the words that describe the page are never the ones cut off.
"""

from __future__ import annotations

from collections.abc import Sequence

from ..models import Article, Location, Practice, Service, Therapist
from ..site import Site
from ..urls import Urls
from .model import Breadcrumb, Page, PageImage

__all__ = ["TITLE_BUDGET", "plan_pages"]

TITLE_BUDGET = 60


def plan_pages(site: Site, urls: Urls, *, include_drafts: bool = False) -> tuple[Page, ...]:
    """Every page of the site in a stable order: home, about, services, offices, articles, 404."""
    planner = _Planner(site, urls)
    pages: list[Page] = [planner.home(), planner.about()]
    pages += [planner.service(s) for s in site.services]
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
        self.practice: Practice = site.practice
        self.therapist: Therapist = site.therapists[0]
        self.home_crumb = Breadcrumb("Home", urls.home, urls.absolute(urls.home))

    # -- helpers -----------------------------------------------------------------------------

    def _title(self, headline: str) -> str:
        full = f"{headline} | {self.practice.name}"
        return full if len(full) <= TITLE_BUDGET else headline

    def _crumbs(self, *steps: tuple[str, str]) -> tuple[Breadcrumb, ...]:
        trail = [self.home_crumb]
        trail += [Breadcrumb(name, path, self.urls.absolute(path)) for name, path in steps]
        return tuple(trail)

    def _site_image(self) -> PageImage | None:
        src = self.practice.image or self.practice.logo
        return PageImage(self.urls.absolute(src), self.practice.name) if src else None

    def _page(self, **fields: object) -> Page:
        path = str(fields["path"])
        fields.setdefault("url", self.urls.absolute(path))
        fields.setdefault("language", self.practice.language)
        fields.setdefault("image", self._site_image())
        return Page(**fields)  # type: ignore[arg-type]

    def _newest(self, articles: Sequence[Article]) -> Article | None:
        dated = [a for a in articles if not a.meta.draft]
        return max(dated, key=lambda a: (a.meta.updated, a.meta.slug)) if dated else None

    def _places(self) -> str:
        towns = [loc.address.locality for loc in self.site.locations]
        region = self.site.locations[0].address.region
        return f"{_join(towns)}, {region}"

    # -- pages -------------------------------------------------------------------------------

    def home(self) -> Page:
        newest = self._newest(self.site.articles)
        description = self.practice.description or (
            f"{_join([s.name for s in self.site.services]) or 'Massage therapy'} in "
            f"{self._places()}, with {self.therapist.name}."
        )
        title = f"{self.practice.name} | {self._places()}"
        return self._page(
            kind="home",
            path=self.urls.home,
            title=title if len(title) <= TITLE_BUDGET else self.practice.name,
            headline=self.practice.name,
            description=description,
            breadcrumbs=(self.home_crumb,),
            date_modified=newest.meta.updated if newest else None,
        )

    def about(self) -> Page:
        therapist = self.therapist
        headline = f"About {therapist.name}"
        titles = [c.name for c in therapist.credentials]
        description = (
            f"{therapist.name}, {_credential_phrase(therapist)}. "
            f"Training: {_join(titles)}. Offices in {self._places()}."
            if titles
            else f"{therapist.name}, {therapist.job_title or 'massage therapist'} in {self._places()}."
        )
        image = (
            PageImage(self.urls.absolute(therapist.image), therapist.name)
            if therapist.image
            else self._site_image()
        )
        return self._page(
            kind="about",
            path=self.urls.about,
            title=self._title(headline),
            headline=headline,
            description=description,
            breadcrumbs=self._crumbs((headline, self.urls.about)),
            og_type="profile",
            image=image,
            therapist=therapist,
        )

    def service(self, service: Service) -> Page:
        path = self.urls.service(service.slug)
        return self._page(
            kind="service",
            path=path,
            title=self._title(service.name),
            headline=service.name,
            description=service.description,
            breadcrumbs=self._crumbs((service.name, path)),
            service=service,
        )

    def location(self, location: Location) -> Page:
        path = self.urls.location(location.slug)
        address = location.address
        offered = [s.name for s in self.site.services if location in self.site.locations_of(s)]
        description = (
            f"{_join(offered) or 'Massage therapy'} at the {location.name} in {address.locality}, "
            f"{address.region}, with {self.therapist.name}{_credential_suffix(self.therapist)}."
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
            breadcrumbs=self._crumbs((location.name, path)),
            location=location,
        )

    def articles_index(self, articles: Sequence[Article]) -> Page:
        headline = "Articles"
        newest = self._newest(articles)
        topics = sorted({c.name for a in articles for c in a.meta.about})
        about = f" on {_join(topics).lower()}" if topics else ""
        description = (
            f"Articles{about} by {self.therapist.name}{_credential_suffix(self.therapist)}, "
            f"from the practice's offices in {self._places()}."
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

    def article(self, article: Article, published: Sequence[Article]) -> Page:
        meta = article.meta
        path = self.urls.article(meta.slug)
        image = (
            PageImage(
                self.urls.absolute(meta.image.src),
                meta.image.alt,
                meta.image.width,
                meta.image.height,
            )
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
        if not article.meta.translations:
            return ()
        by_slug = {a.meta.slug: a for a in published}
        own = (
            article.meta.language or self.practice.language,
            self.urls.absolute(self.urls.article(article.meta.slug)),
        )
        others = [
            (language, self.urls.absolute(self.urls.article(slug)))
            for language, slug in article.meta.translations.items()
            if slug in by_slug
        ]
        return tuple(sorted({own, *others}))

    def not_found(self) -> Page:
        headline = "Page not found"
        return self._page(
            kind="not_found",
            path=self.urls.not_found,
            title=self._title(headline),
            headline=headline,
            description=f"The page you asked for is not on the {self.practice.name} website.",
            breadcrumbs=self._crumbs((headline, self.urls.not_found)),
        )


def _join(items: Sequence[str]) -> str:
    """English list: "a", "a and b", "a, b and c"."""
    items = list(items)
    if len(items) <= 2:
        return " and ".join(items)
    return f"{', '.join(items[:-1])} and {items[-1]}"


def _camtc(therapist: Therapist) -> str | None:
    for credential in therapist.credentials:
        issuer = credential.issuer
        if issuer and (issuer.short_name == "CAMTC" or "Massage Therapy Council" in issuer.name):
            number = f" #{credential.identifier}" if credential.identifier else ""
            return f"CAMTC {credential.name}{number}"
    return None


def _credential_phrase(therapist: Therapist) -> str:
    return _camtc(therapist) or therapist.job_title or "massage therapist"


def _credential_suffix(therapist: Therapist) -> str:
    camtc = _camtc(therapist)
    return f", {camtc}" if camtc else ""
