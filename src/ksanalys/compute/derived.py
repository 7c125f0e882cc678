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
    "CHANGE_COLUMNS",
    "FROM_BALANCE_SHEET",
    "PRINTED",
    "RESULT_COLUMNS",
    "balance_sheet_unit",
    "unit_results",
    "values_from_changes",
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


CHANGE_COLUMNS = (
    "indicator",
    "scope",
    "year",
    "period",
    "value",
    "unit",
    "source",
    "now",
    "change",
)
# A change printed in these units gives the previous value of an indicator in the first.
_CHANGE_UNITS = {("procent", "procentenheter")}


def values_from_changes(ds: Dataset) -> pd.DataFrame:
    """The values of the year before that a printed change gives: where indicator_meta's
    ``change_of`` links a change C to its indicator I, and the data has I and C for a scope,
    year and period but not I for the year before, I(year − 1) = I(year) − C(year) ("ökat
    med 5 procentenheter till 85" gives 80 the year before). A change in another unit than
    its indicator's (procentenheter for procent) gives nothing. Columns
    :data:`CHANGE_COLUMNS`: the derived value, its indicator's unit, the change's source,
    and ``now``/``change`` it follows from."""
    meta = ds.indicator_meta
    if "change_of" not in meta.columns:
        return pd.DataFrame(columns=list(CHANGE_COLUMNS))
    units = dict(zip(meta["indicator"], meta["unit"], strict=True))
    table = ds.indicators
    keys = ("indicator", "scope", "year")
    have = {(*key, period) for key, period in zip(
        table[list(keys)].itertuples(index=False), table["period"].fillna(""), strict=True
    )}  # fmt: skip
    rows = []
    for change_id, base_id in zip(meta["indicator"], meta["change_of"], strict=True):
        if not isinstance(base_id, str) or not base_id:
            continue
        unit, change_unit = units.get(base_id), units.get(change_id)
        if unit != change_unit and (unit, change_unit) not in _CHANGE_UNITS:
            continue
        changes = table[table["indicator"] == change_id]
        for c in changes.itertuples():
            period = "" if is_missing(c.period) else str(c.period)
            if (base_id, c.scope, c.year - 1, period) in have:
                continue
            now = table[
                (table["indicator"] == base_id)
                & (table["scope"] == c.scope)
                & (table["year"] == c.year)
                & (table["period"].fillna("") == period)
            ]
            if now.empty:
                continue
            value = float(now["value"].iloc[0])
            rows.append(
                (base_id, c.scope, c.year - 1, period, value - float(c.value), unit, c.source,
                 value, float(c.value))
            )  # fmt: skip
    return pd.DataFrame(rows, columns=list(CHANGE_COLUMNS))
