"""The schema.org graph of every page: valid, connected, deterministic, honest about gaps.

Assertions work on the parsed document (dicts and lists), never on substrings of serialised JSON.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

from nmt_content.pages.model import PagePlan
from nmt_content.pages.plan import plan_pages
from nmt_content.pipeline.loading import load_site
from nmt_content.schema import graph as graph_module
from nmt_content.schema import ids
from nmt_content.schema.graph import GraphResult, build_graph, page_graph_json
from nmt_content.schema.graph_check import validate_graph
from nmt_content.schema.jsonld import dumps_for_script
from nmt_content.schema.pieces import (
    HEADLINE_LIMIT,
    PAGE_PIECES,
    PIECES,
    GraphContext,
    Node,
    Piece,
    headline,
)
from nmt_content.site import Site
from nmt_content.urls import Urls

from ..conftest import MINIMAL_ARTICLE, REPO_ROOT

Graph = dict[str, Any]


# -- helpers --------------------------------------------------------------------------------------


def site_and_urls(root: Path) -> tuple[Site, Urls]:
    site = load_site(root)
    return site, Urls.for_base(site.practice.url)


def graphs(root: Path) -> dict[str, tuple[PagePlan, GraphResult]]:
    """Every page's graph, by page path."""
    site, urls = site_and_urls(root)
    return {page.path: (page, build_graph(site, urls, page)) for page in plan_pages(site, urls)}


def types_of(node: Node) -> list[str]:
    value = node["@type"]
    return [value] if isinstance(value, str) else list(value)


def nodes(document: Graph) -> list[Node]:
    result: list[Node] = document["@graph"]
    return result


def by_id(document: Graph) -> dict[str, Node]:
    return {node["@id"]: node for node in nodes(document)}


def of_type(document: Graph, type_name: str) -> list[Node]:
    return [node for node in nodes(document) if type_name in types_of(node)]


def one(document: Graph, type_name: str) -> Node:
    found = of_type(document, type_name)
    assert len(found) == 1, (type_name, [n["@id"] for n in found])
    return found[0]


def as_list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else [value]


def references(value: Any) -> Iterator[str]:
    """Every ``{"@id": …}`` reference anywhere in ``value``."""
    if isinstance(value, dict):
        if set(value) == {"@id"}:
            yield value["@id"]
        for item in value.values():
            yield from references(item)
    elif isinstance(value, list):
        for item in value:
            yield from references(item)


def defined_ids(value: Any) -> Iterator[str]:
    if isinstance(value, dict):
        if "@id" in value and len(value) > 1:
            yield value["@id"]
        for item in value.values():
            yield from defined_ids(item)
    elif isinstance(value, list):
        for item in value:
            yield from defined_ids(item)


def empty_values(value: Any, path: str = "") -> Iterator[str]:
    if isinstance(value, dict):
        for key, item in value.items():
            if item is None or item in ("", [], {}):
                yield f"{path}/{key}"
            yield from empty_values(item, f"{path}/{key}")
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from empty_values(item, f"{path}/{index}")


def edit_practice(root: Path, change: Callable[[dict[str, Any]], None]) -> None:
    path = root / "practice.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")


def edit_article(root: Path, front_matter: str) -> None:
    """Add lines to the test article's front matter."""
    text = MINIMAL_ARTICLE.replace("services: [massage]\n", f"services: [massage]\n{front_matter}")
    (root / "articles" / "test-article.md").write_text(text, encoding="utf-8")


def article_graph(root: Path) -> Graph:
    return next(result.document for page, result in graphs(root).values() if page.kind == "article")


# -- the repository's own content -----------------------------------------------------------------


@pytest.fixture(scope="module")
def repo() -> dict[str, tuple[PagePlan, GraphResult]]:
    return graphs(REPO_ROOT)


@pytest.fixture(scope="module")
def repo_site() -> tuple[Site, Urls]:
    return site_and_urls(REPO_ROOT)


def test_every_page_validates_against_schema_org(
    repo: dict[str, tuple[PagePlan, GraphResult]],
) -> None:
    problems = {
        path: [f"{p.kind} {p.path}: {p.message}" for p in validate_graph(result.document)]
        for path, (_, result) in repo.items()
    }
    assert problems == {path: [] for path in repo}


