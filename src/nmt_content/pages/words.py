"""The theme's words below the templates, handed in by the caller.

The planner names the theme's fixed pages and composes their headlines, titles, descriptions and
breadcrumb trails, and the JSON-LD has a few words of its own (hours of training, session
lengths); those words are the theme's, so they come from the page language's catalog. pages/ and
schema/ read no files, so the caller passes a :data:`PageWords`: a page language (BCP 47 tag) →
its translating function (the pipeline hands in ``render.i18n.page_words``, each language's
catalog read once per process). Without one the words are English: the messages' own text.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from ..models import Therapist

__all__ = ["ENGLISH", "ENGLISH_WORDS", "N_", "Gettext", "PageWords", "Words", "english"]

Gettext = Callable[[str], str]
"""A translating function: a message (its English text) to the page language's text."""

PageWords = Callable[[str], Gettext]
"""A page language (BCP 47 tag) → the translating function of its catalog."""


def N_(message: str) -> str:
    """Mark ``message`` for extraction; it is translated where it is shown (``_(label)``)."""
    return message


def _same(message: str) -> str:
    return message


def english(_language: str) -> Gettext:
    """The English words for any language: the messages as written."""
    return _same


ENGLISH: PageWords = english


_AND = N_("%(names)s and %(last)s")


class Words:
    """One language's words as the planner uses them: messages with ``%(name)s`` fields, lists."""

    __slots__ = ("gettext",)

    def __init__(self, gettext: Gettext) -> None:
        self.gettext = gettext

    def __call__(self, message: str, /, **fields: str) -> str:
        """The message in this language, its ``%(name)s`` fields filled in."""
        text = self.gettext(message)
        return text % fields if fields else text

    def join(self, items: Sequence[str]) -> str:
        """A list in words: "a", "a and b", "a, b and c" (Spanish "a, b y c")."""
        items = list(items)
        if len(items) <= 1:
            return "".join(items)
        return self(_AND, names=", ".join(items[:-1]), last=items[-1])

    def minutes(self, minutes: int | str | None) -> str:
        """A session length or span: ``60 minutes``, ``60–90 minutos``."""
        return self(N_("%(minutes)s minutes"), minutes=str(minutes))

    def camtc_title(self, therapist: Therapist) -> str | None:
        """:attr:`Therapist.camtc_title` in this language: the credential's name and the
        certificate number stay as issued (CAMTC's advertising rule)."""
        credential = therapist.camtc_credential
        if credential is None:
            return None
        if not credential.identifier:
            return self(N_("CAMTC %(credential)s"), credential=credential.name)
        return self(
            N_("CAMTC %(credential)s #%(number)s"),
            credential=credential.name,
            number=credential.identifier,
        )

    def sentence_list(self, items: Sequence[str]) -> str:
        """Like :meth:`join`, with every item after the first in lower case."""
        return self.join(
            [item if i == 0 else item[:1].lower() + item[1:] for i, item in enumerate(items)]
        )


ENGLISH_WORDS = Words(_same)
"""The English words: the messages as written."""
