"""WSGIHeadTagsMiddleware through real requests to a Flask app that knows nothing of us, and to
a bare PEP 3333 app."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from typing import Any

import pytest
from bs4 import BeautifulSoup
from lxml import etree

from nmt_content import load_site, page_for, robots_txt, sitemap_xml
from nmt_content.middleware import WSGIHeadTagsMiddleware

from ..conftest import REPO_ROOT
from .test_asgi import HOST_PAGE

flask = pytest.importorskip("flask")

from werkzeug.test import Client  # noqa: E402

ABOUT = "https://nmt-practice.example/about/"


def flask_app() -> Any:
    app = flask.Flask(__name__)

    @app.get("/about/")
    def about() -> str:
        return HOST_PAGE

    @app.get("/")
    def streamed() -> Any:
        def chunks() -> Iterator[str]:
            yield HOST_PAGE[:40]
            yield HOST_PAGE[40:]

        return flask.Response(flask.stream_with_context(chunks()), mimetype="text/html")

    @app.get("/locations/redding/")
    def text() -> Any:
        return flask.Response(HOST_PAGE, mimetype="text/plain")

    @app.get("/articles/neuromuscular-therapy-lower-back-pain/")
    def latin1() -> Any:
        page = HOST_PAGE.replace("Host page", "Caf\u00e9")
        return flask.Response(page.encode("latin-1"), content_type="text/html; charset=latin-1")

    @app.get("/contact/")
    def contact() -> str:
        return HOST_PAGE

    app.wsgi_app = WSGIHeadTagsMiddleware(app.wsgi_app, REPO_ROOT)  # type: ignore[method-assign]
    return app


@pytest.fixture(scope="module")
def client() -> Any:
    return flask_app().test_client()


def test_a_flask_page_gets_our_head_tags_and_its_new_length(client: Any) -> None:
    response = client.get("/about/")
    assert response.status_code == 200
    assert int(response.headers["Content-Length"]) == len(response.data)
    soup = BeautifulSoup(response.data, "html.parser")
    assert soup.find("link", rel="canonical")["href"] == ABOUT
    assert soup.title is not None
    assert soup.title.get_text() == page_for(load_site(REPO_ROOT), "/about/").title
    assert soup.find("h1").get_text() == "Host page"


def test_a_page_keeps_its_charset(client: Any) -> None:
    response = client.get("/articles/neuromuscular-therapy-lower-back-pain/")
    soup = BeautifulSoup(response.data.decode("latin-1"), "html.parser")
    assert soup.find("h1").get_text() == "Caf\u00e9"
    assert soup.find("link", rel="canonical") is not None
    assert int(response.headers["Content-Length"]) == len(response.data)


def test_flask_responses_not_ours_to_touch_pass_through(client: Any) -> None:
    assert client.get("/").data.decode() == HOST_PAGE, "streamed"
    assert client.get("/locations/redding/").data.decode() == HOST_PAGE, "not HTML"
    assert client.get("/contact/").data.decode() == HOST_PAGE, "not one of our pages"


def test_flask_app_gets_our_sitemap_and_robots(client: Any) -> None:
    site = load_site(REPO_ROOT)
    sitemap = client.get("/sitemap.xml")
    assert sitemap.status_code == 200
    assert sitemap.data.decode() == sitemap_xml(site)
    locs = etree.fromstring(sitemap.data).xpath(
        "//s:loc/text()", namespaces={"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    )
    assert ABOUT in locs
    assert client.get("/robots.txt").data.decode() == robots_txt(site)
    assert client.get("/elsewhere/").status_code == 404


def _bare(
    body: Iterable[bytes], headers: list[tuple[str, str]]
) -> Callable[[dict[str, Any], Any], Iterable[bytes]]:
    def app(environ: dict[str, Any], start_response: Any) -> Iterable[bytes]:
        start_response("200 OK", headers)
        return body

    return app


def test_a_bare_wsgi_app_list_body_is_rewritten_and_a_generator_is_not() -> None:
    html = [HOST_PAGE[:30].encode(), HOST_PAGE[30:].encode()]
    listed = Client(WSGIHeadTagsMiddleware(_bare(html, [("Content-Type", "text/html")]), REPO_ROOT))
    soup = BeautifulSoup(listed.get("/about/").data, "html.parser")
    assert soup.find("link", rel="canonical")["href"] == ABOUT

    generated = Client(
        WSGIHeadTagsMiddleware(_bare(iter(html), [("Content-Type", "text/html")]), REPO_ROOT)
    )
    assert generated.get("/about/").data.decode() == HOST_PAGE