def test_graphs_are_clean(repo: dict[str, tuple[PagePlan, GraphResult]]) -> None:
    for path, (_, result) in repo.items():
        document = result.document
        assert document["@context"] == "https://schema.org"
        assert list(empty_values(document)) == [], path
        defined = set(defined_ids(document))
        assert set(references(document)) <= defined, path
        top = [node["@id"] for node in nodes(document)]
        assert len(top) == len(set(top)), path


def test_pieces_declare_exactly_the_ids_they_emit(
    repo: dict[str, tuple[PagePlan, GraphResult]], repo_site: tuple[Site, Urls]
) -> None:
    site, urls = repo_site
    for path, (page, result) in repo.items():
        ctx = GraphContext(site, urls, page)
        declared = [i for piece in PIECES if piece.is_needed(ctx) for i in piece.ids(ctx)]
        assert len(declared) == len(set(declared)), path
        assert set(declared) == set(defined_ids(result.document)), path


def test_one_local_business_per_office(
    repo: dict[str, tuple[PagePlan, GraphResult]], repo_site: tuple[Site, Urls]
) -> None:
    site, urls = repo_site
    business_type = site.practice.business_type
    expected = [ids.location_id(urls, location.id) for location in site.locations]
    assert len(set(expected)) == len(site.locations) == 2
    for path, (page, result) in repo.items():
        if page.kind == "not_found":
            continue
        offices = of_type(result.document, business_type)
        assert [office["@id"] for office in offices] == expected, path
        practice = one(result.document, "Organization")
        assert practice["@id"] == ids.organization_id(urls)
        assert [ref["@id"] for ref in practice["subOrganization"]] == expected
        for office, location in zip(offices, site.locations, strict=True):
            assert office["parentOrganization"] == {"@id": practice["@id"]}
            assert office["name"]
            address = office["address"]
            assert address["@type"] == "PostalAddress"
            assert address["addressLocality"] == location.address.locality
            assert "streetAddress" not in address  # not published, so not invented
            assert office["url"] == urls.absolute(urls.location(location.slug))
            places = {area["name"]: area for area in office["areaServed"]}
            for area in location.area_served:
                node = places[area.name]
                if area.kind == "city" and area.county:
                    assert node["@type"] == "City"
                    assert node["containedInPlace"]["name"] == area.county
                else:
                    assert node["@type"] == "AdministrativeArea"
            assert [r["@id"] for r in office["employee"]] == [
                ids.person_id(urls, t.id) for t in site.therapists
            ]


def test_person_has_the_camtc_credential(repo: dict[str, tuple[PagePlan, GraphResult]]) -> None:
    document = repo["/about/"][1].document
    person = one(document, "Person")
    assert person["worksFor"] == {"@id": one(document, "Organization")["@id"]}
    assert person["url"] == "https://nmt-practice.example/about/"
    credentials = person["hasCredential"]
    assert all(c["@type"] == "EducationalOccupationalCredential" for c in credentials)
    camtc = next(c for c in credentials if c.get("identifier") == "93004")
    assert camtc["credentialCategory"] == "certificate"
    assert camtc["recognizedBy"]["@type"] == "Organization"
    assert camtc["recognizedBy"]["name"] == "California Massage Therapy Council"
    assert camtc["description"] == "900 hours of training"
    assert len({c["@id"] for c in credentials}) == len(credentials) == 3
    profile = one(document, "ProfilePage")
    assert profile["mainEntity"] == {"@id": person["@id"]}


def test_services_have_provider_and_area_but_no_price(
    repo: dict[str, tuple[PagePlan, GraphResult]], repo_site: tuple[Site, Urls]
) -> None:
    site, urls = repo_site
    document = repo["/"][1].document
    nodes_by_id = by_id(document)
    services = of_type(document, "Service")
    assert [s["@id"] for s in services] == [ids.service_id(urls, s.id) for s in site.services]
    for service in services:
        providers = [nodes_by_id[ref["@id"]] for ref in service["provider"]]
        assert providers
        assert all(site.practice.business_type in types_of(p) for p in providers)
        assert {area["name"] for area in service["areaServed"]} >= {"Mount Shasta", "Redding"}
        assert "offers" not in service


