"""California practice rules (Massage Therapy Act, Bus. & Prof. Code §§ 4600–4621): the certified
name and certificate number on every page that advertises, titles that imply a state licence,
"certified" after the CAMTC certificate has expired, hour counts fused into the CAMTC title, and
certificates that do not name their issuer."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from functools import partial

from ...models import Article, Credential, Therapist
from ...pages.model import PagePlan
from ..body_memo import body_findings
from ..context import PRACTICE_FILE, Check, CheckContext, Cue, TextUnit
from ..findings import RawFinding
from ..html_scan import ScannedPage
from ..registry import register
from ..text import is_negated
from .claim_cues import ClaimCues
from .health_claims import cues_for

_ACT = "Cal. Bus. & Prof. Code"
CAMTC_001 = register(
    "CAMTC-001",
    "error",
    "Certified name and CAMTC certificate number not visible on a page that advertises",
    explanation="CAMTC certificate holders must include the name under which they are "
    "certified and their certificate number in any and all advertising; every page of a "
    "practice site advertises, so each must show both as visible text, for every certified "
    "therapist it advertises: the author of an article, the therapist of a profile, those who "
    "give a service or work at an office, and everyone on the other pages.",
    source=f"{_ACT} § 4600 et seq. (Massage Therapy Act), as CAMTC states it at "
    "camtc.org/Consumers.aspx",
    fix="Keep the built-in header line (one therapist) or footer list (several: it shows each "
    "certified therapist's line), or print `certified_line` of each of `site.certified` in "
    "your own template; give each CAMTC certificate number (`identifier`) in practice.yaml.",
    family="California practice",
)
CAMTC_002 = register(
    "CAMTC-002",
    "warning",
    "A certificate that does not name its issuer",
    explanation="A school certificate shown without its issuer may be read as a state or CAMTC "
    "credential.",
    source=f"{_ACT} § 4611(a); FTC Act § 5 (deceptive claims)",
    fix="Add the issuing school as `issuer` of the credential in practice.yaml.",
    family="California practice",
)
CAMTC_003 = register(
    "CAMTC-003",
    "error",
    "A title that implies a state licence",
    explanation='California has no state massage licence; "licensed massage therapist", '
    '"LMT", "state-licensed" or "state-certified" may claim a licence or certification by a '
    "government agency.",
    source=f"{_ACT} § 4611(a)(2)",
    fix='Use "CAMTC Certified Massage Therapist" with the certificate number. A licence from '
    "another state's board is not a California claim: give it that board as `issuer` or set "
    "its `jurisdiction` (e.g. `OR`), and it is shown with the state and not reported.",
    family="California practice",
    languages=("en", "es"),
)
CAMTC_004 = register(
    "CAMTC-004",
    "error",
    '"Certified" or "CMT" while the CAMTC certificate has expired',
    explanation='"Certified", "CMT", "CMP" and other terms implying CAMTC certification may be '
    "used only while the certificate is active (it is renewed every two years).",
    source=f"{_ACT} § 4611(a)(1)",
    fix="Renew the certificate and update `expires`, or stop using certified titles.",
    family="California practice",
    languages=("en",),
)
CAMTC_005 = register(
    "CAMTC-005",
    "info",
    "CAMTC certificate expiry unknown",
    explanation="Without the certificate's `expires` date, `check` cannot tell whether "
    "certified titles are still allowed (the companion of CAMTC-004).",
    source=f"{_ACT} § 4611(a)(1)",
    fix="Add the certificate's `expires` date to practice.yaml.",
    family="California practice",
)
CAMTC_006 = register(
    "CAMTC-006",
    "warning",
    "Hour counts fused into the CAMTC title",
    explanation='CAMTC\'s title is "Certified Massage Therapist"; "Certified 900-Hour Massage '
    'Therapist" reads as a title CAMTC does not grant.',
    source=f"{_ACT} § 4611(a)(1); CAMTC certification titles",
    fix='Write "CAMTC Certified Massage Therapist #93004 · 900 hours of training".',
    family="California practice",
    languages=("en", "es"),
)

# Lower-case patterns that start with a literal, each run only when the text has its words.
_CERTIFIED = (Cue.of("certified", r"certified\b"), Cue.of("cmt cmts cmp cmps", r"cm[tp]s?\b"))


def title_findings(unit: TextUnit, cues: ClaimCues, licence: bool = True) -> Iterator[RawFinding]:
    """CAMTC-003 (unless ``licence`` is False: a licence from another state) and CAMTC-006 in
    one text, read with the wording of one language."""
    where = f"in {unit.field}"
    for quote, line in unit.hits(cues.licence, cues.negated) if licence else ():
        message = f"“{quote}” {where} may claim a state licence; California has no massage licence (BPC § 4611(a)(2))"
        yield RawFinding(CAMTC_003, unit.path, line, message)
    for quote, line in unit.hits(cues.fused):
        message = f"“{quote}” {where} fuses an hour count into the CAMTC title and may read as a title CAMTC does not grant; write “CAMTC Certified Massage Therapist” and give the hours separately (BPC § 4611(a)(1))"
        yield RawFinding(CAMTC_006, unit.path, line, message)


class CaliforniaCheck(Check):
    """CAMTC rules over pages, practice.yaml and every article."""

    page_anywhere = True

    def __init__(self, ctx: CheckContext) -> None:
        super().__init__(ctx)
        self.certified: dict[str, tuple[str, str]] = {}
        """Therapist id → (certified name, certificate number), for each with a CAMTC number."""
        self.expired: dict[str, Credential] = {}
        """Therapist id → their expired CAMTC certificate."""
        for therapist in ctx.site.therapists:
            credential = therapist.camtc_credential
            if credential is None:
                continue
            if credential.identifier:
                self.certified[therapist.id] = (therapist.name, credential.identifier)
            if credential.expires is not None and credential.expires < ctx.today:
                self.expired[therapist.id] = credential
        self.everyone_expired = bool(self.expired) and all(
            t.id in self.expired for t in ctx.site.therapists if t.camtc_credential is not None
        )
        self.out_of_state = {
            f"therapists[{i}].credentials[{j}].name"
            for i, therapist in enumerate(ctx.site.therapists)
            for j, credential in enumerate(therapist.credentials)
            if credential.out_of_state
        }
        """The fields of licences from another state's board, which claim no California licence."""

    def article(self, article: Article) -> Iterator[RawFinding]:
        author = self.ctx.site.author_of(article).id
        *fields, body = self.ctx.article_units(article)
        for unit in fields:
            yield from self._titles(unit, author)
        expired = self._expired(body, author)
        options = [self._language(body), str(expired.expires) if expired else None]
        find = partial(self._titles, therapist=author)
        yield from body_findings(self.ctx, article, "titles", options, find)

    def _advertised(self, page: PagePlan) -> Iterable[Therapist]:
        """The therapists a page advertises (whose certified line it must show)."""
        site = self.ctx.site
        if page.article is not None:
            return (site.author_of(page.article),)
        if page.kind == "about" and page.therapist is not None:
            return (page.therapist,)
        if page.service is not None:
            return site.therapists_of(page.service)
        if page.location is not None:
            return site.therapists_at(page.location)
        return site.therapists

    def page(self, page: PagePlan, html: ScannedPage | None) -> Iterable[RawFinding]:
        if html is None:
            return
        shown = (self.certified.get(t.id) for t in self._advertised(page))
        for name, number in (pair for pair in shown if pair is not None):
            if not (html.shows(name) and html.shows(number)):
                message = f"{page.path} does not show “{name}” and CAMTC certificate #{number} as visible text; California may require both in all advertising (BPC § 4600 et seq.)"
                yield RawFinding(CAMTC_001, page.path, None, message)

    def finish(self) -> Iterator[RawFinding]:
        ctx = self.ctx
        therapists = [t.id for t in ctx.site.therapists]
        for unit in ctx.practice_units:
            owner = next(
                (t for i, t in enumerate(therapists) if unit.field.startswith(f"therapists[{i}].")),
                None,
            )
            yield from self._titles(unit, owner)
        for i, therapist in enumerate(ctx.site.therapists):
            camtc = therapist.camtc_credential
            for j, credential in enumerate(therapist.credentials):
                line = ctx.practice_line("therapists", i, "credentials", j)
                if credential.issuer is None:
                    message = f"the credential “{credential.name}” of {therapist.name} names no issuer; readers may take it for a state or CAMTC credential"
                    yield RawFinding(CAMTC_002, PRACTICE_FILE, line, message)
                if credential is not camtc:
                    continue
                if not credential.identifier:
                    message = f"the CAMTC credential of {therapist.name} has no certificate number (`identifier`), which California may require in all advertising"
                    yield RawFinding(CAMTC_001, PRACTICE_FILE, line, message)
                if credential.expires is None:
                    message = f"the CAMTC certificate of {therapist.name} has no `expires` date, so `check` cannot tell whether “certified” may still be used (BPC § 4611(a)(1))"
                    yield RawFinding(CAMTC_005, PRACTICE_FILE, line, message)
                elif credential.expires < ctx.today:
                    message = f"the CAMTC certificate of {therapist.name} expired on {credential.expires}; pages that still say “certified” may violate BPC § 4611(a)(1)"
                    yield RawFinding(CAMTC_004, PRACTICE_FILE, line, message)

    def _language(self, unit: TextUnit) -> str:
        if unit.article is not None and unit.article.meta.language:
            return unit.article.meta.language
        return self.ctx.site.practice.language

    def _expired(self, unit: TextUnit, therapist: str | None) -> Credential | None:
        """The expired CAMTC certificate whose certified titles ``unit`` may not use (None when
        it may use them, or is a credential's own text, which CAMTC-004 reports itself)."""
        if ".credentials[" in unit.field:
            return None
        credential = self.expired.get(therapist) if therapist else None
        if credential is None and self.everyone_expired:
            credential = next(iter(self.expired.values()))
        return credential

    def _titles(self, unit: TextUnit, therapist: str | None) -> Iterator[RawFinding]:
        """Title rules over one text; ``therapist`` is the id of whom it speaks for (the
        article's author, the therapist of a practice.yaml entry), None for the practice."""
        where = f"in {unit.field}"
        cues = cues_for(self._language(unit))
        if cues is not None:
            yield from title_findings(unit, cues, unit.field not in self.out_of_state)
        credential = self._expired(unit, therapist)
        if credential is not None:
            expired = credential.expires
            for quote, line in unit.hits(_CERTIFIED, is_negated):
                message = f"“{quote}” {where} while the CAMTC certificate expired on {expired}; certified titles may be used only while it is active (BPC § 4611(a)(1))"
                yield RawFinding(CAMTC_004, unit.path, line, message)


CHECKS = (CaliforniaCheck,)
