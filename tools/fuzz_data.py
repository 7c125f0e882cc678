"""Fuzz the data folder: mutate the shipped data and run the commands in-process.

Each of ``--count`` rounds (seeded, so a round can be replayed with ``--only N``) copies
one mutation into a scratch copy of the data folder and runs, in this process, what the
command line runs: ``ksanalys validate`` and, when the data is valid, ``summary``,
``check`` and ``goals`` for every report year (text and JSON output in turn). A
:class:`~ksanalys.errors.KsanalysError` is an expected outcome (the user gets one clear
message and exit 2); any other exception is *uncaught* and printed with its mutation. A
round that takes longer than ``--timeout`` seconds counts as uncaught too (a hang).

Not part of the test suite. Usage::

    .venv/bin/python tools/fuzz_data.py [--count 10000] [--start 0] [--seed 0] [--only N]

``--start S --count N`` runs rounds S to S+N-1, so a long run can be split over processes
(the rounds are the same whichever process runs them).

The last line is ``uncaught: N``; the exit code is 1 when N > 0.
"""

from __future__ import annotations

import argparse
import collections
import contextlib
import csv
import io
import os
import random
import shutil
import signal
import sys
import tempfile
import time
import traceback
from pathlib import Path

import ksanalys.load
from ksanalys.cli import EXIT_INTERNAL, main
from ksanalys.load import default_data_dir

ODD_VALUES = (
    "",
    " ",
    "0",
    "-0",
    "-1",
    "1",
    "7",
    "400",
    "1.5",
    "0,5",
    "1 234",
    "−5",
    "１２",
    "٢٠١٣",
    "1e308",
    "-1e308",
    "1" + "0" * 308,
    "999999999999999999999",
    "nan",
    "inf",
    "1_000",
    "+5",
    "1900",
    "1899",
    "2100",
    "2101",
    "99999",
    "2012",
    "2013",
    "2014",
    "x",
    "None",
    "<script>alert(1)</script>",
    "[x](javascript:alert(1))",
    "a+b",
    "line",
    "total",
    "subtotal",
    "header",
    "{budget:kommunstyrelsen:grant}",
    "{budget:kommunstyrelsen:grant} / 0",
    "\x00",
    "\x1b[31m",
    "\ufeff",
    '"',
    "a\nb",
    "x" * 5000,
)
ODD_BYTES = (b"\n", b"\r", b"\r\n", b'"', b",", b";", b"\x00", b"\xff", b"\xe5", b"\xc3", b"\t")


class Hang(Exception):
    pass


class Internal(Exception):
    """A command ended with exit 3 (an internal error: a bug); the message is its line."""


def _rows(data: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(data.decode("utf-8"), newline="")))


def _bytes(rows: list[list[str]]) -> bytes:
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(rows)
    return out.getvalue().encode("utf-8")


def _column_values(rows: list[list[str]], column: int) -> list[str]:
    return [row[column] for row in rows[1:] if column < len(row)]