def test_service_page_is_about_its_service_and_conditions(
    repo: dict[str, tuple[PagePlan, GraphResult]], repo_site: tuple[Site, Urls]
) -> None:
    _, urls = repo_site
    document = repo["/services/neuromuscular-therapy/"][1].document
    page = one(document, "WebPage")
    service = {"@id": ids.service_id(urls, "neuromuscular-therapy")}
    assert page["mainEntity"] == service
    assert page["about"][0] == service
    assert [c["name"] for c in page["about"][1:]] == ["Low back pain"]
    assert page["about"][1]["code"] == {
        "@type": "MedicalCode",
        "codeValue": "M54.50",
        "codingSystem": "ICD-10-CM",
    }


def test_article_page_is_a_medical_web_page_with_an_article(
    repo: dict[str, tuple[PagePlan, GraphResult]], repo_site: tuple[Site, Urls]
) -> None:
    _, urls = repo_site
    path = "/articles/neuromuscular-therapy-lower-back-pain/"
    page, result = repo[path]
    document = result.document
    web_page = one(document, "MedicalWebPage")
    article = one(document, "Article")
    person = one(document, "Person")
    assert article["author"] == {"@id": person["@id"]}
    assert person["@id"] == ids.person_id(urls, "dustin")
    assert article["publisher"] == {"@id": ids.organization_id(urls)}
    assert article["mainEntityOfPage"] == {"@id": web_page["@id"]}
    assert web_page["mainEntity"] == {"@id": article["@id"]}
    assert web_page["isPartOf"] == {"@id": ids.website_id(urls)}
    assert web_page["breadcrumb"] == {"@id": one(document, "BreadcrumbList")["@id"]}
    for node in (web_page, article):
        conditions = node["about"]
        assert [c["@type"] for c in conditions] == ["MedicalCondition"]
        assert conditions[0]["name"] == "Low back pain"
        assert "lastReviewed" not in node
        assert "reviewedBy" not in node
    assert len(article["headline"]) <= HEADLINE_LIMIT
    assert article["datePublished"] == "2026-11-24"
    assert article["keywords"] == ["neuromuscular therapy", "trigger points", "lower back pain"]
    assert page.article is not None
    assert article["wordCount"] == len(page.article.body.split())


def test_breadcrumb_positions_count_from_one(repo: dict[str, tuple[PagePlan, GraphResult]]) -> None:
    for path, (page, result) in repo.items():
        if page.kind == "not_found":
            continue
        trail = one(result.document, "BreadcrumbList")
        items = trail["itemListElement"]
        assert [item["position"] for item in items] == list(range(1, len(items) + 1)), path
        assert [item["name"] for item in items] == [c.name for c in page.breadcrumbs]
        assert [item["item"] for item in items] == [c.url for c in page.breadcrumbs]


def test_every_page_names_the_same_site_wide_nodes(
    repo: dict[str, tuple[PagePlan, GraphResult]], repo_site: tuple[Site, Urls]
) -> None:
    _, urls = repo_site
    site_wide: list[dict[str, Node]] = []
    for page, result in repo.values():
        own = {
            make(page.url)
            for make in (ids.webpage_id, ids.breadcrumb_id, ids.article_id, ids.primary_image_id)
        }
        page_nodes = [n for n in nodes(result.document) if n["@id"] in own]
        site_nodes = [n for n in nodes(result.document) if n["@id"] not in own]
        assert all(n["@id"].startswith(urls.base + "#") for n in site_nodes)
        if page.kind != "not_found":
            site_wide.append({n["@id"]: n for n in site_nodes})
        for node in page_nodes:
            assert set(references(node)) <= set(defined_ids(result.document))
    assert all(nodes_ == site_wide[0] for nodes_ in site_wide)
    assert set(site_wide[0]) >= {
        ids.website_id(urls),
        ids.organization_id(urls),
        ids.person_id(urls, "dustin"),
        ids.location_id(urls, "mount-shasta"),
        ids.location_id(urls, "redding"),
    }


def test_not_found_page_keeps_to_site_and_practice_with_no_page_node(
    repo: dict[str, tuple[PagePlan, GraphResult]],
) -> None:
    document = repo["/404.html"][1].document
    assert [types_of(n) for n in nodes(document)] == [["WebSite"], ["Organization"]]
    practice = one(document, "Organization")
    assert "subOrganization" not in practice  # the offices are left out, and so are references


