"""Compute stage: the balance sheet read as a controller reads it.

:func:`balance_movements` gives each printed line with its change over the year, the group
it is printed under (assets, equity, debts: the header row above it), whether a debt line
is in fact a claim (a debt printed negative is money owed *to* the unit, a fordran) and
whether its movement is large: at least :data:`LARGE_SHARE` of the balance sheet total at
the start of the year. :func:`equity` adds up the equity lines. :func:`balance_sheet` is the
printed balance sheet as a table shows it: every row with its change, and the equity lines'
sum, which the report does not print, added as a computed row.
"""

from __future__ import annotations

import math

import pandas as pd

from ksanalys.load import Dataset
from ksanalys.values import is_missing, sum_term

__all__ = [
    "ASSETS",
    "BALANCE_COLUMNS",
    "DEBTS",
    "EQUITY",
    "EQUITY_SUM",
    "LARGE_SHARE",
    "YEAR_RESULT_LINE",
    "balance_movements",
    "balance_sheet",
    "balance_total",
    "equity",
]

# The header rows of balansrakning.csv that open each group (line ids of the format).
ASSETS, EQUITY, DEBTS = "tillgangar", "eget_kapital", "skulder"
# The equity line that holds the year's result.
YEAR_RESULT_LINE = "arets_resultat"
# The line_id of the computed row that adds up the equity lines (kind "computed").
EQUITY_SUM = "summa_eget_kapital"
# A movement this large a share of the total at the start of the year gets a sentence.
LARGE_SHARE = 0.05
BALANCE_COLUMNS = (
    "line_id",
    "line",
    "group",
    "balance_prev",
    "balance",
    "change",
    "claim",
    "claim_on",
    "large",
)


def _own(ds: Dataset, report_year: int) -> pd.DataFrame:
    table = ds.balansrakning
    return table[table["report_year"] == report_year].sort_values("row")


def balance_total(ds: Dataset, report_year: int) -> tuple[float, float]:
    """The printed total of the assets side at the previous and this year's end."""
    rows = _own(ds, report_year)
    total = rows[(rows["kind"] == "total") & (rows["side"] == ASSETS)]
    if total.empty:
        return math.nan, math.nan
    return float(total["balance_prev"].iloc[0]), float(total["balance"].iloc[0])


def balance_movements(ds: Dataset, report_year: int) -> pd.DataFrame:
    """The printed lines of the balance sheet of ``report_year`` with their movements.

    Columns: line_id, line (as printed); group (:data:`ASSETS`, :data:`EQUITY`,
    :data:`DEBTS`: the header the line is printed under); balance_prev, balance (tkr as
    printed; NaN when blank); change (balance − balance_prev, a blank counted as 0; NaN
    when both are blank); claim (a debt line printed negative at either year end);
    claim_on (for a claim: whom it is on, data's ``claim_on``, "" when not said);
    large (|change| ≥ :data:`LARGE_SHARE` of the total at the previous year end). Empty
    without a balance sheet of ``report_year``.
    """
    rows = _own(ds, report_year)
    total_prev, _ = balance_total(ds, report_year)
    threshold = math.inf if is_missing(total_prev) else LARGE_SHARE * abs(total_prev)
    records, group = [], ""
    for _, row in rows.iterrows():
        if row["kind"] == "header":
            group = str(row["line_id"])
            continue
        if row["kind"] != "line":
            continue
        before, after = row["balance_prev"], row["balance"]
        both_blank = is_missing(before) and is_missing(after)
        change = math.nan if both_blank else sum_term(after) - sum_term(before)
        claim = group == DEBTS and (sum_term(before) < 0 or sum_term(after) < 0)
        records.append(
            {
                "line_id": row["line_id"],
                "line": row["line"],
                "group": group,
                "balance_prev": before,
                "balance": after,
                "change": change,
                "claim": claim,
                "claim_on": _claim_on(row) if claim else "",
                "large": not both_blank and abs(change) >= threshold,
            }
        )
    return pd.DataFrame.from_records(records, columns=list(BALANCE_COLUMNS))


def _claim_on(row: pd.Series) -> str:
    value = row.get("claim_on")
    return "" if is_missing(value) else str(value).strip()


def equity(movements: pd.DataFrame) -> tuple[float, float]:
    """The equity lines of :func:`balance_movements` added up, at the previous and this
    year's end (tkr)."""
    lines = movements[movements["group"] == EQUITY]
    return (
        math.fsum(sum_term(v) for v in lines["balance_prev"]),
        math.fsum(sum_term(v) for v in lines["balance"]),
    )


def balance_sheet(ds: Dataset, report_year: int, *, column: str = "balance") -> pd.DataFrame:
    """The balance sheet of ``report_year`` row by row, as printed, with the equity lines'
    sum added after the last of them.

    Columns: line_id, line (as printed; "" on the added row), kind (header, line, total as
    printed; ``computed`` on the added row :data:`EQUITY_SUM`), balance_prev, balance
    (tkr as printed, NaN when blank); change (balance − balance_prev; NaN on headers and
    where both are blank; a blank beside an amount counts as 0); blank_counted (the change
    counts a blank as 0). ``column`` = ``balance_prev`` gives the previous year end alone,
    in ``balance`` (balance_prev and change NaN): the balance sheet of a year that exists
    only as a later report's comparison column. Empty without a balance sheet.
    """
    rows = _own(ds, report_year)
    records: list[dict] = []
    equity_lines: list[dict] = []
    group = ""
    for _, row in rows.iterrows():
        if row["kind"] == "header":
            if group == EQUITY and equity_lines:
                records.append(_equity_row(equity_lines))
            group, equity_lines = str(row["line_id"]), []
        before = row["balance_prev"] if column == "balance" else math.nan
        after = row[column]
        record = _balance_row(row, before, after, previous=column == "balance")
        records.append(record)
        if group == EQUITY and row["kind"] == "line":
            equity_lines.append(record)
    if group == EQUITY and equity_lines:
        records.append(_equity_row(equity_lines))
    return pd.DataFrame.from_records(
        records,
        columns=["line_id", "line", "kind", "balance_prev", "balance", "change", "blank_counted"],
    )


def _balance_row(row: pd.Series, before: object, after: object, *, previous: bool) -> dict:
    blank = [is_missing(before), is_missing(after)]
    known = previous and row["kind"] != "header" and not all(blank)
    return {
        "line_id": row["line_id"],
        "line": row["line"],
        "kind": row["kind"],
        "balance_prev": before,
        "balance": after,
        "change": sum_term(after) - sum_term(before) if known else math.nan,
        "blank_counted": known and any(blank),
    }


def _equity_row(lines: list[dict]) -> dict:
    def total(column: str) -> float:
        values = [line[column] for line in lines]
        if all(is_missing(v) for v in values):
            return math.nan
        return math.fsum(sum_term(v) for v in values)

    before, after = total("balance_prev"), total("balance")
    return {
        "line_id": EQUITY_SUM,
        "line": "",
        "kind": "computed",
        "balance_prev": before,
        "balance": after,
        "change": math.nan if is_missing(before) or is_missing(after) else after - before,
        "blank_counted": False,
    }
