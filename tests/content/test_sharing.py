"""Articles loaded apart share the parts they have alike, and stay equal to unshared ones."""

from __future__ import annotations

import pickle
from pathlib import Path

import pytest

from nmt_content import load_site
from nmt_content.content.sharing import Sharing
from nmt_content.pipeline import parallel as parallel_module

EXTRA = """\
---
title: "Article {n} about massage"
description: A description of article {n} that is long enough to be a description.
date_published: 2024-02-0{n}
author: alex
keywords: [back, "pain relief"]
image: {{src: /images/a{n}.jpg, alt: Picture {n}}}
---

Body {n}.
"""


@pytest.fixture
def many(content_root: Path) -> Path:
    for n in range(1, 6):
        (content_root / "articles" / f"extra-{n}.md").write_text(EXTRA.format(n=n))
    return content_root


@pytest.mark.parametrize("jobs", [1, 2])
def test_loaded_articles_share_what_they_have_alike(
    many: Path, jobs: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(parallel_module, "MIN_ARTICLES_TO_LOAD", 1)  # pickled from workers too
    extra = [
        a for a in load_site(many, jobs=jobs).articles if a.source.startswith("articles/extra")
    ]
    assert len(extra) == 5
    first = extra[0]
    for article in extra[1:]:
        assert article.meta.__pydantic_fields_set__ is first.meta.__pydantic_fields_set__
        assert article.meta.image is not None
        assert first.meta.image is not None
        assert (
            article.meta.image.__pydantic_fields_set__ is first.meta.image.__pydantic_fields_set__
        )
        assert article.key_lines is first.key_lines
        assert article.meta.keywords is first.meta.keywords
        assert article.meta.author is first.meta.author
        assert article.meta.translations is first.meta.translations
        assert article.meta.title != first.meta.title  # what differs stays its own


def test_a_shared_article_equals_and_dumps_as_the_unshared_one(many: Path) -> None:
    unshared = pickle.loads(pickle.dumps(load_site(many).articles))  # copies: nothing shared
    sharing = Sharing()
    for copy in pickle.loads(pickle.dumps(unshared)):
        original = next(a for a in unshared if a.source == copy.source)
        shared = sharing.article(copy)
        assert shared == original
        assert hash(shared.meta) == hash(original.meta)
        assert shared.meta.model_dump(exclude_unset=True) == original.meta.model_dump(
            exclude_unset=True
        )
        assert shared.key_line("title") == original.key_line("title")


def test_a_copy_with_changes_does_not_change_the_shared_fields_set(many: Path) -> None:
    articles = load_site(many).articles
    first, second = [a for a in articles if a.source.startswith("articles/extra")][:2]
    shared = first.meta.__pydantic_fields_set__
    assert second.meta.__pydantic_fields_set__ is shared
    before = set(shared)
    changed = first.meta.model_copy(update={"focus_keyphrase": "massage"})
    assert "focus_keyphrase" in changed.model_fields_set
    assert second.meta.model_fields_set == before
    assert set(shared) == before
