"""Injection: hostile text in every field of the content reaches every output as inert text.

One content root carries ``</script><script>``, comment marks, quotes, ``&``, every control
character, U+2028/U+2029 and CRLF in every text field, and URLs with quotes, ``&`` and ``<`` in
their query strings. The built site is read back the way its consumers read it (bs4 for HTML,
json for JSON-LD, lxml for XML, line by line for robots.txt) and compared with the input after the
one documented normalisation (:mod:`nmt_content.models.text`: control characters removed, CR/LF as
LF; URLs percent-encode ``"``, ``<`` and ``>``).

Unsafe URL schemes are refused at load in YAML fields, and neutralised (shown as text, reported by
`check` as SEO-017) in Markdown.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from bs4 import BeautifulSoup, Comment, Tag
from lxml import etree

from nmt_content.cli import main
from nmt_content.cli.terminal import Terminal
from nmt_content.errors import ContentIssue, printable
from nmt_content.models.text import clean_text
from nmt_content.pipeline.build import build_site
from nmt_content.pipeline.loading import load_site

from ..check_helpers import check, fired
from ..conftest import MINIMAL_ARTICLE, MINIMAL_PRACTICE
from ..webtools import VNU_JAR, java, nu_problems, requires

CONTROLS = "".join(chr(c) for c in [*range(0x20), 0x7F] if chr(c) not in "\t\n")
PAYLOAD = (
    "</script><script>alert(1)</script> <!-- x --> -- > ' \" &amp; & "
    + CONTROLS
    + " \u2028 \u2029 tab\there a\r\nb"
)
"""What goes into every text field."""
QUERY = "?a='1'&b=\"2\"&c=<x>&d=%22"
"""What goes into every URL's query string."""
ENCODED_QUERY = "?a='1'&b=%222%22&c=%3Cx%3E&d=%22"
"""The query as loaded: `"`, `<` and `>` percent-encoded (as a browser would before a request)."""


def hostile(label: str) -> str:
    return f"{label} {PAYLOAD}"


def shown(label: str) -> str:
    """The text a hostile field holds after loading."""
    return clean_text(hostile(label))


def test_the_payload_needs_cleaning() -> None:
    cleaned = clean_text(PAYLOAD)
    assert cleaned != PAYLOAD
    assert not re.search("[\x00-\x08\x0b-\x1f\x7f]", cleaned)
    assert "\r" not in cleaned
    assert "a\nb" in cleaned
    assert "\t" in cleaned
    assert "\u2028" in cleaned
    assert "\u2029" in cleaned
    assert "</script><script>alert(1)</script> <!-- x -->" in cleaned


