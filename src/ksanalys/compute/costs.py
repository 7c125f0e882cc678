"""Compute stage: the resultaträkning by type of income and cost, and the report's own
explanations of the year (data/explanations.csv).

:func:`cost_types` gives one row per printed line of a report's resultaträkning that its
result adds (income and cost lines, depreciation, kommunbidrag, financial items), with the
amounts as printed, the effect of each change on the result and, as positive sizes, the
change against the previous year and against the budget. :func:`explanations` selects the
report's quoted reasons. :func:`notable_deviation` is the rule for a line's budget deviation
that is worth a sentence of its own where the report does not explain it.
:func:`gross_investment` derives the year's investments from the two statements, and
:func:`budget_changes` what the grant's change implies beside the planned saving.
"""

from __future__ import annotations

import math

import pandas as pd

from ksanalys.compute.bridge import reader_line, result_lines
from ksanalys.load import Dataset
from ksanalys.values import is_missing, sum_term

__all__ = [
    "COST",
    "COST_TYPE_COLUMNS",
    "DEPRECIATION_LINE",
    "EXPLANATION_COLUMNS",
    "FIXED_ASSETS_LINE",
    "INCOME",
    "NOTABLE_DEVIATION_PCT",
    "NOTABLE_DEVIATION_TKR",
    "budget_changes",
    "cost_types",
    "explanations",
    "gross_investment",
    "indicator_value",
    "notable_deviation",
]

INCOME = "intakt"
COST = "kostnad"
# The printed sum whose lines are income (the others are income when printed positive).
_INCOME_SUM = "summa_intakter"

COST_TYPE_COLUMNS = (
    "line_id",
    "line",
    "side",
    "outcome_prev",
    "budget",
    "outcome",
    "deviation",
    "effect",
    "size_prev",
    "size",
    "change_tkr",
    "change_pct",
    "over_budget",
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
    "kind_quote",
    "source",
)


def _side(line_id: str, income: set[str], row: pd.Series) -> str:
    """Income when the line is under the income sum or printed positive (kommunbidrag)."""
    printed = row["outcome_prev"] if is_missing(row["outcome"]) else row["outcome"]
    if line_id in income or (not is_missing(printed) and printed > 0):
        return INCOME
    return COST


def cost_types(ds: Dataset, report_year: int) -> pd.DataFrame:
    """The lines of the resultaträkning of ``report_year``'s own report that its result
    adds (income, costs, depreciation, kommunbidrag, financial items), largest effect on
    the result first.

    Columns: line_id, line (the reader's label,
    :func:`ksanalys.compute.bridge.reader_line`); side (:data:`INCOME` or :data:`COST`; a line
    outside the income sum is income when printed positive); outcome_prev, budget,
    outcome, deviation (tkr as printed: costs negative, deviation positive = better than
    budget); effect = outcome − outcome_prev (tkr, the change's effect on the result,
    :func:`ksanalys.compute.bridge.result_bridge`); size_prev, size (the amounts as
    positive sizes); change_tkr = size − size_prev (positive = the income or cost grew);
    change_pct = change_tkr in percent of size_prev (NaN when size_prev is 0 or missing);
    over_budget = size − the budget's size (positive = the income or cost was larger than
    budgeted);
    deviation_pct = deviation in percent of the budget's size; source. Lines printed blank
    or 0 in every column are left out. Empty when the data has no report for the year.
    """
    table = ds.resultatrakning
    rows = table[table["report_year"] == report_year].set_index("line_id", drop=False)
    income = set(_income_lines(rows))
    records = []
    for line_id in result_lines(ds, report_year):
        row = rows.loc[line_id]
        values = [row["outcome_prev"], row["budget"], row["outcome"]]
        if all(sum_term(v) == 0 for v in values):
            continue
        size_prev, size = abs(row["outcome_prev"]), abs(row["outcome"])
        change = size - size_prev
        budget = abs(row["budget"])
        records.append(
            {
                "line_id": line_id,
                "line": reader_line(row),
                "side": _side(line_id, income, row),
                "outcome_prev": row["outcome_prev"],
                "budget": row["budget"],
                "outcome": row["outcome"],
                "deviation": row["deviation"],
                "effect": row["outcome"] - row["outcome_prev"],
                "size_prev": size_prev,
                "size": size,
                "change_tkr": change,
                "change_pct": 100 * change / size_prev if size_prev else math.nan,
                "over_budget": size - budget,
                "deviation_pct": 100 * row["deviation"] / budget if budget else math.nan,
                "source": row["source"],
            }
        )
    frame = pd.DataFrame.from_records(records, columns=list(COST_TYPE_COLUMNS))
    if frame.empty:
        return frame
    order = frame["effect"].abs().fillna(-1).sort_values(ascending=False, kind="stable")
    return frame.loc[order.index].reset_index(drop=True)


