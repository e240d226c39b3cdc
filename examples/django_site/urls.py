"""Our sitemap and robots.txt, and every page of the practice through one template."""

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import include, path, re_path

from nmt_content.django.conf import hosted_site


def page(request: HttpRequest) -> HttpResponse:
    if hosted_site().page(request.path) is None:
        raise Http404
    return render(request, "page.html")


urlpatterns = [path("", include("nmt_content.django.urls")), re_path(r"^.*/$|^$", page)]
