"""Compute stage: the year's surplus split by what the report says about its causes:
temporary (tillfällig orsak), lasting (bestående orsak), or not said.

The split is made on the smallest printed rows of the deviation table, which add up to the
board's result: each department of a unit that the report lists by department, and each
other unit (:func:`ksanalys.compute.deviations.printed_deviations`). A row takes the kind of
the report's explanations of its deviation (data/explanations.csv, topic ``deviation``)
when they all carry one kind, each resting on words of its own passage; otherwise it is
"not said" (``ej_angivet``), and a row the report does not explain is ``no_reason``.

The amounts are the rows' whole printed results: the report does not split a
department's result between its causes, so neither does this. What the printed rows do
not add up to (the printed total minus their sum) is its own row, kind ``unplaced``.
"""

from __future__ import annotations

import math

import pandas as pd

from ksanalys.compute.costs import explanations, indicator_value
from ksanalys.compute.deviations import BOARD_LEVEL, printed_deviations
from ksanalys.compute.quotes import names_delay
from ksanalys.load import Dataset

__all__ = [
    "KINDS",
    "LASTING",
    "NOT_SAID",
    "NO_REASON",
    "ONE_OFF",
    "SURPLUS_COLUMNS",
    "UNPLACED",
    "delayed",
    "kind_totals",
    "savings_ahead",
    "surplus_by_kind",
]

ONE_OFF, LASTING, NOT_SAID = "engangs", "strukturell", "ej_angivet"
NO_REASON, UNPLACED = "no_reason", "unplaced"
KINDS = (ONE_OFF, LASTING, NOT_SAID, NO_REASON, UNPLACED)
SURPLUS_COLUMNS = ("unit_id", "unit", "level", "parent", "deviation", "kind", "kind_quotes")


def _leaves(frame: pd.DataFrame) -> pd.DataFrame:
    """The printed rows that add up to the board: departments, and units without any."""
    parents = set(frame["parent"]) - {""}
    chosen = frame[(frame["level"] != BOARD_LEVEL) & ~frame["unit_id"].isin(parents)]
    return chosen.reset_index(drop=True)


def _kind(reasons: pd.DataFrame) -> tuple[str, str]:
    if reasons.empty:
        return NO_REASON, ""
    kinds = set(reasons["kind"])
    if len(kinds) != 1:
        return NOT_SAID, ""
    quotes = [q for q in reasons["kind_quote"] if q.strip()]
    return kinds.pop(), " / ".join(quotes)


def surplus_by_kind(ds: Dataset, year: int) -> pd.DataFrame:
    """One row per printed row that the board's result adds, with the kind of its causes.

    Columns: unit_id, unit (as printed), level, parent, deviation (tkr as printed,
    positive = surplus), kind (one of :data:`KINDS` but ``unplaced``), kind_quotes (the
    report's words that make it temporary or lasting, " / " between passages; "" when
    not said). Rows in the printed order. Empty without a report for ``year``.
    """
    frame = printed_deviations(ds, year)
    if frame.empty:
        return pd.DataFrame(columns=list(SURPLUS_COLUMNS))
    leaves = _leaves(frame)
    kinds = [_kind(explanations(ds, year, "deviation", unit_id)) for unit_id in leaves["unit_id"]]
    return leaves.assign(
        kind=[kind for kind, _ in kinds], kind_quotes=[quotes for _, quotes in kinds]
    )[list(SURPLUS_COLUMNS)]


def kind_totals(ds: Dataset, year: int) -> pd.DataFrame:
    """The board's result by kind: columns kind (:data:`KINDS` in that order, kinds
    without rows left out), deviation (tkr), rows (how many printed rows). The
    ``unplaced`` row is the printed total minus the rows' sum (left out when 0), so the
    deviations add up to the printed result. Empty without a report."""
    rows = surplus_by_kind(ds, year)
    frame = printed_deviations(ds, year)
    if rows.empty:
        return pd.DataFrame(columns=["kind", "deviation", "rows"])
    sums = rows.groupby("kind")["deviation"].agg(["sum", "count"])
    records = [
        {
            "kind": kind,
            "deviation": float(sums.loc[kind, "sum"]),
            "rows": int(sums.loc[kind, "count"]),
        }
        for kind in KINDS
        if kind in sums.index
    ]
    board = frame.loc[frame["level"] == BOARD_LEVEL, "deviation"]
    if not board.empty:
        unplaced = float(board.iloc[0]) - math.fsum(rows["deviation"])
        if unplaced != 0:
            records.append({"kind": UNPLACED, "deviation": unplaced, "rows": 0})
    return pd.DataFrame.from_records(records)


def savings_ahead(ds: Dataset, scope: str, year: int) -> dict[str, float]:
    """The year's planned saving, its full-year effect the next year and the difference
    (mkr, from indicators.csv ``besparing`` and ``besparing_helarseffekt``): ``saving``,
    ``full_year``, ``added`` (full_year − saving); NaN where the data lacks one."""
    saving = indicator_value(ds, "besparing", scope, year)
    full_year = indicator_value(ds, "besparing_helarseffekt", scope, year + 1)
    return {"saving": saving, "full_year": full_year, "added": full_year - saving}


def delayed(ds: Dataset, year: int) -> list[str]:
    """The unit_ids of the rows of :func:`surplus_by_kind` whose temporary cause is, in the
    report's own words, a delay (:func:`ksanalys.compute.quotes.names_delay`): costs that
    may come the next year instead. The report gives no amount for them."""
    rows = surplus_by_kind(ds, year)
    if rows.empty:
        return []
    chosen = rows[(rows["kind"] == ONE_OFF) & rows["kind_quotes"].map(names_delay)]
    return list(chosen["unit_id"])