def test_output_is_identical_across_runs() -> None:
    first = {path: page_graph_json(result) for path, (_, result) in graphs(REPO_ROOT).items()}
    second = {path: page_graph_json(result) for path, (_, result) in graphs(REPO_ROOT).items()}
    assert first == second
    for text in first.values():
        assert json.loads(text)["@context"] == "https://schema.org"


def test_script_json_matches_the_document(repo: dict[str, tuple[PagePlan, GraphResult]]) -> None:
    for path, (_, result) in repo.items():
        assert result.script_json() == dumps_for_script(result.document), path
        assert json.loads(result.script_json()) == result.document


def test_notes_for_the_repository_content(repo: dict[str, tuple[PagePlan, GraphResult]]) -> None:
    notes = {note for _, result in repo.values() for note in result.notes}
    office_notes = {n for n in notes if n.startswith("LocalBusiness ")}
    assert {n.split(":")[0] for n in office_notes} == {
        "LocalBusiness mount-shasta",
        "LocalBusiness redding",
    }
    for note in office_notes:
        assert "streetAddress" in note
        assert "postalCode" in note
    assert any(n.startswith("Article articles/") for n in notes)
    assert not any(n.startswith("LocalBusiness") for n in repo["/404.html"][1].notes)


# -- variations in a temporary content root -------------------------------------------------------


def test_a_priced_service_gets_an_offer(content_root: Path) -> None:
    def price(data: dict[str, Any]) -> None:
        data["services"][0]["price"] = {"amount": 95, "currency": "USD"}

    edit_practice(content_root, price)
    document = graphs(content_root)["/"][1].document
    [offer] = one(document, "Service")["offers"]
    assert offer["@type"] == "Offer"
    assert offer["name"] == "Session"
    assert offer["price"] == "95"
    assert offer["priceCurrency"] == "USD"
    assert validate_graph(document) == []


def test_review_is_written_only_when_given(content_root: Path) -> None:
    document = article_graph(content_root)
    for node in nodes(document):
        assert "lastReviewed" not in node
        assert "reviewedBy" not in node

    edit_article(content_root, "reviewed_by: alex\nlast_reviewed: 2024-04-01\n")
    document = article_graph(content_root)
    web_page = one(document, "WebPage")
    assert web_page["lastReviewed"] == "2024-04-01"
    assert web_page["reviewedBy"] == {"@id": one(document, "Person")["@id"]}
    assert validate_graph(document) == []


def test_an_outside_reviewer_is_a_person_node(content_root: Path) -> None:
    edit_article(
        content_root,
        "reviewed_by:\n  name: Pat Reviewer\n  job_title: Physical therapist, DPT\n"
        "  url: https://reviewer.example/\nlast_reviewed: 2024-04-01\n",
    )
    document = article_graph(content_root)
    reviewer = one(document, "WebPage")["reviewedBy"]
    assert reviewer == {
        "@type": "Person",
        "name": "Pat Reviewer",
        "jobTitle": "Physical therapist, DPT",
        "url": "https://reviewer.example/",
    }
    assert validate_graph(document) == []


def test_an_article_without_conditions_is_a_plain_web_page(content_root: Path) -> None:
    document = article_graph(content_root)
    assert of_type(document, "MedicalWebPage") == []
    web_page = one(document, "WebPage")
    assert "about" not in web_page
    assert one(document, "Article")["mainEntityOfPage"] == {"@id": web_page["@id"]}


def test_citations(content_root: Path) -> None:
    edit_article(
        content_root,
        "references:\n"
        "  - title: Massage for low-back pain\n"
        "    authors: [Furlan AD, Giraldo M]\n"
        "    journal: Cochrane Database of Systematic Reviews\n"
        "    year: 2015\n"
        "    doi: 10.1002/14651858.CD001929.pub3\n"
        "  - title: Low back pain\n"
        "    url: https://medlineplus.gov/backpain.html\n",
    )
    document = article_graph(content_root)
    journal, page = one(document, "Article")["citation"]
    assert journal["@type"] == "ScholarlyArticle"
    assert journal["isPartOf"] == {
        "@type": "Periodical",
        "name": "Cochrane Database of Systematic Reviews",
    }
    assert [a["name"] for a in journal["author"]] == ["Furlan AD", "Giraldo M"]
    assert journal["datePublished"] == "2015"
    assert journal["url"] == "https://doi.org/10.1002/14651858.CD001929.pub3"
    assert page == {
        "@type": "CreativeWork",
        "name": "Low back pain",
        "url": "https://medlineplus.gov/backpain.html",
    }
    assert validate_graph(document) == []


