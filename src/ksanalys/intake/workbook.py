"""``new-year``: an Excel workbook for next year's report, prefilled from the data.

One sheet per printed table (:mod:`.layout`), laid out like the table: the previous
report's rows, labels and kinds, its figures in the comparison column, sums and
differences as formulas, the goals with their text, the indicators the goals need, the
claims with their expressions, the units; dropdowns where a value is from a list. Ids, row
order, ``total_of`` and sources are derived on import, never typed.

With a :class:`~ksanalys.intake.prefill.Prefill` (what a reading of the report found) the
found cells are filled in their own style with the note "hämtat ur rapporten, kontrollera",
candidate quotes become rows of Förklaringar and unplaced report lines a sheet of their own.
"""

from __future__ import annotations

import math
import os
import tempfile
from collections.abc import Mapping
from pathlib import Path

import pandas as pd
from openpyxl import Workbook
from openpyxl.comments import Comment
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from ksanalys.intake import formulas
from ksanalys.intake.layout import (
    FIRST_ROW,
    HEADER_ROW,
    NOTE_ROW,
    SHEETS,
    TITLE_ROW,
    UNITS_SHEET,
    Sheet,
)
from ksanalys.intake.prefill import FOUND_NOTE, UNPLACED_SHEET, Prefill, row_key
from ksanalys.intake.units import unit_rows
from ksanalys.load import Dataset
from ksanalys.present.export import keep_text_as_text

__all__ = ["new_year_workbook", "write_workbook"]

_FILL = PatternFill("solid", fgColor="FFF2CC")  # cells to fill in
_FOUND_FILL = PatternFill("solid", fgColor="DDEBF7")  # read from the report: to check
_FOUND = "_found"  # row key: {field: report line} of the cells read from the report
_LAST_ROW = 300  # dropdowns reach this row


def _previous(ds: Dataset, year: int) -> int | None:
    earlier = [y for y in ds.report_years if y < year]
    return earlier[-1] if earlier else None


def _relabel(text: object, previous: int | None, year: int) -> object:
    if previous is None or not isinstance(text, str):
        return text
    return text.replace(str(previous), str(year))


def _value(value: object) -> object:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def _rows_of(ds: Dataset, table: str, year: int | None) -> pd.DataFrame:
    frame = ds.tables.get(table)
    if frame is None or year is None:
        return pd.DataFrame()
    rows = frame[frame["report_year"] == year]
    return rows.sort_values("row") if "row" in rows.columns else rows


_CARRY = {  # comparison column ← the previous report's own column
    "resultatrakning": ("outcome_prev", "outcome"),
    "balansrakning": ("balance_prev", "balance"),
    "net_cost": ("net_cost_prev", "net_cost"),
}
_KEEP = {
    "resultatrakning": ("line_id", "line", "kind"),
    "balansrakning": ("line_id", "line", "side", "kind"),
    "net_cost": ("unit_id", "unit", "kind"),
    "budget": ("unit_id", "unit", "kind"),
    "departments": ("unit_id", "unit", "kind"),
    "ki": ("line_id", "line", "unit"),
    "goals": ("goal_id", "area", "number", "goal"),
    "assessments": ("level", "area"),
    "claims": ("claim_id", "section", "unit", "decimals", "expression"),
}


def _prefill(ds: Dataset, sheet: Sheet, year: int) -> list[dict]:
    """The rows of ``sheet`` before formulas: what the previous report gives."""
    previous = _previous(ds, year)
    if sheet.table == "units":
        return unit_rows(ds)
    if sheet.table == "documents":
        return [_document_row(ds, previous, year)]
    if sheet.table == "indicators":
        return _indicator_rows(ds, year)
    keep = _KEEP.get(sheet.table)
    if keep is None:
        return []
    rows = []
    for _, record in _rows_of(ds, sheet.table, previous).iterrows():
        row = {f: _relabel(_value(record[f]), previous, year) for f in keep}
        if sheet.table in _CARRY:
            target, source = _CARRY[sheet.table]
            row[target] = _value(record[source])
        row["_total_of"] = record.get("total_of")
        rows.append(row)
    return rows


def _document_row(ds: Dataset, previous: int | None, year: int) -> dict:
    documents = ds.tables["documents"]
    match = documents[documents["document"] == f"ks{previous}"]
    if match.empty:
        return {"report_year": year, "title": "", "publisher": "Södertälje kommun"}
    record = match.iloc[0]
    return {
        "report_year": year,
        "title": _relabel(record["title"], previous, year),
        "publisher": record["publisher"],
    }


