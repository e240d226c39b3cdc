"""Rule families, one module each. Importing a module registers its rules; each lists its
:class:`~nmt_content.checks.context.Check` classes in ``CHECKS``."""

from ..context import Check
from . import (
    assets,
    california,
    eeat,
    health_claims,
    local,
    placeholders,
    readability,
    seo,
    structured_data,
)

ALL_CHECKS: tuple[type[Check], ...] = (
    *seo.CHECKS,
    *readability.CHECKS,
    *structured_data.CHECKS,
    *local.CHECKS,
    *california.CHECKS,
    *health_claims.CHECKS,
    *eeat.CHECKS,
    *placeholders.CHECKS,
    *assets.CHECKS,
)

__all__ = ["ALL_CHECKS"]
