"""nmt-content: a massage practice's knowledge base as typed objects and search-ready web content.

The public API is exactly ``__all__``; a test pins it.
"""

from .errors import BuildError, ContentError, ContentIssue, NmtContentError, OutputError
from .loader import load_site
from .site import Site

__version__ = "0.1.0"

__all__ = [
    "BuildError",
    "ContentError",
    "ContentIssue",
    "NmtContentError",
    "OutputError",
    "Site",
    "__version__",
    "load_site",
]
