"""The size limits content must keep, stated once. Each is far above what real content needs and
low enough that every command stays fast and every output file name stays legal.

- A content file (`practice.yaml` or an article) may be at most 1 MiB: about 150,000 words, where
  a long article has 3,000. Larger files are refused before they are read; `check` on a 1 MiB
  article takes about a second, on 10 MB it took 46 s.
- A title may be at most 200 characters. Search results show about 60; the title is also the
  `<h1>`, the `<title>`, the feed entry and the default slug.
- A slug may be at most 80 characters and 240 bytes in UTF-8, so the folder it names fits every
  file system's 255-byte limit. A default slug (from the title) is cut at a word boundary instead.
- A page `inject` reads (and its `robots.txt`) may be at most 8 MiB: about 30 times the largest
  pages of common sites. Larger files are refused before they are read, so memory stays a small
  multiple of the page (a 30 MB page once took 1.7 GB). Its `sitemap.xml` may be as large as
  the sitemaps protocol allows (50 MiB).
"""

from __future__ import annotations

__all__ = [
    "MAX_CACHE_FILE_BYTES",
    "MAX_CONTENT_FILE_BYTES",
    "MAX_INJECT_PAGE_BYTES",
    "MAX_SLUG_BYTES",
    "MAX_SLUG_CHARS",
    "MAX_STATE_FILE_BYTES",
    "MAX_TEMPLATE_FILE_BYTES",
    "MAX_TITLE_CHARS",
]

MAX_CONTENT_FILE_BYTES = 1024 * 1024
"""The largest `practice.yaml` or article file accepted, in bytes."""
MAX_INJECT_PAGE_BYTES = 8 * 1024 * 1024
"""The largest HTML page (or `robots.txt`) `inject` reads, in bytes."""
MAX_TITLE_CHARS = 200
"""The longest article title accepted, in characters."""
MAX_SLUG_CHARS = 80
"""The longest slug accepted, in characters."""
MAX_SLUG_BYTES = 240
"""The longest slug accepted, in UTF-8 bytes (file systems allow 255 per name)."""
MAX_TEMPLATE_FILE_BYTES = 16 * 1024 * 1024
"""The largest file read from a templates folder (or this package, to fingerprint it)."""
MAX_STATE_FILE_BYTES = 256 * 1024 * 1024
"""The largest incremental-build state file read (100,000 articles record about 30 MB)."""
MAX_CACHE_FILE_BYTES = 512 * 1024 * 1024
"""The largest file of the content cache (`.nmt-cache/`) read; the article records of 100,000
articles take about 100 MB. A larger one is ignored (and replaced)."""
