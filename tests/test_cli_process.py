"""The command line as a process: ``python -m ksanalys``, help without the analysis stack,
and output into a pipe whose reader has gone."""

from __future__ import annotations

import subprocess
import sys

import pytest

COMMANDS = ("validate", "summary", "check", "goals", "report")
HEAVY = ("pandas", "numpy", "matplotlib", "scipy", "statsmodels", "papermill", "nbconvert")


def run(args: list[str], **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, *args], capture_output=True, text=True, timeout=120, **kwargs
    )


def test_python_m_ksanalys_runs_the_command_line():
    done = run(["-m", "ksanalys", "--help"])
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("usage: ksanalys")
    for command in COMMANDS:
        assert command in done.stdout
    version = run(["-m", "ksanalys", "--version"])
    assert version.returncode == 0
    assert version.stdout.startswith("ksanalys ")


@pytest.mark.parametrize("argv", [["--help"], *([c, "--help"] for c in COMMANDS)])
def test_help_imports_nothing_heavy(argv):
    script = (
        "import sys\n"
        "from ksanalys.cli import main\n"
        "try:\n"
        f"    main({argv!r})\n"
        "except SystemExit as stop:\n"
        "    assert stop.code == 0, stop.code\n"
        f"print(sorted(m for m in {HEAVY!r} if m in sys.modules))\n"
    )
    done = run(["-c", script])
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines()[-1] == "[]"
    assert "usage: ksanalys" in done.stdout


@pytest.mark.parametrize(
    "argv",
    [
        ["goals", "--year", "2013"],
        ["check", "--year", "2013"],
        ["summary", "--year", "2013", "--format", "csv"],
        ["validate"],
        ["--help"],
    ],
)
def test_a_closed_output_pipe_ends_quietly(argv):
    process = subprocess.Popen(
        [sys.executable, "-m", "ksanalys", *argv],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    process.stdout.close()  # the reader is gone before the first line is written
    err = process.stderr.read().decode()
    process.stderr.close()
    code = process.wait(timeout=120)
    assert "Traceback" not in err
    assert "BrokenPipe" not in err
    assert err == ""
    assert code in (0, 141)


def test_a_pipe_closed_midway_ends_quietly():
    """``ksanalys goals | head -1``: the reader takes one line and goes."""
    done = subprocess.run(
        f"'{sys.executable}' -m ksanalys goals --year 2013 | head -1; "
        'echo "exit=${PIPESTATUS[0]}" >&2',
        shell=True,
        executable="/bin/bash",
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert len(done.stdout.splitlines()) == 1
    assert "Traceback" not in done.stderr
    assert done.stderr.strip().splitlines()[-1] in ("exit=0", "exit=141")
