"""The pages, feed and structured data of a practice of several therapists and offices
(examples/group-practice): a team page and a profile each, bylines to each author's own profile,
and no page that names a therapist for an office or a service they are not linked to."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from lxml import etree

from nmt_content.pipeline.build import BuildOptions, build_site
from nmt_content.pipeline.loading import load_site
from nmt_content.schema.graph_check import validate_graph

from ..conftest import GROUP_ROOT

BASE = "https://group-practice.example"
NAMES = {"maya": "Maya Torres", "jordan": "Jordan Lee", "priya": "Priya Raman"}
NUMBERS = {"maya": "555001", "jordan": "555002", "priya": "555003"}


@pytest.fixture(scope="module")
def files() -> dict[str, bytes]:
    built, _report = build_site(load_site(GROUP_ROOT), BuildOptions())
    return built


def page(files: dict[str, bytes], path: str) -> BeautifulSoup:
    return BeautifulSoup(files[path].decode(), "html.parser")


def main_text(files: dict[str, bytes], path: str) -> str:
    main = page(files, path).find("main")
    assert main is not None
    return " ".join(main.get_text(" ").split())


def graph(files: dict[str, bytes], path: str) -> dict[str, dict[str, object]]:
    script = page(files, path).find("script", type="application/ld+json")
    assert script is not None
    document = json.loads(script.string or "")
    return {node["@id"]: node for node in document["@graph"]}


def test_a_team_page_and_one_profile_per_therapist(files: dict[str, bytes]) -> None:
    assert "about/index.html" not in files
    team = page(files, "team/index.html")
    cards = team.select("main li.person")
    assert [card.h3.get_text(strip=True) for card in cards] == list(NAMES.values())
    for card, (ident, name) in zip(cards, NAMES.items(), strict=True):
        assert card.h3.a["href"] == f"/team/{ident}/"
        assert card.select_one(".certified-line").get_text(strip=True) == (
            f"{name}, CAMTC Certified Massage Therapist #{NUMBERS[ident]}"
        )
    assert graph(files, "team/index.html")[f"{BASE}/team/#webpage"]["@type"] == "AboutPage"
    for ident, name in NAMES.items():
        nodes = graph(files, f"team/{ident}/index.html")
        webpage = nodes[f"{BASE}/team/{ident}/#webpage"]
        assert webpage["@type"] == "ProfilePage"
        assert webpage["mainEntity"] == {"@id": f"{BASE}/#/schema/person/{ident}"}
        person = nodes[f"{BASE}/#/schema/person/{ident}"]
        assert person["url"] == f"{BASE}/team/{ident}/"
        assert f"{name}, CAMTC Certified Massage Therapist #{NUMBERS[ident]}" in main_text(
            files, f"team/{ident}/index.html"
        )


def test_every_byline_leads_to_its_authors_profile_with_their_certified_line(
    files: dict[str, bytes],
) -> None:
    articles = [p for p in files if p.startswith("articles/") and p != "articles/index.html"]
    assert len(articles) == 7  # six in English, one translated into Spanish
    authors = set()
    for path in articles:
        byline = page(files, path).select_one("p.byline a[rel=author]")
        assert byline is not None
        ident = next(i for i, name in NAMES.items() if name == byline.get_text(strip=True))
        authors.add(ident)
        assert byline["href"] == f"/team/{ident}/"
        profile = main_text(files, f"team/{ident}/index.html")
        assert f"CAMTC Certified Massage Therapist #{NUMBERS[ident]}" in profile
    assert authors == set(NAMES)


def test_the_feed_names_each_author_with_their_profile(files: dict[str, bytes]) -> None:
    feed = etree.fromstring(files["feed.xml"])
    ns = {"a": "http://www.w3.org/2005/Atom"}
    for entry in feed.findall("a:entry", ns):
        name = entry.findtext("a:author/a:name", namespaces=ns)
        uri = entry.findtext("a:author/a:uri", namespaces=ns)
        ident = next(i for i, n in NAMES.items() if n == name)
        assert uri == f"{BASE}/team/{ident}/"


@pytest.mark.parametrize(
    ("path", "named", "not_named"),
    [
        ("locations/capitola/index.html", {"maya", "priya"}, {"jordan"}),
        ("locations/santa-cruz/index.html", {"maya", "jordan"}, {"priya"}),
        ("services/deep-tissue-massage/index.html", {"jordan"}, {"maya", "priya"}),
        ("services/craniosacral-therapy/index.html", {"priya"}, {"maya", "jordan"}),
        ("services/swedish-massage/index.html", {"maya", "priya"}, {"jordan"}),
    ],
)
def test_pages_name_only_who_works_there_or_gives_the_service(
    files: dict[str, bytes], path: str, named: set[str], not_named: set[str]
) -> None:
    text = main_text(files, path)
    soup = page(files, path)
    description = soup.find("meta", attrs={"name": "description"})["content"]
    for ident in named:
        assert NAMES[ident] in text
    for ident in not_named:
        assert NAMES[ident] not in text
        assert NAMES[ident] not in description
    slug = path.split("/")[1]
    nodes = graph(files, path)
    if path.startswith("locations/"):
        office = nodes[f"{BASE}/#/schema/location/{slug}"]
        assert {ref["@id"].rsplit("/", 1)[1] for ref in office["employee"]} == named


def test_the_disclaimer_names_who_gives_the_service(files: dict[str, bytes]) -> None:
    disclaimer = page(files, "services/sports-massage/index.html").select_one(".disclaimer")
    assert disclaimer is not None
    text = disclaimer.get_text(" ", strip=True)
    assert "Jordan Lee is not licensed by the State of California" in text
    assert "Maya" not in text
    assert "Priya" not in text


def test_office_details_hours_and_special_hours(files: dict[str, bytes]) -> None:
    soup = page(files, "locations/capitola/index.html")
    tables = soup.select("main table.hours")
    rows = [
        [c.get_text(strip=True) for c in tr.find_all(["th", "td"])]
        for tr in tables[0].find_all("tr")
    ]
    assert rows == [
        ["Monday, Wednesday, Friday, Sunday", "Closed"],
        ["Tuesday, Thursday", "8:00 AM – noon, 3:00 PM – 8:00 PM"],
        ["Saturday", "9:00 AM – 1:00 PM"],
    ]
    special = [
        [c.get_text(strip=True) for c in tr.find_all(["th", "td"])]
        for tr in tables[1].find_all("tr")
    ]
    assert special == [["December 24, 2026 to January 2, 2027 (Winter break)", "Closed"]]
    assert "Sessions by appointment only." in main_text(files, "locations/capitola/index.html")
    nodes = graph(files, "locations/santa-cruz/index.html")
    office = nodes[f"{BASE}/#/schema/location/santa-cruz"]
    assert office["hasMap"].startswith("https://maps.example.com/")
    assert office["paymentAccepted"] == "Cash, Credit card, HSA/FSA card"
    assert office["email"] == "santacruz@group-practice.example"
    assert office["sameAs"] == ["https://business.example.com/harbor-pine-santa-cruz"]
    assert {
        "validFrom": "2026-12-25",
        "validThrough": "2026-12-25",
        "opens": "00:00",
        "closes": "00:00",
    }.items() <= next(
        s for s in office["specialOpeningHoursSpecification"] if s.get("name") == "Christmas Day"
    ).items()
    booking = page(files, "locations/santa-cruz/index.html").select_one("main a.button")
    assert booking["href"] == "https://booking.example.com/harbor-pine/santa-cruz"


def test_offers_are_a_price_list_and_one_offer_each(files: dict[str, bytes]) -> None:
    soup = page(files, "services/prenatal-massage/index.html")
    rows = [
        [c.get_text(strip=True) for c in tr.find_all(["th", "td"])]
        for tr in soup.select("main table.prices tr")
    ]
    assert rows == [
        ["Session", "Price", "Where"],
        ["60 minutes", "$105", "Santa Cruz studio"],
        ["60 minutes", "$100", "Capitola office"],
        ["90 minutes", "$145", "Every office"],
    ]
    service = graph(files, "index.html")[f"{BASE}/#/schema/service/prenatal"]
    offers = service["offers"]
    assert [(o["name"], o["price"]) for o in offers] == [
        ("60 minutes", "105"),
        ("60 minutes", "100"),
        ("90 minutes", "145"),
    ]
    assert offers[0]["availableAtOrFrom"] == [{"@id": f"{BASE}/#/schema/location/santa-cruz"}]
    assert "availableAtOrFrom" not in offers[2]


def test_people_in_the_graph(files: dict[str, bytes]) -> None:
    nodes = graph(files, "index.html")
    jordan = nodes[f"{BASE}/#/schema/person/jordan"]
    assert jordan["workLocation"] == [{"@id": f"{BASE}/#/schema/location/santa-cruz"}]
    assert jordan["knowsLanguage"] == ["English"]
    licence = jordan["hasCredential"][1]
    assert licence["validIn"] == {"@type": "State", "name": "Oregon"}
    assert nodes[f"{BASE}/#/schema/person/priya"]["knowsLanguage"] == ["English", "Tamil", "Hindi"]
    profile = main_text(files, "team/jordan/index.html")
    assert "Licensed Massage Therapist (Oregon)" in profile
    assert "Valid through June 30, 2027" in profile


def test_every_group_page_validates_against_schema_org(files: dict[str, bytes]) -> None:
    problems = {}
    for path, data in files.items():
        if not path.endswith(".html"):
            continue
        script = BeautifulSoup(data.decode(), "html.parser").find(
            "script", type="application/ld+json"
        )
        document = json.loads(script.string or "")
        problems[path] = [f"{p.kind} {p.path}: {p.message}" for p in validate_graph(document)]
    assert problems == {path: [] for path in problems}
    # home, team, 3 profiles, services and 5 services, offices and 2 offices, articles and 7
    # articles (one of them Spanish), 404
    assert len(problems) == 23


def test_the_group_build_is_deterministic(files: dict[str, bytes], tmp_path: Path) -> None:
    again, _report = build_site(load_site(GROUP_ROOT), BuildOptions())
    assert again == files
