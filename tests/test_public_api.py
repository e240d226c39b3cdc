"""The public surface is explicit: this test pins ``nmt_content.__all__``."""

from __future__ import annotations

import nmt_content

EXPECTED = {
    "BuildError",
    "ContentError",
    "ContentIssue",
    "NmtContentError",
    "OutputError",
    "Site",
    "__version__",
    "load_site",
}


def test_all_is_pinned() -> None:
    assert set(nmt_content.__all__) == EXPECTED


def test_every_exported_name_exists() -> None:
    for name in nmt_content.__all__:
        assert getattr(nmt_content, name) is not None


def test_errors_form_one_tree() -> None:
    for name in ("BuildError", "ContentError", "OutputError"):
        assert issubclass(getattr(nmt_content, name), nmt_content.NmtContentError)
