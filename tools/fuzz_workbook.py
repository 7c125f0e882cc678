"""Fuzz ``ksanalys import``: damaged and hostile workbooks, run in-process.

Each of ``--count`` rounds (seeded, so a round can be replayed with ``--only N``) takes one
of the base workbooks (``new-year 2014`` as written; the same with every empty cell filled
by its type; ``new-year 2013 --edit`` when the command has that option), applies one to
three mutations and runs ``ksanalys import`` on it against a scratch copy of the data:

- cells: retyped (number ↔ text ↔ date ↔ truth value), cleared, huge or tiny numbers,
  very long text, formulas (circular, dividing by zero, of shapes ksanalys does not
  compute, hyperlinks), a heading changed, two cells swapped, cells merged;
- sheets: removed, renamed, added, duplicated, reordered; rows and columns inserted or
  deleted;
- the archive and its XML: truncated, bytes flipped, a part dropped or replaced by
  garbage, a sheet's XML cut short, cell types and references the format forbids (a shared
  string that does not exist, a truth value of 7, row 0, column XFE), a DTD with entities,
  macros, an external link, a sheet of thousands of rows.

Outcomes: ``imported`` (exit 0; the scratch data is then restored), ``refused`` (exit 2,
every line of the message ``ksanalys: fel: …`` without a library's words, the data folder
untouched). Anything else is a finding: *uncaught* (an exception out of the command, exit 3
= an internal error, or a round longer than ``--timeout`` seconds), *unclear* (a refusal
whose lines are not one clear line each: a library message, a traceback), *wrote* (a
refusal that changed the data folder), *long* (more than 50 lines).

Not part of the test suite. Usage::

    .venv/bin/python tools/fuzz_workbook.py [--count 2000] [--start 0] [--seed 0] [--only N]

The last line is ``uncaught: N``; the exit code is 1 when any finding was made.
"""

from __future__ import annotations

import argparse
import collections
import contextlib
import datetime as dt
import hashlib
import io
import os
import random
import re
import shutil
import signal
import sys
import tempfile
import time
import traceback
import zipfile
from pathlib import Path

import openpyxl
from openpyxl.utils import get_column_letter

from ksanalys.cli import EXIT_INTERNAL, main
from ksanalys.intake.layout import DATE, FIRST_ROW, INTEGER, NUMBER, SHEETS
from ksanalys.load import default_data_dir

MAX_LINES = 50
LIBRARY_WORDS = (
    "Traceback",
    "zip file",
    "Unable to read",
    "openpyxl",
    "Error:",
    "Error(",
    "KeyError",
    "object at 0x",
    "<class",
)
VALUES = (
    None,
    "",
    " ",
    0,
    -0.0,
    1,
    -1,
    1.5,
    10**30,
    -(10**30),
    1e308,
    -1e308,
    5e-324,
    float("nan"),
    float("inf"),
    True,
    False,
    "1 234,5",
    "\u22125",
    "1e309",
    "abc",
    "Bra",
    "Ok",
    "Har brister",
    "line",
    "total",
    "subtotal",
    "header",
    "ks_kontor",
    "kommunstyrelsen",
    "2014",
    "2014-02-30",
    "2015-03-16",
    "<script>alert(1)</script>",
    "{budget:kommunstyrelsen:grant}",
    "x" * 40_000,
    "a\nb",
    dt.datetime(2015, 3, 16),
    dt.date(1900, 3, 1),
    dt.time(12, 30),
    dt.timedelta(days=3),
)
FORMULAS = (
    "=SUM(D4:D9)",
    "=1/0",
    "=D4",
    "=A1",
    '=HYPERLINK("http://example.invalid","klicka")',
    '=WEBSERVICE("http://example.invalid")',
    "=" + "(" * 300 + "1" + ")" * 300,
    '=IF(COUNT(D5,D6)=0,"",SUM(D5,D6))',
    '=IF(COUNT(ZZZ9999999)=0,"",SUM(ZZZ9999999))',
    "=D5+",
    "=#REF!",
)
RAW_CELLS = (
    (r'<c r="([A-Z]+\d+)"([^>]*?) t="s"', r'<c r="\1"\2 t="s"><v>999999</v></c><c r="ZZ1" t="s"'),
    (r"<c r=\"([A-Z]+)(\d+)\"", r'<c r="\g<1>0"'),
    (r"<c r=\"([A-Z]+)(\d+)\"", r'<c r="XFE\2"'),
    (r"<c r=\"([A-Z]+)(\d+)\"", r'<c r="A99999999"'),
    (r"<c r=\"([A-Z]+)(\d+)\"", r'<c r="\1-\2"'),
    (r"<v>([^<]*)</v>", r'<v>7</v></c><c r="AA4" t="b"><v>7</v>'),
    (r"<v>([^<]*)</v>", r'<v>x</v></c><c r="AB4" t="e"><v>#DIV/0!</v>'),
    (r"<v>([^<]*)</v>", r'<v>1</v></c><c r="AC4" t="d"><v>inte ett datum</v>'),
    (r"<v>([^<]*)</v>", r"<v>inte ett tal</v>"),
    (r"<row r=\"(\d+)\"", r'<row r="0"'),
    (r"<sheetData>", r'<sheetData><row r="4"><c r="A4" t="inlineStr"></c></row>'),
)
ARCHIVE_MUTATIONS = (
    "truncate",
    "flip",
    "drop",
    "garbage",
    "cut_xml",
    "raw_cell",
    "raw_cell",
    "dtd",
    "macro",
    "link",
    "many_rows",
)
DTD = (
    '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaaaaaaaa">'
    '<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>'
)


