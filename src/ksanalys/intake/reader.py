"""``import``: a filled workbook read and validated, every error at once.

:func:`read_workbook` opens the workbook, reads every sheet's cells as the layout types
them (numbers, integers, dates, choices; formulas of :mod:`.formulas` computed) and hands
the rows to :mod:`.derive`, which turns them into the rows of the data tables. Every
problem is a Swedish message naming sheet and cell (``Resultaträkning!D7``), what was
expected and, where it helps, what to do.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from openpyxl.utils import get_column_letter

from ksanalys.errors import MAX_ERRORS, KsanalysError
from ksanalys.intake import formulas
from ksanalys.intake.cell import number, slug
from ksanalys.intake.layout import (
    DATE,
    FIRST_ROW,
    HEADER_ROW,
    INTEGER,
    NUMBER,
    SHEET_BY_TABLE,
    SHEETS,
    TITLE_ROW,
    Field,
    Sheet,
)
from ksanalys.intake.workbook_file import open_workbook
from ksanalys.load import Dataset
from ksanalys.load.vintage import publication_date

__all__ = ["Intake", "IntakeError", "SheetRows", "read_workbook", "slug"]


class IntakeError(KsanalysError):
    """The workbook has errors; ``errors`` lists every one (Swedish, with sheet and cell)."""

    def __init__(self, errors: list[str]) -> None:
        super().__init__("\n".join(errors))
        self.errors = errors

    def lines(self) -> list[str]:
        """Every problem once, at most :data:`~ksanalys.errors.MAX_ERRORS` of them."""
        unique = list(dict.fromkeys(self.errors))
        if len(unique) <= MAX_ERRORS:
            return unique
        return [*unique[:MAX_ERRORS], f"ytterligare {len(unique) - MAX_ERRORS} fel visas inte"]


@dataclass
class Intake:
    """What a workbook holds: the report year, its document id, the new rows per data
    table with, row for row, the sheet and sheet row each came from (``origins``), and
    remarks for the user (``notes``)."""

    year: int
    tables: dict[str, list[dict]] = field(default_factory=dict)
    origins: dict[str, list[tuple[str, int]]] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)
    document: str = ""
    rules_of: set[str] = field(default_factory=set)  # goals whose rules the workbook gives


@dataclass
class SheetRows:
    """One sheet as read: (sheet row, values by field) for every row with content."""

    sheet: Sheet
    rows: list[tuple[int, dict]]
    title: str
    formulas: dict[tuple[int, str], str]  # (row, field) → the cell's formula, if any


class _SheetReader:
    def __init__(self, sheet: Sheet, formulas_ws, values_ws, errors: list[str]) -> None:
        self.sheet, self.ws, self.cached, self.errors = sheet, formulas_ws, values_ws, errors
        self._busy: set[str] = set()

    def error(self, cell: str, expected: str, found: object = None) -> None:
        message = f"{self.sheet.name}!{cell}: förväntade {expected}"
        if found not in (None, ""):
            message += f", fann {str(found)[:80]!r}"
        self.errors.append(message)

    def raw(self, ref: str) -> object:
        """A cell's value with formulas computed (None = blank)."""
        value = self.ws[ref].value
        if isinstance(value, str) and value.startswith("="):
            cached = self.cached[ref].value if self.cached is not None else None
            if cached is not None:
                return cached
            if ref in self._busy:
                raise ValueError(value)
            self._busy.add(ref)
            try:
                return formulas.evaluate(value, self._number_at, self.ws[ref].row)
            finally:
                self._busy.discard(ref)
        if isinstance(value, str) and not value.strip():
            return None
        return value

    def _number_at(self, ref: str) -> float | None:
        """A referenced cell's number; blank and text (a heading) count as blank."""
        value = self.raw(ref)
        try:
            return None if value in (None, "") else number(value)
        except (TypeError, ValueError):
            return None

    def cell(self, row: int, col: int, spec: Field) -> object:
        ref = f"{get_column_letter(col)}{row}"
        try:
            value = self.raw(ref)
        except (TypeError, ValueError, RecursionError):
            self.error(ref, "ett tal eller en formel som ksanalys kan räkna ut (skriv in värdet)")
            return None
        if value in (None, ""):
            return None
        return self._typed(ref, spec, value)

    def _typed(self, ref: str, spec: Field, value: object) -> object:
        if spec.type in (NUMBER, INTEGER):
            return self._number(ref, spec, value)
        if spec.type == DATE:
            return self._date(ref, value)
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        verbatim = spec.field.startswith("quote")  # a quote keeps its line breaks
        text = str(value).strip() if verbatim else " ".join(str(value).split())
        if spec.choices is not None and text not in spec.choices:
            self.error(ref, "ett av " + ", ".join(repr(c) for c in spec.choices), text)
            return None
        return text

    def _number(self, ref: str, spec: Field, value: object) -> object:
        expected = "ett tal" if spec.type == NUMBER else "ett heltal"
        try:
            result = number(value)
        except (TypeError, ValueError):
            self.error(ref, expected, value)
            return None
        if result != result or abs(result) == float("inf"):
            self.error(ref, expected, value)
            return None
        if spec.type == INTEGER:
            if not result.is_integer():
                self.error(ref, expected, value)
                return None
            return int(result)
        return result

    def _date(self, ref: str, value: object) -> object:
        if isinstance(value, dt.datetime | dt.date):
            return value.strftime("%Y-%m-%d")
        try:
            if publication_date(str(value).strip()) is None:
                raise ValueError(value)
        except ValueError:
            self.error(ref, "ett datum ÅÅÅÅ-MM-DD", value)
            return None
        return str(value).strip()

    def headings_agree(self, year: int) -> bool:
        """Whether the headings are the layout's; else one error for the sheet (its cells
        cannot be read in the right columns, so their errors would only follow from it)."""
        fmt = {"y": year, "p": year - 1}
        for col, spec in enumerate(self.sheet.fields, 1):
            heading = spec.heading.format(**fmt)
            found = self.ws.cell(HEADER_ROW, col).value
            if found != heading:
                self.error(
                    f"{get_column_letter(col)}{HEADER_ROW}",
                    f"rubriken {heading!r} (har en kolumn lagts till, tagits bort eller "
                    "flyttats? Rubrikerna ska stå som new-year skrev dem; bladet läses inte)",
                    found,
                )
                return False
        return True

    def read(self, year: int) -> SheetRows:
        """Every row with content in a column that is read (not a grey reference)."""
        read = [(c, f) for c, f in enumerate(self.sheet.fields, 1) if f.reference is None]
        rows, cell_formulas = [], {}
        for number_ in range(FIRST_ROW, self.ws.max_row + 1):
            cells = {f.field: self.ws.cell(number_, c).value for c, f in read}
            if all(v is None or (isinstance(v, str) and not v.strip()) for v in cells.values()):
                continue
            for name, value in cells.items():
                if isinstance(value, str) and value.startswith("="):
                    cell_formulas[(number_, name)] = value
            rows.append((number_, {f.field: self.cell(number_, c, f) for c, f in read}))
        title = self.ws.cell(TITLE_ROW, 1).value
        return SheetRows(self.sheet, rows, str(title or ""), cell_formulas)

    def required(self, number_: int, values: dict) -> None:
        for col, spec in enumerate(self.sheet.fields, 1):
            if spec.required and values.get(spec.field) is None:
                ref = f"{get_column_letter(col)}{number_}"
                if self.ws[ref].value in (None, ""):
                    self.error(ref, f"ett värde i kolumnen {spec.heading!r} (cellen är tom)")


