"""The partials pages print as variables: `_byline.html` as ``byline``, `_disclaimer.html` as
``disclaimer``, `_breadcrumbs.html` as ``breadcrumbs`` and `_book.html` as ``book``.

Each is made when a template prints it, and only then, from the variables the page's template
gets: by :class:`~.partials_builtin.BuiltinPartials` when the partial is the built-in one (the
same bytes, without Jinja), else by the user's own template of that name, rendered through Jinja
with those variables, as an ``{% include %}`` of it would be.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache
from typing import Any

from jinja2 import Environment, Template

from .environment import shared_environment
from .i18n import translations
from .partials_builtin import BuiltinPartials

__all__ = ["PARTIALS", "PagePartials", "Partial"]

PARTIALS = {
    "byline": "_byline.html",
    "disclaimer": "_disclaimer.html",
    "breadcrumbs": "_breadcrumbs.html",
    "book": "_book.html",
}
"""The template of each partial, by the variable pages get it as."""


class Partial:
    """A partial's HTML (trusted, as an included template's output), made when a template
    prints it: a page that does not show it costs nothing, and a user's partial never renders
    on a page whose template does not print it."""

    __slots__ = ("_make",)

    def __init__(self, make: Callable[[], str]) -> None:
        self._make = make

    def __html__(self) -> str:
        return self._make()

    def __str__(self) -> str:
        return self._make()


class PagePartials:
    """The partials of pages in one catalog language, for one environment."""

    def __init__(self, env: Environment, language: str) -> None:
        self._builtin = BuiltinPartials(translations(language))
        self._own: dict[str, Template] = {}
        """The user's own partials (those that are not the built-in file), by variable name."""
        for variable, name in PARTIALS.items():
            template = env.get_template(name)
            if template.filename != _builtin_file(name):
                self._own[variable] = template

    def add_to(self, variables: dict[str, Any]) -> None:
        """Add the partials to a page's template ``variables``, made from them when printed."""
        for variable, template in self._own.items():
            variables[variable] = Partial(_rendering(template, variables))
        # The built-in ones take the values they show, not ``variables`` (no reference cycle
        # through the page's variables: each page's are freed as soon as it is rendered).
        builtin, page = self._builtin, variables["page"]
        if "byline" not in self._own:
            byline = (
                variables["author"],
                page.date_published,
                page.date_modified,
                variables["reviewed_by"],
                variables["last_reviewed"],
            )
            variables["byline"] = Partial(lambda: builtin.byline(*byline))
        if "disclaimer" not in self._own:
            people = variables["people"]
            variables["disclaimer"] = Partial(
                lambda: builtin.disclaimer(tuple(person.name for person in people))
            )
        if "breadcrumbs" not in self._own:
            variables["breadcrumbs"] = Partial(lambda: builtin.breadcrumbs(page.breadcrumbs))
        if "book" not in self._own:
            booking_url = variables["booking_url"]
            variables["book"] = Partial(lambda: builtin.book(booking_url))


def _rendering(template: Template, variables: dict[str, Any]) -> Callable[[], str]:
    return lambda: template.render(variables)


@cache
def _builtin_file(name: str) -> str | None:
    """The file the built-in template ``name`` is read from: a partial loaded from it is made by
    :class:`~.partials_builtin.BuiltinPartials` instead (the same bytes, faster)."""
    return shared_environment().get_template(name).filename
