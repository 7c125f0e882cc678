"""How fast ``ksanalys report`` is, as ratios to things measured on the same machine.

Measured, each as the median wall time of several runs, in round-robin order so that a slow
spell of the machine touches every measurement alike:

- floor: one ``papermill`` CLI run of a notebook that only imports pandas, seaborn,
  statsmodels (``statsmodels.api``) and matplotlib.pyplot;
- report: ``ksanalys report --year Y`` (Y the latest year of the data), end to end;
- two years: ``ksanalys report --year Y-1 --year Y``;
- naive: per chapter notebook, sequentially, the ``papermill`` CLI then
  ``jupyter nbconvert --to html`` (the pipeline ksanalys replaces).

The report runs write to one temporary output folder (so each run after the first replaces
a previous report, as in real use); the notebooks are the real ones (``notebooks/`` or
``$KSANALYS_NOTEBOOKS``). The last line printed is exactly::

    report_vs_floor=<x> naive_vs_report=<y> two_years_vs_one=<z>

Targets: report_vs_floor <= 1.3, naive_vs_report >= 3, two_years_vs_one <= 1.4.
Usage: ``python benchmarks/report_speed.py [--runs N] [--naive-runs N]``.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import nbformat

from ksanalys.load import load_dataset
from ksanalys.run.parameters import default_notebooks_dir, find_notebooks

BIN = Path(sys.executable).parent
FLOOR_SOURCE = "import pandas\nimport seaborn\nimport statsmodels.api\nimport matplotlib.pyplot"


def timed(command: list[str]) -> float:
    """Wall seconds of ``command``; it must succeed."""
    started = time.perf_counter()
    result = subprocess.run(command, capture_output=True, text=True)
    elapsed = time.perf_counter() - started
    if result.returncode != 0:
        sys.exit(f"failed ({result.returncode}): {' '.join(command)}\n{result.stderr}")
    return elapsed


def write_floor_notebook(path: Path) -> None:
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell(FLOOR_SOURCE)]
    nb.metadata["kernelspec"] = {
        "name": "python3",
        "display_name": "Python 3",
        "language": "python",
    }
    nbformat.write(nb, path)


def naive(notebooks: list[Path], year: int, folder: Path) -> list[str]:
    """The shell commands of the naive pipeline, as one ``sh -c`` script."""
    steps = []
    for notebook in notebooks:
        executed = folder / notebook.name
        steps.append(
            f"{BIN / 'papermill'} --log-level ERROR -p year {year} '{notebook}' '{executed}'"
        )
        steps.append(f"{BIN / 'jupyter'} nbconvert --to html --log-level ERROR '{executed}'")
    return ["sh", "-e", "-c", " && ".join(steps)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="timed runs of each (default 5)")
    parser.add_argument(
        "--naive-runs", type=int, default=3, help="timed runs of the naive pipeline (default 3)"
    )
    args = parser.parse_args()

    years = load_dataset().years
    year, previous = years[-1], years[-2] if len(years) > 1 else None
    if previous is None:
        sys.exit("the data covers one year only: two years cannot be measured")
    notebooks = find_notebooks(default_notebooks_dir())

    with tempfile.TemporaryDirectory(prefix="ksanalys-bench-") as tmp:
        folder = Path(tmp)
        write_floor_notebook(folder / "floor.ipynb")
        (folder / "naive").mkdir()
        out = folder / "reports"
        commands = {
            "floor": [
                str(BIN / "papermill"),
                "--log-level",
                "ERROR",
                str(folder / "floor.ipynb"),
                str(folder / "floor-out.ipynb"),
            ],
            "report": [
                str(BIN / "ksanalys"),
                "report",
                "--year",
                str(year),
                "--out",
                str(out),
                "--quiet",
            ],
            "two_years": [
                str(BIN / "ksanalys"),
                "report",
                "--year",
                str(previous),
                "--year",
                str(year),
                "--out",
                str(out),
                "--quiet",
            ],
            "naive": naive(notebooks, year, folder / "naive"),
        }
        print(
            f"{len(notebooks)} notebooks, years {previous} and {year}, "
            f"{args.runs} runs ({args.naive_runs} naive)",
            flush=True,
        )
        for name in ("floor", "two_years"):  # warm-up: disk caches, report history
            timed(commands[name])
        times: dict[str, list[float]] = {name: [] for name in commands}
        for run in range(args.runs):
            for name, command in commands.items():
                if name == "naive" and run >= args.naive_runs:
                    continue
                times[name].append(timed(command))
                print(f"  {name:<9} {times[name][-1]:6.2f} s", flush=True)

    median = {name: statistics.median(values) for name, values in times.items()}
    for name, value in median.items():
        print(
            f"{name:<9} median {value:6.2f} s  (runs: "
            + ", ".join(f"{v:.2f}" for v in times[name])
            + ")"
        )
    print(
        f"report_vs_floor={median['report'] / median['floor']:.2f} "
        f"naive_vs_report={median['naive'] / median['report']:.2f} "
        f"two_years_vs_one={median['two_years'] / median['report']:.2f}"
    )


if __name__ == "__main__":
    main()
