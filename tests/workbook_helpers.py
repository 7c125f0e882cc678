"""Filling a new-year workbook as an economist would, for the intake tests.

Cells are addressed by sheet table and data field (the layout's own names), rows by their
key (:func:`ksanalys.intake.prefill.row_key`), so a test says what it types, not where.
:func:`fill_year` types a whole made-up 2014 from tests/fixtures/year2014/: the year's
columns of every printed table (sums and differences left as the workbook's formulas), a
blank comparison cell, goal texts and assessments, indicator values, title and date.
"""

from __future__ import annotations

import csv
import re
from pathlib import Path

from openpyxl import load_workbook
from openpyxl.worksheet.worksheet import Worksheet

from ksanalys.intake.layout import FIRST_ROW, SHEET_BY_TABLE
from ksanalys.intake.prefill import row_key

FIXTURE = Path(__file__).parent / "fixtures" / "year2014"

# Table → the columns a person types: value columns of the year.
TYPED = {
    "resultatrakning": ("budget", "outcome"),
    "balansrakning": ("balance_prev", "balance"),
    "net_cost": ("net_cost", "net_cost_prev"),
    "budget": ("grant", "forecast", "net_cost"),
    "departments": ("grant", "net_cost"),
    "ki": ("value",),
}


def fixture(name: str) -> list[dict[str, str]]:
    with (FIXTURE / f"{name}.csv").open(encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def number(text: str) -> float | int | None:
    if text == "":
        return None
    value = float(text)
    return int(value) if value.is_integer() else value


class Book:
    """A workbook opened for filling; ``save()`` writes it back."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.book = load_workbook(path)

    def sheet(self, table: str) -> Worksheet:
        return self.book[SHEET_BY_TABLE[table].name]

    def column(self, table: str, field: str) -> int:
        return SHEET_BY_TABLE[table].column(field)

    def rows(self, table: str) -> dict[str, int]:
        """Row key → sheet row number of every row of the sheet."""
        sheet, ws = SHEET_BY_TABLE[table], self.sheet(table)
        found = {}
        for number_ in range(FIRST_ROW, ws.max_row + 1):
            record = {f.field: ws.cell(number_, i).value for i, f in enumerate(sheet.fields, 1)}
            if any(v not in (None, "") for v in record.values()):
                found[row_key(table, record)] = number_
        return found

    def cell(self, table: str, key: str, field: str):
        return self.sheet(table).cell(self.rows(table)[key], self.column(table, field))

    def get(self, table: str, key: str, field: str) -> object:
        return self.cell(table, key, field).value

    def put(self, table: str, key: str, field: str, value: object) -> None:
        self.cell(table, key, field).value = value

    def append(self, table: str, values: dict[str, object]) -> int:
        """A new row at the end of the sheet; its row number."""
        ws = self.sheet(table)
        number_ = max([FIRST_ROW - 1, *self.rows(table).values()]) + 1
        for field, value in values.items():
            ws.cell(number_, self.column(table, field), value)
        return number_

    def ref(self, table: str, key: str, field: str) -> str:
        """``Sheet!A12`` of a cell, as import names it."""
        cell = self.cell(table, key, field)
        return f"{SHEET_BY_TABLE[table].name}!{cell.coordinate}"

    def save(self) -> None:
        self.book.save(self.path)


def insert_row(ws: Worksheet, index: int) -> None:
    """Insert an empty row before row ``index`` as Excel does: every reference to a row at
    or below it moves down by one (openpyxl's insert_rows leaves formulas as they were)."""
    ws.insert_rows(index)
    pattern = re.compile(r"(\$?[A-Z]{1,3}\$?)(\d+)")

    def shift(match: re.Match) -> str:
        row = int(match.group(2))
        return f"{match.group(1)}{row + 1 if row >= index else row}"

    for row in ws.iter_rows():
        for cell in row:
            if isinstance(cell.value, str) and cell.value.startswith("="):
                cell.value = pattern.sub(shift, cell.value)


def fill_year(path: Path) -> Book:
    """Type the made-up 2014 of tests/fixtures/year2014/ into the workbook at ``path``."""
    book = Book(path)
    for table, typed in TYPED.items():
        rows = book.rows(table)
        for record in fixture(table):
            key = record["unit_id" if "unit_id" in record else "line_id"]
            if key not in rows:
                continue
            for field in typed:
                cell = book.cell(table, key, field)
                is_formula = isinstance(cell.value, str) and cell.value.startswith("=")
                if not is_formula or field == "net_cost_prev":
                    cell.value = number(record[field])
            if table == "resultatrakning" and record["kind"] in ("subtotal", "total"):
                book.put(table, key, "outcome_prev", number(record["outcome_prev"]))
    goals = book.rows("goals")
    for record in fixture("goals"):
        if record["goal_id"] in goals:
            book.put("goals", record["goal_id"], "goal", record["goal"])
            book.put("goals", record["goal_id"], "report_assessment", record["report_assessment"])
    for record in fixture("assessments"):
        key = f"{record['level']}:{record['area']}"
        if key in book.rows("assessments"):
            book.put("assessments", key, "assessment", record["assessment"])
    for record in fixture("indicators"):
        if not record["source"].startswith("ks2014"):
            continue
        key = row_key("indicators", {**record, "year": int(record["year"])})
        values = {"value": number(record["value"]), "quote": record["quote"]}
        if key not in book.rows("indicators"):
            values.update(
                indicator=record["indicator"],
                scope=record["scope"],
                year=int(record["year"]),
                unit=record["unit"],
            )
            book.append("indicators", values)
        else:
            for field, value in values.items():
                book.put("indicators", key, field, value)
    book.put("documents", "report", "title", fixture("documents")[0]["title"])
    book.put("documents", "report", "date", "2015-03-16")
    book.save()
    return book


# A made-up 2014 organisation: Kommunikation renamed, Ekonomi merged into Administration
# och utredning, a new department Digitalisering; the departments add up to the office
# (grant 231 000, net cost 221 410 in tests/fixtures/year2014/budget.csv).
DEPARTMENTS_2014 = {
    "stadsdirektorens_kansli": (13800, 11000),
    "hr": (37500, 34000),
    "administration_utredning": (143000, 143204),
    "destination_sodertalje": (17900, 16300),
    "kommunikation_medborgarservice": (15300, 14900),
    "digitalisering": (3500, 3000),
    "namndens_eget_ansvar": (None, -994),
}


def reorganise(book: Book) -> None:
    """The 2014 organisation above, typed as the sheet Avdelningar asks."""
    book.put("departments", "kommunikation", "_change", "bytt namn från")
    book.put("departments", "kommunikation", "_change_unit", "kommunikation")
    book.put("departments", "kommunikation", "unit", "Kommunikation och medborgarservice")
    book.put("departments", "kommunikation", "unit_id", "kommunikation_medborgarservice")
    book.put("departments", "ekonomi", "_change", "sammanslagen i")
    book.put("departments", "ekonomi", "_change_unit", "administration_utredning")
    for field in ("grant", "net_cost"):
        book.put("departments", "ekonomi", field, None)
    ws = book.sheet("departments")
    subtotal = book.rows("departments")["ks_kontor"]
    insert_row(ws, subtotal)  # as Excel inserts a row right above the subtotal
    for field, value in (
        ("unit_id", "digitalisering"),
        ("unit", "Digitalisering"),
        ("kind", "line"),
        ("_change", "ny"),
    ):
        ws.cell(subtotal, book.column("departments", field), value)
    for unit, (grant, net_cost) in DEPARTMENTS_2014.items():
        book.put("departments", unit, "grant", grant)
        book.put("departments", unit, "net_cost", net_cost)
