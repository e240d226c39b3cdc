"""Health claims: cure and guarantee words, diagnosis and named conditions, physician wording and
markup, contradicted mechanisms, the disclaimer, and "good pain".

English heuristics on the practitioner's own words: they flag, cite a source and say "may"; they
never rewrite. Negation counts within its clause: "it's not a panacea" is a disclaimer, not a claim.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from itertools import chain
from typing import Any

from ...models import Article
from ...pages.model import PagePlan
from ...schema.vocab import load_vocabulary
from ..context import Check, CheckContext, Cue, TextUnit
from ..findings import Once, RawFinding
from ..html_scan import ScannedPage
from ..registry import register
from ..text import clause_before, is_negated, words

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
)

_OBJECT = r"\s+(?:your\s+|my\s+|the\s+|their\s+)?"
_CONDITIONS = (
    r"(?:sciatica|fibromyalgia|(?:rheumatoid\s+|osteo)?arthritis|scoliosis|(?:herniated|bulging|"
    r"slipped)\s+discs?|disc\s+herniations?|degenerative\s+disc\s+disease|carpal\s+tunnel"
    r"(?:\s+syndrome)?|thoracic\s+outlet\s+syndrome|plantar\s+fasciitis|tmj|tmd|migraines?|"
    r"depression|anxiety|cancer|diabetes|insomnia|hypertension|high\s+blood\s+pressure|"
    r"osteoporosis|multiple\s+sclerosis|parkinson[’']?s|whiplash|concussions?|lupus|neuropathy|"
    r"sleep\s+apnea|ptsd|adhd|asthma|infertility|tendinitis|tendonitis|bursitis|epicondylitis|"
    r"sinusitis|(?:[\w’'-]+\s+){0,2}(?:diseases?|disorders?|syndromes?|injury|injuries))\b"
)
_CONDITION_WORDS = (
    "sciatica fibromyalgia arthritis osteoarthritis scoliosis disc discs herniation herniations "
    "tunnel fasciitis tmj tmd migraine migraines depression anxiety cancer diabetes insomnia "
    "hypertension blood osteoporosis sclerosis parkinsons whiplash concussion concussions lupus "
    "neuropathy apnea ptsd adhd asthma infertility tendinitis tendonitis bursitis epicondylitis "
    "sinusitis disease diseases disorder disorders syndrome syndromes injury injuries"
)
# Each cue's pattern runs on lower-case text and starts with a literal, and only when the text
# has one of its words: a word look-up costs far less than a pattern pass over an article.
_CURE = (
    Cue.of("cure cures cured", r"cure(?:s|d|-alls?)?(?![\w-])"),
    Cue.of("curing", r"curing\b"),
    Cue.of("guarantee guarantees guaranteed guaranteeing", r"guarantee(?:s|d|ing)?\b"),
    Cue.of("panacea panaceas", r"panaceas?\b"),
    Cue.of("miracle miracles miraculous miraculously", r"mirac(?:les?|ulous(?:ly)?)\b"),
    Cue.of("detox detoxify detoxifies detoxification detoxifying detoxing", r"detox\w*"),
    Cue.of("permanent permanently", r"permanent(?:ly)?\s+(?:relief|fix(?:es)?|results?|cures?)\b"),
    Cue.of(
        "eliminate eliminates eliminated eliminating",
        r"eliminat(?:e|es|ed|ing)\s+(?:all\s+|your\s+|the\s+)?pain\b",
    ),
    Cue.of("toxins", r"flush(?:es|ed|ing)?\s+(?:out\s+)?(?:the\s+|your\s+)?toxins\b"),
    Cue.of("clinically", r"clinically\s+proven\b"),
    Cue.of("scientifically", r"scientifically\s+proven\b"),
    Cue.of("medically", r"medically\s+proven\b"),
    Cue.of("100", r"100(?:\s?%|\s+percent\b)"),
)
_DIAGNOSIS = (
    Cue.of(
        "diagnose diagnoses diagnosing diagnosis diagnostic diagnostics",
        r"diagnos(?:e|es|ing|is|tic|tics)\b",
    ),
    Cue.of(
        "treat treats treating treatment",
        rf"treat(?:s|ing|ment\s+(?:of|for))?{_OBJECT}{_CONDITIONS}",
        _CONDITION_WORDS,
    ),
    Cue.of("heal heals healing", rf"heal(?:s|ing)?{_OBJECT}{_CONDITIONS}", _CONDITION_WORDS),
    Cue.of("cure cures curing", rf"cur(?:e|es|ing){_OBJECT}{_CONDITIONS}", _CONDITION_WORDS),
    Cue.of("fix fixes fixing", rf"fix(?:es|ing)?{_OBJECT}{_CONDITIONS}", _CONDITION_WORDS),
    Cue.of(
        "resolve resolves resolving", rf"resolv(?:e|es|ing){_OBJECT}{_CONDITIONS}", _CONDITION_WORDS
    ),
    Cue.of(
        "reverse reverses reversing", rf"revers(?:e|es|ing){_OBJECT}{_CONDITIONS}", _CONDITION_WORDS
    ),
)
_PHYSICIAN = (
    Cue.of("physician physicians", r"physicians?\b"),
    Cue.of("medical", r"medical\s+(?:doctors?|clinics?|cent(?:er|re)s?|practices?)\b"),
    Cue.of("clinic clinics", r"clinics?\b"),
    Cue.of("m", r"m\.\s?d\.", "d"),
)
_GOOD_PAIN = (
    Cue.of("good", r"good\s+pain\b", "pain"),
    Cue.of("hurt hurts", r"hurts?\s+so\s+good\b"),
    Cue.of("gain", r"no\s+pain,?\s+no\s+gain\b"),
    Cue.of("pain", r"pain\s+is\s+good\b", "good"),
)
_MECHANISM_WORDS = words("lactic lactate toxin toxins waste")
_SUBSTANCE = re.compile(r"lactic\s+acid|lactate|toxins?\b|metabolic\s+waste")
_VERB_BEFORE = re.compile(
    r"(?:releas|flush|remov|clear|drain|eliminat|break\w*\s+(?:up|down)|squeez\w*\s+out|"
    r"get\w*\s+rid\s+of)\w*[^.!?\n]{0,40}$"
)
_VERB_AFTER = re.compile(
    r"[^.!?\n]{0,40}?\b(?:released|flushed|removed|cleared|drained|eliminated)\b"
)
_REFERRAL_CUE = re.compile(
    r"\b(?:see|seeing|consult|consulting|ask|tell|contact|visit|call|check|talk|speak|refer\w*|"
    r"your|their|his|her|from|by|with|other|another|a\s+doctor[’']s)\b",
    re.I,
)
_MEDICAL_SUBJECT = re.compile(
    r"\b(?:doctors?|physicians?|providers?|clinicians?|GPs?|specialists?|nurses?|chiropractors?|"
    r"(?:medical|health\s*care)\s+professionals?|physical\s+therapists?)\b",
    re.I,
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
)


def _shows(html: ScannedPage, phrase: str) -> bool:
    return html.shows(phrase) or phrase in html.visible_text.lower()


def _referral(text: str, start: int) -> bool:
    return _REFERRAL_CUE.search(clause_before(text, start, 3)) is not None


def _diagnosis_excused(text: str, start: int) -> bool:
    """Negated ("I do not diagnose") or said of someone else ("your doctor can diagnose")."""
    return (
        is_negated(text, start) or _MEDICAL_SUBJECT.search(clause_before(text, start)) is not None
    )


def _mechanisms(unit: TextUnit) -> Iterator[tuple[str, int | None]]:
    """Claims that massage releases or flushes lactic acid, lactate, toxins or metabolic waste:
    the substance, with a verb in the 40 characters before it or after it (same sentence)."""
    lower, text = unit.lower, unit.text
    for match in _SUBSTANCE.finditer(lower):
        start, end = match.span()
        before = _VERB_BEFORE.search(lower, max(0, start - 60), start)
        if before is not None and (before.start() == 0 or not lower[before.start() - 1].isalnum()):
            start = before.start()
        else:
            after = _VERB_AFTER.match(lower, end, end + 60)
            if after is None:
                continue
            end = after.end()
        if not is_negated(text, start):
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


class HealthClaimsCheck(Check):
    """Claims in every article and in practice.yaml; medical types and the disclaimer on pages."""

    page_anywhere = True

    def __init__(self, ctx: CheckContext) -> None:
        super().__init__(ctx)
        names = {p.lower() for t in ctx.site.therapists for p in t.name.split() if len(p) > 1}
        alternatives = "|".join(sorted(re.escape(name) for name in names))
        doctor = Cue.of("dr doctor", rf"(?:dr\.?|doctor)\s+(?:{alternatives})\b")
        self.doctor = (doctor,) if names else ()
        self.vocab = load_vocabulary()
        self.seen: dict[int, list[dict[str, Any]]] = {}

    def article(self, article: Article) -> Iterator[RawFinding]:
        for unit in self.ctx.article_units(article):
            yield from self._claims(unit)

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

    def _claims(self, unit: TextUnit) -> Iterator[RawFinding]:
        where = f"in {unit.field}"
        for quote, line in unit.hits(_CURE, is_negated):
            message = f"“{quote}” {where} may be read as a cure or guarantee claim, which needs competent and reliable scientific evidence (FTC; BPC § 17500)"
            yield RawFinding(HC_001, unit.path, line, message)
        for quote, line in unit.hits(_DIAGNOSIS, _diagnosis_excused):
            message = f"“{quote}” {where} may claim to diagnose or treat a medical condition, which may be practising medicine without a licence (BPC § 2052)"
            yield RawFinding(HC_002, unit.path, line, message)
        physician = chain(unit.hits(_PHYSICIAN, _referral), unit.hits(self.doctor))
        for quote, line in physician:
            message = f"“{quote}” {where} may imply a physician (BPC § 2053.5(a)(8))"
            yield RawFinding(HC_003, unit.path, line, message)
        for quote, line in unit.hits(_GOOD_PAIN, is_negated):
            message = f"“{quote}” {where}: telling clients pain is good may keep them from reporting pain that signals injury"
            yield RawFinding(HC_009, unit.path, line, message)
        if unit.has(_MECHANISM_WORDS) and not _supported(unit.article):
            for quote, line in _mechanisms(unit):
                message = f"“{quote}” {where} may be a contradicted mechanism claim: massage impaired lactate removal after exercise (Wiltshire et al., Med Sci Sports Exerc 2010;42(6):1062–71); cite a supporting reference or describe the felt effect"
                yield RawFinding(HC_004, unit.path, line, message)

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
