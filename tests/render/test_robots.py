"""robots.txt: read back with the standard library's parser, and checked line by line."""

from __future__ import annotations

import re
from urllib.robotparser import RobotFileParser

from hypothesis import example, given, settings
from hypothesis import strategies as st

from nmt_content.render.robots import render_robots

SITE = "https://massage.example"
LINE = re.compile(r"User-agent: \*|Allow: \S+|Disallow:(?: \S+)?|Sitemap: \S+|")


def _parser(robots: str) -> RobotFileParser:
    parser = RobotFileParser()
    parser.parse(robots.splitlines())
    return parser


def _directives(robots: str) -> list[tuple[str, str]]:
    pairs = []
    for line in robots.splitlines():
        if line:
            field, _, value = line.partition(":")
            pairs.append((field, value.strip()))
    return pairs


def test_default_allows_everything_and_lists_sitemaps() -> None:
    robots = render_robots([f"{SITE}/sitemap.xml"])
    assert _directives(robots) == [
        ("User-agent", "*"),
        ("Disallow", ""),
        ("Sitemap", f"{SITE}/sitemap.xml"),
    ]
    parser = _parser(robots)
    assert parser.can_fetch("AnyBot", f"{SITE}/")
    assert parser.can_fetch("AnyBot", f"{SITE}/preise/")
    assert parser.site_maps() == [f"{SITE}/sitemap.xml"]
    assert robots.endswith("\n")
    assert "\r" not in robots


def test_disallow_and_allow_rules() -> None:
    robots = render_robots(
        [f"{SITE}/sitemap.xml", f"{SITE}/de/sitemap.xml"],
        disallow=["/intern/", "/entwurf/"],
        allow=["/intern/oeffentlich/"],
    )
    parser = _parser(robots)
    assert not parser.can_fetch("AnyBot", f"{SITE}/intern/plan")
    assert not parser.can_fetch("AnyBot", f"{SITE}/entwurf/x")
    assert parser.can_fetch("AnyBot", f"{SITE}/intern/oeffentlich/seite")
    assert parser.can_fetch("AnyBot", f"{SITE}/")
    assert parser.site_maps() == [f"{SITE}/sitemap.xml", f"{SITE}/de/sitemap.xml"]
    assert ("Disallow", "") not in _directives(robots)


def test_no_sitemaps() -> None:
    assert _directives(render_robots([])) == [("User-agent", "*"), ("Disallow", "")]


def test_is_deterministic_and_drops_repeats_and_empty_values() -> None:
    urls = [f"{SITE}/sitemap.xml", " \r\n", f"{SITE}/sitemap.xml"]
    robots = render_robots(urls, disallow=["", "/a/", "/a/"])
    assert robots == render_robots(urls, disallow=["", "/a/", "/a/"])
    assert _directives(robots) == [
        ("User-agent", "*"),
        ("Disallow", "/a/"),
        ("Sitemap", f"{SITE}/sitemap.xml"),
    ]


def test_line_breaks_cannot_add_directives() -> None:
    robots = render_robots(
        [f"{SITE}/sitemap.xml\r\nDisallow: /", f"{SITE}/s.xml\u2028User-agent: Evil\x85x"],
        disallow=["/privat/\nAllow: /privat/", "/ablage/\x0bDisallow: /\x00"],
    )
    assert robots.splitlines() == robots.split("\n")[:-1]
    parser = _parser(robots)
    assert parser.can_fetch("AnyBot", f"{SITE}/")
    assert _directives(robots) == [
        ("User-agent", "*"),
        ("Disallow", "/privat/Allow:%20/privat/"),
        ("Disallow", "/ablage/Disallow:%20/"),
        ("Sitemap", f"{SITE}/sitemap.xmlDisallow:%20/"),
        ("Sitemap", f"{SITE}/s.xmlUser-agent:%20Evilx"),
    ]


def test_comment_marks_and_spaces_are_encoded() -> None:
    robots = render_robots([f"{SITE}/site map.xml#x"], disallow=["/a b#c\u3000"])
    assert _directives(robots)[1:] == [
        ("Disallow", "/a%20b%23c"),
        ("Sitemap", f"{SITE}/site%20map.xml%23x"),
    ]


def test_inner_unicode_space_is_utf8_percent_encoded() -> None:
    robots = render_robots([], disallow=["/a\u3000b"])
    assert _directives(robots)[1] == ("Disallow", "/a%E3%80%80b")


@settings(deadline=None)
@given(
    sitemaps=st.lists(st.text(alphabet=st.characters(exclude_categories=())), max_size=4),
    disallow=st.lists(st.text(alphabet=st.characters(exclude_categories=())), max_size=4),
)
@example(sitemaps=["a\nSitemap: b"], disallow=["\r", "x\u2029Allow: /"])
def test_any_input_gives_only_expected_lines(sitemaps: list[str], disallow: list[str]) -> None:
    robots = render_robots(sitemaps, disallow=disallow)
    lines = robots.splitlines()
    assert lines == robots.split("\n")[:-1]
    assert all(LINE.fullmatch(line) for line in lines)
    fields = [field for field, _ in _directives(robots)]
    assert fields[0] == "User-agent"
    assert fields.count("User-agent") == 1
    assert fields.count("Sitemap") <= len(sitemaps)
    assert fields.count("Disallow") <= max(1, len(disallow))
