"""The wording the claim rules look for, one table per language (English and Spanish).

Each cue's pattern runs on lower-case text and only when the text has one of its trigger words: a
word look-up costs far less than a pattern pass over an article. Trigger words are written as
:func:`~nmt_content.checks.text.word_tokens` sees them (accented letters left out: "curación" is
looked up as "curacin"), so each table lists them in plain spelling and :func:`cue` converts them.
Everything is compiled once, at import.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from ..context import Cue
from ..text import clause_before, is_negated, word_tokens

__all__ = ["ENGLISH", "ClaimCues", "cue"]

Negation = Callable[[str, int], bool]


def cue(words: str, pattern: str, also: str = "") -> Cue:
    """A cue whose trigger words are tokenised as the text's words are."""
    return Cue.of(" ".join(word_tokens(words)), pattern, " ".join(word_tokens(also)))


@dataclass(frozen=True)
class ClaimCues:
    """What the health-claim and title rules look for in one language."""

    language: str
    """The primary language subtag: ``en``, ``es``."""
    negated: Negation
    clause_before: Callable[[str, int, int], str]
    cure: tuple[Cue, ...]
    """HC-001, dropped when negated."""
    promise: tuple[Cue, ...]
    """HC-001 words that are claims only in a sentence about health ("guarantee", "promise")."""
    health: re.Pattern[str]
    """Health and outcome words that make a guarantee or promise a health claim."""
    not_health: re.Pattern[str]
    """Things a business may guarantee that are not health outcomes (linens, the booking)."""
    diagnosis: tuple[Cue, ...]
    medical_subject: re.Pattern[str]
    """Someone else who may diagnose ("your doctor can diagnose")."""
    physician: tuple[Cue, ...]
    clinic: tuple[Cue, ...]
    own: re.Pattern[str]
    """Words before "clinic" that make it our own business ("our clinic", "massage clinic")."""
    referral: re.Pattern[str]
    """Words just before a physician word that name someone else ("see your physician")."""
    reviewer: re.Pattern[str]
    """Words earlier in the sentence that make a physician a reviewer or a referral."""
    doctor_titles: str
    """The pattern of "Dr." titles put before the therapist's name."""
    good_pain: tuple[Cue, ...]
    mechanism_words: frozenset[str]
    substance: re.Pattern[str]
    verb_before: re.Pattern[str]
    verb_after: re.Pattern[str]
    hearsay: re.Pattern[str]
    """Words that report a belief instead of making the claim ("some believe", "the myth that")."""
    licence: tuple[Cue, ...]
    fused: tuple[Cue, ...]


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
_THERAPIST = r"massage\s+(?:therapist|practitioner)s?\b"
_HOURS = r"\d[\d,]*[-\s]?hours?"

