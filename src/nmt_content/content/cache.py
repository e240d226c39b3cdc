"""The content cache: what earlier runs learnt about the content files, kept in the content root
so that a rebuild neither hashes nor parses the files that did not change.

It lives in `<root>/.nmt-cache/` (a hidden folder: never read as content or as `static/`), as
two tables, each a JSON file written atomically (``files.json`` is small and all a no-change
rebuild reads; ``articles.json`` is read when an article must be loaded):

- ``files``: each content file's name → its stat (size, modification time, inode, change time)
  and the SHA-256 of its bytes when they had that stat. A file whose stat is unchanged is not
  read again (git's index does the same). A file modified within :data:`RACY_NS` of the moment
  its stat was taken, or not before the stat table itself was written, is hashed anyway: a second
  change in the same tick of the file system's clock would not change its stat ("racy git").
- ``articles``: the SHA-256 of an article file's bytes → what parsing and validating it gave
  (the front matter as JSON, the body's first line, its word count, the lines of its keys).
  Nothing here depends on the practice: cross-references are checked after every file is parsed.
  The same table keeps, under ``size:<SHA-256>``, the pixel size read from the header of a
  `static/` image with those bytes (so an unchanged image is not opened again).

`check` keeps a third table, ``checks.json``, of what its rules measured in each article body
(:mod:`nmt_content.pipeline.check_memo`), read and written through :meth:`ContentCache.table`
and :meth:`ContentCache.write_table`.

All are valid only for the tool that wrote them (:func:`~.digests.tool_fingerprint`). The file
is JSON, not pickle: the folder may be writable by others, and unpickling runs code. Nothing in
it is trusted blindly: a cache that is damaged, too large, of another format or tool, or reached
through a link is ignored (with a note) and replaced, and each record is validated again when it
is used. When the folder cannot be written the build goes on without it.
"""

from __future__ import annotations

import contextlib
import os
import stat as stat_module
import time
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any, TypeVar, cast

import orjson

from ..limits import MAX_CACHE_FILE_BYTES

__all__ = [
    "ARTICLES_FILE",
    "CACHE_DIR",
    "FILES_FILE",
    "RACY_NS",
    "TOOL_FILE",
    "ContentCache",
    "FileStat",
    "file_stat",
    "known_tool",
    "remember_tool",
]

CACHE_DIR = ".nmt-cache"
FILES_FILE = "files.json"
"""The stat table: small, and all a no-change rebuild reads."""
ARTICLES_FILE = "articles.json"
"""The article records, read when an article is loaded."""
TOOL_FILE = "tool.json"
"""The tool's fingerprint, under a stamp of its installation (:func:`known_tool`)."""
FORMAT = 1
"""Bumped when the layout of the file changes; a cache of another format is ignored."""
RACY_NS = 2_000_000_000
"""A file modified this close (in nanoseconds) to the moment its stat was taken is hashed again
next time: file systems keep times in ticks of up to 2 s (FAT), and a change within the tick of
the previous one leaves the stat as it was."""
_SIZE = "size:"
"""The prefix of an image size's key in the article table (a digest never starts with it)."""
_CACHEDIR_TAG = (
    "Signature: 8a477f597d28d172789f06886806bc55\n"
    "# This file is a cache directory tag created by nmt-content.\n"
    "# For information about cache directory tags, see https://bford.info/cachedir/\n"
)

_Listed = TypeVar("_Listed")

FileStat = tuple[int, int, int, int]
"""What identifies a file's version without reading it: size, mtime_ns, inode, ctime_ns."""


def file_stat(path: str | os.PathLike[str]) -> FileStat | None:
    """The stat of a regular file (links followed); None for anything else."""
    try:
        st = os.stat(path)
    except (OSError, ValueError):
        return None
    if not stat_module.S_ISREG(st.st_mode):
        return None
    return st.st_size, st.st_mtime_ns, st.st_ino, st.st_ctime_ns


