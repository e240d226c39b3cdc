"""Words in the content that California law or the FTC may object to: titles that imply state
licensing, fused CAMTC titles, cure and guarantee claims, diagnosis, physician wording,
contradicted mechanisms and "good pain". Negation counts: "it's not a panacea" is a disclaimer."""

from __future__ import annotations

import re
from collections.abc import Iterator

from ...geography import county_of, normalise_county
from ..context import CheckContext, TextUnit
from ..findings import RawFinding
from ..registry import register

CAMTC_003 = register(
    "CAMTC-003",
    "error",
    "A title that implies a state licence",
    why="California has no state massage licence; claiming to be licensed, or certified by a "
    "government agency, may violate the Massage Therapy Act.",
    source="Cal. Bus. & Prof. Code § 4611(a)(2)",
    fix='Use "CAMTC Certified Massage Therapist" with your certificate number.',
    family="California practice",
)
CAMTC_006 = register(
    "CAMTC-006",
    "warning",
    "Hour counts fused into the CAMTC title",
    why='CAMTC\'s title is "Certified Massage Therapist"; "Certified 900-Hour Massage '
    'Therapist" reads as a title CAMTC does not grant.',
    source="Cal. Bus. & Prof. Code § 4611(a)(1); CAMTC title rules",
    fix='Write "CAMTC Certified Massage Therapist #93004 · 900 hours of training".',
    family="California practice",
)
HC_001 = register(
    "HC-001",
    "error",
    "Cure or guarantee wording",
    why="Health claims need competent and reliable scientific evidence; cure and guarantee words "
    'are red flags. A negated word ("not a cure") is a disclaimer and does not count.',
    source="FTC Health Products Compliance Guidance (2022); Cal. Bus. & Prof. Code § 17500",
    fix="Describe what clients may feel, not outcomes; drop cure and guarantee words.",
    family="Health claims",
)
HC_002 = register(
    "HC-002",
    "error",
    "Diagnosis, or treating a named medical condition",
    why="Diagnosing, or claiming to treat a named disease or injury, may be practising medicine "
    "without a licence.",
    source="Cal. Bus. & Prof. Code § 2052",
    fix="Say massage may ease symptoms such as tension; refer diagnosis to a physician.",
    family="Health claims",
)
HC_003 = register(
    "HC-003",
    "error",
    "Wording or markup that implies a physician",
    why="Unlicensed practitioners may not imply being a physician, in words or in schema.org "
    "types such as Physician or MedicalClinic.",
    source="Cal. Bus. & Prof. Code § 2053.5(a)(8)",
    fix='Remove "Dr.", "physician", "clinic" wording and medical business types.',
    family="Health claims",
)
HC_004 = register(
    "HC-004",
    "warning",
    "A mechanism claim that the evidence contradicts",
    why='"Massage releases lactic acid" and "flushes toxins" are contradicted: massage '
    "impaired lactate removal after exercise (Wiltshire et al., Med Sci Sports Exerc "
    "2010;42(6):1062–71).",
    source="FTC Health Products Compliance Guidance (2022); Wiltshire et al. 2010",
    fix="Describe the felt effect (less tension) or cite a reference that supports the claim.",
    family="Health claims",
)
HC_009 = register(
    "HC-009",
    "warning",
    '"Good pain" wording',
    why="Telling clients that pain is good may discourage them from reporting pain that signals "
    "injury.",
    source="Massage therapy practice guidance on client communication",
    fix="Ask clients to report any pain; describe pressure as firm but comfortable.",
    family="Health claims",
)
LOCAL_002 = register(
    "LOCAL-002",
    "error",
    "A city named with the wrong county",
    why="Mount Shasta is in Siskiyou County, not Shasta County; a wrong county confuses readers "
    "and search engines about where the office is.",
    source="U.S. Census Bureau place-to-county data",
    fix="Name the county the city is in.",
    family="Local",
)

