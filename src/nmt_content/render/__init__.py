"""Typed input in, text out: Markdown, the Jinja theme and its views, head tags, sitemaps, the
feed and robots.txt. Imports schema, pages, site, urls and models; reads only templates."""
