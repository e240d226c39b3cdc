"""`nmt-content inject` on the hand-made static site in examples/static_inject."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from lxml import etree

from nmt_content.cli import main

from ..conftest import REPO_ROOT

EXAMPLE = REPO_ROOT / "examples" / "static_inject" / "site"


@pytest.fixture
def static_site(tmp_path: Path) -> Path:
    target = tmp_path / "site"
    shutil.copytree(EXAMPLE, target)
    return target


def snapshot(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def test_inject_enriches_matched_pages(
    static_site: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = snapshot(static_site)
    assert main(["inject", str(static_site), "--root", str(REPO_ROOT)]) == 0
    out = capsys.readouterr().out
    assert "injected  index.html ← /" in out
    assert "injected  about/index.html ← /about/" in out
    after = snapshot(static_site)
    assert after["style.css"] == before["style.css"], "non-HTML files are never touched"
    home = BeautifulSoup(after["index.html"], "html.parser")
    assert home.title is not None
    assert home.title.get_text() != "Home"
    assert len(home.find_all("title")) == 1
    scripts = [s.string for s in home.find_all("script")]
    assert 'window.analytics = "kept as is";' in scripts
    original = before["index.html"].decode()
    assert after["index.html"].decode().split("</head>")[1] == original.split("</head>")[1]


def test_inject_writes_sitemap_and_robots(static_site: Path) -> None:
    assert main(["inject", str(static_site), "--root", str(REPO_ROOT), "-q"]) == 0
    sitemap = etree.fromstring((static_site / "sitemap.xml").read_bytes())
    locs = sitemap.xpath(
        "//s:loc/text()", namespaces={"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    )
    assert sorted(locs) == ["https://nmt-practice.example/", "https://nmt-practice.example/about/"]
    robots = (static_site / "robots.txt").read_text().splitlines()
    assert "Sitemap: https://nmt-practice.example/sitemap.xml" in robots


def test_inject_merges_existing_robots_and_sitemap(static_site: Path) -> None:
    (static_site / "robots.txt").write_text("User-agent: *\nDisallow: /private/\n")
    (static_site / "sitemap.xml").write_text(
        '<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
        "<url><loc>https://nmt-practice.example/blog/</loc></url></urlset>\n"
    )
    assert main(["inject", str(static_site), "--root", str(REPO_ROOT), "-q"]) == 0
    robots = (static_site / "robots.txt").read_text().splitlines()
    assert robots[:2] == ["User-agent: *", "Disallow: /private/"]
    assert robots.count("Sitemap: https://nmt-practice.example/sitemap.xml") == 1
    sitemap = etree.fromstring((static_site / "sitemap.xml").read_bytes())
    locs = sitemap.xpath(
        "//s:loc/text()", namespaces={"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    )
    assert "https://nmt-practice.example/blog/" in locs
    assert "https://nmt-practice.example/about/" in locs


def test_second_run_changes_nothing(static_site: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["inject", str(static_site), "--root", str(REPO_ROOT), "-q"]) == 0
    first = snapshot(static_site)
    assert main(["inject", str(static_site), "--root", str(REPO_ROOT)]) == 0
    assert snapshot(static_site) == first
    assert "0 of 2 matched pages updated" in capsys.readouterr().out


def test_unmatched_pages_are_left_alone(
    static_site: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (static_site / "contact.html").write_text("<html><head><title>C</title></head></html>")
    assert main(["inject", str(static_site), "--root", str(REPO_ROOT)]) == 0
    assert (
        static_site / "contact.html"
    ).read_text() == "<html><head><title>C</title></head></html>"
    assert "contact.html (no matching page)" in capsys.readouterr().out
