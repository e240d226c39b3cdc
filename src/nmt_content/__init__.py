"""nmt-content: a massage practice's knowledge base as typed objects and search-ready web content.

    from nmt_content import load_site, page_for, head_tags, build_to, check_site
    site = load_site("path/to/content")
    head_tags(page_for(site, "/about/"))
    build_to(Path("path/to/content"), Path("public"), BuildOptions())   # as `nmt-content build`
    result, report = check_site(site, today=date.today())                # as `nmt-content check`

The public API is exactly ``__all__``; a test pins it. Every error raised on purpose is an
:class:`NmtContentError` (the tree is drawn in :mod:`nmt_content.errors`).
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from .errors import (
    BuildError,
    ContentError,
    ContentIssue,
    NmtContentError,
    OutputError,
    PageNotFoundError,
)

if TYPE_CHECKING:
    from .checks import CheckResult, Finding
    from .content.loader import read_sources
    from .integrations.api import (
        Page,
        head_tags,
        inject,
        jsonld,
        jsonld_script,
        page_for,
        pages_of,
        robots_txt,
        sitemap_xml,
    )
    from .pipeline.build import build_site
    from .pipeline.build_to import FolderBuild, build_to
    from .pipeline.check_pass import check_site
    from .pipeline.loading import load_site
    from .pipeline.options import BuildOptions
    from .pipeline.plan import BuildReport
    from .site import Site

__version__ = "0.1.0"

__all__ = [
    "BuildError",
    "BuildOptions",
    "BuildReport",
    "CheckResult",
    "ContentError",
    "ContentIssue",
    "Finding",
    "FolderBuild",
    "NmtContentError",
    "OutputError",
    "Page",
    "PageNotFoundError",
    "Site",
    "__version__",
    "build_site",
    "build_to",
    "check_site",
    "head_tags",
    "inject",
    "jsonld",
    "jsonld_script",
    "load_site",
    "page_for",
    "pages_of",
    "read_sources",
    "robots_txt",
    "sitemap_xml",
]

_LAZY = {
    "BuildOptions": ".pipeline.options",
    "BuildReport": ".pipeline.plan",
    "CheckResult": ".checks",
    "Finding": ".checks",
    "FolderBuild": ".pipeline.build_to",
    "Page": ".integrations.api",
    "Site": ".site",
    "build_site": ".pipeline.build",
    "build_to": ".pipeline.build_to",
    "check_site": ".pipeline.check_pass",
    "head_tags": ".integrations.api",
    "inject": ".integrations.api",
    "jsonld": ".integrations.api",
    "jsonld_script": ".integrations.api",
    "load_site": ".pipeline.loading",
    "page_for": ".integrations.api",
    "pages_of": ".integrations.api",
    "read_sources": ".content.loader",
    "robots_txt": ".integrations.api",
    "sitemap_xml": ".integrations.api",
}
"""Every public name but the errors, imported on first use (PEP 562): importing the package
(which every `nmt-content` command does) then costs almost nothing, and a command imports only
the machinery it runs. Type checkers see the names through the imports above."""


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(module, __name__), name)
    globals()[name] = value
    return value
