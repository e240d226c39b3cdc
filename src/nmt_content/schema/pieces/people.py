"""The therapists, each with the credentials behind every claim of training."""

from __future__ import annotations

from ...models import Credential, Therapist
from ...pages.profiles import profile_path
from ...pages.words import Words
from ...urls import Urls
from .. import ids
from .base import GraphContext, Node, Piece
from .values import iso, plain_text

__all__ = ["PersonPiece"]


class PersonPiece(Piece):
    """One Person per therapist, working for the practice, with `hasCredential`."""

    name = "Person"

    def is_needed(self, ctx: GraphContext) -> bool:
        return ctx.site_wide

    def ids(self, ctx: GraphContext) -> tuple[str, ...]:
        found: list[str] = []
        for therapist in ctx.site.therapists:
            found.append(ids.person_id(ctx.urls, therapist.id))
            found += [
                ids.credential_id(ctx.urls, therapist.id, index)
                for index in range(len(therapist.credentials))
            ]
        return tuple(found)

    def generate(self, ctx: GraphContext) -> list[Node]:
        return [self._person(ctx, therapist) for therapist in ctx.site.therapists]

    def _person(self, ctx: GraphContext, therapist: Therapist) -> Node:
        urls, site = ctx.urls, ctx.site
        return {
            "@type": "Person",
            "@id": ids.person_id(urls, therapist.id),
            "name": therapist.name,
            "jobTitle": therapist.job_title,
            "description": plain_text(therapist.bio),
            "image": urls.absolute(therapist.image) if therapist.image else None,
            "url": urls.absolute(profile_path(site, urls, therapist)),
            "sameAs": list(therapist.same_as),
            "knowsAbout": list(therapist.knows_about),
            "knowsLanguage": list(therapist.languages),
            "worksFor": ctx.ref(ids.organization_id(urls)),
            "workLocation": ctx.refs(
                ids.location_id(urls, loc.id) for loc in site.offices_of(therapist)
            ),
            "hasCredential": [
                credential_node(urls, therapist, index, credential, ctx.words)
                for index, credential in enumerate(therapist.credentials)
            ],
        }


def credential_node(
    urls: Urls, therapist: Therapist, index: int, credential: Credential, _: Words
) -> Node:
    """An `EducationalOccupationalCredential`.

    `valid_from` is not written: schema.org defines `validFrom` for offers and certifications of
    products, not for this type, and validators would flag it. `expires` is defined (through
    CreativeWork) and is kept. A licence from a state's board is `validIn` that state.
    """
    issuer = credential.issuer
    return {
        "@type": "EducationalOccupationalCredential",
        "@id": ids.credential_id(urls, therapist.id, index),
        "name": credential.name,
        "credentialCategory": credential.category,
        "recognizedBy": (
            {
                "@type": "Organization",
                "name": issuer.name,
                "alternateName": issuer.short_name,
                "url": issuer.url,
            }
            if issuer
            else None
        ),
        "identifier": credential.identifier,
        "validIn": {"@type": "State", "name": credential.state} if credential.state else None,
        "expires": iso(credential.expires),
        "url": credential.verification_url,
        "description": (
            _("%(hours)s hours of training", hours=str(credential.hours))
            if credential.hours
            else None
        ),
    }