def mutate(rng: random.Random, files: dict[str, bytes]) -> tuple[str, bytes, str]:
    """(file name, new bytes, description) of one random mutation of one file."""
    name = rng.choice(sorted(files))
    data = files[name]
    rows = _rows(data)
    kind = rng.choice(
        (
            "cell",
            "cell",
            "cell",
            "cell_from_column",
            "cell_from_other_column",
            "drop_row",
            "duplicate_row",
            "swap_rows",
            "drop_column",
            "duplicate_column",
            "rename_header",
            "extra_cell",
            "byte_insert",
            "byte_delete",
            "byte_flip",
            "truncate",
            "encoding",
            "semicolons",
            "blank_start",
        )
    )
    row = rng.randrange(1, len(rows)) if len(rows) > 1 else 0
    column = rng.randrange(len(rows[0]))
    label = f"{name}: {kind}"
    if kind == "cell":
        value = rng.choice(ODD_VALUES)
        rows[row][column] = value
        return name, _bytes(rows), f"{label} row {row + 1} {rows[0][column]}={value[:40]!r}"
    if kind in ("cell_from_column", "cell_from_other_column"):
        source = column if kind == "cell_from_column" else rng.randrange(len(rows[0]))
        value = rng.choice(_column_values(rows, source) or [""])
        rows[row][column] = value
        return name, _bytes(rows), f"{label} row {row + 1} {rows[0][column]}={value[:40]!r}"
    if kind == "drop_row" and len(rows) > 1:
        del rows[row]
        return name, _bytes(rows), f"{label} {row + 1}"
    if kind == "duplicate_row":
        rows.insert(row, list(rows[row]))
        return name, _bytes(rows), f"{label} {row + 1}"
    if kind == "swap_rows" and len(rows) > 2:
        other = rng.randrange(1, len(rows))
        rows[row], rows[other] = rows[other], rows[row]
        return name, _bytes(rows), f"{label} {row + 1} {other + 1}"
    if kind == "drop_column":
        for cells in rows:
            if column < len(cells):
                del cells[column]
        return name, _bytes(rows), f"{label} {column}"
    if kind == "duplicate_column":
        for cells in rows:
            if column < len(cells):
                cells.append(cells[column])
        return name, _bytes(rows), f"{label} {column}"
    if kind == "rename_header":
        rows[0][column] = rng.choice(rows[0] + ["", " x", "X"])
        return name, _bytes(rows), f"{label} {column}={rows[0][column]!r}"
    if kind == "extra_cell":
        rows[row].append(rng.choice(ODD_VALUES))
        return name, _bytes(rows), f"{label} row {row + 1}"
    return _byte_mutation(rng, name, data, kind, label)


def _byte_mutation(rng: random.Random, name: str, data: bytes, kind: str, label: str):
    at = rng.randrange(len(data) + 1)
    if kind == "byte_insert":
        return name, data[:at] + rng.choice(ODD_BYTES) + data[at:], f"{label} at {at}"
    if kind == "byte_delete":
        return name, data[:at] + data[at + 1 :], f"{label} at {at}"
    if kind == "byte_flip" and at < len(data):
        flipped = bytes([data[at] ^ (1 << rng.randrange(8))])
        return name, data[:at] + flipped + data[at + 1 :], f"{label} at {at}"
    if kind == "truncate":
        return name, data[:at], f"{label} at {at}"
    if kind == "encoding":
        text = data.decode("utf-8")
        encoding = rng.choice(("cp1252", "utf-16", "utf-8-sig", "latin-1"))
        return name, text.encode(encoding, "replace"), f"{label} {encoding}"
    if kind == "semicolons":
        rows = _rows(data)
        out = io.StringIO()
        csv.writer(out, delimiter=";", lineterminator="\r\n").writerows(
            [[v.replace(".", ",") if v[:1].isdigit() else v for v in r] for r in rows]
        )
        return name, out.getvalue().encode("utf-8-sig"), label
    return name, b"\r\n" + data, f"{label} (blank first line)"


class _LoadOnce:
    """Stands in for ``ksanalys.load.load_dataset`` during a round: the commands of one
    round read the same folder, so it is read and validated once (a rejection included)."""

    def __init__(self, load) -> None:
        self.load = load
        self.results: dict[tuple[str, object], object] = {}

    def __call__(self, data_dir=None, board=None):
        key = (str(data_dir), board)
        if key not in self.results:
            try:
                self.results[key] = self.load(data_dir, board)
            except Exception as error:  # replayed to every caller
                self.results[key] = error
        result = self.results[key]
        if isinstance(result, Exception):
            raise result
        return result


def run_commands(folder: Path, round_: int) -> str:
    """'rejected', 'valid' or 'accepted_then_rejected' (validate passed, a command failed)."""
    out, err = io.StringIO(), io.StringIO()
    load = ksanalys.load.load_dataset
    ksanalys.load.load_dataset = _LoadOnce(load)
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            return _commands(folder, round_, err)
    finally:
        ksanalys.load.load_dataset = load


