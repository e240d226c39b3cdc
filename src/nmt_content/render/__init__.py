"""Renderers: typed input in, text out. Nothing here reads or writes files."""
