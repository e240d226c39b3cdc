"""The theme's business pieces in a real browser, at 320, 375 and 1280 px: the logo and the call
button in the header, a menu on one line, the hero, portraits and office photos loaded at the
size their attributes state, and axe-core finding nothing. Uses examples/images_practice (every
kind of image) and this repository's practice (none: the theme must hold without them).

Screenshots of the home page, an article, a profile, an office and a service page at 375 and
1280 px go to test-artifacts/screenshots/theme-*.png for review."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Iterator
from typing import Any

import pytest

from ..conftest import REPO_ROOT
from ..webtools import requires
from .test_browser import (
    ARTIFACTS,
    AXE,
    Tab,
    browser,  # noqa: F401 - a fixture
    needs_chromium,
    own_origin_only,
    run_axe,
    serve,
    tab,  # noqa: F401 - a fixture
)
from .test_browser import origin as origin

IMAGES_ROOT = REPO_ROOT / "examples" / "images_practice"
PAGES = {
    "home": "/",
    "article": "/articles/stretching-at-a-desk/",
    "profile": "/about/",
    "office": "/locations/main/",
    "service": "/services/massage-therapy/",
}
WIDTHS = {320: 640, 375: 812, 1280: 900}
SHOT_WIDTHS = (375, 1280)
IMAGE_OF = {"home": "img.hero", "profile": "img.profile-portrait", "office": "img.office-photo"}

pytestmark = needs_chromium


@pytest.fixture(scope="module")
def images_origin(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The images example, built for the address it is served at, so nothing leaves 127.0.0.1."""
    out = tmp_path_factory.mktemp("theme") / "site"
    with serve(out) as url:
        command = ["build", str(IMAGES_ROOT), "--out", str(out), "--base-url", f"{url}/", "-q"]
        done = subprocess.run(
            [sys.executable, "-m", "nmt_content", *command],
            check=False,
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert done.returncode == 0, done.stderr
        yield url


THEME_JS = """
(() => {
  const box = (el) => {
    if (!el) return null;
    const r = el.getBoundingClientRect();
    return {left: r.left, right: r.right, top: r.top, width: r.width, height: r.height};
  };
  const nav = [...document.querySelectorAll('nav.site-nav a')];
  const images = [...document.images].map((img) => ({
    src: img.getAttribute('src'), complete: img.complete,
    natural: [img.naturalWidth, img.naturalHeight],
    stated: [Number(img.getAttribute('width')), Number(img.getAttribute('height'))],
  }));
  return {
    viewport: document.documentElement.clientWidth,
    logo: box(document.querySelector('header img.logo')),
    call: box(document.querySelector('header .call a')),
    callName: (document.querySelector('header .call a') || {}).textContent,
    navTops: nav.map((a) => Math.round(a.getBoundingClientRect().top)),
    navRight: Math.max(...nav.map((a) => a.getBoundingClientRect().right)),
    images: images,
  };
})()
"""


def inside(seen: dict[str, Any] | None, viewport: int) -> bool:
    return (
        seen is not None
        and seen["width"] > 0
        and seen["height"] > 0
        and seen["left"] >= -0.5
        and seen["right"] <= viewport + 0.5
    )


@pytest.mark.parametrize("width", list(WIDTHS))
@pytest.mark.parametrize("name", list(PAGES))
def test_theme_shows_logo_call_button_one_line_menu_and_sized_images(
    tab: Tab,  # noqa: F811
    images_origin: str,
    name: str,
    width: int,
) -> None:
    tab.resize(width, WIDTHS[width])
    load = tab.open(images_origin + PAGES[name])
    seen = tab.evaluate(THEME_JS)
    if width in SHOT_WIDTHS:
        tab.screenshot(ARTIFACTS / f"theme-{name}-{width}.png")

    assert load.problems == []
    assert own_origin_only(load, images_origin) == []
    assert inside(seen["logo"], seen["viewport"]), seen["logo"]
    assert inside(seen["call"], seen["viewport"]), seen["call"]
    assert seen["call"]["height"] >= 44  # a thumb-sized target
    assert len(set(seen["navTops"])) == 1, seen["navTops"]  # the menu never wraps
    if width >= 375:
        assert seen["navRight"] <= seen["viewport"], seen  # and fits without scrolling
    assert len(seen["images"]) >= 2
    for image in seen["images"]:
        assert image["complete"], image
        assert image["natural"] == image["stated"], image  # no layout shift, no stretching
    if name in IMAGE_OF:
        assert any(i["natural"][0] > 0 for i in seen["images"])
        found = tab.evaluate(f"document.querySelectorAll({IMAGE_OF[name]!r}).length")
        assert found == 1


@pytest.mark.parametrize("width", list(WIDTHS))
def test_the_menu_of_a_practice_without_images_is_one_line(
    tab: Tab,  # noqa: F811
    origin: str,
    width: int,
) -> None:
    tab.resize(width, WIDTHS[width])
    tab.open(origin + "/")
    seen = tab.evaluate(THEME_JS)
    assert seen["logo"] is None
    assert len(set(seen["navTops"])) == 1, seen["navTops"]
    if width >= 375:
        assert seen["navRight"] <= seen["viewport"], seen


@requires(axe_core=AXE.is_file())
@pytest.mark.parametrize("width", list(WIDTHS))
@pytest.mark.parametrize("name", list(PAGES))
def test_axe_finds_nothing_on_the_theme(
    tab: Tab,  # noqa: F811
    images_origin: str,
    name: str,
    width: int,
) -> None:
    tab.resize(width, WIDTHS[width])
    tab.open(images_origin + PAGES[name])
    results = run_axe(tab)
    assert results["violations"] == [], json.dumps(results["violations"], indent=1)