class Hang(Exception):
    pass


class Internal(Exception):
    """``import`` ended with exit 3 (an internal error: a bug); the message is its line."""


# ------------------------------------------------------------------ base workbooks


def base_workbooks(data: Path, scratch: Path) -> dict[str, bytes]:
    """The workbooks the rounds start from, by name."""
    bases = {}
    for name, args in (
        ("new-year-2014", ["new-year", "2014"]),
        ("edit-2013", ["new-year", "2013", "--edit"]),
    ):
        path = scratch / f"{name}.xlsx"
        try:
            with (
                contextlib.redirect_stdout(io.StringIO()),
                contextlib.redirect_stderr(io.StringIO()),
            ):
                code = main([*args, "--data", str(data), "--out", str(path)])
        except SystemExit as exit_:  # an option this version does not have (usage error)
            code = exit_.code
        if code == 0:
            bases[name] = path.read_bytes()
    bases["filled-2014"] = filled(bases["new-year-2014"])
    return bases


def filled(data: bytes) -> bytes:
    """Every empty cell of every table row filled with a value of its column's type."""
    book = openpyxl.load_workbook(io.BytesIO(data))
    for sheet in SHEETS:
        if sheet.name not in book.sheetnames:
            continue
        ws = book[sheet.name]
        for row in range(FIRST_ROW, ws.max_row + 1):
            for column, spec in enumerate(sheet.fields, 1):
                cell = ws.cell(row, column)
                if cell.value not in (None, "") or spec.field.startswith("_"):
                    continue
                if spec.choices:
                    cell.value = spec.choices[row % len(spec.choices)]
                elif spec.type == NUMBER:
                    cell.value = (row * 7919) % 20000 - 5000
                elif spec.type == INTEGER:
                    cell.value = 2014
                elif spec.type == DATE:
                    cell.value = "2015-03-16"
                elif spec.required:
                    cell.value = f"text {row}"
    return _saved(book)


def _saved(book) -> bytes:
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


# ------------------------------------------------------------------ mutations


def mutate(rng: random.Random, data: bytes) -> tuple[bytes, list[str]]:
    """The workbook ``data`` after one to three mutations, and what they were."""
    done: list[str] = []
    book_level = rng.random() < 0.75
    if book_level:
        book = openpyxl.load_workbook(io.BytesIO(data))
        for _ in range(rng.choice((1, 1, 1, 2, 3))):
            kind = rng.choice(("cell", "cell", "cell", "formula", "swap", "structure"))
            done.append(BOOK_MUTATIONS[kind](rng, book))
        data = _saved(book)
    if not book_level or rng.random() < 0.2:
        data, what = archive_mutation(rng, data)
        done.append(what)
    return data, done


def _any_cell(rng: random.Random, book):
    ws = rng.choice(book.worksheets)
    row = rng.choice((1, 2, 3, *range(FIRST_ROW, max(ws.max_row, FIRST_ROW) + 3)))
    column = rng.randrange(1, max(ws.max_column, 1) + 3)
    return ws, ws.cell(row, column)


def _cell(rng: random.Random, book) -> str:
    ws, cell = _any_cell(rng, book)
    value = rng.choice(VALUES)
    cell.value = value
    return f"{ws.title}!{cell.coordinate} = {repr(value)[:40]}"


