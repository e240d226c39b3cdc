"""Which files of the previous output a build that knows something changed may reuse, decided
one file at a time as the build asks, instead of reading the whole output folder first.

A file recorded with digest D may be reused when the standby copy (:mod:`.standby`, read in
full before the first question) still holds it as written with digest D: the writer then keeps
that copy and never reads the live file. Otherwise the live file itself must still be as
written (:meth:`~.output_state.RecordedOutput.intact_digest`), since the writer links or reads
it. Either way every byte the new output takes from an earlier build comes from a file whose
size and modification time were checked against its record during this build.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from .output_state import RecordedOutput

__all__ = ["ReusableFiles"]

_UNKNOWN = ""
"""What the memo holds for a file found not reusable (no digest is empty)."""


class ReusableFiles(Mapping[str, str]):
    """Output path → digest, for the files of the previous output that may be reused, each
    looked at on the first question about it."""

    def __init__(self, recorded: RecordedOutput) -> None:
        self.recorded = recorded
        self.standby: Mapping[str, tuple[str, int, int]] = {}
        """The standby's files still as written (see :attr:`.standby.Standby.intact`)."""
        self._known: dict[str, str] = {}

    def use_standby(self, intact: Mapping[str, tuple[str, int, int]]) -> None:
        """Take the standby's intact files into account (before the first question)."""
        self.standby = intact
        self._known.clear()

    def get(self, path: str, default: str | None = None) -> str | None:  # type: ignore[override]
        known = self._known.get(path)
        if known is None:
            known = self._known[path] = self._decide(path)
        return known if known else default

    def _decide(self, path: str) -> str:
        record = self.recorded.state["files"].get(path)
        if record is None or not record[0]:
            return _UNKNOWN
        kept = self.standby.get(path)
        if kept is not None and kept[0] == record[0]:
            return str(record[0])
        return self.recorded.intact_digest(path) or _UNKNOWN

    def __getitem__(self, path: str) -> str:
        found = self.get(path)
        if found is None:
            raise KeyError(path)
        return found

    def __contains__(self, path: object) -> bool:
        return isinstance(path, str) and self.get(path) is not None

    def __iter__(self) -> Iterator[str]:
        files: Mapping[str, list[object]] = self.recorded.state["files"]
        return (path for path in files if self.get(path) is not None)

    def __len__(self) -> int:
        return sum(1 for _ in self)
