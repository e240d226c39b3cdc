"""Django middleware: our head tags in the project's own pages.

    MIDDLEWARE = [..., "nmt_content.django.middleware.HeadTagsMiddleware"]

Each complete (not streamed) HTML response with status 200 to a GET whose path is one of our
pages gets our head tags, replacing its title, description, canonical, Open Graph and Twitter
tags, and a corrected Content-Length; every other response is left as it is. `/sitemap.xml` and
`/robots.txt` are answered where the project answers 404.
"""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse, HttpResponseBase

from .conf import hosted_site

__all__ = ["HeadTagsMiddleware"]


class HeadTagsMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        response = self.get_response(request)
        if request.method not in ("GET", "HEAD") or response.streaming:
            return response
        hosted = hosted_site()
        if response.status_code == 404:
            own = hosted.site_file(request.path)
            if own is not None:
                return HttpResponse(own.body, content_type=own.content_type)
            return response
        if request.method != "GET" or response.status_code != 200:
            return response
        if not isinstance(response, HttpResponse):
            return response
        if response.get("Content-Encoding", "identity").lower() != "identity":
            return response
        rewritten = hosted.rewrite(request.path, response.get("Content-Type", ""), response.content)
        if rewritten is not None:
            response.content = rewritten
            if response.has_header("Content-Length"):
                response["Content-Length"] = str(len(rewritten))
        return response
