"""Rules on what rendered pages must show or must not be: the CAMTC name and number, a current
certificate behind "certified", the health disclaimer, no medical business types, and Markdown
that had to be neutralised."""

from __future__ import annotations

import re
from collections.abc import Iterator

from ...markdown import render_markdown_report
from ...models import Credential, Therapist
from ..context import CheckContext
from ..findings import RawFinding
from ..registry import register

CAMTC_001 = register(
    "CAMTC-001",
    "error",
    "Certified name and CAMTC number not visible on an advertising page",
    why="CAMTC certificate holders must show the name under which they are certified and their "
    "certificate number in all advertising; every page of a practice site advertises.",
    source="Cal. Bus. & Prof. Code § 4600 et seq. (CAMTC: camtc.org/Consumers.aspx)",
    fix="Keep the built-in header or footer line, or print `site.therapist.certified_line` in "
    "your own template.",
    family="California practice",
)
CAMTC_004 = register(
    "CAMTC-004",
    "error",
    '"Certified" while the CAMTC certificate has expired',
    why='"Certified", "CMT" and similar titles may be used only while the CAMTC certificate '
    "is active (renewed every two years).",
    source="Cal. Bus. & Prof. Code § 4611(a)(1)",
    fix="Renew the certificate and update `expires`, or stop using certified titles.",
    family="California practice",
)
CAMTC_005 = register(
    "CAMTC-005",
    "info",
    "CAMTC certificate expiry unknown",
    why="Without `expires`, `check` cannot tell whether certified titles are still allowed.",
    source="Cal. Bus. & Prof. Code § 4611(a)(1)",
    fix="Add the certificate's `expires` date to practice.yaml.",
    family="California practice",
)
HC_007 = register(
    "HC-007",
    "error",
    "A health article without the disclaimer",
    why="Unlicensed complementary practitioners who advertise must disclose that they are not "
    "licensed by the state as healing-arts practitioners; health pages need it most.",
    source="Cal. Bus. & Prof. Code § 2053.5(b)",
    fix="Keep the built-in disclaimer in article.html, or add one to your template.",
    family="Health claims",
)
HC_003_SCHEMA = "HC-003"
MD_001 = register(
    "MD-001",
    "warning",
    "Unsafe HTML or links in Markdown were neutralised",
    why="Raw HTML, and javascript:, data: or vbscript: links could run script in visitors' "
    "browsers; they were shown as text instead.",
    source="OWASP Cross-Site Scripting Prevention Cheat Sheet",
    fix="Use Markdown links to https:// addresses and Markdown formatting instead of HTML.",
    family="Content safety",
)

_MEDICAL_TYPES = {
    "Physician",
    "MedicalClinic",
    "MedicalBusiness",
    "MedicalOrganization",
    "Hospital",
}
_CERTIFIED = re.compile(r"\bcertified\b|\bCMT\b", re.I)
_DISCLAIMER = "not a substitute for medical"


def _camtc(therapist: Therapist) -> Credential | None:
    for credential in therapist.credentials:
        issuer = credential.issuer
        if issuer and (
            issuer.short_name == "CAMTC" or "massage therapy council" in issuer.name.lower()
        ):
            return credential
    return None


def check_camtc_visible(ctx: CheckContext) -> Iterator[RawFinding]:
    therapist = ctx.site.therapists[0]
    credential = _camtc(therapist)
    if credential is None or not credential.identifier:
        yield RawFinding(
            CAMTC_001,
            "practice.yaml",
            ctx.practice_line("therapists", 0),
            f"{therapist.name} has no CAMTC certificate number in practice.yaml; "
            "add the credential so pages can show it",
        )
        return
    for page in ctx.pages:
        scanned = ctx.scanned.get(page.path)
        if scanned is None:
            continue
        text = scanned.visible_text
        if credential.identifier not in text or therapist.name not in text:
            yield RawFinding(
                CAMTC_001,
                page.path,
                None,
                f"the page does not show “{therapist.name}” and CAMTC certificate "
                f"#{credential.identifier} as visible text",
            )


def check_certificate_current(ctx: CheckContext) -> Iterator[RawFinding]:
    for index, therapist in enumerate(ctx.site.therapists):
        credential = _camtc(therapist)
        if credential is None:
            continue
        line = ctx.practice_line("therapists", index, "credentials")
        if credential.expires is None:
            yield RawFinding(
                CAMTC_005,
                "practice.yaml",
                line,
                f"the CAMTC certificate of {therapist.name} has no `expires` date",
            )
        elif credential.expires < ctx.today:
            for unit in ctx.text_units():
                for match in _CERTIFIED.finditer(unit.text):
                    yield RawFinding(
                        CAMTC_004,
                        unit.path,
                        unit.line_at(match.start()),
                        f"“{match.group(0)}” in {unit.field} while the CAMTC "
                        f"certificate expired on {credential.expires}",
                    )
            yield RawFinding(
                CAMTC_004,
                "practice.yaml",
                line,
                f"the CAMTC certificate of {therapist.name} expired on "
                f"{credential.expires}; pages still call it certified",
            )


def check_disclaimer(ctx: CheckContext) -> Iterator[RawFinding]:
    for page in ctx.pages:
        article = page.article
        if article is None or not (article.meta.about or article.meta.services):
            continue
        scanned = ctx.scanned.get(page.path)
        if scanned is not None and _DISCLAIMER not in scanned.visible_text.lower():
            yield RawFinding(
                HC_007,
                article.source,
                None,
                "this health article has no disclaimer that massage is not a "
                "substitute for medical diagnosis or treatment (BPC § 2053.5(b))",
            )


def check_medical_types(ctx: CheckContext) -> Iterator[RawFinding]:
    for page in ctx.pages:
        scanned = ctx.scanned.get(page.path)
        graph = scanned.graph if scanned else None
        for node in (graph or {}).get("@graph", []):
            types = node.get("@type")
            names = {types} if isinstance(types, str) else set(types or ())
            for medical in sorted(names & _MEDICAL_TYPES):
                yield RawFinding(
                    HC_003_SCHEMA,
                    page.path,
                    None,
                    f"the structured data types a node as `{medical}`, which may "
                    "imply a physician (BPC § 2053.5(a)(8))",
                )


def check_neutralised_markdown(ctx: CheckContext) -> Iterator[RawFinding]:
    for article in ctx.articles():
        if "<" not in article.body and ":" not in article.body:
            continue
        for item in render_markdown_report(article.body).neutralised:
            kind = {
                "raw-html": "raw HTML",
                "unsafe-link": "an unsafe link",
                "unsafe-image": "an unsafe image",
            }[item.kind]
            yield RawFinding(
                MD_001,
                article.source,
                article.body_line + item.line - 1,
                f"{kind} was shown as text: {item.text}",
            )


CHECKS = (
    check_camtc_visible,
    check_certificate_current,
    check_disclaimer,
    check_medical_types,
    check_neutralised_markdown,
)
