"""Rule families. Each module registers its rules and lists its check functions in CHECKS."""

from collections.abc import Callable, Iterable

from ..context import CheckContext
from ..findings import RawFinding
from . import claims, compliance, eeat, local, readability, seo, structured

CheckFunction = Callable[[CheckContext], Iterable[RawFinding]]

ALL_CHECKS: tuple[CheckFunction, ...] = (
    *claims.CHECKS,
    *compliance.CHECKS,
    *seo.CHECKS,
    *readability.CHECKS,
    *structured.CHECKS,
    *local.CHECKS,
    *eeat.CHECKS,
)

__all__ = ["ALL_CHECKS", "CheckFunction"]
