"""nmt-content: a massage practice's knowledge base as typed objects and search-ready web content.

    from nmt_content import load_site, page_for, head_tags
    site = load_site("path/to/content")
    head_tags(page_for(site, "/about/"))

The public API is exactly ``__all__``; a test pins it.
"""

from .errors import BuildError, ContentError, ContentIssue, NmtContentError, OutputError
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
from .pipeline.loading import load_site
from .pipeline.plan import BuildOptions, BuildReport
from .site import Site

__version__ = "0.1.0"

__all__ = [
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
]
