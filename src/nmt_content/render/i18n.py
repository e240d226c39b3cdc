"""The theme's words in the page's language: gettext catalogs read with Babel.

The catalogs are the `.po` files under ``nmt_content/locale/<language>/LC_MESSAGES/``; each is
read once per process (no `.mo` files: Babel parses the `.po` source into memory). A page's
language tag picks the catalog by its primary subtag (``es-US`` → ``es``); a language without a
catalog gets English. Templates call ``_()``/``gettext()``/``ngettext()`` and ``{% trans %}``
(Jinja's i18n extension, new-style: ``%(name)s`` placeholders, the variables autoescaped), and
:mod:`.html` hands each page the callables of its language as template variables, so one compiled
template set serves every language.
"""

from __future__ import annotations

import gettext as gettext_module
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po
from jinja2 import pass_eval_context
from jinja2.nodes import EvalContext
from markupsafe import Markup

from ..pages.words import N_, Gettext

__all__ = [
    "LANGUAGES",
    "N_",
    "Gettext",
    "Translations",
    "catalog_language",
    "page_words",
    "translations",
]

LANGUAGES = ("en", "es")
"""The languages the theme has a catalog for; the first is the fallback."""


def catalog_language(tag: str) -> str:
    """The catalog for a BCP 47 tag: ``es-US`` → ``es``; English for a language without one."""
    primary = tag.split("-", 1)[0].lower()
    return primary if primary in LANGUAGES else LANGUAGES[0]


class _CatalogTranslations(gettext_module.NullTranslations):
    """A Babel catalog as a `gettext` translations object (no `.mo` round trip). An untranslated
    or fuzzy message falls back to its English msgid (a test keeps every catalog complete)."""

    def __init__(self, catalog: Catalog) -> None:
        super().__init__()
        self._plural = gettext_module.c2py(catalog.plural_expr)
        self._messages: dict[str, str | tuple[str, ...]] = {}
        for message in catalog:
            if not message.id or message.fuzzy:
                continue
            key = message.id if isinstance(message.id, str) else message.id[0]
            string = message.string
            if isinstance(string, str):
                if string:
                    self._messages[key] = string
            elif string and all(string):
                self._messages[key] = tuple(string)

    def gettext(self, message: str) -> str:
        found = self._messages.get(message)
        return found if isinstance(found, str) else message

    def ngettext(self, msgid1: str, msgid2: str, n: int) -> str:
        found = self._messages.get(msgid1)
        if isinstance(found, tuple):
            return found[min(self._plural(n), len(found) - 1)]
        return msgid1 if n == 1 else msgid2


@dataclass(frozen=True, slots=True)
class Translations:
    """One language's catalog, as Python and templates use it."""

    language: str
    """The catalog's language (``en``, ``es``): also Babel's locale for dates and numbers."""
    gettext: Gettext
    ngettext: Callable[[str, str, int], str]
    template_globals: dict[str, Any]
    """``gettext``, ``ngettext`` and ``_`` for templates (new-style: autoescaped, ``%``-formatted),
    plus ``locale``."""


@cache
def translations(tag: str) -> Translations:
    """The translations for a page language (BCP 47 tag), read once per process."""
    language = catalog_language(tag)
    if language != tag:
        return translations(language)
    path = resources.files("nmt_content") / "locale" / language / "LC_MESSAGES" / "messages.po"
    with path.open("rb") as source:
        catalog = read_po(source, locale=language)
    table = _CatalogTranslations(catalog)
    template_gettext = _template_gettext(table.gettext)
    return Translations(
        language=language,
        gettext=table.gettext,
        ngettext=table.ngettext,
        template_globals={
            "gettext": template_gettext,
            "_": template_gettext,
            "ngettext": _template_ngettext(table.ngettext),
            "locale": language,
        },
    )


def page_words(tag: str) -> Gettext:
    """The translating function of a page language's catalog: the words pages/ plans with
    (:data:`nmt_content.pages.words.PageWords`)."""
    return translations(tag).gettext


def _template_gettext(function: Gettext) -> Callable[..., str]:
    # As jinja2.ext's new-style gettext: the text is markup in an autoescaping template, so `%`
    # escapes the variables (not the translation).
    plain: dict[str, Markup] = {}
    """Each message without variables or `%`, as the markup it always translates to: most of
    a page's words ("By", "Book a session"), asked for on every page."""

    @pass_eval_context
    def gettext(eval_ctx: EvalContext, message: str, /, **variables: Any) -> str:
        if not eval_ctx.autoescape:
            return function(message) % variables
        if not variables and (found := plain.get(message)) is not None:
            return found
        markup = Markup(function(message))
        if not variables and "%" not in markup:
            plain[message] = markup
            return markup
        return markup % variables

    return gettext


def _template_ngettext(function: Callable[[str, str, int], str]) -> Callable[..., str]:
    @pass_eval_context
    def ngettext(
        eval_ctx: EvalContext, singular: str, plural: str, num: int, /, **variables: Any
    ) -> str:
        variables.setdefault("num", num)
        text = function(singular, plural, num)
        if eval_ctx.autoescape:
            text = Markup(text)
        return text % variables

    return ngettext
