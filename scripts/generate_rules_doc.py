#!/usr/bin/env python3
"""Regenerate docs/rules.md from the rule registry: `python scripts/generate_rules_doc.py`."""

from __future__ import annotations

from pathlib import Path

from nmt_content.checks import rules_markdown

TARGET = Path(__file__).resolve().parents[1] / "docs" / "rules.md"


def main() -> None:
    TARGET.parent.mkdir(exist_ok=True)
    TARGET.write_text(rules_markdown(), encoding="utf-8")
    print(
        f"wrote {TARGET.relative_to(Path.cwd()) if TARGET.is_relative_to(Path.cwd()) else TARGET}"
    )


if __name__ == "__main__":
    main()
