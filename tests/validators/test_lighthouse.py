"""Lighthouse, in headless Chromium, scores every built page 100 for SEO and for Accessibility.

Runs scripts/audit_site.py: the site is built with its base URL set to a server on 127.0.0.1.
Needs scripts/install-web-tools.sh (Lighthouse from npm, Debian's chromium); `.ci/run` installs
them and requires this test to run.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from nmt_content.pipeline.build import build_site
from nmt_content.pipeline.loading import load_site

from ..conftest import CONTENT_ROOTS, REPO_ROOT
from ..webtools import LIGHTHOUSE, chromium, node, requires


@requires(chromium=chromium() is not None, node=node() is not None, lighthouse=LIGHTHOUSE.is_file())
@pytest.mark.parametrize("root", ["demo", "group"])
def test_every_page_scores_100_for_seo_and_accessibility(tmp_path: Path, root: str) -> None:
    files, _report = build_site(load_site(CONTENT_ROOTS[root]))
    pages = sum(1 for path in files if path.endswith(".html"))
    assert pages >= 10
    # A page we mark noindex (the 404 page) fails Lighthouse's "is crawlable" audit on purpose;
    # every other SEO audit must still pass on it.
    noindex = {
        "/" + path.removesuffix("index.html")
        for path, data in files.items()
        if path.endswith(".html") and b'<meta name="robots" content="noindex' in data
    }
    assert "/404.html" in noindex
    report = tmp_path / "scores.json"
    subprocess.run(
        [
            sys.executable,
            str(REPO_ROOT / "scripts" / "audit_site.py"),
            str(CONTENT_ROOTS[root]),
            "--json",
            str(report),
        ],
        check=False,
        timeout=900,
        capture_output=True,
    )
    scores = json.loads(report.read_text())
    assert len(scores) == pages
    below = {
        url: s
        for url, s in scores.items()
        if s["accessibility"] < 100
        or (s["seo"] < 100 and not (url in noindex and s["failing"] == ["is-crawlable"]))
    }
    assert below == {}
