"""The Spanish wording of the claim rules (see :mod:`.claim_cues`), written as a
Spanish-speaking practice writes its marketing: "curamos la ciática", "resultados garantizados",
"di adiós al dolor", "masajista con licencia estatal". Negation is Spanish too: "no es una
panacea" and "no podemos garantizar" are disclaimers, not claims."""

from __future__ import annotations

import re

from ..text import word_tokens
from ..text_es import clause_before_es, is_negated_es
from .claim_cues import ClaimCues, cue

__all__ = ["SPANISH"]

_OBJECT = r"\s+(?:(?:la|el|las|los|su|sus|tu|tus)\s+)?"
_CONDITIONS = (
    r"(?:ci[aá]tica|fibromialgia|artritis(?:\s+reumatoide)?|artrosis|osteoartritis|escoliosis|"
    r"hernias?\s+(?:de\s+disco|discal(?:es)?)|discos?\s+herniados?|t[uú]nel\s+carpiano|"
    r"s[ií]ndrome\s+del\s+t[uú]nel\s+carpiano|fascitis\s+plantar|migra[nñ]as?|depresi[oó]n|"
    r"ansiedad|c[aá]ncer|diabetes|insomnio|hipertensi[oó]n|presi[oó]n\s+alta|osteoporosis|"
    r"esclerosis\s+m[uú]ltiple|p[aá]rkinson|latigazo\s+cervical|conmoci[oó]n(?:\s+cerebral)?|"
    r"lupus|neuropat[ií]as?|apnea\s+del\s+sue[nñ]o|asma|infertilidad|tendinitis|bursitis|"
    r"epicondilitis|sinusitis|(?:enfermedad|trastorno|s[ií]ndrome|lesi[oó]n)(?:es|s)?"
    r"(?:\s+[\wáéíóúñ]+){0,2})\b"
)
_CONDITION_WORDS = (
    "ciática fibromialgia artritis artrosis osteoartritis escoliosis hernia hernias discos disco "
    "herniados carpiano fascitis migraña migrañas depresión ansiedad cáncer diabetes insomnio "
    "hipertensión presión osteoporosis esclerosis párkinson latigazo conmoción lupus neuropatía "
    "neuropatías apnea asma infertilidad tendinitis bursitis epicondilitis sinusitis enfermedad "
    "enfermedades trastorno trastornos síndrome lesión lesiones"
)
_THERAPIST = r"(?:masajistas?|terapeutas?\s+de\s+masajes?)"
_HOURS = r"\d[\d.,]*\s+horas"

