"""The engines that run a report's notebooks: two kinds behind one interface, chosen in
:func:`start`.

- **fork** (the default on Linux): each notebook's kernel is forked from a server that has
  imported the stack once (:class:`~ksanalys.run.kernels.ForkServer`), so no kernel imports
  pandas, seaborn and statsmodels again;
- **plain**: Papermill's usual launch, every kernel a new interpreter. Used where forking
  is unsafe (not Linux), when the run asks for it, and with ``KSANALYS_FORK_KERNELS=0``
  (slower; for diagnosis).

Both run a notebook with :func:`ksanalys.run.execute.execute_notebook` on the project's
kernel, keep every kernel's connection file and sockets in a private folder, let no kernel
outlive this process, and kill every kernel still running on :meth:`Engine.stop`.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path
from typing import Any

from ksanalys.run import kernels

FORK_ENV = "KSANALYS_FORK_KERNELS"  # "0": the plain engine


class Engine:
    """Runs notebooks, one fresh kernel each (several at once, from worker threads).

    Use: :meth:`execute` any number of times, then :meth:`stop` (kill every kernel still
    running and start no more) and :meth:`close` (remove the engine's files)."""

    name = "plain"

    def __init__(self, server: kernels.ForkServer | None = None) -> None:
        self.server = server
        self.runtime = Path(tempfile.mkdtemp(prefix="ksanalys-run-"))
        self.managers = kernels.kernel_manager_class(server, self.runtime)

    def check(self) -> None:
        """Raise KsanalysError unless the project's kernel is installed for this interpreter."""
        kernels.check_kernel()

    def execute(self, notebook: Path, output: Path, **options: Any):
        """Run ``notebook`` into ``output``; ``options`` as for ``execute_notebook``."""
        from ksanalys.run.execute import execute_notebook

        return execute_notebook(notebook, output, kernel_manager_class=self.managers, **options)

    def warm_up(self, **arguments: Any) -> None:
        """Compute the analysis ``open_analysis(**arguments)`` once for every kernel started
        after this (only the fork engine can: a plain kernel shares nothing)."""
        if self.server is not None:
            self.server.warm_up(**arguments)

    def stop(self) -> None:
        kernels.kill_kernels(self.managers)
        if self.server is not None:
            self.server.close()

    def close(self) -> None:
        self.stop()
        shutil.rmtree(self.runtime, ignore_errors=True)


class ForkEngine(Engine):
    """Kernels forked from a server, which starts importing at once (while the caller goes on)."""

    name = "fork"

    def __init__(self) -> None:
        server = kernels.ForkServer()
        try:
            super().__init__(server)
        except BaseException:
            server.close()
            raise


def start(fork: bool = True) -> Engine:
    """The engine of one report run: forked kernels when ``fork`` is asked for, this system
    can fork safely and ``KSANALYS_FORK_KERNELS`` is not ``0``; else the plain one."""
    if fork and kernels.CAN_FORK and os.environ.get(FORK_ENV, "1") != "0":
        return ForkEngine()
    return Engine()
