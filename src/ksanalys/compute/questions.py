"""Compute stage: the questions a board should put to its office, from the figures.

:func:`questions` returns one :class:`Question` per condition the year's data shows: a code,
the figures the question carries and the sources they come from. A question is asked only
where its rule holds; the rules are here, in one place:

- ``balance_movements``: balance sheet lines (not equity) that moved by at least
  :data:`ksanalys.compute.balance.LARGE_SHARE` of the total at the start of the year and
  that no explanation row (explanations.csv, topic :data:`BALANCE_TOPIC`, subject the
  line_id) explains; each as (printed label, change in tkr, for a debt printed negative
  whom the claim is on — "" when data does not say — else None);
- ``equity``: the balance sheet owner's equity grew and is at least
  :data:`EQUITY_SHARE_OF_GRANT` of its grant;
- ``recurring_surplus``: a unit with a surplus of at least :data:`SURPLUS_SHARE_OF_GRANT`
  of this year's grant both this year and the year before (with its August forecast
  against the grant);
- ``savings``: the personnel cost (resultaträkning line :data:`PERSONNEL_LINE`) fell by less
  than the year's planned saving (indicator ``besparing``): a saving against a budget
  raised for pay and prices beside a change in current prices, which the report gives no
  index to net out;
- ``depreciation``: depreciation (line :data:`DEPRECIATION_LINE`) differs notably from budget
  (:func:`ksanalys.compute.costs.notable_deviation`) and the report explains it
  (explanations.csv, topic ``cost_type``): the question is what that means for next year;
- ``investment_depreciation``: the investments cost more than their budget (indicator
  :data:`ksanalys.compute.costs.INVESTMENT_RESULT` below zero) and the report gives no
  depreciation period, so what the overrun adds to depreciation cannot be computed (no
  period is estimated: review r9 F2);
- ``linked_lines``: one passage ties two lines together as corresponding
  (:data:`ksanalys.compute.quotes.CORRESPONDING`, "motsvarande") and their changes since
  the previous year do not correspond (:func:`ksanalys.compute.quotes.corresponds`);
- ``goal_target``: a goal's level target for the year lies implausibly far from its outcome
  (:func:`ksanalys.compute.goals.status.implausible_target`): is the target reproduced
  right?

A figure the check finds misprinted (the forecast's 4,5 mkr in 2013) is Granskning's
finding, asking for a correction, and no question here. Nothing here gives a reason the
report does not give: a question holds figures only.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field

import pandas as pd

from ksanalys.compute import balance, costs, derived
from ksanalys.compute import quotes as quote_rules
from ksanalys.compute.goals.rules import validate_rules
from ksanalys.compute.goals.series import criterion_series
from ksanalys.compute.goals.status import implausible_target
from ksanalys.load import Dataset
from ksanalys.values import is_missing

__all__ = [
    "BALANCE_TOPIC",
    "CODES",
    "DEPRECIATION_LINE",
    "EQUITY_SHARE_OF_GRANT",
    "PERSONNEL_LINE",
    "SURPLUS_SHARE_OF_GRANT",
    "Question",
    "questions",
]

# explanations.csv topic whose rows explain a balance sheet line (subject: its line_id).
BALANCE_TOPIC = "balance"
# Equity at least this share of the owner's grant, and growing, gets a question.
EQUITY_SHARE_OF_GRANT = 0.10
# A surplus at least this share of the grant two years in a row gets a question.
SURPLUS_SHARE_OF_GRANT = 0.02
PERSONNEL_LINE = "personal"
DEPRECIATION_LINE = "avskrivningar"
CODES = (
    "balance_movements",
    "equity",
    "recurring_surplus",
    "savings",
    "depreciation",
    "investment_depreciation",
    "linked_lines",
    "goal_target",
)


@dataclass(frozen=True)
class Question:
    """A question's code (one of :data:`CODES`), the figures it carries (tkr unless the key
    says otherwise; text from the data unescaped) and the source ids of those figures."""

    code: str
    figures: Mapping[str, object] = field(default_factory=dict)
    sources: tuple[str, ...] = ()


def _sources(*ids: object) -> tuple[str, ...]:
    keys = (s.strip() for value in ids if isinstance(value, str) for s in value.split(","))
    return tuple(dict.fromkeys(k for k in keys if k))


def _budget_rows(ds: Dataset, year: int) -> pd.DataFrame:
    table = ds.budget
    return table[table["report_year"] == year].set_index("unit_id")


def _balance_movements(ds: Dataset, year: int) -> Question | None:
    moved = balance.balance_movements(ds, year)
    if moved.empty:
        return None
    explained = set(costs.explanations(ds, year, BALANCE_TOPIC)["subject"])
    chosen = moved[moved["large"] & (moved["group"] != balance.EQUITY)]
    chosen = chosen[~chosen["line_id"].isin(explained)]
    if chosen.empty:
        return None
    chosen = chosen.reindex(chosen["change"].abs().sort_values(ascending=False).index)
    rows = ds.balansrakning
    rows = rows[(rows["report_year"] == year) & rows["line_id"].isin(chosen["line_id"])]
    return Question(
        "balance_movements",
        {
            "lines": tuple(
                (str(r["line"]), float(r["change"]), str(r["claim_on"]) if r["claim"] else None)
                for _, r in chosen.iterrows()
            )
        },
        _sources(*rows["source"]),
    )


def _equity(ds: Dataset, year: int) -> Question | None:
    owner = derived.balance_sheet_unit(ds, year)
    budget = _budget_rows(ds, year)
    if owner is None or owner not in budget.index:
        return None
    before, after = balance.equity(balance.balance_movements(ds, year))
    grant = float(budget.loc[owner, "grant"])
    if is_missing(grant) or grant <= 0 or after <= before:
        return None
    if after < EQUITY_SHARE_OF_GRANT * grant:
        return None
    return Question(
        "equity",
        {
            "unit": str(budget.loc[owner, "unit"]),
            "equity_prev": before,
            "equity": after,
            "grant": grant,
            "share_pct": 100 * after / grant,
        },
        _sources(
            *ds.balansrakning.loc[ds.balansrakning["report_year"] == year, "source"],
            budget.loc[owner, "source"],
        ),
    )


def _recurring_surplus(ds: Dataset, year: int) -> list[Question]:
    results = derived.unit_results(ds, year)
    budget = _budget_rows(ds, year)
    found = []
    for _, row in results[results["level"] == derived.UNIT_LEVEL].iterrows():
        unit_id = row["unit_id"]
        grant = float(budget.loc[unit_id, "grant"]) if unit_id in budget.index else math.nan
        if is_missing(grant) or grant <= 0 or is_missing(row["result_prev"]):
            continue
        floor = SURPLUS_SHARE_OF_GRANT * grant
        if row["result_prev"] < floor or row["result"] < floor:
            continue
        forecast = float(budget.loc[unit_id, "forecast"])
        found.append(
            Question(
                "recurring_surplus",
                {
                    "unit": str(row["unit"]),
                    "year": year,
                    "result_prev": float(row["result_prev"]),
                    "result": float(row["result"]),
                    "grant": grant,
                    "forecast_under_grant": grant - forecast,
                },
                _sources(budget.loc[unit_id, "source"]),
            )
        )
    return found


def _indicator_source(ds: Dataset, indicator: str, scope: str, year: int) -> str:
    table = ds.indicators
    rows = table[
        (table["indicator"] == indicator) & (table["scope"] == scope) & (table["year"] == year)
    ]
    return str(rows["source"].iloc[-1]) if not rows.empty else ""


def _savings(ds: Dataset, year: int) -> Question | None:
    board = ds.organisation.board_id
    saving_mkr = costs.indicator_value(ds, "besparing", board, year)
    lines = costs.cost_types(ds, year)
    personnel = lines[lines["line_id"] == PERSONNEL_LINE] if not lines.empty else lines
    if is_missing(saving_mkr) or personnel.empty:
        return None
    row = personnel.iloc[0]
    fell = float(row["effect"])  # a cost printed negative: a fall is a positive effect
    if fell >= 1000 * saving_mkr:
        return None
    return Question(
        "savings",
        {"saving_mkr": saving_mkr, "personnel_fell": fell, "year": year},
        _sources(_indicator_source(ds, "besparing", board, year), row["source"]),
    )


def _depreciation(ds: Dataset, year: int) -> Question | None:
    lines = costs.cost_types(ds, year)
    chosen = lines[lines["line_id"] == DEPRECIATION_LINE] if not lines.empty else lines
    said = costs.explanations(ds, year, "cost_type", DEPRECIATION_LINE)
    if chosen.empty or said.empty:
        return None
    row = chosen.iloc[0]
    if not costs.notable_deviation(row["deviation"], row["deviation_pct"]):
        return None
    return Question(
        "depreciation",
        {
            "line": str(row["line"]),
            "deviation": float(row["deviation"]),
            "words": str(said["quote"].iloc[0]),
            "item": str(said["item"].iloc[0]),
            "next_year": year + 1,
        },
        _sources(row["source"], *said["source"]),
    )


def _investment_depreciation(ds: Dataset, year: int) -> Question | None:
    board = ds.organisation.board_id
    result = costs.indicator_value(ds, costs.INVESTMENT_RESULT, board, year)
    if is_missing(result) or result >= 0:
        return None
    return Question(
        "investment_depreciation",
        {"overrun_mkr": -result, "next_year": year + 1},
        _sources(_indicator_source(ds, costs.INVESTMENT_RESULT, board, year)),
    )


def _linked_lines(ds: Dataset, year: int) -> list[Question]:
    lines = costs.cost_types(ds, year)
    said = costs.explanations(ds, year, "cost_type")
    if lines.empty or said.empty:
        return []
    by_line = lines.set_index("line_id")
    flat = said["quote"].map(lambda q: " ".join(str(q).split()))
    found = []
    for quote, group in said.groupby(flat, sort=False):
        subjects = [s for s in dict.fromkeys(group["subject"]) if s in by_line.index]
        if len(subjects) != 2 or quote_rules.linking_word(str(quote)) != quote_rules.CORRESPONDING:
            continue
        first, second = (by_line.loc[s] for s in subjects)
        a, b = first["change_tkr"], second["change_tkr"]
        if is_missing(a) or is_missing(b) or quote_rules.corresponds(a, b):
            continue
        found.append(
            Question(
                "linked_lines",
                {
                    "line": str(first["line"]),
                    "change": float(a),
                    "other_line": str(second["line"]),
                    "other_change": float(b),
                    "words": str(quote),
                    "year": year,
                },
                _sources(first["source"], second["source"], *group["source"]),
            )
        )
    return found


def _goal_targets(ds: Dataset, year: int) -> list[Question]:
    table = ds.goals
    goals = table[table["report_year"] == year].set_index("goal_id")
    found = []
    for criteria in validate_rules(ds).values():
        for c in criteria:
            if not c.tested or c.comparison != "level" or not c.threshold:
                continue
            if c.target_year is not None and c.target_year != year:
                continue
            series = criterion_series(ds.indicators, c)
            now = series[series["year"] == year]
            if now.empty or not implausible_target(c, float(now["value"].iloc[0])):
                continue
            if c.goal_id not in goals.index:
                continue
            found.append(
                Question(
                    "goal_target",
                    {
                        "target": float(c.threshold),
                        "unit": str(now["unit"].iloc[0]),
                        "area": str(goals.loc[c.goal_id, "area"]),
                        "number": int(goals.loc[c.goal_id, "number"]),
                    },
                    _sources(now["source"].iloc[0]),
                )
            )
    return found


def questions(ds: Dataset, year: int) -> list[Question]:
    """The questions of ``year``'s report, in the order of :data:`CODES`. Empty for a year
    without a report."""
    if year not in ds.report_years:
        return []
    found: list[Question | None] = [
        _balance_movements(ds, year),
        _equity(ds, year),
        *_recurring_surplus(ds, year),
        _savings(ds, year),
        _depreciation(ds, year),
        _investment_depreciation(ds, year),
        *_linked_lines(ds, year),
        *_goal_targets(ds, year),
    ]
    return [q for q in found if q is not None]
