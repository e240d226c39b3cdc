"""A small Flask app that renders its own templates with the practice's head tags.

Run it from the repository root:

    pip install flask
    FLASK_APP=examples/flask_app.py flask run

The app keeps its own look; nmt-content supplies the SEO metadata (title, description,
canonical, Open Graph, Twitter card, JSON-LD) and serves /sitemap.xml and /robots.txt.
"""

from __future__ import annotations

from pathlib import Path

from flask import Flask, Response, abort, render_template_string, request

from nmt_content import load_site, page_for, robots_txt, sitemap_xml
from nmt_content.integrations.jinja import register

CONTENT_ROOT = Path(__file__).resolve().parents[1]

PAGE = """<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  {{ nmt_page(request.path) | head_tags }}
</head>
<body>
  <main>
    <h1>{{ nmt_page(request.path).title }}</h1>
    <p>{{ nmt_page(request.path).description }}</p>
    <p>{{ nmt_site.practice.name }}</p>
  </main>
</body>
</html>
"""


def create_app(content_root: Path = CONTENT_ROOT) -> Flask:
    """The app factory: loads the knowledge base once, at start-up."""
    site = load_site(content_root)
    app = Flask(__name__)
    register(app.jinja_env, site)

    @app.get("/")
    @app.get("/<path:path>")
    def page(path: str = "") -> str:
        try:
            page_for(site, request.path)
        except KeyError:
            abort(404)
        return render_template_string(PAGE)

    @app.get("/sitemap.xml")
    def sitemap() -> Response:
        return Response(sitemap_xml(site), mimetype="application/xml")

    @app.get("/robots.txt")
    def robots() -> Response:
        return Response(robots_txt(site), mimetype="text/plain")

    return app


app = create_app()
