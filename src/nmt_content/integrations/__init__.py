"""Faces for other sites: the embedding API (`page_for`, `head_tags`, `sitemap_xml`…), Jinja
registration, and `inject` into HTML another generator built. Imports pipeline and every step below."""
