"""The shipped schema.org index and the JSON-LD graph validator built on it."""

from __future__ import annotations

import copy
import importlib.util
import json
import re
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from nmt_content.schema.graph_check import GraphProblem, validate_graph
from nmt_content.schema.vocab import Vocabulary, load_vocabulary, schema_term

from ..conftest import REPO_ROOT, TEST_DATA

VOCABULARY_SOURCE = TEST_DATA / "schemaorg-current-https.jsonld"
SHIPPED_INDEX = REPO_ROOT / "src" / "nmt_content" / "data" / "schemaorg-index.json"
BUILD_SCRIPT = REPO_ROOT / "scripts" / "build_schema_index.py"


@pytest.fixture(scope="module")
def vocab() -> Vocabulary:
    return load_vocabulary()


@pytest.fixture(scope="module")
def build_script() -> ModuleType:
    spec = importlib.util.spec_from_file_location("build_schema_index", BUILD_SCRIPT)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def vocabulary_source() -> Path:
    return VOCABULARY_SOURCE


def kinds(problems: list[GraphProblem]) -> list[str]:
    return [problem.kind for problem in problems]


# --- the shipped index -------------------------------------------------------------------------


def test_shipped_index_is_what_the_script_builds(
    build_script: ModuleType, vocabulary_source: Path
) -> None:
    built = build_script.build_from_file(vocabulary_source)
    assert SHIPPED_INDEX.read_text(encoding="utf-8") == built


def test_script_writes_and_checks_the_index(
    build_script: ModuleType, vocabulary_source: Path, tmp_path: Path
) -> None:
    output = tmp_path / "index.json"
    assert build_script.main(["--check", "--output", str(output), str(vocabulary_source)]) == 1
    assert build_script.main(["--output", str(output), str(vocabulary_source)]) == 0
    assert output.read_bytes() == SHIPPED_INDEX.read_bytes()
    assert build_script.main(["--check", "--output", str(output), str(vocabulary_source)]) == 0


def test_script_refuses_an_unknown_file_without_a_release(
    build_script: ModuleType, tmp_path: Path
) -> None:
    source = tmp_path / "vocab.jsonld"
    source.write_text('{"@graph": [{"@id": "schema:Thing", "@type": "rdfs:Class"}]}')
    with pytest.raises(SystemExit, match="--release"):
        build_script.build_from_file(source)
    index = json.loads(build_script.build_from_file(source, release="99.0"))
    assert index["release"] == "99.0"
    assert index["classes"] == {"Thing": []}


def test_index_is_compact_and_deterministic() -> None:
    text = SHIPPED_INDEX.read_text(encoding="utf-8")
    assert len(text.encode("utf-8")) < 400_000
    assert text.endswith("}\n")
    assert "schema:" not in text
    assert "rdfs:comment" not in text
    index = json.loads(text)
    assert list(index) == sorted(index)
    for section in ("classes", "properties", "enumeration_members", "superseded_by"):
        assert list(index[section]) == sorted(index[section])


# --- vocabulary facts --------------------------------------------------------------------------


def test_vocabulary_is_loaded_once(vocab: Vocabulary) -> None:
    assert load_vocabulary() is vocab
    assert re.fullmatch(r"\d+\.\d+", vocab.version)


def test_class_hierarchy(vocab: Vocabulary) -> None:
    assert vocab.is_subtype("HealthAndBeautyBusiness", "LocalBusiness")
    assert vocab.is_subtype("HealthAndBeautyBusiness", "Organization")
    assert vocab.is_subtype("HealthAndBeautyBusiness", "Place")
    assert vocab.is_subtype("MedicalWebPage", "WebPage")
    assert vocab.is_subtype("WebPage", "WebPage")
    assert not vocab.is_subtype("Person", "Organization")
    assert not vocab.is_subtype("NoSuchType", "Thing")
    assert {"LocalBusiness", "Organization", "Place", "Thing"} <= vocab.ancestors(
        "HealthAndBeautyBusiness"
    )
    assert vocab.ancestors("Thing") == frozenset({"Thing"})
    with pytest.raises(KeyError):
        vocab.ancestors("NoSuchType")


def test_data_types_are_types(vocab: Vocabulary) -> None:
    for name in ("Text", "URL", "Date", "DateTime", "Number", "Integer", "Boolean"):
        assert vocab.is_type(name), name
        assert vocab.is_data_type(name), name
    assert vocab.is_subtype("URL", "Text")
    assert vocab.is_subtype("Integer", "Number")
    assert not vocab.is_data_type("Person")


