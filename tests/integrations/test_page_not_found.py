"""`page_for` on a path with no page: a PageNotFoundError with a short message, on a big site too."""

from __future__ import annotations

import pickle
import re
from pathlib import Path

import pytest

import nmt_content.integrations.api as api
from nmt_content import NmtContentError, PageNotFoundError, Site, load_site, page_for, pages_of
from nmt_content.errors import MAX_ASKED_CHARS, MAX_SUGGESTIONS
from nmt_content.integrations.suggest import POOL, close_paths

from ..conftest import MINIMAL_ARTICLE, MINIMAL_PRACTICE

ARTICLES = 300
WORDS = ["neck", "shoulder", "back", "hip", "knee", "foot", "jaw", "wrist", "calf", "arm"]
FOCUS = ["pain", "tension", "recovery", "stretching", "posture", "sleep"]


def _slug(index: int) -> str:
    return f"{WORDS[index % 10]}-{FOCUS[index // 10 % 6]}-guide-{index}"


@pytest.fixture(scope="module")
def big_site(tmp_path_factory: pytest.TempPathFactory) -> Site:
    """A practice with 300 articles, ``neck-pain-guide-0`` … ``arm-sleep-guide-299``."""
    root: Path = tmp_path_factory.mktemp("big") / "content"
    (root / "articles").mkdir(parents=True)
    (root / "practice.yaml").write_text(MINIMAL_PRACTICE, encoding="utf-8")
    for index in range(ARTICLES):
        slug = _slug(index)
        text = MINIMAL_ARTICLE.replace(
            "title: A test article about massage",
            f"title: {slug.replace('-', ' ').capitalize()}",
        )
        (root / "articles" / f"{slug}.md").write_text(text, encoding="utf-8")
    return load_site(root)


def _quoted(message: str) -> list[str]:
    return re.findall(r"'([^']*)'", message)


def test_the_site_is_big(big_site: Site) -> None:
    assert len(pages_of(big_site)) > ARTICLES
    assert page_for(big_site, _slug(123)).path == f"/articles/{_slug(123)}/"


def test_a_typo_names_the_path_asked_and_a_few_close_ones(big_site: Site) -> None:
    asked = f"/articles/{_slug(123).replace('guide', 'gide')}/"
    with pytest.raises(PageNotFoundError) as caught:
        page_for(big_site, asked)
    error = caught.value
    message = str(error)
    assert message.startswith(f"no page at {asked!r}; did you mean ")
    assert len(message) < 300
    quoted = _quoted(message)
    assert quoted[0] == asked
    assert 1 <= len(quoted) - 1 <= MAX_SUGGESTIONS
    assert quoted[1:] == list(error.suggestions)
    assert error.suggestions[0] == f"/articles/{_slug(123)}/"
    assert error.path == asked
    assert error.args == (asked,)


def test_a_slug_with_a_typo_is_matched_to_its_article(big_site: Site) -> None:
    with pytest.raises(PageNotFoundError) as caught:
        page_for(big_site, _slug(241).replace("shoulder", "sholder"))
    assert caught.value.suggestions[0] == f"/articles/{_slug(241)}/"


def test_a_typo_in_a_section_page_is_matched(big_site: Site) -> None:
    with pytest.raises(PageNotFoundError) as caught:
        page_for(big_site, "/abuot/")
    assert caught.value.suggestions == ("/about/",)


def test_nothing_close_says_where_the_list_is(big_site: Site) -> None:
    with pytest.raises(PageNotFoundError) as caught:
        page_for(big_site, "/zzzzqqqq/")
    assert caught.value.suggestions == ()
    assert str(caught.value) == "no page at '/zzzzqqqq/'; pages_of(site) lists every page"


def test_a_long_path_asked_is_cut_in_the_message(big_site: Site) -> None:
    asked = "/articles/" + "x" * 5000 + "/"
    with pytest.raises(PageNotFoundError) as caught:
        page_for(big_site, asked)
    message = str(caught.value)
    assert len(message) < MAX_ASKED_CHARS + 80
    assert asked[:MAX_ASKED_CHARS] + "…" in message
    assert caught.value.path == asked


def test_it_is_still_a_key_error_and_an_nmt_content_error(big_site: Site) -> None:
    with pytest.raises(KeyError):
        page_for(big_site, "/nowhere/")
    with pytest.raises(NmtContentError):
        page_for(big_site, "/nowhere/")


def test_suggestions_are_looked_up_only_when_read(
    big_site: Site, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls: list[int] = []

    def counting(*args: object, **kwargs: object) -> list[str]:
        calls.append(1)
        return close_paths(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(api, "close_paths", counting)
    try:
        page_for(big_site, "/articles/knee-pain-guide-4x/")
    except KeyError as exc:  # what a web app does: turn the miss into a 404, message unread
        error = exc
    assert calls == []
    first = str(error)
    assert str(error) == first
    assert calls == [1]
    assert f"/articles/{_slug(4)}/" in first


def test_it_pickles_with_its_message(big_site: Site) -> None:
    with pytest.raises(PageNotFoundError) as caught:
        page_for(big_site, "/articles/jaw-pain-guide-6/x")
    copy = pickle.loads(pickle.dumps(caught.value))
    assert isinstance(copy, PageNotFoundError)
    assert copy.path == caught.value.path
    assert copy.suggestions == caught.value.suggestions
    assert str(copy) == str(caught.value)


def test_close_paths_on_a_site_larger_than_the_pool() -> None:
    """Above POOL pages only those sharing words are compared, and the right one still wins."""
    known = [f"/articles/{WORDS[i % 10]}-note-{i}/" for i in range(POOL * 20)]
    known.append("/articles/lower-back-pain-relief/")
    assert close_paths(["/articles/lower-bak-pain-relief/"], known, 3)[0] == known[-1]
    assert close_paths(["/articles/lower-bak-pain-relief/"], known[:-1], 3) == []


def test_close_paths_ranks_by_likeness_then_path() -> None:
    known = ["/articles/neck-b/", "/articles/neck-a/", "/services/neck/", "/about/"]
    assert close_paths(["/articles/neck/"], known, 3) == [
        "/services/neck/",
        "/articles/neck-a/",
        "/articles/neck-b/",
    ]
    assert close_paths(["/articles/neck/"], known, 1) == ["/services/neck/"]
    assert close_paths(["/"], known, 3) == []
