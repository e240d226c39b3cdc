"""A build into a folder when something changed (see :mod:`.build_to`, which decides that and
explains what each output depends on): load the site, render what is not reusable, write.

Apart from :mod:`.build_to` so that a rebuild that finds nothing changed never imports the
loader, the models, the renderer or the writer.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Generator, Mapping, Sequence
from contextlib import closing
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..content.cache import ContentCache
from ..content.digests import template_digests
from ..content.loader import read_article_body, read_site
from ..content.static_files import STATIC_DIR, static_digests
from ..errors import ContentError
from .build import BuildRun
from .build_to import FolderBuild, ProgressCallback
from .incremental import Incremental
from .loading import article_mapper
from .options import BuildOptions
from .output_state import PreviousOutput, RecordedOutput
from .outputs import OutputFile
from .reusable import ReusableFiles
from .standby import Standby
from .static_outputs import missing_published_assets
from .writer import write_outputs

if TYPE_CHECKING:
    from .early_markdown import EarlyMarkdown
    from .static_copy import EarlyStatic

__all__ = ["build_changed"]

_SITEMAP = re.compile(r"sitemap(-[1-9][0-9]*)?\.xml")
"""The name of a sitemap or of a child of a sitemap index (:mod:`~nmt_content.render.sitemap`)."""


def build_changed(
    root: Path,
    out: Path,
    options: BuildOptions,
    key: str,
    previous: PreviousOutput | RecordedOutput | None,
    current: dict[str, str] | None,
    jobs: int,
    incremental: bool,
    progress: ProgressCallback | None,
    require_assets: bool,
    cache: ContentCache | None,
    early: EarlyStatic | None = None,
    early_markdown: EarlyMarkdown | None = None,
) -> FolderBuild:
    """Build ``root`` into ``out``, reusing what ``previous`` (the output's state, when
    ``incremental``) made from the same inputs; ``key`` is the build key and ``current`` the
    digests of the sources when they were taken (None when there was no previous output).
    A ``previous`` output whose folder was not read yet (:class:`RecordedOutput`) has its files
    looked at one by one, those of the standby copy first (:mod:`.reusable`). ``early`` is the
    new folder the files go to, `static/` being copied into it (:func:`~.writer.early_staging`);
    ``early_markdown`` renders the articles' Markdown meanwhile (:mod:`.early_markdown`)."""
    digests: dict[str, str] = {}
    site = read_site(
        root, mapper=article_mapper(jobs), digests=digests, keep_bodies=False, cache=cache
    )
    loaded = {
        f"{STATIC_DIR}/{file.path}": (file.stat, file.digest)
        for file in site.static
        if file.digest is not None and file.stat is not None
    }
    static: dict[str, str]
    if current is None and len(loaded) == len(site.static):
        # Loading hashed every file of `static/` (and refused any it may not publish): walking
        # the folder again would find the same digests, recorded in the cache already.
        static = {name: digest for name, (_stat, digest) in loaded.items()}
    else:
        static = {
            name: digest
            for name, digest in (
                current if current is not None else static_digests(root, cache=cache, loaded=loaded)
            ).items()
            if name.startswith(f"{STATIC_DIR}/")
        }
    if cache is not None:  # now, not after rendering: its records need not stay in memory
        cache.save()
    sources = {**digests, **static, **template_digests(options.templates)}  # as loaded
    # A `static/` file's bytes matter to its own copy only; what pages show of it is its size.
    shared: dict[str, object] = {
        name: digest
        for name, digest in sources.items()
        if not name.startswith(("articles/", f"{STATIC_DIR}/"))
    }
    shared["static images"] = [(f.path, f.width, f.height) for f in site.static if f.width]
    reusable = reusable_state(previous) if previous is not None and incremental else {}
    plan = Incremental(
        key=hashlib.sha256(json.dumps([key, shared], sort_keys=True).encode()).hexdigest(),
        sources=sources,
        **reusable,
    )
    files = reusable.get("files")

    def opened(standby: Standby | None) -> None:
        if standby is not None and isinstance(files, ReusableFiles):
            files.use_standby(standby.intact)

    run = BuildRun(
        site,
        options,
        jobs=jobs,
        incremental=plan,
        body=lambda article: read_article_body(root, article.source),
        static_alongside=True,
        early_static=early,
        early_markdown=early_markdown,
    )
    if require_assets and (missing := missing_published_assets(site, run.plan)):
        raise ContentError(missing)
    outputs = run.outputs()
    if progress is not None:
        outputs = _counting(outputs, run.plan.files, progress)

    def state() -> dict[str, Any]:
        report = run.report
        return state_record(
            key=key,
            sources=sources,
            pages=len(report.pages),
            page_notes=report.page_notes,
            manifest=report.manifest_spans,
            sitemaps=run.sitemaps,
            listing=run.listing,
            articles=run.article_records,
        )

    written = write_outputs(
        outputs,
        out,
        content_root=root,
        state=state,
        trust_standby=incremental,
        opened=opened,
        direct=run.write_pages_to,
        late_digests=run.late_digests,
        early=early,
    )
    report = run.report
    return FolderBuild(
        out_dir=out,
        pages=len(report.pages),
        files=written.files,
        bytes=written.bytes,
        rendered=report.rendered,
        reused=written.reused,
        up_to_date=False,
        notes=list(report.notes),
        run=run,
    )


