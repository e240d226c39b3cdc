"""Which folders a build may replace (see :mod:`.writer`): never `/`, the home folder, the
content root or one of its parents, a folder this tool did not make, a mount point, a build's
cache folder or a hidden folder of the content root."""

from __future__ import annotations

import os
from pathlib import Path

from ..errors import OutputError
from .output_state import CACHE_DIR, MARKER

__all__ = ["check_output_dir"]


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
    return out


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
