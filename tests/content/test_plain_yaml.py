"""The fast path for simple front matter gives exactly what the full loader gives, or steps aside."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from nmt_content.content import yaml_source
from nmt_content.content.front_matter import split_front_matter
from nmt_content.content.plain_yaml import _OUTSIDE, load_plain
from nmt_content.content.yaml_source import YamlSource, YamlSyntaxError

REPO = Path(__file__).resolve().parents[2]


def _full(text: str) -> Any:
    """What the full loader (libyaml + the core-schema constructor) makes of ``text``."""
    return yaml.load(text, Loader=yaml_source._CoreSchemaLoader)


def _same(fast: Any, full: Any) -> bool:
    """Equal values of the same types all the way down (``True == 1`` does not count)."""
    if type(fast) is not type(full):
        return False
    if isinstance(fast, dict):
        return list(fast) == list(full) and all(_same(fast[k], full[k]) for k in fast)
    if isinstance(fast, list):
        return len(fast) == len(full) and all(map(_same, fast, full))
    return bool(fast == full)


def _assert_agrees(text: str) -> Any:
    fast = load_plain(text)
    try:
        full = _full(text)
    except Exception:
        assert fast is None, f"the fast path accepted what the full loader refuses: {text!r}"
        return None
    if fast is not None:
        assert _same(fast, full), f"{text!r}: fast {fast!r} != full {full!r}"
    return fast


# Pieces of text: mostly what simple front matter holds (words, dates, numbers, values the core
# schema resolves), and, less often, YAML's special cases: indicators, comments, quotes, escapes,
# characters libyaml refuses or reads as line breaks.
_SIMPLE = [
    *"abXYZ019 -._/",
    "word",
    "é",
    "→",
    "😀",
    "null",
    "Null",
    "~",
    "true",
    "FALSE",
    "no",
    "12",
    "-3",
    "2024-02-30",
    "M54.50",
    "https://example.com/a",
]
_SPECIAL = [
    *":#,[]{}&*!|>'\"%@`\\?~+eE",
    "\u2028",
    "\t",
    "\x85",
    "\x7f",
    "\ufeff",
    "0x1f",
    "0o7",
    "017",
    "1.5",
    "1e3",
    ".inf",
    ".nan",
    " #",
    ": ",
    "99999999999999999999",
    '\\"',
    "\\\\",
    "\\n",
    "''",
]
_WORDS = {
    False: st.lists(st.sampled_from(_SIMPLE), max_size=5).map("".join),
    True: st.lists(st.sampled_from(_SIMPLE * 4 + _SPECIAL), max_size=5).map("".join),
}
_GOOD_KEYS = ["title", "slug", "alt", "a", "b-c", "_x", "Key_2", "en-US"]
_KEYS = {
    False: st.lists(st.sampled_from(_GOOD_KEYS), min_size=1, max_size=4, unique=True),
    True: st.lists(
        st.sampled_from(
            _GOOD_KEYS * 2 + ["null", "true", "a b", "é", "1", "x:y", "&a", "? q", "", "a-"]
        ),
        min_size=1,
        max_size=4,
    ),
}
_NOISE = st.sampled_from(["", "# a comment", "  # indented comment", "   ", "#"])
_SPECIAL_NOISE = st.sampled_from(["---", "...", "%YAML 1.2", "\t"])


@st.composite
def _scalar(draw: st.DrawFn, special: bool) -> str:
    text = draw(_WORDS[special])
    style = draw(st.sampled_from(["plain", "plain", "double", "single", "flow"]))
    if style == "double":
        return f'"{text}"'
    if style == "single":
        return f"'{text}'"
    if style == "flow":
        separator = draw(st.sampled_from([", ", ",", " , "]))
        return f"[{separator.join(draw(st.lists(_WORDS[special], max_size=4)))}]"
    return text


@st.composite
def _mapping(draw: st.DrawFn, indent: int, depth: int, special: bool, first: str = "") -> list[str]:
    lines: list[str] = []
    for index, key in enumerate(draw(_KEYS[special])):
        pad = first if index == 0 and first else " " * indent
        kinds = ["scalar", "scalar", "empty", "map", "seq", "block"]
        kind = draw(st.sampled_from(kinds if depth < 3 else ["scalar", "empty"]))
        if kind == "scalar":
            trailing = draw(st.sampled_from(["", "  "]))
            lines.append(f"{pad}{key}: {draw(_scalar(special))}{trailing}")
        elif kind == "empty":
            lines.append(f"{pad}{key}:")
        elif kind == "map":
            lines.append(f"{pad}{key}:")
            step = draw(st.sampled_from([1, 2, 4]))
            lines += draw(_mapping(indent + step, depth + 1, special))
        elif kind == "seq":
            lines.append(f"{pad}{key}:")
            step = draw(st.sampled_from([0, 2, 3]))
            lines += draw(_sequence(indent + step, depth + 1, special))
        else:
            headers = [">", "|", ">-", "|-"] + ([">+", "|2", "> # c"] if special else [])
            lines.append(f"{pad}{key}: {draw(st.sampled_from(headers))}")
            column = indent + draw(st.sampled_from([1, 2, 3]))
            for _ in range(draw(st.integers(0, 3))):
                extra = draw(st.sampled_from([0, 0, 0, 1, -1]))
                lines.append(" " * max(0, column + extra) + draw(_WORDS[special]))
        if draw(st.integers(0, 3)) == 0:
            lines.append(draw(_SPECIAL_NOISE if special and draw(st.booleans()) else _NOISE))
    return lines


@st.composite
def _sequence(draw: st.DrawFn, indent: int, depth: int, special: bool) -> list[str]:
    lines: list[str] = []
    for _ in range(draw(st.integers(1, 3))):
        dash = " " * indent + draw(st.sampled_from(["- ", "- ", "-  ", "-"]))
        if depth < 3 and draw(st.booleans()):
            lines += draw(_mapping(len(dash), depth + 1, special, first=dash))
        else:
            lines.append(f"{dash}{draw(_scalar(special))}")
    return lines


@st.composite
def _documents(draw: st.DrawFn, special: bool) -> str:
    lines = draw(_mapping(0, 0, special))
    for _ in range(draw(st.sampled_from([0, 0, 1, 2]) if special else st.just(0))):
        where = draw(st.integers(0, len(lines) - 1))  # an edit: indentation or a piece
        line = lines[where]
        if draw(st.booleans()):
            lines[where] = " " * draw(st.integers(0, 3)) + line.lstrip(" ")
        else:
            at = draw(st.integers(0, len(line)))
            lines[where] = line[:at] + draw(st.sampled_from(_SPECIAL)) + line[at:]
    return "\n".join(lines) + draw(st.sampled_from(["\n", "\n", ""]))


@settings(suppress_health_check=[HealthCheck.too_slow])
@given(_documents(special=False))
def test_the_fast_path_reads_simple_yaml_as_the_full_loader_does(text: str) -> None:
    _assert_agrees(text)


@settings(suppress_health_check=[HealthCheck.too_slow])
@given(_documents(special=True))
@example("title: a\ntitle: b\n")
@example("a: &x 1\nb: *x\n")
@example("a: !!str 1\n")
@example("a: b\n  c\n")
@example("a: >-\n  one\n\n  two\n")
@example("a:\n- 1\n- b\nc: d\n")
def test_the_fast_path_agrees_with_the_full_loader(text: str) -> None:
    _assert_agrees(text)


def _front_matters() -> list[Path]:
    return sorted(REPO.glob("articles/*.md")) + sorted(REPO.glob("examples/*/articles/*.md"))


@pytest.mark.parametrize("path", _front_matters(), ids=lambda path: path.name)
def test_the_shipped_articles_take_the_fast_path(path: Path) -> None:
    front_matter = split_front_matter(path.read_text(encoding="utf-8")).front_matter
    assert load_plain(front_matter) is not None
    assert _assert_agrees(front_matter) is not None


def test_typical_front_matter_is_read_without_the_full_loader(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    text = (
        'title: "Calf cramps: A Guide"\n'
        "description: >-\n  How massage can help,\n  and when.\n"
        "slug: calf-cramps\n"
        "date_published: 2020-05-14\n"
        "draft: false\n"
        "services: [massage-therapy, neuromuscular-therapy]\n"
        "keywords: [\"calf cramps\", 'trigger points']\n"
        "about:\n  - name: Low back pain\n    code: M54.50\n"
        "image:\n  src: /images/a.jpg\n  alt: A therapist\n  width: 1200\n"
        "references:\n- title: A study\n  year: 2019\n"
    )

    def refuse(*_args: object) -> None:
        raise AssertionError("the full loader was used")

    monkeypatch.setattr(yaml_source, "_CoreSchemaLoader", refuse)
    data = YamlSource.parse(text, line_offset=1).data
    assert data == {
        "title": "Calf cramps: A Guide",
        "description": "How massage can help, and when.",
        "slug": "calf-cramps",
        "date_published": "2020-05-14",
        "draft": False,
        "services": ["massage-therapy", "neuromuscular-therapy"],
        "keywords": ["calf cramps", "trigger points"],
        "about": [{"name": "Low back pain", "code": "M54.50"}],
        "image": {"src": "/images/a.jpg", "alt": "A therapist", "width": 1200},
        "references": [{"title": "A study", "year": 2019}],
    }


@pytest.mark.parametrize(
    "text",
    [
        "title: a\nslug: b\ntitle: c\n",  # a duplicate key
        "title: &t a\nslug: *t\n",  # an anchor and an alias
        "title: !!str 1\n",  # a tag
        "title: {a: 1}\n",  # a flow mapping
        "title: a # a comment\n",
        "title: a\n  continued\n",  # a multi-line plain scalar
        "title: 1.5\n",  # a float
        "title: 0x1F\n",  # an integer the fast path leaves to the full loader
        "title: 99999999999999999999\n",  # out of range
        "title: >-\n  one\n\n  two\n",  # a blank line inside a folded scalar
        "title: >-\n  one\n    more\n",  # a more indented line
        '"title": a\n',
        "title:\ta\n",
        "title: a",  # no final newline
    ],
)
def test_what_the_fast_path_leaves_to_the_full_loader(text: str) -> None:
    assert load_plain(text) is None
    _assert_agrees(text)


def test_a_duplicate_key_is_still_refused_with_both_lines() -> None:
    with pytest.raises(YamlSyntaxError) as caught:
        YamlSource.parse("title: a\nslug: b\ntitle: c\n", line_offset=1)
    assert caught.value.line == 4
    assert "duplicate key `title` (first at line 2)" in caught.value.message


def test_a_field_found_by_the_fast_path_is_still_placed_on_its_line() -> None:
    source = YamlSource.parse("title: a\nimage:\n  src: /a.jpg\n  width: 0\n", line_offset=1)
    assert load_plain(source.text) is not None
    assert source.position(["image", "width"]) == (5, 10)


def test_no_printable_character_is_one_the_fast_path_refuses() -> None:
    """Lines that are all printable are not searched for the characters the fast path leaves to
    the full loader: that holds only while every one of them is not printable."""
    refused = [
        code
        for code in range(sys.maxunicode + 1)
        if code != 0x0A and chr(code).isprintable() and _OUTSIDE.match(chr(code))
    ]
    assert refused == []


@pytest.mark.parametrize("character", ["\x85", "\u2028", "\ufeff", "\x7f", "\ud800", "\uffff"])
def test_a_line_with_a_refused_character_is_left_to_the_full_loader(character: str) -> None:
    assert load_plain(f"title: a{character}b\n") is None
