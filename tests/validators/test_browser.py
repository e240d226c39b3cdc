"""The default theme in a real browser: headless Debian chromium, driven over the DevTools pipe.

This repository's content is built into a temporary folder and served over http on 127.0.0.1. The
home page, the article and an office page (and the profile, a service, the article index and the
404 page) are loaded 375 px and 1280 px wide. Each must load with no console error, no failed
request and no request to another host, must not scroll sideways, and must show the CAMTC line
and, where the page has one, the "Book a session" link. Keyboard focus must be visible on every
stop, the print stylesheet must hide navigation and booking and print black on white with link
URLs, and axe-core (the engine behind Lighthouse's accessibility audit) must find no WCAG 2.2 A/AA
violation.

Screenshots, and the article as printed (PNG and PDF), are saved in test-artifacts/screenshots/. Needs chromium from
scripts/install-web-tools.sh; skipped without it, except in CI (NMT_REQUIRE_WEB_TOOLS=1).
"""

from __future__ import annotations

import base64
import contextlib
import functools
import http.server
import json
import shutil
import subprocess
import sys
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest

from .. import cdp
from ..conftest import GROUP_ROOT, REPO_ROOT
from ..webtools import TOOLS, chromium, requires

ARTIFACTS = REPO_ROOT / "test-artifacts" / "screenshots"
AXE = TOOLS / "axe-core" / "axe.min.js"
ARTICLE = "/articles/neuromuscular-therapy-lower-back-pain/"
OFFICE = "/locations/mount-shasta/"
PAGES = {
    "home": "/",
    "article": ARTICLE,
    "office": OFFICE,
    "about": "/about/",
    "service": "/services/neuromuscular-therapy/",
    "articles": "/articles/",
    "404": "/404.html",
}
WITHOUT_BOOKING = {"articles", "404"}  # the index and the error page have no booking button
WIDTHS = {375: 812, 1280: 900}  # width → height: a small phone and a laptop

needs_chromium = requires(chromium=chromium() is not None)

pytestmark = needs_chromium


# -- the site and the browser --------------------------------------------------------------------


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        return


