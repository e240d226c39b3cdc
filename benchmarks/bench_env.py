"""Where a run happens: the machine, the versions, and the snapshot of src/ the children run."""

from __future__ import annotations

import compileall
import os
import platform
import shutil
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

from bench_measure import run_child

__all__ = [
    "REPO",
    "SNAPSHOT_FLAG",
    "checkouts",
    "load_average",
    "machine_info",
    "nmt",
    "snapshot_source",
]

REPO = Path(__file__).resolve().parent.parent
SNAPSHOT_FLAG = "NMT_BENCH_SNAPSHOT"


def nmt(*args: str) -> list[str]:
    """The command line of `nmt-content ARGS` in this interpreter."""
    return [sys.executable, "-m", "nmt_content", *args]


def git(*args: str) -> str:
    """A read-only git query about the checkout, or "" without git."""
    try:
        done = subprocess.run(
            ["git", *args], cwd=REPO, capture_output=True, text=True, check=False, timeout=60
        )
    except OSError:
        return ""
    return done.stdout.strip() if done.returncode == 0 else ""


def checkouts() -> list[Path]:
    """This checkout, then the main one when this is a linked git worktree."""
    found = [REPO]
    common = git("rev-parse", "--path-format=absolute", "--git-common-dir")
    if common and Path(common).name == ".git" and Path(common).parent != REPO:
        found.append(Path(common).parent)
    return found


def source_description() -> str:
    commit = git("rev-parse", "--short", "HEAD")
    if not commit:
        return "not a git checkout"
    changed = git("status", "--porcelain", "--untracked-files=no", "--", "src")
    where = "a copy of src/" if os.environ.get(SNAPSHOT_FLAG) else "src/"
    return f"{where} at {commit}" + (" with uncommitted changes" if changed else "")


def snapshot_source(work: Path) -> Path:
    """Copy src/ into `work` and put the copy first on PYTHONPATH for every child.

    A long run then measures one version of the code, even while the checkout is being edited.
    """
    target = work / "src-snapshot"
    shutil.rmtree(target, ignore_errors=True)
    shutil.copytree(
        REPO / "src", target, ignore=shutil.ignore_patterns("__pycache__", "*.egg-info")
    )
    # Bytecode, as an installed package has it (pip compiles on install): otherwise every run
    # would compile the package again where PYTHONDONTWRITEBYTECODE is set.
    compileall.compile_dir(target, quiet=1)
    paths = [str(target), *filter(None, [os.environ.get("PYTHONPATH")])]
    os.environ["PYTHONPATH"] = os.pathsep.join(paths)
    os.environ[SNAPSHOT_FLAG] = "1"
    return target


def load_average() -> str:
    try:
        return f"{os.getloadavg()[0]:.2f}"
    except OSError:  # not available on this system
        return "n/a"


def machine_info(hugo: Path) -> list[tuple[str, str]]:
    """Date, CPUs, OS, Python, nmt-content and Hugo versions."""
    version = run_child([str(hugo), "version"]).stdout.strip().splitlines()
    cpu_model = ""
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.is_file():
        for line in cpuinfo.read_text().splitlines():
            if line.startswith("model name"):
                cpu_model = line.split(":", 1)[1].strip()
                break
    nmt_version = run_child(nmt("--version")).stdout.strip() + f" ({source_description()})"
    return [
        ("date (UTC)", datetime.now(UTC).strftime("%Y-%m-%d %H:%M")),
        ("CPUs", f"{os.cpu_count()}" + (f" × {cpu_model}" if cpu_model else "")),
        ("OS", platform.platform()),
        ("Python", platform.python_version()),
        ("nmt-content", nmt_version),
        ("Hugo", version[0] if version else "unknown"),
    ]
