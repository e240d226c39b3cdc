"""The build's output is a function of the content alone.

The same content is built in fresh processes under different hash seeds, time zones (including
UTC+14 and UTC−8, on either side of the date line), locales (C with ASCII as the preferred
encoding, and a UTF-8 locale), and with directory listings returned in reverse order; every output
file, and `check`'s findings, must be byte-identical. Files are also created in different orders in
separate folders, so the file system's own listing order differs too.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from ..conftest import REPO_ROOT

DRIVER = r"""
import hashlib, json, os, sys
from pathlib import Path

if os.environ.get("REVERSE_LISTING") == "1":
    # Every way the loader could list a folder now answers in reverse name order.
    _scandir, _listdir = os.scandir, os.listdir

    class _Reversed:
        def __init__(self, path="."):
            with _scandir(path) as found:
                self.entries = sorted(found, key=lambda e: e.name, reverse=True)
        def __iter__(self):
            return iter(self.entries)
        def __enter__(self):
            return self
        def __exit__(self, *exc):
            return False
        def close(self):
            pass

    os.scandir = _Reversed
    os.listdir = lambda path=".": sorted(_listdir(path), reverse=True)
    _iterdir, _glob, _rglob = Path.iterdir, Path.glob, Path.rglob
    Path.iterdir = lambda self: iter(sorted(_iterdir(self), reverse=True))
    Path.glob = lambda self, *a, **k: iter(sorted(_glob(self, *a, **k), reverse=True))
    Path.rglob = lambda self, *a, **k: iter(sorted(_rglob(self, *a, **k), reverse=True))

from datetime import date
from nmt_content.pipeline.build import build_site
from nmt_content.checks import run_checks
from nmt_content.content.loader import read_sources
from nmt_content.pipeline.loading import load_site

root = Path(sys.argv[1])
site = load_site(root)
files, report = build_site(site)
result = run_checks(site, files, report, today=date(2026, 11, 24), sources=read_sources(root))
findings = [[f.rule, f.path, f.line, f.message] for f in result.findings]
digests = {path: hashlib.sha256(data).hexdigest() for path, data in sorted(files.items())}
print(json.dumps({"files": digests, "findings": findings, "notes": report.notes}))
"""

EXTRA_ARTICLES = {
    # Same dates, titles that sort differently by code point and by locale, non-ASCII everywhere.
    "zeta.md": ("Zeta: Über Massage", "2024-05-01", "zeta-uber", ["Ärger", "apple", "Zebra"]),
    "alpha.md": ("Alpha: Écoute du corps", "2024-05-01", "alpha-ecoute", ["Émotion", "zèbre"]),
    "mid.md": ("Mid: Ąą Łł Massage", "2024-05-01", "mid-massage", ["b", "B", "a", "A"]),
    "älter.md": ("Älter: Nacken und Schultern", "2023-12-31", "alter-nacken", ["Nacken"]),
    "Capital.md": ("Capital letters in the file name", "2024-01-01", "capital", ["x"]),
}


def _article(title: str, published: str, slug: str, keywords: list[str]) -> str:
    return (
        "---\n"
        f"title: {json.dumps(title)}\n"
        f"description: {json.dumps(title + ': a description long enough to be a description.')}\n"
        f"slug: {slug}\n"
        f"date_published: {published}\n"
        f"keywords: {json.dumps(keywords)}\n"
        "---\n\n"
        f"Some text about {title}.\n\n## Section\n\nMore text, with [a link](/about/).\n"
    )


def _content(folder: Path, *, reverse: bool) -> Path:
    """The repository's content plus articles that tie on dates, written in either order."""
    root = folder / "content"
    (root / "articles").mkdir(parents=True)
    sources = [
        ("practice.yaml", (REPO_ROOT / "practice.yaml").read_text(encoding="utf-8")),
        *(
            (f"articles/{p.name}", p.read_text(encoding="utf-8"))
            for p in sorted((REPO_ROOT / "articles").glob("*.md"))
        ),
        *((f"articles/{name}", _article(*spec)) for name, spec in EXTRA_ARTICLES.items()),
    ]
    for name, text in reversed(sources) if reverse else sources:
        (root / name).write_text(text, encoding="utf-8")
    return root


