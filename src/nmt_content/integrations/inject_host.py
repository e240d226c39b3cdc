"""Our pages as the host site serves them: each at the URL of the file it has, or nowhere.

A file's URL is where a static host serves it: ``index.html`` → ``/``, ``about/index.html`` →
``/about/``, ``about.html`` → ``/about.html``. Our page ``/about/`` is the host's
``about/index.html`` or, failing that, its ``about.html``; a map (``--map FILE``, a TOML table
from our page paths to the host's) says where any other page is. Every absolute URL we write for
a page (canonical, ``og:url``, breadcrumbs, hreflang, the graph, the sitemap) is then the host's
URL, and a page the host does not have is linked nowhere: its breadcrumb steps, hreflang
alternates and every graph value that pointed at it are left out.
"""

from __future__ import annotations

import posixpath
import tomllib
from collections.abc import Collection, Mapping
from dataclasses import replace
from pathlib import Path
from typing import Any
from urllib.parse import quote, unquote

from ..errors import MAX_SUGGESTIONS, OutputError, printable
from ..pages.model import PagePlan
from ..pages.plan import plan_pages
from ..render.head import PageHead, page_head
from ..render.i18n import page_words
from ..schema.graph import GraphMaker, GraphResult
from ..schema.jsonld import dumps_for_script
from ..site import Site
from ..urls import Urls, output_file
from .suggest import close_paths

__all__ = ["HostSite", "HostUrls", "file_of", "host_path_of", "read_map"]


class HostUrls(Urls):
    """:class:`Urls` whose page URLs are the host's (``/about/`` → ``/about.html``)."""

    __slots__ = ("hosted",)
    hosted: dict[str, str]

    def __init__(self, base: str, hosted: Mapping[str, str]) -> None:
        super().__init__(base)
        object.__setattr__(self, "hosted", dict(hosted))

    def absolute(self, path: str) -> str:
        return super().absolute(self.hosted.get(path, path))


def host_path_of(relative: str) -> str:
    """The URL path a static host serves a file at (``about/index.html`` → ``/about/``)."""
    if relative == "index.html" or relative.endswith("/index.html"):
        relative = relative[: -len("index.html")]
    return "/" + quote(relative)


def file_of(host_path: str) -> str | None:
    """The file a host path names (``/about/`` → ``about/index.html``); None when it names no
    file inside the folder."""
    try:
        relative = unquote(host_path.split("#", 1)[0].split("?", 1)[0], errors="strict")
    except UnicodeDecodeError:
        return None
    relative = relative.lstrip("/")
    if relative == "" or relative.endswith("/"):
        relative += "index.html"
    if "\\" in relative or "\x00" in relative or posixpath.normpath(relative) != relative:
        return None
    return None if relative.startswith("../") else relative


def read_map(map_file: Path, pages: Collection[str], files: Collection[str]) -> dict[str, str]:
    """Our page paths to the host's, from a TOML table (``"/about/" = "/about-us.html"``).

    Raises:
        OutputError: the file cannot be read, is not such a table, names a page we do not have,
            or a host path with no page in the site folder.
    """
    name = printable(str(map_file))
    try:
        with map_file.open("rb") as stream:
            table: dict[str, Any] = tomllib.load(stream)
    except OSError as exc:
        raise OutputError(f"{name}: cannot read the map ({exc.strerror})") from None
    except tomllib.TOMLDecodeError as exc:
        raise OutputError(f"{name}: not valid TOML ({exc}); write lines such as "
                          '"/about/" = "/about-us.html"') from None  # fmt: skip
    mapping: dict[str, str] = {}
    claimed: dict[str, str] = {}
    for ours, theirs in table.items():
        where = f"{name}: {printable(ours)!r}"
        if ours not in pages:
            close = close_paths([ours], pages, MAX_SUGGESTIONS)
            also = f" (did you mean {', '.join(close)}?)" if close else ""
            raise OutputError(f"{where} is not one of our pages{also}; keys are our page paths")
        file = file_of(theirs) if isinstance(theirs, str) and theirs.startswith("/") else None
        if file is None:
            raise OutputError(f"{where}: the value must be a path on the host site, e.g. /x.html")
        if file not in files:
            raise OutputError(
                f"{where} maps to {printable(theirs)!r}, but the site folder has no page "
                f"{printable(file)}; map it to a page the site has"
            )
        if file in claimed:
            raise OutputError(f"{where}: {printable(file)} is already the page of {claimed[file]}")
        mapping[ours], claimed[file] = file, ours
    return mapping


