"""A small Flask app that renders its own templates with the practice's head tags.

    pip install nmt-content flask
    NMT_CONTENT_ROOT=path/to/content flask --app examples/flask_app.py run

The app keeps its own look; nmt-content supplies the SEO metadata (title, description,
canonical, hreflang, Open Graph, Twitter card, JSON-LD), the page's language and heading, the
CAMTC line every advertising page must show (rule CAMTC-001), and /sitemap.xml and /robots.txt.
Nothing is loaded at import: Flask calls ``create_app()``.
"""

from __future__ import annotations

import os
from pathlib import Path

from flask import Flask, Response, abort, render_template_string, request

from nmt_content import load_site, page_for, robots_txt, sitemap_xml
from nmt_content.integrations.jinja import register

PAGE = """<!doctype html>
<html lang="{{ page.language }}">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  {{ page | head_tags }}
</head>
<body>
  <main>
    <h1>{{ page.headline }}</h1>
    <p>{{ page.description }}</p>
  </main>
  <footer>
    <p>{{ nmt_site.practice.name }}</p>
    {% for therapist in nmt_site.therapists %}<p>{{ therapist.certified_line }}</p>{% endfor %}
  </footer>
</body>
</html>
"""


def create_app(content_root: str | os.PathLike[str] | None = None) -> Flask:
    """The app factory: loads the knowledge base (``NMT_CONTENT_ROOT``, or the current folder)
    once, when the app is made."""
    root = Path(content_root or os.environ.get("NMT_CONTENT_ROOT", "."))
    site = load_site(root)
    app = Flask(__name__)
    register(app.jinja_env, site)

    @app.get("/")
    @app.get("/<path:path>")
    def page(path: str = "") -> str:
        try:
            found = page_for(site, request.path)
        except KeyError:
            abort(404)
        return render_template_string(PAGE, page=found)

    @app.get("/sitemap.xml")
    def sitemap() -> Response:
        return Response(sitemap_xml(site), mimetype="application/xml")

    @app.get("/robots.txt")
    def robots() -> Response:
        return Response(robots_txt(site), mimetype="text/plain")

    return app
