"""``new-year``: an Excel workbook for next year's report, prefilled from the data.

One sheet per printed table (:mod:`.layout`), laid out like the table: the previous
report's rows, labels and kinds, its figures in the comparison column, sums and
differences as formulas, the goals with their text, the indicators the goals need, the
claims with their expressions, the units; dropdowns where a value is from a list. Ids, row
order, ``total_of`` and sources are derived on import, never typed.
"""

from __future__ import annotations

import math
import os
import tempfile
from collections.abc import Mapping
from pathlib import Path

import pandas as pd
from openpyxl import Workbook
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
from ksanalys.intake.units import unit_rows
from ksanalys.load import Dataset

__all__ = ["new_year_workbook", "write_workbook"]

_FILL = PatternFill("solid", fgColor="FFF2CC")  # cells to fill in
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
            if cells:
                rows[i][field] = formulas.total(cells)
    for i, row in enumerate(rows):
        if row.get("kind") == "header":
            continue
        line = FIRST_ROW + i
        if table in _DIFFERENCES:
            field, a, b = _DIFFERENCES[table]
            rows[i][field] = formulas.difference(
                f"{_letter(sheet, a)}{line}", f"{_letter(sheet, b)}{line}"
            )
        if table in _PERCENTS:
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
        for col, field in enumerate(sheet.fields, 1):
            cell = ws.cell(FIRST_ROW + i, col, row.get(field.field))
            if row.get(field.field) in (None, "") and row.get("kind") != "header":
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


def new_year_workbook(ds: Dataset, year: int) -> Workbook:
    """The workbook for the report on ``year`` (see the module docstring)."""
    book = Workbook()
    book.remove(book.active)
    units = unit_rows(ds)
    parents = {u["unit_id"]: u.get("parent_unit_id") for u in units}
    for sheet in SHEETS:
        rows = _prefill(ds, sheet, year)
        _add_formulas(sheet, rows, parents)
        _write_sheet(book, sheet, rows, year)
    return book


def write_workbook(book: Workbook, path: Path) -> None:
    """Save ``book`` to ``path`` atomically (a temporary file renamed into place)."""
    path = Path(path)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".ksanalys-", suffix=".xlsx")
    os.close(handle)
    try:
        book.save(temporary)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
