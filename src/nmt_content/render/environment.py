"""The Jinja environment of the theme, and its stylesheet.

The environment puts a user's template folder in front of the built-in templates (Pelican's
loader chain), so a user overrides one file, or extends ``builtin/base.html`` to override one named
block and keep the rest. Autoescaping is on for every template and undefined names raise: content
is always text, and a typo in a template is an error, not an empty string.
"""

from __future__ import annotations

from collections.abc import MutableMapping
from datetime import date
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from jinja2 import (
    BaseLoader,
    ChoiceLoader,
    Environment,
    FileSystemLoader,
    PackageLoader,
    PrefixLoader,
    StrictUndefined,
    pass_context,
)
from jinja2.runtime import Context
from markupsafe import Markup

from .formatting import (
    address_lines,
    human_date,
    tel_href,
    time_tag,
)
from .i18n import LANGUAGES, translations

__all__ = ["BUILTIN_PREFIX", "make_environment", "shared_environment", "stylesheet_text"]


BUILTIN_PREFIX = "builtin"
"""The built-in templates are also reachable as ``builtin/<name>``, so a user's own `base.html`
can ``{% extends "builtin/base.html" %}`` and override a single block."""


class _ThemeEnvironment(Environment):
    """An environment whose templates take its globals as they are when each is first loaded.

    Jinja gives every template a ``ChainMap`` over the environment's globals, so that globals
    added later still show, and reads it (in Python, key by key) for every context it makes:
    once per page and once more per include. Ours are all set in :func:`make_environment`,
    before any template loads, so each template gets a plain dict of them instead.
    """

    def make_globals(self, d: MutableMapping[str, Any] | None) -> MutableMapping[str, Any]:
        return {**self.globals, **d} if d else dict(self.globals)


def make_environment(templates_dir: Path | None = None) -> Environment:
    """The Jinja environment: the user's templates first, then the built-in ones. Add any
    globals before loading a template: a template sees those there were when it loaded."""
    builtin = PackageLoader("nmt_content", "templates")
    loaders: list[BaseLoader] = []
    if templates_dir is not None:
        loaders.append(FileSystemLoader(str(templates_dir)))
    loaders += [builtin, PrefixLoader({BUILTIN_PREFIX: builtin})]
    env = _ThemeEnvironment(
        loader=ChoiceLoader(loaders),
        autoescape=True,  # every template, .html or .xml: content is text until proven markup
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        auto_reload=False,  # a build never edits templates; skip a stat() per get_template
        cache_size=-1,  # a plain dict: no LRU bookkeeping per include (a few dozen templates)
        extensions=["jinja2.ext.i18n"],
    )
    # English unless the page's language says otherwise (html.py passes each page the callables
    # of its catalog as template variables, which take precedence over these globals).
    english = translations(LANGUAGES[0])
    env.install_gettext_callables(  # type: ignore[attr-defined]
        english.gettext, english.ngettext, newstyle=True
    )
    env.globals["locale"] = english.language
    env.filters.update(
        human_date=_human_date,
        iso=date.isoformat,
        time_tag=_time_tag,
        tel_href=tel_href,
        address_lines=address_lines,
    )
    return env


def shared_environment(templates_dir: Path | None = None) -> Environment:
    """:func:`make_environment`, kept between builds while the user's templates are unchanged.

    Compiling the templates is most of a small site's build time, and `serve` rebuilds on every
    save. The environment never reloads templates itself (no stat per page), so it is keyed by
    the name, size and modification time of every file under ``templates_dir``: an edited, added
    or removed template gives a fresh environment. Treat it as read-only.
    """
    if templates_dir is None:
        return _environment(None, ())
    stats = sorted((str(p), p.stat()) for p in templates_dir.rglob("*") if p.is_file())
    fingerprint = tuple((name, stat.st_size, stat.st_mtime_ns) for name, stat in stats)
    return _environment(str(templates_dir.resolve()), fingerprint)


@lru_cache(maxsize=4)
def _environment(templates_dir: str | None, fingerprint: tuple[object, ...]) -> Environment:
    del fingerprint  # only part of the cache key
    return make_environment(Path(templates_dir) if templates_dir is not None else None)


@pass_context
def _human_date(context: Context, value: date) -> str:
    return human_date(value, context.get("locale", LANGUAGES[0]))


@pass_context
def _time_tag(context: Context, value: date) -> Markup:
    return time_tag(value, context.get("locale", LANGUAGES[0]))


# -- the context ---------------------------------------------------------------------------------


def stylesheet_text() -> str:
    """The default theme's CSS (written to `/assets/site.css`)."""
    return (resources.files("nmt_content") / "static" / "site.css").read_text(encoding="utf-8")


# -- helpers -------------------------------------------------------------------------------------