PRACTICE: dict[str, Any] = {
    "practice": {
        "name": hostile("Practice"),
        "url": "https://practice.example/",
        "description": hostile("Practice description"),
        "telephone": "+1-530-555-0100",
        "logo": "https://cdn.example/logo.png" + QUERY,
        "image": "/images/office.jpg" + QUERY,
        "same_as": ["https://social.example/practice" + QUERY],
        "booking_url": "https://book.example/" + QUERY,
        "price_range": hostile("$$"),
    },
    "locations": [
        {
            "id": "main",
            "name": hostile("Office"),
            "address": {
                "street": hostile("1 Main St"),
                "locality": "Redding",
                "region": "CA",
                "postal_code": "96001",
            },
            "telephone": "+1-530-555-0100",
            "area_served": [{"name": "Redding", "county": "Shasta County"}],
            "directions": hostile("Directions"),
            "parking": hostile("Parking"),
        }
    ],
    "therapists": [
        {
            "id": "alex",
            "name": hostile("Alex"),
            "job_title": hostile("Job title"),
            "bio": hostile("Bio") + "\n\n[bio link](javascript:alert(1))\n",
            "image": "https://cdn.example/alex.jpg" + QUERY,
            "knows_about": [hostile("Knows about")],
            "same_as": ["https://profile.example/alex" + QUERY],
            "credentials": [
                {
                    "name": hostile("Credential"),
                    "category": "certificate",
                    "identifier": "12345",
                    "issuer": {
                        "name": hostile("Issuer"),
                        "short_name": "CAMTC",
                        "url": "https://issuer.example/" + QUERY,
                    },
                    "verification_url": "https://verify.example/" + QUERY,
                }
            ],
        }
    ],
    "services": [
        {
            "id": "massage",
            "name": hostile("Service"),
            "slug": "massage",
            "description": hostile("Service description"),
            "body": hostile("Service body") + "\n\n<script>alert(2)</script>\n",
            "conditions": [{"name": hostile("Condition")}],
        }
    ],
}
FRONT_MATTER: dict[str, Any] = {
    "title": hostile("Title"),
    "description": hostile("Article description"),
    "slug": "hostile",
    "date_published": "2024-03-01",
    "author": "alex",
    "services": ["massage"],
    "keywords": [hostile("Keyword")],
    "image": {"src": "https://img.example/lead.jpg" + QUERY, "alt": hostile("Alt")},
    "references": [
        {
            "title": hostile("Reference"),
            "authors": [hostile("Author")],
            "journal": hostile("Journal"),
            "url": "https://ref.example/paper" + QUERY,
        }
    ],
}
BODY_PAYLOAD = PAYLOAD.replace("\r\n", "\n")  # a Markdown file's own newlines are LF at load
UNSAFE_MARKDOWN = {
    "[lower](javascript:alert(1))": "lower",
    "[upper](JAVASCRIPT:alert(1))": "upper",
    "[spaced]( javascript:alert(1))": "spaced",
    "[entity](&#106;avascript:alert(1))": "entity",
    "[tab](java&#9;script:alert(1))": "tab",
    "[vb](vbscript:msgbox(1))": "vb",
    "![pixel](data:image/png;base64,AAAA)": "pixel",
    "![svg](DATA:image/svg+xml,<svg/onload=alert(1)>)": "svg",
    "<javascript:alert(1)>": "javascript:alert(1)",
    "[ref][bad]": "ref",
    "[angle](<javascript:alert(1)>)": "angle",
    "[named](javascript&colon;alert(1))": "named",
    "[hex](&#x6A;avascript:alert(1))": "hex",
    "[![nested](data:image/png,x)](javascript:alert(1))": "nested",
    "[local](file:///etc/passwd)": "local",
    '![titled](JaVaScRiPt:alert(1) "t")': "titled",
}
BODY = (
    f"Body {BODY_PAYLOAD}\n\n"
    + "\n\n".join(UNSAFE_MARKDOWN)
    + "\n\n[bad]: javascript:alert(1)\n\n<img src=x onerror=alert(1)>\n\n[fine](https://ok.example/"
    + QUERY
    + ")\n"
)


def write_yaml(data: Any) -> str:
    """Block YAML in which every string that needs it is double-quoted with escapes."""
    return yaml.safe_dump(data, allow_unicode=False, sort_keys=False, width=1000)


def write_root(root: Path) -> Path:
    (root / "articles").mkdir(parents=True)
    (root / "practice.yaml").write_text(write_yaml(PRACTICE), encoding="utf-8")
    article = f"---\n{write_yaml(FRONT_MATTER)}---\n{BODY}"
    (root / "articles" / "hostile.md").write_text(article, encoding="utf-8")
    return root


@pytest.fixture(scope="module")
def hostile_root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_root(tmp_path_factory.mktemp("hostile") / "content")


@pytest.fixture(scope="module")
def built(hostile_root: Path) -> dict[str, bytes]:
    files, _report = build_site(load_site(hostile_root))
    return files


def pages(built: dict[str, bytes]) -> Iterator[tuple[str, BeautifulSoup]]:
    for path, data in sorted(built.items()):
        if path.endswith(".html"):
            yield path, BeautifulSoup(data.decode("utf-8"), "html.parser")


def graph_of(soup: BeautifulSoup) -> dict[str, Any]:
    (script,) = soup.find_all("script")
    document: dict[str, Any] = json.loads(script.get_text())
    return document


