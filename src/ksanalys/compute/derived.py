"""Compute stage: figures the reader wants that follow from printed figures, each with how
it was derived.

A report prints each unit's result for its own year only; the previous year's results per
unit follow from two printed figures when the balance sheet belongs to one unit:

- :func:`balance_sheet_unit`: the unit whose printed result of the year is the balance
  sheet's "Årets resultat" at the year's end (exactly, in tkr, and no other unit's);
- that unit's previous result is the balance sheet's "Årets resultat" at the end of the
  previous year (how :data:`FROM_BALANCE_SHEET`);
- when one unit is then left, its previous result is the board's printed previous result
  (RESULTAT in the resultaträkning) minus the other units' (how :data:`BOARD_MINUS_UNITS`).

Nothing is estimated: a figure that does not follow from printed ones is NaN.
"""

from __future__ import annotations

import math

import pandas as pd

from ksanalys.compute.balance import YEAR_RESULT_LINE
from ksanalys.compute.deviations import BOARD_LEVEL, UNIT_LEVEL
from ksanalys.load import Dataset
from ksanalys.values import is_missing

__all__ = [
    "BOARD_MINUS_UNITS",
    "FROM_BALANCE_SHEET",
    "PRINTED",
    "RESULT_COLUMNS",
    "balance_sheet_unit",
    "unit_results",
]

PRINTED, FROM_BALANCE_SHEET, BOARD_MINUS_UNITS = "printed", "balance_sheet", "board_minus_units"
RESULT_COLUMNS = ("unit_id", "unit", "level", "result_prev", "how_prev", "result", "change")
_BOARD_KIND = "total"


def _balance_result(ds: Dataset, report_year: int) -> tuple[float, float]:
    """The balance sheet's "Årets resultat" at the previous and this year's end."""
    table = ds.balansrakning
    row = table[(table["report_year"] == report_year) & (table["line_id"] == YEAR_RESULT_LINE)]
    if row.empty:
        return math.nan, math.nan
    return float(row["balance_prev"].iloc[0]), float(row["balance"].iloc[0])


def _printed_results(ds: Dataset, report_year: int) -> pd.DataFrame:
    """The units (and the board, kind ``total``) of the year's printed budget table."""
    table = ds.budget
    return table[table["report_year"] == report_year].sort_values("row")


def balance_sheet_unit(ds: Dataset, report_year: int) -> str | None:
    """The unit_id the balance sheet of ``report_year`` belongs to: the only unit (or the
    board) whose printed result that year equals its "Årets resultat"; None otherwise."""
    _, year_end = _balance_result(ds, report_year)
    if is_missing(year_end):
        return None
    rows = _printed_results(ds, report_year)
    match = rows[rows["deviation"] == year_end]
    return str(match["unit_id"].iloc[0]) if len(match) == 1 else None


def _board_result_prev(ds: Dataset, report_year: int) -> float:
    table = ds.resultatrakning
    total = table[(table["report_year"] == report_year) & (table["kind"] == _BOARD_KIND)]
    return math.nan if total.empty else float(total["outcome_prev"].iloc[0])


def unit_results(ds: Dataset, report_year: int) -> pd.DataFrame:
    """Each unit's and the board's result this year (printed) and the previous year
    (printed for the board, derived for a unit where it follows; see the module docstring).

    Columns: unit_id, unit (as printed), level (the board's or a unit's, as
    :mod:`ksanalys.compute.deviations` names them), result_prev (tkr, NaN when it does
    not follow), how_prev (:data:`PRINTED`, :data:`FROM_BALANCE_SHEET`,
    :data:`BOARD_MINUS_UNITS` or "" when NaN), result (tkr as printed, positive =
    surplus), change (result − result_prev). The board last. Empty
    without the year's printed budget table.
    """
    rows = _printed_results(ds, report_year)
    if rows.empty:
        return pd.DataFrame(columns=list(RESULT_COLUMNS))
    units = rows[rows["kind"] != _BOARD_KIND]
    previous: dict[str, tuple[float, str]] = {}
    owner = balance_sheet_unit(ds, report_year)
    if owner is not None and owner in set(units["unit_id"]):
        previous[owner] = (_balance_result(ds, report_year)[0], FROM_BALANCE_SHEET)
    board_prev = _board_result_prev(ds, report_year)
    left = [u for u in units["unit_id"] if u not in previous]
    if len(left) == 1 and not is_missing(board_prev) and previous:
        known = math.fsum(value for value, _ in previous.values())
        previous[left[0]] = (board_prev - known, BOARD_MINUS_UNITS)
    records = []
    for _, row in rows.iterrows():
        board = row["kind"] == _BOARD_KIND
        value, how = (
            (board_prev, PRINTED) if board else previous.get(row["unit_id"], (math.nan, ""))
        )
        records.append(
            {
                "unit_id": row["unit_id"],
                "unit": row["unit"],
                "level": BOARD_LEVEL if board else UNIT_LEVEL,
                "result_prev": value,
                "how_prev": "" if is_missing(value) else how,
                "result": float(row["deviation"]),
                "change": float(row["deviation"]) - value,
            }
        )
    return pd.DataFrame.from_records(records, columns=list(RESULT_COLUMNS))
