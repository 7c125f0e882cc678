"""Compute stage: the year's surplus split by what the report says about its causes:
temporary (tillfällig orsak), lasting (bestående orsak), or not said.

The split is made on the smallest printed rows of the deviation table, which add up to the
board's result: each department of a unit that the report lists by department, and each
other unit (:func:`ksanalys.compute.deviations.printed_deviations`). A row takes the kind of
the report's explanations of its deviation (data/explanations.csv, topic ``deviation``)
when they all carry one kind, each resting on words of its own passage; a passage that
gives causes of different kinds (``flera``) makes its row ``flera`` whatever the other
passages say; otherwise it is "not said" (``ej_angivet``), and a row the report does not
explain is ``no_reason``. A row not said whose one-off events (below) each explain the whole
row is ``handelse``. Every kind but the report's own words is the analysis' reading.

The amounts are the rows' whole printed results: the report does not split a
department's result between its causes, so neither does this. What the printed rows do
not add up to (the printed total minus their sum) is its own row, kind ``unplaced``.

Beside the report's own kinds stand the events it describes without calling them
temporary, which the analysis reads as one-off (explanations.csv, topic ``one_off``, kind
``handelse``): :func:`result_without_one_offs` takes them and the temporary causes out of
the printed result, as a low–high interval where the report prints no amount.
"""

from __future__ import annotations

import math
from decimal import Decimal

import pandas as pd

from ksanalys.compute.check.tolerance import amounts_agree
from ksanalys.compute.costs import explanations, indicator_value
from ksanalys.compute.deviations import BOARD_LEVEL, printed_deviations
from ksanalys.compute.quotes import names_delay, names_vacancy, partly_words
from ksanalys.load import Dataset
from ksanalys.values import is_missing

__all__ = [
    "EVENT",
    "EVENT_TOPIC",
    "KINDS",
    "LASTING",
    "MIXED",
    "NOT_SAID",
    "NO_REASON",
    "ONE_OFF",
    "SURPLUS_COLUMNS",
    "UNPLACED",
    "board_causes",
    "board_causes_partly",
    "delayed",
    "kind_totals",
    "one_off_events",
    "result_without_one_offs",
    "savings_ahead",
    "surplus_by_kind",
    "unsaid_in_interval",
    "vacant",
]

ONE_OFF, LASTING, NOT_SAID = "engangs", "strukturell", "ej_angivet"
NO_REASON, UNPLACED = "no_reason", "unplaced"
# A row with causes of different kinds; a row that is one one-off event (explanations.csv).
MIXED, EVENT = "flera", "handelse"
KINDS = (ONE_OFF, LASTING, MIXED, EVENT, NOT_SAID, NO_REASON, UNPLACED)
SURPLUS_COLUMNS = ("unit_id", "unit", "level", "parent", "deviation", "kind", "kind_quotes")
# An event the report describes, read by the analysis as one-off (explanations.csv).
EVENT_TOPIC = "one_off"
EVENT_COLUMNS = ("unit_id", "unit", "item", "words", "share", "row_result", "low", "high")
# The steps of :func:`result_without_one_offs`.
PRINTED_STEP, TEMPORARY_STEP, EVENT_STEP, RESULT_STEP = "printed", "temporary", "event", "result"


def _leaves(frame: pd.DataFrame) -> pd.DataFrame:
    """The printed rows that add up to the board: departments, and units without any."""
    parents = set(frame["parent"]) - {""}
    chosen = frame[(frame["level"] != BOARD_LEVEL) & ~frame["unit_id"].isin(parents)]
    return chosen.reset_index(drop=True)


def _kind(reasons: pd.DataFrame, events: pd.DataFrame) -> tuple[str, str]:
    """A row's kind and words from its passages (``reasons``) and its one-off events."""
    if reasons.empty:
        return NO_REASON, ""
    kinds = set(reasons["kind"])
    quotes = [q for q in reasons["kind_quote"] if q.strip()]
    if MIXED in kinds:
        return MIXED, " / ".join(quotes)
    if len(kinds) != 1:
        return NOT_SAID, ""
    kind = kinds.pop()
    if kind == NOT_SAID and not events.empty and (events["share"] == "row").all():
        return EVENT, " / ".join(events["kind_quote"])
    return kind, " / ".join(quotes)


def _events(ds: Dataset, year: int) -> pd.DataFrame:
    """The year's rows of explanations.csv that are one-off events (topic one_off)."""
    table = ds.tables.get("explanations")
    if table is None or "share" not in table:
        return pd.DataFrame(columns=["subject", "kind_quote", "share"])
    chosen = (
        (table["report_year"] == year) & (table["topic"] == EVENT_TOPIC) & (table["kind"] == EVENT)
    )
    return table[chosen]


