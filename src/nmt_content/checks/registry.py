"""The rule registry: every rule's id, default severity, explanation, source and fix.

Rule functions live in :mod:`nmt_content.checks.rules`; each reports :class:`RawFinding` records
with a rule id that must be registered here (a test makes sure of it).
"""

from __future__ import annotations

from .findings import Rule, Severity

__all__ = ["RULES", "register"]

RULES: dict[str, Rule] = {}


def register(
    id: str,
    severity: Severity,
    title: str,
    *,
    why: str,
    source: str,
    fix: str,
    family: str,
) -> str:
    """Add a rule to the registry and return its id."""
    if id in RULES:
        raise ValueError(f"rule {id} is registered twice")
    RULES[id] = Rule(id, severity, title, why, source, fix, family)
    return id
