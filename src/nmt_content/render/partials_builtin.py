"""The built-in `_byline.html`, `_disclaimer.html`, `_breadcrumbs.html` and `_book.html`, written
in Python.

Each is included by every article page (the trail by every page but the home page, the booking
button by most pages), and through Jinja each costs a template context, a call per message and
an escape per value: together about half of an article page's template time. Most of what they
show repeats from page to page (the same author, the same therapists, the same trail down to the
page itself, the same booking link), so
:class:`BuiltinPartials` writes the same bytes directly and makes each repeated piece once per
language and build, keyed by exactly the values it shows.
`tests/render/test_partials_builtin.py` renders both over pages of every kind and language and
requires them to be identical, so the templates stay the one definition of these partials and
this their faster equal. Change both together.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from markupsafe import Markup, escape

from ..pages.model import Breadcrumb
from .formatting import time_tag
from .i18n import Translations
from .views import TherapistView

__all__ = ["BuiltinPartials"]


class BuiltinPartials:
    """The four partials' HTML for pages in one catalog language (see the module)."""

    def __init__(self, words: Translations) -> None:
        self._words = words
        self._gettext = words.gettext
        self._authors: dict[tuple[str, str, str | None, str | None], str] = {}
        self._dates: dict[date, Markup] = {}
        self._disclaimers: dict[tuple[str, ...], str] = {}
        self._trails: dict[tuple[tuple[str, str], ...], str] = {}
        self._books: dict[str, str] = {}

    def _message(self, message: str, **variables: object) -> Markup:
        """A catalog message as the theme's ``_()`` gives it in an escaping template."""
        markup = Markup(self._gettext(message))
        return markup % variables if variables else markup

    def _time(self, value: date) -> Markup:
        tag = self._dates.get(value)
        if tag is None:
            tag = self._dates[value] = time_tag(value, self._words.language)
        return tag

    def byline(
        self,
        author: TherapistView,
        published: date | None,
        modified: date | None,
        reviewed_by: str | None,
        last_reviewed: date | None,
    ) -> str:
        """What `_byline.html` renders."""
        key = (author.path, author.name, author.camtc_title, author.job_title)
        line = self._authors.get(key)
        if line is None:
            title = author.camtc_title or author.job_title
            line = self._authors[key] = (
                f'<p class="byline">{self._message("By")} <a href="{escape(author.path)}"'
                f' rel="author">{escape(author.name)}</a>'
                f"{f', {escape(title)}' if title else ''}</p>\n"
            )
        out = [line]
        if published:
            published_on = self._message("Published %(date)s", date=self._time(published))
            out.append(f'<p class="meta">{published_on}')
            if modified:
                updated = self._message("Updated %(date)s", date=self._time(modified))
                out.append(f" · {updated}")
            out.append("</p>\n")
        if reviewed_by and last_reviewed:
            reviewed = self._message(
                "Reviewed by %(name)s on %(date)s",
                name=reviewed_by,
                date=self._time(last_reviewed),
            )
            out.append(f'<p class="meta">{reviewed}</p>\n')
        return "".join(out)

    def disclaimer(self, names: tuple[str, ...]) -> str:
        """What `_disclaimer.html` renders for the therapists of these names."""
        html = self._disclaimers.get(names)
        if html is None:
            html = self._disclaimers[names] = self._disclaimer(names)
        return html

    def _disclaimer(self, names: tuple[str, ...]) -> str:
        message = self._message
        if not names:
            who = message(
                "Our therapist is not licensed by the State of California as a healing arts "
                "practitioner."
            )
        elif len(names) == 1:
            who = message(
                "%(name)s is not licensed by the State of California as a healing arts "
                "practitioner.",
                name=names[0],
            )
        else:
            listed = message("%(names)s and %(last)s", names=", ".join(names[:-1]), last=names[-1])
            who = message(
                "%(names)s are not licensed by the State of California as healing arts "
                "practitioners.",
                names=listed,
            )
        first = message("Massage therapy is not a substitute for medical diagnosis or treatment.")
        last = message(
            "If you have severe, worsening or unexplained pain, numbness or weakness, fever, or "
            "changes in bladder or bowel control, see a doctor first."
        )
        return f'<div class="disclaimer" role="note">\n  <p>{first} {who} {last}</p>\n</div>\n'

    def book(self, booking_url: str) -> str:
        """What `_book.html` renders for this booking link."""
        html = self._books.get(booking_url)
        if html is None:
            html = self._books[booking_url] = (
                f'<p class="book"><a class="button" href="{escape(booking_url)}">'
                f"{self._message('Book a session')}</a></p>\n"
            )
        return html

    def breadcrumbs(self, crumbs: Sequence[Breadcrumb]) -> str:
        """What `_breadcrumbs.html` renders for this trail."""
        if not crumbs:
            return f"{self._trail(())}  </ol>\n</nav>\n"
        *above, here = crumbs
        key = tuple((crumb.name, crumb.path) for crumb in above)
        trail = self._trails.get(key)
        if trail is None:
            trail = self._trails[key] = self._trail(key)
        return f'{trail}    <li aria-current="page">{escape(here.name)}</li>\n  </ol>\n</nav>\n'

    def _trail(self, above: tuple[tuple[str, str], ...]) -> str:
        """The trail's opening and its links, up to the page's own item."""
        out = [f'<nav class="breadcrumb" aria-label="{self._message("Breadcrumb")}">\n  <ol>\n']
        for name, path in above:
            out.append(f'    <li><a href="{escape(path)}">{escape(name)}</a></li>\n')
        return "".join(out)
