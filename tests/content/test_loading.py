"""Loading the knowledge base: the happy path and every kind of bad input the foundation covers."""

from __future__ import annotations

import dataclasses
import os
import pickle
from collections.abc import Callable
from pathlib import Path

import pytest

from nmt_content import ContentError, ContentIssue, load_site
from nmt_content.checks.findings import RawFinding
from nmt_content.content.loader import (
    article_listing,
    article_paths,
    read_article_body,
    read_sources,
)

from ..conftest import MINIMAL_ARTICLE, MINIMAL_PRACTICE

WriteArticle = Callable[[str, str | bytes], Path]


def issues_for(root: Path) -> list[ContentIssue]:
    with pytest.raises(ContentError) as caught:
        load_site(root)
    return list(caught.value.issues)


def only_issue(root: Path) -> ContentIssue:
    issues = issues_for(root)
    assert len(issues) == 1, [i.format() for i in issues]
    return issues[0]


def test_repo_content_loads_with_the_practice_facts(repo_content: Path) -> None:
    site = load_site(repo_content)
    dustin = site.therapist("dustin")
    camtc = dustin.credentials[0]
    assert camtc.identifier == "93004"
    assert camtc.issuer is not None
    assert camtc.issuer.name == "California Massage Therapy Council"
    assert camtc.issuer.url == "https://www.camtc.org"
    assert [c.hours for c in dustin.credentials] == [900, 500, 700]
    assert dustin.insured is True
    assert [loc.address.locality for loc in site.locations] == ["Mount Shasta", "Redding"]
    counties = {loc.id: loc.area_served[0].county for loc in site.locations}
    assert counties == {"mount-shasta": "Siskiyou County", "redding": "Shasta County"}
    assert {s.id for s in site.services} == {
        "neuromuscular-therapy",
        "biodynamic-craniosacral-therapy",
        "massage-therapy",
    }
    (article,) = site.articles
    assert article.meta.author == "dustin"
    assert site.author_of(article) is dustin


def test_unknown_facts_stay_empty(repo_content: Path) -> None:
    site = load_site(repo_content)
    for location in site.locations:
        assert location.address.street is None
        assert location.address.postal_code is None
        assert location.telephone is None
        assert location.opening_hours == ()
        assert location.geo is None
    assert site.practice.telephone is None
    assert site.practice.booking_url is None
    assert all(s.price is None for s in site.services)
    assert all(c.issuer is None for c in site.therapist("dustin").credentials[1:])
    assert site.therapist("dustin").credentials[0].expires is None
    assert site.practice.url.startswith("https://nmt-practice.example")


def test_article_headings_are_markdown_headings(repo_content: Path) -> None:
    (article,) = load_site(repo_content).articles
    headings = [line for line in article.body.splitlines() if line.startswith("## ")]
    assert len(headings) == 5
    assert "It’s not a panacea" in article.body


def test_slug_defaults_to_slugified_title(content_root: Path) -> None:
    (article,) = load_site(content_root).articles
    assert article.meta.slug == "a-test-article-about-massage"


def test_models_are_frozen(content_root: Path) -> None:
    site = load_site(content_root)
    with pytest.raises(ValueError, match="frozen"):
        site.practice.name = "Other"  # type: ignore[misc]


def test_invalid_yaml_names_file_and_line(content_root: Path, write_article: WriteArticle) -> None:
    write_article("bad.md", "---\ntitle: A: B\ndate_published: 2024-01-01\n---\nBody\n")
    issue = only_issue(content_root)
    assert (issue.path, issue.line) == ("articles/bad.md", 2)
    assert "invalid YAML" in issue.message
    assert "quotes" in issue.message


def test_tab_indentation_is_explained(content_root: Path) -> None:
    text = MINIMAL_PRACTICE.replace("  name: Test Practice", "\tname: Test Practice")
    (content_root / "practice.yaml").write_text(text, encoding="utf-8")
    issue = only_issue(content_root)
    assert issue.path == "practice.yaml"
    assert issue.line == 2
    assert "tab" in issue.message


