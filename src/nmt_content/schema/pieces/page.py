"""The page itself: its node, its main image and its breadcrumb trail."""

from __future__ import annotations

from ...models import FrontMatter, Reviewer
from ...pages.model import PagePlan
from .. import ids
from .base import GraphContext, Node, Piece
from .values import condition, iso

__all__ = ["BreadcrumbPiece", "PrimaryImagePiece", "WebPagePiece", "page_type"]


def page_type(page: PagePlan) -> str:
    """`ProfilePage` for a therapist's profile, `AboutPage` for the team page, `CollectionPage`
    for the lists (articles, services, offices), `MedicalWebPage` for an article about health
    conditions, else `WebPage`."""
    if page.kind == "about":
        return "ProfilePage"
    if page.kind == "team":
        return "AboutPage"
    if page.kind in ("articles", "services", "locations"):
        return "CollectionPage"
    if page.article is not None and page.article.meta.about:
        return "MedicalWebPage"
    return "WebPage"


class PrimaryImagePiece(Piece):
    """The page's main image (the article's, else the practice's image or logo)."""

    name = "ImageObject"

    def is_needed(self, ctx: GraphContext) -> bool:
        return ctx.site_wide and ctx.page.image is not None

    def ids(self, ctx: GraphContext) -> tuple[str, ...]:
        return (ids.primary_image_id(ctx.page.url),)

    def generate(self, ctx: GraphContext) -> Node:
        image = ctx.page.image
        assert image is not None  # guaranteed by is_needed
        return {
            "@type": "ImageObject",
            "@id": ids.primary_image_id(ctx.page.url),
            "url": image.url,
            "contentUrl": image.url,
            "caption": image.alt,
            "width": image.width,
            "height": image.height,
            "inLanguage": ctx.page.language,
        }

    def left_out(self, ctx: GraphContext) -> str | None:
        if not ctx.site_wide:
            return None
        # The planner falls back to the practice's image, then its logo, so a page has no image
        # only when the practice has neither: one note for every such page.
        return (
            "ImageObject (primary image): left out on pages without an image of their own, "
            "because the practice has no `image` or `logo`"
        )


class WebPagePiece(Piece):
    """The page: part of the website, with its breadcrumb, image, dates and main entity."""

    name = "WebPage"

    def is_needed(self, ctx: GraphContext) -> bool:
        # The 404 page is not a page of the site: it has no canonical URL, and no node says so.
        return ctx.site_wide

    def ids(self, ctx: GraphContext) -> tuple[str, ...]:
        return (ids.webpage_id(ctx.page.url),)

    def generate(self, ctx: GraphContext) -> Node:
        page, urls = ctx.page, ctx.urls
        image = ctx.ref(ids.primary_image_id(page.url))
        node: Node = {
            "@type": page_type(page),
            "@id": ids.webpage_id(page.url),
            "url": page.url,
            "name": page.title,
            "description": page.description,
            "inLanguage": page.language,
            "isPartOf": ctx.ref(ids.website_id(urls)),
            "breadcrumb": ctx.ref(ids.breadcrumb_id(page.url)),
            "primaryImageOfPage": image,
            "image": image,
            "datePublished": iso(page.date_published),
            "dateModified": iso(page.date_modified),
        }
        if page.kind == "home":
            node["about"] = ctx.ref(ids.organization_id(urls))
        elif page.kind == "team":
            node["about"] = ctx.ref(ids.organization_id(urls))
            node["mentions"] = ctx.refs(ids.person_id(urls, t.id) for t in ctx.site.therapists)
        elif page.kind == "about" and page.therapist is not None:
            node["mainEntity"] = ctx.ref(ids.person_id(urls, page.therapist.id))
        elif page.kind == "service" and page.service is not None:
            service = ctx.ref(ids.service_id(urls, page.service.id))
            node["mainEntity"] = service
            node["about"] = [service, *(condition(c) for c in page.service.conditions)]
        elif page.kind == "location" and page.location is not None:
            office = ctx.ref(ids.location_id(urls, page.location.id))
            node["mainEntity"] = office
            node["about"] = office
        elif page.article is not None:
            meta = page.article.meta
            node["mainEntity"] = ctx.ref(ids.article_id(page.url))
            node["about"] = [condition(c) for c in meta.about]
            node.update(_review(ctx, meta))
        return node


def _review(ctx: GraphContext, meta: FrontMatter) -> Node:
    """`lastReviewed` and `reviewedBy`, only when the front matter gives both."""
    if meta.reviewed_by is None or meta.last_reviewed is None:
        return {}
    return {
        "lastReviewed": meta.last_reviewed.isoformat(),
        "reviewedBy": _reviewer(ctx, meta.reviewed_by),
    }


def _reviewer(ctx: GraphContext, reviewer: str | Reviewer) -> Node | None:
    if isinstance(reviewer, str):
        return ctx.ref(ids.person_id(ctx.urls, reviewer))
    return {
        "@type": "Person",
        "name": reviewer.name,
        "jobTitle": reviewer.job_title,
        "url": reviewer.url,
    }


class BreadcrumbPiece(Piece):
    """The trail from the home page; positions count from 1."""

    name = "BreadcrumbList"

    def is_needed(self, ctx: GraphContext) -> bool:
        return ctx.site_wide and bool(ctx.page.breadcrumbs)

    def ids(self, ctx: GraphContext) -> tuple[str, ...]:
        return (ids.breadcrumb_id(ctx.page.url),)

    def generate(self, ctx: GraphContext) -> Node:
        return {
            "@type": "BreadcrumbList",
            "@id": ids.breadcrumb_id(ctx.page.url),
            "itemListElement": [
                {"@type": "ListItem", "position": position, "name": crumb.name, "item": crumb.url}
                for position, crumb in enumerate(ctx.page.breadcrumbs, start=1)
            ],
        }
