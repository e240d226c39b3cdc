"""`check` reads links and images in any markup a user's templates write, as a browser does."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest
from bs4 import BeautifulSoup

from nmt_content.checks.context import CheckContext
from nmt_content.checks.html_scan import ScannedPage
from nmt_content.checks.rules.eeat import EeatCheck
from nmt_content.checks.tag_reader import SharedTags, read_tags
from nmt_content.content.loader import read_sources
from nmt_content.pipeline.build import BuildOptions
from nmt_content.pipeline.check_pass import check_site
from nmt_content.pipeline.loading import load_site
from nmt_content.urls import Urls

_FOOTER = """<footer class="mine">
<p>{{ site.therapist.certified_line }}</p>
<a href='/single-quoted/'>one</a>
<A HREF=/unquoted/ REL=author>two</A>
<a title="a > in a value" href="/after-a-greater-than/">three</a>
<!-- <a href='/in-a-comment/'>old</a> -->
<script>const link = '<a href="/in-a-script/">';</script>
<div title="<a href='/in-a-value/'>"></div>
<a href='/about/?from=footer&amp;x=1'>about</a>
<img src='/pixel.png'>
<img src=/shown.png alt>
</footer>
"""


@pytest.fixture
def with_footer(tmp_path: Path) -> Path:
    templates = tmp_path / "templates"
    templates.mkdir()
    (templates / "_footer.html").write_text(_FOOTER, encoding="utf-8")
    return templates


def test_check_finds_links_in_every_quoting_style(content_root: Path, with_footer: Path) -> None:
    result, _ = check_site(
        load_site(content_root),
        BuildOptions(templates=with_footer),
        today=date(2026, 1, 1),
        sources=read_sources(content_root),
    )
    broken = {
        f.message.split(" links to ")[1].split(",")[0]
        for f in result.findings
        if f.rule == "SEO-009"
    }
    assert broken == {"/single-quoted/", "/unquoted/", "/after-a-greater-than/"}
    no_alt = {f.message.split()[2] for f in result.findings if f.rule == "SEO-008"}
    assert no_alt == {"/pixel.png"}


def test_scanned_links_are_what_a_parser_reads() -> None:
    markup = f"<html><head><link href='/head/'></head><body>{_FOOTER}</body></html>"
    page = ScannedPage(markup)
    soup = BeautifulSoup(markup, "html.parser")
    body = soup.body
    assert body is not None
    in_script_or_comment = {"/in-a-comment/", "/in-a-script/", "/in-a-value/"}
    hrefs = [str(a["href"]) for a in body.find_all("a", href=True)]
    assert page.hrefs == hrefs
    assert not in_script_or_comment & set(page.hrefs)
    assert page.hrefs[0] == "/single-quoted/"
    assert page.hrefs[-1] == "/about/?from=footer&x=1"
    assert page.author_hrefs == ["/unquoted/"]
    assert page.images == [("/pixel.png", False), ("/shown.png", True)]


@pytest.mark.parametrize(
    "markup",
    [
        "<p " + 'title="x" ' * 20_000,
        "<a " * 20_000,
        '<a href="x ' * 20_000,
        "<!-- " * 20_000,
        '<p ="' * 20_000,
        "<!x" * 20_000,
    ],
)
def test_unterminated_markup_is_read_in_linear_time(markup: str) -> None:
    page = ScannedPage(f"<body>{markup}")
    assert page.hrefs == []


_PAGES_LEAD = '<body><header><a href="/">home</a><img src="/logo.png" alt=""></header>'
_PAGES_TAIL = "</main><footer><a href='/about/' rel=author>about</a></footer></body>"


@pytest.mark.parametrize(
    ("lead", "middle", "tail", "hrefs"),
    [
        (_PAGES_LEAD, '<a href="/one/">1</a>', _PAGES_TAIL, ["/", "/one/", "/about/"]),
        (_PAGES_LEAD, "<!-- <a href='/x/'> -->", _PAGES_TAIL, ["/", "/about/"]),
        # Parts that do not end between two tokens: what follows them is not markup there.
        ("<body><!-- open ", '<a href="/in-comment/">', "--></main><a href='/t/'>", ["/t/"]),
        ("<body><script>", '<a href="/in-script/">', "</script></main><a href=/t/>", ["/t/"]),
        ("<body><p title='", '<a href="/in-value/">', "'></main><a href=/t/>", ["/t/"]),
        ("<body>", "<!-- open ", "</main><a href='/in-comment/'> --><a href=/t/>", ["/t/"]),
        ("<body><a href='/cut/'", ">x</a>", "</main>", ["/cut/"]),
    ],
)
def test_shared_parts_are_read_as_the_whole_page(
    lead: str, middle: str, tail: str, hrefs: list[str]
) -> None:
    shared = SharedTags()
    for extra in ("", "<img src='/second.png' alt>"):
        markup = f"{lead}<main>{middle}{extra}{tail}"
        assert shared.read(markup, 0) == read_tags(markup)
        assert ScannedPage(markup, tags=shared).hrefs == hrefs


def test_shared_header_and_footer_are_read_once() -> None:
    shared = SharedTags()
    pages = [f'{_PAGES_LEAD}<main><a href="/p{n}/">{n}</a>{_PAGES_TAIL}' for n in range(3)]
    assert [ScannedPage(markup, tags=shared).hrefs for markup in pages] == [
        ["/", f"/p{n}/", "/about/"] for n in range(3)
    ]
    assert ScannedPage(pages[0], tags=shared).author_hrefs == ["/about/"]
    assert len(shared._leads) == 1
    assert len(shared._tails) == 1


@pytest.mark.parametrize(
    "href",
    [
        "/about/",
        "/about/../team/",
        "/a?b#c",
        "/%2e%2e/x",
        "/",
        "/\t/x/",
        "/\n/evil/p",
        "//x/p",
        "/\\x/",
        " /about/",
        "about/",
        "../about/",
        "https://elsewhere.example/about/",
    ],
)
def test_byline_targets_resolve_against_each_page(href: str) -> None:
    """The byline rule keeps the targets of plain site paths by the link alone; any other link
    is resolved against its page, as a browser would."""
    site = load_site(Path(__file__).parents[2])
    urls = Urls.for_base(site.practice.url)
    ctx = CheckContext(site, (), urls, (), date(2025, 6, 1), {})
    check = EeatCheck(ctx)
    for page in ("https://a.example/x/y/", "http://b.example:8080/p", "https://c.example"):
        for _ in range(2):  # the second time from the cache
            assert check._path(page, href) == urlsplit(urljoin(page, href)).path