def state_record(
    *,
    key: str,
    sources: Mapping[str, str],
    pages: int,
    page_notes: Mapping[str, Sequence[str]],
    manifest: Mapping[str, tuple[int, int]],
    sitemaps: Sequence[str],
    listing: str | None,
    articles: Mapping[str, tuple[str, str]],
) -> dict[str, Any]:
    """What a folder build records of itself for the next one (besides each file's record):
    ``page_notes`` and ``manifest`` (each page's `seo.json` span) in page order."""
    # Most pages raise the same few notes: each text is recorded once, pages name them by
    # their place in that list (a state a third smaller, to write and to read).
    texts: dict[str, int] = {}
    places = {
        path: [texts.setdefault(note, len(texts)) for note in notes]
        for path, notes in page_notes.items()
    }
    return {
        "key": key,
        "sources": sources,
        "pages": pages,
        "notes": list(texts),  # every note once, in the order the pages first raise it
        "note_texts": list(texts),
        "page_notes": places,
        "manifest": dict(manifest),
        "sitemaps": list(sitemaps),
        "listing": listing,
        "articles": articles,
    }


def reusable_state(previous: PreviousOutput | RecordedOutput) -> dict[str, Any]:
    """What :class:`Incremental` may take from the previous state, checked for shape: a state
    file is input like any other, and a malformed one only makes the build a full one."""
    state = previous.state
    manifest: dict[str, tuple[int, int]] = {}
    notes: dict[str, tuple[str, ...]] = {}
    try:
        if (
            previous.is_intact("seo.json")
            if isinstance(previous, RecordedOutput)
            else "seo.json" in previous.intact
        ):
            for path, (offset, length) in dict(state.get("manifest", {})).items():
                manifest[str(path)] = (int(offset), int(length))
        texts = state.get("note_texts", [])
        if not (isinstance(texts, list) and all(type(text) is str for text in texts)):
            return {}
        known: dict[tuple[int, ...], tuple[str, ...]] = {}
        for path, places in dict(state.get("page_notes", {})).items():
            key = tuple(places)
            found = known.get(key)
            if found is None:
                if not all(type(place) is int and 0 <= place < len(texts) for place in key):
                    return {}
                found = known[key] = tuple(texts[place] for place in key)
            notes[str(path)] = found
        sitemaps = state.get("sitemaps", [])
        if not (
            isinstance(sitemaps, list)
            and all(type(path) is str and _SITEMAP.fullmatch(path) for path in sitemaps)
            and len(set(sitemaps)) == len(sitemaps)
        ):
            sitemaps = []
    except (TypeError, ValueError):
        return {}
    files: Mapping[str, str] = (
        ReusableFiles(previous) if isinstance(previous, RecordedOutput) else dict(previous.digests)
    )
    return {
        "files": files,
        "manifest": manifest,
        "notes": notes,
        "sitemaps": tuple(sitemaps),
    }


def _counting(
    outputs: Generator[OutputFile, None, None],
    files: Sequence[str],
    progress: ProgressCallback,
) -> Generator[OutputFile, None, None]:
    """``outputs``, calling ``progress`` at each page (``files``: the pages' files; the
    site-wide files and `static/` copies come between them); closing it closes ``outputs``."""
    paths = set(files)
    done = 0
    with closing(outputs):
        for output in outputs:
            if not output.append and output.path in paths:
                done += 1
                progress(done, len(files))
            yield output