_NEGATION = re.compile(r"\b(?:not|never|no|nor|without|hardly)\b|n[’']t\b", re.I)
_CLAUSE_START = re.compile(r"[.;:!?]|\b(?:but|however|although|though)\b", re.I)
_CURE = re.compile(
    r"\b(?:cures?|cured|curing|guarantee[sd]?|guaranteeing|permanent(?:ly)? (?:relief|fix)|"
    r"eliminates? (?:all )?pain|100\s?%|miracle|miraculous|detox(?:ify|ification)?|"
    r"clinically proven|panacea)\b",
    re.I,
)
_CONDITIONS = (
    r"sciatica|fibromyalgia|arthritis|scoliosis|herniated discs?|disc herniations?|carpal tunnel"
    r"(?: syndrome)?|migraines?|depression|anxiety|cancer|diabetes|plantar fasciitis|tmj|"
    r"tendinitis|tendonitis|insomnia|hypertension|osteoporosis|multiple sclerosis"
)
_DIAGNOSIS = re.compile(
    rf"\bdiagnos(?:e|es|ed|ing|is)\b|\b(?:treats?|treating|treated|heals?|healing|fix(?:es)?)"
    rf"\s+(?:your\s+|my\s+|the\s+)?(?:{_CONDITIONS})\b",
    re.I,
)
_PHYSICIAN = re.compile(r"\bDr\.\s*[A-Z]|\bphysician\b|\bmedical doctor\b|\bM\.D\.|\bclinic\b")
_LICENSE = re.compile(
    r"\blicen[sc]ed massage (?:therapist|practitioner)s?\b|\bLMTs?\b|"
    r"\bstate[- ](?:licen[sc]ed|certified)\b",
    re.I,
)
_FUSED_TITLE = re.compile(
    r"\bcertified\s+\d[\d,]*[- ]hours?\s+(?:advanced\s+)?massage therapist\b", re.I
)
_MECHANISM = re.compile(
    r"\b(?:release|releases|released|releasing|flush(?:es|ed|ing)?|remov(?:e|es|ed|ing)|"
    r"clear(?:s|ed|ing)?)\b[^.]{0,40}\b(?:lactic acid|toxins)\b|"
    r"\b(?:lactic acid|toxins)\b[^.]{0,40}\b(?:released|flushed|removed|cleared)\b",
    re.I,
)
_GOOD_PAIN = re.compile(r"\bgood pain\b", re.I)
_CITY_COUNTY = re.compile(
    r"\b((?:Mt\.?|Mount)\s+Shasta|[A-Z][a-z]+(?: [A-Z][a-z]+)?),\s+"
    r"([A-Z][a-z]+(?: [A-Z][a-z]+)?) County\b"
)
_SUPPORT_WORDS = re.compile(r"lactate|lactic|toxin", re.I)
_CONTRADICTING_DOIS = {"10.1249/mss.0b013e3181c4f9b5"}


def _negated(text: str, start: int) -> bool:
    clause_start = 0
    for match in _CLAUSE_START.finditer(text, 0, start):
        clause_start = match.end()
    return _NEGATION.search(text, clause_start, start) is not None


def _quote(text: str, start: int, end: int) -> str:
    return text[start:end].strip()


def _scan(
    unit: TextUnit, pattern: re.Pattern[str], rule: str, message: str, *, skip_negated: bool = False
) -> Iterator[RawFinding]:
    for match in pattern.finditer(unit.text):
        if skip_negated and _negated(unit.text, match.start()):
            continue
        quoted = _quote(unit.text, match.start(), match.end())
        yield RawFinding(
            rule,
            unit.path,
            unit.line_at(match.start()),
            message.format(quote=quoted, field=unit.field),
        )


def check_titles(ctx: CheckContext) -> Iterator[RawFinding]:
    for unit in ctx.text_units():
        yield from _scan(
            unit,
            _LICENSE,
            CAMTC_003,
            "“{quote}” in {field} may imply a state licence; California has none "
            "(BPC § 4611(a)(2))",
        )
        yield from _scan(
            unit,
            _FUSED_TITLE,
            CAMTC_006,
            "“{quote}” in {field} fuses an hour count into the CAMTC title; write "
            "“CAMTC Certified Massage Therapist” and give the hours separately",
        )


def check_claims(ctx: CheckContext) -> Iterator[RawFinding]:
    for unit in ctx.text_units():
        yield from _scan(
            unit,
            _CURE,
            HC_001,
            "“{quote}” in {field} may be read as a cure or guarantee claim (FTC)",
            skip_negated=True,
        )
        yield from _scan(
            unit,
            _DIAGNOSIS,
            HC_002,
            "“{quote}” in {field} may claim to diagnose or treat a medical condition (BPC § 2052)",
            skip_negated=True,
        )
        yield from _scan(
            unit, _PHYSICIAN, HC_003, "“{quote}” in {field} may imply a physician (BPC § 2053.5)"
        )
        yield from _scan(
            unit,
            _GOOD_PAIN,
            HC_009,
            "“{quote}” in {field}: telling clients pain is good may keep them from reporting harm",
        )
        if unit.article is None or not _has_supporting_reference(unit):
            yield from _scan(
                unit,
                _MECHANISM,
                HC_004,
                "“{quote}” in {field} may be a contradicted mechanism claim: massage "
                "impaired lactate removal (Wiltshire et al., Med Sci Sports Exerc "
                "2010;42(6):1062–71)",
            )


def _has_supporting_reference(unit: TextUnit) -> bool:
    assert unit.article is not None
    for reference in unit.article.meta.references:
        if reference.doi and reference.doi.lower() in _CONTRADICTING_DOIS:
            continue
        if _SUPPORT_WORDS.search(f"{reference.title} {reference.journal or ''}"):
            return True
    return False


def check_counties(ctx: CheckContext) -> Iterator[RawFinding]:
    for unit in ctx.text_units():
        for match in _CITY_COUNTY.finditer(unit.text):
            expected = county_of(match.group(1))
            named = normalise_county(match.group(2))
            if expected and named != expected:
                yield RawFinding(
                    LOCAL_002,
                    unit.path,
                    unit.line_at(match.start()),
                    f"{match.group(1)} is in {expected} County, not {named} County",
                )


CHECKS = (check_titles, check_claims, check_counties)
