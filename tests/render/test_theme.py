"""The default theme's business pieces: logo and phone in the header, a short menu, the home
page's hero, portraits, office photos and directions, duration and price on service cards. Each
image carries the size read from its file."""

from __future__ import annotations

import shutil
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from bs4 import BeautifulSoup, Tag

from nmt_content.pipeline.build import build_site
from nmt_content.pipeline.loading import load_site
from nmt_content.pipeline.plan import BuildOptions

from ..conftest import GROUP_ROOT, REPO_ROOT
from ..images import write_png

IMAGES_ROOT = REPO_ROOT / "examples" / "images_practice"


@pytest.fixture(scope="module")
def images_site() -> dict[str, BeautifulSoup]:
    files, _ = build_site(load_site(IMAGES_ROOT))
    return {p: BeautifulSoup(d, "html.parser") for p, d in files.items() if p.endswith(".html")}


@pytest.fixture(scope="module")
def group_site() -> dict[str, BeautifulSoup]:
    files, _ = build_site(load_site(GROUP_ROOT))
    return {p: BeautifulSoup(d, "html.parser") for p, d in files.items() if p.endswith(".html")}


def one(doc: BeautifulSoup, selector: str) -> Tag:
    found = doc.select(selector)
    assert len(found) == 1, selector
    return found[0]


def size(img: Tag) -> tuple[str, str, str]:
    return str(img["src"]), str(img["width"]), str(img["height"])


def test_the_header_shows_the_logo_sized_from_its_file_and_a_tel_link(
    images_site: dict[str, BeautifulSoup],
) -> None:
    for doc in images_site.values():
        logo = one(doc, "header .site-name a[href='/'] img.logo")
        assert size(logo) == ("/images/logo.png", "112", "112")
        assert logo["alt"] == ""  # the practice's name follows in the same link
        call = one(doc, "header .call a")
        assert call["href"] == "tel:+15305550199"
        assert call.get_text() == "Call +1-530-555-0199"


def test_the_menu_has_services_team_offices_and_articles(
    images_site: dict[str, BeautifulSoup], group_site: dict[str, BeautifulSoup]
) -> None:
    def menu(doc: BeautifulSoup) -> list[tuple[str, str]]:
        return [(a.get_text(), str(a["href"])) for a in doc.select("nav.site-nav a")]

    assert menu(images_site["index.html"]) == [
        ("Services", "/services/"),
        ("About", "/about/"),
        ("Offices", "/locations/"),
        ("Articles", "/articles/"),
    ]
    assert [label for label, _ in menu(group_site["index.html"])] == [
        "Services",
        "Team",
        "Offices",
        "Articles",
    ]
    current = group_site["team/index.html"].select("nav.site-nav a[aria-current='page']")
    assert [a.get_text() for a in current] == ["Team"]


def test_a_practice_without_phone_or_logo_shows_neither() -> None:
    files, _ = build_site(load_site(REPO_ROOT))
    doc = BeautifulSoup(files["index.html"], "html.parser")
    assert doc.select(".call, img.logo, img.hero") == []
    assert doc.select_one(".site-name a") is not None


def test_the_home_page_leads_with_the_practice_photo(
    images_site: dict[str, BeautifulSoup],
) -> None:
    hero = one(images_site["index.html"], "main img.hero")
    assert size(hero) == ("/images/office-front.png", "1200", "630")
    assert hero["alt"] == "Willow Creek Example Massage"
    assert hero["fetchpriority"] == "high"
    assert not hero.has_attr("loading")


def test_portraits_on_the_profile_and_the_team_cards(
    images_site: dict[str, BeautifulSoup], tmp_path: Path
) -> None:
    portrait = one(images_site["about/index.html"], "main img.profile-portrait")
    assert size(portrait) == ("/images/portrait-sam.png", "400", "500")
    assert portrait["alt"] == "Sam Example"
    shutil.copytree(GROUP_ROOT, tmp_path / "group")
    practice = tmp_path / "group" / "practice.yaml"
    text = practice.read_text(encoding="utf-8")
    practice.write_text(
        text.replace("    name: Maya Torres\n", "    name: Maya Torres\n    image: /maya.png\n", 1),
        encoding="utf-8",
    )
    write_png(tmp_path / "group" / "static" / "maya.png", 30, 40)
    files, _ = build_site(load_site(tmp_path / "group"))
    for page in ("team/index.html", "team/maya/index.html"):
        doc = BeautifulSoup(files[page], "html.parser")
        img = one(doc, "main img.portrait")
        assert (str(img["width"]), str(img["height"])) == ("30", "40")
        assert str(img["src"]).endswith("/maya.png")
    card = one(BeautifulSoup(files["team/index.html"], "html.parser"), ".cards img.portrait")
    assert card["alt"] == ""
    assert card["loading"] == "lazy"