def _indicator_rows(ds: Dataset, year: int) -> list[dict]:
    """One row per (indicator, scope, period) a goal rule uses, for the report year."""
    rules = ds.tables["goal_rules"]
    units = ds.tables["indicator_meta"].set_index("indicator")["unit"]
    seen: dict[tuple, dict] = {}
    for _, rule in rules.iterrows():
        if not isinstance(rule["indicator"], str):
            continue
        period = rule["period"] if isinstance(rule["period"], str) else None
        key = (rule["indicator"], rule["scope"], period)
        seen.setdefault(
            key,
            {
                "indicator": rule["indicator"],
                "scope": rule["scope"],
                "year": year,
                "period": period,
                "unit": units.get(rule["indicator"]),
            },
        )
    return list(seen.values())


def _letter(sheet: Sheet, field: str) -> str:
    return get_column_letter(sheet.column(field))


def _children(
    sheet: Sheet, rows: list[dict], parents: Mapping[str, str | None]
) -> dict[int, list[int]]:
    """Row index of a sum → row indexes of the rows it adds."""
    index = {row.get(sheet.id_field): i for i, row in enumerate(rows)}
    terms: dict[int, list[int]] = {}
    for i, row in enumerate(rows):
        if row.get("kind") not in ("subtotal", "total"):
            continue
        if sheet.table in ("net_cost", "budget", "departments"):
            found = [
                j for j, other in enumerate(rows) if parents.get(other["unit_id"]) == row["unit_id"]
            ]
        else:
            named = row.get("_total_of")
            found = (
                [index[t] for t in str(named).split("+") if t in index]
                if isinstance(named, str)
                else []
            )
        terms[i] = found
    return terms


_SUMMED = {
    "resultatrakning": ("outcome_prev", "budget", "outcome", "deviation"),
    "balansrakning": ("balance_prev", "balance"),
    "net_cost": ("net_cost", "net_cost_prev"),
    "budget": ("grant", "forecast", "net_cost"),
    "departments": ("grant", "net_cost"),
}
_DIFFERENCES = {  # column = a − b
    "resultatrakning": ("deviation", "outcome", "budget"),
    "net_cost": ("difference", "net_cost", "net_cost_prev"),
    "budget": ("deviation", "grant", "net_cost"),
    "departments": ("result", "grant", "net_cost"),
}
_PERCENTS = {  # column = 100 · a / b
    "net_cost": ("growth_pct", "difference", "net_cost_prev"),
    "departments": ("deviation_pct", "result", "grant"),
}


def _add_formulas(sheet: Sheet, rows: list[dict], parents: Mapping[str, str | None]) -> None:
    """Sums, differences and percentages as formulas, except where the comparison column
    is already filled from the data."""
    table = sheet.table
    carried = _CARRY.get(table, ("", ""))[0]
    for i, terms in _children(sheet, rows, parents).items():
        for field in _SUMMED.get(table, ()):
            if field == carried or (field == "deviation" and table == "resultatrakning"):
                continue
            cells = [f"{_letter(sheet, field)}{FIRST_ROW + j}" for j in terms]
            if cells and field not in rows[i].get(_FOUND, {}):
                rows[i][field] = formulas.total(cells)
    for i, row in enumerate(rows):
        if row.get("kind") == "header":
            continue
        line = FIRST_ROW + i
        found = row.get(_FOUND, {})
        if table in _DIFFERENCES and _DIFFERENCES[table][0] not in found:
            field, a, b = _DIFFERENCES[table]
            rows[i][field] = formulas.difference(
                f"{_letter(sheet, a)}{line}", f"{_letter(sheet, b)}{line}"
            )
        if table in _PERCENTS and _PERCENTS[table][0] not in found:
            field, a, b = _PERCENTS[table]
            rows[i][field] = formulas.percent(
                f"{_letter(sheet, a)}{line}", f"{_letter(sheet, b)}{line}"
            )


def _write_sheet(book: Workbook, sheet: Sheet, rows: list[dict], year: int) -> None:
    ws = book.create_sheet(sheet.name)
    fmt = {"y": year, "p": year - 1}
    ws.cell(TITLE_ROW, 1, sheet.title.format(**fmt)).font = Font(bold=True, size=13)
    ws.cell(NOTE_ROW, 1, sheet.note).font = Font(italic=True)
    for col, field in enumerate(sheet.fields, 1):
        cell = ws.cell(HEADER_ROW, col, field.heading.format(**fmt))
        cell.font = Font(bold=True)
        ws.column_dimensions[get_column_letter(col)].width = field.width
    for i, row in enumerate(rows):
        found = row.get(_FOUND, {})
        for col, field in enumerate(sheet.fields, 1):
            cell = ws.cell(FIRST_ROW + i, col, row.get(field.field))
            if field.field in found:
                cell.fill = _FOUND_FILL
                cell.comment = Comment(f"{FOUND_NOTE} (rad {found[field.field]})", "ksanalys")
            elif row.get(field.field) in (None, "") and row.get("kind") != "header":
                cell.fill = _FILL
    ws.freeze_panes = ws.cell(FIRST_ROW, 1)
    for col, field in enumerate(sheet.fields, 1):
        letter = get_column_letter(col)
        source = None
        if field.choices:
            source = '"' + ",".join(field.choices) + '"'
        elif (
            field.field in ("unit_id", "parent_unit_id", "renamed_from")
            and sheet.name != UNITS_SHEET
        ):
            source = f"={UNITS_SHEET}!$A${FIRST_ROW}:$A${_LAST_ROW}"
        if source is None:
            continue
        check = DataValidation(type="list", formula1=source, allow_blank=True)
        check.error = f"Välj ett värde ur listan ({field.heading.format(**fmt)})."
        check.errorTitle = "Ogiltigt värde"
        ws.add_data_validation(check)
        check.add(f"{letter}{FIRST_ROW}:{letter}{_LAST_ROW}")


