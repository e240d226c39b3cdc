"""Results of pure functions of a text, kept across runs: what the content rules measure in an
article's body (readability counts, where its images and links point, the findings of its
wording: :mod:`.body_memo`) depends on nothing but the body's characters (and options a rule
keeps in the result and compares), so an unchanged body need not be measured again.

A :class:`TextMemo` holds records keyed by the SHA-256 of the text they were computed from, one
field per measurement. It reads and writes no file: the caller loads the records it kept
(``records``) and saves :meth:`TextMemo.records` after the run. A record may come from a file
anyone could have edited, so a rule validates every field it reads and computes it again when
the field is missing or malformed (:meth:`TextMemo.put` then replaces it).

The content rules run where each page renders, which may be a forked worker process: there
:meth:`drain` hands over what the page used and learnt (a few small lists), and the calling
process :meth:`take`-s it, so the records it saves are complete. Only results travel, never a
decision that depends on other files: those are made on every run.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from functools import lru_cache
from typing import Any

__all__ = ["Drained", "TextMemo", "text_key"]

Drained = tuple[tuple[str, ...], dict[str, dict[str, Any]]]
"""What one page used and learnt: the keys of the texts whose records it read or made, and the
fields it computed, by key."""


@lru_cache(maxsize=8)
def text_key(text: str) -> str:
    """The key of a text's record: the SHA-256 of its UTF-8 bytes, computed once for the few
    texts being checked (each rule asks for the same body in turn)."""
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


class TextMemo:
    """Records of measurements of texts, by the SHA-256 of each text (see the module's text)."""

    def __init__(self, records: Mapping[str, Any] | None = None) -> None:
        self._old: Mapping[str, Any] = records if records is not None else {}
        self._fresh: dict[str, dict[str, Any]] = {}
        """Fields computed in this process (or taken from a worker) during this run."""
        self._used: set[str] = set()
        self._pending_used: set[str] = set()
        """What was used and learnt since the last :meth:`drain`."""
        self._pending_fresh: dict[str, dict[str, Any]] = {}

    def get(self, text: str, field: str) -> object:
        """What was recorded as ``field`` for ``text`` (unvalidated: any JSON value), or None."""
        key = text_key(text)
        self._used.add(key)
        self._pending_used.add(key)
        fresh = self._fresh.get(key)
        if fresh is not None and field in fresh:
            return fresh[field]
        record = self._old.get(key)
        return record.get(field) if isinstance(record, dict) else None

    def put(self, text: str, field: str, value: object) -> None:
        """Record ``value`` (made of JSON types) as ``field`` for ``text``, replacing what
        was there."""
        key = text_key(text)
        self._used.add(key)
        self._pending_used.add(key)
        self._fresh.setdefault(key, {})[field] = value
        self._pending_fresh.setdefault(key, {})[field] = value

    def drain(self) -> Drained:
        """What was used and learnt since the last drain, for :meth:`take` in the process that
        saves the records (small: a key per text, and only the fields computed)."""
        drained = tuple(self._pending_used), self._pending_fresh
        self._pending_used, self._pending_fresh = set(), {}
        return drained

    def take(self, drained: Drained) -> None:
        """Take what :meth:`drain` handed over (in a worker, or in this process)."""
        used, fresh = drained
        self._used.update(used)
        for key, fields in fresh.items():
            self._fresh.setdefault(key, {}).update(fields)

    @property
    def changed(self) -> bool:
        """Whether :meth:`records` differs from the records this memo was given."""
        if self._used != self._old.keys():
            return True
        return any(self._old.get(key) != self.record(key) for key in self._fresh)

    def record(self, key: str) -> dict[str, Any]:
        """The record of the text with this key, as it is to be saved."""
        old = self._old.get(key)
        record = dict(old) if isinstance(old, dict) else {}
        record.update(self._fresh.get(key, {}))
        return record

    def records(self) -> dict[str, dict[str, Any]]:
        """The records of the texts used in this run (the others are dropped), for the caller
        to save."""
        return {key: self.record(key) for key in sorted(self._used)}
