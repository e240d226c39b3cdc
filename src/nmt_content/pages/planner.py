"""The planner's shared facts and phrases: each page's defaults, its breadcrumb trail, the towns
and therapists the composed descriptions name, in the words of the practice's language."""

from __future__ import annotations

from collections.abc import Sequence

from ..models import Article, Location, Practice, Service, Therapist
from ..site import Site
from ..urls import Urls
from .metrics import TITLE_MAX_PX, title_width
from .model import Breadcrumb, PageImage, PagePlan
from .translations import translation_groups
from .words import PageWords, Words

__all__ = ["PlannerBase", "credential_phrase", "credential_suffix"]


class PlannerBase:
    """What every page method of the planner (:mod:`.plan`) shares."""

    def __init__(self, site: Site, urls: Urls, words: PageWords) -> None:
        self.site = site
        self.urls = urls
        self.words = words
        self._ = Words(words(site.practice.language))
        """The words of the practice's language: every page's but a translated article's."""
        self._grouped: Sequence[Article] | None = None
        self._groups: dict[str, tuple[Article, ...]] = {}
        self.practice: Practice = site.practice
        self.therapist: Therapist = site.therapists[0]
        self.home_crumb = self._home_crumb(self._)
        self._article_trails: dict[str, tuple[Breadcrumb, Breadcrumb]] = {}

    # -- helpers -----------------------------------------------------------------------------

    def _title(self, headline: str) -> str:
        full = f"{headline} | {self.practice.name}"
        return full if title_width(full) <= TITLE_MAX_PX else headline

    def _home_crumb(self, _: Words) -> Breadcrumb:
        return Breadcrumb(_("Home"), self.urls.home, self.urls.absolute(self.urls.home))

    def _crumb(self, name: str, path: str) -> Breadcrumb:
        return Breadcrumb(name, path, self.urls.absolute(path))

    def _articles_trail(self, language: str) -> tuple[Breadcrumb, Breadcrumb]:
        """Home › Articles in an article's language ("Inicio › Artículos" for a Spanish article
        of an English site), made once per language."""
        trail = self._article_trails.get(language)
        if trail is None:
            _ = self._ if language == self.practice.language else Words(self.words(language))
            home = self.home_crumb if _ is self._ else self._home_crumb(_)
            trail = self._article_trails[language] = (
                home,
                self._crumb(_("Articles"), self.urls.articles),
            )
        return trail

    def _crumbs(self, *steps: tuple[str, str]) -> tuple[Breadcrumb, ...]:
        return (self.home_crumb, *(self._crumb(name, path) for name, path in steps))

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
        return f"{self._.join(towns)}, {offices[0].address.region}"

    def _with(self, therapists: Sequence[Therapist], *, credentials: bool = True) -> str:
        """`Dustin, CAMTC Certified Massage Therapist #93004` for one therapist (the title left
        out without ``credentials``), the names alone for several."""
        if len(therapists) == 1:
            one = therapists[0]
            return f"{one.name}{credential_suffix(one, self._) if credentials else ''}"
        return self._.join([t.name for t in therapists])

    def _services(self, services: Sequence[Service]) -> str:
        return self._.sentence_list([s.name for s in services]) or self._("Massage therapy")

    def _with_therapist(self) -> str:
        therapist = self.therapist
        return self._(
            "with %(name)s%(credential)s",
            name=therapist.name,
            credential=credential_suffix(therapist, self._),
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


def credential_phrase(therapist: Therapist, _: Words) -> str:
    return _.camtc_title(therapist) or therapist.job_title or _("massage therapist")


def credential_suffix(therapist: Therapist, _: Words) -> str:
    camtc = _.camtc_title(therapist)
    return f", {camtc}" if camtc else ""