def _formula(rng: random.Random, book) -> str:
    ws, cell = _any_cell(rng, book)
    cell.value = rng.choice(FORMULAS)
    return f"{ws.title}!{cell.coordinate} = {str(cell.value)[:40]}"


def _swap(rng: random.Random, book) -> str:
    ws, a = _any_cell(rng, book)
    _, b = _any_cell(rng, book)
    a.value, b.value = b.value, a.value
    return f"swap {ws.title}!{a.coordinate} and {b.parent.title}!{b.coordinate}"


def _structure(rng: random.Random, book) -> str:
    ws = rng.choice(book.worksheets)
    kind = rng.choice(
        (
            "remove",
            "rename",
            "add",
            "copy",
            "move",
            "insert_rows",
            "delete_rows",
            "insert_cols",
            "delete_cols",
            "merge",
            "heading",
        )
    )
    at = rng.randrange(1, max(ws.max_row, 1) + 2)
    if kind == "remove" and len(book.worksheets) > 1:
        book.remove(ws)
    elif kind == "rename":
        ws.title = rng.choice(("Blad1", ws.title.upper(), ws.title + " ", "Rapport", "x"))[:31]
    elif kind == "add":
        book.create_sheet(rng.choice(("Blad1", "Enheter (2)", "Anteckningar")))
    elif kind == "copy":
        book.copy_worksheet(ws)
    elif kind == "move":
        book.move_sheet(ws, offset=rng.randrange(-3, 4))
    elif kind == "insert_rows":
        ws.insert_rows(at, rng.choice((1, 3, 50)))
    elif kind == "delete_rows":
        ws.delete_rows(at, rng.choice((1, 3)))
    elif kind == "insert_cols":
        ws.insert_cols(rng.randrange(1, 8))
    elif kind == "delete_cols":
        ws.delete_cols(rng.randrange(1, 8))
    elif kind == "merge":
        ws.merge_cells(f"A{at}:{get_column_letter(rng.randrange(2, 6))}{at + 1}")
    else:
        ws.cell(3, rng.randrange(1, 10)).value = rng.choice(("", "Bokslut 2014", "x"))
    return f"{kind} {ws.title} at {at}"


BOOK_MUTATIONS = {
    "cell": _cell,
    "formula": _formula,
    "swap": _swap,
    "structure": _structure,
}