def test_no_front_matter(content_root: Path, write_article: WriteArticle) -> None:
    write_article("plain.md", "# Just a heading\n\nText.\n")
    issue = only_issue(content_root)
    assert (issue.path, issue.line) == ("articles/plain.md", 1)
    assert "no front matter" in issue.message


def test_unclosed_front_matter(content_root: Path, write_article: WriteArticle) -> None:
    write_article("open.md", "---\ntitle: Open\ndescription: x\n\nBody text\n")
    issue = only_issue(content_root)
    assert issue.path == "articles/open.md"
    assert "never closed" in issue.message


def test_empty_file(content_root: Path, write_article: WriteArticle) -> None:
    write_article("empty.md", "")
    issue = only_issue(content_root)
    assert issue.path == "articles/empty.md"
    assert "empty" in issue.message


def test_non_utf8_bytes_name_the_line(content_root: Path, write_article: WriteArticle) -> None:
    raw = MINIMAL_ARTICLE.encode().replace(b"More text.", b"More caf\xe9 text.")
    write_article("latin1.md", raw)
    issue = only_issue(content_root)
    assert issue.path == "articles/latin1.md"
    assert issue.line == MINIMAL_ARTICLE.splitlines().index("More text.") + 1
    assert "UTF-8" in issue.message


def test_missing_required_field(content_root: Path, write_article: WriteArticle) -> None:
    write_article("nodesc.md", "---\ntitle: No description\ndate_published: 2024-01-01\n---\nx\n")
    issue = only_issue(content_root)
    assert issue.field == "description"
    assert "required field `description` is missing" in issue.message
    assert issue.line == 2


def test_wrong_type(content_root: Path) -> None:
    text = MINIMAL_PRACTICE.replace(
        'identifier: "12345"', 'identifier: "12345"\n        hours: many'
    )
    (content_root / "practice.yaml").write_text(text, encoding="utf-8")
    issue = only_issue(content_root)
    assert issue.field == "therapists.0.credentials.0.hours"
    assert issue.line == text.splitlines().index("        hours: many") + 1
    assert "'many'" in issue.message


def test_impossible_date(content_root: Path, write_article: WriteArticle) -> None:
    text = MINIMAL_ARTICLE.replace("2024-03-01", "2024-02-30")
    write_article("test-article.md", text)
    issue = only_issue(content_root)
    assert issue.field == "date_published"
    assert issue.line == 4
    assert "2024-02-30" in issue.message


def test_unknown_key_suggests_the_right_one(
    content_root: Path, write_article: WriteArticle
) -> None:
    write_article("test-article.md", MINIMAL_ARTICLE.replace("title:", "titel:"))
    issues = issues_for(content_root)
    unknown = next(i for i in issues if i.field == "titel")
    assert "did you mean `title`?" in unknown.message
    assert unknown.line == 2


def test_unknown_nested_key_suggests_from_the_nested_model(content_root: Path) -> None:
    text = MINIMAL_PRACTICE.replace("      locality: Redding", "      localty: Redding")
    (content_root / "practice.yaml").write_text(text, encoding="utf-8")
    issues = issues_for(content_root)
    unknown = next(i for i in issues if i.field.endswith("localty"))
    assert unknown.field == "locations.0.address.localty"
    assert "did you mean `locality`?" in unknown.message


def test_date_modified_before_date_published(
    content_root: Path, write_article: WriteArticle
) -> None:
    text = MINIMAL_ARTICLE.replace(
        "date_published: 2024-03-01", "date_published: 2024-03-01\ndate_modified: 2024-01-01"
    )
    write_article("test-article.md", text)
    issue = only_issue(content_root)
    assert issue.field == "date_modified"
    assert issue.line == 5
    assert "before date_published" in issue.message


def test_reviewed_by_needs_last_reviewed(content_root: Path, write_article: WriteArticle) -> None:
    write_article(
        "test-article.md",
        MINIMAL_ARTICLE.replace("author: alex", "author: alex\nreviewed_by: alex"),
    )
    issue = only_issue(content_root)
    assert "last_reviewed" in issue.message


