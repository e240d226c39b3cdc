"""The command line imports only the module of the command it runs, and ends on Ctrl-C with one
line and the shell's exit code for it."""

from __future__ import annotations

import argparse
import signal

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


def _press_ctrl_c() -> None:
    signal.raise_signal(signal.SIGINT)  # its handler runs as this call returns


def test_ctrl_c_ends_a_command_with_one_line_and_code_130(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def interrupted(command: object, args: argparse.Namespace) -> int:
        _press_ctrl_c()
        return 0  # pragma: no cover - never reached

    monkeypatch.setattr(cli, "_dispatch", interrupted)
    assert cli.main(["validate", "."]) == cli.EXIT_INTERRUPTED == 130
    assert capsys.readouterr().err == "error: interrupted\n"
    assert signal.getsignal(signal.SIGINT) is signal.default_int_handler


def test_ctrl_c_that_a_library_turned_into_its_own_error_is_still_ctrl_c(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def wrapped(command: object, args: argparse.Namespace) -> int:
        try:
            _press_ctrl_c()
        except KeyboardInterrupt as exc:  # as pydantic's serializer reports it
            raise ValueError("Error calling function `_as_dict`: KeyboardInterrupt") from exc
        return 0  # pragma: no cover - never reached

    monkeypatch.setattr(cli, "_dispatch", wrapped)
    assert cli.main(["validate", "."]) == 130
    assert capsys.readouterr().err == "error: interrupted\n"


def test_an_unexpected_error_without_ctrl_c_is_not_called_an_interrupt(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def failing(command: object, args: argparse.Namespace) -> int:
        raise ValueError("a bug")

    monkeypatch.setattr(cli, "_dispatch", failing)
    with pytest.raises(ValueError, match="a bug"):
        cli.main(["validate", "."])
    assert signal.getsignal(signal.SIGINT) is signal.default_int_handler
