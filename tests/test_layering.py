"""The layering contracts in pyproject.toml hold, and a change that breaks one fails `make test`.

`lint-imports` runs on a copy of the package so the test can plant a forbidden import without
touching the tree it checks.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")


def lint_imports(src: Path, config: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(src)}
    return subprocess.run(
        [str(LINT_IMPORTS), "--no-cache", str(config)],
        capture_output=True,
        text=True,
        env=env,
        cwd=config.parent,
        check=False,
    )


@pytest.fixture
def package_copy(tmp_path: Path) -> tuple[Path, Path]:
    """A copy of src/ and pyproject.toml: (the copy's src folder, its config)."""
    src = tmp_path / "src"
    shutil.copytree(
        REPO / "src" / "nmt_content",
        src / "nmt_content",
        ignore=shutil.ignore_patterns("__pycache__", "*.json", "*.html", "*.css", "*.xsl"),
    )
    config = tmp_path / "pyproject.toml"
    shutil.copyfile(REPO / "pyproject.toml", config)
    return src, config


def plant(module: Path, line: str) -> None:
    """Add ``line`` after the module's ``from __future__`` import."""
    text = module.read_text(encoding="utf-8")
    anchor = "from __future__ import annotations\n"
    assert anchor in text, module
    module.write_text(text.replace(anchor, anchor + line + "\n", 1), encoding="utf-8")


def test_the_contracts_hold(package_copy: tuple[Path, Path]) -> None:
    result = lint_imports(*package_copy)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout


@pytest.mark.parametrize(
    ("module", "line", "contract", "chain"),
    [
        (
            "models/base.py",
            "from ..pipeline import plan as _plan  # noqa",
            "Data flows one way",
            "nmt_content.models.base -> nmt_content.pipeline.plan",
        ),
        (
            "schema/ids.py",
            "from ..content import loader as _loader  # noqa",
            "Data flows one way",
            "nmt_content.schema.ids -> nmt_content.content.loader",
        ),
        (
            "render/head.py",
            "import shutil as _shutil  # noqa",
            "Rendering makes strings",
            "nmt_content.render.head -> shutil",
        ),
        (
            "content/parse.py",
            "from ..render import markdown as _markdown  # noqa",
            "Reading knows nothing",
            "nmt_content.content.parse -> nmt_content.render.markdown",
        ),
        (
            "pages/plan.py",
            "from pathlib import Path as _Path  # noqa",
            "Only content/ reads",
            "nmt_content.pages.plan -> pathlib",
        ),
        (
            "integrations/api.py",
            "import tempfile as _tempfile  # noqa",
            "Only the output writer",
            "nmt_content.integrations.api -> tempfile",
        ),
        (
            "checks/findings.py",
            "from ..pipeline import outputs as _outputs  # noqa",
            "Checks judge what they are handed",
            "nmt_content.checks.findings -> nmt_content.pipeline.outputs",
        ),
        (
            "checks/rules/seo.py",
            "from ...render import markdown as _markdown  # noqa",
            "Markdown is rendered once",
            "nmt_content.checks.rules.seo -> nmt_content.render.markdown",
        ),
    ],
)
def test_a_forbidden_import_breaks_its_contract_and_names_the_chain(
    package_copy: tuple[Path, Path], module: str, line: str, contract: str, chain: str
) -> None:
    src, config = package_copy
    plant(src / "nmt_content" / module, line)
    result = lint_imports(src, config)
    assert result.returncode != 0
    broken = result.stdout.split("Broken contracts", 1)[1]
    assert contract in broken
    assert chain in broken


def test_the_readme_map_names_every_package_and_top_level_module() -> None:
    """README's "Where things are" table lists exactly the tree: each package once, and the
    top-level modules (at most six of them)."""
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Where things are", 1)[1].split("\n## ", 1)[0]
    cells = [row.split("|")[1].strip() for row in section.splitlines() if row.startswith("| `")]
    named = {name.strip("` ") for cell in cells for name in cell.split(",")}
    package = REPO / "src" / "nmt_content"
    packages = {f"{p.name}/" for p in package.iterdir() if (p / "__init__.py").is_file()}
    modules = {p.name for p in package.glob("*.py") if p.name != "__main__.py"}
    assert len(modules | {"__main__.py"}) <= 6
    assert {
        "src/nmt_content/__init__.py" if n == "__init__.py" else n for n in modules
    } | packages == named


def test_no_module_is_over_400_lines() -> None:
    package = REPO / "src" / "nmt_content"
    lengths = {
        str(path.relative_to(package)): len(path.read_text(encoding="utf-8").splitlines())
        for path in package.rglob("*.py")
    }
    assert len(lengths) > 50
    assert {path: n for path, n in lengths.items() if n > 400} == {}
