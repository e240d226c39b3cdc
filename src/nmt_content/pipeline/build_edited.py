"""A build after an edit to the bodies of a few articles: only their pages are rendered, from
a part of the site.

When the previous build of the folder had the same build key, the only sources that changed
since are a few of its article files, and the record of each one's page (everything another
page can show of it, :func:`~.incremental.page_record`) is the one that build recorded, then
the listing is unchanged, and with it every other page, the sitemaps and the feed
(:mod:`.build_to` says what each output depends on). Only those pages and their `seo.json`
entries can differ. They are rendered from the site loaded with just those articles, which
spares loading, planning and hashing the listing of the whole site.

What the other articles give a page of the whole site (the menu, the feed's link, a template's
list of articles) is checked, not assumed: one unchanged article page is rendered from the same
part of the site, and must come out as the bytes the previous build wrote for it, with the same
`seo.json` entry and notes. Anything else (a changed record, a new or removed file, an article
that does not load, an output folder touched since, a witness page that differs) gives None, and
the caller runs the incremental build of the whole site, whose output is the same.
"""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

from ..content.cache import ContentCache
from ..content.loader import ARTICLES_DIR, read_site
from ..errors import BuildError, ContentError
from ..pages.model import PagePlan
from ..urls import output_file
from .build_changed import reusable_state, state_record
from .build_to import FolderBuild
from .incremental import page_digest, record_digest
from .options import BuildOptions
from .output_state import RecordedOutput
from .outputs import OutputFile, Reuse
from .plan import MANIFEST_PATH, plan_build
from .render_pass import PageRenderer
from .reusable import ReusableFiles
from .standby import Standby
from .state import BuildState
from .static_outputs import missing_published_assets
from .writer import write_outputs

__all__ = ["MAX_EDITED", "build_edited"]

MAX_EDITED = 8
"""The most article files an edit may touch for this path; more are rendered by the whole
build's worker processes."""

_MANIFEST = MANIFEST_PATH.lstrip("/")


@dataclasses.dataclass(frozen=True, slots=True)
class _Page:
    """An edited page as rendered: its file, `seo.json` entry, notes and new digest."""

    source: str
    html: bytes
    entry: bytes
    notes: tuple[str, ...]
    digest: str


def build_edited(
    root: Path,
    out: Path,
    options: BuildOptions,
    key: str,
    recorded: RecordedOutput,
    current: Mapping[str, str],
    cache: ContentCache | None,
    require_assets: bool,
) -> FolderBuild | None:
    """Rebuild ``out`` after an edit to the bodies of a few articles under ``root``, or None
    when this path cannot tell the result is the whole build's (the caller then runs that).
    ``recorded`` is the previous build's state (same ``key``), ``current`` the digests of the
    sources now."""
    state = recorded.state
    edited = _edited_articles(state, current)
    known = _article_records(state)
    listing = state.get("listing")
    if not edited or known is None or not isinstance(listing, str):
        return None
    witness = next((source for source in known if source not in edited), None)
    if witness is None or any(source not in known for source in edited):
        return None
    reusable = reusable_state(recorded)
    sitemaps: Sequence[str] = reusable.get("sitemaps", ())
    if list(sitemaps) != state.get("sitemaps"):
        return None  # a state this path cannot trust for the sitemaps
    manifest: Mapping[str, tuple[int, int]] = reusable.get("manifest", {})
    page_notes: Mapping[str, tuple[str, ...]] = reusable.get("notes", {})
    if len(manifest) != state.get("pages") or manifest.keys() != page_notes.keys():
        return None  # `seo.json` was touched since, or the state is not one this path knows
    try:
        site = read_site(root, cache=cache, only={*edited, witness})
        plan = plan_build(site, options)
    except (ContentError, BuildError):
        return None
    if require_assets and missing_published_assets(site, plan):
        return None
    # The feed's link is the whole site's (a part of it may have no page the feed lists).
    feed_path = plan.urls.feed if output_file(plan.urls.feed) in state["files"] else None
    plan = dataclasses.replace(
        plan,
        feed_path=feed_path,
        feed_url=plan.urls.absolute(feed_path) if feed_path is not None else None,
    )
    pages = {page.source: page for page in plan.pages if page.article is not None}
    for source in (*edited, witness):
        page = pages.get(source)
        if page is None or (page.path, record_digest(page)) != known[source]:
            return None  # other pages show what changed of it
    renderer = PageRenderer(BuildState(site, plan, options))
    if not _renders_as_before(renderer, pages[witness], recorded, manifest, page_notes):
        return None
    rendered: dict[str, _Page] = {}
    for source in edited:
        page = pages[source]
        html, entry, notes = renderer.render_page(page)[:3]
        digest = page_digest(listing, page.path, current[source])
        rendered[output_file(page.path)] = _Page(source, html, entry, notes, digest)
    return _write(root, out, key, recorded, current, manifest, page_notes, sitemaps, rendered)


