"""The theme's environment hands each template its globals as a plain dict made when the
template loads: the environment's globals (the English words, ``locale``), any added before the
first load, and a template's own globals over them."""

from __future__ import annotations

from nmt_content.render.environment import make_environment


def test_templates_see_the_environment_globals_and_their_own_first() -> None:
    env = make_environment()
    env.globals["greeting"] = "hello"
    template = env.from_string(
        '{{ greeting }} {{ locale }} {{ _("Book a session") }}', globals={"greeting": "hi"}
    )
    assert template.render() == "hi en Book a session"
    assert env.from_string("{{ greeting }}").render() == "hello"
    assert type(template.globals) is dict


def test_a_template_keeps_its_globals_apart_from_the_environment() -> None:
    env = make_environment()
    template = env.from_string("{{ extra | default('none') }}")
    template.globals["extra"] = "mine"
    assert template.render() == "mine"
    assert "extra" not in env.globals
    assert env.from_string("{{ extra | default('none') }}").render() == "none"
