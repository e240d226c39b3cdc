"""`inject` respects the host site: URLs where the host serves each file, links only to pages it
has, foreign practice JSON-LD reported or replaced, and a dry run that changes nothing."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import unquote

import pytest
from bs4 import BeautifulSoup
from lxml import etree

from nmt_content import inject, load_site, page_for
from nmt_content.cli import main

BASE = "https://practice.example/"
SM = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
PAGE = "<!DOCTYPE html>\n<html>\n<head>\n<title>Theirs</title>\n</head>\n<body><p>x</p></body>\n</html>\n"
FOREIGN = (
    '<script type="application/ld+json">{"@context": "https://schema.org", '
    '"@type": "LocalBusiness", "name": "Hand-written"}</script>\n'
)


@pytest.fixture
def flat_site(tmp_path: Path) -> Path:
    """A plain static site of flat files: no services, offices or articles pages."""
    folder = tmp_path / "site"
    folder.mkdir()
    for name in ("index.html", "about.html", "contact.html"):
        (folder / name).write_text(PAGE, encoding="utf-8")
    return folder


def run(site: Path, root: Path, capsys: pytest.CaptureFixture[str], *extra: str) -> str:
    assert main(["inject", str(site), "--root", str(root), *extra]) == 0
    captured = capsys.readouterr()
    return captured.out + captured.err


def soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def graph_of(page: BeautifulSoup) -> list[dict[str, Any]]:
    scripts = page.find_all("script", type="application/ld+json")
    ours = [json.loads(s.get_text()) for s in scripts if "@graph" in s.get_text()]
    assert len(ours) == 1
    graph: list[dict[str, Any]] = ours[0]["@graph"]
    return graph


def strings(value: Any, key: str = "") -> Iterator[tuple[str, str]]:
    if isinstance(value, dict):
        for k, item in value.items():
            yield from strings(item, k)
    elif isinstance(value, list):
        for item in value:
            yield from strings(item, key)
    elif isinstance(value, str):
        yield key, value


def resolves(site: Path, url: str) -> bool:
    """Whether a static host serving ``site`` at BASE has a page at ``url``."""
    path = unquote(url[len(BASE) :].split("#", 1)[0])
    target = site / path
    return (
        (target / "index.html").is_file() if path == "" or path.endswith("/") else target.is_file()
    )


def test_flat_files_get_canonicals_that_resolve_on_the_host(
    flat_site: Path, content_root: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = run(flat_site, content_root, capsys)
    assert "about.html ← /about/" in out
    assert "contact.html (no matching page)" in out
    about = soup(flat_site / "about.html")
    canonical = about.find("link", rel="canonical")
    assert canonical is not None
    assert canonical["href"] == BASE + "about.html"
    og_url = about.find("meta", property="og:url")
    assert og_url is not None
    assert og_url["content"] == BASE + "about.html"
    for name in ("index.html", "about.html"):
        page = soup(flat_site / name)
        link = page.find("link", rel="canonical")
        assert link is not None
        assert resolves(flat_site, str(link["href"]))


def test_graph_and_sitemap_link_only_pages_the_host_has(
    flat_site: Path, content_root: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    run(flat_site, content_root, capsys)
    for name in ("index.html", "about.html"):
        for key, value in strings(graph_of(soup(flat_site / name))):
            if key != "@id" and value.startswith(BASE) and not value.endswith((".png", ".jpg")):
                assert resolves(flat_site, value), f"{name} links {value} ({key})"
    locs = etree.fromstring((flat_site / "sitemap.xml").read_bytes()).xpath(
        "//s:loc/text()", namespaces=SM
    )
    assert sorted(locs) == [BASE, BASE + "about.html"]


def test_a_map_places_pages_the_host_names_otherwise(
    flat_site: Path, content_root: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    map_file = tmp_path / "map.toml"
    map_file.write_text('"/services/massage-therapy/" = "/contact.html"\n', encoding="utf-8")
    out = run(flat_site, content_root, capsys, "--map", str(map_file))
    assert "contact.html ← /services/massage-therapy/" in out
    contact = soup(flat_site / "contact.html")
    canonical = contact.find("link", rel="canonical")
    assert canonical is not None
    assert canonical["href"] == BASE + "contact.html"
    service_urls = [
        node.get("url") for node in graph_of(soup(flat_site / "index.html"))
        if node.get("@type") == "Service"
    ]  # fmt: skip
    assert service_urls == [BASE + "contact.html"]


def test_a_map_naming_a_page_we_do_not_have_is_refused(
    flat_site: Path, content_root: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    map_file = tmp_path / "map.toml"
    map_file.write_text('"/abuot/" = "/contact.html"\n', encoding="utf-8")
    before = (flat_site / "contact.html").read_bytes()
    code = main(["inject", str(flat_site), "--root", str(content_root), "--map", str(map_file)])
    assert code == 2
    err = capsys.readouterr().err
    assert "'/abuot/' is not one of our pages (did you mean /about/?)" in err
    assert (flat_site / "contact.html").read_bytes() == before


def test_foreign_practice_json_ld_is_reported_with_its_file_and_kept(
    flat_site: Path, content_root: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (flat_site / "about.html").write_text(PAGE.replace("</head>", FOREIGN + "</head>"))
    out = run(flat_site, content_root, capsys)
    assert "about.html: JSON-LD already on the page describes LocalBusiness too" in out
    assert "--replace-jsonld" in out
    assert "Hand-written" in (flat_site / "about.html").read_text(encoding="utf-8")


def test_replace_jsonld_replaces_foreign_practice_json_ld(
    flat_site: Path, content_root: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    video = '<script type="application/ld+json">{"@type": "VideoObject"}</script>\n'
    body_script = FOREIGN.replace("Hand-written", "In the body")
    page = PAGE.replace("</head>", FOREIGN + video + "</head>").replace(
        "<p>x</p>", "<p>x</p>" + body_script
    )
    (flat_site / "about.html").write_text(page, encoding="utf-8")
    run(flat_site, content_root, capsys, "--replace-jsonld")
    result = (flat_site / "about.html").read_text(encoding="utf-8")
    assert "Hand-written" not in result
    assert "In the body" not in result
    assert "VideoObject" in result, "JSON-LD about something else is kept"
    assert len(graph_of(soup(flat_site / "about.html"))) > 1


def test_dry_run_prints_what_would_change_and_changes_nothing(
    flat_site: Path, content_root: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = {p.name: p.read_bytes() for p in flat_site.iterdir()}
    out = run(flat_site, content_root, capsys, "--dry-run")
    assert "would inject    about.html ← /about/" in out
    assert "would write     sitemap.xml" in out
    assert "2 of 2 matched pages would be updated" in out
    assert {p.name: p.read_bytes() for p in flat_site.iterdir()} == before


def test_the_api_replaces_foreign_json_ld_only_when_asked(content_root: Path) -> None:
    page = page_for(load_site(content_root), "/about/")
    html = PAGE.replace("</head>", FOREIGN + "</head>")
    assert "Hand-written" in inject(html, page)
    replaced = inject(html, page, replace_jsonld=True)
    assert "Hand-written" not in replaced
    assert inject(replaced, page, replace_jsonld=True) == replaced
