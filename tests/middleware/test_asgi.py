"""HeadTagsMiddleware through real requests to a Starlette app that knows nothing of us."""

from __future__ import annotations

import gzip
import json
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from nmt_content import head_tags, load_site, page_for, robots_txt, sitemap_xml
from nmt_content.errors import ContentError
from nmt_content.middleware import HeadTagsMiddleware

from ..conftest import MINIMAL_ARTICLE, MINIMAL_PRACTICE, REPO_ROOT

starlette = pytest.importorskip("starlette")
pytest.importorskip("httpx2")

from starlette.applications import Starlette  # noqa: E402
from starlette.requests import Request  # noqa: E402
from starlette.responses import (  # noqa: E402
    HTMLResponse,
    PlainTextResponse,
    Response,
    StreamingResponse,
)
from starlette.routing import Route  # noqa: E402
from starlette.testclient import TestClient  # noqa: E402

HOST_PAGE = (
    '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Host title</title>'
    '<meta name="description" content="the host\'s own">'
    '<link rel="stylesheet" href="/host.css"></head><body><h1>Host page</h1></body></html>'
)


async def html(request: Request) -> Response:
    return HTMLResponse(HOST_PAGE)


async def streamed(request: Request) -> Response:
    async def chunks() -> AsyncIterator[bytes]:
        yield HOST_PAGE[:40].encode()
        yield HOST_PAGE[40:].encode()

    return StreamingResponse(chunks(), media_type="text/html")


async def text(request: Request) -> Response:
    return PlainTextResponse(HOST_PAGE)


async def compressed(request: Request) -> Response:
    return Response(
        gzip.compress(HOST_PAGE.encode(), mtime=0),
        media_type="text/html",
        headers={"content-encoding": "gzip"},
    )


async def own_robots(request: Request) -> Response:
    return PlainTextResponse("User-agent: *\nDisallow: /private/\n")


def host_app(*, with_robots: bool = False) -> Starlette:
    routes = [
        Route("/about/", html),
        Route("/services/massage-therapy/", html, methods=["GET", "POST"]),
        Route("/", streamed),
        Route("/locations/redding/", text),
        Route("/locations/mount-shasta/", compressed),
        Route("/contact/", html),
        Route("/articles/neuromuscular-therapy-lower-back-pain/", html),
    ]
    if with_robots:
        routes.append(Route("/robots.txt", own_robots))
    return Starlette(routes=routes)


@pytest.fixture(scope="module")
def client() -> TestClient:
    return TestClient(HeadTagsMiddleware(host_app(), REPO_ROOT))


def test_our_page_gets_our_head_tags_and_its_new_length(client: TestClient) -> None:
    response = client.get("/about/")
    assert response.status_code == 200
    assert int(response.headers["content-length"]) == len(response.content)
    soup = BeautifulSoup(response.text, "html.parser")
    ours = BeautifulSoup(head_tags(page_for(load_site(REPO_ROOT), "/about/")), "html.parser")
    assert soup.title is not None
    assert ours.title is not None
    assert soup.title.get_text() == ours.title.get_text()
    assert [t["content"] for t in soup.find_all("meta", attrs={"name": "description"})] == [
        ours.find("meta", attrs={"name": "description"})["content"]
    ]
    assert soup.find("link", rel="canonical")["href"] == "https://nmt-practice.example/about/"
    graph = json.loads(soup.find("script", type="application/ld+json").string)
    assert graph["@context"] == "https://schema.org"
    assert soup.find("link", rel="stylesheet")["href"] == "/host.css", "the host's own tags stay"
    assert soup.find("h1").get_text() == "Host page"


def test_what_is_not_ours_to_touch_passes_through(client: TestClient) -> None:
    streamed = client.get("/")
    assert streamed.text == HOST_PAGE, "a streamed response is passed through untouched"
    assert client.get("/locations/redding/").text == HOST_PAGE, "not HTML"
    zipped = client.get("/locations/mount-shasta/")
    assert zipped.text == HOST_PAGE, "compressed: passed through (and decoded by the client)"
    assert client.get("/contact/").text == HOST_PAGE, "not one of our pages"
    assert client.post("/services/massage-therapy/").text == HOST_PAGE, "not a GET"
    assert client.get("/services/massage-therapy/").text != HOST_PAGE


def test_sitemap_and_robots_are_served_unless_the_app_serves_them(client: TestClient) -> None:
    site = load_site(REPO_ROOT)
    sitemap = client.get("/sitemap.xml")
    assert sitemap.status_code == 200
    assert sitemap.headers["content-type"].startswith("application/xml")
    assert sitemap.text == sitemap_xml(site)
    assert client.get("/robots.txt").text == robots_txt(site)
    assert client.head("/robots.txt").content == b""
    assert client.get("/nothing-here/").status_code == 404

    theirs = TestClient(HeadTagsMiddleware(host_app(with_robots=True), REPO_ROOT))
    assert theirs.get("/robots.txt").text == "User-agent: *\nDisallow: /private/\n"


def test_broken_content_stops_the_app_at_start_up(tmp_path: Path) -> None:
    (tmp_path / "articles").mkdir()
    (tmp_path / "practice.yaml").write_text(MINIMAL_PRACTICE, encoding="utf-8")
    (tmp_path / "articles" / "x.md").write_text(
        MINIMAL_ARTICLE.replace("title:", "titel:", 1), encoding="utf-8"
    )
    with pytest.raises(ContentError, match=r"articles/x\.md:\d+"):
        HeadTagsMiddleware(host_app(), tmp_path)


def test_reload_picks_up_a_changed_article(tmp_path: Path) -> None:
    (tmp_path / "articles").mkdir()
    (tmp_path / "practice.yaml").write_text(MINIMAL_PRACTICE, encoding="utf-8")
    article = tmp_path / "articles" / "x.md"
    article.write_text(MINIMAL_ARTICLE, encoding="utf-8")
    path = page_for(load_site(tmp_path), "a-test-article-about-massage").path
    app = Starlette(routes=[Route(path, html)])
    client = TestClient(HeadTagsMiddleware(app, tmp_path, reload=True))
    first = BeautifulSoup(client.get(path).text, "html.parser").title
    article.write_text(
        MINIMAL_ARTICLE.replace("description:", "description: Changed.", 1), encoding="utf-8"
    )
    second = BeautifulSoup(client.get(path).text, "html.parser")
    assert first is not None
    assert second.find("meta", attrs={"name": "description"})["content"].startswith("Changed.")
