"""Rule suppressions: an article's `lint` and a practice.yaml entry's `check`."""

from __future__ import annotations

from pydantic import Field

from .base import Model
from .types import Text

__all__ = ["LintSuppression"]


class LintSuppression(Model):
    """Rules this entry opts out of, and why. Suppressions are still reported, as info."""

    ignore: tuple[str, ...] = Field(min_length=1)
    """Rule ids to suppress, e.g. `[HC-009]`."""
    reason: Text
    """Why the rule does not apply here; shown in every report."""