def test_duplicate_slugs_name_both_files(content_root: Path, write_article: WriteArticle) -> None:
    write_article("copy.md", MINIMAL_ARTICLE)
    issue = only_issue(content_root)
    assert issue.path in ("articles/copy.md", "articles/test-article.md")
    other = {"articles/copy.md", "articles/test-article.md"} - {issue.path}
    assert other.pop() in issue.message
    assert issue.field == "slug"


def test_dangling_reference_lists_known_ids(
    content_root: Path, write_article: WriteArticle
) -> None:
    write_article("test-article.md", MINIMAL_ARTICLE.replace("author: alex", "author: alx"))
    issue = only_issue(content_root)
    assert (issue.field, issue.line) == ("author", 5)
    assert "unknown therapist id `alx`" in issue.message
    assert "`alex`" in issue.message


def test_dangling_service_location(content_root: Path) -> None:
    text = MINIMAL_PRACTICE.replace(
        "    name: Massage therapy", "    name: Massage therapy\n    locations: [nowhere]"
    )
    (content_root / "practice.yaml").write_text(text, encoding="utf-8")
    issue = only_issue(content_root)
    assert issue.field == "services.0.locations.0"
    assert "unknown office id `nowhere`" in issue.message
    assert "`main`" in issue.message


def test_county_must_match_known_city(content_root: Path) -> None:
    text = MINIMAL_PRACTICE.replace(
        "      - name: Redding\n        county: Shasta County",
        "      - name: Mount Shasta\n        county: Shasta County",
    )
    (content_root / "practice.yaml").write_text(text, encoding="utf-8")
    issue = only_issue(content_root)
    assert issue.field == "locations.0.area_served.0"
    assert "Mount Shasta is in Siskiyou County, not Shasta County" in issue.message


def test_mt_abbreviation_is_the_same_city(content_root: Path) -> None:
    text = MINIMAL_PRACTICE.replace(
        "      - name: Redding\n        county: Shasta County",
        "      - name: Mt. Shasta\n        county: Siskiyou County",
    )
    (content_root / "practice.yaml").write_text(text, encoding="utf-8")
    assert load_site(content_root).locations[0].area_served[0].name == "Mt. Shasta"


@pytest.mark.parametrize("business_type", ["Physician", "MedicalClinic", "MedicalBusiness"])
def test_medical_business_types_are_refused(content_root: Path, business_type: str) -> None:
    text = MINIMAL_PRACTICE.replace(
        "  name: Test Practice", f"  name: Test Practice\n  business_type: {business_type}"
    )
    (content_root / "practice.yaml").write_text(text, encoding="utf-8")
    issue = only_issue(content_root)
    assert issue.field == "practice.business_type"
    assert "2053.5" in issue.message


@pytest.mark.parametrize(
    "url",
    ["javascript:alert(1)", "JaVaScRiPt:alert(1)", "data:text/html,x", "vbscript:x", "ftp://x"],
)
def test_unsafe_urls_are_refused(content_root: Path, url: str) -> None:
    text = MINIMAL_PRACTICE.replace(
        "  description: Massage in a test town.", f"  booking_url: '{url}'"
    )
    (content_root / "practice.yaml").write_text(text, encoding="utf-8")
    issue = only_issue(content_root)
    assert issue.field == "practice.booking_url"


def test_yaml_12_scalars_are_not_mangled(content_root: Path) -> None:
    text = MINIMAL_PRACTICE.replace("      region: CA", "      region: CA\n      country: NO")
    text = text.replace(
        "    telephone:",
        "    opening_hours:\n      - days: [Monday]\n        opens: 09:00\n        closes: 17:30\n    telephone:",
    )
    (content_root / "practice.yaml").write_text(text, encoding="utf-8")
    location = load_site(content_root).locations[0]
    assert location.address.country == "NO"
    assert location.opening_hours[0].opens == "09:00"