ENGLISH = ClaimCues(
    language="en",
    negated=is_negated,
    clause_before=clause_before,
    cure=(
        cue("cure cures cured", r"cure(?:s|d|-alls?)?(?![\w-])"),
        cue("curing", r"curing\b"),
        cue("panacea panaceas", r"panaceas?\b"),
        cue("miracle miracles miraculous miraculously", r"mirac(?:les?|ulous(?:ly)?)\b"),
        cue("detox detoxify detoxifies detoxification detoxifying detoxing", r"detox\w*"),
        cue("permanent permanently", r"permanent(?:ly)?\s+(?:relief|fix(?:es)?|results?|cures?)\b"),
        cue(
            "eliminate eliminates eliminated eliminating",
            r"eliminat(?:e|es|ed|ing)\s+(?:all\s+|your\s+|the\s+)?pain\b",
        ),
        cue("toxins", r"flush(?:es|ed|ing)?\s+(?:out\s+)?(?:the\s+|your\s+)?toxins\b"),
        cue("clinically", r"clinically\s+proven\b"),
        cue("scientifically", r"scientifically\s+proven\b"),
        cue("medically", r"medically\s+proven\b"),
        cue("100", r"100(?:\s?%|\s+percent\b)"),
        cue("pain", r"pain[-\s]?free\b", "free"),
        cue("painfree", r"painfree\b"),
        cue(
            "forever",
            r"(?:gone|free|rid|relief|relieved|banish\w*|end\w*|fix\w*|away|disappear\w*|cured?|"
            r"healed|vanish\w*)\s+(?:[\w’'-]+\s+){0,4}?forever\b",
        ),
        cue("forever", r"forever\s+(?:free|rid|relie\w+|pain[-\s]?free|healed|cured)\b"),
        cue("goodbye farewell", r"(?:say|said|saying|bid)\s+(?:goodbye|farewell)\s+to\b"),
        cue("goodbye", r"kiss\s+(?:[\w’'-]+\s+){0,3}?goodbye\b"),
    ),
    promise=(
        cue("guarantee guarantees guaranteed guaranteeing", r"guarantee(?:s|d|ing)?\b"),
        cue("promise promises promised promising", r"promis(?:e|es|ed|ing)\b"),
    ),
    health=re.compile(
        r"\b(?:pain\w*|relie\w+|results?|better|feel\w*|heal\w*|cur\w+|fix\w*|recover\w*|"
        r"tension|aches?|injur\w*|headaches?|stress|symptoms?|outcomes?|improve\w*|"
        r"mobility|sleep|back|neck|shoulders?)\b"
    ),
    not_health=re.compile(
        r"\b(?:linens?|towels?|table|appointments?|booking|book|slot|time|price|prices|rates?|"
        r"refunds?|money[-\s]back|satisfaction|gift|cards?|parking|privacy|confidential\w*|"
        r"e-?mail|reply|answer|punctual\w*|clean\w*|spot)\b"
    ),
    diagnosis=(
        cue(
            "diagnose diagnoses diagnosing diagnosis diagnostic diagnostics",
            r"diagnos(?:e|es|ing|is|tic|tics)\b",
        ),
        cue(
            "treat treats treating treatment",
            rf"treat(?:s|ing|ment\s+(?:of|for))?{_OBJECT}{_CONDITIONS}",
            _CONDITION_WORDS,
        ),
        cue("heal heals healing", rf"heal(?:s|ing)?{_OBJECT}{_CONDITIONS}", _CONDITION_WORDS),
        cue("cure cures curing", rf"cur(?:e|es|ing){_OBJECT}{_CONDITIONS}", _CONDITION_WORDS),
        cue("fix fixes fixing", rf"fix(?:es|ing)?{_OBJECT}{_CONDITIONS}", _CONDITION_WORDS),
        cue(
            "resolve resolves resolving",
            rf"resolv(?:e|es|ing){_OBJECT}{_CONDITIONS}",
            _CONDITION_WORDS,
        ),
        cue(
            "reverse reverses reversing",
            rf"revers(?:e|es|ing){_OBJECT}{_CONDITIONS}",
            _CONDITION_WORDS,
        ),
    ),
    medical_subject=re.compile(
        r"\b(?:doctors?|physicians?|providers?|clinicians?|GPs?|specialists?|nurses?|"
        r"chiropractors?|(?:medical|health\s*care)\s+professionals?|physical\s+therapists?)\b",
        re.I,
    ),
    physician=(
        cue("physician physicians", r"physicians?\b"),
        cue("medical", r"medical\s+(?:doctors?|cent(?:er|re)s?|practices?)\b"),
        cue("m", r"m\.\s?d\.", "d"),
    ),
    clinic=(cue("clinic clinics", r"(?:medical\s+)?clinics?\b"),),
    own=re.compile(
        r"\b(?:our|my|we|us|massage|wellness|therapy|bodywork|pain|spine|healing|medical)\s*$"
    ),
    referral=re.compile(
        r"\b(?:see|seeing|consult|consulting|ask|tell|contact|visit|call|check|talk|speak|"
        r"refer\w*|your|their|his|her|from|by|with|other|another|a\s+doctor[’']s)\b",
        re.I,
    ),
    reviewer=re.compile(
        r"\b(?:review\w*|refer\w*|recommend\w*|prescri\w*|approv\w*|clearance|cleared|"
        r"written\s+by|checked\s+by)\b",
        re.I,
    ),
    doctor_titles=r"(?:dr\.?|doctor)",
    good_pain=(
        cue("good", r"good\s+pain\b", "pain"),
        cue("hurt hurts", r"hurts?\s+so\s+good\b"),
        cue("gain", r"no\s+pain,?\s+no\s+gain\b"),
        cue("pain", r"pain\s+is\s+good\b", "good"),
        cue(
            "means",
            r"pain\s+means\s+(?:that\s+)?(?:it|the\s+\w+|we)(?:[’']s|\s+is|[’']re|\s+are)\s+working\b",
            "pain",
        ),
        cue(
            "hurts",
            r"if\s+it\s+hurts,?\s+(?:it|that)(?:[’']s|\s+is|\s+means)\s+(?:it[’']s\s+)?working\b",
        ),
        cue("hurts", r"the\s+more\s+it\s+hurts\b"),
    ),
    mechanism_words=frozenset(word_tokens("lactic lactate toxin toxins waste")),
    substance=re.compile(r"lactic\s+acid|lactate|toxins?\b|metabolic\s+waste"),
    verb_before=re.compile(
        r"(?:releas|flush|remov|clear|drain|eliminat|break\w*\s+(?:up|down)|squeez\w*\s+out|"
        r"get\w*\s+rid\s+of)\w*[^.!?\n]{0,40}$"
    ),
    verb_after=re.compile(
        r"[^.!?\n]{0,40}?\b(?:released|flushed|removed|cleared|drained|eliminated)\b"
    ),
    hearsay=re.compile(
        r"\b(?:myths?|believe[sd]?|belief|claim\s+that|it\s+is\s+said|supposedly)\b"
    ),
    licence=(
        cue(
            "licensed licenced",
            rf"licen[sc]ed\s+(?:{_THERAPIST}|by\s+(?:the\s+)?state\b)",
        ),
        cue("license licence", r"massage\s+licen[sc]e\b"),
        cue("lmt lmts", r"lmts?\b"),
        cue(
            "state",
            r"state[-\s](?:licen[sc]ed|certified|registered)\b",
            "licensed licenced certified registered",
        ),
    ),
    fused=(
        cue(
            "certified", rf"certified\s+{_HOURS}\s+(?:[a-z]+\s+){{0,2}}?{_THERAPIST}", "hour hours"
        ),
        cue("certified", rf"{_HOURS}\s+certified\s+{_THERAPIST}", "hour hours"),
    ),
)
