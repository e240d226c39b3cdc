"""The one Markdown parser (CommonMark with GitHub's tables, strikethrough, task lists and
footnotes, by pyromark), shared by the renderer (:mod:`.markdown`) and by what reads where a text's
links point (:mod:`.markdown_links`), so both see the same document."""

from __future__ import annotations

import pyromark

__all__ = ["PARSER"]

PARSER = pyromark.Markdown(
    options=pyromark.Options.ENABLE_TABLES
    | pyromark.Options.ENABLE_STRIKETHROUGH
    | pyromark.Options.ENABLE_TASKLISTS
    | pyromark.Options.ENABLE_FOOTNOTES
)
"""Parses text to HTML (``html``) or to events with their byte ranges (``events_with_range``)."""
