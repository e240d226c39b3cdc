"""The app's configuration: its label and the system check."""

from __future__ import annotations

from django.apps import AppConfig

__all__ = ["NmtContentConfig"]


class NmtContentConfig(AppConfig):
    name = "nmt_content.django"
    label = "nmt_content"
    verbose_name = "nmt-content"

    def ready(self) -> None:
        from . import checks  # noqa: F401 - registers the system check