def test_office_pages_show_the_photo_directions_and_merged_hours(
    images_site: dict[str, BeautifulSoup], group_site: dict[str, BeautifulSoup]
) -> None:
    office = images_site["locations/main/index.html"]
    directions = one(office, "a.directions")
    url = urlsplit(str(directions["href"]))
    assert (url.netloc, url.path) == ("www.google.com", "/maps/dir/")
    assert parse_qs(url.query) == {
        "api": ["1"],
        "destination": ["1 Example Way, Redding, CA 96001"],
    }
    group = group_site["locations/santa-cruz/index.html"]
    links = [str(a["href"]) for a in group.select(".map-links a")]
    assert len(links) == 2
    assert links[1].startswith("https://maps.example.com/")
    rows = [(r.th.get_text(), r.td.get_text()) for r in group.select("table.hours tr")]
    assert "Closed" in {time for _, time in rows}


def test_office_photo_is_sized_from_its_file(images_site: dict[str, BeautifulSoup]) -> None:
    photo = one(images_site["locations/main/index.html"], "main img.office-photo")
    assert size(photo) == ("/images/office-front.png", "1200", "630")
    assert photo["alt"] == "Willow Creek office"


def test_service_cards_show_duration_and_price(group_site: dict[str, BeautifulSoup]) -> None:
    for page in ("index.html", "services/index.html"):
        facts = [p.get_text() for p in group_site[page].select(".cards .facts")]
        assert facts[0] == "60–90 minutes · from $95"
        assert "60–90 minutes · from $100" in facts  # the lowest of office-specific prices


def test_an_article_page_weighs_under_50_kb_before_images() -> None:
    """The HTML and the stylesheet together: everything the page loads but its images."""
    for root in (REPO_ROOT, IMAGES_ROOT):
        files, _ = build_site(load_site(root))
        articles = [p for p in files if p.startswith("articles/") and p != "articles/index.html"]
        assert articles
        for page in articles:
            weight = len(files[page]) + len(files["assets/site.css"])
            assert weight < 50 * 1024, (page, weight)


def test_each_page_marks_its_own_menu_entry_and_no_other(
    group_site: dict[str, BeautifulSoup],
) -> None:
    # The menu is rendered once per entry it marks: each page must still get its own.
    linked = {str(a["href"]) for a in group_site["index.html"].select("nav.site-nav a")}
    for path, doc in group_site.items():
        url = "/" + path.removesuffix("index.html")
        current = [str(a["href"]) for a in doc.select("nav.site-nav a[aria-current='page']")]
        assert current == ([url] if url in linked else []), path
        assert not doc.select("p.certified")  # a group's masthead has no certified line


def test_the_masthead_and_the_menu_can_be_overridden(tmp_path: Path) -> None:
    templates = tmp_path / "templates"
    templates.mkdir()
    (templates / "_masthead.html").write_text('<p class="mine">{{ site.name }}</p>\n')
    (templates / "article.html").write_text(
        '{% extends "builtin/article.html" %}{% block nav %}<nav class="own"></nav>{% endblock %}'
    )
    files, _ = build_site(load_site(IMAGES_ROOT), BuildOptions(templates=templates))
    pages = {p: BeautifulSoup(d, "html.parser") for p, d in files.items() if p.endswith(".html")}
    for path, doc in pages.items():
        assert one(doc, "header p.mine").get_text() == "Willow Creek Example Massage"
        assert not doc.select("header .masthead")
        own = bool(doc.select("header nav.own"))
        article = path.startswith("articles/") and path != "articles/index.html"
        assert own == article, path
        assert bool(doc.select("header nav.site-nav")) is not own