def test_all_problems_are_collected(content_root: Path, write_article: WriteArticle) -> None:
    write_article("one.md", "")
    write_article("two.md", "no front matter\n")
    (content_root / "practice.yaml").write_text(
        MINIMAL_PRACTICE.replace("name: Test Practice", "nam: Test Practice"), encoding="utf-8"
    )
    paths = {issue.path for issue in issues_for(content_root)}
    assert paths == {"articles/one.md", "articles/two.md", "practice.yaml"}


def test_no_offices_or_therapists_is_an_error(content_root: Path) -> None:
    practice = MINIMAL_PRACTICE.split("locations:")[0] + "locations: []\ntherapists: []\n"
    (content_root / "practice.yaml").write_text(practice, encoding="utf-8")
    fields = {issue.field for issue in issues_for(content_root)}
    assert fields == {"locations", "therapists"}


def test_missing_practice_file(tmp_path: Path) -> None:
    issue = only_issue(tmp_path)
    assert issue.path == "practice.yaml"
    assert "no practice.yaml" in issue.message


def test_crlf_line_endings_load(content_root: Path, write_article: WriteArticle) -> None:
    write_article("test-article.md", MINIMAL_ARTICLE.replace("\n", "\r\n").encode())
    (article,) = load_site(content_root).articles
    assert "\r" not in article.body
    assert article.meta.title == "A test article about massage"


def test_sources_are_read_when_asked_and_only_content_files(
    content_root: Path, write_article: WriteArticle
) -> None:
    write_article("first.md", MINIMAL_ARTICLE)
    (content_root / "secret.txt").write_text("not content", encoding="utf-8")
    sources = read_sources(content_root)
    (content_root / "articles" / "first.md").write_text("changed\n", encoding="utf-8")
    assert sources["articles/first.md"] == "changed\n"  # read on first use, not before
    (content_root / "articles" / "first.md").write_text("changed again\n", encoding="utf-8")
    assert sources["articles/first.md"] == "changed\n"  # then kept
    assert sources["practice.yaml"] == (content_root / "practice.yaml").read_text(encoding="utf-8")
    for outside in ("secret.txt", "articles/../secret.txt", "articles/missing.md", "../x.md"):
        assert sources.get(outside) is None
        assert outside not in sources
    articles = sorted(
        path.relative_to(content_root).as_posix() for path in content_root.rglob("*.md")
    )
    assert sorted(sources) == [*articles, "practice.yaml"]
    assert len(sources) == len(articles) + 1


def test_articles_know_the_line_of_each_front_matter_key(
    content_root: Path, write_article: WriteArticle
) -> None:
    text = (
        "---\n"
        "title: Lines\n"
        "# a comment: not a key\n"
        "description: >-\n"
        "  folded: not a key either\n"
        "keywords:\n"
        "  - one\n"
        "date_published: 2026-01-31\n"
        "---\n\nBody.\n"
    )
    write_article("lines.md", text)
    site = load_site(content_root)
    article = next(a for a in site.articles if a.source == "articles/lines.md")
    lines = text.splitlines()
    for key in ("title", "description", "keywords", "date_published"):
        assert article.key_line(key) == lines.index(next(x for x in lines if x.startswith(key))) + 1
    assert article.key_line("folded") is None
    assert article.key_line("# a comment") is None
    assert article.key_line("slug") is None


