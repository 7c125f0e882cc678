"""Kernels forked from the warm server behave as freshly started ones."""

from __future__ import annotations

import asyncio
import json
import os
import re
import signal
import sys
import time
from pathlib import Path

import pytest

from ksanalys.errors import KsanalysError
from ksanalys.run import kernels
from ksanalys.run.execute import execute_notebook
from ksanalys.run.kernels import ForkServer, check_kernel, kernel_manager_class

FIXTURE_NOTEBOOKS = Path(__file__).parent / "fixtures" / "notebooks"


def test_the_project_kernel_runs_this_python():
    check_kernel()


def test_an_unknown_kernel_is_a_user_error():
    with pytest.raises(KsanalysError, match="kärnan 'ingen-sådan'"):
        check_kernel("ingen-sådan")


def outputs(nb) -> list:
    """The outputs of every code cell, without what differs between any two runs: the file a
    warning on stderr names (made per kernel), memory addresses in reprs."""
    found = []
    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        kept = []
        for output in cell.outputs:
            if output.output_type == "stream" and output.name == "stderr":
                continue
            if "text/plain" in output.get("data", {}):
                text = output.data["text/plain"]
                output.data["text/plain"] = re.sub(r" at 0x[0-9a-f]+", " at 0x…", text)
            kept.append(output)
        found.append(kept)
    return found


@pytest.mark.notebooks
def test_forked_kernels_give_the_outputs_of_fresh_ones(tmp_path):
    results = {}
    names = ("01_oversikt", "02_figur", "kernel_state")
    for forked in (False, True):
        server = ForkServer() if forked else None
        managers = kernel_manager_class(server, tmp_path)
        try:
            for name in names:
                executed = execute_notebook(
                    FIXTURE_NOTEBOOKS / f"{name}.ipynb",
                    tmp_path / f"{name}-{forked}.ipynb",
                    year=2013,
                    data_dir="",
                    kernel_manager_class=managers,
                )
                results[name, forked] = outputs(executed)
        finally:
            if server is not None:
                assert server.spawned == len(names)  # every kernel forked, none started anew
                server.close()
    for name in names:
        assert results[name, True] == results[name, False], name
    state = json.loads(results["kernel_state", True][2][0]["text"])
    assert state["executable"] == sys.executable
    assert state["cwd"] == str(FIXTURE_NOTEBOOKS)
    assert state["matplotlib backend"] == "module://matplotlib_inline.backend_inline"
    assert state["session leader"]
    figures = results["02_figur", True]
    assert [len(o) for o in figures] == [0, 0, 1, 1]  # two PNGs, nothing else
    assert all("image/png" in o[0]["data"] for o in figures[2:])


@pytest.mark.notebooks
def test_closing_the_server_kills_its_kernels(tmp_path):
    server = ForkServer()
    manager = kernel_manager_class(server, tmp_path)(kernel_name=kernels.KERNEL_NAME)

    async def start():
        await manager.start_kernel()
        return manager.provisioner.pid

    try:
        pid = asyncio.run(start())
        assert server.spawned == 1
        os.kill(pid, 0)  # running
    finally:
        server.close()
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            break
        time.sleep(0.05)
    else:
        pytest.fail(f"kernel {pid} still runs after the server closed")
    asyncio.run(manager.cleanup_resources())


def test_a_server_that_forked_no_kernel_is_stopped_at_once():
    """A refused report request closes a server still importing: it is killed, not waited
    for until its imports are done."""
    server = ForkServer()
    server.close()
    assert server.process.returncode == -signal.SIGKILL
    assert not server.directory.exists()
