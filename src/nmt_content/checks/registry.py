"""The rule registry: every rule's id, default severity, explanation, source and fix.

Each module of :mod:`nmt_content.checks.rules` registers its rules when it is imported;
importing :mod:`nmt_content.checks` imports them all. A test makes sure every id a rule reports is
registered and that docs/rules.md matches this registry.
"""

from __future__ import annotations

import re

from .findings import Rule, Severity

__all__ = ["LANGUAGES", "RULES", "register"]

RULES: dict[str, Rule] = {}
"""Every rule by id, in registration order."""
LANGUAGES: dict[str, tuple[str, ...]] = {}
"""The languages a rule that reads wording understands (``en``, ``es``), by id; a rule not
listed reads no wording and works in any language."""

_ID = re.compile(r"^(?:SEO|SD|LOCAL|CAMTC|HC|EEAT|YAML)-\d{3}$")


def register(
    id: str,
    severity: Severity,
    title: str,
    *,
    explanation: str,
    source: str,
    fix: str,
    family: str,
    languages: tuple[str, ...] = (),
) -> str:
    """Add a rule to the registry and return its id (so a module can keep it as a constant)."""
    if not _ID.match(id):
        raise ValueError(f"rule id {id!r} does not look like SEO-001, SD-001, HC-001…")
    if id in RULES:
        raise ValueError(f"rule {id} is registered twice")
    RULES[id] = Rule(id, severity, title, explanation, source, fix, family)
    if languages:
        LANGUAGES[id] = languages
    return id
