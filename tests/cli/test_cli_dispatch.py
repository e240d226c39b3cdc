"""The command line imports only the module of the command it runs."""

from __future__ import annotations

import argparse

import pytest

from nmt_content import cli


def _commands(parser: argparse.ArgumentParser) -> list[str]:
    subparsers = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    return list(subparsers.choices)


def test_the_command_table_names_what_each_module_registers() -> None:
    assert _commands(cli._parser([])) == list(cli._COMMANDS)


@pytest.mark.parametrize("name", cli._COMMANDS)
def test_a_named_command_registers_only_its_own_parser(name: str) -> None:
    assert _commands(cli._parser([name, "--quiet"])) == [name]


def test_a_misspelled_command_still_gets_a_suggestion(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        cli.main(["biuld"])
    assert "did you mean `build`?" in capsys.readouterr().err


def test_a_misspelled_flag_of_a_named_command_gets_a_suggestion(
    capsys: pytest.CaptureFixture[str],
) -> None:
    with pytest.raises(SystemExit):
        cli.main(["build", ".", "--no-cahce"])
    assert "did you mean `--no-cache`?" in capsys.readouterr().err
