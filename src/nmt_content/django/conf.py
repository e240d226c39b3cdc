"""The site of the Django project's settings, loaded once per configuration."""

from __future__ import annotations

import threading

from django.core.exceptions import ImproperlyConfigured

from django import conf

from ..integrations.host import HostedSite

__all__ = ["hosted_site"]

_lock = threading.Lock()
_hosted: dict[tuple[str, str | None, bool], HostedSite] = {}


def hosted_site() -> HostedSite:
    """The :class:`~nmt_content.integrations.host.HostedSite` of ``NMT_CONTENT_ROOT`` and
    ``NMT_CONTENT_BASE_URL``; with ``DEBUG``, it reloads after the content changes."""
    root = getattr(conf.settings, "NMT_CONTENT_ROOT", None)
    if not root:
        raise ImproperlyConfigured("set NMT_CONTENT_ROOT to the folder of practice.yaml")
    key = (
        str(root),
        getattr(conf.settings, "NMT_CONTENT_BASE_URL", None),
        bool(conf.settings.DEBUG),
    )
    with _lock:
        hosted = _hosted.get(key)
        if hosted is None:
            hosted = _hosted[key] = HostedSite(key[0], base_url=key[1], reload=key[2])
    return hosted
