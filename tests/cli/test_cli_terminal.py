"""Terminal output: colour rules, --quiet and --verbose on every command, hints for common
mistakes."""

from __future__ import annotations

import argparse
import io
import os
import subprocess
import sys
from pathlib import Path

import pytest

from nmt_content.cli import _parser, main
from nmt_content.cli.terminal import Terminal, wants_colour

ESC = "\x1b["


class FakeTty(io.StringIO):
    def isatty(self) -> bool:
        return True


@pytest.mark.parametrize(
    ("environ", "tty", "expected"),
    [
        ({}, True, True),
        ({}, False, False),
        ({"NO_COLOR": "1"}, True, False),
        ({"NO_COLOR": "1", "FORCE_COLOR": "1"}, True, False),
        ({"NO_COLOR": ""}, True, True),  # an empty NO_COLOR does not count
        ({"FORCE_COLOR": "1"}, False, True),
        ({"FORCE_COLOR": "0"}, True, True),
        ({"FORCE_COLOR": "0"}, False, False),
        ({"CI": "true"}, True, False),
        ({"CI": "true", "FORCE_COLOR": "1"}, False, True),
        ({"TERM": "dumb"}, True, False),
    ],
)
def test_colour_rules(environ: dict[str, str], tty: bool, expected: bool) -> None:
    stream = FakeTty() if tty else io.StringIO()
    assert wants_colour(stream, environ) is expected


def test_plain_output_when_not_a_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("NO_COLOR", "FORCE_COLOR", "CI"):
        monkeypatch.delenv(name, raising=False)
    out, err = io.StringIO(), io.StringIO()
    term = Terminal(out=out, err=err)
    term.success("done")
    term.error("broken")
    term.problem("a.md:3:1: error: title: missing")
    assert ESC not in out.getvalue() + err.getvalue()
    assert err.getvalue() == "error: broken\na.md:3:1: error: title: missing\n"


def test_coloured_problem_on_a_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("NO_COLOR", "FORCE_COLOR", "CI", "TERM"):
        monkeypatch.delenv(name, raising=False)
    err = FakeTty()
    Terminal(err=err).problem("a.md:3:1: error: title: missing")
    text = err.getvalue()
    assert text.startswith(f"{ESC}1ma.md:3:1:{ESC}0m {ESC}31;1merror{ESC}0m")
    assert text.endswith(" title: missing\n")


def test_quiet_hides_progress_and_verbose_adds_detail() -> None:
    out, err = io.StringIO(), io.StringIO()
    quiet = Terminal(quiet=True, verbose=True, out=out, err=err)
    quiet.info("progress")
    quiet.detail("detail")
    quiet.error("still shown")
    assert out.getvalue() == ""
    assert err.getvalue() == "error: still shown\n"
    loud = Terminal(verbose=True, out=out, err=err)
    loud.detail("timings")
    assert "timings" in err.getvalue()


COMMAND_ARGS = {
    "validate": [],
    "build": [],
    "check": [],
    "serve": [],
    "new": ["article", "Title"],
    "init": [],
    "inject": ["site"],
    "schema": [],
}


def test_every_command_takes_quiet_and_verbose() -> None:
    parser = _parser()
    (subcommands,) = (a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    assert set(subcommands.choices) == set(COMMAND_ARGS)
    for command, rest in COMMAND_ARGS.items():
        for flags in (["--quiet"], ["-q"], ["--verbose"], ["-v"]):
            args = parser.parse_args([command, *rest, *flags])
            assert args.quiet or args.verbose, (command, flags)


def test_validate_quiet_prints_nothing_and_verbose_times_it(
    repo_content: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["validate", str(repo_content), "--quiet"]) == 0
    assert capsys.readouterr() == ("", "")
    assert main(["validate", str(repo_content), "--verbose"]) == 0
    captured = capsys.readouterr()
    assert "Dustin" in captured.out
    assert "loaded practice.yaml and 1 articles in" in captured.err


def test_check_quiet_leaves_out_info_findings(
    repo_content: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    main(["check", str(repo_content)])
    full = capsys.readouterr().out
    main(["check", str(repo_content), "-q"])
    quiet = capsys.readouterr().out
    assert ": info " in full
    assert ": info " not in quiet
    assert quiet.splitlines()[-1] == full.splitlines()[-1]
    assert len(quiet.splitlines()) < len(full.splitlines())


def test_misspelled_command_suggests_the_right_one(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["buidl"])
    assert exit_info.value.code == 2
    assert "did you mean `build`?" in capsys.readouterr().err


def test_misspelled_choice_suggests_the_right_one(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["check", "--format", "josn"])
    assert "did you mean `json`?" in capsys.readouterr().err


def test_folder_without_practice_suggests_init(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["validate", str(tmp_path)]) == 2
    err = capsys.readouterr().err
    assert f"no practice.yaml in {tmp_path}" in err
    assert f"hint: run `nmt-content init {tmp_path}`" in err


@pytest.mark.slow
@pytest.mark.parametrize(("extra", "coloured"), [({"FORCE_COLOR": "1"}, True), ({}, False)])
def test_colour_in_a_real_process(tmp_path: Path, extra: dict[str, str], coloured: bool) -> None:
    env = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "FORCE_COLOR", "CI")}
    result = subprocess.run(
        [sys.executable, "-m", "nmt_content", "validate", str(tmp_path)],
        capture_output=True,
        text=True,
        env={**env, **extra},
        check=False,
    )
    assert result.returncode == 2
    assert (ESC in result.stderr) is coloured
    assert "practice.yaml" in result.stderr


def test_misspelled_option_suggests_the_command_s_own(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["serve", "--prot", "8001"])
    assert "did you mean `--port`?" in capsys.readouterr().err
    with pytest.raises(SystemExit):
        main(["build", "--drafs"])
    assert "did you mean `--drafts`?" in capsys.readouterr().err


def test_passing_the_articles_folder_points_at_its_parent(
    content_root: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["validate", str(content_root / "articles")]) == 2
    err = capsys.readouterr().err
    assert f"hint: practice.yaml is in {content_root.resolve()}; pass that folder as ROOT" in err


def test_new_without_article_shows_the_right_command(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["new", "Neck pain"])
    assert "write: nmt-content new article 'Neck pain'" in capsys.readouterr().err


def test_the_author_question_on_a_terminal(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from nmt_content.cli.new import _ask_author
    from nmt_content.models import Therapist

    therapists = [
        Therapist(id="alex", name="Alex Example"),
        Therapist(id="sam", name="Sam Example"),
    ]
    answers = iter(["7", "nobody", "2"])
    monkeypatch.setattr("builtins.input", lambda _prompt: next(answers))
    assert _ask_author(therapists) == "sam"
    out = capsys.readouterr().out
    assert "1. Alex Example (alex)" in out
    assert out.count("Please type one of the numbers or ids above.") == 2
    answers = iter(["alex"])
    assert _ask_author(therapists) == "alex"
