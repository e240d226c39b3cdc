"""Copying bytes from one open file to the end of another: by the kernel where it can
(``copy_file_range``: no round trip through this process), else read and written."""

from __future__ import annotations

import errno
import os
from collections.abc import Callable

__all__ = ["READ_SOURCE", "copy_range", "write_whole"]

READ_SOURCE = os.O_RDONLY | getattr(os, "O_CLOEXEC", 0)
"""How a file to copy from is opened."""

_copy_file_range: Callable[[int, int, int, int], int] | None = getattr(os, "copy_file_range", None)
_NO_COPY_RANGE = frozenset(
    {errno.EXDEV, errno.ENOSYS, errno.EINVAL, errno.EOPNOTSUPP, errno.EPERM, errno.EBADF}
)
"""Errors of ``copy_file_range`` that mean "not here" (another file system, an old kernel, a
file system without it): the bytes are then read and written."""
_COPY_STEP = 1 << 30
"""How much one ``copy_file_range`` call is asked for when copying a file to its end."""
_READ_STEP = 256 * 1024
"""How much one read takes where the kernel does not copy."""


def copy_range(source: int, descriptor: int, offset: int, length: int | None) -> int:
    """Append to ``descriptor`` the bytes of ``source`` from ``offset``: ``length`` of them, or
    up to its end (``None``). Where the kernel refuses partway, the rest is read and written.
    The count copied: less than ``length`` only when the file ends sooner."""
    done = 0
    left = length if length is not None else _COPY_STEP
    if _copy_file_range is not None:
        try:
            while left > 0:
                copied = _copy_file_range(source, descriptor, left, offset + done)
                if not copied:
                    return done
                done += copied
                if length is not None:
                    left -= copied
        except OSError as exc:
            if exc.errno not in _NO_COPY_RANGE:
                raise
    while length is None or done < length:
        step = _READ_STEP if length is None else min(length - done, _READ_STEP)
        data = os.pread(source, step, offset + done)
        if not data:
            break
        write_whole(descriptor, data)
        done += len(data)
    return done


def write_whole(descriptor: int, data: bytes) -> None:
    """Write all of ``data`` (``os.write`` may write less than it is given)."""
    view = memoryview(data)
    while view:
        view = view[os.write(descriptor, view) :]