def _build(root: Path, **env: str) -> dict[str, object]:
    environment = {
        key: value
        for key, value in os.environ.items()
        if key not in {"PYTHONHASHSEED", "TZ", "LC_ALL", "LANG", "LC_CTYPE", "PYTHONUTF8"}
    }
    environment.update(env)
    result = subprocess.run(
        [sys.executable, "-c", DRIVER, str(root)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=environment,
        check=False,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    output: dict[str, object] = json.loads(result.stdout)
    return output


BASELINE = {"PYTHONHASHSEED": "0", "TZ": "UTC", "LC_ALL": "C.UTF-8"}


def _utf8_locale() -> str | None:
    try:
        listed = subprocess.run(["locale", "-a"], capture_output=True, text=True, check=False)
    except OSError:
        return None
    for name in listed.stdout.split():
        if name.lower().replace("-", "") in {"c.utf8", "en_us.utf8"}:
            return name
    return None


VARIANTS = {
    "hash seed 1": {"PYTHONHASHSEED": "1"},
    "hash seed random": {"PYTHONHASHSEED": "random"},
    "TZ Pacific/Kiritimati": {"TZ": "Pacific/Kiritimati"},
    "TZ America/Los_Angeles": {"TZ": "America/Los_Angeles"},
    # PEP 538 would coerce plain C to UTF-8; this keeps ASCII as the preferred encoding, so any
    # file opened without an explicit encoding fails on the non-ASCII content.
    "locale C, ASCII": {"LC_ALL": "C", "PYTHONCOERCECLOCALE": "0", "PYTHONUTF8": "0"},
    "locale POSIX": {"LC_ALL": "POSIX", "PYTHONCOERCECLOCALE": "0", "PYTHONUTF8": "0"},
    "reversed listing": {"REVERSE_LISTING": "1"},
    "everything at once": {
        "PYTHONHASHSEED": "4242",
        "TZ": "Pacific/Kiritimati",
        "LC_ALL": "C",
        "PYTHONCOERCECLOCALE": "0",
        "PYTHONUTF8": "0",
        "REVERSE_LISTING": "1",
    },
}


@pytest.fixture(scope="module")
def roots(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    return (
        _content(tmp_path_factory.mktemp("forward"), reverse=False),
        _content(tmp_path_factory.mktemp("reverse"), reverse=True),
    )


@pytest.fixture(scope="module")
def baseline(roots: tuple[Path, Path]) -> dict[str, object]:
    output = _build(roots[0], **BASELINE)
    files = output["files"]
    assert isinstance(files, dict)
    assert len(files) >= 15
    assert "articles/zeta-uber/index.html" in files
    return output


@pytest.mark.slow
@pytest.mark.parametrize("variant", sorted(VARIANTS))
def test_output_is_byte_identical_under(
    variant: str, roots: tuple[Path, Path], baseline: dict[str, object]
) -> None:
    assert _build(roots[0], **{**BASELINE, **VARIANTS[variant]}) == baseline


@pytest.mark.slow
def test_output_is_byte_identical_in_a_utf8_locale(
    roots: tuple[Path, Path], baseline: dict[str, object]
) -> None:
    locale = _utf8_locale()
    if locale is None:
        pytest.skip("no UTF-8 locale installed (locale -a)")
    assert _build(roots[0], **{**BASELINE, "LC_ALL": locale, "LANG": locale}) == baseline


@pytest.mark.slow
def test_files_created_in_the_other_order_give_the_same_output(
    roots: tuple[Path, Path], baseline: dict[str, object]
) -> None:
    assert _build(roots[1], **BASELINE) == baseline
    assert _build(roots[1], **{**BASELINE, "REVERSE_LISTING": "1"}) == baseline


def test_the_listing_patch_really_reverses(tmp_path: Path) -> None:
    """The driver's reversed listing is in effect (else the variant above would prove nothing)."""
    for name in ("a.md", "b.md", "c.md"):
        (tmp_path / name).write_text("x", encoding="utf-8")
    probe = DRIVER.split("from datetime import date")[0] + (
        "import os\nfrom pathlib import Path\n"
        "with os.scandir(sys.argv[1]) as found:\n"
        "    names = [e.name for e in found]\n"
        "rglob = [p.name for p in Path(sys.argv[1]).rglob('*.md')]\n"
        "print(json.dumps([names, os.listdir(sys.argv[1]), rglob]))\n"
    )
    env = {**os.environ, "REVERSE_LISTING": "1"}
    out = subprocess.run(
        [sys.executable, "-c", probe, str(tmp_path)],
        capture_output=True,
        text=True,
        env=env,
        check=True,
    ).stdout
    assert json.loads(out) == [["c.md", "b.md", "a.md"]] * 3


def _tree(folder: Path) -> dict[str, bytes]:
    return {
        path.relative_to(folder).as_posix(): path.read_bytes()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


@pytest.mark.slow
def test_the_written_folder_is_byte_identical(roots: tuple[Path, Path], tmp_path: Path) -> None:
    """The command line, with its writer, worker processes and cache, writes the same files."""
    runs = {
        "one": ({**BASELINE}, roots[0], ["--jobs", "1"]),
        "two": ({**BASELINE, **VARIANTS["everything at once"]}, roots[1], ["--jobs", "2"]),
    }
    trees = []
    for name, (env, root, flags) in runs.items():
        environment = {k: v for k, v in os.environ.items() if k not in {"LANG", "LC_CTYPE"}}
        environment.update(env)
        out = tmp_path / name / "site"
        command = [sys.executable, "-m", "nmt_content", "build", str(root), "--out", str(out)]
        subprocess.run([*command, "-q", *flags], env=environment, check=True, timeout=300)
        trees.append(_tree(out))
    assert len(trees[0]) >= 15
    assert trees[0] == trees[1]


def test_an_ascii_locale_that_cannot_name_a_page_is_refused_clearly(
    content_root: Path, tmp_path: Path
) -> None:
    """Where the file system encoding is ASCII, a non-ASCII slug cannot become a folder name;
    the build says so, with the fix, instead of ending in a traceback."""
    article = content_root / "articles" / "test-article.md"
    text = article.read_text(encoding="utf-8").replace("author: alex", "author: alex\nslug: café")
    article.write_text(text, encoding="utf-8")
    env = {**os.environ, "LC_ALL": "C", "PYTHONCOERCECLOCALE": "0", "PYTHONUTF8": "0"}
    out = tmp_path / "out"
    result = subprocess.run(
        [sys.executable, "-m", "nmt_content", "build", str(content_root), "--out", str(out), "-q"],
        capture_output=True,
        text=True,
        encoding="utf-8",
        errors="replace",
        env=env,
        check=False,
        timeout=300,
    )
    assert result.returncode == 2, result.stderr
    assert "Traceback" not in result.stderr
    assert "LC_ALL=C.UTF-8" in result.stderr
    assert not out.exists()


@pytest.mark.slow
def test_hostile_content_builds_the_same_everywhere(tmp_path: Path) -> None:
    """Control characters, CRLF and markup in every field change nothing about determinism."""
    from .test_hardening_injection import write_root

    root = write_root(tmp_path / "hostile")
    assert _build(root, **BASELINE) == _build(
        root, **{**BASELINE, **VARIANTS["everything at once"]}
    )