def test_article_files_are_the_visible_regular_files_inside_the_root(tmp_path: Path) -> None:
    """As a recursive glob would find them, less hidden names; a dangling link is a problem."""
    articles = tmp_path / "articles"
    (articles / "nested" / "deeper").mkdir(parents=True)
    (articles / ".obsidian").mkdir()
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    for name in ("b.md", "a.md", "nested/c.md", "nested/deeper/d.md", "notes.txt", ".hidden.md"):
        (articles / name).write_text("x", encoding="utf-8")
    for name in ("._a.md", ".obsidian/workspace.md"):
        (articles / name).write_text("x", encoding="utf-8")
    (elsewhere / "linked.md").write_text("x", encoding="utf-8")
    (elsewhere / "inside.md").write_text("x", encoding="utf-8")
    (articles / "link.md").symlink_to(elsewhere / "linked.md")
    (articles / "broken.md").symlink_to(elsewhere / "missing.md")
    (articles / "folder-link").symlink_to(elsewhere, target_is_directory=True)
    (articles / "folder.md").mkdir()
    expected = sorted(
        (p for p in articles.rglob("*.md") if p.is_file() and not p.name.startswith(".")),
        key=lambda p: p.as_posix(),
    )
    expected = [p for p in expected if ".obsidian" not in p.parts]
    found, issues = article_listing(tmp_path)
    assert article_paths(tmp_path) == found == expected
    assert [p.relative_to(articles).as_posix() for p in found] == [
        "a.md",
        "b.md",
        "link.md",
        "nested/c.md",
        "nested/deeper/d.md",
    ]
    assert [(i.path, i.message.split(";")[0]) for i in issues] == [
        ("articles/broken.md", "not read: it is a symbolic link to nothing")
    ]


def test_articles_and_findings_survive_pickling(content_root: Path) -> None:
    """Worker processes send both back to the main one."""
    article = load_site(content_root).articles[0]
    assert pickle.loads(pickle.dumps(article)) == article
    finding = RawFinding("SEO-001", article.source, 3, "a message")
    assert pickle.loads(pickle.dumps(finding)) == finding


def test_articles_are_hashed_only_when_a_digest_is_wanted(
    content_root: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import hashlib

    from nmt_content.content import loader

    hashed: list[int] = []
    sha256 = hashlib.sha256

    def counting(data: bytes):  # type: ignore[no-untyped-def]
        hashed.append(len(data))
        return sha256(data)

    monkeypatch.setattr(loader.hashlib, "sha256", counting)
    load_site(content_root)
    assert len(hashed) == 1  # practice.yaml only: nothing asked for the articles' digests
    digests: dict[str, str] = {}
    loader.read_site(content_root, digests=digests)
    article = content_root / "articles" / "test-article.md"
    assert digests["articles/test-article.md"] == sha256(article.read_bytes()).hexdigest()


def test_articles_loaded_without_bodies_are_the_same_but_for_the_body(repo_content: Path) -> None:
    """What a build loads (bodies left on disk) is what `load_site` gives, with an empty body
    and the body's words still counted."""
    from nmt_content.content.loader import read_site

    whole = load_site(repo_content).articles
    bare = read_site(repo_content, keep_bodies=False).articles
    assert [a.body for a in bare] == [""] * len(whole)
    assert all(a.word_count > 0 for a in bare)
    assert [dataclasses.replace(a, body="") for a in whole] == list(bare)
    assert [(a.word_count, a.key_lines, a.body_line) for a in whole] == [
        (a.word_count, a.key_lines, a.body_line) for a in bare
    ]


def test_an_articles_body_is_read_by_its_name_as_loading_names_it(
    content_root: Path, write_article: WriteArticle
) -> None:
    odd = os.fsdecode(b"odd-\xff.md")  # a name that is not UTF-8 on disk shows with U+FFFD
    text = MINIMAL_ARTICLE.replace("A test article", "An odd article") + "\nThe odd body.\n"
    write_article(odd, text)
    site = load_site(content_root)
    assert len(site.articles) == 2
    for article in site.articles:
        assert read_article_body(content_root, article.source) == article.body
    odd_article = next(a for a in site.articles if a.meta.title.startswith("An odd"))
    assert odd_article.source != f"articles/{odd}"
    assert read_article_body(content_root, odd_article.source).endswith("The odd body.\n")


@pytest.mark.parametrize("kind", ["missing", "folder"])
def test_an_articles_body_that_is_not_a_file_is_a_content_error(
    content_root: Path, kind: str
) -> None:
    if kind == "folder":
        (content_root / "articles" / "gone.md").mkdir()
    with pytest.raises(ContentError) as caught:
        read_article_body(content_root, "articles/gone.md")
    assert [issue.path for issue in caught.value.issues] == ["articles/gone.md"]