def strings_in(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from strings_in(item)
    elif isinstance(value, list):
        for item in value:
            yield from strings_in(item)


# -- HTML ------------------------------------------------------------------------------------------

UNSAFE_URL = re.compile(r"^(?:javascript|vbscript|data|file):", re.IGNORECASE)


def _compact(url: str) -> str:
    return re.sub(r"[\x00-\x20]", "", url)


def test_every_page_has_only_our_json_ld_script(built: dict[str, bytes]) -> None:
    """The default theme has no scripts of its own: the only script is the page's JSON-LD."""
    seen = 0
    for path, soup in pages(built):
        scripts = soup.find_all("script")
        assert [s.get("type") for s in scripts] == ["application/ld+json"], path
        assert all(set(s.attrs) == {"type"} for s in scripts), path
        assert soup.find_all(["iframe", "object", "embed", "form", "base", "svg"]) == [], path
        seen += 1
    assert seen == 9


def test_no_event_handler_or_unsafe_url_attribute(built: dict[str, bytes]) -> None:
    for path, soup in pages(built):
        for tag in soup.find_all(True):
            assert not [name for name in tag.attrs if name.lower().startswith("on")], (path, tag)
            for attribute in ("href", "src", "action", "formaction", "srcset", "poster"):
                value = _compact(str(tag.get(attribute, "")))
                if UNSAFE_URL.match(value):
                    # The theme's own inline favicon is the one data: URL a page may hold.
                    assert tag.name == "link", (path, tag)
                    assert tag.get("rel") == ["icon"], (path, tag)
                    assert value.startswith("data:image/svg+xml,"), (path, tag)
            content = _compact(str(tag.get("content", "")))
            assert not UNSAFE_URL.match(content), (path, tag)


def test_no_markup_from_content_reaches_a_page(built: dict[str, bytes]) -> None:
    """Our own markup has no comments; every `<` from content is escaped, so none appears."""
    for path, soup in pages(built):
        assert not soup.find_all(string=lambda s: isinstance(s, Comment)), path
        assert soup.find_all("img", onerror=True) == [], path
        text = built[path].decode()
        assert "<script>alert" not in text, path
        assert "<!-- x -->" not in text, path


def test_hostile_text_is_shown_as_text(built: dict[str, bytes]) -> None:
    article = BeautifulSoup(built["articles/hostile/index.html"].decode(), "html.parser")
    h1 = article.find("h1")
    assert h1 is not None
    assert h1.get_text() == shown("Title")
    title = article.find("title")
    assert title is not None
    assert title.get_text().startswith(shown("Title"))
    description = article.find("meta", attrs={"name": "description"})
    assert isinstance(description, Tag)
    assert description["content"] == shown("Article description")
    text = article.get_text()
    for label in ("Reference", "Journal", "Author", "Office", "1 Main St"):
        assert shown(label) in text, label
    assert "</script><script>alert(1)</script>" in text
    about = BeautifulSoup(built["about/index.html"].decode(), "html.parser").get_text()
    for label in ("Alex", "Credential", "Issuer"):
        assert shown(label) in about, label
    service = BeautifulSoup(built["services/massage/index.html"].decode(), "html.parser")
    assert "<script>alert(2)</script>" in service.get_text()
    assert shown("Service description") in service.get_text()


def test_urls_keep_their_query_with_quotes_percent_encoded(built: dict[str, bytes]) -> None:
    home = BeautifulSoup(built["index.html"].decode(), "html.parser")
    hrefs = {a["href"] for a in home.find_all("a", href=True)}
    assert "https://book.example/" + ENCODED_QUERY in hrefs
    article = BeautifulSoup(built["articles/hostile/index.html"].decode(), "html.parser")
    hrefs = {a["href"] for a in article.find_all("a", href=True)}
    assert "https://ref.example/paper" + ENCODED_QUERY in hrefs
    og_image = article.find("meta", property="og:image")
    assert isinstance(og_image, Tag)
    assert og_image["content"] == "https://img.example/lead.jpg" + ENCODED_QUERY
    alts = [
        tag["content"]
        for tag in article.find_all("meta")
        if str(tag.get("property") or tag.get("name") or "").endswith("image:alt")
    ]
    assert alts
    assert set(alts) == {shown("Alt")}


def test_unsafe_markdown_is_neutralised_and_its_text_kept(built: dict[str, bytes]) -> None:
    soup = BeautifulSoup(built["articles/hostile/index.html"].decode(), "html.parser")
    main_text = soup.get_text()
    for label in UNSAFE_MARKDOWN.values():
        assert label in main_text
    assert soup.select(".prose img") == []  # the lead figure is the page's one image
    links = [a["href"] for a in soup.find_all("a", href=True) if "//ok.example" in a["href"]]
    assert links == [
        "https://ok.example/" + QUERY.replace("<", "%3C").replace(">", "%3E").replace('"', "%22")
    ]
    about = BeautifulSoup(built["about/index.html"].decode(), "html.parser")
    assert "bio link" in about.get_text()


@requires(java=java() is not None, vnu_jar=VNU_JAR.is_file())
def test_the_nu_checker_finds_no_error_on_hostile_pages(
    built: dict[str, bytes], tmp_path: Path
) -> None:
    names = []
    for path in ("articles/hostile/index.html", "about/index.html", "services/massage/index.html"):
        target = tmp_path / path.replace("/", "-")
        target.write_bytes(built[path])
        names.append(str(target))
    assert nu_problems(names, warnings=False) == []


# -- JSON-LD and seo.json --------------------------------------------------------------------------


def test_json_ld_round_trips_the_cleaned_text(built: dict[str, bytes]) -> None:
    expected = [
        "Practice",
        "Practice description",
        "Office",
        "1 Main St",
        "Alex",
        "Job title",
        "Credential",
        "Issuer",
        "Knows about",
        "Service",
        "Service description",
        "Condition",
        "Title",
        "Article description",
        "Reference",
        "Keyword",
        "Alt",
    ]
    strings = [value for _path, page in pages(built) for value in strings_in(graph_of(page))]
    for label in expected:
        assert any(shown(label) in value for value in strings), label
    soup = BeautifulSoup(built["articles/hostile/index.html"].decode(), "html.parser")
    article = next(n for n in graph_of(soup)["@graph"] if n["@type"] == "Article")
    assert article["headline"] == shown("Title")
    removed = re.compile("[\x00-\x08\x0b-\x1f\x7f]")
    for path, page in pages(built):
        for value in strings_in(graph_of(page)):
            assert not removed.search(value), (path, value)
    urls = set(strings_in(graph_of(soup)))
    for url in ("https://social.example/practice", "https://ref.example/paper"):
        assert url + ENCODED_QUERY in urls, url


def test_json_ld_script_body_has_no_markup_characters(built: dict[str, bytes]) -> None:
    for path, soup in pages(built):
        (script,) = soup.find_all("script")
        body = script.get_text()
        assert not set("<>&\u2028\u2029") & set(body), path


def test_seo_manifest_parses_and_keeps_the_text(built: dict[str, bytes]) -> None:
    manifest = json.loads(built["seo.json"])
    article = next(p for p in manifest["pages"] if p["path"] == "/articles/hostile/")
    assert article["description"] == shown("Article description")
    assert article["title"].startswith(shown("Title"))


# -- XML and robots.txt ----------------------------------------------------------------------------

ATOM = {"a": "http://www.w3.org/2005/Atom"}


def test_feed_is_well_formed_and_keeps_the_text(built: dict[str, bytes]) -> None:
    root = etree.fromstring(built["feed.xml"])
    (entry,) = root.findall("a:entry", ATOM)
    assert entry.findtext("a:title", namespaces=ATOM) == shown("Title")
    assert entry.findtext("a:summary", namespaces=ATOM) == shown("Article description")
    assert entry.findtext("a:author/a:name", namespaces=ATOM) == shown("Alex")
    assert (root.findtext("a:title", namespaces=ATOM) or "").startswith(shown("Practice"))
    terms = [c.get("term") for c in entry.findall("a:category", ATOM)]
    # An attribute value's newlines and tabs are read back as spaces (XML attribute normalisation).
    assert terms == [re.sub("[\t\n]", " ", shown("Keyword"))]
    assert not root.xpath("//comment() | //processing-instruction()")
    assert [etree.QName(e).localname for e in root.iter(etree.Element)].count("script") == 0


def test_sitemap_is_well_formed_and_keeps_the_urls(built: dict[str, bytes]) -> None:
    namespaces = {
        "sm": "http://www.sitemaps.org/schemas/sitemap/0.9",
        "image": "http://www.google.com/schemas/sitemap-image/1.1",
    }
    root = etree.fromstring(built["sitemap.xml"])
    locs = root.xpath("//sm:loc/text()", namespaces=namespaces)
    assert "https://practice.example/articles/hostile/" in locs
    images = root.xpath("//image:loc/text()", namespaces=namespaces)
    assert images == ["https://img.example/lead.jpg" + ENCODED_QUERY]
    assert not root.xpath("//comment()")


def test_robots_has_only_its_own_lines(built: dict[str, bytes]) -> None:
    assert built["robots.txt"].decode() == (
        "User-agent: *\nDisallow:\n\nSitemap: https://practice.example/sitemap.xml\n"
    )


@pytest.mark.parametrize(
    "url",
    [
        "https://x.example/\r\nDisallow: /",
        "https://x.example/\nSitemap: https://evil.example/s.xml",
        "https://x.example/\u2028Disallow:/",
        "https://x.example/\x85Disallow:/",
        "https://x.example/\tDisallow:/",
        "https://x.example/ Disallow:/",
    ],
)
def test_a_base_url_with_a_line_break_is_refused(
    content_root: Path, tmp_path: Path, url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "out"
    with pytest.raises(SystemExit) as exit_info:
        main(["build", str(content_root), "--out", str(out), "--base-url", url])
    assert exit_info.value.code == 2
    assert "--base-url" in capsys.readouterr().err
    assert not out.exists()
    text = MINIMAL_PRACTICE.replace("url: https://practice.example/", f"url: {json.dumps(url)}")
    (content_root / "practice.yaml").write_text(text, encoding="utf-8")
    assert main(["build", str(content_root), "--out", str(out)]) == 2
    assert "practice.url" in capsys.readouterr().err
    assert not out.exists()


@pytest.mark.parametrize("command", ["build", "check", "inject", "serve"])
def test_every_base_url_option_refuses_a_line_break(
    command: str, content_root: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text("<html><head><title>x</title></head></html>", "utf-8")
    argv = {
        "build": ["build", str(content_root), "--out", str(tmp_path / "out")],
        "check": ["check", str(content_root)],
        "inject": ["inject", str(site), "--root", str(content_root)],
        "serve": ["serve", str(content_root)],
    }[command]
    with pytest.raises(SystemExit) as exit_info:
        main([*argv, "--base-url", "https://x.example/\r\nDisallow: /"])
    assert exit_info.value.code == 2
    assert "the base URL cannot contain spaces or control characters" in capsys.readouterr().err
    assert not (site / "robots.txt").exists()
    assert not (tmp_path / "out").exists()


# -- unsafe URLs in YAML fields: refused at load ---------------------------------------------------

UNSAFE_URLS = [
    "javascript:alert(1)",
    "JaVaScRiPt:alert(1)",
    "  javascript:alert(1)",
    "java\tscript:alert(1)",
    "\x01javascript:alert(1)",
    "&#106;avascript:alert(1)",
    "javascript&colon;alert(1)",
    "data:text/html,<script>alert(1)</script>",
    "DATA:image/png;base64,AAAA",
    "vbscript:msgbox(1)",
    "VBScript:msgbox(1)",
]


def _insert_after(text: str, anchor: str, line: str) -> tuple[str, int]:
    """``text`` with ``line`` inserted after the line ``anchor``, and that line's number."""
    lines = text.split("\n")
    index = lines.index(anchor) + 1
    lines.insert(index, line)
    return "\n".join(lines), index + 1


PRACTICE_URL_FIELDS = {
    # field path: (line after which to insert, the inserted line with {url})
    "practice.booking_url": ("  url: https://practice.example/", "  booking_url: {url}"),
    "practice.logo": ("  url: https://practice.example/", "  logo: {url}"),
    "practice.image": ("  url: https://practice.example/", "  image: {url}"),
    "practice.same_as.0": ("  url: https://practice.example/", "  same_as: [{url}]"),
    "therapists.0.image": ("    name: Alex Example", "    image: {url}"),
    "therapists.0.same_as.0": ("    name: Alex Example", "    same_as: [{url}]"),
    "therapists.0.credentials.0.verification_url": (
        '        identifier: "12345"',
        "        verification_url: {url}",
    ),
    "therapists.0.credentials.0.issuer.url": (
        "          short_name: CAMTC",
        "          url: {url}",
    ),
}
ARTICLE_URL_FIELDS = {
    "image.src": ("author: alex", "image: {{src: {url}, alt: A photo}}"),
    "references.0.url": ("author: alex", "references: [{{title: A study, url: {url}}}]"),
    "reviewed_by.url": (
        "author: alex",
        "reviewed_by: {{name: Dr Who, url: {url}}}\nlast_reviewed: 2024-03-02",
    ),
}


@pytest.mark.parametrize("url", UNSAFE_URLS)
@pytest.mark.parametrize("field", sorted(PRACTICE_URL_FIELDS))
def test_unsafe_url_in_practice_yaml_is_refused_with_file_line_and_field(
    content_root: Path, field: str, url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    anchor, template = PRACTICE_URL_FIELDS[field]
    text, line = _insert_after(MINIMAL_PRACTICE, anchor, template.format(url=json.dumps(url)))
    (content_root / "practice.yaml").write_text(text, encoding="utf-8")
    assert main(["build", str(content_root), "--out", str(content_root / "out")]) == 2
    err = capsys.readouterr().err
    assert re.search(rf"^practice\.yaml:{line}:\d+: error: {re.escape(field)}: ", err, re.M), err
    assert not (content_root / "out").exists()


@pytest.mark.parametrize("url", UNSAFE_URLS)
@pytest.mark.parametrize("field", sorted(ARTICLE_URL_FIELDS))
def test_unsafe_url_in_front_matter_is_refused_with_file_line_and_field(
    content_root: Path, field: str, url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    anchor, template = ARTICLE_URL_FIELDS[field]
    text, line = _insert_after(MINIMAL_ARTICLE, anchor, template.format(url=json.dumps(url)))
    (content_root / "articles" / "test-article.md").write_text(text, encoding="utf-8")
    assert main(["validate", str(content_root)]) == 2
    err = capsys.readouterr().err
    pattern = rf"^articles/test-article\.md:{line}:\d+: error: {re.escape(field)}: "
    assert re.search(pattern, err, re.M), err


def test_scheme_refusal_names_the_scheme(
    content_root: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    anchor, template = PRACTICE_URL_FIELDS["practice.booking_url"]
    text, _line = _insert_after(MINIMAL_PRACTICE, anchor, template.format(url='"java\\tscript:x"'))
    (content_root / "practice.yaml").write_text(text, encoding="utf-8")
    assert main(["validate", str(content_root)]) == 2
    assert "`javascript:` URLs are not allowed" in capsys.readouterr().err


# -- unsafe links in Markdown: neutralised, built, reported by `check` -----------------------------


def test_check_reports_every_neutralised_link_with_its_line(hostile_root: Path) -> None:
    result = check(hostile_root)
    found = fired(result, "SEO-017")
    article = (hostile_root / "articles" / "hostile.md").read_text(encoding="utf-8").split("\n")
    for snippet in [*UNSAFE_MARKDOWN, "<img src=x onerror=alert(1)>"]:
        if snippet == "[ref][bad]":
            continue  # reported at the reference's use, checked below
        line = next(i for i, text in enumerate(article, 1) if text == snippet)
        assert any(f.startswith(f"articles/hostile.md:{line}:") for f in found), (snippet, found)
    ref_line = next(i for i, text in enumerate(article, 1) if text == "[ref][bad]")
    assert any(f.startswith(f"articles/hostile.md:{ref_line}:") for f in found), found
    assert any(f.startswith("practice.yaml:") and "bio" in f for f in found), found
    assert any(f.startswith("practice.yaml:") and "body" in f for f in found), found


def test_the_cli_builds_and_check_warns(
    hostile_root: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    argv = ["build", str(hostile_root), "--out", str(tmp_path / "out"), "-q"]
    assert main([*argv, "--allow-missing-assets"]) == 0  # its images are not in static/
    assert (tmp_path / "out" / "articles" / "hostile" / "index.html").is_file()
    capsys.readouterr()
    main(["check", str(hostile_root)])
    out = capsys.readouterr().out
    assert "warning SEO-017" in out


# -- terminal-safe messages: names and quoted content never print raw control characters -------

_RAW_CONTROL = re.compile(
    "[\x00-\x09\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029]"
)
"""Any character a terminal, a log viewer or `str.splitlines` acts on, except the line feed."""
FORGED_ERROR = "bad\nforged.md:1:1: error: all is well.md"
FORGED_COMMAND = "x\n::error file=practice.yaml,line=1::forged\r\n::warning ::again.md"
TERMINAL_TRICKS = "x\x1b]52;c;Y3VybCBldmlsfHNo\x07\x1b[2J\u202egnp.md\x85\u2028y.md"
"""OSC 52 (write the clipboard), clear the screen, a right-to-left override, NEL and U+2028."""


def _content_with(tmp_path: Path, name: str, text: str) -> Path:
    root = tmp_path / "content"
    (root / "articles").mkdir(parents=True)
    (root / "practice.yaml").write_text(MINIMAL_PRACTICE, encoding="utf-8")
    (root / "articles" / name).write_text(text, encoding="utf-8")
    return root


@pytest.mark.parametrize("command", ["validate", "build", "check"])
def test_a_newline_in_a_file_name_cannot_forge_an_error_line(
    command: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = _content_with(tmp_path, FORGED_ERROR, "# no front matter\n")
    argv = [command, str(root)] + (["--out", str(tmp_path / "out")] if command == "build" else [])
    assert main(argv) == 2
    err = capsys.readouterr().err
    lines = err.splitlines()
    assert len(lines) == 2, err  # the one error, then the count
    assert lines[0].startswith("articles/bad\\nforged.md:1:1: error: all is well.md:1: error: ")
    assert not any(line.startswith("forged") for line in lines)
    assert not _RAW_CONTROL.search(err)


def test_a_crafted_file_name_cannot_forge_a_github_workflow_command(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = _content_with(tmp_path, FORGED_COMMAND + TERMINAL_TRICKS, MINIMAL_ARTICLE)
    main(["check", str(root), "--format", "github"])
    out = capsys.readouterr().out
    command = re.compile(r"::(error|warning|notice) ([^:]*)::([^\r\n]*)")
    lines = out.splitlines()
    assert lines
    assert all(command.fullmatch(line) for line in lines), out
    assert not any(line.startswith("::error file=practice.yaml,line=1::") for line in lines)
    files = [
        dict(p.split("=", 1) for p in command.fullmatch(line)[2].split(","))  # type: ignore[index]
        for line in lines
    ]
    crafted = [f["file"] for f in files if "forged" in f.get("file", "")]
    assert crafted, out
    for escape, char in (("%0D", "\r"), ("%0A", "\n"), ("%3A", ":"), ("%2C", ","), ("%25", "%")):
        crafted[0] = crafted[0].replace(escape, char)  # as GitHub reads a property
    # The line breaks as GitHub's escapes (an annotation may show them), the rest as ours.
    assert crafted[0] == "articles/" + FORGED_COMMAND + printable(TERMINAL_TRICKS)
    assert not _RAW_CONTROL.search(out)


def test_a_crafted_file_name_cannot_forge_a_line_of_the_text_report(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = _content_with(tmp_path, FORGED_COMMAND, MINIMAL_ARTICLE)
    main(["check", str(root)])
    out = capsys.readouterr().out
    lines = out.splitlines()
    assert re.fullmatch(r"\d+ errors, \d+ warnings, \d+ info( \(\d+ suppressed\))?", lines[-1])
    crafted = "articles/" + printable(FORGED_COMMAND) + ":"
    for line in lines[:-1]:
        assert line.startswith(("/", "practice.yaml:", crafted)), line
    assert any(line.startswith("articles/" + printable(FORGED_COMMAND) + ":") for line in lines)
    assert not any(line.startswith("::") for line in lines)
    assert not _RAW_CONTROL.search(out)


def test_escape_sequences_and_bidi_controls_in_names_never_reach_the_terminal(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = _content_with(tmp_path, TERMINAL_TRICKS, "# no front matter\n")
    assert main(["validate", str(root)]) == 2
    err = capsys.readouterr().err
    assert not _RAW_CONTROL.search(err)
    assert "\\x1b]52;c;Y3VybCBldmlsfHNo\\x07\\x1b[2J\\u202egnp.md\\x85\\u2028y.md" in err


def test_escape_sequences_quoted_from_content_never_reach_the_terminal(
    content_root: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    article = content_root / "articles" / "test-article.md"
    text = article.read_text(encoding="utf-8")
    key = '"bad\\ekey\\nerror: x\\u202e"'  # ESC, a line feed and a right-to-left override
    article.write_text(text.replace("title:", f"{key}: 1\ntitle:", 1), "utf-8")
    assert main(["validate", str(content_root)]) == 2
    err = capsys.readouterr().err
    assert not _RAW_CONTROL.search(err)
    (line,) = [line for line in err.splitlines() if ": error: " in line]
    assert "`bad\\x1bkey\\nerror: x\\u202e`" in line


@pytest.mark.parametrize("fmt", ["json", "sarif"])
def test_json_and_sarif_reports_keep_a_hostile_name_exact_and_never_raw(
    fmt: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    name = FORGED_COMMAND + TERMINAL_TRICKS
    root = _content_with(tmp_path, name, MINIMAL_ARTICLE)
    main(["check", str(root), "--format", fmt])
    out = capsys.readouterr().out
    assert not _RAW_CONTROL.search(out)
    data = json.loads(out)
    if fmt == "json":
        paths = {finding["path"] for finding in data["findings"]}
    else:
        paths = {
            location["physicalLocation"]["artifactLocation"]["uri"]
            for result in data["runs"][0]["results"]
            for location in result["locations"]
        }
    assert "articles/" + name in paths


def test_terminal_messages_are_one_line_whatever_they_quote(
    capsys: pytest.CaptureFixture[str],
) -> None:
    term = Terminal(verbose=True)
    hostile_text = "a\nerror: forged\r\x1b[31m\u202e"
    for say in (term.info, term.success, term.detail, term.hint, term.warning, term.error):
        say(hostile_text)
    term.problem(ContentIssue(hostile_text, 1, 2, hostile_text, hostile_text).format())
    captured = capsys.readouterr()
    assert len(captured.out.splitlines()) == 2
    assert len(captured.err.splitlines()) == 5
    assert not _RAW_CONTROL.search(captured.out + captured.err)
    assert "a\\nerror: forged\\r\\x1b[31m\\u202e" in captured.err


def test_a_title_or_file_name_cannot_forge_a_line_of_the_validate_summary(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    forged = MINIMAL_ARTICLE.replace(
        "title: A test article about massage", 'title: "A test\\nPractice: forged\\u202e"'
    )
    root = _content_with(tmp_path, "t\u202e\n.md", forged)
    assert main(["validate", str(root)]) == 0
    out = capsys.readouterr().out
    assert [line for line in out.splitlines() if line.startswith("Practice:")] == [
        "Practice: Test Practice (https://practice.example/)"
    ]
    assert "  - A test\\nPractice: forged\\u202e (articles/t\\u202e\\n.md)" in out.splitlines()
    assert not _RAW_CONTROL.search(out)
