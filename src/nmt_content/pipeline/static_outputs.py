"""The files of `static/`, published as they are: streamed from the content root, or reused
from the previous output when their bytes did not change."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING

from ..content.loader import PRACTICE_FILE
from ..content.static import STATIC_DIR
from ..errors import BuildError, ContentIssue
from ..pages.model import PagePlan
from ..site import Site, StaticFile, static_path
from ..urls import RESERVED_PATHS
from .incremental import Incremental
from .outputs import OutputFile, Reuse, SourceFile

if TYPE_CHECKING:
    from .plan import BuildPlan
    from .static_copy import EarlyStatic

__all__ = ["missing_published_assets", "refuse_static_collisions", "static_outputs"]


def static_outputs(
    files: Sequence[StaticFile],
    incremental: Incremental | None,
    early: EarlyStatic | None = None,
) -> Iterator[OutputFile]:
    """One output per `static/` file, its digest the hash of its bytes (when known), so the
    next incremental build can hard-link it instead of copying it again. A file ``early``
    copied already is the record of its copy."""
    for file in files:
        source = f"{STATIC_DIR}/{file.path}"
        digest = incremental.sources.get(source) if incremental is not None else None
        written = early.claim(file) if early is not None else None
        if written is not None:
            yield OutputFile(file.path, written, source, digest)
        elif (
            digest is not None
            and incremental is not None
            and incremental.files.get(file.path) == digest
        ):
            yield OutputFile(file.path, Reuse(file.path), source, digest)
        else:
            yield OutputFile(file.path, SourceFile(file.file), source, digest)


def refuse_static_collisions(
    files: Sequence[StaticFile],
    pages: Sequence[PagePlan],
    page_files: Sequence[str],
) -> None:
    """Raise :class:`BuildError` naming both sides when a `static/` file would take the place of
    a generated file (a page, or a file the build writes itself) or of a folder one needs.
    ``page_files`` are the pages' files (:attr:`~.plan.BuildPlan.files`), in page order."""
    generated: dict[str, str] = {}
    for page, path in zip(pages, page_files, strict=True):
        generated[path] = page.source or f"the {page.kind.replace('_', ' ')} page"
    for name in sorted(RESERVED_PATHS - {"assets"}):
        generated.setdefault(name, f"the build's own {name}")
    generated["assets/site.css"] = "the theme's stylesheet"
    folders = {parent for path in generated for parent in _parents(path)}
    for file in files:
        path, source = file.path, f"{STATIC_DIR}/{file.path}"
        owner = generated.get(path)
        if owner is None and _is_sitemap_child(path):
            owner = "a sitemap the build splits off"
        if owner is not None:
            raise BuildError(
                f"{source} and {owner} would both be written to {path}; rename {source}"
            )
        if path in folders:
            raise BuildError(f"{source}: the build needs a folder {path}/ for its pages; rename it")
        for parent in _parents(path):
            if parent in generated:
                raise BuildError(
                    f"{source}: needs a folder {parent}/, but {parent} is written by "
                    f"{generated[parent]}; move it"
                )


def _parents(path: str) -> Iterator[str]:
    parts = path.split("/")
    for end in range(1, len(parts)):
        yield "/".join(parts[:end])


def _is_sitemap_child(path: str) -> bool:
    return path.startswith("sitemap-") and path.endswith(".xml") and path[8:-4].isdigit()


def missing_published_assets(site: Site, plan: BuildPlan) -> list[ContentIssue]:
    """The logo and each link-preview image (`og:image`) of the planned pages that points into
    the site but at no `static/` file, with its file, line and field."""
    base = plan.urls.base
    lines = site.practice_lines
    wanted: list[tuple[str, int | None, str, str]] = []
    for field, src in (
        ("practice.logo", site.practice.logo),
        ("practice.image", site.practice.image),
    ):
        if src:
            line = lines.line(tuple(field.split("."))) if lines is not None else None
            wanted.append((PRACTICE_FILE, line, field, src))
    for page in plan.pages:
        if page.kind == "about" and page.therapist is not None and page.therapist.image:
            index = site.therapists.index(page.therapist)
            line = lines.line(("therapists", index, "image")) if lines is not None else None
            wanted.append((PRACTICE_FILE, line, f"therapists.{index}.image", page.therapist.image))
        article = page.article
        if article is not None and article.meta.image is not None:
            wanted.append(
                (article.source, article.key_line("image"), "image.src", article.meta.image.src)
            )
    problems: list[ContentIssue] = []
    for path, line, field, src in wanted:
        relative = static_path(src, base)
        if relative is not None and site.static_file(src, base) is None:
            message = (
                f"`{src}` is not in static/ (no file static/{relative}); put the file there, "
                "or build with --allow-missing-assets"
            )
            problems.append(ContentIssue(path, line, None, field, message))
    return list(dict.fromkeys(problems))
