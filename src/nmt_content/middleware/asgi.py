"""ASGI middleware: our head tags in an ASGI app's HTML pages (FastAPI, Starlette, Django)."""

from __future__ import annotations

import os
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any

from ..integrations.host import MAX_REWRITE_BYTES, HostedSite, SiteFile, is_html, loaded_site

__all__ = ["HeadTagsMiddleware"]

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]


class HeadTagsMiddleware:
    """Wraps an ASGI app: our head tags in its HTML pages, and our sitemap and robots.txt where
    it has none. The content is loaded here, once, so a broken knowledge base stops the app at
    start-up with every problem listed; ``reload=True`` loads it again when it changes."""

    def __init__(
        self,
        app: ASGIApp,
        content_root: str | os.PathLike[str] | None = None,
        *,
        base_url: str | None = None,
        reload: bool = False,
        hosted: HostedSite | None = None,
    ) -> None:
        self.app = app
        self.hosted = loaded_site(
            "HeadTagsMiddleware", content_root, base_url=base_url, reload=reload, hosted=hosted
        )

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope.get("method") not in ("GET", "HEAD"):
            await self.app(scope, receive, send)
            return
        path: str = scope["path"]
        own = self.hosted.site_file(path)
        if own is not None:
            await self._unless_the_app_has(own, scope, receive, send)
        elif scope["method"] == "GET" and self.hosted.page(path) is not None:
            await self.app(scope, receive, _Rewriter(self.hosted, path, send))
        else:
            await self.app(scope, receive, send)

    async def _unless_the_app_has(
        self, own: SiteFile, scope: Scope, receive: Receive, send: Send
    ) -> None:
        """The app's answer, or ours when the app answers 404."""
        missing = False

        async def send_unless_missing(message: Message) -> None:
            nonlocal missing
            if message["type"] == "http.response.start" and message["status"] == 404:
                missing = True
            if not missing:
                await send(message)

        await self.app(scope, receive, send_unless_missing)
        if missing:
            headers = [
                (b"content-type", own.content_type.encode("latin-1")),
                (b"content-length", str(len(own.body)).encode("latin-1")),
            ]
            await send({"type": "http.response.start", "status": 200, "headers": headers})
            body = own.body if scope["method"] == "GET" else b""
            await send({"type": "http.response.body", "body": body})


class _Rewriter:
    """The ``send`` of one response to a page of ours: holds a complete HTML response back,
    adds our head tags and sends it with its new length; sends anything else as it comes."""

    def __init__(self, hosted: HostedSite, path: str, send: Send) -> None:
        self.hosted = hosted
        self.path = path
        self.send = send
        self.start: Message | None = None
        self.content_type = ""
        self.known_length = False
        self.chunks: list[bytes] = []
        self.size = 0

    async def __call__(self, message: Message) -> None:
        kind = message["type"]
        if kind == "http.response.start":
            if self._rewritable(message):
                self.start = message
            else:
                await self.send(message)
        elif self.start is not None and kind == "http.response.body":
            await self._body(message)
        else:
            await self._flush()
            await self.send(message)

    def _rewritable(self, start: Message) -> bool:
        headers = _headers(start)
        self.content_type = headers.get(b"content-type", b"").decode("latin-1")
        length = headers.get(b"content-length")
        self.known_length = length is not None
        return (
            start["status"] == 200
            and is_html(self.content_type)
            and headers.get(b"content-encoding", b"identity").strip().lower() == b"identity"
            and (length is None or (length.isdigit() and int(length) <= MAX_REWRITE_BYTES))
        )

    async def _body(self, message: Message) -> None:
        body: bytes = message.get("body", b"")
        more: bool = message.get("more_body", False)
        if more and not self.chunks and not self.known_length:
            # A streamed response: pass it through untouched.
            await self._flush()
            await self.send(message)
            return
        self.chunks.append(body)
        self.size += len(body)
        if self.size > MAX_REWRITE_BYTES:
            await self._flush(more_body=more)
            return
        if more:
            return
        assert self.start is not None
        start, self.start = self.start, None
        whole = b"".join(self.chunks)
        self.chunks = []
        rewritten = self.hosted.rewrite(self.path, self.content_type, whole)
        if rewritten is not None:
            whole = rewritten
            headers = [
                (k, v) for k, v in start.get("headers", []) if k.lower() != b"content-length"
            ]
            headers.append((b"content-length", str(len(whole)).encode("latin-1")))
            start = {**start, "headers": headers}
        await self.send(start)
        await self.send({"type": "http.response.body", "body": whole})

    async def _flush(self, *, more_body: bool = True) -> None:
        """Send what is held back, unchanged."""
        if self.start is None:
            return
        start, self.start = self.start, None
        await self.send(start)
        if self.chunks:
            body, self.chunks = b"".join(self.chunks), []
            await self.send({"type": "http.response.body", "body": body, "more_body": more_body})


def _headers(start: Message) -> dict[bytes, bytes]:
    """The response's headers by lower-case name (the last of repeated ones)."""
    return {bytes(k).lower(): bytes(v) for k, v in start.get("headers", [])}
