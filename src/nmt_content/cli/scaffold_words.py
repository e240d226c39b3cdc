"""The words of the article scaffolds, per language: English, and Spanish for `--language es`
(as a Spanish-speaking practice would read them). Another language gets the English words."""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["ScaffoldWords", "scaffold_words"]


@dataclass(frozen=True, slots=True)
class ScaffoldWords:
    description_comment: str
    description: str
    keywords_comment: str
    keyphrase_comment: str
    new_body: str
    example_title: str
    example_body: str


ENGLISH = ScaffoldWords(
    description_comment="# The search-result snippet: one or two sentences, about 120–156 characters.",
    description="TODO: sum up this article in one or two sentences.",
    keywords_comment="# keywords: [topic, another topic]",
    keyphrase_comment="# focus_keyphrase: the search phrase this article answers",
    new_body="""\
TODO: write the article here, in Markdown. Start with what the reader came for; use `##`
headings for sections. `nmt-content check` reports what is still missing.
""",
    example_title="TODO: Your first article",
    example_body="""\
TODO: write your first article here, in Markdown. Say what a session is like, who it helps and
what it cannot do. `nmt-content check` points out claims that need care and what the page lacks.

## A heading for a section

TODO: or delete this example and write a new one with `nmt-content new article "Title"`.
""",
)

SPANISH = ScaffoldWords(
    description_comment="# El texto del resultado de búsqueda: una o dos frases, de unos 120 a 156 caracteres.",
    description="TODO: resuma este artículo en una o dos frases.",
    keywords_comment="# keywords: [tema, otro tema]",
    keyphrase_comment="# focus_keyphrase: la búsqueda a la que responde este artículo",
    new_body="""\
TODO: escriba aquí el artículo, en Markdown. Empiece por lo que el lector vino a buscar; use
títulos `##` para las secciones. `nmt-content check` indica lo que todavía falta.
""",
    example_title="TODO: Su primer artículo",
    example_body="""\
TODO: escriba aquí su primer artículo, en Markdown. Cuente cómo es una sesión, a quién ayuda y
qué no puede hacer. `nmt-content check` señala las afirmaciones que requieren cuidado y lo que le
falta a la página.

## Un título para una sección

TODO: o borre este ejemplo y escriba uno nuevo con `nmt-content new article "Título" --language es`.
""",
)


def scaffold_words(language: str | None) -> ScaffoldWords:
    """The scaffold words of a BCP 47 language (English when it has none)."""
    primary = (language or "en").split("-")[0].lower()
    return SPANISH if primary == "es" else ENGLISH