def _commands(folder: Path, round_: int, err: io.StringIO) -> str:
    if _run(["validate", "--data", str(folder)], err) != 0:
        return "rejected"
    fmt = ("text", "json")[round_ % 2]
    for year in ksanalys.load.load_dataset(folder).report_years:
        for command in ("summary", "check", "goals"):
            code = _run([command, "--year", str(year), "--data", str(folder), "--format", fmt], err)
            if code not in (0, 1):
                return "accepted_then_rejected: " + err.getvalue().strip()[:200]
    return "valid"


def _run(argv: list[str], err: io.StringIO) -> int:
    """The command's exit code; an internal error (exit 3) is raised as :class:`Internal`."""
    code = main([*argv, "--debug"])
    if code == EXIT_INTERNAL:
        lines = err.getvalue().strip().splitlines()
        where = [line.strip() for line in lines if line.startswith("  File ")]
        raise Internal(" ".join([*lines[-1:], *where[-1:]]) or "exit 3")
    return code


def _on_alarm(signum, frame):
    raise Hang("round took too long")


def fuzz(count: int, seed: int, only: int | None, show: int, timeout: int, start: int = 0) -> int:
    source = default_data_dir()
    files = {path.name: path.read_bytes() for path in sorted(source.glob("*.csv"))}
    outcomes: collections.Counter[str] = collections.Counter()
    failures: list[tuple[int, str, str]] = []
    later: list[tuple[int, str, str]] = []
    signal.signal(signal.SIGALRM, _on_alarm)
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="ksanalys-fuzz-") as scratch:
        folder = Path(scratch) / "data"
        shutil.copytree(source, folder)
        rounds = [only] if only is not None else range(start, start + count)
        for round_ in rounds:
            rng = random.Random(f"{seed}:{round_}")
            name, mutated, description = mutate(rng, files)
            (folder / name).write_bytes(mutated)
            signal.alarm(timeout)
            try:
                outcome = run_commands(folder, round_)
            except Exception as error:  # counting what escapes is the point
                outcome = "uncaught"
                where = traceback.extract_tb(error.__traceback__)[-1]
                summary = (
                    f"{type(error).__name__}: {str(error)[:120]} ({where.filename}:{where.lineno})"
                )
                failures.append((round_, description, summary))
                print(f"uncaught: round {round_}: {description}\n    {summary}", file=sys.stderr)
            finally:
                signal.alarm(0)
            if outcome.startswith("accepted_then_rejected"):
                later.append((round_, description, outcome.split(": ", 1)[-1]))
                print(f"accepted, then rejected: round {round_}: {description}", file=sys.stderr)
                outcome = "accepted_then_rejected"
            outcomes[outcome] += 1
            (folder / name).write_bytes(files[name])
            if round_ and round_ % 500 == 0:
                tally = ", ".join(f"{k} {v}" for k, v in sorted(outcomes.items()))
                elapsed = time.perf_counter() - started
                print(f"round {round_}, {elapsed:.0f} s: {tally}", file=sys.stderr)
    elapsed = time.perf_counter() - started
    for title, items in (("uncaught", failures), ("accepted, then rejected", later)):
        for round_, description, summary in items[:show]:
            print(f"{title}: round {round_}: {description}\n    {summary}")
    grouped = collections.Counter(summary for _, _, summary in failures)
    for summary, n in grouped.most_common(show):
        print(f"{n:6d} × {summary}")
    print(f"rounds: {sum(outcomes.values())} in {elapsed:.0f} s (seed {seed})")
    for outcome in ("valid", "rejected", "accepted_then_rejected"):
        print(f"{outcome}: {outcomes[outcome]}")
    print(f"uncaught: {outcomes['uncaught']}")
    return 1 if outcomes["uncaught"] else 0


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--count", type=int, default=10_000, help="rounds (default 10000)")
    parser.add_argument("--start", type=int, default=0, help="first round (default 0)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--only", type=int, default=None, help="replay one round")
    parser.add_argument("--show", type=int, default=10, help="failures to print")
    parser.add_argument("--timeout", type=int, default=60, help="seconds before a hang")
    return parser.parse_args(argv)


if __name__ == "__main__":
    os.environ.setdefault("MPLBACKEND", "Agg")
    options = parse_args()
    sys.exit(
        fuzz(
            options.count, options.seed, options.only, options.show, options.timeout, options.start
        )
    )