def _place(sheet: Sheet, rows: list[dict], prefill: Prefill) -> None:
    """Put the cells and candidate quotes ``prefill`` found for ``sheet`` into ``rows``,
    each marked as read from the report; a row the sheet lacks is added at its end."""
    by_key = {row_key(sheet.table, row): row for row in rows}
    known = {f.field for f in sheet.fields}
    for found in prefill.cells:
        if found.table != sheet.table:
            continue
        field = "_total_of" if found.column == "total_of" else found.column
        if field not in known and field != "_total_of":
            continue
        row = by_key.get(found.row)
        if row is None:
            row = by_key[found.row] = _new_row(sheet, found.row)
            rows.append(row)
        row[field] = found.value
        row.setdefault(_FOUND, {})[field] = found.line
    if sheet.table == "explanations":
        for quote in prefill.quotes:
            rows.append(
                {
                    "topic": quote.topic,
                    "subject_type": quote.subject_type,
                    "subject": quote.subject,
                    "item": quote.item,
                    "quote": quote.quote,
                    "kind": "ej_angivet",
                    _FOUND: {"quote": quote.line},
                }
            )


def _new_row(sheet: Sheet, key: str) -> dict:
    if sheet.table == "indicators":
        indicator, scope, year, *period = key.split(":")
        return {
            "indicator": indicator,
            "scope": scope,
            "year": int(year),
            "period": period[0] if period else None,
        }
    if sheet.table == "assessments":
        level, _, area = key.partition(":")
        return {"level": level, "area": area}
    return {sheet.id_field: key} if sheet.id_field else {}


def _write_unplaced(book: Workbook, prefill: Prefill) -> None:
    ws = book.create_sheet(UNPLACED_SHEET)
    title = "Rader ur rapporten som inte kunde placeras"
    ws.cell(TITLE_ROW, 1, f"{title} ({prefill.report})" if prefill.report else title)
    ws.cell(TITLE_ROW, 1).font = Font(bold=True, size=13)
    note = "För över det som behövs till rätt blad för hand; bladet läses inte in."
    ws.cell(NOTE_ROW, 1, " ".join([note, *prefill.notes])).font = Font(italic=True)
    for col, (heading, width) in enumerate(
        (("Rad i rapporten", 16), ("Text", 100), ("Anledning", 40)), 1
    ):
        ws.cell(HEADER_ROW, col, heading).font = Font(bold=True)
        ws.column_dimensions[get_column_letter(col)].width = width
    for i, line in enumerate(prefill.unplaced):
        for col, value in enumerate((line.line, line.text, line.reason or None), 1):
            ws.cell(FIRST_ROW + i, col, value)
    ws.freeze_panes = ws.cell(FIRST_ROW, 1)


def new_year_workbook(ds: Dataset, year: int, prefill: Prefill | None = None) -> Workbook:
    """The workbook for the report on ``year`` (see the module docstring); with
    ``prefill`` (see :mod:`ksanalys.intake.prefill`) the cells found in the report are
    filled and marked, its candidate quotes are rows of Förklaringar and its unplaced
    lines a sheet of their own."""
    book = Workbook()
    book.remove(book.active)
    units = unit_rows(ds)
    parents = {u["unit_id"]: u.get("parent_unit_id") for u in units}
    for sheet in SHEETS:
        rows = _prefill(ds, sheet, year)
        if prefill is not None:
            _place(sheet, rows, prefill)
        _add_formulas(sheet, rows, parents)
        _write_sheet(book, sheet, rows, year)
    if prefill is not None:
        _write_unplaced(book, prefill)
    return book


def write_workbook(book: Workbook, path: Path) -> None:
    """Save ``book`` to ``path`` atomically (a temporary file renamed into place); text
    from the data or the report stays text, whatever it starts with (only the formulas
    of :mod:`.formulas` are formulas)."""
    keep_text_as_text(book, _written_formula)
    path = Path(path)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".ksanalys-", suffix=".xlsx")
    os.close(handle)
    try:
        book.save(temporary)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def _written_formula(text: str) -> bool:
    try:
        formulas.evaluate(text, lambda cell: None)
    except ValueError:
        return False
    return True
