"""Health claims: cure and guarantee words, diagnosis and named conditions, physician wording and
markup, contradicted mechanisms, the disclaimer, and "good pain".

Heuristics on the practitioner's own words, in English or Spanish as the text's language says
(the wording is in :mod:`.claim_cues` and :mod:`.claim_cues_es`); another language is not read.
They flag, cite a source and say "may"; they never rewrite. Negation counts within its clause:
"it's not a panacea" and "no es una panacea" are disclaimers, not claims.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from functools import lru_cache
from itertools import chain
from typing import Any

from ...models import Article
from ...pages.model import PagePlan
from ...schema.vocab import load_vocabulary
from ..body_memo import body_findings
from ..context import Check, CheckContext, Cue, TextUnit
from ..findings import Once, RawFinding
from ..html_scan import ScannedPage
from ..registry import register
from .claim_cues import ENGLISH, ClaimCues
from .claim_cues_es import SPANISH

_FTC = "FTC Health Products Compliance Guidance (2022); Cal. Bus. & Prof. Code § 17500"
HC_001 = register(
    "HC-001",
    "error",
    "Cure or guarantee wording",
    explanation="Health claims need competent and reliable scientific evidence; cure and "
    'guarantee words are red flags. A negated word ("it\'s not a panacea") is a disclaimer and '
    "does not count.",
    source=_FTC,
    fix="Describe what clients may feel, not promised outcomes; drop cure and guarantee words.",
    family="Health claims",
    languages=("en", "es"),
)
HC_002 = register(
    "HC-002",
    "error",
    "Diagnosis, or treating a named medical condition",
    explanation="Diagnosing, or claiming to treat a named disease or injury, may be practising "
    "medicine without a licence.",
    source="Cal. Bus. & Prof. Code § 2052",
    fix="Say massage may ease symptoms such as muscle tension; refer diagnosis to a physician.",
    family="Health claims",
    languages=("en", "es"),
)
HC_003 = register(
    "HC-003",
    "error",
    "Wording or markup that implies a physician",
    explanation='"Dr." for the therapist, "physician", "medical doctor" or "clinic" wording, and '
    "schema.org types such as Physician or MedicalClinic may imply a physician, which an "
    "unlicensed practitioner may not do.",
    source="Cal. Bus. & Prof. Code § 2053.5(a)(8)",
    fix="Remove physician and clinic wording and medical business types; referrals "
    '("see your physician") are fine.',
    family="Health claims",
    languages=("en", "es"),
)
HC_004 = register(
    "HC-004",
    "warning",
    "A mechanism claim that the evidence contradicts",
    explanation='"Massage releases lactic acid" and "flushes toxins" are contradicted: massage '
    "impaired lactate removal after exercise (Wiltshire et al., Med Sci Sports Exerc "
    "2010;42(6):1062–71). An article that cites a supporting reference is not flagged.",
    source="Wiltshire EV et al., Med Sci Sports Exerc 2010;42(6):1062–71; " + _FTC,
    fix="Describe the felt effect (less tension), or cite a reference that supports the claim.",
    family="Health claims",
    languages=("en", "es"),
)
HC_007 = register(
    "HC-007",
    "error",
    "A health article without the disclaimer",
    explanation="Unlicensed complementary practitioners who advertise must disclose that they are "
    "not licensed by the state as healing-arts practitioners; an article about conditions or "
    "services needs the disclaimer most.",
    source="Cal. Bus. & Prof. Code § 2053.5(b)",
    fix="Keep the built-in disclaimer of article.html, or put one in your own template.",
    family="Health claims",
)
HC_009 = register(
    "HC-009",
    "warning",
    '"Good pain" wording',
    explanation="Telling clients that pain is good may keep them from reporting pain that "
    "signals injury.",
    source="Chou et al., Ann Intern Med 2007;147:478–91 (red flags); "
    "FTC Health Products Compliance Guidance (2022)",
    fix="Ask clients to report any pain; describe pressure as firm but comfortable.",
    family="Health claims",
    languages=("en", "es"),
)

_SUPPORT = re.compile(r"lactate|lactic|toxin|metabolic waste", re.I)
_CONTRADICTING_DOIS = frozenset({"10.1249/mss.0b013e3181c4f9b5"})
"""Wiltshire et al. 2010: it contradicts the claim, so citing it does not support it."""
MEDICAL_TYPES = frozenset(
    {
        "Physician",
        "MedicalClinic",
        "MedicalBusiness",
        "MedicalOrganization",
        "Hospital",
        "Dentist",
        "Pharmacy",
    }
)
DISCLAIMERS = (
    "not a substitute for medical",
    "does not replace medical",
    "not intended to diagnose",
    "no sustituye el diagnóstico",  # the theme's Spanish disclaimer (locale/es messages.po)
    "no reemplaza el diagnóstico",
)


def _shows(html: ScannedPage, phrase: str) -> bool:
    return html.shows(phrase) or phrase in html.visible_text.lower()


_LANGUAGES = {"en": ENGLISH, "es": SPANISH}


def cues_for(language: str) -> ClaimCues | None:
    """The claim wording of a BCP 47 language (``en-US``, ``es``), None for a language the rules
    do not read."""
    return _LANGUAGES.get(language.split("-")[0].lower())


_SENTENCE_END = re.compile(
    r"(?<!\bdr)(?<!\bdra)(?<!\bmr)(?<!\bmrs)(?<!\bms)(?<!\bsr)(?<!\bsra)(?<!\bst)(?<!\bmt)"
    r"(?<!\b\w)[.!?]\s+|\n"
)


def _sentence(text: str, start: int) -> tuple[str, str]:
    """The lower-case sentence around ``start``: the part before it and the part from it on (up
    to 120 characters either side). "Dr." and "M.D." do not end a sentence."""
    before = text[max(0, start - 120) : start].lower()
    after = text[start : start + 120].lower()
    ends = [match.end() for match in _SENTENCE_END.finditer(before)]
    end = _SENTENCE_END.search(after)
    return before[ends[-1] :] if ends else before, after[: end.start()] if end else after


class _Excuses:
    """The ``unless`` tests of the claim rules in one language."""

    def __init__(self, cues: ClaimCues) -> None:
        self.cues = cues

    def claim(self, text: str, start: int) -> bool:
        """Negated ("not a cure"), or a belief reported rather than made ("some believe massage
        flushes toxins")."""
        cues = self.cues
        return (
            cues.negated(text, start)
            or cues.hearsay.search(cues.clause_before(text, start, 6).lower()) is not None
        )

    def not_health(self, text: str, start: int) -> bool:
        """Negated, or a guarantee or promise about something other than health ("we guarantee
        clean linens", "I promise to answer within a day")."""
        if self.cues.negated(text, start):
            return True
        before, after = _sentence(text, start)
        return self.cues.health.search(before + after) is None

    def referral(self, text: str, start: int) -> bool:
        """Negated ("I am not a physician"), or a physician who is someone else: a referral
        ("see your physician") or a reviewer ("reviewed by a physician")."""
        cues = self.cues
        return (
            cues.negated(text, start)
            or cues.referral.search(cues.clause_before(text, start, 3)) is not None
            or cues.reviewer.search(_sentence(text, start)[0]) is not None
        )

    def clinic(self, text: str, start: int) -> bool:
        """ "Clinic" of our own business ("our clinic", "massage clinic") is reported; someone
        else's ("your doctor's clinic") is not."""
        if self.cues.own.search(self.cues.clause_before(text, start, 3).lower()) is not None:
            return self.cues.negated(text, start)
        return self.referral(text, start)

    def diagnosis(self, text: str, start: int) -> bool:
        """Negated ("I do not diagnose") or said of someone else ("your doctor can diagnose")."""
        cues = self.cues
        return (
            cues.negated(text, start)
            or cues.medical_subject.search(cues.clause_before(text, start, 6)) is not None
        )


_EXCUSES = {language: _Excuses(cues) for language, cues in _LANGUAGES.items()}


def _mechanisms(unit: TextUnit, cues: ClaimCues) -> Iterator[tuple[str, int | None]]:
    """Claims that massage releases or flushes lactic acid, lactate, toxins or metabolic waste:
    the substance, with a verb in the 40 characters before it or after it (same sentence)."""
    lower, text = unit.lower, unit.text
    for match in cues.substance.finditer(lower):
        start, end = match.span()
        before = cues.verb_before.search(lower, max(0, start - 60), start)
        if before is not None and (before.start() == 0 or not lower[before.start() - 1].isalnum()):
            start = before.start()
        else:
            after = cues.verb_after.match(lower, end, end + 60)
            if after is None:
                continue
            end = after.end()
        if not _EXCUSES[cues.language].claim(text, start):
            yield text[start:end], unit.line_at(start, end)


def _supported(article: Article | None) -> bool:
    """Whether the article cites a reference about lactate or toxins (other than the study that
    contradicts the claim)."""
    if article is None:
        return False
    for reference in article.meta.references:
        if reference.doi and reference.doi.lower() in _CONTRADICTING_DOIS:
            continue
        if _SUPPORT.search(f"{reference.title} {reference.journal or ''}"):
            return True
    return False


def _doctor(cues: ClaimCues, names: tuple[str, ...]) -> tuple[Cue, ...]:
    """The cue of "Dr." before a therapist's name ("Dr. Dustin"), in the language of ``cues``."""
    return _doctor_cue(cues.doctor_titles, names)


@lru_cache(maxsize=16)
def _doctor_cue(doctor_titles: str, names: tuple[str, ...]) -> tuple[Cue, ...]:
    """As :func:`_doctor`, cached by the titles' pattern: hashing the whole :class:`ClaimCues`
    (dozens of patterns and cue tuples) on every text cost more than the rest of the lookup."""
    parts = {p.lower() for name in names for p in name.split() if len(p) > 1}
    if not parts:
        return ()
    alternatives = "|".join(sorted(re.escape(part) for part in parts))
    return (Cue.of("dr dra doctor doctora", rf"{doctor_titles}\s+(?:{alternatives})\b"),)


def claim_findings(
    unit: TextUnit, cues: ClaimCues, therapists: tuple[str, ...] = ()
) -> Iterator[RawFinding]:
    """HC-001, HC-002, HC-003, HC-004 and HC-009 in one text, read with the wording of one
    language; ``therapists`` are the names that "Dr." must not precede."""
    where = f"in {unit.field}"
    excuses = _EXCUSES[cues.language]
    cure = chain(unit.hits(cues.cure, excuses.claim), unit.hits(cues.promise, excuses.not_health))
    for quote, line in cure:
        message = f"“{quote}” {where} may be read as a cure or guarantee claim, which needs competent and reliable scientific evidence (FTC; BPC § 17500)"
        yield RawFinding(HC_001, unit.path, line, message)
    for quote, line in unit.hits(cues.diagnosis, excuses.diagnosis):
        message = f"“{quote}” {where} may claim to diagnose or treat a medical condition, which may be practising medicine without a licence (BPC § 2052)"
        yield RawFinding(HC_002, unit.path, line, message)
    physician = chain(
        unit.hits(cues.physician, excuses.referral),
        unit.hits(cues.clinic, excuses.clinic),
        unit.hits(_doctor(cues, therapists)),
    )
    for quote, line in physician:
        message = f"“{quote}” {where} may imply a physician (BPC § 2053.5(a)(8))"
        yield RawFinding(HC_003, unit.path, line, message)
    for quote, line in unit.hits(cues.good_pain, cues.negated):
        message = f"“{quote}” {where}: telling clients pain is good may keep them from reporting pain that signals injury"
        yield RawFinding(HC_009, unit.path, line, message)
    if unit.has(cues.mechanism_words) and not _supported(unit.article):
        for quote, line in _mechanisms(unit, cues):
            message = f"“{quote}” {where} may be a contradicted mechanism claim: massage impaired lactate removal after exercise (Wiltshire et al., Med Sci Sports Exerc 2010;42(6):1062–71); cite a supporting reference or describe the felt effect"
            yield RawFinding(HC_004, unit.path, line, message)


class HealthClaimsCheck(Check):
    """Claims in every article and in practice.yaml; medical types and the disclaimer on pages."""

    page_anywhere = True

    def __init__(self, ctx: CheckContext) -> None:
        super().__init__(ctx)
        self.names = tuple(t.name for t in ctx.site.therapists)
        self.vocab = load_vocabulary()
        self.seen: dict[int, list[dict[str, Any]]] = {}

    def article(self, article: Article) -> Iterator[RawFinding]:
        *fields, body = self.ctx.article_units(article)
        for unit in fields:
            yield from self._claims(unit)
        # What the body's claims depend on besides its text (HC-004 only on `_supported`).
        options = [self._language(body), list(self.names), _supported(article)]
        yield from body_findings(self.ctx, article, "claims", options, self._claims)

    def page(self, page: PagePlan, html: ScannedPage | None) -> Iterable[RawFinding | Once]:
        article = page.article
        if article is not None:
            health = bool(article.meta.about or article.meta.services)
            if html is not None and health and not any(_shows(html, t) for t in DISCLAIMERS):
                key = "about" if article.meta.about else "services"
                line = self.ctx.key_line(article.source, key)
                message = "this health article shows no disclaimer that massage is not a substitute for medical diagnosis or treatment, which California may require (BPC § 2053.5(b))"
                yield RawFinding(HC_007, article.source, line, message)
        if html is not None:
            yield from self._medical_types(page, html.unseen_nodes(self.seen))

    def finish(self) -> Iterator[RawFinding]:
        for unit in self.ctx.practice_units:
            yield from self._claims(unit)

    def _language(self, unit: TextUnit) -> str:
        if unit.article is not None and unit.article.meta.language:
            return unit.article.meta.language
        return self.ctx.site.practice.language

    def _claims(self, unit: TextUnit) -> Iterator[RawFinding]:
        cues = cues_for(self._language(unit))
        if cues is not None:
            yield from claim_findings(unit, cues, self.names)

    def _medical(self, type_name: str) -> bool:
        """Whether a schema.org type declares a medical business or organisation (Physician,
        MedicalClinic, Hospital, Dentist…); MedicalWebPage and MedicalCondition do not."""
        return type_name in MEDICAL_TYPES or any(
            self.vocab.is_subtype(type_name, kind)
            for kind in ("MedicalBusiness", "MedicalOrganization")
        )

    def _medical_types(self, page: PagePlan, nodes: list[dict[str, Any]]) -> Iterator[Once]:
        for node in nodes:
            types = node.get("@type")
            names = (
                {types}
                if isinstance(types, str)
                else set(types)
                if isinstance(types, list)
                else set()
            )
            for name in sorted(n for n in names if self._medical(n)):
                node_id = str(node.get("@id", page.path))
                message = f"the structured data of {page.path} types {node_id} as `{name}`, which may imply a physician or medical practice (BPC § 2053.5(a)(8))"
                yield Once((HC_003, node_id, name), RawFinding(HC_003, page.path, None, message))


CHECKS = (HealthClaimsCheck,)