# A line's budget deviation is notable from this much on, in tkr and in percent of its
# budget (both: a large line's small share and a small line's large share are not).
NOTABLE_DEVIATION_TKR = 1000
NOTABLE_DEVIATION_PCT = 10


def notable_deviation(deviation: float, deviation_pct: float) -> bool:
    """Whether a line's budget deviation (tkr, and in percent of its budget: columns of
    :func:`cost_types`) is at least :data:`NOTABLE_DEVIATION_TKR` and
    :data:`NOTABLE_DEVIATION_PCT`; False when either is missing."""
    if is_missing(deviation) or is_missing(deviation_pct):
        return False
    return abs(deviation) >= NOTABLE_DEVIATION_TKR and abs(deviation_pct) >= NOTABLE_DEVIATION_PCT


def _income_lines(rows: pd.DataFrame) -> list[str]:
    """The lines under the printed income sum (``summa_intakter``)."""
    if _INCOME_SUM not in rows.index:
        return []
    parts = rows.loc[_INCOME_SUM, "total_of"]
    return [p.strip() for p in parts.split("+")] if isinstance(parts, str) else []


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
    chosen = chosen.assign(
        item=chosen["item"].fillna(""), kind_quote=chosen["kind_quote"].fillna("")
    )
    return chosen[list(EXPLANATION_COLUMNS)].reset_index(drop=True)


INVESTMENT_RESULT = "investeringar_resultat"
"""The indicator of the investment result against the investment budget (mkr, surplus
positive)."""


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


FIXED_ASSETS_LINE = "anlaggningstillgangar"
"""The balance sheet's line of fixed assets (balansrakning.csv line_id)."""
DEPRECIATION_LINE = "avskrivningar"
"""The resultaträkning's line of depreciation (resultatrakning.csv line_id)."""


def gross_investment(ds: Dataset, year: int) -> dict[str, float]:
    """The year's investments as far as the report's statements give them, all tkr and
    computed (no investment table is printed): ``change``, the fixed assets' change on the
    balance sheet; ``depreciation``, the resultaträkning's depreciation as a positive
    amount; ``gross``, their sum. It is a least value: assets scrapped or sold also lower
    the fixed assets. NaN where either statement lacks its line."""
    sheet = ds.balansrakning
    assets = sheet[(sheet["report_year"] == year) & (sheet["line_id"] == FIXED_ASSETS_LINE)]
    lines = ds.resultatrakning
    depreciation = lines[(lines["report_year"] == year) & (lines["line_id"] == DEPRECIATION_LINE)]
    if assets.empty or depreciation.empty:
        return {"change": math.nan, "depreciation": math.nan, "gross": math.nan}
    change = float(assets["balance"].iloc[0]) - float(assets["balance_prev"].iloc[0])
    written_off = -float(depreciation["outcome"].iloc[0])  # a cost, printed negative
    return {"change": change, "depreciation": written_off, "gross": change + written_off}


def budget_changes(saving_mkr: float, grant_change_tkr: float) -> float:
    """What else changed the grant (tkr) beside a saving of ``saving_mkr`` (mkr), if the
    saving was taken out of the grant: the grant's change plus the saving (a grant that
    fell 3 506 tkr against a saving of 12,8 mkr: 12 800 − 3 506 = 9 294 tkr of indexation
    and other changes). The condition is the reader's to state; NaN without both."""
    if is_missing(saving_mkr) or is_missing(grant_change_tkr):
        return math.nan
    return 1000 * saving_mkr + grant_change_tkr