@contextlib.contextmanager
def serve(folder: Path) -> Iterator[str]:
    """Serve ``folder`` on a free port of 127.0.0.1 from a background thread."""
    handler = functools.partial(_QuietHandler, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def build(root: Path, out: Path) -> None:
    """``nmt-content build ROOT --out OUT``, as a user runs it."""
    done = subprocess.run(
        [sys.executable, "-m", "nmt_content", "build", str(root), "--out", str(out), "--quiet"],
        check=False,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr


@pytest.fixture(scope="module")
def origin(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """This repository's content, built with its own base URL and served on 127.0.0.1."""
    out = tmp_path_factory.mktemp("browser") / "site"
    build(REPO_ROOT, out)
    with serve(out) as url:
        yield url


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[cdp.Browser]:
    binary = chromium()
    assert binary is not None, "chromium not found: run scripts/install-web-tools.sh"
    with cdp.launch(binary, tmp_path_factory.mktemp("chromium-profile")) as running:
        yield running


@dataclass
class Load:
    """What happened while one page loaded."""

    url: str
    requests: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)


class Tab:
    """One page target of the browser, with the domains the checks listen to."""

    def __init__(self, browser: cdp.Browser) -> None:
        self.browser = browser
        target = browser.call("Target.createTarget", {"url": "about:blank"})["targetId"]
        self.target = target
        self.session = browser.call("Target.attachToTarget", {"targetId": target, "flatten": True})[
            "sessionId"
        ]
        for domain in ("Page", "Runtime", "Network", "Log"):
            self.call(f"{domain}.enable")
        self.call("Network.setCacheDisabled", {"cacheDisabled": True})

    def call(self, method: str, params: dict[str, Any] | None = None) -> dict[str, Any]:
        return self.browser.call(method, params, session=self.session)

    def close(self) -> None:
        self.browser.call("Target.closeTarget", {"targetId": self.target})

    def resize(self, width: int, height: int) -> None:
        self.call(
            "Emulation.setDeviceMetricsOverride",
            {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": width < 600},
        )

    def open(self, url: str) -> Load:
        """Navigate to ``url`` and wait for the load event and for the network to settle."""
        self.browser.drain(quiet=0.05)
        load = Load(url)
        reply = self.call("Page.navigate", {"url": url})
        if reply.get("errorText"):
            load.problems.append(f"navigation failed: {reply['errorText']}")
        events = self.browser.wait_for("Page.loadEventFired", self.session)
        events += self.browser.drain()
        for event in events:
            if event.get("sessionId") == self.session:
                self._note(load, event["method"], event.get("params", {}))
        return load

    @staticmethod
    def _note(load: Load, method: str, params: dict[str, Any]) -> None:
        if method == "Network.requestWillBeSent":
            load.requests.append(params["request"]["url"])
        elif method == "Network.loadingFailed" and not params.get("canceled"):
            load.problems.append(f"request failed: {params.get('errorText')}")
        elif method == "Network.responseReceived" and params["response"]["status"] >= 400:
            response = params["response"]
            load.problems.append(f"HTTP {response['status']} for {response['url']}")
        elif method == "Runtime.consoleAPICalled" and params["type"] in ("error", "assert"):
            texts = [str(arg.get("value", arg.get("description", ""))) for arg in params["args"]]
            load.problems.append(f"console.{params['type']}: {' '.join(texts)}")
        elif method == "Runtime.exceptionThrown":
            details = params["exceptionDetails"]
            load.problems.append(f"uncaught: {details.get('exception', {}).get('description')}")
        elif method == "Log.entryAdded" and params["entry"]["level"] == "error":
            entry = params["entry"]
            load.problems.append(
                f"console ({entry['source']}): {entry['text']} {entry.get('url', '')}"
            )

    def evaluate(self, expression: str) -> Any:
        reply = self.call(
            "Runtime.evaluate",
            {"expression": expression, "returnByValue": True, "awaitPromise": True},
        )
        if "exceptionDetails" in reply:
            raise AssertionError(f"script failed: {reply['exceptionDetails']}")
        return reply["result"].get("value")

    def screenshot(self, path: Path) -> None:
        """The whole page, not only the viewport."""
        size = self.call("Page.getLayoutMetrics")["cssContentSize"]
        shot = self.call(
            "Page.captureScreenshot",
            {
                "format": "png",
                "captureBeyondViewport": True,
                "clip": {
                    "x": 0,
                    "y": 0,
                    "width": size["width"],
                    "height": size["height"],
                    "scale": 1,
                },
            },
        )
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(base64.b64decode(shot["data"]))

    def pdf(self, path: Path) -> None:
        printed = self.call("Page.printToPDF", {"printBackground": True})
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(base64.b64decode(printed["data"]))


@pytest.fixture
def tab(browser: cdp.Browser) -> Iterator[Tab]:
    opened = Tab(browser)
    try:
        yield opened
    finally:
        opened.close()


# -- what is measured in the page ----------------------------------------------------------------

# Where an element is and whether it can be seen: a box of non-zero size inside the page's width,
# not hidden by CSS on itself or an ancestor.
VISIBILITY_JS = """
function nmtVisibility(el) {
  if (!el) return null;
  const box = el.getBoundingClientRect();
  const style = getComputedStyle(el);
  let hiddenBy = null;
  for (let node = el; node && node.nodeType === 1; node = node.parentElement) {
    const s = getComputedStyle(node);
    if (s.display === 'none' || s.visibility === 'hidden' || s.opacity === '0') {
      hiddenBy = node.tagName.toLowerCase() + (node.className ? '.' + node.className : '');
      break;
    }
  }
  return {
    text: el.textContent.replace(/\\s+/g, ' ').trim(),
    width: box.width, height: box.height, left: box.left, right: box.right,
    visibility: style.visibility, hiddenBy: hiddenBy,
    viewport: document.documentElement.clientWidth,
  };
}
"""

LAYOUT_JS = (
    VISIBILITY_JS
    + """
(() => {
  const root = document.documentElement;
  const book = [...document.querySelectorAll('a')].find(
    (a) => a.textContent.trim() === 'Book a session');
  // The innermost elements whose text has the CAMTC line; the first is the one in the header.
  const camtc = [...document.body.querySelectorAll('*')].filter((el) => {
    const has = (node) => /CAMTC/.test(node.textContent) && /93004/.test(node.textContent);
    return has(el) && ![...el.children].some(has);
  });
  const overflowing = [...document.body.querySelectorAll('*')]
    .filter((el) => el.getBoundingClientRect().right > root.clientWidth + 0.5)
    .map((el) => el.tagName.toLowerCase() + (el.className ? '.' + el.className : ''));
  return {
    scrollWidth: root.scrollWidth,
    clientWidth: root.clientWidth,
    innerWidth: window.innerWidth,
    overflowing: overflowing.slice(0, 10),
    book: nmtVisibility(book),
    camtc: camtc.map(nmtVisibility),
    fontSize: parseFloat(getComputedStyle(document.body).fontSize),
  };
})()
"""
)


def visible_problem(name: str, seen: dict[str, Any] | None) -> str | None:
    """Why ``seen`` (from nmtVisibility) is not visible, or None when it is."""
    if seen is None:
        return f"{name}: not on the page"
    if seen["width"] <= 0 or seen["height"] <= 0:
        return f"{name}: empty box {seen['width']}×{seen['height']}"
    if seen["left"] < -0.5 or seen["right"] > seen["viewport"] + 0.5:
        return f"{name}: outside the viewport ({seen['left']:.0f}–{seen['right']:.0f} px of {seen['viewport']})"
    if seen["visibility"] != "visible" or seen["hiddenBy"]:
        return f"{name}: hidden by {seen['hiddenBy'] or 'visibility'}"
    return None


def own_origin_only(load: Load, origin: str) -> list[str]:
    host = urlsplit(origin).netloc
    return [url for url in load.requests if urlsplit(url).netloc != host]


# -- the tests -------------------------------------------------------------------------------------


@pytest.mark.parametrize("width", list(WIDTHS))
@pytest.mark.parametrize("name", list(PAGES))
def test_page_loads_cleanly_fits_and_shows_booking_and_camtc(
    tab: Tab, origin: str, name: str, width: int
) -> None:
    tab.resize(width, WIDTHS[width])
    load = tab.open(origin + PAGES[name])
    layout = tab.evaluate(LAYOUT_JS)
    tab.screenshot(ARTIFACTS / f"{name}-{width}.png")

    assert load.problems == []
    assert load.requests, "the page made no request at all"
    assert own_origin_only(load, origin) == []
    assert layout["scrollWidth"] <= layout["clientWidth"] <= layout["innerWidth"], layout[
        "overflowing"
    ]
    assert layout["fontSize"] >= 16
    if name in WITHOUT_BOOKING:
        assert layout["book"] is None
    else:
        assert visible_problem("Book a session", layout["book"]) is None, layout["book"]
    assert layout["camtc"], "no element shows CAMTC and 93004"
    header_line = layout["camtc"][0]
    assert visible_problem("CAMTC line", header_line) is None, header_line
    assert "CAMTC" in header_line["text"]
    assert "93004" in header_line["text"]


@pytest.mark.parametrize("name", list(PAGES))
def test_page_reflows_at_320_px(tab: Tab, origin: str, name: str) -> None:
    """WCAG 1.4.10 Reflow: 320 CSS px wide (1280 px at 400 % zoom) without scrolling sideways."""
    tab.resize(320, 640)
    tab.open(origin + PAGES[name])
    layout = tab.evaluate(LAYOUT_JS)
    assert layout["scrollWidth"] <= layout["clientWidth"], layout["overflowing"]
    assert visible_problem("CAMTC line", layout["camtc"][0]) is None, layout["camtc"][0]
    if name not in WITHOUT_BOOKING:
        assert visible_problem("Book a session", layout["book"]) is None, layout["book"]


FOCUS_JS = """
(() => {
  const el = document.activeElement;
  if (!el || el === document.body) return null;
  const style = getComputedStyle(el);
  const box = el.getBoundingClientRect();
  return {
    tag: el.tagName.toLowerCase(), text: el.textContent.replace(/\\s+/g, ' ').trim(),
    outlineStyle: style.outlineStyle, outlineWidth: parseFloat(style.outlineWidth),
    outlineColor: style.outlineColor,
    width: box.width, height: box.height, left: box.left, right: box.right,
    top: box.top, bottom: box.bottom, viewport: document.documentElement.clientWidth,
    viewportHeight: window.innerHeight,
  };
})()
"""


FOCUSABLE = "a[href], button, input, select, textarea, [tabindex]:not([tabindex='-1'])"


def press_tab(tab: Tab) -> None:
    for kind in ("keyDown", "keyUp"):
        tab.call(
            "Input.dispatchKeyEvent",
            {"type": kind, "key": "Tab", "code": "Tab", "windowsVirtualKeyCode": 9},
        )


@pytest.mark.parametrize("width", list(WIDTHS))
@pytest.mark.parametrize("name", list(PAGES))
def test_keyboard_focus_is_visible_on_every_stop(
    tab: Tab, origin: str, name: str, width: int
) -> None:
    """Tab through the whole page: every stop gets a visible outline of at least 2 px, is inside the
    page's width and is not entirely scrolled out of view (WCAG 2.4.7, 2.4.11). The first stop is
    the skip link, shown on focus."""
    tab.resize(width, WIDTHS[width])
    tab.open(origin + PAGES[name])
    stops, count = tab_through(tab)
    assert stops, "no element took keyboard focus"
    assert stops[0]["text"] == "Skip to content"
    assert badly_focused(stops) == [], json.dumps(badly_focused(stops), indent=1)
    assert len(stops) == count


def tab_through(tab: Tab) -> tuple[list[dict[str, Any]], int]:
    """What has focus after each press of Tab, and how many focusable elements the page has."""
    count: int = tab.evaluate(f"document.querySelectorAll({FOCUSABLE!r}).length")
    stops: list[dict[str, Any]] = []
    for _ in range(count):
        press_tab(tab)
        focused = tab.evaluate(FOCUS_JS)
        if focused is None:
            break
        stops.append(focused)
    return stops, count


def badly_focused(stops: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The stops without a visible outline of at least 2 px, outside the page's width, or
    entirely scrolled out of view."""
    return [
        stop
        for stop in stops
        if stop["outlineStyle"] == "none"
        or stop["outlineWidth"] < 2
        or stop["width"] <= 0
        or stop["left"] < 0
        or stop["right"] > stop["viewport"]
        or stop["bottom"] <= 0
        or stop["top"] >= stop["viewportHeight"]
    ]


PRINT_JS = """
(() => {
  const shown = (selector) => [...document.querySelectorAll(selector)].filter(
    (el) => el.getClientRects().length > 0).length;
  const after = (selector) => [...document.querySelectorAll(selector)].map(
    (a) => getComputedStyle(a, '::after').content);
  const body = getComputedStyle(document.body);
  const colours = new Set([...document.querySelectorAll('body, body *')].filter(
    (el) => el.getClientRects().length > 0).map((el) => getComputedStyle(el).color));
  return {
    nav: shown('nav'), book: shown('.book, .button'), skip: shown('.skip-link'),
    bodyColour: body.color, bodyBackground: body.backgroundColor,
    htmlBackground: getComputedStyle(document.documentElement).backgroundColor,
    colours: [...colours],
    referenceAfter: after('.references a[href]'),
    bylineAfter: after('.byline a[href]'),
  };
})()
"""


WIDE_ARTICLE = f"""---
title: What a narrow screen must hold
description: An article of long words, long links, a wide table and a code block, to check that a
  phone never scrolls sideways.
date_published: 2026-11-24
---

Pneumonoultramicroscopicsilicovolcanoconiosis{"x" * 60} is one word. A bare link:
https://nmt-practice.example/{"a-very-long-path-segment/" * 6}.

| day | morning | afternoon | evening | notes on parking and the entrance of the office |
| --- | --- | --- | --- | --- |
| Monday | 09:00–12:00 | 13:00–17:00 | 18:00–20:00 | {"long-unbroken-note-" * 5} |

```text
{"a line of preformatted text that is wider than any phone " * 3}
```

> A quotation: {"Lorem ipsum dolor sit amet " * 8}
"""


@pytest.fixture(scope="module")
def origin_with_extras(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """This repository's content plus one cited reference, to print the reference list, and an
    article of the widest things Markdown can hold, to see that the narrow layout holds them."""
    root = tmp_path_factory.mktemp("with-extras")
    shutil.copy(REPO_ROOT / "practice.yaml", root / "practice.yaml")
    shutil.copytree(REPO_ROOT / "articles", root / "articles")
    article = root / "articles" / "neuromuscular-therapy-lower-back-pain.md"
    text = article.read_text(encoding="utf-8")
    reference = (
        "references:\n"
        "  - title: Massage for low-back pain\n"
        "    authors: [Furlan AD, Giraldo M, Baskwill A, Irvin E, Imamura M]\n"
        "    journal: Cochrane Database of Systematic Reviews\n"
        "    year: 2015\n"
        "    url: https://doi.org/10.1002/14651858.CD001929.pub3\n"
    )
    article.write_text(text.replace("\n---\n", f"\n{reference}---\n", 1), encoding="utf-8")
    (root / "articles" / "wide.md").write_text(WIDE_ARTICLE, encoding="utf-8")
    out = root / "site"
    build(root, out)
    with serve(out) as url:
        yield url


def test_print_hides_navigation_and_booking_and_prints_black_on_white_with_urls(
    tab: Tab, origin_with_extras: str
) -> None:
    tab.resize(1280, 900)
    load = tab.open(origin_with_extras + ARTICLE)
    assert load.problems == []
    tab.call("Emulation.setEmulatedMedia", {"media": "print"})
    printed = tab.evaluate(PRINT_JS)
    tab.screenshot(ARTIFACTS / "article-print.png")
    tab.pdf(ARTIFACTS / "article-print.pdf")
    tab.call("Emulation.setEmulatedMedia", {"media": ""})

    assert (printed["nav"], printed["book"], printed["skip"]) == (0, 0, 0)
    assert printed["bodyColour"] == "rgb(0, 0, 0)"
    assert printed["bodyBackground"] in ("rgb(255, 255, 255)", "rgba(0, 0, 0, 0)")
    assert printed["htmlBackground"] in ("rgb(255, 255, 255)", "rgba(0, 0, 0, 0)")
    assert set(printed["colours"]) == {"rgb(0, 0, 0)"}
    assert printed["referenceAfter"] == ['" (https://doi.org/10.1002/14651858.CD001929.pub3)"']
    assert printed["bylineAfter"] == ['" (/about/)"']


def test_wide_content_does_not_scroll_sideways(tab: Tab, origin_with_extras: str) -> None:
    tab.resize(375, 812)
    load = tab.open(origin_with_extras + "/articles/what-a-narrow-screen-must-hold/")
    layout = tab.evaluate(LAYOUT_JS)
    tab.screenshot(ARTIFACTS / "wide-375.png")
    assert load.problems == []
    assert layout["scrollWidth"] <= layout["clientWidth"], layout["overflowing"]
    stops, _count = tab_through(tab)
    assert any(stop["tag"] == "div" for stop in stops), "the table's scroll box takes no focus"
    assert badly_focused(stops) == [], json.dumps(badly_focused(stops), indent=1)


def run_axe(tab: Tab) -> dict[str, Any]:
    """axe-core's WCAG 2.0–2.2 A and AA rules on the open page: violations and passed rule ids."""
    tab.evaluate(AXE.read_text(encoding="utf-8"))
    results: dict[str, Any] = tab.evaluate(
        "axe.run(document, {runOnly: {type: 'tag', values: "
        "['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']}})"
        ".then((r) => ({violations: r.violations.map((v) => ({id: v.id, help: v.help, "
        "nodes: v.nodes.map((n) => n.target.join(' '))})), passes: r.passes.map((p) => p.id)}))"
    )
    return results


@requires(axe_core=AXE.is_file())
@pytest.mark.parametrize("width", list(WIDTHS))
@pytest.mark.parametrize("name", list(PAGES))
def test_axe_finds_no_wcag_22_aa_violation(tab: Tab, origin: str, name: str, width: int) -> None:
    """axe-core, from the Lighthouse install, with every WCAG 2.0–2.2 A and AA rule: contrast,
    names, landmarks, and 24 px targets (2.5.8)."""
    tab.resize(width, WIDTHS[width])
    tab.open(origin + PAGES[name])
    results = run_axe(tab)
    assert results["violations"] == [], json.dumps(results["violations"], indent=1)
    assert {"color-contrast", "target-size"} <= set(results["passes"])


@requires(axe_core=AXE.is_file())
def test_axe_finds_no_violation_in_wide_content(tab: Tab, origin_with_extras: str) -> None:
    """Tables and code blocks that scroll sideways on a phone can be reached by keyboard."""
    tab.resize(375, 812)
    tab.open(origin_with_extras + "/articles/what-a-narrow-screen-must-hold/")
    results = run_axe(tab)
    assert results["violations"] == [], json.dumps(results["violations"], indent=1)


# -- the group practice ----------------------------------------------------------------------------

GROUP_PAGES = {
    "home": "/",
    "team": "/team/",
    "profile": "/team/jordan/",
    "service": "/services/prenatal-massage/",
    "office": "/locations/capitola/",
    "article": "/articles/sports-massage-for-runners/",
    "article-en": "/articles/what-to-expect-swedish-massage/",
    "article-es": "/articles/que-esperar-primer-masaje-sueco/",
}
"""One page of each kind of the fictional group practice (examples/group-practice), and an
English article with its Spanish translation (the theme in Spanish)."""
CERTIFIED_LINE = {
    "en": "CAMTC Certified Massage Therapist #{number}",
    "es": "Certified Massage Therapist (CAMTC), certificado n.º {number}",
}
"""The footer's CAMTC line by page language (locale/*/LC_MESSAGES/messages.po)."""


@pytest.fixture(scope="module")
def group_origin(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The group practice, built with its own base URL and served on 127.0.0.1."""
    out = tmp_path_factory.mktemp("group") / "site"
    build(GROUP_ROOT, out)
    with serve(out) as url:
        yield url


@pytest.mark.parametrize("width", list(WIDTHS))
@pytest.mark.parametrize("name", list(GROUP_PAGES))
def test_group_page_loads_cleanly_fits_and_shows_every_camtc_line(
    tab: Tab, group_origin: str, name: str, width: int
) -> None:
    tab.resize(width, WIDTHS[width])
    load = tab.open(group_origin + GROUP_PAGES[name])
    layout = tab.evaluate(LAYOUT_JS)
    tab.screenshot(ARTIFACTS / f"group-{name}-{width}.png")

    assert load.problems == []
    assert own_origin_only(load, group_origin) == []
    assert layout["scrollWidth"] <= layout["clientWidth"] <= layout["innerWidth"], layout[
        "overflowing"
    ]
    footer = tab.evaluate("document.querySelector('footer .certified-lines').innerText")
    language = tab.evaluate("document.documentElement.lang").split("-")[0]
    for number in ("555001", "555002", "555003"):
        assert CERTIFIED_LINE[language].format(number=number) in footer


@requires(axe_core=AXE.is_file())
@pytest.mark.parametrize("width", list(WIDTHS))
@pytest.mark.parametrize("name", list(GROUP_PAGES))
def test_axe_finds_no_wcag_22_aa_violation_in_the_group_practice(
    tab: Tab, group_origin: str, name: str, width: int
) -> None:
    tab.resize(width, WIDTHS[width])
    tab.open(group_origin + GROUP_PAGES[name])
    results = run_axe(tab)
    assert results["violations"] == [], json.dumps(results["violations"], indent=1)