def test_properties_and_domains(vocab: Vocabulary) -> None:
    assert vocab.is_property("hasCredential")
    assert not vocab.is_property("hasCredentials")
    assert not vocab.is_property("Person")
    assert vocab.property_allowed_on("hasCredential", ["Person"])
    assert vocab.property_allowed_on("credentialCategory", ["EducationalOccupationalCredential"])
    assert not vocab.property_allowed_on("streetAddress", ["Person"])
    assert vocab.property_allowed_on("streetAddress", ["PostalAddress"])
    assert vocab.property_allowed_on("lastReviewed", ["WebPage"])
    assert vocab.property_allowed_on("reviewedBy", ["WebPage"])
    assert vocab.property_allowed_on("reviewedBy", ["MedicalWebPage"])
    assert vocab.property_allowed_on("name", ["HealthAndBeautyBusiness"])
    assert vocab.property_allowed_on("streetAddress", ["Person", "PostalAddress"])
    assert not vocab.property_allowed_on("streetAddress", ["NoSuchType"])
    assert not vocab.property_allowed_on("noSuchProperty", ["Thing"])
    assert "Credential" in vocab.range_includes("hasCredential")
    assert "Person" in vocab.domain_includes("hasCredential")


def test_enumerations_and_superseded_terms(vocab: Vocabulary) -> None:
    assert vocab.is_enumeration_member("Monday")
    assert vocab.enumeration_members["Monday"] == ("DayOfWeek",)
    assert vocab.is_enumeration_member("InStock")
    assert not vocab.is_type("Monday")
    assert vocab.is_subtype("DayOfWeek", "Enumeration")
    assert vocab.superseded_by("reviews") == "review"
    assert vocab.superseded_by("serviceArea") == "areaServed"
    assert vocab.superseded_by("review") is None
    assert vocab.superseded_by("noSuchTerm") is None


def test_schema_term() -> None:
    assert schema_term("https://schema.org/Monday") == "Monday"
    assert schema_term("http://schema.org/Monday") == "Monday"
    assert schema_term("schema:Monday") == "Monday"
    assert schema_term("Monday") is None
    assert schema_term("https://example.com/Monday") is None


# --- validate_graph: a correct, realistic graph ------------------------------------------------

SITE = "https://massage.example/"


def realistic_graph() -> dict[str, Any]:
    return {
        "@context": "https://schema.org",
        "@graph": [
            {
                "@type": "WebSite",
                "@id": f"{SITE}#website",
                "url": SITE,
                "name": "Redding Therapeutic Massage",
                "inLanguage": "en-US",
                "publisher": {"@id": f"{SITE}#organization"},
            },
            {
                "@type": "Organization",
                "@id": f"{SITE}#organization",
                "name": "Redding Therapeutic Massage",
                "url": SITE,
                "logo": {"@type": "ImageObject", "url": f"{SITE}logo.png"},
                "sameAs": ["https://www.facebook.com/example"],
            },
            {
                "@type": "HealthAndBeautyBusiness",
                "@id": f"{SITE}#business",
                "name": "Redding Therapeutic Massage — Downtown",
                "url": SITE,
                "telephone": "+1-530-555-0100",
                "priceRange": "$$",
                "parentOrganization": {"@id": f"{SITE}#organization"},
                "address": {
                    "@type": "PostalAddress",
                    "streetAddress": "1 Main St",
                    "addressLocality": "Redding",
                    "addressRegion": "CA",
                    "postalCode": "96001",
                    "addressCountry": "US",
                },
                "geo": {"@type": "GeoCoordinates", "latitude": 40.5865, "longitude": -122.3917},
                "openingHoursSpecification": [
                    {
                        "@type": "OpeningHoursSpecification",
                        "dayOfWeek": ["Monday", "https://schema.org/Tuesday"],
                        "opens": "09:00",
                        "closes": "17:00",
                    }
                ],
                "employee": {"@id": f"{SITE}#jane"},
                "areaServed": {"@id": f"{SITE}#redding"},
            },
            {
                "@type": "Person",
                "@id": f"{SITE}#jane",
                "name": "Jane Doe",
                "jobTitle": "Licensed Massage Therapist",
                "worksFor": {"@id": f"{SITE}#business"},
                "hasCredential": {
                    "@type": "EducationalOccupationalCredential",
                    "name": "Certified Massage Therapist",
                    "credentialCategory": "license",
                    "identifier": "CAMTC 12345",
                    "recognizedBy": {
                        "@type": "Organization",
                        "name": "California Massage Therapy Council",
                        "url": "https://www.camtc.org/",
                    },
                },
            },
            {
                "@type": "Service",
                "@id": f"{SITE}#deep-tissue",
                "name": "Deep tissue massage",
                "serviceType": "Massage therapy",
                "provider": {"@id": f"{SITE}#business"},
                "areaServed": {"@type": "City", "@id": f"{SITE}#redding", "name": "Redding"},
                "offers": {
                    "@type": "Offer",
                    "price": "95.00",
                    "priceCurrency": "USD",
                    "availability": "https://schema.org/InStock",
                },
            },
            {
                "@type": "WebPage",
                "@id": f"{SITE}services/deep-tissue/#webpage",
                "url": f"{SITE}services/deep-tissue/",
                "name": "Deep tissue massage in Redding",
                "isPartOf": {"@id": f"{SITE}#website"},
                "about": {"@id": f"{SITE}#deep-tissue"},
                "breadcrumb": {"@id": f"{SITE}services/deep-tissue/#breadcrumb"},
                "lastReviewed": "2026-01-15",
                "reviewedBy": {"@id": f"{SITE}#jane"},
            },
            {
                "@type": "Article",
                "@id": f"{SITE}articles/stretching/#article",
                "headline": "Five stretches between sessions",
                "author": {"@id": f"{SITE}#jane"},
                "publisher": {"@id": f"{SITE}#organization"},
                "datePublished": "2026-02-01",
                "image": f"{SITE}articles/stretching/cover.jpg",
                "mainEntityOfPage": {"@id": f"{SITE}services/deep-tissue/#webpage"},
            },
            {
                "@type": "BreadcrumbList",
                "@id": f"{SITE}services/deep-tissue/#breadcrumb",
                "itemListElement": [
                    {"@type": "ListItem", "position": 1, "name": "Home", "item": SITE},
                    {
                        "@type": "ListItem",
                        "position": 2,
                        "name": "Deep tissue massage",
                        "item": f"{SITE}services/deep-tissue/",
                    },
                ],
            },
        ],
    }


