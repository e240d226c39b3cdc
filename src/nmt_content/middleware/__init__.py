"""Our head tags in the HTML of any Python web app, and its `/sitemap.xml` and `/robots.txt`.

    from nmt_content.middleware import HeadTagsMiddleware, WSGIHeadTagsMiddleware
    app = HeadTagsMiddleware(app, "path/to/content")          # ASGI: FastAPI, Starlette, Django
    app.add_middleware(HeadTagsMiddleware, content_root="…")  # the same, Starlette style
    app.wsgi_app = WSGIHeadTagsMiddleware(app.wsgi_app, "…")  # WSGI: Flask, Django

Each puts our head tags into every complete HTML response (status 200, `text/html`, not
compressed) to a GET whose path is one of our pages, and fixes its Content-Length. A response is
complete when it states its Content-Length or comes in one piece; a streamed response, and any
other response, is passed through untouched. `/sitemap.xml` and `/robots.txt` are served when
the app answers them with 404. The core they share is
:class:`nmt_content.integrations.host.HostedSite`.
"""

from __future__ import annotations

from .asgi import HeadTagsMiddleware
from .wsgi import WSGIHeadTagsMiddleware

__all__ = ["HeadTagsMiddleware", "WSGIHeadTagsMiddleware"]
