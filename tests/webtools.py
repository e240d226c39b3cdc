"""Locate the external validators the project installs (scripts/install-web-tools.sh)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from collections.abc import Iterable
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[1]
TOOLS = REPO_ROOT / "tools" / "node_modules"
VNU_JAR = TOOLS / "vnu-jar" / "build" / "dist" / "vnu.jar"
LIGHTHOUSE = TOOLS / "lighthouse" / "cli" / "index.js"
SARIF_SCHEMA = TOOLS / "@microsoft" / "jest-sarif" / "lib" / "schemas" / "sarif-2.1.0-rtm.5.json"


def java() -> str | None:
    return shutil.which("java")


def chromium() -> str | None:
    return shutil.which("chromium") or shutil.which("chromium-browser")


def node() -> str | None:
    return shutil.which("node")


def requires(**tools: bool) -> pytest.MarkDecorator:
    """Skip when a tool is missing, except in CI (NMT_REQUIRE_WEB_TOOLS=1), where the test then
    runs and fails: a validator that silently stopped running would hide regressions."""
    missing = sorted(name for name, present in tools.items() if not present)
    if os.environ.get("NMT_REQUIRE_WEB_TOOLS") == "1" or not missing:
        return pytest.mark.skipif(False, reason="all tools present, or required in CI")
    return pytest.mark.skip(
        reason=f"missing {', '.join(missing)}: run scripts/install-web-tools.sh"
    )


def nu_problems(
    files: Iterable[str | Path], *, also_css: bool = False, warnings: bool = True
) -> list[str]:
    """What the Nu HTML checker reports on ``files``: `name:line: message` for each error (and
    each warning, unless ``warnings`` is false)."""
    css = ["--also-check-css"] if also_css else []
    result = subprocess.run(
        [str(java()), "-jar", str(VNU_JAR), "--format", "json", *css, *map(str, files)],
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
    )
    messages = json.loads(result.stderr or "{}").get("messages", [])
    return [
        f"{Path(m.get('url', '')).name}:{m.get('lastLine')}: {m.get('message')}"
        for m in messages
        if m.get("type") == "error" or (warnings and m.get("subType") == "warning")
    ]
