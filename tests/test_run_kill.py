"""A report run killed with SIGKILL leaves no process behind: the fork server and every
kernel end within a second (the operating system kills them with their parent)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import nbformat
import psutil
import pytest

pytestmark = [
    pytest.mark.notebooks,
    pytest.mark.skipif(not sys.platform.startswith("linux"), reason="PR_SET_PDEATHSIG"),
]


FIXTURE = Path(__file__).parent / "fixtures" / "notebooks" / "01_oversikt.ipynb"


def sleeping_notebook(folder: Path) -> Path:
    """A chapter notebook that signals it runs (touches $KSANALYS_TEST_RUNNING), then sleeps."""
    folder.mkdir()
    nb = nbformat.v4.new_notebook()
    nb.metadata = nbformat.read(FIXTURE, as_version=4).metadata
    parameters = nbformat.v4.new_code_cell("year = 2013\ndata_dir = ''\nrevised = False")
    parameters.metadata["tags"] = ["parameters"]
    nb.cells = [
        parameters,
        nbformat.v4.new_code_cell(
            "import os, pathlib, time\n"
            "pathlib.Path(os.environ['KSANALYS_TEST_RUNNING']).touch()\n"
            "time.sleep(300)"
        ),
    ]
    nbformat.write(nb, folder / "01_sover.ipynb")
    return folder


def alive(processes: list[psutil.Process]) -> list[psutil.Process]:
    found = []
    for process in processes:
        try:
            if process.is_running() and process.status() != psutil.STATUS_ZOMBIE:
                found.append(process)
        except psutil.NoSuchProcess:
            continue
    return found


def fork_server_started(report: subprocess.Popen, running: Path) -> bool:
    return any(
        "ksanalys.run.forkserver" in " ".join(p.cmdline())
        for p in psutil.Process(report.pid).children()
    )


def notebook_running(report: subprocess.Popen, running: Path) -> bool:
    return running.exists()


@pytest.mark.parametrize(
    ("fork", "ready"),
    [
        ("1", notebook_running),
        ("1", fork_server_started),  # killed while the server still imports the stack
        ("0", notebook_running),
    ],
    ids=["forked-kernels", "importing-fork-server", "ordinary-kernels"],
)
def test_nothing_outlives_a_killed_report_run(tmp_path, fork, ready):
    running = tmp_path / "running"
    env = {
        **os.environ,
        "KSANALYS_NOTEBOOKS": str(sleeping_notebook(tmp_path / "notebooks")),
        "KSANALYS_FORK_KERNELS": fork,
        "KSANALYS_TEST_RUNNING": str(running),
    }
    out = str(tmp_path / "out")
    command = ["report", "--year", "2013", "--year", "2012", "--out", out, "--jobs", "2"]
    report = subprocess.Popen(
        [sys.executable, "-m", "ksanalys", *command, "--quiet"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    try:
        deadline = time.monotonic() + 120
        while not ready(report, running):
            assert report.poll() is None, report.stderr.read().decode()
            assert time.monotonic() < deadline, "no notebook started"
            time.sleep(0.1)
        descendants = psutil.Process(report.pid).children(recursive=True)
        assert descendants
        os.kill(report.pid, signal.SIGKILL)
        report.wait()
        killed = time.monotonic()
        while alive(descendants) and time.monotonic() - killed < 1.0:
            time.sleep(0.02)
        left = alive(descendants)
        assert left == [], [(p.pid, p.cmdline()) for p in left]
    finally:
        if report.poll() is None:
            report.kill()
            report.wait()
        report.stderr.close()
        for process in alive(psutil.Process().children(recursive=True)):
            process.kill()  # whatever this test started and did not end
