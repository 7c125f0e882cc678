"""Exit codes are a contract: 0 done, 1 only check with findings, 2 bad input or usage,
3 an internal error, which is one line (the traceback only with --debug)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

import ksanalys.load
from ksanalys import cli
from ksanalys.cli import COMMANDS, EXIT_INTERNAL, main
from ksanalys.load import default_data_dir

# Arguments that get each command past argument parsing.
ARGV = {
    "validate": ["validate"],
    "summary": ["summary", "--year", "2013"],
    "check": ["check", "--year", "2013"],
    "goals": ["goals", "--year", "2013"],
    "report": ["report", "--year", "2013"],
    "new-year": ["new-year", "2014"],
    "import": ["import", "arbetsbok.xlsx"],
}
HINT = "; kör med --debug för detaljer"


def command_name(module) -> str:
    return module.__name__.rsplit(".", 1)[1].rstrip("_").replace("_", "-")


def test_every_command_is_covered():
    assert sorted(ARGV) == sorted(command_name(m) for m in COMMANDS)


class Boom(RuntimeError):
    pass


def explode(*args, **kwargs):
    raise Boom("oväntat\nfel på två rader")


@pytest.mark.parametrize("module", COMMANDS, ids=command_name)
def test_an_internal_error_in_any_command_is_one_line_and_exit_3(module, monkeypatch, capsys):
    monkeypatch.setattr(module, "run", explode)
    assert main(ARGV[command_name(module)]) == EXIT_INTERNAL
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err == f"ksanalys: internt fel: Boom: oväntat\\nfel på två rader{HINT}\n"


@pytest.mark.parametrize("where", ["before", "after"])
def test_debug_shows_the_traceback_then_the_line(where, monkeypatch, capsys):
    monkeypatch.setattr(cli.check, "run", explode)
    argv = ["--debug", *ARGV["check"]] if where == "before" else [*ARGV["check"], "--debug"]
    assert main(argv) == EXIT_INTERNAL
    err = capsys.readouterr().err
    assert err.startswith("Traceback (most recent call last):\n")
    assert 'in explode\n    raise Boom("oväntat\\nfel på två rader")' in err
    assert err.endswith("ksanalys: internt fel: Boom: oväntat\\nfel på två rader\n")


def test_an_error_deep_inside_a_command_is_internal_too(monkeypatch, capsys):
    monkeypatch.setattr(ksanalys.load, "load_dataset", lambda *a, **k: {}["x"])
    assert main(ARGV["summary"]) == EXIT_INTERNAL
    assert capsys.readouterr().err == f"ksanalys: internt fel: KeyError: 'x'{HINT}\n"


def test_a_long_message_stays_one_short_line(monkeypatch, capsys):
    def long(*args, **kwargs):
        raise ValueError("x" * 5000)

    monkeypatch.setattr(cli.validate, "run", long)
    assert main(["validate"]) == EXIT_INTERNAL
    lines = capsys.readouterr().err.splitlines()
    assert len(lines) == 1 and len(lines[0]) < 300


def test_the_other_codes(tmp_path, capsys):
    assert main(["validate"]) == 0
    assert main(["check", "--year", "2013"]) == 1  # the shipped 2013 report has findings
    assert main(["check", "--year", "1999"]) == 2  # not in data
    for argv in (["check"], ["nosuchcommand"], ["check", "--year", "x"]):
        with pytest.raises(SystemExit) as stop:  # argparse's errors
            main(argv)
        assert stop.value.code == 2
    folder = tmp_path / "data"
    shutil.copytree(default_data_dir(), folder)
    (folder / "ki.csv").unlink()
    assert main(["check", "--year", "2013", "--data", str(folder)]) == 2
    err = capsys.readouterr().err
    assert "internt fel" not in err and "Traceback" not in err


def test_readme_states_the_contract():
    text = (Path(__file__).parents[1] / "README.md").read_text("utf-8")
    assert "| 3 | internt fel" in text and "--debug" in text