class ContentCache:
    """The cache of one content root for one version of this tool (see the module's text).

    :meth:`open` never fails; :meth:`save` never raises. ``notes`` says why a cache was ignored
    or could not be written, for the build to report as notes. The article records are read on
    the first question about one: deciding that nothing changed reads only the stat table.
    One cache serves one run (a build, a load): see :meth:`digest`.
    """

    def __init__(self, root: Path, tool: str) -> None:
        self.root = root
        self.tool = tool
        self.notes: list[str] = []
        self._started_ns = time.time_ns()
        self._trusted_before_ns = 0
        """Stats with a modification time from this moment on are not trusted (the stat
        table's own modification time)."""
        self._old_files: Mapping[str, Any] = {}
        self._old_articles: Mapping[str, Any] | None = None
        """None until read."""
        self._files: dict[str, list[Any]] = {}
        self._seen: dict[str, str] = {}
        """The digest of every file this run hashed or found by its stat, racy ones included."""
        self._articles: dict[str, Any] = {}
        self._files_changed = False
        self._articles_changed = False
        self._unwritable = False
        self._listed: dict[str, object] = {}

    @classmethod
    def open(cls, root: str | os.PathLike[str], tool: str) -> ContentCache:
        """The cache of ``root`` as the last run left it, or an empty one."""
        cache = cls(Path(root), tool)
        if cache.folder.is_symlink():
            cache.notes.append(f"{CACHE_DIR} is a symbolic link: the cache is not used")
        else:
            found = cache._read(FILES_FILE)
            if found is not None:
                cache._old_files, cache._trusted_before_ns = found
            else:
                cache._files_changed = True
        return cache

    @property
    def folder(self) -> Path:
        return self.root / CACHE_DIR

    def _read(self, name: str) -> tuple[Mapping[str, Any], int] | None:
        """The entries of one of the cache's files and its modification time; None (and a
        note when it is not simply missing or of another version) when it cannot be used."""
        where = f"{CACHE_DIR}/{name}"
        try:
            if self.folder.is_symlink():
                return None
            fd = os.open(self.folder / name, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
        except (FileNotFoundError, NotADirectoryError):
            return None
        except OSError as exc:
            self.notes.append(f"{where} cannot be read ({exc.strerror}): ignored")
            return None
        try:
            st = os.fstat(fd)
            if not stat_module.S_ISREG(st.st_mode) or st.st_size > MAX_CACHE_FILE_BYTES:
                self.notes.append(
                    f"{where} is not a regular file of at most "
                    f"{MAX_CACHE_FILE_BYTES // (1024 * 1024)} MiB: ignored and replaced"
                )
                return None
            with os.fdopen(fd, "rb", closefd=False) as stream:
                data = orjson.loads(stream.read(MAX_CACHE_FILE_BYTES + 1))
        except (OSError, orjson.JSONDecodeError) as exc:
            self.notes.append(f"{where} is damaged ({exc}): ignored and replaced")
            return None
        finally:
            os.close(fd)
        if not (
            isinstance(data, dict)
            and data.get("format") == FORMAT
            and isinstance(data.get("entries"), dict)
        ):
            self.notes.append(f"{where} is not a cache of this tool: replaced")
            return None
        if data.get("tool") != self.tool:  # another version: nothing in it may be valid
            return None
        return data["entries"], st.st_mtime_ns

    def _records(self) -> Mapping[str, Any]:
        if self._old_articles is None:
            found = None if self.folder.is_symlink() else self._read(ARTICLES_FILE)
            self._old_articles = found[0] if found is not None else {}
            self._articles_changed = self._articles_changed or found is None
        return self._old_articles

    def listed(self, what: str, walk: Callable[[], _Listed]) -> _Listed:
        """What ``walk`` gives (a folder's listing, named ``what``), walked once per run.

        A build lists `articles/` and `static/` to decide whether anything changed, then again
        to load them: the second time takes the first listing, as :meth:`digest` takes the
        first stat. What the run loads is then what it recorded as listed; a file added in
        between is the next run's to find. The caller must not change what it is given.
        Forgotten when the cache is saved (a build saves it once the site is loaded)."""
        if what not in self._listed:
            self._listed[what] = walk()
        return cast(_Listed, self._listed[what])

    def forget_listed(self) -> None:
        """Drop what :meth:`listed` keeps (the entries of every file of `static/`, with their
        stats, are megabytes at 10,000 articles), when nothing is to be loaded after all."""
        self._listed.clear()

    def digest(
        self, relative: str, path: str | os.PathLike[str], key: FileStat | None = None
    ) -> str | None:
        """The SHA-256 recorded for ``relative`` when its stat (``key``, when the caller has
        just taken it) is the one recorded with it and trustworthy (not "racy"); None when the
        file must be read and hashed.

        Asked again during the same run, a file this cache already vouched for is not stat-ed
        again (a build asks once to decide whether anything changed, once to load): what the
        run loads is then what it records as loaded, and a change in between is the next run's
        to find."""
        entry = self._old_files.get(relative)
        vouched = self._files.get(relative)
        same = vouched is entry
        if vouched is not None and same:  # vouched for earlier in this run
            return str(vouched[4]) if key is None or list(key) == vouched[:4] else None
        key = key if key is not None else file_stat(path)
        if key is None or not isinstance(entry, list) or len(entry) != 5:
            return None
        if key[1] >= self._trusted_before_ns or list(key) != entry[:4]:
            return None
        digest = entry[4]
        if not isinstance(digest, str):
            return None
        self._files[relative] = entry
        self._seen[relative] = digest
        return digest

    def restores(self, relative: str, key: FileStat | None) -> bool:
        """Whether ``relative``, with its stat ``key``, is the file whose stat is recorded (and
        trusted) with the SHA-256 of an article whose record is at hand: a load that reads its
        bytes anyway will most likely restore it instead of parsing it. Only a guess (the
        bytes decide), and nothing is recorded by asking."""
        entry = self._old_files.get(relative)
        if key is None or not isinstance(entry, list) or len(entry) != 5:
            return False
        if key[1] >= self._trusted_before_ns or list(key) != entry[:4]:
            return False
        digest = entry[4]
        return isinstance(digest, str) and self.article(digest) is not None

    def record_file(self, relative: str, key: FileStat | None, digest: str) -> None:
        """Remember the SHA-256 of ``relative`` for its stat ``key`` (taken before it was read).
        A stat too recent to be trusted is not kept: the file is hashed again next time."""
        self._seen[relative] = digest
        if key is None or key[1] >= self._started_ns - RACY_NS:
            self._files_changed = self._files_changed or relative in self._old_files
            self._files.pop(relative, None)
            return
        entry = [*key, digest]
        if self._old_files.get(relative) != entry:
            self._files_changed = True
        self._files[relative] = entry

    def article(self, digest: str) -> Mapping[str, Any] | None:
        """The record of the article file whose bytes have this SHA-256 (still to be validated
        by the caller), or None."""
        record = self._articles.get(digest)
        if record is None:
            record = self._records().get(digest)
            if not isinstance(record, dict):
                return None
            self._articles[digest] = record
        return record

    def record_article(self, digest: str, record: Mapping[str, Any]) -> None:
        """Remember what parsing the article file with this SHA-256 gave (replacing a record
        that did not validate)."""
        self._articles[digest] = record
        if not self._articles_changed and self._records().get(digest) != record:
            self._articles_changed = True

    def image_size(self, digest: str) -> tuple[int | None, int | None] | None:
        """The pixel size recorded for an image whose bytes have this SHA-256 ((None, None):
        its header gives none), or None when there is no usable record."""
        record = self._articles.get(_SIZE + digest)
        if record is None:
            record = self._records().get(_SIZE + digest)
        if not (isinstance(record, list) and len(record) == 2):
            return None
        width, height = record
        if width is None and height is None:
            return None, None
        if type(width) is int and type(height) is int and width > 0 and height > 0:
            return width, height
        return None

    def record_image_size(self, digest: str, size: tuple[int | None, int | None]) -> None:
        """Remember the pixel size read from the header of an image with this SHA-256."""
        self._articles[_SIZE + digest] = list(size)
        if not self._articles_changed and self._records().get(_SIZE + digest) != list(size):
            self._articles_changed = True

    def table(self, name: str) -> Mapping[str, Any]:
        """The entries of another table of this cache (``checks.json``: see
        :mod:`nmt_content.pipeline.check_memo`), validated as the others are; empty (with a note
        when it was damaged) when there is none for this tool. Each entry is still to be
        validated by the caller."""
        found = None if self.folder.is_symlink() else self._read(name)
        return found[0] if found is not None else {}

    def write_table(self, name: str, entries: Mapping[str, Any]) -> None:
        """Write another table of this cache, atomically; never raises (a note says why it
        could not be written)."""
        try:
            self._write(name, entries)
        except (OSError, TypeError) as exc:
            reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
            self.notes.append(f"the content cache {CACHE_DIR} was not written: {reason}")

    def save(self) -> None:
        """Write what this run used and learnt, each file atomically and only when it differs
        from what was read: the stats of the files it saw, and the records of the articles
        those files hold now (what it did not see is dropped). Never raises: a root that cannot
        be written only leaves a note (once: it is not tried again)."""
        if self._unwritable:
            return
        try:
            if self._files_changed or self._files.keys() != self._old_files.keys():
                self._write(FILES_FILE, self._files)
            if self._old_articles is None and not self._articles_changed:
                return  # no record was asked for or made: the records stay as they are
            old = self._records()
            articles = {}
            for digest in set(self._seen.values()):
                for name in (digest, _SIZE + digest):
                    record = self._articles.get(name, old.get(name))
                    if record is not None:
                        articles[name] = record
            if self._articles_changed or articles.keys() != old.keys():
                self._write(ARTICLES_FILE, articles)
        except (OSError, TypeError) as exc:
            reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
            self.notes.append(f"the content cache {CACHE_DIR} was not written: {reason}")
            self._unwritable = True
            return
        self._saved()

    def _saved(self) -> None:
        """Forget the article records once they are written: a build saves the cache as soon
        as the site is loaded, so it does not carry a record of every article (about 1 KB
        each) through rendering. What is saved is then what was read: saving again writes only
        what is recorded after this, and a record asked for again is read from the file."""
        self._old_files = dict(self._files)
        self.forget_listed()
        self._files_changed = False
        self._old_articles = None
        self._articles = {}
        self._articles_changed = False

    def _write(self, name: str, entries: Mapping[str, Any]) -> None:
        raw = orjson.dumps({"format": FORMAT, "tool": self.tool, "entries": entries})
        folder = self.folder
        if folder.is_symlink():
            raise OSError(0, "it is a symbolic link")
        if not folder.is_dir():
            folder.mkdir()
            _write_new(folder / ".gitignore", b"# Created by nmt-content.\n*\n")
            _write_new(folder / "CACHEDIR.TAG", _CACHEDIR_TAG.encode())
        temporary = folder / f".{name}.{os.getpid()}.{os.urandom(4).hex()}"
        _write_new(temporary, raw)
        try:
            os.replace(temporary, folder / name)
        except OSError:
            temporary.unlink(missing_ok=True)
            raise


def _write_new(file: Path, raw: bytes) -> None:
    """Write a file that must not exist yet (never through a link someone put there)."""
    fd = os.open(file, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0), 0o644)
    try:
        with os.fdopen(fd, "wb", closefd=False) as stream:
            stream.write(raw)
    finally:
        os.close(fd)


def known_tool(root: str | os.PathLike[str], stamp: str) -> str | None:
    """The fingerprint :func:`remember_tool` recorded in ``root``'s cache under ``stamp``
    (a digest of the tool's installation: see :func:`~.digests.cached_tool_fingerprint`), or
    None. Validated and bounded like the other tables."""
    found = ContentCache(Path(root), stamp)._read(TOOL_FILE)
    tool = found[0].get("fingerprint") if found is not None else None
    return tool if isinstance(tool, str) else None


def remember_tool(root: str | os.PathLike[str], stamp: str, tool: str) -> None:
    """Record ``tool`` as the fingerprint of the installation ``stamp`` in ``root``'s cache;
    never raises (a root that cannot be written only costs the next run the computation)."""
    with contextlib.suppress(OSError, TypeError):
        ContentCache(Path(root), stamp)._write(TOOL_FILE, {"fingerprint": tool})
