"""Shared fixtures: a minimal valid content root written into a temporary folder.

Property tests (every ``@given`` test, marked ``property`` automatically) run under a Hypothesis
profile chosen by ``HYPOTHESIS_PROFILE``: ``default`` (a short run, for `make test`) or ``fuzz``
(10,000 examples each, for `make fuzz`). Tests set no ``max_examples`` of their own, so the
profile decides.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import HealthCheck, is_hypothesis_test, settings

settings.register_profile("default", max_examples=100, deadline=None)
settings.register_profile(
    "fuzz",
    max_examples=10_000,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
    print_blob=True,
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))


SLOW_FOLDERS = ("e2e", "validators")
"""Folders under tests/ whose every test is marked `slow`: whole-site builds, CLI runs in
subprocesses, browsers and external validators. Elsewhere a test over a second or two carries
``@pytest.mark.slow`` itself, so ``pytest -m "not slow"`` stays a sub-minute inner loop."""


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark every Hypothesis test `property`, so `make fuzz` (``-m property``) finds them all,
    and every test in :data:`SLOW_FOLDERS` `slow`."""
    tests = Path(__file__).resolve().parent
    for item in items:
        if isinstance(item, pytest.Function) and is_hypothesis_test(item.obj):
            item.add_marker(pytest.mark.property)
        path = item.path.resolve()
        if path.is_relative_to(tests) and path.relative_to(tests).parts[0] in SLOW_FOLDERS:
            item.add_marker(pytest.mark.slow)


REPO_ROOT = Path(__file__).resolve().parents[1]
GROUP_ROOT = REPO_ROOT / "examples" / "group-practice"
"""The fictional group practice (three therapists, two offices) that the validators build too."""
CONTENT_ROOTS = {"demo": REPO_ROOT, "group": GROUP_ROOT}
"""Every content root of this repository the validators build, check and validate."""
TEST_DATA = Path(__file__).resolve().parent / "data"
"""Validation data vendored for the tests (schema.org vocabulary, sitemap XSDs): see SOURCES.md there."""

MINIMAL_PRACTICE = """\
practice:
  name: Test Practice
  url: https://practice.example/
  description: Massage in a test town.
locations:
  - id: main
    name: Main office
    address:
      street: 1 Main St
      locality: Redding
      region: CA
      postal_code: "96001"
    telephone: "+1-530-555-0100"
    area_served:
      - name: Redding
        county: Shasta County
therapists:
  - id: alex
    name: Alex Example
    credentials:
      - name: Certified Massage Therapist
        category: certificate
        identifier: "12345"
        issuer:
          name: California Massage Therapy Council
          short_name: CAMTC
services:
  - id: massage
    name: Massage therapy
    description: Relaxing massage therapy sessions in Redding with a certified massage therapist.
"""

MINIMAL_ARTICLE = """\
---
title: A test article about massage
description: A short description of a test article about massage therapy in Redding.
date_published: 2024-03-01
author: alex
services: [massage]
---

Body text with **bold** words.

## A section

More text.
"""


@pytest.fixture
def content_root(tmp_path: Path) -> Path:
    """A valid content root with one office, one therapist, one service and one article."""
    root = tmp_path / "content"
    (root / "articles").mkdir(parents=True)
    (root / "practice.yaml").write_text(MINIMAL_PRACTICE, encoding="utf-8")
    (root / "articles" / "test-article.md").write_text(MINIMAL_ARTICLE, encoding="utf-8")
    return root


@pytest.fixture
def repo_content(tmp_path: Path) -> Path:
    """A copy of this repository's own content (practice.yaml and articles/)."""
    root = tmp_path / "repo"
    root.mkdir()
    shutil.copy(REPO_ROOT / "practice.yaml", root / "practice.yaml")
    shutil.copytree(REPO_ROOT / "articles", root / "articles")
    return root


@pytest.fixture
def write_article(content_root: Path) -> Callable[[str, str | bytes], Path]:
    """Write an extra article into the content root and return its path."""

    def write(name: str, text: str | bytes) -> Path:
        path = content_root / "articles" / name
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(text, encoding="utf-8")
        return path

    return write
