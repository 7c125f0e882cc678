"""Usage errors: one Swedish line ``ksanalys: fel: …`` on stderr and exit code 2."""

from __future__ import annotations

import argparse

import pytest

from ksanalys.cli import main
from ksanalys.cli._common import year


def usage_error(argv: list[str], capsys) -> str:
    """The stderr of ``ksanalys argv``, which must stop with exit code 2 and print nothing
    on stdout."""
    with pytest.raises(SystemExit) as stop:
        main(argv)
    assert stop.value.code == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    return captured.err


@pytest.mark.parametrize("command", ["summary", "check", "goals", "report"])
def test_a_year_that_is_no_year_is_one_swedish_line(command, capsys):
    err = usage_error([command, "--year", "abc"], capsys)
    assert err.splitlines() == [
        f"ksanalys: fel: --year: förväntade ett årtal, t.ex. 2013, fann 'abc' "
        f"(se 'ksanalys {command} --help')"
    ]


@pytest.mark.parametrize(
    ("argv", "expected"),
    [
        (["summary", "--year", "2013", "--färg"], "okända argument: --färg"),
        (["summary"], "dessa argument krävs: --year"),
        (["summary", "--year"], "--year: värde saknas"),
        (["check", "--year", "2013", "--format", "xml"], "--format: ogiltigt val: 'xml'"),
        (["ritning"], "ogiltigt val: 'ritning'"),
        ([], "dessa argument krävs: KOMMANDO"),
    ],
)
def test_other_usage_errors_are_one_line_with_exit_code_2(argv, expected, capsys):
    lines = usage_error(argv, capsys).splitlines()
    assert len(lines) == 1
    assert lines[0].startswith("ksanalys: fel: ")
    assert expected in lines[0]


@pytest.mark.parametrize("text", ["2013", "1999"])
def test_year_accepts_four_digits(text):
    assert year(text) == int(text)


@pytest.mark.parametrize("text", ["abc", "13", "20130", "-2013", "2013.0", " 2013", ""])
def test_year_refuses_anything_else(text):
    with pytest.raises(argparse.ArgumentTypeError, match="förväntade ett årtal"):
        year(text)


def test_help_still_exits_0(capsys):
    with pytest.raises(SystemExit) as stop:
        main(["report", "--help"])
    assert stop.value.code == 0
    assert "--year" in capsys.readouterr().out