def read_workbook(path: Path | str, ds: Dataset) -> Intake:
    """Read and validate the workbook at ``path`` against the data ``ds``; raises
    IntakeError with every problem found."""
    from ksanalys.intake.derive import derive

    book = open_workbook(path)  # refuses what cannot be a workbook of ours, in one line
    cached_book = open_workbook(path, data_only=True)
    errors: list[str] = []
    year = _year(book, errors)
    if year is None:
        raise IntakeError(errors)
    sheets: dict[str, SheetRows] = {}
    for sheet in SHEETS:
        if sheet.name not in book.sheetnames:
            errors.append(f"{sheet.name}: förväntade bladet {sheet.name!r} i arbetsboken")
            continue
        cached = cached_book[sheet.name] if sheet.name in cached_book.sheetnames else None
        reader = _SheetReader(sheet, book[sheet.name], cached, errors)
        if not reader.headings_agree(year):
            continue
        read = reader.read(year)
        if sheet.skip_without is not None:
            kept = [(n, v) for n, v in read.rows if v.get(sheet.skip_without) is not None]
            read = SheetRows(sheet, kept, read.title, read.formulas)
        for number_, values in read.rows:
            reader.required(number_, values)
        sheets[sheet.table] = read
    intake = derive(year, sheets, ds, errors)
    if "goals" in sheets:
        _skipped_goals(book, year, sheets, intake)
    if errors:
        raise IntakeError(errors)
    return intake


def _skipped_goals(book, year: int, sheets: dict[str, SheetRows], intake: Intake) -> None:
    """A note on the goals of last year the workbook leaves without a text this year."""
    sheet = SHEET_BY_TABLE["goals"]
    kept = {v["goal_id"] for _, v in sheets["goals"].rows}
    ws, col = book[sheet.name], sheet.column("goal_id")
    skipped = [
        str(ws.cell(n, col).value)
        for n in range(FIRST_ROW, ws.max_row + 1)
        if ws.cell(n, col).value not in (None, "") and ws.cell(n, col).value not in kept
    ]
    if skipped:
        intake.notes.append(
            f"{sheet.name}: {len(skipped)} mål utan text för {year} sparas inte (rapporten "
            f"följer inte upp dem?): {', '.join(skipped)}"
        )


def _year(book, errors: list[str]) -> int | None:
    sheet = SHEET_BY_TABLE["documents"]
    if sheet.name not in book.sheetnames:
        errors.append(f"{sheet.name}: förväntade bladet {sheet.name!r} med bokslutsåret")
        return None
    value = book[sheet.name].cell(FIRST_ROW, sheet.column("report_year")).value
    try:
        year = int(number(value))
        if 1900 <= year <= 2100:
            return year
    except (TypeError, ValueError, OverflowError):
        pass
    ref = f"{get_column_letter(sheet.column('report_year'))}{FIRST_ROW}"
    errors.append(f"{sheet.name}!{ref}: förväntade bokslutsåret (ett heltal), fann {value!r}")
    return None
