"""Output safety: `build --out` never harms a folder it did not make, and never half-replaces one.

- `/`, the home folder, the content root (and any folder holding it), a file, and a non-empty
  folder without our marker are refused with exit code 2 and a message that says why; sentinel
  files in them survive byte for byte.
- A build killed with SIGKILL while it writes leaves the previous output byte-identical; what it
  left behind is removed by the next build, which succeeds.
- A read-only output folder or parent is a clear error with exit code 2. Root ignores file
  permissions, so as root these run the command as the unprivileged user `nobody` instead, from
  a copy of the package that `nobody` can read (the clone may sit where it cannot, under /root).
"""

from __future__ import annotations

import hashlib
import importlib.util
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from types import ModuleType

import pytest

import nmt_content
from nmt_content.cli import main
from nmt_content.pipeline.output_state import MARKER, standby_state_file

from ..conftest import MINIMAL_ARTICLE, MINIMAL_PRACTICE, REPO_ROOT

NOBODY = 65534


def _snapshot(folder: Path) -> dict[str, str]:
    """Every file under ``folder`` (hidden ones too) with the SHA-256 of its bytes."""
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and not p.is_symlink()
    }


def _build(root: Path, out: Path | str, capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    code = main(["build", str(root), "--out", str(out), "-q"])
    return code, capsys.readouterr().err


def _leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if ".tmp-" in p.name or ".old-" in p.name)


# -- folders that are not ours ---------------------------------------------------------------


@pytest.fixture
def sentinels() -> dict[str, bytes]:
    return {"thesis.docx": b"precious", ".hidden": b"also precious", "sub/notes.txt": b"notes"}


def _plant(folder: Path, files: dict[str, bytes]) -> None:
    for name, data in files.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_bytes(data)


REFUSALS = {
    # target: (how to make it, the message)
    "home": r"refusing to build into .*: your home folder",
    "home-tilde": r"refusing to build into .*: your home folder",
    "content-root": r"refusing to build into .*: it contains the content in",
    "content-parent": r"refusing to build into .*: it contains the content in",
    "foreign-folder": r"refusing to replace .*: it is not empty and was not created by nmt-content",
    "foreign-folder-hidden-files-only": r"not empty and was not created by nmt-content",
    "foreign-folder-via-symlink": r"not empty and was not created by nmt-content",
    "articles-folder": r"not empty and was not created by nmt-content",
    "marker-is-a-folder": r"not empty and was not created by nmt-content",
    "a-file": r"refusing to build into .*: it is a file, not a folder",
    "dot-from-the-content": r"refusing to build into .*: it contains the content in",
    "dotdot-from-the-articles": r"refusing to build into .*: it contains the content in",
}


@pytest.mark.parametrize("target", list(REFUSALS))
def test_unsafe_output_folders_are_refused_and_left_alone(
    target: str,
    content_root: Path,
    tmp_path: Path,
    sentinels: dict[str, bytes],
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))
    foreign = tmp_path / "docs"
    foreign.mkdir()
    out: Path | str
    if target in ("home", "home-tilde"):
        _plant(home, sentinels)
        out = home if target == "home" else "~"
        watched = home
    elif target == "content-root":
        _plant(content_root, sentinels)
        out = watched = content_root
    elif target == "content-parent":
        _plant(tmp_path, sentinels)
        out = watched = tmp_path
    elif target == "foreign-folder":
        _plant(foreign, sentinels)
        out = watched = foreign
    elif target == "foreign-folder-hidden-files-only":
        _plant(foreign, {".gitkeep": b""})
        out = watched = foreign
    elif target == "foreign-folder-via-symlink":
        _plant(foreign, sentinels)
        (tmp_path / "link").symlink_to(foreign)
        out, watched = tmp_path / "link", foreign
    elif target == "articles-folder":
        out = watched = content_root / "articles"
    elif target == "dot-from-the-content":
        _plant(content_root, sentinels)
        monkeypatch.chdir(content_root)
        out, watched = ".", content_root
    elif target == "dotdot-from-the-articles":
        _plant(content_root, sentinels)
        monkeypatch.chdir(content_root / "articles")
        out, watched = "..", content_root
    elif target == "marker-is-a-folder":
        _plant(foreign, {**sentinels, f"{MARKER}/x": b""})
        out = watched = foreign
    else:
        (tmp_path / "site.html").write_bytes(b"<p>mine</p>")
        out = tmp_path / "site.html"
        watched = tmp_path
    before = _snapshot(watched)
    listing = sorted(p.name for p in tmp_path.iterdir())
    code, err = _build(content_root, out, capsys)
    assert code == 2, err
    (line,) = err.splitlines()
    assert line.startswith("error: ")
    assert re.search(REFUSALS[target], line), line
    assert _snapshot(watched) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == listing  # nothing made next to it