def _parts(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {info.filename: archive.read(info) for info in archive.infolist()}


def _zipped(parts: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in parts.items():
            archive.writestr(name, content)
    return out.getvalue()


def archive_mutation(rng: random.Random, data: bytes) -> tuple[bytes, str]:
    """``data`` damaged as a file or as an archive of XML parts."""
    kind = rng.choice(ARCHIVE_MUTATIONS)
    if kind == "truncate":
        at = rng.randrange(len(data))
        return data[:at], f"truncated at {at}"
    if kind == "flip":
        damaged = bytearray(data)
        for _ in range(rng.choice((1, 5, 50))):
            damaged[rng.randrange(len(damaged))] ^= 1 << rng.randrange(8)
        return bytes(damaged), "bytes flipped"
    parts = _parts(data)
    sheets = [n for n in parts if n.startswith("xl/worksheets/")]
    name = rng.choice(sheets if kind in ("cut_xml", "raw_cell", "many_rows") else list(parts))
    if kind == "drop":
        del parts[name]
    elif kind == "garbage":
        parts[name] = rng.randbytes(rng.choice((0, 10, 5000)))
    elif kind == "cut_xml":
        parts[name] = parts[name][: rng.randrange(len(parts[name]))]
    elif kind == "raw_cell":
        pattern, replacement = rng.choice(RAW_CELLS)
        parts[name] = re.sub(pattern, replacement, parts[name].decode(), count=1).encode()
    elif kind == "dtd":
        body = re.sub(r"^<\?xml[^>]*\?>", "", parts[name].decode("utf-8", "replace"))
        parts[name] = (DTD + body.replace(">", ">&b;", 1)).encode()
    elif kind == "macro":
        parts["xl/vbaProject.bin"] = b"\xd0\xcf\x11\xe0" + bytes(100)
    elif kind == "link":
        parts["xl/externalLinks/externalLink1.xml"] = b"<externalLink/>"
    else:
        rows = rng.choice((4_000, 6_000))
        cells = "".join(f'<row r="{r}"><c r="A{r}"><v>{r}</v></c></row>' for r in range(4, rows))
        parts[name] = re.sub(
            r"<sheetData>.*</sheetData>|<sheetData/>",
            f"<sheetData>{cells}</sheetData>",
            parts[name].decode(),
            flags=re.S,
        ).encode()
    return _zipped(parts), f"{kind} {name}"


# ------------------------------------------------------------------ rounds


def digest(folder: Path) -> str:
    hasher = hashlib.sha256()
    for path in sorted(folder.rglob("*")):
        if path.is_file():
            hasher.update(path.name.encode() + path.read_bytes())
    return hasher.hexdigest()


def run_import(path: Path, data: Path) -> tuple[int, list[str]]:
    """``ksanalys import`` in-process: its exit code and its standard error's lines."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(["import", str(path), "--data", str(data), "--debug"])
    lines = err.getvalue().splitlines()
    if code == EXIT_INTERNAL:
        where = [line.strip() for line in lines if line.startswith("  File ")]
        raise Internal(" ".join([*lines[-1:], *where[-1:]]) or "exit 3")
    return code, lines


def judge(code: int, lines: list[str], changed: bool) -> str:
    if code == 0:
        return "imported"
    if changed:
        return "wrote"
    if len(lines) > MAX_LINES + 1:  # + "ytterligare N fel visas inte"
        return "long"
    for line in lines:
        if not line.startswith("ksanalys: fel: ") or any(w in line for w in LIBRARY_WORDS):
            return "unclear"
    return "refused" if code == 2 and lines else "unclear"


def _on_alarm(signum, frame):
    raise Hang("round took too long")


def fuzz(count: int, seed: int, only: int | None, show: int, timeout: int, start: int) -> int:
    outcomes: collections.Counter[str] = collections.Counter()
    findings: list[tuple[int, str, str, str]] = []
    signal.signal(signal.SIGALRM, _on_alarm)
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="ksanalys-fuzz-workbook-") as scratch_name:
        scratch = Path(scratch_name)
        pristine = scratch / "pristine"
        shutil.copytree(default_data_dir(), pristine)
        data = scratch / "data"
        shutil.copytree(pristine, data)
        bases = base_workbooks(data, scratch)
        before = digest(data)
        path = scratch / "bok.xlsx"
        rounds = [only] if only is not None else range(start, start + count)
        for round_ in rounds:
            rng = random.Random(f"{seed}:{round_}")
            base = rng.choice(sorted(bases))
            content, done = mutate(rng, bases[base])
            path.write_bytes(content)
            description = f"{base}: " + "; ".join(done)
            signal.alarm(timeout)
            try:
                code, lines = run_import(path, data)
                changed = digest(data) != before
                outcome = judge(code, lines, changed)
                detail = " | ".join(lines[:3])[:300]
            except Exception as error:  # counting what escapes is the point
                outcome = "uncaught"
                where = traceback.extract_tb(error.__traceback__)[-1]
                detail = (
                    f"{type(error).__name__}: {str(error)[:160]} ({where.filename}:{where.lineno})"
                )
                changed = True
            finally:
                signal.alarm(0)
            outcomes[outcome] += 1
            if outcome not in ("imported", "refused"):
                findings.append((round_, outcome, description, detail))
            if changed or outcome == "imported":
                shutil.rmtree(data)
                shutil.copytree(pristine, data)
            if round_ and round_ % 200 == 0:
                tally = ", ".join(f"{k} {v}" for k, v in sorted(outcomes.items()))
                elapsed = time.perf_counter() - started
                print(f"round {round_}, {elapsed:.0f} s: {tally}", file=sys.stderr, flush=True)
    return report(outcomes, findings, show, seed, time.perf_counter() - started)


def report(outcomes, findings, show: int, seed: int, elapsed: float) -> int:
    for round_, outcome, description, detail in findings[:show]:
        print(f"{outcome}: round {round_}: {description[:300]}\n    {detail}")
    grouped = collections.Counter(f"{o}: {d[:160]}" for _, o, _, d in findings)
    for summary, n in grouped.most_common(show):
        print(f"{n:6d} × {summary}")
    print(f"rounds: {sum(outcomes.values())} in {elapsed:.0f} s (seed {seed})")
    for outcome in ("imported", "refused", "unclear", "wrote", "long"):
        print(f"{outcome}: {outcomes[outcome]}")
    print(f"uncaught: {outcomes['uncaught']}")
    return 1 if findings else 0


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--count", type=int, default=2_000, help="rounds (default 2000)")
    parser.add_argument("--start", type=int, default=0, help="first round (default 0)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--only", type=int, default=None, help="replay one round")
    parser.add_argument("--show", type=int, default=15, help="findings to print")
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
