"""Linear time on hostile text: doubling an input at most a bit more than doubles the work.

Work is counted, not timed (the machine is shared): the parser events the Markdown safety pass
reads, and the characters every string scan and slice in it and in the checks' line look-ups
goes over (the text is a ``bytes``/``str`` subclass that adds up each scan). A pass over the
text per match, which made 58,000 unsafe links take a minute, counts about four times as much
work for twice the text.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any, SupportsIndex

import pytest
from hypothesis import given
from hypothesis import strategies as st

from nmt_content.checks import text as check_text
from nmt_content.checks.context import TextUnit
from nmt_content.render import markdown

HOSTILE_LINES = (
    "[x](javascript:alert(1))\n",
    "![a](data:text/html,x)\n",
    "- [y](vbscript:z) and [ok](https://example.com/)\n",
    "<b>\n",
    "a <i>b</i> c\n",
    "cure\n",
    "this will cure you\n",
    "plain words\n",
    "\n",
)
TARGET = 4096
"""About how many characters the smaller input has (the larger has twice as many). Twice the
text may take a little over twice the work (a list or block that spans both copies); a pass per
match takes about four times as much at this size."""


class Work:
    """Operations counted: events read and characters scanned."""

    def __init__(self) -> None:
        self.done = 0


def _span(length: int, start: SupportsIndex | None, end: SupportsIndex | None) -> int:
    first = 0 if start is None else int(start)
    last = length if end is None else int(end)
    return max(0, min(last, length) - max(first, 0))


def counting_bytes(data: bytes, work: Work) -> bytes:
    class Counted(bytes):
        def count(self, sub: Any, start: Any = None, end: Any = None) -> int:
            work.done += _span(len(self), start, end)
            return super().count(sub, start, end)

        def __getitem__(self, key: Any) -> Any:
            if isinstance(key, slice):
                work.done += len(range(*key.indices(len(self))))
            return super().__getitem__(key)

        def decode(self, *args: Any, **kwargs: Any) -> str:
            work.done += len(self)
            return super().decode(*args, **kwargs)

    return Counted(data)


def counting_str(text: str, work: Work) -> str:
    class Counted(str):
        __hash__ = str.__hash__

        def count(self, sub: Any, start: Any = None, end: Any = None) -> int:
            work.done += _span(len(self), start, end)
            return super().count(sub, start, end)

        def find(self, sub: Any, start: Any = None, end: Any = None) -> int:
            found = super().find(sub, start, end)
            work.done += _span(len(self), start, found + len(sub) if found != -1 else end)
            return found

        def split(self, *args: Any, **kwargs: Any) -> list[str]:  # type: ignore[override]
            work.done += len(self)
            return super().split(*args, **kwargs)

    return Counted(text)


class CountingEngine:
    """pyromark's engine, counting the events it yields."""

    def __init__(self, engine: Any, work: Work) -> None:
        self.engine, self.work = engine, work

    def events_with_range(self, text: str) -> Iterator[Any]:
        for event in self.engine.events_with_range(text):
            self.work.done += 1
            yield event

    def html(self, text: str) -> str:
        return str(self.engine.html(text))


def _repeated(lines: list[str], times: int) -> str:
    return "".join(lines) * times


def _times(lines: list[str]) -> int:
    return max(1, TARGET // len("".join(lines)))


def _markdown_work(text: str) -> int:
    work = Work()
    real = markdown._ENGINE
    markdown._ENGINE = CountingEngine(real, work)  # type: ignore[assignment]
    try:
        markdown._unsafe_spans(counting_bytes(text.encode("utf-8"), work))
    finally:
        markdown._ENGINE = real
    return work.done


def _line_work(text: str) -> int:
    work = Work()
    check_text.line_starts.cache_clear()
    unit = TextUnit(
        "articles/x.md", counting_str(text, work), "body", exact=True, place=lambda: (1, None)
    )
    for _quote, _line in unit.matches(re.compile(r"cure|javascript|b")):
        work.done += 1
    return work.done


lines_strategy = st.lists(st.sampled_from(HOSTILE_LINES), min_size=1, max_size=6)


@given(lines_strategy)
def test_the_markdown_safety_pass_is_linear(lines: list[str]) -> None:
    times = _times(lines)
    once, twice = (_markdown_work(_repeated(lines, n)) for n in (times, 2 * times))
    assert twice <= 2.1 * once + 64, (once, twice)


@given(lines_strategy)
def test_placing_check_matches_on_lines_is_linear(lines: list[str]) -> None:
    times = _times(lines)
    once, twice = (_line_work(_repeated(lines, n)) for n in (times, 2 * times))
    assert twice <= 2.1 * once + 64, (once, twice)


def test_the_counters_see_a_quadratic_pass() -> None:
    """The measure itself: counting newlines from the start for every match is caught."""

    def quadratic(text: str) -> int:
        work = Work()
        counted = counting_str(text, work)
        for match in re.finditer("cure", text):
            counted.count("\n", 0, match.start())
        return work.done

    text = "this will cure you\n" * 200
    assert quadratic(text * 2) > 3 * quadratic(text)


@pytest.mark.parametrize("line", HOSTILE_LINES[:-1])
def test_a_1_mib_hostile_article_is_neutralised_with_its_lines(line: str) -> None:
    """At the size limit, every unsafe piece is still found, each on its own line."""
    text = line * (1024 * 1024 // len(line) // 8)  # an eighth: the benchmark runs the full MiB
    edits, found = markdown._unsafe_spans(text.encode("utf-8"))
    assert len(edits) == len(found)
    lines = [item.line for item in found]
    assert lines == sorted(lines)
    if found:
        assert found[-1].line <= text.count("\n")