def surplus_by_kind(ds: Dataset, year: int) -> pd.DataFrame:
    """One row per printed row that the board's result adds, with the kind of its causes.

    Columns: unit_id, unit (as printed), level, parent, deviation (tkr as printed,
    positive = surplus), kind (one of :data:`KINDS` but ``unplaced``), kind_quotes (the
    report's words that make it temporary, lasting, mixed or an event, " / " between
    passages; "" when not said). Rows in the printed order. Empty without a report for
    ``year``.
    """
    frame = printed_deviations(ds, year)
    if frame.empty:
        return pd.DataFrame(columns=list(SURPLUS_COLUMNS))
    leaves = _leaves(frame)
    events = _events(ds, year)
    kinds = [
        _kind(
            explanations(ds, year, "deviation", unit_id),
            events[events["subject"] == unit_id],
        )
        for unit_id in leaves["unit_id"]
    ]
    return leaves.assign(
        kind=[kind for kind, _ in kinds], kind_quotes=[quotes for _, quotes in kinds]
    )[list(SURPLUS_COLUMNS)]


def kind_totals(ds: Dataset, year: int) -> pd.DataFrame:
    """The board's result by kind: columns kind (:data:`KINDS` in that order, kinds
    without rows left out), deviation (tkr), rows (how many printed rows), rounding (True
    only for an ``unplaced`` row within the check's rounding tolerance,
    :func:`ksanalys.compute.check.tolerance.amounts_agree`). The ``unplaced`` row is the
    printed total minus the rows' sum (left out when 0), so the deviations add up to the
    printed result. Empty without a report."""
    rows = surplus_by_kind(ds, year)
    frame = printed_deviations(ds, year)
    if rows.empty:
        return pd.DataFrame(columns=["kind", "deviation", "rows", "rounding"])
    sums = rows.groupby("kind")["deviation"].agg(["sum", "count"])
    records = [
        {
            "kind": kind,
            "deviation": float(sums.loc[kind, "sum"]),
            "rows": int(sums.loc[kind, "count"]),
            "rounding": False,
        }
        for kind in KINDS
        if kind in sums.index
    ]
    board = frame.loc[frame["level"] == BOARD_LEVEL, "deviation"]
    if not board.empty:
        printed, added = float(board.iloc[0]), math.fsum(rows["deviation"])
        unplaced = printed - added
        if unplaced != 0:
            rounding = not is_missing(unplaced) and amounts_agree(
                Decimal(str(printed)), Decimal(str(added)), len(rows)
            )
            records.append(
                {"kind": UNPLACED, "deviation": unplaced, "rows": 0, "rounding": rounding}
            )
    return pd.DataFrame.from_records(records)


def board_causes(ds: Dataset, year: int) -> str:
    """The report's words for the board's own temporary causes (the kind_quote of the
    board's explanation of its deviation when that explanation is temporary); "" without."""
    rows = explanations(ds, year, "deviation", ds.organisation.board_id)
    rows = rows[(rows["kind"] == ONE_OFF) & (rows["kind_quote"] != "")]
    return str(rows["kind_quote"].iloc[0]) if not rows.empty else ""


def board_causes_partly(ds: Dataset, year: int) -> str:
    """The report's words saying the board's temporary causes explain its deviation only in
    part (:func:`ksanalys.compute.quotes.partly_words` of the board's temporary
    explanation: "till största delen"); "" when they explain it whole or are not given."""
    rows = explanations(ds, year, "deviation", ds.organisation.board_id)
    rows = rows[rows["kind"] == ONE_OFF]
    return partly_words(str(rows["quote"].iloc[0])) if not rows.empty else ""


def unsaid_in_interval(ds: Dataset, year: int) -> list[str]:
    """The rows whose cause the report does not call temporary or lasting (kinds mixed,
    event, not said) whose one-off events :func:`result_without_one_offs` takes out with an
    amount (unit_ids, printed order)."""
    rows = surplus_by_kind(ds, year)
    if rows.empty:
        return []
    events = set(one_off_events(ds, year).dropna(subset=["low", "high"])["unit_id"])
    unsaid = rows[rows["kind"].isin([MIXED, EVENT, NOT_SAID, NO_REASON])]
    unsaid = unsaid[unsaid["unit_id"].isin(events)]
    return list(unsaid["unit_id"])


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


