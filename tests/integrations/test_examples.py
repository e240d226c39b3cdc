"""The examples in examples/ work as documented: the Flask app, the FastAPI app behind the ASGI
middleware, and the Django project (run in its own process, with its own settings)."""

from __future__ import annotations

import importlib.util
import json
import os
import subprocess
import sys
from types import ModuleType

import pytest
from bs4 import BeautifulSoup
from lxml import etree

from nmt_content import load_site, page_for, sitemap_xml

from ..conftest import REPO_ROOT

SITEMAP_NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
ABOUT = "https://nmt-practice.example/about/"
CERTIFIED = "Dustin, CAMTC Certified Massage Therapist #93004"


def load_example(name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(name, REPO_ROOT / "examples" / f"{name}.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _assert_our_page(html: str | bytes) -> None:
    """The about page as every example must show it: our head, language, heading, CAMTC line."""
    soup = BeautifulSoup(html, "html.parser")
    page = page_for(load_site(REPO_ROOT), "/about/")
    assert soup.html is not None
    assert soup.html["lang"] == page.language == "en-US"
    assert soup.title is not None
    assert soup.title.get_text() == page.title
    assert len(soup.find_all("title")) == 1
    assert soup.find("link", rel="canonical")["href"] == ABOUT
    graph = json.loads(soup.find("script", type="application/ld+json").string)
    assert graph["@context"] == "https://schema.org"
    assert soup.find("h1").get_text() == page.headline
    assert page.headline != page.title
    assert CERTIFIED in soup.get_text()


def _locs(xml: bytes) -> list[str]:
    return list(etree.fromstring(xml).xpath("//s:loc/text()", namespaces=SITEMAP_NS))


def test_flask_app_renders_head_tags_language_heading_and_camtc_line() -> None:
    pytest.importorskip("flask")
    module = load_example("flask_app")
    assert not hasattr(module, "app"), "nothing is loaded at import"
    client = module.create_app(REPO_ROOT).test_client()
    response = client.get("/about/")
    assert response.status_code == 200
    _assert_our_page(response.data)
    sitemap = client.get("/sitemap.xml")
    assert sitemap.status_code == 200
    assert ABOUT in _locs(sitemap.data)
    assert client.get("/robots.txt").data.decode().strip().endswith("sitemap.xml")
    assert client.get("/no-such-page/").status_code == 404


def test_fastapi_app_gets_our_head_tags_through_the_middleware() -> None:
    pytest.importorskip("fastapi")
    from starlette.testclient import TestClient

    client = TestClient(load_example("fastapi_app").create_app(str(REPO_ROOT)))
    response = client.get("/about/")
    assert response.status_code == 200
    assert int(response.headers["content-length"]) == len(response.content)
    _assert_our_page(response.text)
    assert client.get("/api/health").json() == {"status": "ok"}
    assert client.get("/sitemap.xml").text == sitemap_xml(load_site(REPO_ROOT))
    assert client.get("/no-such-page/").status_code == 404


_DJANGO_CLIENT = """
import django, json, sys
django.setup()
from django.test import Client
client = Client()
print(json.dumps({path: [r.status_code, r.content.decode()]
                  for path in sys.argv[1:] for r in [client.get(path)]}))
"""


@pytest.mark.slow
def test_django_site_renders_our_page_sitemap_and_check() -> None:
    pytest.importorskip("django")
    project = REPO_ROOT / "examples" / "django_site"
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "settings",
        "PYTHONPATH": str(project),
        "NMT_CONTENT_ROOT": str(REPO_ROOT),
    }
    run = subprocess.run(
        [sys.executable, "-c", _DJANGO_CLIENT, "/about/", "/sitemap.xml", "/nowhere/"],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    responses = json.loads(run.stdout)
    assert responses["/about/"][0] == 200
    _assert_our_page(responses["/about/"][1])
    assert ABOUT in _locs(responses["/sitemap.xml"][1].encode())
    assert responses["/nowhere/"][0] == 404
    check = subprocess.run(
        [sys.executable, str(project / "manage.py"), "check"],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert check.returncode == 0, check.stderr
    assert "no issues" in check.stdout
