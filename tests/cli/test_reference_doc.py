"""The README's content-format and command-line references are generated and must be current.

scripts/generate_reference.py writes them from the models' field docstrings and from the argparse
parser; these tests fail when a field, a command or a flag changed and the README was not
regenerated, and when something the code has is missing from the reference.
"""

from __future__ import annotations

import argparse
import importlib.util
import re
import shutil
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest

from nmt_content.cli import _parser
from nmt_content.models import FrontMatter, KnowledgeBase

from ..conftest import REPO_ROOT

SCRIPT = REPO_ROOT / "scripts" / "generate_reference.py"
README = REPO_ROOT / "README.md"
STALE = "README.md is stale: run `python scripts/generate_reference.py`"


@pytest.fixture(scope="module")
def generator() -> ModuleType:
    spec = importlib.util.spec_from_file_location("generate_reference", SCRIPT)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def region(text: str, name: str) -> str:
    match = re.search(rf"<!-- {name}:start -->\n\n(.*?)\n<!-- {name}:end -->", text, re.DOTALL)
    assert match, f"README.md has no {name} region"
    return match[1]


def test_content_format_reference_is_current(generator: ModuleType) -> None:
    readme = README.read_text(encoding="utf-8")
    assert region(readme, "reference") == generator.content_reference(), STALE


def test_cli_reference_is_current(generator: ModuleType) -> None:
    readme = README.read_text(encoding="utf-8")
    assert region(readme, "cli") == generator.cli_reference(), STALE


def test_every_key_is_documented_with_a_docstring(generator: ModuleType) -> None:
    reference = generator.content_reference()
    for model in generator.models_in_order(KnowledgeBase, FrontMatter):
        assert f"#### {model.__name__}\n" in reference
        for name, info in model.model_fields.items():
            assert info.description, f"{model.__name__}.{name} has no docstring"
            assert f"| `{name}` |" in reference, f"{model.__name__}.{name}"


def test_required_keys_and_defaults_are_shown(generator: ModuleType) -> None:
    reference = generator.content_reference()
    assert re.search(r"^\| `title` \| text \| yes \|", reference, re.M)
    assert re.search(r"^\| `draft` \| `true`/`false` \| no \| `false` \|", reference, re.M)
    # Filled in from the title before validation: optional for the writer.
    assert re.search(r"^\| `slug` \| slug \| no \| see description \|", reference, re.M)
    assert "list of [Location](#location) (at least 1)" in reference


def every_option(parser: argparse.ArgumentParser, generator: ModuleType) -> set[str]:
    found = {flag for action in parser._actions for flag in action.option_strings}
    for _name, _help, sub in generator.subcommands(parser):
        found |= every_option(sub, generator)
    return found - {"-h", "--help"}


def test_every_command_and_flag_is_in_the_cli_reference(generator: ModuleType) -> None:
    parser = _parser()
    reference = generator.cli_reference(parser)
    commands = [name for name, _help, _sub in generator.subcommands(parser)]
    assert {"validate", "build", "check", "inject"} <= set(commands)
    for name in commands:
        assert f"### `nmt-content {name}`" in reference
    for flag in every_option(parser, generator):
        assert f"`{flag}" in reference, flag


def test_a_new_flag_appears_without_editing_the_generator(generator: ModuleType) -> None:
    parser = argparse.ArgumentParser(prog="nmt-content")
    commands = parser.add_subparsers(metavar="COMMAND")
    demo = commands.add_parser("demo", help="a command added later", description="Does a thing.")
    demo.add_argument("--jobs", type=int, default=4, help="worker processes (default: %(default)s)")
    reference = generator.cli_reference(parser)
    assert "| [`demo`](#nmt-content-demo) | a command added later |" in reference
    assert "| `--jobs JOBS` | worker processes (default: 4) |" in reference
    assert "nmt-content demo [-h] [--jobs JOBS]" in reference


@pytest.mark.slow
def test_script_checks_and_rewrites_the_regions(tmp_path: Path, generator: ModuleType) -> None:
    readme = tmp_path / "README.md"
    shutil.copy(README, readme)
    text = readme.read_text(encoding="utf-8")
    for name in generator.REGIONS:
        text = text.replace(region(text, name), "out of date\n")
    readme.write_text(text, encoding="utf-8")
    run = [sys.executable, str(SCRIPT), "--readme", str(readme)]
    assert subprocess.run([*run, "--check"], capture_output=True, check=False).returncode == 1
    assert subprocess.run(run, capture_output=True, check=False).returncode == 0
    assert readme.read_text(encoding="utf-8") == README.read_text(encoding="utf-8")
    assert subprocess.run([*run, "--check"], capture_output=True, check=False).returncode == 0
