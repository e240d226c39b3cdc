"""Which folders a build may replace (see :mod:`.writer`): never `/`, the home folder, the
content root or one of its parents, a folder this tool did not make, a mount point, a build's
cache folder or a hidden folder of the content root."""

from __future__ import annotations

import os
import stat
from pathlib import Path

from ..errors import OutputError
from .output_state import CACHE_DIR, MARKER, standby_dir

__all__ = ["check_output_dir", "check_standby"]


def check_output_dir(out_dir: Path, content_root: Path) -> Path:
    """The resolved output folder, or :class:`OutputError` when replacing it would be unsafe."""
    out = out_dir.expanduser().resolve()
    root = content_root.resolve()
    if out == Path(out.anchor):
        raise OutputError(f"refusing to build into {out}: the root of the file system")
    if out == Path.home().resolve():
        raise OutputError(f"refusing to build into {out}: your home folder")
    if out == root or out in root.parents:
        raise OutputError(
            f"refusing to build into {out}: it contains the content in {root}; "
            "use a folder such as _site/"
        )
    if out.exists() and not out.is_dir():
        raise OutputError(f"refusing to build into {out}: it is a file, not a folder")
    _refuse_hidden(out, root)
    if out.is_dir() and os.path.ismount(out):
        raise OutputError(
            f"refusing to build into {out}: it is a mount point, and a build replaces its output "
            f"folder as a whole, which a mount point cannot be; build into a folder inside it "
            f"(--out {out / '_site'}) and serve that, or mount the parent instead"
        )
    if out.is_dir() and not (out / MARKER).is_file() and any(out.iterdir()):
        raise OutputError(
            f"refusing to replace {out}: it is not empty and was not created by nmt-content. "
            "Choose an empty or new folder, or move its files away yourself"
        )
    check_standby(out)
    return out


def check_standby(out: Path) -> None:
    """Refuse a standby copy of ``out`` (`.<name>.nmt-standby`, see :mod:`.writer`) that this
    tool did not make: anything there but a real folder holding our marker file is left alone."""
    standby = standby_dir(out)
    try:
        info = os.lstat(standby)
    except FileNotFoundError:
        return
    except OSError as exc:
        raise OutputError(f"cannot use {standby}: {exc.strerror}") from None
    if stat.S_ISDIR(info.st_mode):
        try:
            ours = stat.S_ISREG(os.lstat(standby / MARKER).st_mode)
        except OSError:
            ours = False
        why = None if ours else f"it has no {MARKER} file, so nmt-content did not make it"
    else:
        why = "it is a symbolic link" if stat.S_ISLNK(info.st_mode) else "it is not a folder"
    if why is not None:
        raise OutputError(
            f"refusing to use {standby} as the standby copy of {out}: {why}; "
            "move it away or delete it, then build again"
        )


def _refuse_hidden(out: Path, root: Path) -> None:
    """Refuse an output inside a build's cache folder, or inside a hidden folder of the content
    root (`.git/`, `.nmt-content-cache/`): a build there would replace what it does not own."""
    if CACHE_DIR in out.parts:
        raise OutputError(f"refusing to build into {out}: it is inside a {CACHE_DIR} folder")
    if out.is_relative_to(root):
        hidden = [part for part in out.relative_to(root).parts if part.startswith(".")]
        if hidden:
            raise OutputError(
                f"refusing to build into {out}: it is inside the hidden folder {hidden[0]} of "
                f"the content in {root}"
            )
