#!/usr/bin/env python3
"""Write docs/rules.md from the rule registry.

python scripts/generate_rules_doc.py            # write docs/rules.md
python scripts/generate_rules_doc.py --check    # exit 1 when docs/rules.md is stale
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from nmt_content.checks import rules_markdown

REPO_ROOT = Path(__file__).resolve().parents[1]
DEFAULT_TARGET = REPO_ROOT / "docs" / "rules.md"


def wanted_doc() -> str:
    """docs/rules.md: the registry's reference and the claim rules' accuracy, measured on the
    labelled sentences of the tests."""
    sys.path.insert(0, str(REPO_ROOT))
    from tests.checks.claim_sets import accuracy_markdown

    return rules_markdown(accuracy_markdown())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--output", type=Path, default=DEFAULT_TARGET, help="the file to write")
    parser.add_argument("--check", action="store_true", help="only report whether it is current")
    args = parser.parse_args(argv)
    wanted = wanted_doc()
    current = args.output.read_text(encoding="utf-8") if args.output.exists() else None
    if args.check:
        if current != wanted:
            print(f"{args.output} is stale; run python scripts/generate_rules_doc.py")
            return 1
        return 0
    if current != wanted:
        args.output.parent.mkdir(parents=True, exist_ok=True)
        args.output.write_text(wanted, encoding="utf-8", newline="\n")
        print(f"wrote {args.output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
