"""Where `check` keeps what its content rules measured in each text (readability counts, the
images and links of a body, the findings of its wording): the ``checks.json`` table of the content cache in
`ROOT/.nmt-cache/`, valid for one version of the tool like the other tables, read and written
by `check` alone (:class:`~nmt_content.checks.memo.TextMemo` says what is in it)."""

from __future__ import annotations

import os
from pathlib import Path

from ..checks.memo import TextMemo
from ..content.cache import ContentCache
from ..content.digests import cached_tool_fingerprint
from .heap import collector_paused

__all__ = ["CHECKS_FILE", "load_memo", "save_memo"]

CHECKS_FILE = "checks.json"


@collector_paused()  # a table of thousands of records, none of them garbage
def load_memo(root: str | os.PathLike[str]) -> TextMemo:
    """The measurements an earlier `check` of ``root`` kept (none when the table is missing,
    damaged, or of another version of the tool)."""
    cache = ContentCache(Path(root), cached_tool_fingerprint(root))
    return TextMemo(cache.table(CHECKS_FILE))


def save_memo(root: str | os.PathLike[str], memo: TextMemo) -> list[str]:
    """Write the records of the texts this run used, atomically, when they differ from what
    was read; never raises. The notes say why the table could not be written."""
    if not memo.changed:
        return []
    cache = ContentCache(Path(root), cached_tool_fingerprint(root))
    cache.write_table(CHECKS_FILE, memo.records())
    return cache.notes
