"""An :class:`~.records.Extraction` as the workbook writer's prefill
(:class:`ksanalys.intake.prefill.Prefill`), and what is left for the user to type.

Numbers become ``int`` (whole) or ``float``; new rows and printed figures that do not add
up are listed with the unplaced lines, each with its report line, so the user sees them in
one place.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from openpyxl import Workbook

from ksanalys.intake.extract.read import extract_report
from ksanalys.intake.extract.records import Extraction, Finding
from ksanalys.intake.layout import FIRST_ROW, HEADER_ROW, NEW, RENAMED, SHEET_BY_TABLE, Sheet
from ksanalys.intake.prefill import CandidateQuote, FoundCell, Prefill, UnplacedLine
from ksanalys.intake.report_file import read_report
from ksanalys.load import Dataset
from ksanalys.present.text.extraction import (
    FINDING,
    LIST_HEADINGS,
    finding_text,
    more_text,
    quotes_line,
    reason_text,
    summary_lines,
)

__all__ = [
    "VALUE_COLUMNS",
    "Reading",
    "as_prefill",
    "blank_cells",
    "cells_to_type",
    "read_for_workbook",
]

# The cells of each sheet that hold the year's figures and texts (what "to type" counts).
VALUE_COLUMNS = {
    "resultatrakning": ("outcome_prev", "budget", "outcome", "deviation"),
    "balansrakning": ("balance_prev", "balance"),
    "net_cost": ("net_cost", "net_cost_prev", "difference", "growth_pct"),
    "budget": ("grant", "forecast", "net_cost", "deviation"),
    "departments": ("result", "grant", "net_cost", "deviation_pct"),
    "ki": ("value",),
    "goals": ("goal", "report_assessment"),
    "assessments": ("assessment",),
    "indicators": ("value",),
    "documents": ("title", "date"),
}
_LABEL = {"line", "unit", "area"}


def _plain(value: object) -> object:
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    return value


def _finding_line(out: Extraction, finding: Finding, year: int) -> UnplacedLine:
    row = next(
        (
            str(c.value)
            for c in out.cells
            if c.table == finding.table and c.row == finding.row and c.column in _LABEL
        ),
        finding.row,
    )
    sheet = SHEET_BY_TABLE[finding.table]
    column = next(
        (f.heading.format(y=year, p=year - 1) for f in sheet.fields if f.field == finding.column),
        finding.column,
    )
    text = finding_text(row, column, finding.printed, finding.expected, finding.kind)
    return UnplacedLine(finding.line, text, FINDING)


_UNIT_TABLES = ("net_cost", "budget", "departments")


def _unit_cells(out: Extraction) -> list[FoundCell]:
    """The unit tables' cells as the workbook asks for a unit's change (on Avdelningar): a
    unit proposed as a rename on the old unit's row, with its new id and name and "bytt
    namn från" the old id; a new unit on a row of its own, "ny"."""
    renamed = {
        c.row: str(c.value) for c in out.cells if c.table == "units" and c.column == "renamed_from"
    }
    new = {c.row for c in out.cells if c.table == "units"} - set(renamed)
    found = []
    for cell in out.cells:
        if cell.table not in _UNIT_TABLES:
            continue
        row = renamed.get(cell.row, cell.row)
        found.append(FoundCell(cell.table, row, cell.column, _plain(cell.value), cell.line))
        if cell.column == "unit" and cell.row in renamed:
            found += [
                FoundCell(cell.table, row, "unit_id", cell.row, cell.line),
                FoundCell(cell.table, row, "_change", RENAMED, cell.line),
                FoundCell(cell.table, row, "_change_unit", row, cell.line),
            ]
        elif cell.column == "unit" and cell.row in new:
            found.append(FoundCell(cell.table, row, "_change", NEW, cell.line))
    return found


def as_prefill(out: Extraction, report: str) -> Prefill:
    cells = [
        FoundCell(c.table, c.row, c.column, _plain(c.value), c.line)
        for c in out.cells
        if c.table not in (*_UNIT_TABLES, "units")
    ] + _unit_cells(out)
    listed = [UnplacedLine(n.line, n.text, reason_text(n.reason)) for n in out.unplaced]
    listed += [UnplacedLine(n.line, n.text, reason_text(n.reason)) for n in out.new_rows]
    listed += [_finding_line(out, f, out.year) for f in out.findings]
    quotes = [
        CandidateQuote(q.topic, q.subject_type, q.subject, q.text, q.line) for q in out.quotes
    ]
    return Prefill(
        cells=tuple(cells),
        unplaced=tuple(sorted(listed, key=lambda u: u.line)),
        quotes=tuple(quotes),
        report=report,
    )


