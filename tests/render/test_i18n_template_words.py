"""The templates' `_()`: a message without variables is the same markup on every call (kept
once per catalog), and everything else still goes through `%` as Jinja's new-style gettext
does: variables escaped, `%%` written as `%`, and plain text in an `autoescape false` block."""

from __future__ import annotations

from markupsafe import Markup

from nmt_content.render.environment import make_environment
from nmt_content.render.i18n import translations


def _render(source: str, language: str = "en", **variables: object) -> str:
    env = make_environment()
    words = translations(language).template_globals
    return env.from_string(source).render(**words, **variables)


def test_plain_message_is_markup_and_kept() -> None:
    twice = '{{ _("Book a session") }}|{{ _("Book a session") }}'
    assert _render(twice, "es") == "Reservar una sesión|Reservar una sesión"
    assert _render(twice, "en") == "Book a session|Book a session"
    assert translations("es").template_globals["_"] is translations("es-US").template_globals["_"]


def test_variables_are_escaped_and_percent_signs_kept() -> None:
    assert _render('{{ _("%(site)s: articles", site=name) }}', name="A & <B>") == (
        "A &amp; &lt;B&gt;: articles"
    )
    assert _render('{{ _("100%% <b>sure</b>") }}') == "100% <b>sure</b>"
    assert _render('{{ _("100%% sure") }}{{ _("100%% sure") }}') == "100% sure100% sure"


def test_unknown_message_prints_as_written() -> None:
    assert _render('{{ _("Not in any catalog & <i>x</i>") }}') == "Not in any catalog & <i>x</i>"


def test_without_autoescape_the_text_stays_plain() -> None:
    source = '{% autoescape false %}{{ _("%(site)s: articles", site=name) }}{% endautoescape %}'
    assert _render(source, name="A & <B>") == "A & <B>: articles"
    plain = '{% autoescape false %}{{ _("Book a session") }}{% endautoescape %}'
    result = _render(plain)
    assert result == "Book a session"
    assert not isinstance(result, Markup)