def test_realistic_graph_has_no_problems(vocab: Vocabulary) -> None:
    assert validate_graph(realistic_graph(), vocab) == []


def test_default_vocabulary_is_the_shipped_one() -> None:
    assert validate_graph(realistic_graph()) == []


def test_single_node_document() -> None:
    node = {
        "@context": "https://schema.org",
        "@type": "https://schema.org/MedicalWebPage",
        "name": "Massage and back pain",
        "lastReviewed": "2026-01-15",
        "reviewedBy": {"@type": "Person", "name": "Jane Doe"},
    }
    assert validate_graph(node) == []


def test_role_pattern_and_value_objects_are_accepted() -> None:
    node = {
        "@context": "https://schema.org",
        "@type": "Article",
        "headline": {"@value": "Stretching", "@language": "en"},
        "author": {
            "@type": "Role",
            "roleName": "Guest author",
            "author": {"@type": "Person", "name": "Jane Doe"},
        },
        "keywords": {"@list": ["massage", "stretching"]},
        "availability": {"@id": "https://schema.org/InStock"},
    }
    problems = validate_graph(node)
    # `availability` is not an Article property; everything else is fine.
    assert [(p.kind, p.path) for p in problems] == [("property-not-on-type", "/availability")]


# --- validate_graph: one minimal example per problem kind --------------------------------------


def graph(*nodes: dict[str, Any]) -> dict[str, Any]:
    return {"@context": "https://schema.org", "@graph": list(nodes)}


def test_unknown_type() -> None:
    problems = validate_graph(graph({"@type": "LocalBussiness", "@id": "#b", "name": "x"}))
    assert problems == [
        GraphProblem(
            kind="unknown-type",
            node_id="#b",
            path="/@graph/0/@type",
            message="`LocalBussiness` is not a schema.org type; did you mean `LocalBusiness`?",
        )
    ]


def test_unknown_type_in_a_list_and_enumeration_member_used_as_type() -> None:
    problems = validate_graph(graph({"@type": ["LocalBusiness", "Monday"], "name": "x"}))
    assert kinds(problems) == ["unknown-type"]
    assert problems[0].path == "/@graph/0/@type/1"
    assert "`DayOfWeek`" in problems[0].message


def test_unknown_property() -> None:
    problems = validate_graph(graph({"@type": "Person", "@id": "#jane", "hasCredentials": []}))
    assert problems == [
        GraphProblem(
            kind="unknown-property",
            node_id="#jane",
            path="/@graph/0/hasCredentials",
            message="`hasCredentials` is not a schema.org property; did you mean `hasCredential`?",
        )
    ]


def test_property_not_on_type() -> None:
    problems = validate_graph(graph({"@type": "Person", "streetAddress": "1 Main St"}))
    assert kinds(problems) == ["property-not-on-type"]
    assert problems[0].path == "/@graph/0/streetAddress"
    assert problems[0].node_id is None
    assert "`PostalAddress`" in problems[0].message


