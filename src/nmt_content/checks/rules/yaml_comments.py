"""The YAML comment trap: in a plain (unquoted) value, ` #` starts a comment, so
`name: CAMTC #93004` is read as `CAMTC` and the number is silently lost."""

from __future__ import annotations

from collections.abc import Iterator

import yaml

from ...models import Article
from ..context import PRACTICE_FILE, Check
from ..findings import RawFinding
from ..registry import register

YAML_001 = register(
    "YAML-001",
    "warning",
    "A value may have lost its end to a YAML comment",
    explanation="In YAML, a space followed by # starts a comment, even inside an unquoted value: "
    "`name: CAMTC #93004` is read as “CAMTC”, and ` #93004` is dropped without a word. A # "
    "right after a single space, or followed at once by a letter or digit, looks like part of "
    "the value; comments written with two spaces and “# ” (as `nmt-content init` writes them) "
    "are left alone.",
    source="YAML 1.2.2 § 6.6 (comments); § 7.3.3 (plain scalars)",
    fix='Put the value in quotes: `name: "CAMTC #93004"`; or, for a real comment, write two '
    "spaces and `# ` before it.",
    family="Content",
)


def comment_traps(text: str, line_offset: int = 0) -> Iterator[tuple[int, str, str]]:
    """Each (file line, value as read, what follows) where a plain value is followed on its line
    by what looks like more of the value but is a YAML comment. Text that does not scan yields
    nothing (the loader reports it)."""
    if "#" not in text:
        return
    lines = text.splitlines()
    previous: yaml.Token | None = None
    try:
        for token in yaml.scan(text, Loader=yaml.SafeLoader):
            after_key = isinstance(previous, yaml.KeyToken)
            previous = token
            if not isinstance(token, yaml.ScalarToken) or not token.plain or after_key:
                continue
            end = token.end_mark
            if end.line >= len(lines):
                continue
            rest = lines[end.line][end.column :]
            stripped = rest.lstrip(" \t")
            if not stripped.startswith("#") or stripped == rest:
                continue
            gap = len(rest) - len(stripped)
            if gap == 1 or stripped[1:2].isalnum():
                yield end.line + 1 + line_offset, token.value, stripped
    except yaml.YAMLError:
        return


class YamlCommentCheck(Check):
    """The comment trap in practice.yaml and in each article's front matter (when the run has
    the files' texts)."""

    def article(self, article: Article) -> Iterator[RawFinding]:
        if not article.front_matter_hash:  # no `#`, no comment: no need to read the file
            return
        text = self.ctx.sources.get(article.source)
        if text is None or not text.startswith("---"):
            return
        end = text.find("\n---", 3)
        front = text[3 : end if end != -1 else len(text)]
        yield from _findings(article.source, front)

    def finish(self) -> Iterator[RawFinding]:
        text = self.ctx.sources.get(PRACTICE_FILE)
        if text is not None:
            yield from _findings(PRACTICE_FILE, text)


def _findings(path: str, text: str) -> Iterator[RawFinding]:
    for line, value, comment in comment_traps(text):
        shown = comment if len(comment) <= 40 else f"{comment[:39]}…"
        message = f"the value is read as “{value}”: YAML takes “{shown}” after it on line {line} for a comment; put the whole value in quotes if it belongs to it"
        yield RawFinding(YAML_001, path, line, message)


CHECKS = (YamlCommentCheck,)
