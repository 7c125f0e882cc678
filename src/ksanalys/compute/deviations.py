"""Compute stage: the year's budget deviation per unit and department as the report prints it.

:func:`printed_deviations` reads the printed tables of a report year: the units and the
board from budget.csv (Kommunbidrag, Prognos augusti, Bokslut, Budgetavvikelse), the
departments from departments.csv (Nämndbidrag, Nettokostnad, Resultat), and the printed
Avvikelse % from departments.csv for every row that has one. Nothing is corrected: where the
printed percentage is not what the printed amounts give, both are returned
(``deviation_pct_printed`` and ``deviation_pct``) so the text can say both.
:func:`sum_gaps` sets each printed sum (a unit with departments, the board) against the rows
it adds, with whether a difference is rounding under the check rules' tolerance.
"""

from __future__ import annotations

import math
from decimal import Decimal

import pandas as pd

from ksanalys.compute.check.tolerance import amounts_agree
from ksanalys.load import Dataset
from ksanalys.load.schema import BOARD_LEVEL, DEPARTMENT_LEVEL, UNIT_LEVEL
from ksanalys.values import is_missing, round_half_up

__all__ = [
    "DEVIATION_COLUMNS",
    "SUM_GAP_COLUMNS",
    "pct_disagrees",
    "printed_deviations",
    "sum_gaps",
]

DEVIATION_COLUMNS = (
    "unit_id",
    "unit",
    "level",
    "parent",
    "grant",
    "forecast",
    "net_cost",
    "deviation",
    "deviation_pct_printed",
    "deviation_pct",
    "forecast_deviation",
    "source",
)


SUM_GAP_COLUMNS = ("unit_id", "printed", "lines", "terms", "rounding")


def _pct(deviation: float, grant: float) -> float:
    if is_missing(deviation) or is_missing(grant) or grant == 0:
        return math.nan
    return 100 * deviation / grant


def _parents(departments: pd.DataFrame) -> dict[str, str]:
    """Each department's unit: the printed subtotal row whose sum names it."""
    found: dict[str, str] = {}
    for _, row in departments[departments["kind"] == "subtotal"].iterrows():
        if isinstance(row["total_of"], str):
            found.update((part.strip(), str(row["unit_id"])) for part in row["total_of"].split("+"))
    return found


def printed_deviations(ds: Dataset, year: int) -> pd.DataFrame:
    """One row per unit, department and the board of ``year``'s own report, as printed.

    Columns (tkr unless stated): unit_id; unit (label as printed); level (``unit``,
    ``department``, ``board``); parent (a department's unit: the printed subtotal
    that adds it; "" for the others); grant; forecast (units and board only); net_cost;
    deviation (positive = surplus); deviation_pct_printed (Avvikelse %, NaN when not
    printed); deviation_pct (deviation in percent of grant, from the printed amounts);
    forecast_deviation (forecast − net cost, positive = better than forecast); source.
    Order: units as in budget.csv, then the departments as printed, the board last.
    Empty when the data has no report for ``year``.
    """
    budget = ds.budget[ds.budget["report_year"] == year].sort_values("row")
    departments = ds.departments[ds.departments["report_year"] == year].sort_values("row")
    printed_pct = dict(zip(departments["unit_id"], departments["deviation_pct"], strict=True))
    parents_of = _parents(departments)
    records = []
    board_id = ds.organisation.board_id
    for _, row in budget.iterrows():
        level = BOARD_LEVEL if row["unit_id"] == board_id else UNIT_LEVEL
        records.append(
            {
                "unit_id": row["unit_id"],
                "unit": row["unit"],
                "level": level,
                "grant": row["grant"],
                "forecast": row["forecast"],
                "net_cost": row["net_cost"],
                "deviation": row["deviation"],
                "source": row["source"],
            }
        )
    board = [r for r in records if r["level"] == BOARD_LEVEL]
    units = [r for r in records if r["level"] == UNIT_LEVEL]
    parents = set(budget["unit_id"])
    department_rows = [
        {
            "unit_id": row["unit_id"],
            "unit": row["unit"],
            "level": DEPARTMENT_LEVEL,
            "grant": row["grant"],
            "forecast": math.nan,
            "net_cost": row["net_cost"],
            "deviation": row["result"],
            "source": row["source"],
        }
        for _, row in departments.iterrows()
        if row["kind"] == "line" and row["unit_id"] not in parents
    ]
    frame = pd.DataFrame.from_records(
        [*units, *department_rows, *board], columns=list(DEVIATION_COLUMNS)
    )
    if frame.empty:
        return frame
    frame["parent"] = [parents_of.get(u, "") for u in frame["unit_id"]]
    frame["deviation_pct_printed"] = [printed_pct.get(u, math.nan) for u in frame["unit_id"]]
    frame["deviation_pct"] = [
        _pct(d, g) for d, g in zip(frame["deviation"], frame["grant"], strict=True)
    ]
    frame["forecast_deviation"] = frame["forecast"] - frame["net_cost"]
    return frame.astype({c: "float64" for c in DEVIATION_COLUMNS[4:11]})


def pct_disagrees(printed: float, computed: float, decimals: int = 1) -> bool:
    """Whether a printed percentage is not the computed one rounded as printed."""
    if is_missing(printed) or is_missing(computed):
        return False
    return round_half_up(computed, decimals) != round_half_up(printed, decimals)


def sum_gaps(frame: pd.DataFrame) -> pd.DataFrame:
    """Each printed sum of a :func:`printed_deviations` frame against the rows it adds: a
    unit with departments against its departments, the board against its units.

    Columns: unit_id (the sum's row); printed (its printed deviation, tkr); lines (Σ of the
    printed deviations it adds; a blank counts as 0 and is no term); terms (how many);
    rounding (True where printed and lines differ within the check rules' rounding
    tolerance, :func:`~ksanalys.compute.check.tolerance.amounts_agree`). In the frame's order.
    """
    records = []
    for _, row in frame.iterrows():
        if row["level"] == BOARD_LEVEL:
            parts = frame[frame["level"] == UNIT_LEVEL]
        else:
            parts = frame[frame["parent"] == row["unit_id"]]
            if parts.empty:
                continue
        values = [float(v) for v in parts["deviation"] if not is_missing(v)]
        printed, lines = float(row["deviation"]), math.fsum(values)
        records.append(
            {
                "unit_id": row["unit_id"],
                "printed": printed,
                "lines": lines,
                "terms": len(values),
                "rounding": printed != lines
                and amounts_agree(Decimal(str(printed)), Decimal(str(lines)), len(values)),
            }
        )
    return pd.DataFrame.from_records(records, columns=list(SUM_GAP_COLUMNS))
