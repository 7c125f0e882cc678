"""Execute one chapter notebook with Papermill, in a kernel of its own.

:func:`execute_notebook` runs ``papermill.execute_notebook`` in this process, passing
``year`` and ``data_dir`` as Python values (no type guessing), killing the kernel as soon as
the notebook is done (``shutdown_kernel="immediate"``) and writing the executed notebook.
A notebook that raises becomes a :class:`NotebookFailed` naming the cell. Several notebooks
may run at once, each in its own thread: nothing here changes the working directory (the
kernel is started in the notebook's folder instead).
"""

from __future__ import annotations

import asyncio
import logging
import sys
import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

# jsonschema imports rfc3987_syntax if it can, which builds a parser at import (0.7-2 s on
# these machines). nbformat validates without format checks, so nothing here needs it.
sys.modules.setdefault("rfc3987_syntax", None)  # type: ignore[arg-type]

import nbformat  # noqa: E402
import papermill  # noqa: E402
from papermill.exceptions import PapermillExecutionError  # noqa: E402
from papermill.execute import ERROR_MARKER_TAG  # noqa: E402

from ksanalys.run.kernels import KERNEL_NAME  # noqa: E402

INJECTED_TAG = "injected-parameters"

logging.getLogger("papermill").setLevel(logging.ERROR)


@dataclass
class NotebookFailed(Exception):
    """A notebook did not run to its end.

    ``cell`` is the 1-based position of the failing cell in the source notebook (the cell
    Papermill injects is not counted) and ``cells`` the number of cells there; both are None
    when no cell failed (the kernel died or did not start). ``error`` is the exception line.
    """

    notebook: Path
    error: str
    cell: int | None = None
    cells: int | None = None
    source: str = ""

    def __str__(self) -> str:
        if self.cell is None:
            return f"{self.notebook.name}: {self.error}"
        first_line = self.source.strip().splitlines()[0] if self.source.strip() else ""
        shown = f" («{first_line[:60]}»)" if first_line else ""
        return f"{self.notebook.name}: cell {self.cell} av {self.cells}{shown}: {self.error}"


def _tags(cell) -> list[str]:
    return list(cell.get("metadata", {}).get("tags", []))


def _failure(notebook: Path, output: Path, error: PapermillExecutionError) -> NotebookFailed:
    executed = nbformat.read(output, as_version=4) if output.exists() else None
    cell = cells = None
    if executed is not None:
        # error.cell_index counts the injected cell but not the error banners added after
        ran = [c for c in executed.cells if ERROR_MARKER_TAG not in _tags(c)]
        injected = [i for i, c in enumerate(ran) if INJECTED_TAG in _tags(c)]
        cell = error.cell_index + 1 - sum(1 for i in injected if i < error.cell_index)
        cells = len(ran) - len(injected)
    line = f"{error.ename}: {error.evalue}" if error.evalue else error.ename
    return NotebookFailed(notebook, line, cell, cells, error.source or "")


def execute_notebook(
    notebook: Path,
    output: Path,
    *,
    year: int,
    data_dir: str,
    kernel_manager_class: type,
    revised: bool = False,
    board: str = "",
    kernel_name: str = KERNEL_NAME,
    before_cells: Callable[[], None] | None = None,
) -> nbformat.NotebookNode:
    """Run ``notebook`` with ``year`` and ``data_dir`` (and ``revised`` when set: the latest
    values instead of those first published; ``board`` when set: the board of a data folder
    with several); write and return the executed notebook.

    ``before_cells`` is called (in a helper thread, it may block) once the kernel is ready
    and before the first cell runs: the caller may hold notebooks back there while their
    kernels start. Raises :class:`NotebookFailed` if a cell raises or the kernel dies; the
    executed notebook (with Papermill's error banner) is still written to ``output`` when
    it can be.
    """
    hooks = {}
    if before_cells is not None:
        pending = [before_cells]

        async def on_cell_start(**_):
            if pending:
                await asyncio.to_thread(pending.pop())

        hooks["on_cell_start"] = on_cell_start
    try:
        return papermill.execute_notebook(
            str(notebook),
            str(output),
            parameters={
                "year": year,
                "data_dir": data_dir,
                **({"revised": True} if revised else {}),
                **({"board": board} if board else {}),
            },
            kernel_name=kernel_name,
            progress_bar=False,
            log_output=False,
            request_save_on_cell_execute=False,  # written once at the end (or on failure)
            shutdown_kernel="immediate",
            kernel_manager_class=kernel_manager_class,
            resources={"metadata": {"path": str(notebook.parent)}},
            **hooks,
        )
    except PapermillExecutionError as error:
        raise _failure(notebook, output, error) from error
    except Exception as error:  # the kernel died, did not start, timed out
        message = str(error).strip().splitlines()
        detail = f"{type(error).__name__}: {message[0]}" if message else type(error).__name__
        raise NotebookFailed(notebook, detail) from error
    finally:
        _close_thread_event_loop()


def _close_thread_event_loop() -> None:
    """Close the event loop nbclient left in this worker thread (it makes one per thread and
    never closes it); the main thread's loop is left alone."""
    if threading.current_thread() is threading.main_thread():
        return
    try:
        loop = asyncio.get_event_loop_policy().get_event_loop()
    except RuntimeError:
        return
    if not loop.is_running():
        loop.close()
        asyncio.set_event_loop(None)
