"""A FastAPI app that renders its own pages; the ASGI middleware adds the practice's head tags.

    pip install nmt-content fastapi uvicorn
    NMT_CONTENT_ROOT=path/to/content uvicorn --factory examples.fastapi_app:create_app

Each HTML page at one of our pages' paths gets our title, description, canonical, hreflang,
Open Graph, Twitter card and JSON-LD; the middleware answers /sitemap.xml and /robots.txt, which
the app does not have. Streamed and non-HTML responses (the JSON API) pass through untouched.
"""

from __future__ import annotations

import os
from html import escape

from fastapi import FastAPI, HTTPException, Request
from fastapi.responses import HTMLResponse

from nmt_content.integrations.host import HostedSite
from nmt_content.middleware import HeadTagsMiddleware

PAGE = """<!doctype html>
<html lang="{lang}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width"></head>
<body><main><h1>{headline}</h1><p>{description}</p></main>
<footer>{certified}</footer></body>
</html>
"""


def create_app(content_root: str | None = None) -> FastAPI:
    """The app; the knowledge base (``NMT_CONTENT_ROOT``, or the current folder) loads once."""
    hosted = HostedSite(content_root or os.environ.get("NMT_CONTENT_ROOT", "."))
    certified = " · ".join(escape(t.certified_line) for t in hosted.site.therapists)
    app = FastAPI()

    @app.get("/api/health")
    def health() -> dict[str, str]:
        return {"status": "ok"}

    @app.get("/{path:path}", response_class=HTMLResponse)
    def page(request: Request) -> str:
        found = hosted.page(request.url.path)
        if found is None:
            raise HTTPException(status_code=404)
        return PAGE.format(
            lang=escape(found.language),
            headline=escape(found.headline),
            description=escape(found.description),
            certified=certified,
        )

    app.add_middleware(HeadTagsMiddleware, hosted=hosted)
    return app
