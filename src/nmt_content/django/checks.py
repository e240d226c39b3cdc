"""`manage.py check`: each content problem as a system check error, with its file and line."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from django.apps import AppConfig
from django.core import checks

from django import conf

from ..errors import ContentError
from ..pipeline.loading import load_site

__all__ = ["check_content"]


@checks.register("nmt_content")
def check_content(app_configs: Sequence[AppConfig] | None = None, **kwargs: Any) -> list[Any]:
    """``nmt_content.E001`` for each problem in the content, ``E002`` without a content root."""
    root = getattr(conf.settings, "NMT_CONTENT_ROOT", None)
    if not root:
        return [
            checks.Error(
                "NMT_CONTENT_ROOT is not set",
                hint="Set it to the folder that holds practice.yaml and articles/.",
                id="nmt_content.E002",
            )
        ]
    if not (Path(root) / "practice.yaml").is_file():
        return [
            checks.Error(
                f"no practice.yaml in NMT_CONTENT_ROOT ({root})",
                hint="Point NMT_CONTENT_ROOT at the knowledge base, or run `nmt-content init`.",
                id="nmt_content.E002",
            )
        ]
    try:
        load_site(root)
    except ContentError as error:
        return [
            checks.Error(
                issue.format(),
                hint=f"Fix {issue.path} and run `nmt-content validate` to see every problem.",
                id="nmt_content.E001",
            )
            for issue in error.issues
        ]
    return []