def test_a_long_title_gives_a_short_headline(content_root: Path) -> None:
    title = "Neuromuscular therapy " * 8 + "explained"
    text = MINIMAL_ARTICLE.replace("A test article about massage", title)
    (content_root / "articles" / "test-article.md").write_text(text, encoding="utf-8")
    site, urls = site_and_urls(content_root)
    page = next(p for p in plan_pages(site, urls) if p.kind == "article")
    result = build_graph(site, urls, page)
    cut = one(result.document, "Article")["headline"]
    assert len(cut) <= HEADLINE_LIMIT
    assert cut.endswith("…")
    assert title.startswith(cut.removesuffix("…"))
    assert title[len(cut) - 1] == " "  # cut at a word boundary
    assert any("110 characters" in note for note in result.notes)


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("Short title", "Short title"),
        ("x" * 110, "x" * 110),
        ("word " * 30, ("word " * 22).rstrip() + "…"),
        ("y" * 200, "y" * 109 + "…"),
    ],
)
def test_headline(title: str, expected: str) -> None:
    assert headline(title) == expected
    assert len(headline(title)) <= HEADLINE_LIMIT


def test_without_logo_nothing_points_at_it(content_root: Path) -> None:
    urls = site_and_urls(content_root)[1]
    logo = ids.logo_id(urls)
    for _, result in graphs(content_root).values():
        document = result.document
        practice = one(document, "Organization")
        assert "logo" not in practice
        assert "image" not in practice
        assert logo not in set(references(document))
    assert any(n.startswith("Organization: no logo") for n in result.notes)


def test_with_a_logo_every_office_points_at_it(content_root: Path) -> None:
    def add_logo(data: dict[str, Any]) -> None:
        data["practice"]["logo"] = "/images/logo.png"

    edit_practice(content_root, add_logo)
    urls = site_and_urls(content_root)[1]
    for path, (_, result) in graphs(content_root).items():
        document = result.document
        practice = one(document, "Organization")
        assert practice["logo"]["@id"] == ids.logo_id(urls)
        assert practice["logo"]["url"] == "https://practice.example/images/logo.png"
        assert practice["image"] == {"@id": ids.logo_id(urls)}
        for office in of_type(document, "HealthAndBeautyBusiness"):
            assert office["logo"] == {"@id": ids.logo_id(urls)}
        assert validate_graph(document) == [], path
        assert not any(n.startswith("Organization: no logo") for n in result.notes)


def test_without_an_image_the_page_has_no_primary_image(content_root: Path) -> None:
    notes: set[str] = set()
    for page, result in graphs(content_root).values():
        document = result.document
        assert of_type(document, "ImageObject") == []
        for node in nodes(document):
            assert "primaryImageOfPage" not in node
        if page.kind != "not_found":  # which has no page node
            assert "image" not in by_id(document)[ids.webpage_id(page.url)]
        notes.update(result.notes)
    assert any(n.startswith("ImageObject (primary image): left out") for n in notes)


def test_an_article_image_becomes_the_primary_image(content_root: Path) -> None:
    edit_article(content_root, "image:\n  src: /images/back.jpg\n  alt: A back\n  width: 1200\n")
    document = article_graph(content_root)
    image = one(document, "ImageObject")
    assert image["url"] == "https://practice.example/images/back.jpg"
    assert image["caption"] == "A back"
    assert image["width"] == 1200
    assert one(document, "WebPage")["primaryImageOfPage"] == {"@id": image["@id"]}
    assert one(document, "Article")["image"] == {"@id": image["@id"]}
    assert validate_graph(document) == []


