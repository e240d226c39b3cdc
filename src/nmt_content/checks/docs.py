"""docs/rules.md, generated from the registry."""

from __future__ import annotations

from .registry import RULES
from .rules import ALL_CHECKS

__all__ = ["rules_markdown"]

assert ALL_CHECKS  # importing the rule modules registers every rule


def rules_markdown() -> str:
    """The rules reference as Markdown, grouped by family, in id order."""
    lines = [
        "# Rules of `nmt-content check`",
        "",
        "Generated from the rule registry by `python scripts/generate_rules_doc.py`; do not edit.",
        "Severities can be changed per rule in `practice.yaml` (`practice.lint.severity`); an "
        "article can suppress a rule with a reason (`lint: {ignore: [ID], reason: ...}`).",
        "This is engineering guidance, not legal advice.",
        "",
    ]
    families: dict[str, list[str]] = {}
    for rule in sorted(RULES.values(), key=lambda r: r.id):
        families.setdefault(rule.family, []).append(rule.id)
    for family in sorted(families):
        lines += [
            f"## {family}",
            "",
            "| id | severity | what | why | source | fix |",
            "| --- | --- | --- | --- | --- | --- |",
        ]
        for rule_id in families[family]:
            rule = RULES[rule_id]
            cells = [rule.id, rule.severity, rule.title, rule.why, rule.source, rule.fix]
            lines.append("| " + " | ".join(c.replace("|", "\\|") for c in cells) + " |")
        lines.append("")
    return "\n".join(lines)
