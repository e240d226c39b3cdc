"""The Django app in a minimal project configured here: template tags, the middleware, the
sitemap against `build`'s, the system check and reloading in DEBUG."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from bs4 import BeautifulSoup

from nmt_content import build_site, head_tags, load_site, page_for, robots_txt

from ..conftest import MINIMAL_ARTICLE, MINIMAL_PRACTICE, REPO_ROOT
from ..integrations.test_one_truth import _multilingual, _sitemap

django = pytest.importorskip("django")

from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.core.management.base import SystemCheckError  # noqa: E402
from django.http import HttpRequest, HttpResponse, StreamingHttpResponse  # noqa: E402
from django.template import RequestContext, Template  # noqa: E402
from django.test import Client, override_settings  # noqa: E402
from django.urls import include, path  # noqa: E402

TAGGED = (
    "{% load nmt_content %}{% nmt_page as page %}<!doctype html>"
    '<html lang="{{ page.language|default:"en" }}"><head>{% nmt_head %}</head>'
    "<body><h1>{{ page.headline }}</h1><footer>{% nmt_certified_line %}</footer></body></html>"
)
UNTAGGED = (
    '<!doctype html><html lang="en"><head><title>Mine</title></head><body>'
    "<h1>Mine</h1></body></html>"
)


def tagged(request: HttpRequest, **kwargs: str) -> HttpResponse:
    return HttpResponse(Template(TAGGED).render(RequestContext(request)))


def untagged(request: HttpRequest) -> HttpResponse:
    return HttpResponse(UNTAGGED)


def streamed(request: HttpRequest) -> StreamingHttpResponse:
    return StreamingHttpResponse(iter([UNTAGGED.encode()]), content_type="text/html")


urlpatterns = [
    path("", include("nmt_content.django.urls")),
    path("about/", tagged),
    path("articles/<slug:slug>/", tagged),
    path("services/massage-therapy/", untagged),
    path("locations/redding/", streamed),
    path("contact/", untagged),
]

if not settings.configured:
    settings.configure(
        DEBUG=False,
        SECRET_KEY="test only",
        ALLOWED_HOSTS=["testserver"],
        ROOT_URLCONF=__name__,
        INSTALLED_APPS=["nmt_content.django"],
        MIDDLEWARE=[
            "django.middleware.common.CommonMiddleware",
            "nmt_content.django.middleware.HeadTagsMiddleware",
        ],
        TEMPLATES=[
            {
                "BACKEND": "django.template.backends.django.DjangoTemplates",
                "APP_DIRS": True,
                "OPTIONS": {"context_processors": ["django.template.context_processors.request"]},
            }
        ],
        NMT_CONTENT_ROOT=str(REPO_ROOT),
    )
    django.setup()


def _soup(response: Any) -> BeautifulSoup:
    assert response.status_code == 200, response.content[:300]
    return BeautifulSoup(response.content.decode("utf-8"), "html.parser")


def test_template_tags_render_our_head_language_headline_and_certified_line() -> None:
    soup = _soup(Client().get("/about/"))
    page = page_for(load_site(REPO_ROOT), "/about/")
    ours = BeautifulSoup(head_tags(page), "html.parser")
    assert soup.head is not None
    assert soup.head.find("link", rel="canonical")["href"] == page.canonical
    assert soup.title is not None
    assert ours.title is not None
    assert soup.title.get_text() == ours.title.get_text()
    graph = json.loads(soup.find("script", type="application/ld+json").string)
    assert graph == json.loads(ours.find("script", type="application/ld+json").string)
    assert soup.html is not None
    assert soup.html["lang"] == "en-US"
    assert soup.find("h1").get_text() == page.headline
    footer = soup.find("footer").get_text()
    assert footer == "Dustin, CAMTC Certified Massage Therapist #93004"


def test_middleware_adds_our_tags_to_pages_that_know_nothing_of_us() -> None:
    response = Client().get("/services/massage-therapy/")
    soup = _soup(response)
    assert int(response["Content-Length"]) == len(response.content)
    canonical = soup.find("link", rel="canonical")["href"]
    assert canonical == "https://nmt-practice.example/services/massage-therapy/"
    assert soup.title is not None
    assert soup.title.get_text() != "Mine"
    assert len(soup.find_all("title")) == 1
    assert soup.find("h1").get_text() == "Mine"
    streamed = Client().get("/locations/redding/")
    assert b"".join(streamed.streaming_content).decode() == UNTAGGED
    assert Client().get("/contact/").content.decode() == UNTAGGED


def _django_sitemap() -> dict[str, tuple[Any, ...]]:
    response = Client().get("/sitemap.xml")
    assert response.status_code == 200
    return _sitemap(response.content)


def test_the_sitemap_is_the_built_one() -> None:
    files, _ = build_site(load_site(REPO_ROOT))
    built = _sitemap(files["sitemap.xml"])
    assert _django_sitemap() == built
    assert "https://nmt-practice.example/about/" in built
    assert Client().get("/robots.txt").content.decode() == robots_txt(load_site(REPO_ROOT))


def test_the_sitemap_of_a_multilingual_site_has_its_images_and_alternates(tmp_path: Path) -> None:
    root = _multilingual(tmp_path)
    files, _ = build_site(load_site(root))
    with override_settings(NMT_CONTENT_ROOT=str(root)):
        ours = _django_sitemap()
    assert ours == _sitemap(files["sitemap.xml"])
    images = [entry[1] for entry in ours.values() if entry[1]]
    alternates = [entry[2] for entry in ours.values() if entry[2]]
    assert images
    assert alternates


@pytest.fixture
def content(tmp_path: Path) -> Path:
    (tmp_path / "articles").mkdir()
    (tmp_path / "practice.yaml").write_text(MINIMAL_PRACTICE, encoding="utf-8")
    (tmp_path / "articles" / "x.md").write_text(MINIMAL_ARTICLE, encoding="utf-8")
    return tmp_path


def test_manage_check_reports_a_broken_article_with_file_and_line(content: Path) -> None:
    call_command("check", "--tag", "nmt_content")  # the repository's content is fine
    broken = MINIMAL_ARTICLE.replace("title:", "titel:", 1)
    (content / "articles" / "x.md").write_text(broken, encoding="utf-8")
    with (
        override_settings(NMT_CONTENT_ROOT=str(content)),
        pytest.raises(SystemCheckError) as raised,
    ):
        call_command("check")
    message = str(raised.value)
    assert "nmt_content.E001" in message
    assert "articles/x.md:2:8: error: titel: unknown key `titel`" in message
    with (
        override_settings(NMT_CONTENT_ROOT=str(content / "nowhere")),
        pytest.raises(SystemCheckError, match=r"nmt_content\.E002"),
    ):
        call_command("check")


def test_debug_reloads_changed_content_and_production_does_not(content: Path) -> None:
    article = content / "articles" / "x.md"
    url = "/articles/a-test-article-about-massage/"

    def description() -> str:
        soup = _soup(Client().get(url))
        return str(soup.find("meta", attrs={"name": "description"})["content"])

    for debug in (True, False):
        article.write_text(MINIMAL_ARTICLE, encoding="utf-8")
        with override_settings(NMT_CONTENT_ROOT=str(content), DEBUG=debug):
            before = description()
            article.write_text(
                MINIMAL_ARTICLE.replace("description:", "description: Changed.", 1),
                encoding="utf-8",
            )
            after = description()
        assert before.startswith("A short description")
        assert after.startswith("Changed.") == debug, debug
