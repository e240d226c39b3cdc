"""The state of one build: everything derived once and shared by every page it renders.

A :class:`BuildState` is made at the start of a build and dropped at its end; nothing of it
outlives the build in a module global. Worker processes inherit it when
:func:`~.parallel.parallel_map` forks them (the function they run is a method of it).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from jinja2 import Environment

from ..models import Article
from ..render.environment import shared_environment
from ..render.html import PageMaker
from ..render.i18n import page_words
from ..schema.graph import GraphMaker
from ..site import Site
from .plan import BuildOptions, BuildPlan

if TYPE_CHECKING:
    from .early_markdown import EarlyMarkdown

__all__ = ["BuildState"]


class BuildState:
    """One build's site, plan and options, and what it derives from them once: the template
    environment, the site-wide part of every page's structured data (:class:`GraphMaker`) and of
    every page's template context and footer (:class:`PageMaker`)."""

    def __init__(
        self,
        site: Site,
        plan: BuildPlan,
        options: BuildOptions,
        body: Callable[[Article], str] | None = None,
        early_markdown: EarlyMarkdown | None = None,
    ) -> None:
        self.site, self.plan, self.options = site, plan, options
        self.body = body
        """An article's Markdown, when the site was loaded without bodies."""
        self.early_markdown = early_markdown
        """Articles' Markdown rendered while the site loaded, taken by the pages' places."""
        self.env: Environment = shared_environment(options.templates)
        self.graphs = GraphMaker(site, plan.urls, page_words)
        self.pages = PageMaker(self.env, site, plan.urls, plan.pages, plan.feed_path)

    def image_size(self, src: str) -> tuple[int, int] | None:
        """The size of the `static/` image a page's Markdown points at (read at load)."""
        return self.site.image_size(src, self.plan.urls.base)
