"""Compute stage: the resultaträkning by type of income and cost, and the report's own
explanations of the year (data/explanations.csv).

:func:`cost_types` gives one row per printed line of a report's resultaträkning that makes
up the verksamhetens nettokostnad (income lines, cost lines, depreciation), with the amounts
as printed and, as positive sizes, the change against the previous year and against the
budget. :func:`explanations` selects the report's quoted reasons.
"""

from __future__ import annotations

import math

import pandas as pd

from ksanalys.load import Dataset

__all__ = [
    "COST",
    "COST_TYPE_COLUMNS",
    "EXPLANATION_COLUMNS",
    "INCOME",
    "cost_types",
    "explanations",
    "indicator_value",
]

INCOME = "intakt"
COST = "kostnad"
# The sum whose lines are the types of income and cost.
_NET_COST_LINE = "verksamhetens_nettokostnad"
_INCOME_SUM = "summa_intakter"

COST_TYPE_COLUMNS = (
    "line_id",
    "line",
    "side",
    "outcome_prev",
    "budget",
    "outcome",
    "deviation",
    "size_prev",
    "size",
    "change_tkr",
    "change_pct",
    "deviation_pct",
    "source",
)
EXPLANATION_COLUMNS = (
    "explanation_id",
    "topic",
    "subject_type",
    "subject",
    "item",
    "quote",
    "kind",
    "source",
)


def _leaves(rows: pd.DataFrame, line_id: str, seen: frozenset[str] = frozenset()) -> list[str]:
    """The line rows a printed sum adds, sums expanded into their own lines."""
    match = rows[rows["line_id"] == line_id]
    if match.empty or line_id in seen:
        return []
    total_of = match["total_of"].iloc[0]
    if not isinstance(total_of, str) or not total_of.strip():
        return [line_id]
    found: list[str] = []
    for part in total_of.split("+"):
        found += _leaves(rows, part.strip(), seen | {line_id})
    return found


def cost_types(ds: Dataset, report_year: int) -> pd.DataFrame:
    """The lines of the resultaträkning of ``report_year``'s own report, largest change first.

    Columns: line_id, line (as printed); side (:data:`INCOME` or :data:`COST`);
    outcome_prev, budget, outcome, deviation (tkr as printed: costs negative, deviation
    positive = better than budget); size_prev, size (the amounts as positive sizes);
    change_tkr = size − size_prev (positive = the income or cost grew); change_pct =
    change_tkr in percent of size_prev (NaN when size_prev is 0 or missing);
    deviation_pct = deviation in percent of the budget's size; source. Lines printed blank
    or 0 in every column are left out. Empty when the data has no report for the year.
    """
    table = ds.resultatrakning
    rows = table[table["report_year"] == report_year]
    income = set(_leaves(rows, _INCOME_SUM))
    records = []
    for line_id in _leaves(rows, _NET_COST_LINE):
        row = rows[rows["line_id"] == line_id].iloc[0]
        values = [row["outcome_prev"], row["budget"], row["outcome"]]
        if all(pd.isna(v) or v == 0 for v in values):
            continue
        size_prev, size = abs(row["outcome_prev"]), abs(row["outcome"])
        change = size - size_prev
        budget = abs(row["budget"])
        records.append(
            {
                "line_id": line_id,
                "line": row["line"],
                "side": INCOME if line_id in income else COST,
                "outcome_prev": row["outcome_prev"],
                "budget": row["budget"],
                "outcome": row["outcome"],
                "deviation": row["deviation"],
                "size_prev": size_prev,
                "size": size,
                "change_tkr": change,
                "change_pct": 100 * change / size_prev if size_prev else math.nan,
                "deviation_pct": 100 * row["deviation"] / budget if budget else math.nan,
                "source": row["source"],
            }
        )
    frame = pd.DataFrame.from_records(records, columns=list(COST_TYPE_COLUMNS))
    if frame.empty:
        return frame
    order = frame["change_tkr"].abs().fillna(-1).sort_values(ascending=False, kind="stable")
    return frame.loc[order.index].reset_index(drop=True)


def explanations(
    ds: Dataset, report_year: int, topic: str, subject: str | None = None
) -> pd.DataFrame:
    """The report's quoted explanations of ``topic`` (and ``subject``) in ``report_year``'s
    report, in file order. Columns: :data:`EXPLANATION_COLUMNS` (``item`` "" when blank).
    Empty when the data holds none (the file is optional)."""
    table = ds.tables.get("explanations")
    if table is None:
        return pd.DataFrame(columns=list(EXPLANATION_COLUMNS))
    chosen = table[(table["report_year"] == report_year) & (table["topic"] == topic)]
    if subject is not None:
        chosen = chosen[chosen["subject"] == subject]
    chosen = chosen.assign(item=chosen["item"].fillna(""))
    return chosen[list(EXPLANATION_COLUMNS)].reset_index(drop=True)


def indicator_value(ds: Dataset, indicator: str, scope: str, year: int) -> float:
    """The value of ``indicator`` for ``scope`` in ``year`` (its row without a period, else
    its last row); NaN when the data has none."""
    table = ds.indicators
    rows = table[
        (table["indicator"] == indicator) & (table["scope"] == scope) & (table["year"] == year)
    ]
    if rows.empty:
        return math.nan
    plain = rows[rows["period"].isna()]
    return float((plain if not plain.empty else rows)["value"].iloc[-1])
