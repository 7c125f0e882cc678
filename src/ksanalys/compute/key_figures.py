"""Key figures (nyckeltal) of one fiscal year: per unit, for the whole board, and ratios.

Every figure is computed by :mod:`ksanalys.compute.measures` from the base figures of
:mod:`ksanalys.compute.figures`; nothing is copied from a printed deviation or sum row. The
attributes of :class:`KeyFigures` hold unrounded values; :meth:`KeyFigures.to_dict` gives
the published shape, rounded as the report rounds (half-up).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import pandas as pd

from ksanalys.compute.figures import income_statement, unit_figures
from ksanalys.compute.measures import add_measures, cost_income_ratio, result_share_of_grant_pct
from ksanalys.load import Dataset
from ksanalys.values import is_missing, round_half_up

__all__ = [
    "PERCENT_KEYS",
    "RATIO_KEYS",
    "TKR_KEYS",
    "UNIT_KEYS",
    "KeyFigures",
    "key_figures",
    "round_decimals",
    "round_tkr",
]

UNIT_KEYS = (
    "unit",
    "level",
    "net_cost",
    "net_cost_prev",
    "growth_tkr",
    "growth_pct",
    "grant",
    "forecast",
    "deviation_tkr",
    "deviation_pct",
    "forecast_deviation_tkr",
    "change",
    "compared_with",
)
TKR_KEYS = frozenset(
    {
        "net_cost",
        "net_cost_prev",
        "growth_tkr",
        "grant",
        "forecast",
        "deviation_tkr",
        "forecast_deviation_tkr",
    }
)
PERCENT_KEYS = frozenset({"growth_pct", "deviation_pct"})
RATIO_KEYS = ("ki", "result_share_of_grant_pct", "grant_change_pct")
_RATIO_DECIMALS = {"ki": 2, "result_share_of_grant_pct": 2, "grant_change_pct": 2}


def round_tkr(value: object) -> int | None:
    """Whole tkr as int, rounded half-up; None for a missing value."""
    if is_missing(value):
        return None
    return int(round_half_up(value, 0))


def round_decimals(value: object, decimals: int = 2) -> float | None:
    """``value`` rounded half-up to ``decimals`` places; None for a missing value."""
    if is_missing(value):
        return None
    rounded = float(round_half_up(value, decimals))
    return 0.0 if rounded == 0 else rounded


def _plain(value: object) -> object:
    """NaN → None, numpy scalars → Python scalars."""
    if is_missing(value):
        return None
    return value.item() if hasattr(value, "item") else value


@dataclass(frozen=True, eq=False)
class KeyFigures:
    """Key figures of ``year``, unrounded.

    ``units``: one row per unit of the board, then the departments, with the columns of
    :func:`ksanalys.compute.figures.unit_figures` and
    :func:`ksanalys.compute.measures.add_measures` (NaN where the data cannot give a value)
    and compared_with (the names of the units a renamed or merged unit's growth compares
    with; None for the unit itself). ``total``: the same figures for the whole board as a
    dict (None where missing).
    ``ratios``: ki (K/I-tal), result_share_of_grant_pct (the board's budget deviation in
    percent of its grant) and grant_change_pct (None where missing).
    """

    year: int
    units: pd.DataFrame
    total: dict
    ratios: dict

    def to_dict(self) -> dict:
        """The published shape: tkr as int, percentages and ki rounded to 2 decimals,
        a value the data cannot give as None."""
        return {
            "year": self.year,
            "units": [_rounded(record) for record in self.units.to_dict("records")],
            "total": _rounded(self.total),
            "ratios": {k: round_decimals(self.ratios[k], _RATIO_DECIMALS[k]) for k in RATIO_KEYS},
        }


def _rounded(record: dict) -> dict:
    result: dict[str, object] = {}
    for key in UNIT_KEYS:
        value = record.get(key)
        if key in TKR_KEYS:
            result[key] = round_tkr(value)
        elif key in PERCENT_KEYS:
            result[key] = round_decimals(value, 2)
        else:
            result[key] = _plain(value)
    return result


def _compared_with(ds: Dataset, measured: pd.DataFrame) -> pd.DataFrame:
    """Column compared_with: the names of the units whose figures of the year before a
    unit's growth compares with, when these are not the unit itself (a rename, a merger;
    None otherwise)."""
    org = ds.organisation

    def names(row: dict) -> list[str] | None:
        ids = [u for u in str(row["predecessors"]).split("+") if u]
        if not ids or ids == [row["unit_id"]]:
            return None
        return [org.unit(u).label if org.has_unit(u) else u for u in ids]

    return measured.assign(compared_with=[names(r) for r in measured.to_dict("records")])


def key_figures(ds: Dataset, year: object) -> KeyFigures:
    """Key figures of ``year``; raises YearNotInDataError when the data lacks the year."""
    year = ds.require_year(year)
    measured = _compared_with(ds, add_measures(unit_figures(ds)))
    rows = measured[measured["year"] == year]
    board_id = ds.organisation.board_id
    units = rows[rows["unit_id"] != board_id].reset_index(drop=True)
    board = rows[rows["unit_id"] == board_id].iloc[0]
    total = {column: _plain(board[column]) for column in measured.columns}

    statement = income_statement(ds).set_index("year")
    ki = math.nan
    if year in statement.index:
        line = statement.loc[year]
        ki = cost_income_ratio(line["costs"], line["income"], line["grant"])
    ratios = {
        "ki": _plain(ki),
        "result_share_of_grant_pct": _plain(
            result_share_of_grant_pct(board["deviation_tkr"], board["grant"])
        ),
        "grant_change_pct": _plain(board["grant_change_pct"]),
    }
    return KeyFigures(year=year, units=units, total=total, ratios=ratios)
