"""The examples in examples/ work as documented."""

from __future__ import annotations

import importlib.util
import json
from types import ModuleType

import pytest
from bs4 import BeautifulSoup
from lxml import etree

from ..conftest import REPO_ROOT

flask = pytest.importorskip("flask")


def load_example() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "flask_app", REPO_ROOT / "examples" / "flask_app.py"
    )
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_flask_app_renders_head_tags_and_serves_sitemap() -> None:
    client = load_example().create_app(REPO_ROOT).test_client()
    response = client.get("/about/")
    assert response.status_code == 200
    soup = BeautifulSoup(response.data, "html.parser")
    assert soup.title is not None
    assert "Dustin" in soup.title.get_text()
    canonical = soup.find("link", rel="canonical")
    assert canonical is not None
    assert canonical["href"] == "https://nmt-practice.example/about/"
    graph = json.loads(soup.find("script", type="application/ld+json").string)
    assert graph["@context"] == "https://schema.org"
    sitemap = client.get("/sitemap.xml")
    assert sitemap.status_code == 200
    locs = etree.fromstring(sitemap.data).xpath(
        "//s:loc/text()", namespaces={"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    )
    assert "https://nmt-practice.example/about/" in locs
    assert client.get("/robots.txt").data.decode().strip().endswith("sitemap.xml")
    assert client.get("/no-such-page/").status_code == 404