def _edited_articles(state: Mapping[str, Any], current: Mapping[str, str]) -> list[str] | None:
    """The article files whose bytes changed since the previous build, when nothing else did
    (no file added or removed, at most :data:`MAX_EDITED` of them); else None."""
    before = state.get("sources")
    if not isinstance(before, dict) or before.keys() != current.keys():
        return None
    edited = [name for name, digest in current.items() if before[name] != digest]
    if len(edited) > MAX_EDITED or not all(_is_article(name) for name in edited):
        return None  # `practice.yaml`, `static/` and the templates are sources too
    return edited


def _is_article(name: str) -> bool:
    return name.startswith(f"{ARTICLES_DIR}/") and name.endswith(".md")


def _article_records(state: Mapping[str, Any]) -> dict[str, tuple[str, str]] | None:
    """The previous build's article pages: content file → (page path, record digest)."""
    found = state.get("articles")
    if not isinstance(found, dict):
        return None
    records: dict[str, tuple[str, str]] = {}
    for source, record in found.items():
        if not (
            isinstance(record, list)
            and len(record) == 2
            and all(type(part) is str for part in record)
        ):
            return None
        records[source] = (record[0], record[1])
    return records


def _renders_as_before(
    renderer: PageRenderer,
    page: PagePlan,
    recorded: RecordedOutput,
    manifest: Mapping[str, tuple[int, int]],
    page_notes: Mapping[str, tuple[str, ...]],
) -> bool:
    """Whether ``page``, unchanged since the previous build, renders from this part of the
    site as that build wrote it: its file, its `seo.json` entry and its notes."""
    path = output_file(page.path)
    span = manifest.get(page.path)
    if span is None or not recorded.is_intact(path):
        return False
    folder = recorded.out
    html, entry, notes = renderer.render_page(page)[:3]
    if notes != page_notes.get(page.path):
        return False
    return (
        _read(folder / path, 0, len(html) + 1) == html
        and _read(folder / _MANIFEST, span[0], span[1]) == entry
    )


def _read(file: Path, offset: int, length: int) -> bytes | None:
    """``length`` bytes of a regular file of the previous output from ``offset`` (fewer at
    its end); None when it cannot be read."""
    try:
        descriptor = os.open(file, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
    except OSError:
        return None
    try:
        return os.pread(descriptor, length, offset)
    except OSError:
        return None
    finally:
        os.close(descriptor)


class _Touched(Exception):
    """A file of the previous output is no longer as that build wrote it."""


def _write(
    root: Path,
    out: Path,
    key: str,
    recorded: RecordedOutput,
    current: Mapping[str, str],
    manifest: Mapping[str, tuple[int, int]],
    page_notes: Mapping[str, tuple[str, ...]],
    sitemaps: Sequence[str],
    rendered: Mapping[str, _Page],
) -> FolderBuild | None:
    """Write the output: every file of the previous one, the edited pages and their entries
    in `seo.json` new; None when a file to keep was touched since (the output stays as it
    was)."""
    state = recorded.state
    files: Mapping[str, list[Any]] = state["files"]
    edits = sorted(
        (manifest[page_path], page_path)
        for page_path in manifest
        if output_file(page_path) in rendered
    )
    spans, notes = dict(manifest), dict(page_notes)
    shift = 0
    for page_path, (offset, length) in sorted(manifest.items(), key=lambda item: item[1][0]):
        page = rendered.get(output_file(page_path))
        spans[page_path] = (offset + shift, len(page.entry) if page else length)
        if page is not None:
            notes[page_path] = page.notes
            shift += len(page.entry) - length

    reusable = ReusableFiles(recorded)

    def opened(standby: Standby | None) -> None:
        if standby is not None:
            reusable.use_standby(standby.intact)

    def outputs() -> Iterator[OutputFile]:
        for path, (digest, _size, _mtime) in files.items():
            page = rendered.get(path)
            if page is not None:
                yield OutputFile(path, page.html, page.source, page.digest)
            elif path == _MANIFEST:
                continue
            elif reusable.get(path) == digest if digest else recorded.is_intact(path):
                yield OutputFile(path, Reuse(path), "the previous build", digest or None)
            else:
                raise _Touched(path)
        parts: list[bytes | Reuse] = []
        done = 0
        for (offset, length), page_path in edits:
            parts += [Reuse(_MANIFEST, done, offset - done), rendered[output_file(page_path)].entry]
            done = offset + length
        parts.append(Reuse(_MANIFEST, done, int(files[_MANIFEST][1]) - done))
        yield OutputFile(_MANIFEST, parts, "SEO manifest", append=True)

    def record() -> dict[str, Any]:
        return state_record(
            key=key,
            sources=current,
            pages=len(spans),
            page_notes=notes,
            manifest=spans,
            sitemaps=sitemaps,
            listing=state["listing"],
            articles=state["articles"],
        )

    try:
        written = write_outputs(outputs(), out, content_root=root, state=record, opened=opened)
    except _Touched:
        return None
    return FolderBuild(
        out_dir=out,
        pages=len(spans),
        files=written.files,
        bytes=written.bytes,
        rendered=len(rendered),
        reused=written.reused,
        up_to_date=False,
        notes=list(dict.fromkeys(note for page in notes.values() for note in page)),
    )
