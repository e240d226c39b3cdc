"""Rule families, one module each. Importing a module registers its rules; each lists its
:class:`~nmt_content.checks.context.Check` classes in ``CHECKS``."""

from ..context import Check
from . import (
    assets,
    california,
    credentials,
    eeat,
    health_claims,
    local,
    placeholders,
    readability,
    seo,
    seo_links,
    structured_data,
    translations,
    yaml_comments,
)

ALL_CHECKS: tuple[type[Check], ...] = (
    *seo.CHECKS,
    *seo_links.CHECKS,
    *readability.CHECKS,
    *structured_data.CHECKS,
    *local.CHECKS,
    *california.CHECKS,
    *health_claims.CHECKS,
    *eeat.CHECKS,
    *credentials.CHECKS,
    *placeholders.CHECKS,
    *yaml_comments.CHECKS,
    *assets.CHECKS,
    *translations.CHECKS,
)

__all__ = ["ALL_CHECKS"]