def cells_to_type(book: Workbook) -> list[str]:
    """``Sheet!A1`` of every year's value cell of ``book`` left blank and not read from the
    report (a cell read as blank carries the writer's note)."""
    return [ref for ref, _ in blank_cells(book)]


def blank_cells(book: Workbook) -> list[tuple[str, str]]:
    """:func:`cells_to_type`, each with the words that name its row and column on the
    sheet (``"nojd_inflytande_index, kommunen, 2014: Värde"``)."""
    found = []
    for table, columns in VALUE_COLUMNS.items():
        sheet = SHEET_BY_TABLE[table]
        ws = book[sheet.name]
        kinds = sheet.column("kind") if any(f.field == "kind" for f in sheet.fields) else None
        for row in ws.iter_rows(min_row=FIRST_ROW):
            if all(c.value in (None, "") for c in row):
                continue
            if kinds is not None and row[kinds - 1].value == "header":
                continue
            for column in columns:
                cell = row[sheet.column(column) - 1]
                if cell.value in (None, "") and cell.comment is None:
                    heading = ws.cell(HEADER_ROW, sheet.column(column)).value
                    words = f"{_row_words(sheet, row)}: {heading}"
                    found.append((f"{sheet.name}!{cell.coordinate}", words))
    return found


def _quote_rows(book: Workbook) -> tuple[int, int]:
    """Rows of Förklaringar with a quote read from the report, and rows left without one."""
    sheet = SHEET_BY_TABLE["explanations"]
    column = sheet.column("quote")
    found = blank = 0
    for row in book[sheet.name].iter_rows(min_row=FIRST_ROW):
        if all(c.value in (None, "") for c in row):
            continue
        cell = row[column - 1]
        found += cell.comment is not None and cell.value not in (None, "")
        blank += cell.value in (None, "")
    return found, blank


def _row_words(sheet: Sheet, row: tuple) -> str:
    """What names a sheet row for a reader: its label, else its key columns."""
    fields = (sheet.label_field,) if sheet.label_field else _ROW_NAMES.get(sheet.table, ())
    fields = fields or (sheet.id_field or sheet.fields[0].field,)
    values = [row[sheet.column(f) - 1].value for f in fields if f]
    return ", ".join(str(v) for v in values if v not in (None, ""))


_ROW_NAMES = {
    "indicators": ("indicator", "scope", "year", "period"),
    "assessments": ("level", "area"),
    "goals": ("goal_id",),
    "documents": ("report_year",),
}


_LISTED = 40  # lines of each list shown on the terminal (all are on the sheet)
_WIDTH = 100


@dataclass(frozen=True)
class Reading:
    """A report read for ``new-year --from``: the extraction and the workbook's prefill."""

    extraction: Extraction
    prefill: Prefill

    def terminal(self, book: Workbook) -> list[str]:
        """What the terminal shows after the workbook is written: the counts, then every
        unplaced line, new row and printed figure that does not add up (at most
        :data:`_LISTED` of each)."""
        out = self.extraction
        lines = summary_lines(
            self.prefill.report,
            len(out.figures),
            len(out.texts),
            len(blank := blank_cells(book)),
            len(out.unplaced),
            len(out.findings),
        )
        lines.append(quotes_line(*_quote_rows(book)))
        notes = [UnplacedLine(n.line, n.text, reason_text(n.reason)) for n in out.unplaced]
        new = [UnplacedLine(n.line, n.text, reason_text(n.reason)) for n in out.new_rows]
        for heading, items in (
            (LIST_HEADINGS["to_type"], [f"  {ref} ({words})" for ref, words in blank]),
            (LIST_HEADINGS["unplaced"], [_listed(u) for u in notes]),
            (LIST_HEADINGS["new_rows"], [_listed(u) for u in new]),
            (
                LIST_HEADINGS["findings"],
                [f"  rad {f.line}: {_finding_line(out, f, out.year).text}" for f in out.findings],
            ),
        ):
            if items:
                lines += [heading, *items[:_LISTED]]
                if len(items) > _LISTED:
                    lines.append(more_text(len(items) - _LISTED))
        return lines


def _listed(item: UnplacedLine) -> str:
    return f"  rad {item.line}: {_short(item.text)} ({item.reason})"


def _short(text: str) -> str:
    return text if len(text) <= _WIDTH else text[: _WIDTH - 1] + "…"


def read_for_workbook(path: Path, ds: Dataset, year: int) -> Reading:
    """Read the report at ``path`` (text or PDF) for the workbook of ``year``."""
    report = read_report(path)
    extraction = extract_report(report.lines, ds, year)
    return Reading(extraction, as_prefill(extraction, Path(report.name).name))
