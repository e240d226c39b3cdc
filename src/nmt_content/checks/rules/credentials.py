"""Credentials that keep the practice honest: a warning before any credential expires, and an
error for an expired one that is still published. Dates are compared with the run's `today`
here only; the build never looks at the clock, so its output stays the same from day to day."""

from __future__ import annotations

from collections.abc import Iterator

from ..context import PRACTICE_FILE, Check
from ..findings import RawFinding
from ..registry import register

EEAT_006 = register(
    "EEAT-006",
    "warning",
    "A credential expires soon",
    explanation="A certificate or licence that lapses while the site still shows it claims a "
    "qualification the therapist no longer holds; renewing takes time, so `check` warns ahead "
    "(`practice.lint.credential_warning_days`, 60 days by default).",
    source="Cal. Bus. & Prof. Code § 4611(a)(1) (CAMTC titles only while certified); FTC Act § 5 "
    "(deceptive claims)",
    fix="Renew the credential and update its `expires` date in practice.yaml.",
    family="E-E-A-T",
)
EEAT_007 = register(
    "EEAT-007",
    "error",
    "An expired credential is still published",
    explanation="Pages and structured data list every credential in practice.yaml; an expired "
    "one (a licence from another state, a school certificate with an end date) then reads as "
    "current. The page shows its `expires` date as “Valid through …”, but readers and search "
    "engines may still take it for a qualification the therapist holds. CAMTC certificates are "
    "CAMTC-004's.",
    source="FTC Act § 5 (deceptive claims); Google Search Central: E-E-A-T and trustworthiness",
    fix="Renew it and update `expires`, or remove the credential from practice.yaml.",
    family="E-E-A-T",
)


class CredentialCheck(Check):
    """Expiry of every therapist's credentials, against the run's `today`."""

    def finish(self) -> Iterator[RawFinding]:
        ctx = self.ctx
        warn_days = ctx.site.practice.lint.credential_warning_days
        for i, therapist in enumerate(ctx.site.therapists):
            for j, credential in enumerate(therapist.credentials):
                expires = credential.expires
                if expires is None:
                    continue
                line = ctx.practice_line("therapists", i, "credentials", j)
                what = f"the credential “{credential.name}” of {therapist.name}"
                if credential.state and credential.out_of_state:
                    what += f" ({credential.state})"
                left = (expires - ctx.today).days
                if left < 0 and not credential.is_camtc:  # CAMTC-004 reports an expired CAMTC one
                    message = f"{what} expired on {expires} and is still published on the profile and in structured data; renew it and update `expires`, or remove it"
                    yield RawFinding(EEAT_007, PRACTICE_FILE, line, message)
                elif 0 <= left <= warn_days:
                    when = "today" if left == 0 else f"in {left} day{'s' if left != 1 else ''}"
                    message = f"{what} expires on {expires}, {when}; renew it and update `expires` before then"
                    yield RawFinding(EEAT_006, PRACTICE_FILE, line, message)


CHECKS = (CredentialCheck,)
