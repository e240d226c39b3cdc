"""The public surface is explicit: this test pins ``nmt_content.__all__``."""

from __future__ import annotations

import nmt_content

EXPECTED = {
    "BuildError",
    "BuildOptions",
    "BuildReport",
    "ContentError",
    "ContentIssue",
    "NmtContentError",
    "OutputError",
    "Page",
    "Site",
    "__version__",
    "build_site",
    "head_tags",
    "inject",
    "jsonld",
    "jsonld_script",
    "load_site",
    "page_for",
    "pages_of",
    "robots_txt",
    "sitemap_xml",
}


def test_all_is_pinned() -> None:
    assert set(nmt_content.__all__) == EXPECTED


def test_every_exported_name_exists() -> None:
    for name in nmt_content.__all__:
        assert getattr(nmt_content, name) is not None


def test_errors_form_one_tree() -> None:
    for name in ("BuildError", "ContentError", "OutputError"):
        assert issubclass(getattr(nmt_content, name), nmt_content.NmtContentError)
