"""`nmt-content inject`: enrich a folder of HTML that another generator built.

Each HTML file is one of our pages at the URL the host serves it from (see :mod:`.inject_host`);
matched files get our head tags, the rest are left alone. `sitemap.xml` gets our pages merged in
(the other generator's entries are kept whole) and `robots.txt` a `Sitemap:` line if it has none.
Non-HTML files are never touched.

All or nothing, like `build`: :class:`InjectJob` first reads and checks everything it will need
(every matched page, decoded and injected in memory; the sitemap, robots.txt and the map), and
rewrites nothing when anything is wrong. Only then does :meth:`InjectJob.apply` replace the files
that change, each atomically, after checking each is still the file that was checked. Pages are
not held between the two steps, so memory stays a small multiple of the largest page.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import OutputError, printable
from ..limits import MAX_INJECT_PAGE_BYTES
from ..pipeline.writer import replace_file
from ..render.sitemap import PROTOCOL_MAX_BYTES, sitemap_entries
from ..site import Site
from ..urls import Urls
from .api import pages_of
from .inject_encoding import Decoded, PageEncodingError, decode_page, encodable_tags
from .inject_files import SiteFileError, is_regular_file, list_site, read_site_file
from .inject_host import HostSite, read_map
from .inject_html import inject_document
from .inject_jsonld import Claims
from .inject_sitemap import merge_robots, merge_sitemap

__all__ = ["InjectJob", "InjectReport", "inject_site", "merge_robots", "merge_sitemap"]


@dataclass
class InjectReport:
    """What `inject` does (or, in a dry run, would do) to a site folder."""

    matched: list[tuple[str, str]] = field(default_factory=list)
    """(file, our page path) pairs that receive our head tags."""
    unchanged: list[str] = field(default_factory=list)
    """Matched files whose tags were already current."""
    skipped: list[str] = field(default_factory=list)
    """HTML files with no matching page."""
    left: list[tuple[str, str]] = field(default_factory=list)
    """(entry, why): entries named like pages that are not regular files inside the folder."""
    missing: list[str] = field(default_factory=list)
    """Our pages with no file in the folder (linked nowhere)."""
    written: list[str] = field(default_factory=list)
    """Site-wide files written or merged (sitemap.xml, robots.txt)."""
    jsonld: list[tuple[str, tuple[str, ...]]] = field(default_factory=list)
    """(file, what it shares with ours) for each foreign JSON-LD script that describes what ours
    does; removed when ``replace_jsonld``, else kept and reported."""
    replace_jsonld: bool = False
    problems: list[tuple[str, str]] = field(default_factory=list)
    """(file, why) for matched pages that cannot be injected; nothing is written if any."""


class InjectJob:
    """Everything `inject` will do to ``site_dir``, read and checked; :meth:`apply` does it."""

    def __init__(
        self,
        site_dir: Path,
        site: Site,
        *,
        base_url: str | None = None,
        map_file: Path | None = None,
        replace_jsonld: bool = False,
    ) -> None:
        if not site_dir.is_dir():
            raise OutputError(f"{printable(str(site_dir))} is not a folder of HTML files")
        self.site_dir = site_dir
        self.report = report = InjectReport(replace_jsonld=replace_jsonld)
        listing = list_site(site_dir)
        report.left = listing.left
        paths = list(pages_of(site, base_url=base_url))
        urls = Urls.for_base(base_url or site.practice.url)
        mapping = read_map(map_file, paths, listing.pages) if map_file else {}
        self.host = HostSite(site, urls, paths, listing.pages, mapping)
        by_file = {file: path for path, file in self.host.files.items()}
        self._digests: dict[str, tuple[str, str]] = {}
        """File → (our page path, digest of the bytes checked) for each file that changes."""
        for file in listing.pages:
            path = by_file.get(file)
            if path is None:
                report.skipped.append(file)
                continue
            report.matched.append((file, path))
            self._check_page(file, path)
        report.missing = self.host.missing
        self._sitemap, self._robots = self._site_files(urls)

    def _check_page(self, file: str, path: str) -> None:
        try:
            digest, enriched, shared = self._enrich(file, path)
        except (SiteFileError, PageEncodingError) as exc:
            self.report.problems.append((file, str(exc)))
            return
        self.report.jsonld += [(file, names) for names in shared]
        if hashlib.sha256(enriched).hexdigest() == digest:
            self.report.unchanged.append(file)
        else:
            self._digests[file] = (path, digest)

    def _enrich(self, file: str, path: str) -> tuple[str, bytes, tuple[tuple[str, ...], ...]]:
        """The digest of the page's bytes, the page with our tags, and the foreign JSON-LD that
        overlaps ours. Each copy of the page is let go as soon as the next exists."""
        data = read_site_file(self.site_dir, file, MAX_INJECT_PAGE_BYTES)
        if data is None:
            raise SiteFileError("it disappeared while inject ran")
        digest = hashlib.sha256(data).hexdigest()
        page = decode_page(data)
        del data
        text, encoding, bom = page.text, page.encoding, page.bom
        del page
        head = self.host.head(path)
        injection = inject_document(
            text,
            encodable_tags(head.html, encoding),
            claims=Claims.of(head.graph.document),
            replace_jsonld=self.report.replace_jsonld,
        )
        del text
        return digest, Decoded(injection.html, encoding, bom).encode(), injection.overlapping

    def _site_files(self, urls: Urls) -> tuple[bytes | None, bytes | None]:
        """The new sitemap.xml and robots.txt, or None for one that stays as it is."""
        base = urls.base
        existing = self._read("sitemap.xml", PROTOCOL_MAX_BYTES)
        plans = [self.host.plans[path] for path in sorted(self.host.plans)]
        try:
            sitemap = merge_sitemap(existing, sitemap_entries(plans), base)
        except OutputError as exc:
            raise OutputError(f"{self._name('sitemap.xml')}: {exc}") from None
        robots_bytes = self._read("robots.txt", MAX_INJECT_PAGE_BYTES)
        robots = None if robots_bytes is None else robots_bytes.decode("utf-8", "surrogateescape")
        merged = merge_robots(robots, base + "sitemap.xml").encode("utf-8", "surrogateescape")
        new_sitemap = None if sitemap == existing else sitemap
        new_robots = None if merged == robots_bytes else merged
        self.report.written = [
            name
            for name, data in (("sitemap.xml", new_sitemap), ("robots.txt", new_robots))
            if data
        ]
        return new_sitemap, new_robots

    def _read(self, name: str, limit: int) -> bytes | None:
        try:
            return read_site_file(self.site_dir, name, limit)
        except SiteFileError as exc:
            raise OutputError(
                f"{self._name(name)}: {exc}; replace it with a regular file or remove it "
                "(nothing was changed)"
            ) from None

    def _name(self, relative: str) -> str:
        return printable((self.site_dir / relative).as_posix())

    def apply(self) -> None:
        """Rewrite the files that change. Raises :class:`OutputError` when a page cannot be
        injected (nothing is written then) or a file changed since it was checked."""
        if self.report.problems:
            file, why = self.report.problems[0]
            more = len(self.report.problems) - 1
            also = f" (and {more} more)" if more else ""
            raise OutputError(
                f"{self._name(file)}: cannot inject: {why}{also}; nothing was changed"
            )
        for file, (path, digest) in self._digests.items():
            try:
                now, enriched, _ = self._enrich(file, path)
            except (SiteFileError, PageEncodingError) as exc:
                raise OutputError(f"{self._name(file)}: {exc}") from None
            if now != digest:
                raise OutputError(f"{self._name(file)}: changed while inject ran; run it again")
            self._replace(file, enriched)
        for name, data in (("sitemap.xml", self._sitemap), ("robots.txt", self._robots)):
            if data is not None:
                self._replace(name, data)

    def _replace(self, relative: str, data: bytes) -> None:
        target = self.site_dir.joinpath(*relative.split("/"))
        if (target.exists() or target.is_symlink()) and not is_regular_file(target):
            raise OutputError(f"{self._name(relative)}: is no longer a regular file")
        replace_file(target, data)


def inject_site(
    site_dir: Path,
    site: Site,
    *,
    base_url: str | None = None,
    map_file: Path | None = None,
    replace_jsonld: bool = False,
    dry_run: bool = False,
) -> InjectReport:
    """Inject head tags into every matching page under ``site_dir`` and merge sitemap/robots;
    with ``dry_run``, only report what would change."""
    job = InjectJob(
        site_dir, site, base_url=base_url, map_file=map_file, replace_jsonld=replace_jsonld
    )
    if not dry_run:
        job.apply()
    return job.report