def test_property_not_on_nested_type_reports_nested_path() -> None:
    business = {
        "@type": "HealthAndBeautyBusiness",
        "@id": "#b",
        "address": {"@type": "PostalAddress", "streetAddress": "1 Main St", "jobTitle": "x"},
    }
    problems = validate_graph(graph({"@type": "WebSite"}, business))
    assert [(p.kind, p.node_id, p.path) for p in problems] == [
        ("property-not-on-type", "#b", "/@graph/1/address/jobTitle")
    ]


def test_dangling_id() -> None:
    problems = validate_graph(
        graph(
            {"@type": "Organization", "@id": "#organization", "name": "x"},
            {"@type": "WebSite", "@id": "#site", "publisher": {"@id": "#organisation"}},
        )
    )
    assert problems == [
        GraphProblem(
            kind="dangling-id",
            node_id="#site",
            path="/@graph/1/publisher",
            message="No node in this document has `@id` `#organisation`; "
            "did you mean `#organization`?",
        )
    ]


def test_references_resolve_to_nested_nodes_but_not_to_other_references() -> None:
    nested = graph(
        {"@type": "Service", "areaServed": {"@type": "City", "@id": "#town", "name": "Redding"}},
        {"@type": "HealthAndBeautyBusiness", "areaServed": {"@id": "#town"}},
    )
    assert validate_graph(nested) == []
    only_references = graph(
        {"@type": "Service", "areaServed": {"@id": "#town"}},
        {"@type": "HealthAndBeautyBusiness", "areaServed": [{"@id": "#town"}]},
    )
    problems = validate_graph(only_references)
    assert [(p.kind, p.path) for p in problems] == [
        ("dangling-id", "/@graph/0/areaServed"),
        ("dangling-id", "/@graph/1/areaServed/0"),
    ]


def test_superseded_property_type_and_enumeration_value() -> None:
    problems = validate_graph(
        graph(
            {"@type": "LocalBusiness", "reviews": [], "serviceArea": "Redding"},
            {"@type": "UserLikes"},
            {"@type": "Physician", "medicalSpecialty": "https://schema.org/Dermatologic"},
        )
    )
    assert [(p.kind, p.path) for p in problems] == [
        ("superseded", "/@graph/0/reviews"),
        ("superseded", "/@graph/0/serviceArea"),
        ("superseded", "/@graph/1/@type"),
        ("superseded", "/@graph/2/medicalSpecialty"),
    ]
    assert "`review`" in problems[0].message
    assert "`Dermatology`" in problems[3].message


def test_missing_type() -> None:
    problems = validate_graph(
        graph({"@type": "LocalBusiness", "@id": "#b", "address": {"streetAddress": "1 Main St"}})
    )
    assert problems == [
        GraphProblem(
            kind="missing-type",
            node_id="#b",
            path="/@graph/0/address",
            message="This object has no `@type`; `address` expects `PostalAddress`.",
        )
    ]


def test_missing_type_at_top_level() -> None:
    problems = validate_graph(graph({"@id": "#x", "name": "x"}))
    assert [(p.kind, p.node_id, p.path) for p in problems] == [("missing-type", "#x", "/@graph/0")]


def test_problems_come_in_document_order() -> None:
    document = realistic_graph()
    nodes = document["@graph"]
    nodes[2]["address"]["streetAdress"] = nodes[2]["address"].pop("streetAddress")
    nodes[3]["hasCredential"]["recognizedBy"] = {"name": "CAMTC"}
    nodes[6]["author"] = {"@id": f"{SITE}#janet"}
    nodes[0]["@type"] = "Website"
    problems = validate_graph(document)
    assert [(p.kind, p.path) for p in problems] == [
        ("unknown-type", "/@graph/0/@type"),
        ("unknown-property", "/@graph/2/address/streetAdress"),
        ("missing-type", "/@graph/3/hasCredential/recognizedBy"),
        ("dangling-id", "/@graph/6/author"),
    ]
    assert "`WebSite`" in problems[0].message
    assert "`streetAddress`" in problems[1].message
    assert f"`{SITE}#jane`" in problems[3].message


def test_pointer_escapes_slashes_in_keys() -> None:
    problems = validate_graph({"@type": "Person", "https://example.com/x": 1})
    assert [(p.kind, p.path) for p in problems] == [
        ("unknown-property", "/https:~1~1example.com~1x")
    ]


def test_validation_does_not_modify_the_document() -> None:
    document = realistic_graph()
    before = copy.deepcopy(document)
    validate_graph(document)
    assert document == before
