"""Helpers for check tests: build a content root in memory and run the checks on it."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

from nmt_content.checks import CheckResult, run_checks
from nmt_content.content.loader import read_sources
from nmt_content.pipeline.build import build_site
from nmt_content.pipeline.check_pass import check_site
from nmt_content.pipeline.loading import load_site

TODAY = date(2026, 11, 24)
HtmlEdit = Callable[[dict[str, bytes]], None]


def check(root: Path, *, today: date = TODAY, edit: HtmlEdit | None = None) -> CheckResult:
    """Build ``root`` in memory and check it as `nmt-content check` does, page by page; with
    ``edit``, build it whole, edit the built files, then check them."""
    site = load_site(root)
    if edit is None:
        return check_site(site, today=today, sources=read_sources(root))[0]
    files, report = build_site(site)
    if edit is not None:
        edit(files)
    return run_checks(site, files, report, today=today, sources=read_sources(root))


def fired(result: CheckResult, rule: str) -> list[str]:
    return [f"{f.path}:{f.line}: {f.message}" for f in result.findings if f.rule == rule]


def replace_in(files: dict[str, bytes], path: str, old: str, new: str) -> None:
    text = files[path].decode()
    assert old in text, f"{old!r} not in {path}"
    files[path] = text.replace(old, new).encode()
