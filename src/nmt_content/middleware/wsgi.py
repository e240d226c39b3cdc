"""WSGI middleware: our head tags in a WSGI app's HTML pages (Flask, Django, any PEP 3333 app)."""

from __future__ import annotations

import itertools
import os
from collections.abc import Callable, Iterable, Iterator
from types import TracebackType
from typing import Any

from ..integrations.host import MAX_REWRITE_BYTES, HostedSite, is_html, loaded_site

__all__ = ["WSGIHeadTagsMiddleware"]

_ExcInfo = tuple[type[BaseException], BaseException, TracebackType | None]
Headers = list[tuple[str, str]]
StartResponse = Callable[..., Callable[[bytes], object]]
WSGIApp = Callable[[dict[str, Any], StartResponse], Iterable[bytes]]


class WSGIHeadTagsMiddleware:
    """Wraps a WSGI app: our head tags in its HTML pages, and our sitemap and robots.txt where
    it has none. The content is loaded here, once; ``reload=True`` loads it again when it
    changes."""

    def __init__(
        self,
        app: WSGIApp,
        content_root: str | os.PathLike[str] | None = None,
        *,
        base_url: str | None = None,
        reload: bool = False,
        hosted: HostedSite | None = None,
    ) -> None:
        self.app = app
        self.hosted = loaded_site(
            "WSGIHeadTagsMiddleware", content_root, base_url=base_url, reload=reload, hosted=hosted
        )

    def __call__(self, environ: dict[str, Any], start_response: StartResponse) -> Iterable[bytes]:
        method = environ.get("REQUEST_METHOD", "GET")
        # PEP 3333 hands the path over as bytes decoded as Latin-1.
        path = environ.get("PATH_INFO", "").encode("latin-1").decode("utf-8", "replace") or "/"
        if method in ("GET", "HEAD") and self.hosted.site_file(path) is not None:
            return self._unless_the_app_has(path, method, environ, start_response)
        if method == "GET" and self.hosted.page(path) is not None:
            return _Response(self.hosted, path, start_response).run(self.app, environ)
        return self.app(environ, start_response)

    def _unless_the_app_has(
        self, path: str, method: str, environ: dict[str, Any], start_response: StartResponse
    ) -> Iterable[bytes]:
        """The app's answer, or ours when the app answers 404."""
        missing = False

        def start_unless_missing(
            status: str, headers: Headers, exc_info: _ExcInfo | None = None
        ) -> Callable[[bytes], object]:
            nonlocal missing
            missing = status.startswith("404")
            if missing:
                return lambda data: None
            return start_response(status, headers, exc_info)

        body = self.app(environ, start_unless_missing)
        if not missing:
            return body
        _close(body)
        own = self.hosted.site_file(path)
        assert own is not None
        start_response(
            "200 OK", [("Content-Type", own.content_type), ("Content-Length", str(len(own.body)))]
        )
        return [own.body] if method == "GET" else []


class _Response:
    """One response to a page of ours: a complete HTML response is held back, given our head
    tags and its new length; anything else goes out as the app made it."""

    def __init__(self, hosted: HostedSite, path: str, start_response: StartResponse) -> None:
        self.hosted = hosted
        self.path = path
        self.start_response = start_response
        self.held: tuple[str, Headers, _ExcInfo | None] | None = None
        self.written: list[bytes] = []
        self.returned = False
        self.known_length = False

    def run(self, app: WSGIApp, environ: dict[str, Any]) -> Iterable[bytes]:
        body = app(environ, self.start)
        self.returned = True
        if self.held is None:
            return body  # sent already, or started lazily by the iterable: not ours to touch
        if not (self.known_length or isinstance(body, list | tuple)):
            self._release()
            return _Chained(self.written, body)
        try:
            whole = b"".join(itertools.chain(self.written, body))
        finally:
            _close(body)
        status, headers, exc_info = self.held
        content_type = _header(headers, "content-type") or ""
        rewritten = self.hosted.rewrite(self.path, content_type, whole)
        if rewritten is not None:
            whole = rewritten
            headers = [(k, v) for k, v in headers if k.lower() != "content-length"]
            headers.append(("Content-Length", str(len(whole))))
        self.start_response(status, headers, exc_info)
        return [whole]

    def start(
        self, status: str, headers: Headers, exc_info: _ExcInfo | None = None
    ) -> Callable[[bytes], object]:
        length = _header(headers, "content-length")
        rewritable = (
            not self.returned
            and status.startswith("200")
            and is_html(_header(headers, "content-type") or "")
            and (_header(headers, "content-encoding") or "identity").lower() == "identity"
            and (length is None or (length.isdigit() and int(length) <= MAX_REWRITE_BYTES))
        )
        if not rewritable:
            self.held = None
            return self.start_response(status, headers, exc_info)
        self.held = (status, headers, exc_info)
        self.known_length = length is not None
        return self.written.append

    def _release(self) -> None:
        assert self.held is not None
        self.start_response(*self.held)
        self.held = None


def _header(headers: Headers, name: str) -> str | None:
    for key, value in headers:
        if key.lower() == name:
            return value.strip()
    return None


def _close(body: Iterable[bytes]) -> None:
    close = getattr(body, "close", None)
    if callable(close):
        close()


class _Chained:
    """``first`` then ``body``, closing ``body`` when the server closes this (PEP 3333)."""

    def __init__(self, first: list[bytes], body: Iterable[bytes]) -> None:
        self.first = first
        self.body = body

    def __iter__(self) -> Iterator[bytes]:
        yield from self.first
        yield from self.body

    def close(self) -> None:
        _close(self.body)
