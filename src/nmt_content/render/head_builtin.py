"""The built-in `_head.html`, written in Python: what every page of a build and every
`head_tags` call renders, unless the user's templates override `_head.html`.

Rendering the partial through Jinja costs a template context, a call per tag and an escape per
value (three of them for the description): about half of `head_tags`. :func:`builtin_head`
writes the same bytes directly, escaping each value once and into a plain string (`_text`);
`tests/render/test_head_builtin.py` renders both over pages of every kind and language and
requires them to be identical, so the template stays the one definition of the head and this
its faster equal. Change both together.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, NamedTuple

from markupsafe import Markup, escape

from ..pages.model import PagePlan
from ..schema.pieces.values import iso_date
from .i18n import translations

if TYPE_CHECKING:
    from .head import OgImage

__all__ = ["HeadArguments", "builtin_head"]

_STANDALONE = (
    '<meta charset="utf-8">\n<meta name="viewport" content="width=device-width, initial-scale=1">\n'
)


class HeadArguments(NamedTuple):
    """What a page's head tags are made of (the variables `_head.html` gets). A named tuple,
    not a frozen dataclass: one is made for every page, and a tuple is made three times as
    fast."""

    page: PagePlan
    og_image: OgImage | None
    jsonld_script: str
    """A complete, already safe `<script type="application/ld+json">` element."""
    feed_url: str | None
    stylesheet_url: str | None
    site_name: str
    standalone: bool


def builtin_head(arguments: HeadArguments) -> str:
    """The head tags exactly as the built-in `_head.html` renders them (see the module)."""
    page, og_image, site_name = arguments.page, arguments.og_image, arguments.site_name
    headline = _text(page.headline)
    description = _text(page.description)
    url = _text(page.url)
    out = [_STANDALONE] if arguments.standalone else []
    out.append(
        f'<title>{_text(page.title)}</title>\n<meta name="description" content="{description}">\n'
    )
    if page.canonical:
        out.append(f'<link rel="canonical" href="{url}">\n')
    out.append(f'<meta name="robots" content="{_text(page.robots)}">\n')
    for language, href in page.alternates:
        out.append(f'<link rel="alternate" hreflang="{_text(language)}" href="{_text(href)}">\n')
    out.append(
        f'<meta property="og:type" content="{_text(page.og_type)}">\n'
        f'<meta property="og:title" content="{headline}">\n'
        f'<meta property="og:description" content="{description}">\n'
        f'<meta property="og:url" content="{url}">\n'
        f'<meta property="og:site_name" content="{_text(site_name)}">\n'
        f'<meta property="og:locale" content="{_text(page.language.replace("-", "_"))}">\n'
    )
    if og_image:
        out.append(
            f'<meta property="og:image" content="{_text(og_image.url)}">\n'
            f'<meta property="og:image:alt" content="{_text(og_image.alt)}">\n'
        )
        if og_image.width:
            out.append(
                f'<meta property="og:image:width" content="{_text(og_image.width)}">\n'
                f'<meta property="og:image:height" content="{_text(og_image.height)}">\n'
            )
    if page.og_type == "article":
        # An ISO date is digits and hyphens: nothing to escape.
        if page.date_published:
            published = iso_date(page.date_published)
            out.append(f'<meta property="article:published_time" content="{published}">\n')
        if page.date_modified:
            modified = iso_date(page.date_modified)
            out.append(f'<meta property="article:modified_time" content="{modified}">\n')
    image = page.image
    out.append(
        f'<meta name="twitter:card" content="{"summary_large_image" if image else "summary"}">\n'
        f'<meta name="twitter:title" content="{headline}">\n'
        f'<meta name="twitter:description" content="{description}">\n'
    )
    if image:
        out.append(
            f'<meta name="twitter:image" content="{_text(image.url)}">\n'
            f'<meta name="twitter:image:alt" content="{_text(image.alt)}">\n'
        )
    if arguments.feed_url:
        label = Markup(translations(page.language).gettext("%(site)s: articles"))
        feed_title = label % {"site": site_name}
        out.append(
            f'<link rel="alternate" type="application/atom+xml" title="{feed_title}"'
            f' href="{_text(arguments.feed_url)}">\n'
        )
    if arguments.stylesheet_url:
        out.append(f'<link rel="stylesheet" href="{_text(arguments.stylesheet_url)}">\n')
    out.append(arguments.jsonld_script)
    out.append("\n")
    return "".join(out)


def _text(value: object) -> str:
    """``str(markupsafe.escape(value))``, the same characters replaced the same way, without
    making a `Markup` for every value: most values have nothing to escape and come back as they
    are. Anything but a plain str or int (a `Markup`, say) goes to `escape` itself."""
    if type(value) is str:
        if "&" in value or "<" in value or ">" in value or "'" in value or '"' in value:
            return (
                value.replace("&", "&amp;")
                .replace("<", "&lt;")
                .replace(">", "&gt;")
                .replace("'", "&#39;")
                .replace('"', "&#34;")
            )
        return value
    if type(value) is int:
        return str(value)
    return str(escape(value))