def vacant(ds: Dataset, year: int) -> list[str]:
    """The unit_ids of the rows of :func:`surplus_by_kind` whose temporary cause is, in the
    report's own words, a vacancy (:func:`ksanalys.compute.quotes.names_vacancy`): read as
    temporary, though a post left unfilled is a saving that may last."""
    rows = surplus_by_kind(ds, year)
    if rows.empty:
        return []
    chosen = rows[(rows["kind"] == ONE_OFF) & rows["kind_quotes"].map(names_vacancy)]
    return list(chosen["unit_id"])


def _event_effect(share: str, amount: float, row_result: float) -> tuple[float, float]:
    """The low and high of what an event added to the result (tkr): its printed amount,
    its row's whole result, anything between none and all of the row, or NaN (no amount)."""
    if share == "amount" and not is_missing(amount):
        return amount, amount
    if share == "row":
        return row_result, row_result
    if share == "part":
        return min(0.0, row_result), max(0.0, row_result)
    return math.nan, math.nan


def one_off_events(ds: Dataset, year: int) -> pd.DataFrame:
    """The events of ``year``'s report that the analysis reads as one-off, in the data's
    order. Columns: unit_id, unit (as printed), item (the event's name), words (the
    report's words that name it), share (``amount``, ``row``, ``part`` or ``none``, see
    data/README.md), row_result (the unit's printed result, tkr), low and high (what the
    event added to the result, tkr; a cost negative; NaN where the report prints no amount).
    An event on a row the report already calls temporary is left out: its whole row is
    taken out as temporary. Empty without a report or events."""
    rows = surplus_by_kind(ds, year)
    events = _events(ds, year)
    if rows.empty or events.empty:
        return pd.DataFrame(columns=list(EVENT_COLUMNS))
    results = rows.set_index("unit_id")
    records = []
    for _, event in events.iterrows():
        unit_id = event["subject"]
        if unit_id not in results.index or results.loc[unit_id, "kind"] == ONE_OFF:
            continue
        row_result = float(results.loc[unit_id, "deviation"])
        amount = math.nan if is_missing(event.get("amount")) else float(event["amount"])
        low, high = _event_effect(str(event["share"]), amount, row_result)
        records.append(
            {
                "unit_id": unit_id,
                "unit": results.loc[unit_id, "unit"],
                "item": event["item"] if isinstance(event["item"], str) else "",
                "words": event["kind_quote"],
                "share": event["share"],
                "row_result": row_result,
                "low": low,
                "high": high,
            }
        )
    return pd.DataFrame.from_records(records, columns=list(EVENT_COLUMNS))


def result_without_one_offs(ds: Dataset, year: int) -> pd.DataFrame:
    """The printed result with the temporary causes and the one-off events taken out, step
    by step. Columns: step (``printed``, ``temporary``, ``event``, ``result``), unit_id,
    unit, item, words, share (as :func:`one_off_events`; "" where not an event), low,
    high (tkr: the printed result; what the step changes; the result without them).

    ``temporary`` takes out the rows the report explains with temporary causes only
    (:func:`kind_totals`, ``engangs``); each ``event`` takes out what the event added (a
    one-off cost comes back as a plus), NaN where the report prints no amount, and that
    step is left out of the sum. ``result``'s low and high are the interval's ends. Empty
    without a report."""
    totals = kind_totals(ds, year)
    frame = printed_deviations(ds, year)
    board = frame.loc[frame["level"] == BOARD_LEVEL, "deviation"] if not frame.empty else None
    if totals.empty or board is None or board.empty:
        return pd.DataFrame(columns=["step", *EVENT_COLUMNS[:5], "low", "high"])
    by_kind = dict(zip(totals["kind"], totals["deviation"], strict=True))
    printed = float(board.iloc[0])
    temporary = -by_kind.get(ONE_OFF, 0.0)
    blank = {"unit_id": "", "unit": "", "item": "", "words": "", "share": ""}
    records = [
        {"step": PRINTED_STEP, **blank, "low": printed, "high": printed},
        {"step": TEMPORARY_STEP, **blank, "low": temporary, "high": temporary},
    ]
    for _, event in one_off_events(ds, year).iterrows():
        records.append(
            {
                "step": EVENT_STEP,
                **{key: event[key] for key in blank},
                "low": 0.0 - event["high"],
                "high": 0.0 - event["low"],
            }
        )
    steps = pd.DataFrame.from_records(records)
    counted = steps.dropna(subset=["low", "high"])
    records.append(
        {
            "step": RESULT_STEP,
            **blank,
            "low": math.fsum(counted["low"]),
            "high": math.fsum(counted["high"]),
        }
    )
    return pd.DataFrame.from_records(records)