SPANISH = ClaimCues(
    language="es",
    negated=is_negated_es,
    clause_before=clause_before_es,
    cure=(
        cue(
            "cura curan curamos curar curación curativo curativa",
            r"cura(?:n|mos|r|ci[oó]n|tiv[oa]s?)?\b",
        ),
        cue("panacea panaceas", r"panaceas?\b"),
        cue(
            "milagro milagros milagroso milagrosa milagrosos milagrosas",
            r"milagr(?:os?|os[oa]s?)\b",
        ),
        cue(
            "desintoxica desintoxicar desintoxicación desintoxicante detox",
            r"(?:desintoxica\w*|detox\w*)",
        ),
        cue(
            "permanente permanentes permanentemente definitivo definitiva definitivamente",
            r"(?:alivio|resultados?|soluci[oó]n|cura)\s+(?:permanentes?|definitiv[oa]s?)\b",
        ),
        cue(
            "elimina eliminamos eliminar eliminará",
            r"elimina(?:n|mos|r|r[aá])?\s+(?:(?:todo|el|su|tu)\s+)*dolor\b",
        ),
        cue(
            "clínicamente científicamente médicamente",
            r"(?:cl[ií]nica|cient[ií]fica|m[eé]dica)mente\s+(?:probad|comprobad|demostrad)[oa]s?\b",
        ),
        cue("100", r"100\s?(?:%|por\s+ciento\b)"),
        cue(
            "toxinas",
            r"(?:elimin|expuls|limpi|purg|sac)\w*\s+(?:(?:las|sus|tus)\s+)?toxinas\b",
        ),
        cue("dolor", r"sin\s+dolor\s+para\s+siempre\b", "siempre"),
        cue(
            "siempre",
            r"(?:adi[oó]s|libre|libres|olv[ií]da\w*|desaparece\w*|fuera|termina\w*|acaba\w*)\s+(?:[\wáéíóúñ]+\s+){0,5}?para\s+siempre\b",
        ),
        cue("adiós adios", r"(?:di|decir|diga|dile|digan)\s+adi[oó]s\s+a"),
        cue("adiós adios", r"adi[oó]s\s+al?\s+(?:dolor|estr[eé]s|tensi[oó]n|contracturas?)\b"),
    ),
    promise=(
        cue(
            "garantiza garantizamos garantizar garantizado garantizada garantizados garantizadas "
            "garantía garantías",
            r"garant(?:iza\w*|[ií]as?)\b",
        ),
        cue("prometemos prometo promete prometer promesa", r"promet(?:emos|o|e|er)\b|promesa\b"),
    ),
    health=re.compile(
        r"\b(?:dolor\w*|alivi\w*|resultados?|mejor\w*|sent\w*|sient\w*|san\w*|cur\w*|recupera\w*|"
        r"tensi[oó]n|molestias?|lesi\w+|estr[eé]s|s[ií]ntomas?|espalda|cuello|hombros?|sue[nñ]o)\b"
    ),
    not_health=re.compile(
        r"\b(?:s[aá]banas?|toallas?|camilla|citas?|reserva\w*|horarios?|precios?|tarifas?|"
        r"reembolsos?|devoluci[oó]n|satisfacci[oó]n|regalo|tarjetas?|estacionamiento|privacidad|"
        r"confidencial\w*|correo|respuesta|puntual\w*|limpi\w*)\b"
    ),
    diagnosis=(
        cue(
            "diagnostico diagnóstico diagnosticar diagnosticamos diagnostica diagnósticos",
            r"diagn[oó]stic(?:o|os|ar|amos|a)\b",
        ),
        cue(
            "trata tratamos tratar tratamiento tratamos",
            rf"trat(?:a|amos|ar|amiento\s+(?:de|para)(?:\s+(?:la|el|las|los))?){_OBJECT}{_CONDITIONS}",
            _CONDITION_WORDS,
        ),
        cue("cura curamos curar", rf"cura(?:mos|r|n)?{_OBJECT}{_CONDITIONS}", _CONDITION_WORDS),
        cue("sana sanamos sanar", rf"sana(?:mos|r|n)?{_OBJECT}{_CONDITIONS}", _CONDITION_WORDS),
        cue(
            "corrige corregimos corregir",
            rf"corr(?:ige|egimos|egir){_OBJECT}{_CONDITIONS}",
            _CONDITION_WORDS,
        ),
        cue(
            "revierte revertimos revertir",
            rf"revert?(?:ierte|imos|ir){_OBJECT}{_CONDITIONS}",
            _CONDITION_WORDS,
        ),
    ),
    medical_subject=re.compile(
        r"\b(?:m[eé]dic[oa]s?|doctor(?:a|es|as)?|especialistas?|enfermer[oa]s?|"
        r"quiropr[aá]ctic[oa]s?|fisioterapeutas?|profesionales?\s+de\s+(?:la\s+)?salud)\b",
        re.I,
    ),
    physician=(
        cue(
            "médico médica médicos médicas",
            r"m[eé]dic[oa]s?\b(?!\s+(?:de\s+cabecera|familiar))",
        ),
    ),
    clinic=(cue("clínica clínicas", r"cl[ií]nicas?\b"), cue("centro", r"centro\s+m[eé]dico\b")),
    own=re.compile(r"\b(?:nuestr[oa]s?|mi|mis|somos|nosotros)\s*$"),
    referral=re.compile(
        r"\b(?:su|sus|tu|tus|al|del|consult\w*|pregunt\w*|habl\w*|visit\w*|acud\w*|llam\w*|"
        r"deriv\w*|remit\w*|otro|otra|por|sustitut\w*|reemplaz\w*|"
        r"diagn[oó]stico|tratamiento|atenci[oó]n|consejo|cuidado|evaluaci[oó]n|historial|"
        r"seguimiento|ayuda|orientaci[oó]n)\b",
        re.I,
    ),
    reviewer=re.compile(
        r"\b(?:revis\w*|deriv\w*|remit\w*|recomend\w*|recet\w*|prescri\w*|aprob\w*|autoriz\w*|"
        r"escrito\s+por)\b",
        re.I,
    ),
    doctor_titles=r"(?:dra?\.?|doctora?)",
    good_pain=(
        cue("dolor", r"(?:dolor\s+bueno|buen\s+dolor)\b", "bueno buen"),
        cue(
            "duele", r"si\s+(?:te\s+|le\s+)?duele,?\s+(?:es\s+que\s+)?(?:est[aá]\s+)?funciona\w*\b"
        ),
        cue(
            "dolor",
            r"(?:el\s+)?dolor\s+(?:significa|quiere\s+decir|indica)\s+que\s+(?:el\s+\w+\s+|la\s+\w+\s+)?(?:est[aá]\s+)?funciona\w*\b",
            "significa decir indica",
        ),
        cue("dolor", r"sin\s+dolor\s+no\s+hay\s+(?:ganancia|resultados?|progreso)\b", "hay"),
        cue("duele", r"cuanto\s+m[aá]s\s+duele\b"),
    ),
    mechanism_words=frozenset(word_tokens("láctico lactato toxinas toxina desechos")),
    substance=re.compile(
        r"[aá]cido\s+l[aá]ctico|lactato|toxinas?\b|desechos(?:\s+metab[oó]licos)?"
    ),
    verb_before=re.compile(
        r"(?:liber|elimin|expuls|drena|limpi|sac|quit|desecha|remuev|remov|ayud\w*\s+a\s+(?:liberar|eliminar|expulsar|drenar))\w*[^.!?\n]{0,40}$"
    ),
    verb_after=re.compile(
        r"[^.!?\n]{0,40}?\b(?:liberad[oa]s?|eliminad[oa]s?|expulsad[oa]s?|drenad[oa]s?)\b"
    ),
    hearsay=re.compile(r"\b(?:mitos?|creen|cree|creencia|se\s+dice|dicen\s+que|supuestamente)\b"),
    licence=(
        cue(
            "licenciado licenciada licenciados licenciadas",
            rf"{_THERAPIST}\s+licenciad[oa]s?\b",
            "masajista masajistas terapeuta terapeutas",
        ),
        cue("licenciado licenciada", r"licenciad[oa]s?\s+(?:por\s+el\s+estado|en\s+masaje)"),
        cue("licencia", r"licencias?\s+(?:estatal(?:es)?|del\s+estado|de\s+masaj\w+)\b"),
        cue(
            "licencia",
            rf"{_THERAPIST}\s+con\s+licencia\b",
            "masajista masajistas terapeuta terapeutas",
        ),
        cue(
            "estado estatal",
            r"(?:certificad|registrad|acreditad)[oa]s?\s+por\s+el\s+estado\b",
            "certificado certificada registrado registrada acreditado acreditada",
        ),
        cue("lmt lmts", r"lmts?\b"),
    ),
    fused=(
        cue(
            "certificado certificada",
            rf"{_THERAPIST}\s+certificad[oa]s?\s+(?:de|con)\s+{_HOURS}",
            "horas",
        ),
        cue(
            "certificado certificada",
            rf"certificad[oa]s?\s+(?:de|con|en)\s+{_HOURS}\s+(?:en|de)\s+(?:terapia\s+de\s+)?masaj",
            "horas",
        ),
    ),
)
