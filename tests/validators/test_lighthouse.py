"""Lighthouse, in headless Chromium, scores every built page 100 for performance, SEO,
accessibility and best practices (the 404 page, `noindex` on purpose, is not judged for SEO;
the timed performance score is held to 95 here, as a loaded machine lowers it).

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

sys.path.insert(0, str(REPO_ROOT / "scripts"))
import audit_site

IMAGES_ROOT = REPO_ROOT / "examples" / "images_practice"
PERFORMANCE_FLOOR = 95
"""Below 100 only from timing noise on a shared machine; scripts/audit_site.py still asks 100."""


@requires(chromium=chromium() is not None, node=node() is not None, lighthouse=LIGHTHOUSE.is_file())
@pytest.mark.parametrize("root", ["demo", "group", "images"])
def test_every_page_scores_100_in_every_category(tmp_path: Path, root: str) -> None:
    content = IMAGES_ROOT if root == "images" else CONTENT_ROOTS[root]
    files, _report = build_site(load_site(content))
    pages = sum(1 for path in files if path.endswith(".html"))
    assert pages >= 8
    report = tmp_path / "scores.json"
    subprocess.run(
        [
            sys.executable,
            str(REPO_ROOT / "scripts" / "audit_site.py"),
            str(content),
            "--json",
            str(report),
        ],
        check=False,
        timeout=1800,  # every page of the root, each run up to three times
        capture_output=True,
    )
    scores = json.loads(report.read_text())
    assert len(scores) == pages
    below = {url: s for url, s in scores.items() if audit_site.low_categories(url, s, 100)}
    # Performance is timed: on a loaded machine a page may score 97-99 after three runs while
    # scoring 100 alone; it is held to PERFORMANCE_FLOOR, every other category to 100.
    below = {
        url: s
        for url, s in below.items()
        if audit_site.low_categories(url, s, 100) != ["performance"]
        or s["performance"] < PERFORMANCE_FLOOR
    }
    assert below == {}
