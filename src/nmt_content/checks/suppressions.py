"""Suppressions a practice.yaml entry carries: `check: {ignore: [RULE], reason: "…"}` on the
practice, an office, a therapist, one of their credentials or a service.

An entry's suppression covers the findings on its lines of practice.yaml (from its first line to
the line before the next entry of its list, or before the next top-level section) and, for the
practice, an office, a therapist or a service, the findings on the page made from it (the home
page, the office page, the profile, the service page). Like an article's `lint`, a suppressed
finding is still reported, as info, with the reason.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from ..models import LintSuppression, Model
from ..pages.model import PagePlan
from ..site import FieldLines, Site

__all__ = ["EntrySuppressions", "entry_suppressions"]

_SECTIONS = ("practice", "locations", "therapists", "services")
_END = 1 << 60


@dataclass(frozen=True, slots=True)
class _Span:
    first: int
    last: int
    rules: frozenset[str]
    reason: str


@dataclass(frozen=True, slots=True)
class EntrySuppressions:
    """The suppressions of practice.yaml's entries, by line span and by page path."""

    spans: tuple[_Span, ...] = ()
    pages: tuple[tuple[str, frozenset[str], str], ...] = ()

    def reason(self, path: str, line: int | None, rule: str) -> str | None:
        """The reason a finding of ``rule`` at ``path`` (and ``line``) is suppressed, if it is:
        the innermost entry's (a credential's before its therapist's)."""
        if path == "practice.yaml":
            if line is None:
                return None
            inside = [s for s in self.spans if s.first <= line <= s.last and rule in s.rules]
            return min(inside, key=lambda s: s.last - s.first).reason if inside else None
        return next(
            (why for page, rules, why in self.pages if page == path and rule in rules), None
        )


def entry_suppressions(site: Site, pages: Sequence[PagePlan]) -> EntrySuppressions:
    """Every entry's suppression, with where it applies."""
    lines = site.practice_lines
    spans: list[_Span] = []
    if lines is not None:
        spans = _spans(site, lines)
    on_pages = []
    for page in pages:
        entry: Model | None = None
        if page.kind == "home":
            entry = site.practice
        elif page.service is not None:
            entry = page.service
        elif page.location is not None:
            entry = page.location
        elif page.kind == "about" and page.therapist is not None:
            entry = page.therapist
        check = getattr(entry, "check", None)
        if isinstance(check, LintSuppression):
            on_pages.append((page.path, frozenset(check.ignore), check.reason))
    return EntrySuppressions(tuple(spans), tuple(on_pages))


def _spans(site: Site, lines: FieldLines) -> list[_Span]:
    knowledge = site.knowledge
    starts = sorted(
        line
        for name in _SECTIONS
        if getattr(knowledge, name) and (line := lines.line((name,))) is not None
    )

    def section_end(first: int) -> int:
        return next((line - 1 for line in starts if line > first), _END)

    spans: list[_Span] = []

    def add(check: LintSuppression | None, first: int | None, last: int) -> None:
        if check is not None and first is not None:
            spans.append(_Span(first, last, frozenset(check.ignore), check.reason))

    practice_line = lines.line(("practice",))
    if practice_line is not None:
        add(site.practice.check, practice_line, section_end(practice_line))
    for name in ("locations", "therapists", "services"):
        entries: tuple[Model, ...] = getattr(knowledge, name)
        firsts = [lines.line((name, i)) for i in range(len(entries))]
        for i, entry in enumerate(entries):
            first = firsts[i]
            if first is None:
                continue
            following = firsts[i + 1] if i + 1 < len(firsts) else None
            last = following - 1 if following is not None else section_end(first)
            add(getattr(entry, "check", None), first, last)
    for i, therapist in enumerate(site.therapists):
        credentials = therapist.credentials
        firsts = [lines.line(("therapists", i, "credentials", j)) for j in range(len(credentials))]
        for j, credential in enumerate(credentials):
            first = firsts[j]
            if first is None or credential.check is None:
                continue
            following = firsts[j + 1] if j + 1 < len(firsts) else None
            last = (
                following - 1
                if following is not None
                else _last_key(lines, credential, ("therapists", i, "credentials", j))
            )
            add(credential.check, first, last)
    return spans


def _last_key(lines: FieldLines, model: Model, path: tuple[str | int, ...]) -> int:
    """The last line holding a key of ``model`` (nested models included), at ``path``."""
    last = lines.line(path) or 0
    for key in model.model_fields_set:
        value = getattr(model, key)
        where = (*path, key)
        if isinstance(value, Model):
            last = max(last, _last_key(lines, value, where))
        else:
            last = max(last, lines.line(where) or 0)
    return last