class HostSite:
    """Our pages that the host has, each planned at the host's URL."""

    def __init__(
        self,
        site: Site,
        urls: Urls,
        paths: Collection[str],
        files: Collection[str],
        mapping: Mapping[str, str],
    ) -> None:
        self.site = site
        self.files = _match(paths, files, mapping)
        """Our page path → the file that is that page on the host."""
        hosted = {path: host_path_of(file) for path, file in self.files.items()}
        self.urls = HostUrls(urls.base, hosted)
        ghosts = frozenset(self.urls.absolute(path) for path in paths if path not in hosted)
        self.plans = {
            plan.path: _trim(plan, hosted, ghosts)
            for plan in plan_pages(site, self.urls, words=page_words)
            if plan.path in hosted
        }
        self.missing = sorted(set(paths) - set(hosted) - {urls.not_found})
        self._graphs = _HostGraphs(site, self.urls, ghosts)

    def head(self, path: str) -> PageHead:
        """The head tags of our page at ``path``, as the host serves it."""
        plan = self.plans[path]
        return page_head(self.site, self.urls, plan, standalone=False, graphs=self._graphs)


def _match(
    paths: Collection[str], files: Collection[str], mapping: Mapping[str, str]
) -> dict[str, str]:
    mapped = set(mapping.values())
    found: dict[str, str] = {}
    for path in paths:
        if path in mapping:
            found[path] = mapping[path]
            continue
        exact = output_file(path)
        flat = exact[: -len("/index.html")] + ".html" if exact.endswith("/index.html") else None
        for candidate in (exact, flat):
            if candidate is not None and candidate in files and candidate not in mapped:
                found[path] = candidate
                mapped.add(candidate)
                break
    return found


def _trim(plan: PagePlan, hosted: Mapping[str, str], ghosts: frozenset[str]) -> PagePlan:
    """The plan without breadcrumb steps or hreflang alternates the host does not have."""
    crumbs = tuple(crumb for crumb in plan.breadcrumbs if crumb.path in hosted)
    alternates = tuple(pair for pair in plan.alternates if pair[1] not in ghosts)
    if crumbs == plan.breadcrumbs and alternates == plan.alternates:
        return plan
    return replace(plan, breadcrumbs=crumbs, alternates=alternates)


class _HostGraphs(GraphMaker):
    """Graphs without a link to a page the host does not have."""

    def __init__(self, site: Site, urls: Urls, ghosts: frozenset[str]) -> None:
        super().__init__(site, urls)
        self._ghosts = ghosts

    def graph(self, page: PagePlan) -> GraphResult:
        result = super().graph(page)
        if not self._ghosts:
            return result
        nodes = [_prune(node, self._ghosts) for node in result.document["@graph"]]
        own = tuple(nodes[len(nodes) - len(result.page_nodes) :])
        site_json = ",".join(dumps_for_script(node) for node in nodes[: len(nodes) - len(own)])
        document = {**result.document, "@graph": nodes}
        return GraphResult(document, result.notes, site_json, own)


def _prune(value: Any, ghosts: frozenset[str]) -> Any:
    if isinstance(value, dict):
        return {
            key: _prune(item, ghosts)
            for key, item in value.items()
            if key == "@id" or not (isinstance(item, str) and item in ghosts)
        }
    if isinstance(value, list):
        return [
            _prune(item, ghosts) for item in value if not (isinstance(item, str) and item in ghosts)
        ]
    return value
