"""`nmt-content serve` in a real browser: a saved edit reloads the open page, a content error
replaces it with the overlay and a fix brings the page back, under a strict script CSP.

Headless chromium over the DevTools pipe (tests/cdp.py); skipped, naming what is missing, where
scripts/install-web-tools.sh could not install chromium (CI requires it).
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from nmt_content.pipeline.build import BuildOptions
from nmt_content.preview.server import PreviewServer

from .. import cdp
from ..webtools import chromium, requires

ARTICLE_PATH = "articles/a-test-article-about-massage/"
STRICT_CSP = "script-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'"
TIMEOUT = 15.0

pytestmark = requires(chromium=chromium() is not None)


class Page:
    """One tab, with just what these tests need: open, evaluate, and the errors it logged."""

    def __init__(self, browser: cdp.Browser) -> None:
        self.browser = browser
        self.target = browser.call("Target.createTarget", {"url": "about:blank"})["targetId"]
        attached = browser.call("Target.attachToTarget", {"targetId": self.target, "flatten": True})
        self.session = attached["sessionId"]
        for domain in ("Page", "Runtime", "Log"):
            self.call(f"{domain}.enable")

    def call(self, method: str, params: dict[str, Any] | None = None) -> dict[str, Any]:
        return self.browser.call(method, params, session=self.session)

    def open(self, url: str) -> None:
        self.browser.drain(quiet=0.05)
        self.call("Page.navigate", {"url": url})
        self.browser.wait_for("Page.loadEventFired", self.session)

    def evaluate(self, expression: str) -> Any:
        reply = self.call("Runtime.evaluate", {"expression": expression, "returnByValue": True})
        if "exceptionDetails" in reply:
            return None  # mid-reload: the document went away
        return reply["result"].get("value")

    def until(self, expression: str) -> None:
        deadline = time.monotonic() + TIMEOUT
        while self.evaluate(expression) is not True:
            if time.monotonic() > deadline:
                pytest.fail(f"{expression} did not become true within {TIMEOUT} s")
            time.sleep(0.1)

    def errors(self) -> list[str]:
        problems = []
        for event in self.browser.drain(quiet=0.2):
            if event.get("sessionId") != self.session:
                continue
            params = event.get("params", {})
            if event.get("method") == "Log.entryAdded" and params["entry"]["level"] == "error":
                problems.append(params["entry"]["text"])
            if event.get("method") == "Runtime.exceptionThrown":
                problems.append(str(params["exceptionDetails"].get("text")))
        return problems


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[cdp.Browser]:
    binary = chromium()
    assert binary is not None
    with cdp.launch(binary, tmp_path_factory.mktemp("chromium-profile")) as running:
        yield running


@pytest.fixture
def strict_site(content_root: Path, tmp_path: Path) -> Iterator[PreviewServer]:
    """The test content served with a template that adds a strict script CSP to every page."""
    templates = tmp_path / "templates"
    templates.mkdir()
    (templates / "base.html").write_text(
        '{% extends "builtin/base.html" %}{% block head_extra %}'
        f'<meta http-equiv="Content-Security-Policy" content="{STRICT_CSP}">'
        "{% endblock %}"
    )
    with PreviewServer(content_root, port=0, options=BuildOptions(templates=templates)) as server:
        yield server


def test_edit_reloads_the_open_page_and_errors_show_then_clear(
    browser: cdp.Browser, strict_site: PreviewServer, content_root: Path
) -> None:
    page = Page(browser)
    try:
        page.open(strict_site.url + ARTICLE_PATH)
        assert page.evaluate("document.querySelector('meta[http-equiv]').content") == STRICT_CSP
        page.until("document.querySelector('h1') !== null")
        page.evaluate("window.__stillTheSamePage = true")
        time.sleep(0.3)  # let the page's EventSource connect before the edit

        article = content_root / "articles" / "test-article.md"
        good = article.read_text()
        article.write_text(good.replace("More text.", "A live edit."))
        page.until("document.body.innerText.includes('A live edit.')")
        assert page.evaluate("window.__stillTheSamePage === undefined") is True  # it reloaded

        article.write_text(good.replace("date_published: 2024-03-01", "date_published: <i>x"))
        page.until("document.getElementById('nmt-error-overlay') !== null")
        overlay = page.evaluate("document.getElementById('nmt-error-overlay').innerText")
        assert "articles/test-article.md:4" in overlay
        assert "<i>x" in overlay
        assert page.evaluate("document.querySelector('#nmt-error-overlay i')") is None

        article.write_text(good)
        page.until("document.getElementById('nmt-error-overlay') === null")
        page.until("document.body.innerText.includes('More text.')")
        assert [e for e in page.errors() if "Content Security Policy" in e] == []
    finally:
        browser.call("Target.closeTarget", {"targetId": page.target})
