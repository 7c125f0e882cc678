"""A failing notebook or an interrupted run leaves the previous report exactly as it was."""

from __future__ import annotations

import os
import shutil
import time
from pathlib import Path

import nbformat
import psutil
import pytest

from ksanalys.cli import main
from ksanalys.run import report as report_module
from ksanalys.run.outdir import MARKER

pytestmark = pytest.mark.notebooks


def snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


def hidden_entries(out: Path) -> list[str]:
    return [p.name for p in out.iterdir() if p.name.startswith(".") and p.name != MARKER]


def kernels_of_this_process() -> list[psutil.Process]:
    """Live processes started for notebooks of this process (jupyter_client tells every kernel
    its parent's pid in JPY_PARENT_PID; the fork server and its kernels carry it too)."""
    mine = str(os.getpid())
    found = []
    for process in psutil.process_iter():
        try:
            if (
                process.pid != os.getpid()
                and process.environ().get("JPY_PARENT_PID") == mine
                and process.status() != psutil.STATUS_ZOMBIE
            ):
                found.append(process)
        except (psutil.NoSuchProcess, psutil.AccessDenied):
            continue
    return found


def no_kernels_left(seconds: float = 10.0) -> bool:
    deadline = time.monotonic() + seconds
    while kernels_of_this_process():
        if time.monotonic() > deadline:
            return False
        time.sleep(0.1)
    return True


@pytest.fixture
def notebooks(tmp_path, copy_notebooks, monkeypatch):
    folder = copy_notebooks(tmp_path / "notebooks", "01_oversikt.ipynb")
    monkeypatch.setenv("KSANALYS_NOTEBOOKS", str(folder))
    return folder


def test_failing_notebook_is_named_kept_and_leaves_the_report_alone(
    fixture_report, tmp_path, notebooks, copy_notebooks, capsys
):
    out = tmp_path / "out"
    args = ["report", "--year", "2013", "--out", str(out), "--quiet"]
    shutil.copytree(fixture_report, out)  # an earlier good report
    before = snapshot(out / "2013")

    copy_notebooks(notebooks, "broken.ipynb")
    capsys.readouterr()
    assert main(args) == 3  # a failing notebook is an internal error
    message = capsys.readouterr().err
    kept = out / "2013.failed" / "broken.ipynb"
    assert "broken.ipynb: cell 4 av 5" in message
    assert "ValueError: avsiktligt fel för år 2013" in message
    assert str(kept) in message
    assert snapshot(out / "2013") == before
    assert hidden_entries(out) == []

    executed = nbformat.read(kept, as_version=4)
    failing = next(c for c in executed.cells if "raise ValueError" in c.source)
    assert [o.get("ename") for o in failing.outputs if o.output_type == "error"] == ["ValueError"]
    after = next(c for c in executed.cells if 'print("efter felet")' in c.source)
    assert after.outputs == []  # never ran

    (notebooks / "broken.ipynb").unlink()
    assert main(args) == 0
    assert not (out / "2013.failed").exists()
    assert snapshot(out / "2013") != before  # replaced by the new run


def test_interrupted_run_leaves_the_report_alone_and_no_kernel(
    fixture_report, tmp_path, notebooks, copy_notebooks, monkeypatch, capsys
):
    out = tmp_path / "out"
    args = ["report", "--year", "2013", "--out", str(out), "--quiet"]
    shutil.copytree(fixture_report, out)  # an earlier good report
    before = snapshot(out / "2013")

    copy_notebooks(notebooks, "02_figur.ipynb")

    def interrupt(self, year, notebook, future):
        raise KeyboardInterrupt

    monkeypatch.setattr(report_module._Run, "finished", interrupt)
    capsys.readouterr()
    assert main(args) == 130
    assert "avbrutet" in capsys.readouterr().err
    assert snapshot(out / "2013") == before
    assert hidden_entries(out) == []
    assert no_kernels_left()
