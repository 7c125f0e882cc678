"""Soak ``ksanalys report``: many consecutive runs in one process, nothing left behind.

Runs ``ksanalys report --year Y --out DIR --quiet [--pdf]`` ``--runs`` times in this process
(as a notebook or a script calling ksanalys would), into the same output folder, and after
each run counts what it left:

- processes: every process started for the run carries a marker in its environment
  (``KSANALYS_SOAK``); one still alive ``--grace`` seconds after the run is *left behind*
  (a kernel, the fork server, Chromium), whether it is still this process's child or an
  orphan;
- this process's memory (resident set after a garbage collection), open file descriptors
  and threads;
- files left in the run's own temporary folder (``TMPDIR`` points into a private folder).

Each run's line shows these; the summary gives the counts and the memory trend: resident
memory after the warm-up run (``--warmup``) and after the last, and the least-squares slope
in between (MB per run). Not part of the test suite. Usage::

    .venv/bin/python tools/soak_report.py [--runs 100] [--year 2013] [--no-pdf]

The last line is ``left behind: N``; the exit code is 1 when a run failed, anything was
left behind, or memory grew by more than ``--max-growth`` MB from the warm-up to the end.
"""

from __future__ import annotations

import argparse
import contextlib
import gc
import io
import os
import sys
import tempfile
import time
import uuid
from pathlib import Path

import psutil

MARKER = "KSANALYS_SOAK"
MB = 1024 * 1024


def marked(marker: str) -> list[psutil.Process]:
    """Every live process but this one whose environment carries ``marker``."""
    found = []
    for process in psutil.process_iter(["pid"]):
        if process.pid == os.getpid():
            continue
        with contextlib.suppress(psutil.Error):
            if process.environ().get(MARKER) == marker and process.status() != "zombie":
                found.append(process)
    return found


def describe(process: psutil.Process) -> str:
    with contextlib.suppress(psutil.Error):
        return f"{process.pid} {' '.join(process.cmdline())[:100]}"
    return str(process.pid)


def slope(values: list[float]) -> float:
    """Least-squares slope of ``values`` against their index."""
    n = len(values)
    if n < 2:
        return 0.0
    mean_x, mean_y = (n - 1) / 2, sum(values) / n
    num = sum((i - mean_x) * (v - mean_y) for i, v in enumerate(values))
    return num / sum((i - mean_x) ** 2 for i in range(n))


def soak(options: argparse.Namespace) -> int:
    from ksanalys.cli import main

    marker = uuid.uuid4().hex
    os.environ[MARKER] = marker
    me = psutil.Process()
    failures = left_total = 0
    rss: list[float] = []
    with tempfile.TemporaryDirectory(prefix="ksanalys-soak-") as scratch_name:
        scratch = Path(scratch_name)
        private_tmp = scratch / "tmp"
        private_tmp.mkdir()
        os.environ["TMPDIR"] = str(private_tmp)
        tempfile.tempdir = None
        out = scratch / "reports"
        argv = ["report", "--year", str(options.year), "--out", str(out), "--quiet"]
        argv += ["--pdf"] if options.pdf else []
        started = time.perf_counter()
        for run in range(1, options.runs + 1):
            began = time.perf_counter()
            with (
                contextlib.redirect_stdout(io.StringIO()),
                contextlib.redirect_stderr(io.StringIO()) as err,
            ):
                code = main(argv)
            seconds = time.perf_counter() - began
            if code != 0:
                failures += 1
                print(f"run {run}: exit {code}: {err.getvalue().strip()[:300]}", flush=True)
            time.sleep(options.grace)
            left = marked(marker)
            left_total += len(left)
            for process in left:
                print(f"run {run}: left behind: {describe(process)}", flush=True)
                with contextlib.suppress(psutil.Error):
                    process.kill()
            gc.collect()
            rss.append(me.memory_info().rss / MB)
            files = sum(1 for _ in private_tmp.iterdir())
            print(
                f"run {run:3d}: exit {code}, {seconds:5.1f} s, left {len(left)}, "
                f"rss {rss[-1]:6.1f} MB, fds {me.num_fds()}, threads {me.num_threads()}, "
                f"children {len(me.children(recursive=True))}, temp files {files}",
                flush=True,
            )
        elapsed = time.perf_counter() - started
    warm = min(options.warmup, len(rss)) - 1
    growth = rss[-1] - rss[warm] if rss else 0.0
    print(f"runs: {options.runs} in {elapsed:.0f} s, failed: {failures}")
    print(
        f"rss after run {warm + 1}: {rss[warm]:.1f} MB, after run {len(rss)}: {rss[-1]:.1f} MB "
        f"(growth {growth:+.1f} MB, slope {slope(rss[warm:]):+.3f} MB per run)"
    )
    print(f"left behind: {left_total}")
    return 1 if failures or left_total or growth > options.max_growth else 0


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=100, help="report runs (default 100)")
    parser.add_argument("--year", type=int, default=2013)
    parser.add_argument("--no-pdf", dest="pdf", action="store_false", help="skip --pdf")
    parser.add_argument("--grace", type=float, default=1.0, help="seconds before counting")
    parser.add_argument("--warmup", type=int, default=10, help="runs before the trend")
    parser.add_argument("--max-growth", type=float, default=20.0, help="MB allowed")
    return parser.parse_args(argv)


if __name__ == "__main__":
    os.environ.setdefault("MPLBACKEND", "Agg")
    sys.exit(soak(parse_args()))