def test_the_file_system_root_is_refused(
    content_root: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = sorted(os.listdir("/"))
    code, err = _build(content_root, "/", capsys)
    assert code == 2
    assert err == "error: refusing to build into /: the root of the file system\n"
    assert sorted(os.listdir("/")) == before


def test_a_symlink_to_the_content_is_refused(
    content_root: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "alias").symlink_to(content_root)
    before = _snapshot(content_root)
    code, err = _build(content_root, tmp_path / "alias", capsys)
    assert code == 2
    assert "it contains the content in" in err
    assert _snapshot(content_root) == before


def test_our_own_previous_output_is_replaced(
    content_root: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "site"
    assert _build(content_root, out, capsys)[0] == 0
    (out / "stale.html").write_bytes(b"from an older build")
    _edit(content_root)
    assert _build(content_root, out, capsys)[0] == 0
    assert not (out / "stale.html").exists()
    assert (out / MARKER).is_file()
    assert _leftovers(tmp_path) == []


# -- a build killed while it writes ----------------------------------------------------------


def _corpus_module() -> ModuleType:
    benchmarks = REPO_ROOT / "benchmarks"
    if str(benchmarks) not in sys.path:  # corpus.py imports its siblings as a script does
        sys.path.append(str(benchmarks))
    spec = importlib.util.spec_from_file_location("corpus", benchmarks / "corpus.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("corpus", module)
    spec.loader.exec_module(module)
    return module


def _command(*args: str) -> list[str]:
    return [sys.executable, "-m", "nmt_content", *args]


def _staging(parent: Path, name: str) -> Iterator[Path]:
    yield from (p for p in parent.glob(f".{name}.tmp-*") if p.is_dir())


def _kill_when(
    process: subprocess.Popen[bytes],
    parent: Path,
    name: str,
    pages: int,
    signum: signal.Signals = signal.SIGKILL,
) -> bool:
    """Send ``signum`` to ``process``'s group once its staging folder holds ``pages`` article
    pages, and wait for it to end.

    False when the build finished (or failed) first.
    """
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        if process.poll() is not None:
            return False
        for staging in _staging(parent, name):
            try:
                written = len(os.listdir(staging / "articles"))
            except OSError:
                continue
            if written >= pages:
                os.killpg(process.pid, signum)
                process.wait(timeout=120)
                return True
        time.sleep(0.002)
    os.killpg(process.pid, signal.SIGKILL)
    process.wait()
    raise AssertionError("the build never got going")


@pytest.mark.slow
def test_a_build_killed_mid_write_leaves_the_previous_output(tmp_path: Path) -> None:
    corpus = _corpus_module()
    root = tmp_path / "content"
    articles = 1500
    corpus.write_corpus(articles, root)
    out = tmp_path / "site"
    first = subprocess.run(
        _command("build", str(root), "--out", str(out), "-q", "--allow-missing-assets"), check=False
    )
    assert first.returncode == 0
    previous = _snapshot(out)
    assert len(previous) > articles

    # Change what every page shows, so the next build rewrites every file.
    practice = root / "practice.yaml"
    practice.write_text(
        practice.read_text(encoding="utf-8").replace(
            "name: Benchmark Massage Practice", "name: Renamed Massage Practice", 1
        ),
        encoding="utf-8",
    )
    killed = 0
    for pages in (1, articles // 2, articles - 10):
        process = subprocess.Popen(
            _command("build", str(root), "--out", str(out), "-q", "--allow-missing-assets"),
            start_new_session=True,  # its own process group, so its workers die with it
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        if _kill_when(process, tmp_path, "site", pages):
            killed += 1
            assert _snapshot(out) == previous, f"killed at {pages} pages"
        else:  # it finished first: put the previous output back for the next round
            assert process.returncode == 0
            shutil.rmtree(out)
            first = subprocess.run(
                _command("build", str(root), "--out", str(out), "-q", "--allow-missing-assets"),
                check=False,
            )
    assert killed >= 2, f"caught mid-write {killed} times of 3; raise the article count"

    # What the killed builds left is ours (it carries the marker), and the next build removes it.
    for staging in _staging(tmp_path, "site"):
        assert (staging / MARKER).is_file()
    rebuilt = subprocess.run(
        _command("build", str(root), "--out", str(out), "-q", "--allow-missing-assets"),
        capture_output=True,
        check=False,
    )
    assert rebuilt.returncode == 0, rebuilt.stderr
    assert _leftovers(tmp_path) == []
    assert "Renamed Massage Practice" in (out / "index.html").read_text(encoding="utf-8")


def _running_in_group(group: int) -> list[int]:
    """The processes of ``group`` that still run (one that has ended but is not yet reaped by
    its new parent counts as ended)."""
    running = []
    for entry in Path("/proc").iterdir():
        try:
            stat = (entry / "stat").read_text(encoding="ascii", errors="replace")
        except OSError:  # not a process, or one that has just ended
            continue
        state, _parent, process_group = stat.rpartition(")")[2].split()[:3]
        if entry.name.isdigit() and int(process_group) == group and state != "Z":
            running.append(int(entry.name))
    return running


@pytest.mark.slow
def test_ctrl_c_mid_build_ends_its_workers_and_leaves_nothing(tmp_path: Path) -> None:
    """Ctrl-C reaches the whole foreground process group. The workers leave it to the build,
    which ends them once their pages are done, removes its staging folder and says so in one
    line (no traceback from it or a worker), with the shell's exit code for SIGINT."""
    assert os.getpid() in _running_in_group(os.getpgid(0))  # the check below sees processes
    corpus = _corpus_module()
    root = tmp_path / "content"
    corpus.write_corpus(1500, root)
    out = tmp_path / "site"
    errors = tmp_path / "stderr.txt"
    with errors.open("wb") as stderr:
        process = subprocess.Popen(
            _command("build", str(root), "--out", str(out), "-q", "--allow-missing-assets", "-j2"),
            start_new_session=True,
            stdout=subprocess.DEVNULL,
            stderr=stderr,
        )
        interrupted = _kill_when(process, tmp_path, "site", 20, signal.SIGINT)
    assert interrupted, "the build finished before it could be interrupted"
    assert (process.returncode, errors.read_text(encoding="utf-8")) == (130, "error: interrupted\n")
    assert _running_in_group(process.pid) == []  # no worker outlived the build
    assert not out.exists()
    assert _leftovers(tmp_path) == []


@pytest.mark.slow
def test_a_build_killed_while_it_updates_the_standby_leaves_a_whole_site(tmp_path: Path) -> None:
    """Killed while it rewrites the standby copy (or just after the exchange), a build leaves the
    previous site or the new one in place, complete, and the next build gives a clean build's
    bytes."""
    corpus = _corpus_module()
    root = tmp_path / "content"
    corpus.write_corpus(1500, root)
    out = tmp_path / "site"
    command = _command("build", str(root), "--out", str(out), "-q", "--allow-missing-assets")
    assert subprocess.run(command, check=False).returncode == 0
    article = sorted((root / "articles").glob("*.md"))[0]
    article.write_text(article.read_text(encoding="utf-8") + "\nAn edit.\n", encoding="utf-8")
    assert subprocess.run(command, check=False).returncode == 0
    standby_state = standby_state_file(out)
    assert standby_state.is_file()  # the previous output is now the standby, with its state
    previous = _snapshot(out)
    practice = root / "practice.yaml"
    practice.write_text(
        practice.read_text(encoding="utf-8").replace(
            "name: Benchmark Massage Practice", "name: Renamed Massage Practice", 1
        ),
        encoding="utf-8",
    )
    clean = tmp_path / "clean"
    clean_command = _command(
        "build", str(root), "--out", str(clean), "-q", "--allow-missing-assets"
    )
    assert subprocess.run(clean_command, check=False).returncode == 0
    expected = _snapshot(clean)
    mid_update = 0
    for delay in (0.0, 0.3, 1.0, 3.0):
        process = subprocess.Popen(
            command, start_new_session=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        deadline = time.monotonic() + 120
        while standby_state.exists() and process.poll() is None:  # until the update starts
            assert time.monotonic() < deadline, "the build never got going"
            time.sleep(0.002)
        time.sleep(delay)
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
        process.wait()
        now = _snapshot(out)
        assert now in (previous, expected), f"killed {delay} s into the update"
        if now == previous:
            mid_update += 1
        else:  # it finished: start again from the previous site
            return_to = subprocess.run(command, check=False)
            assert return_to.returncode == 0
            break
    assert mid_update >= 1, "never caught while updating the standby"
    assert subprocess.run(command, check=False).returncode == 0
    assert _snapshot(out) == expected
    assert _leftovers(tmp_path) == []


# -- read-only folders -----------------------------------------------------------------------


def _reachable_folder() -> Path:
    """A new temporary folder that the unprivileged user can reach (pytest's tmp_path is 0700)."""
    folder = Path(tempfile.mkdtemp(prefix="nmt-hardening-"))
    folder.chmod(0o755)
    return folder


def _remove(folder: Path) -> None:
    for path in [folder, *folder.rglob("*")]:
        if path.is_dir() and not path.is_symlink():
            path.chmod(0o755)
    shutil.rmtree(folder)


_READABLE_TOOL: list[Path] = []


@pytest.fixture(scope="module")
def readable_tool() -> Iterator[None]:
    """As root, a copy of the package that `nobody` can read, for :func:`_as_unprivileged`.

    A build reads the package's own files as it goes (templates, static files, the files its
    incremental-build fingerprint hashes), and the clone may sit where `nobody` cannot read them.
    """
    if os.geteuid() != 0:
        yield
        return
    folder = _reachable_folder()
    shutil.copytree(Path(nmt_content.__file__).parent, folder / "nmt_content")
    for path in [folder, *folder.rglob("*")]:
        path.chmod(0o755 if path.is_dir() else 0o644)
    _READABLE_TOOL.append(folder)
    try:
        yield
    finally:
        _READABLE_TOOL.remove(folder)
        _remove(folder)


@pytest.fixture
def shared_tmp(readable_tool: None) -> Iterator[Path]:
    """A temporary folder that the unprivileged user can reach (pytest's tmp_path is 0700)."""
    folder = _reachable_folder()
    try:
        yield folder
    finally:
        _remove(folder)


_WARM: list[bool] = []


def _warm_up() -> None:
    """Import everything a build imports lazily, while the interpreter's files are readable."""
    if _WARM:
        return
    with tempfile.TemporaryDirectory() as folder:
        root = _content(Path(folder))
        for command in (["build", str(root), "--out", str(Path(folder) / "site"), "-q"],):
            assert main(command) == 0
    _WARM.append(True)


def _as_unprivileged(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    """Run the command line as someone file permissions apply to: ourselves, or `nobody`.

    As root, a forked child drops to `nobody` and calls :func:`main` (the interpreter itself may
    live where `nobody` cannot read, so it is not started anew), imported again from the
    :func:`readable_tool` copy of the package.
    """
    _warm_up()
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:  # pragma: no cover - the child
        code = 70
        try:
            os.close(read)
            os.chdir(cwd)
            run = main
            if os.geteuid() == 0:
                run = _main_from(_READABLE_TOOL[0])
                os.setgroups([])
                os.setgid(NOBODY)
                os.setuid(NOBODY)
            sys.stdout = open(os.devnull, "w")  # noqa: SIM115
            sys.stderr = os.fdopen(write, "w")
            code = run(list(args))
        except BaseException:
            import traceback

            traceback.print_exc()
        finally:
            sys.stderr.flush()
            os._exit(code)
    os.close(write)
    with os.fdopen(read) as stream:
        stderr = stream.read()
    _, status = os.waitpid(pid, 0)
    return subprocess.CompletedProcess(args, os.waitstatus_to_exitcode(status), "", stderr)


def _main_from(folder: Path) -> Callable[[list[str]], int]:
    """:func:`main`, imported afresh from the copy of the package in ``folder`` (in the child only:
    the libraries it uses stay imported, from :func:`_warm_up`)."""
    for name in [name for name in sys.modules if name.partition(".")[0] == "nmt_content"]:
        del sys.modules[name]
    sys.path.insert(0, str(folder))
    cli = importlib.import_module("nmt_content.cli")
    assert Path(cli.__file__ or "").is_relative_to(folder), cli.__file__
    run: Callable[[list[str]], int] = cli.main
    return run


def _content(folder: Path) -> Path:
    root = folder / "content"
    (root / "articles").mkdir(parents=True)
    (root / "practice.yaml").write_text(MINIMAL_PRACTICE, encoding="utf-8")
    (root / "articles" / "test-article.md").write_text(MINIMAL_ARTICLE, encoding="utf-8")
    for path in [root, *root.rglob("*")]:
        path.chmod(0o755 if path.is_dir() else 0o644)
    return root


def _edit(root: Path) -> None:
    """Change what every page shows, so the next build has to write (an unchanged site may not)."""
    practice = root / "practice.yaml"
    text = practice.read_text(encoding="utf-8")
    practice.write_text(text.replace("name: Test Practice", "name: Renamed Practice", 1))


def _give(path: Path) -> None:
    if os.geteuid() == 0:
        for item in [path, *path.rglob("*")]:
            os.chown(item, NOBODY, NOBODY)


def test_the_unprivileged_runner_can_build(shared_tmp: Path) -> None:
    """The harness itself: without this, the refusals below could pass for the wrong reason."""
    root = _content(shared_tmp)
    parent = shared_tmp / "writable"
    parent.mkdir()
    _give(parent)
    result = _as_unprivileged("build", str(root), "--out", str(parent / "site"), "-q", cwd=root)
    assert result.returncode == 0, result.stderr
    assert (parent / "site" / "index.html").is_file()


def test_an_unreadable_sub_folder_of_articles_is_a_located_error(shared_tmp: Path) -> None:
    root = _content(shared_tmp)
    locked = root / "articles" / "locked"
    locked.mkdir()
    locked.chmod(0)
    try:
        result = _as_unprivileged("validate", str(root), cwd=root)
    finally:
        locked.chmod(0o755)
    assert result.returncode == 2, result.stderr
    assert "Traceback" not in result.stderr
    assert "articles/locked: error: not read: cannot list it: permission denied" in result.stderr


def test_a_read_only_parent_is_a_clear_error(shared_tmp: Path) -> None:
    root = _content(shared_tmp)
    parent = shared_tmp / "read-only"
    parent.mkdir()
    (parent / "keep.txt").write_bytes(b"keep")
    _give(parent)
    parent.chmod(0o555)
    result = _as_unprivileged("build", str(root), "--out", str(parent / "site"), "-q", cwd=root)
    assert result.returncode == 2, result.stderr
    assert result.stderr == f"error: cannot write to {parent / 'site'}: permission denied\n"
    assert sorted(os.listdir(parent)) == ["keep.txt"]


def test_a_read_only_grandparent_is_a_clear_error(shared_tmp: Path) -> None:
    root = _content(shared_tmp)
    parent = shared_tmp / "read-only"
    parent.mkdir()
    _give(parent)
    parent.chmod(0o555)
    out = parent / "missing" / "site"
    result = _as_unprivileged("build", str(root), "--out", str(out), "-q", cwd=root)
    assert result.returncode == 2, result.stderr
    assert result.stderr == f"error: cannot create {out.parent}: Permission denied\n"
    assert os.listdir(parent) == []


def test_a_read_only_output_folder_is_a_clear_error(shared_tmp: Path) -> None:
    root = _content(shared_tmp)
    parent = shared_tmp / "writable"
    parent.mkdir()
    _give(parent)
    out = parent / "site"
    first = _as_unprivileged("build", str(root), "--out", str(out), "-q", cwd=root)
    assert first.returncode == 0, first.stderr
    before = _snapshot(out)
    listing = sorted(os.listdir(parent))
    out.chmod(0o555)
    _edit(root)
    result = _as_unprivileged("build", str(root), "--out", str(out), "-q", cwd=root)
    assert result.returncode == 2, result.stderr
    assert result.stderr == f"error: cannot write to {out}: permission denied\n"
    assert _snapshot(out) == before
    assert sorted(os.listdir(parent)) == listing


def test_a_read_only_folder_inside_the_previous_output_is_a_clear_error(
    shared_tmp: Path,
) -> None:
    """The previous output becomes the standby; when the next build cannot update it, it says
    so, and where, and leaves the output as it was."""
    root = _content(shared_tmp)
    parent = shared_tmp / "writable"
    parent.mkdir()
    _give(parent)
    out = parent / "site"
    standby = parent / ".site.nmt-standby"
    first = _as_unprivileged("build", str(root), "--out", str(out), "-q", cwd=root)
    assert first.returncode == 0, first.stderr
    (out / "articles").chmod(0o555)
    before = _snapshot(out)
    _edit(root)
    second = _as_unprivileged("build", str(root), "--out", str(out), "-q", cwd=root)
    assert second.returncode == 0, second.stderr
    assert "Renamed Practice" in (out / "index.html").read_text(encoding="utf-8")
    assert _snapshot(standby) == before  # the previous output, kept as the standby
    current = _snapshot(out)
    practice = root / "practice.yaml"
    practice.write_text(practice.read_text(encoding="utf-8").replace("Renamed", "Again", 1))
    result = _as_unprivileged("build", str(root), "--out", str(out), "-q", cwd=root)
    assert result.returncode == 2, result.stderr
    (line,) = result.stderr.splitlines()
    assert re.fullmatch(
        re.escape(
            f"error: cannot write to {out}: its standby copy {standby} cannot be updated "
            f"(permission denied: {standby}/articles"
        )
        + r"\S*\); fix the permissions, or delete that folder",
        line,
    ), line
    assert _snapshot(out) == current
    assert _snapshot(standby)[MARKER] == before[MARKER]  # still marked as ours
    (standby / "articles").chmod(0o755)
    again = _as_unprivileged("build", str(root), "--out", str(out), "-q", cwd=root)
    assert again.returncode == 0, again.stderr
    assert "Again Practice" in (out / "index.html").read_text(encoding="utf-8")
    assert _leftovers(parent) == []
