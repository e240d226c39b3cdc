"""What an incremental build hashes to know what changed: every content file, `static/`, the
templates folder, and this tool itself (its version, code and built-in files)."""

from __future__ import annotations

import hashlib
import os
import sys
import time
from pathlib import Path

from ..errors import ContentError, ContentIssue, UnsafeFileError
from ..limits import MAX_CONTENT_FILE_BYTES, MAX_TEMPLATE_FILE_BYTES
from .cache import RACY_NS, ContentCache, file_stat, known_tool, remember_tool
from .listing import PRACTICE_FILE, display_path, listed_articles
from .safe_paths import read_regular, resolve_inside, walk_files
from .static_files import static_digests

__all__ = [
    "cached_tool_fingerprint",
    "source_digests",
    "template_digests",
    "tool_fingerprint",
]


def source_digests(
    root: str | os.PathLike[str] = ".",
    templates: str | os.PathLike[str] | None = None,
    *,
    cache: ContentCache | None = None,
) -> dict[str, str]:
    """The SHA-256 of every input file's bytes: `practice.yaml`, every article, every file of
    `static/` (as ``static/<path>``) and, with
    ``templates``, every file in that folder (as ``templates:<relative path>``).

    Reads bytes and parses nothing, so an unchanged site can be recognised without loading it.
    A file that cannot be read is left out (the build then notices the difference). With
    ``cache``, `practice.yaml` and the articles whose stat it knows are not read, and the
    digests of those read are recorded there.
    """
    root_path = Path(root)
    digests: dict[str, str] = {}
    articles, _, names = listed_articles(root_path, cache)
    files = [root_path / PRACTICE_FILE, *articles]
    for file, relative in zip(files, [PRACTICE_FILE, *names], strict=True):
        known = cache.digest(relative, file) if cache is not None else None
        if known is not None:
            digests[relative] = known
            continue
        stat = file_stat(file) if cache is not None else None  # before reading
        try:
            # A file above the limit is never read: it cannot load, and `load_site` says why.
            digest = hashlib.sha256(read_regular(file, MAX_CONTENT_FILE_BYTES)).hexdigest()
        except UnsafeFileError as exc:
            if exc.size is None:
                continue
            digest = f"too large: {exc.size}"
        except OSError:
            continue
        digests[relative] = digest
        if cache is not None and not digest.startswith("too large"):
            cache.record_file(relative, stat, digest)
    digests.update(static_digests(root_path, cache=cache))
    digests.update(_folder_digests(templates, "templates:"))
    return digests


def _folder_digests(
    folder: str | os.PathLike[str] | None, prefix: str, *, strict: bool = False
) -> dict[str, str]:
    """The SHA-256 of every regular file in ``folder`` (hidden ones left out). With ``strict``,
    a file that cannot be followed or read (a link out of the folder, a FIFO, one above the
    size limit) is a :class:`ContentError` naming it; otherwise it is left out."""
    digests: dict[str, str] = {}
    if folder is None or not Path(folder).is_dir():
        return digests
    base = Path(folder)
    files, problems = walk_files(base)
    issues = [ContentIssue(str(p.path), None, None, "", f"not read: {p.reason}") for p in problems]
    for file in files:
        try:
            raw = read_regular(resolve_inside(base, file), MAX_TEMPLATE_FILE_BYTES)
        except OSError as exc:
            issues.append(ContentIssue(str(file), None, None, "", f"not read: {exc}"))
            continue
        digests[prefix + display_path(file.relative_to(base))] = hashlib.sha256(raw).hexdigest()
    if strict and issues:
        raise ContentError(issues)
    return digests


def tool_fingerprint() -> str:
    """A hash of this tool as installed: its version, every file of the package (code, built-in
    templates, data) and the versions of Python and of the libraries whose output we publish.
    An incremental build's cache is valid only for the same fingerprint."""
    from importlib import metadata  # a fifth of a no-change build's imports: only when needed

    digest = hashlib.sha256(sys.version.encode())
    for library in (
        "nmt-content",
        "jinja2",
        "markupsafe",
        "pyromark",
        "pydantic",
        "pyyaml",
        "python-slugify",
    ):
        try:
            digest.update(f"\0{library}={metadata.version(library)}".encode())
        except metadata.PackageNotFoundError:
            digest.update(f"\0{library}=?".encode())
    package = Path(__file__).resolve().parents[1]  # all of nmt_content/, not only content/
    for name, value in sorted(_folder_digests(package, "").items()):
        if "__pycache__" not in name:
            digest.update(f"\0{name}={value}".encode())
    return digest.hexdigest()


def cached_tool_fingerprint(root: str | os.PathLike[str]) -> str:
    """:func:`tool_fingerprint`, computed once per installation of this tool and remembered in
    ``root``'s content cache under a stamp of the installation: the stat (size, modification
    and change times, inode) of every file of the package, and Python's version and import
    folders with the stat of each. Installing, upgrading or removing a library changes the
    folder it is installed in; editing a file of the package changes its stat. A package file
    modified within :data:`~.cache.RACY_NS` of now leaves nothing remembered (its stat may not
    change with a second edit)."""
    stamp = _installation_stamp()
    if stamp is None:
        return tool_fingerprint()
    tool = known_tool(root, stamp)
    if tool is None:
        tool = tool_fingerprint()
        remember_tool(root, stamp, tool)
    return tool


def _installation_stamp() -> str | None:
    """A digest of the stats that :func:`cached_tool_fingerprint` trusts, or None when one of the
    package's files is too recent to trust."""
    recent = time.time_ns() - RACY_NS
    stamp = hashlib.sha256(sys.version.encode())
    for folder in sys.path:
        stamp.update(f"\0{folder}={_stat_key(folder)}".encode())
    pending = [Path(__file__).resolve().parents[1]]
    while pending:
        with os.scandir(pending.pop()) as entries:
            for entry in sorted(entries, key=lambda e: e.name):
                if entry.name == "__pycache__":
                    continue
                if entry.is_dir(follow_symlinks=False):
                    pending.append(Path(entry.path))
                    continue
                key = _stat_key(entry.path)
                if key is None or key[1] >= recent:
                    return None
                stamp.update(f"\0{entry.path}={key}".encode())
    return stamp.hexdigest()


def _stat_key(path: str) -> tuple[int, int, int, int] | None:
    try:
        st = os.stat(path)
    except OSError:
        return None
    return st.st_size, st.st_mtime_ns, st.st_ino, st.st_ctime_ns


def template_digests(templates: str | os.PathLike[str] | None) -> dict[str, str]:
    """The SHA-256 of every file in a templates folder, as ``templates:<relative path>``.

    Raises :class:`ContentError` naming each file that is a link out of the folder, not a
    regular file, or above the size limit, and when ``templates`` is given but is no folder.
    """
    if templates is not None and not Path(templates).is_dir():
        what = "does not exist" if not Path(templates).exists() else "is not a folder"
        raise ContentError(
            [ContentIssue(str(templates), None, None, "", f"the templates folder {what}")]
        )
    return _folder_digests(templates, "templates:", strict=True)