def test_a_complete_office_has_every_property_and_no_note(content_root: Path) -> None:
    def complete(data: dict[str, Any]) -> None:
        data["practice"]["price_range"] = "$$"
        data["practice"]["image"] = "/images/office.jpg"
        data["locations"][0]["geo"] = {"latitude": 40.586540, "longitude": -122.391675}
        data["locations"][0]["opening_hours"] = [
            {"days": ["Monday", "Wednesday"], "opens": "09:00", "closes": "17:30"}
        ]

    edit_practice(content_root, complete)
    _, result = graphs(content_root)["/locations/main/"]
    office = one(result.document, "HealthAndBeautyBusiness")
    assert office["geo"] == {
        "@type": "GeoCoordinates",
        "latitude": 40.58654,
        "longitude": -122.391675,
    }
    assert office["openingHoursSpecification"] == [
        {
            "@type": "OpeningHoursSpecification",
            "dayOfWeek": ["Monday", "Wednesday"],
            "opens": "09:00",
            "closes": "17:30",
        }
    ]
    assert office["address"]["streetAddress"] == "1 Main St"
    assert office["address"]["postalCode"] == "96001"
    assert office["telephone"] == "+1-530-555-0100"
    assert office["priceRange"] == "$$"
    web_page = one(result.document, "WebPage")
    assert web_page["mainEntity"] == web_page["about"] == {"@id": office["@id"]}
    assert not any(n.startswith("LocalBusiness") for n in result.notes)
    assert validate_graph(result.document) == []


def test_an_office_missing_recommended_data_is_noted(content_root: Path) -> None:
    _, result = graphs(content_root)["/"]
    note = next(n for n in result.notes if n.startswith("LocalBusiness main:"))
    assert "(required)" not in note  # street and postal code are given
    for name in ("openingHoursSpecification", "geo", "priceRange", "image"):
        assert name in note
    assert "telephone" not in note


def test_a_therapist_without_credentials_has_no_has_credential(content_root: Path) -> None:
    def add_therapist(data: dict[str, Any]) -> None:
        data["therapists"].append({"id": "sam", "name": "Sam Example"})
        data["therapists"][0]["bio"] = (
            "**Alex** trained [in Redding](https://x.example/)\n\nand uses snake_case."
        )

    edit_practice(content_root, add_therapist)
    urls = site_and_urls(content_root)[1]
    _, result = graphs(content_root)["/"]
    sam = by_id(result.document)[ids.person_id(urls, "sam")]
    assert sam == {
        "@type": "Person",
        "@id": ids.person_id(urls, "sam"),
        "name": "Sam Example",
        "url": urls.absolute("/team/sam/"),
        "workLocation": [{"@id": ids.location_id(urls, "main")}],
        "worksFor": {"@id": ids.organization_id(urls)},
    }
    alex = by_id(result.document)[ids.person_id(urls, "alex")]
    assert alex["description"] == "Alex trained in Redding and uses snake_case."
    assert validate_graph(result.document) == []


# -- assembly: generic reference removal and merging ----------------------------------------------


class _PointsAtNothing(Piece):
    """A piece that writes references without checking what exists."""

    name = "Test"

    def ids(self, ctx: GraphContext) -> tuple[str, ...]:
        return (f"{ctx.page.url}#test",)

    def generate(self, ctx: GraphContext) -> list[Node]:
        return [
            {
                "@type": "WebPage",
                "@id": f"{ctx.page.url}#test",
                "isPartOf": ids.ref(f"{ctx.page.url}#missing"),
                "hasPart": [ids.ref(f"{ctx.page.url}#missing"), ids.ref(f"{ctx.page.url}#webpage")],
                "about": {"@type": "Thing", "name": None},
            },
            {"@type": "WebPage", "@id": ids.webpage_id(ctx.page.url), "keywords": "merged"},
        ]


