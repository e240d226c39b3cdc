"""Build into a folder, incrementally: do only the work whose inputs changed.

What each output depends on, and so when it is made again:

- every file depends on the *build key*: this tool (version, code, built-in templates, library
  versions), the options, `practice.yaml` and the files of `--templates`;
- every page also depends on the *listing*: the facts of every page that lists, menus and
  structured data can show (titles, descriptions, dates, images, services of each article), so a
  changed title or date re-renders every page, while an edit to an article's body does not;
- an article's page also depends on its own file;
- a `static/` file depends on its own bytes only (pages depend on the sizes of the images in
  `static/`, part of the key), and is hard-linked from the previous output while unchanged;
- `seo.json` is reassembled from the previous entries of unchanged pages and the new ones; the
  sitemaps, feed and `robots.txt` are cheap and always written.

Hashes are of file contents (SHA-256), never times. The previous output's state, which records
each file's digest, size and modification time, lives next to the output, in
`.nmt-content-cache/<output folder name>.json`.
A previous file is reused (kept in the standby copy the writer updates, or linked from the
output) only when its digest matches and its size and time show it was not touched since; the
result is swapped in atomically as in a full build (see :mod:`.writer`). When nothing changed at
all, nothing is written.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from ..content.cache import ContentCache
from ..content.digests import cached_tool_fingerprint, source_digests, tool_fingerprint
from .heap import collector_paused
from .options import BuildOptions
from .output_dir import check_output_dir
from .output_lock import output_lock
from .output_state import PreviousOutput, RecordedOutput, recorded_output

if TYPE_CHECKING:
    from .build import BuildRun

__all__ = ["FolderBuild", "build_key", "build_to", "default_jobs"]

ProgressCallback = Callable[[int, int], None]
"""Called with (pages done, pages in all) as pages are written."""


@dataclass
class FolderBuild:
    """What a build into a folder did."""

    out_dir: Path
    pages: int
    files: int
    bytes: int
    rendered: int
    """Pages rendered; the others were reused from the previous output."""
    reused: int
    """Files hard-linked from the previous output."""
    up_to_date: bool
    """Nothing had changed, so nothing was written."""
    notes: list[str] = field(default_factory=list)
    run: BuildRun | None = field(default=None, repr=False, compare=False)
    """The build that wrote the folder (its site, plan and report); None when nothing changed,
    or when only the bodies of a few articles did (see :func:`build_to`'s ``whole_site``)."""


def default_jobs() -> int:
    """The cores this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - not Linux
        return max(1, os.cpu_count() or 1)


def build_key(options: BuildOptions, tool: str | None = None) -> str:
    """A hash of the tool and the options (the templates folder's files count as sources)."""
    settings = {
        "base_url": options.base_url,
        "templates": str(options.templates) if options.templates is not None else None,
        "drafts": options.include_drafts,
        "max_sitemap_urls": options.max_sitemap_urls,
        "max_sitemap_bytes": options.max_sitemap_bytes,
    }
    text = json.dumps([tool or tool_fingerprint(), settings], sort_keys=True)
    return hashlib.sha256(text.encode()).hexdigest()


# Reading the cache, loading and planning make hundreds of thousands of objects that live until
# the build ends, and free next to none: with the collector on, its full passes over them took a
# second at 100,000 articles, and its younger passes as much again, finding nothing to collect
# (a thirteenth of the time of a one-article edit at 10,000). The pause covers every kind of
# build; garbage cycles are collected once it ends.
@collector_paused()
def build_to(
    root: Path,
    out_dir: Path,
    options: BuildOptions,
    *,
    jobs: int = 1,
    incremental: bool = True,
    progress: ProgressCallback | None = None,
    require_assets: bool = False,
    cache: bool = True,
    whole_site: bool = False,
) -> FolderBuild:
    """Build the site under ``root`` into ``out_dir``, as `nmt-content build` does.

        from pathlib import Path
        from nmt_content import BuildOptions, build_to

        done = build_to(Path("."), Path("public"), BuildOptions(base_url="https://example.com/"))
        print(f"{done.pages} pages, {done.files} files in {done.out_dir}")

    ``root`` holds `practice.yaml` and `articles/`. ``out_dir`` is made if missing and replaced
    in one step, so a failed build leaves the previous one as it was; it may not hold the content,
    be your home folder, or be a folder with files that no build made. What the
    previous build of that folder made from the same inputs is reused (unless ``incremental`` is
    false); when nothing changed, nothing is written and ``up_to_date`` is true. ``jobs`` above 1
    loads and renders in that many forked processes, with the same bytes. ``progress`` is called
    with (pages written, pages in all). With ``require_assets``, a logo or link-preview image
    that points into the site but at no file of `static/` is a :class:`ContentError` (as
    `nmt-content build` without ``--allow-missing-assets``). With ``cache`` (the default), the
    content cache in `ROOT/.nmt-cache/` spares reading and parsing the articles that did not
    change (:mod:`nmt_content.content.cache`); the output is the same without it. After an
    edit to the bodies of a few articles alone, only their pages are rendered, from a site
    loaded with just those articles (:mod:`.build_edited`), and ``run`` is None; with
    ``whole_site``, the whole site is loaded and planned even then (the preview keeps it).

    Raises:
        ContentError: the content does not load, or (``require_assets``) an image is missing;
            ``issues`` lists every problem.
        OutputError: ``out_dir`` is unsafe or cannot be written; nothing was changed.
        BuildError: the site cannot be built, e.g. two pages would have one URL.
        ValueError: ``options.base_url`` is not an absolute http(s) URL.
        jinja2.TemplateError: a template in ``options.templates`` is broken.
    """
    out = check_output_dir(out_dir, root)
    # From reading the previous output's state to saving the new one, no other build of `out`
    # may run (one that never built there yet takes the lock when it writes).
    locked = output_lock(out) if out.exists() else contextlib.nullcontext()
    with locked:
        content_cache = ContentCache.open(root, cached_tool_fingerprint(root)) if cache else None
        try:
            built = _build_to(
                root,
                out,
                options,
                jobs,
                incremental,
                progress,
                require_assets,
                content_cache,
                whole_site,
            )
        finally:
            if content_cache is not None:
                content_cache.save()
        if content_cache is not None:
            built.notes += content_cache.notes
        return built


def _build_to(
    root: Path,
    out: Path,
    options: BuildOptions,
    jobs: int,
    incremental: bool,
    progress: ProgressCallback | None,
    require_assets: bool,
    cache: ContentCache | None,
    whole_site: bool,
) -> FolderBuild:
    key = build_key(options, cache.tool if cache is not None else None)
    recorded = recorded_output(out) if incremental else None
    current = source_digests(root, options.templates, cache=cache) if recorded is not None else None
    previous: PreviousOutput | RecordedOutput | None = recorded
    if (
        recorded is not None
        and recorded.state.get("key") == key
        and recorded.state.get("sources") == current
    ):
        # Nothing it was made from changed: read the whole folder to know it is as written.
        if cache is not None:  # nothing is loaded unless the folder was changed
            cache.forget_listed()
        previous = recorded.scanned()
        if previous is not None and previous.complete:
            return _unchanged(out, previous)
    # A build into a new output copies `static/` while this process loads the site (one
    # processor busy, the others idle), into a staging folder made now (see `.static_copy`),
    # and renders the articles' Markdown meanwhile (see `.early_markdown`).
    from .early_markdown import early_markdown
    from .writer import early_staging

    early_copy = early_staging(root, out, jobs) if recorded is None else contextlib.nullcontext()
    markdown = early_markdown(root, jobs) if recorded is None else contextlib.nullcontext()
    with early_copy as early, markdown as rendering:
        # The seam: everything below loads, renders and writes, and is imported only now.
        from .build_changed import build_changed

        if (
            not whole_site
            and recorded is not None
            and current is not None
            and recorded.state.get("key") == key
        ):
            from .build_edited import build_edited

            edited = build_edited(root, out, options, key, recorded, current, cache, require_assets)
            if edited is not None:
                return edited

        return build_changed(
            root,
            out,
            options,
            key,
            previous,
            current,
            jobs,
            incremental,
            progress,
            require_assets,
            cache,
            early,
            rendering,
        )


def _unchanged(out: Path, previous: PreviousOutput) -> FolderBuild:
    records = previous.state.get("files", {})
    notes = previous.state.get("notes", [])
    pages = previous.state.get("pages", 0)
    return FolderBuild(
        out_dir=out,
        pages=pages if type(pages) is int else 0,
        files=len(records),
        bytes=sum(int(record[1]) for record in records.values()),
        rendered=0,
        reused=len(records),
        up_to_date=True,
        notes=[str(note) for note in notes] if isinstance(notes, list) else [],
    )