def test_dangling_references_and_empty_values_are_dropped(
    content_root: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(graph_module, "PAGE_PIECES", (*PAGE_PIECES, _PointsAtNothing()))
    site, urls = site_and_urls(content_root)
    page = plan_pages(site, urls)[0]
    document = build_graph(site, urls, page).document
    node = by_id(document)[f"{page.url}#test"]
    assert node == {
        "@type": "WebPage",
        "@id": f"{page.url}#test",
        "hasPart": [{"@id": ids.webpage_id(page.url)}],
    }
    web_page = by_id(document)[ids.webpage_id(page.url)]
    assert web_page["keywords"] == "merged"  # merged into the first node with that @id
    assert web_page["name"] == page.title
    assert [n["@id"] for n in nodes(document)].count(ids.webpage_id(page.url)) == 1
    assert validate_graph(document) == []


class _DeclaresWhatItLeavesOut(Piece):
    """A piece that declares a node it never writes, and points at it through the context."""

    name = "Test"

    def ids(self, ctx: GraphContext) -> tuple[str, ...]:
        return (f"{ctx.page.url}#test", f"{ctx.page.url}#ghost")

    def generate(self, ctx: GraphContext) -> Node:
        ghost = ctx.ref(f"{ctx.page.url}#ghost")
        assert ghost is not None  # declared, so the context believes it exists
        return {
            "@type": "WebPage",
            "@id": f"{ctx.page.url}#test",
            "hasPart": [ghost, ids.ref(ids.webpage_id(ctx.page.url))],
            "about": {"@type": "Thing", "subjectOf": ghost},
        }


class _WritesWhatItDoesNotDeclare(Piece):
    """A piece that writes a node it did not declare, and a plain reference to it."""

    name = "Test"

    def ids(self, ctx: GraphContext) -> tuple[str, ...]:
        return (f"{ctx.page.url}#test",)

    def generate(self, ctx: GraphContext) -> Node:
        return {
            "@type": "WebPage",
            "@id": f"{ctx.page.url}#test",
            "hasPart": [{"@type": "WebPageElement", "@id": f"{ctx.page.url}#part", "name": "P"}],
            "mainEntity": ids.ref(f"{ctx.page.url}#part"),
        }


def test_a_declared_node_that_is_not_written_is_not_referenced(
    content_root: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(graph_module, "PAGE_PIECES", (*PAGE_PIECES, _DeclaresWhatItLeavesOut()))
    site, urls = site_and_urls(content_root)
    page = plan_pages(site, urls)[0]
    result = build_graph(site, urls, page)
    assert by_id(result.document)[f"{page.url}#test"] == {
        "@type": "WebPage",
        "@id": f"{page.url}#test",
        "hasPart": [{"@id": ids.webpage_id(page.url)}],
    }
    assert f"{page.url}#ghost" not in set(references(result.document))
    assert json.loads(result.script_json()) == result.document
    assert validate_graph(result.document) == []


def test_a_written_node_that_was_not_declared_keeps_its_references(
    content_root: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(graph_module, "PAGE_PIECES", (*PAGE_PIECES, _WritesWhatItDoesNotDeclare()))
    site, urls = site_and_urls(content_root)
    page = plan_pages(site, urls)[0]
    result = build_graph(site, urls, page)
    node = by_id(result.document)[f"{page.url}#test"]
    assert node["mainEntity"] == {"@id": f"{page.url}#part"}
    assert node["hasPart"] == [{"@type": "WebPageElement", "@id": f"{page.url}#part", "name": "P"}]
    assert json.loads(result.script_json()) == result.document


def test_cleaning_keeps_values_and_drops_empties_and_dangling_references_at_every_depth() -> None:
    defined = frozenset({"#a"})
    node = {
        "@id": "#n",
        "text": "x",
        "blank": "",
        "none": None,
        "count": 0,
        "ratio": 0.5,
        "flag": False,
        "known": {"@id": "#a"},
        "unknown": {"@id": "#b"},
        "typed": {"@type": "Thing"},
        "empty": {},
        "value": {"@type": "Thing", "name": "", "url": None, "sameAs": [{"@id": "#a"}]},
        "words": ["a", "", "b"],
        "refs": [{"@id": "#b"}, {"@id": "#a"}, None, "", {"@type": "X", "name": None}],
        "nothing": ["", None, {"@id": "#b"}],
        "nested": [["", "c"], []],
        "id_only": {"@id": "#b", "name": ""},
    }
    found: set[str] = set()
    assert graph_module._clean(node, defined, found) == {
        "@id": "#n",
        "text": "x",
        "count": 0,
        "ratio": 0.5,
        "flag": False,
        "known": {"@id": "#a"},
        "value": {"@type": "Thing", "sameAs": [{"@id": "#a"}]},
        "words": ["a", "b"],
        "refs": [{"@id": "#a"}],
        "nested": [["c"]],
    }
    # What the node defines, counted before cleaning (``id_only`` has a name, if an empty one).
    assert found == {"#n", "#b"}
