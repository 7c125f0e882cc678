"""Compute stage: the report's statements held against what contradicts them
(data/statement_pairs.csv), each checked where the data hold both sides.

Column ``against`` of a pair says what its statement (``quote_a``) is held against:

``quote`` (blank: the same)
    Another passage of the report (``quote_b``), shown side by side; the data's ``note``
    says how they differ. Nothing to compute: the pair always stands.
``figure``
    A figure computed from the report's printed tables and indicators (``expression``,
    in the check's expression language, with ``unit`` and printed ``decimals``), e.g. the
    change that "minskat marginellt" describes: 1,13 → 0,09 procent is −1,04
    procentenheter (a rate changes in points, not in percent). The pair stands only when
    the figure's size is at least ``at_least`` (in ``unit``): the data say which size the
    words cannot mean, the figures decide.
``goals``
    The computed statuses of the goals of ``area`` (goals.csv's area,
    :mod:`ksanalys.compute.goals`): a statement that the area's goals are fulfilled (not a
    forecast: the year's statuses cannot contradict one) stands against them only when the
    area has goals and none of them is met, partly met or on its way
    (:data:`POSITIVE_STATUSES`).

Column ``kind`` says what a pair is: ``contradiction`` (blank: the same), statements that
cannot both hold, or ``nuance``, two wordings of the same thing that differ without
contradicting ("vilket har genomförts" against "I princip har detta klarats av"): the data
decide, and a nuance is shown apart and never counted among the contradictions.

:func:`check_statements` returns, per pair, its kind, the computed side and whether the
pair stands; :mod:`ksanalys.present.chapters.granskning` shows the pairs that stand.
"""

from __future__ import annotations

from decimal import Decimal

import pandas as pd

from ksanalys.compute.check.expressions import (
    Cell,
    ExpressionError,
    Indicator,
    Quantity,
    evaluate,
    parse,
    reference_text,
    references,
)
from ksanalys.compute.check.printed import PrintedFigures
from ksanalys.compute.goals.status import REPORT_CLASSES, STATUSES
from ksanalys.errors import DataError
from ksanalys.load import row_lines
from ksanalys.load.schema import STATEMENT_AGAINST, STATEMENT_KINDS
from ksanalys.values import decimals_of, is_missing, round_half_up, to_decimal

__all__ = ["AGAINST", "KINDS", "POSITIVE_STATUSES", "STATEMENT_COLUMNS", "check_statements"]

AGAINST = STATEMENT_AGAINST
KINDS = STATEMENT_KINDS
# Statuses that a statement of positive goal fulfilment agrees with (GEH "Bra" and "Ok").
POSITIVE_STATUSES = (*REPORT_CLASSES["Bra"], *REPORT_CLASSES["Ok"])

# kind: as KINDS; against: as AGAINST; value: the computed figure (Decimal, rounded to
# ``decimals``; None unless figure); inputs: the indicators it is computed from, as
# (Indicator, value); statuses: status code -> number of the area's goals (goals only);
# stands: shown or not.
STATEMENT_COLUMNS = (
    "pair_id",
    "kind",
    "against",
    "value",
    "inputs",
    "statuses",
    "n_goals",
    "stands",
)

_FILE = "statement_pairs.csv"


def check_statements(
    pairs: pd.DataFrame, printed: PrintedFigures, areas: pd.DataFrame | None = None
) -> pd.DataFrame:
    """Each pair of ``pairs`` (one report year's rows of statement_pairs.csv) with its
    computed side (columns :data:`STATEMENT_COLUMNS`, in the pairs' order). ``areas``: the
    goal areas of the year (``GoalAssessments.areas``). A figure that cannot be computed
    or an unknown area is a :class:`DataError` naming the pair."""
    records = []
    for line, row in zip(row_lines(pairs), pairs.to_dict("records"), strict=True):
        row["_line"] = line
        against = _text(row.get("against")) or "quote"
        kind = _text(row.get("kind")) or "contradiction"
        if kind not in KINDS:
            raise _error(row, "kind", f"ett av {', '.join(KINDS)}", kind)
        record = {
            "pair_id": row["pair_id"],
            "kind": kind,
            "against": against,
            "value": None,
            "inputs": (),
            "statuses": {},
            "n_goals": 0,
            "stands": True,
        }
        if against == "figure":
            record.update(_figure(row, printed))
        elif against == "goals":
            record.update(_goals(row, areas))
        elif against != "quote":
            raise _error(row, "against", f"ett av {', '.join(AGAINST)}", against)
        records.append(record)
    return pd.DataFrame.from_records(records, columns=list(STATEMENT_COLUMNS))


def _figure(row: dict, printed: PrintedFigures) -> dict:
    text = _text(row.get("expression"))
    try:
        expression = parse(text)
    except ExpressionError as error:
        raise _error(row, "expression", f"ett uttryck ({error})", text) from None
    refs = references(expression)
    missing = [r for r in refs if not _known(r, printed)]
    if missing:
        raise _error(row, "expression", "tal som finns i data", reference_text(missing[0]))
    quantity = evaluate(expression, lambda ref: _resolve(ref, printed))
    if quantity is None:
        raise _error(
            row, "expression", "ett uttryck som går att beräkna (inte division med noll)", text
        )
    decimals = int(row.get("decimals") or 0)
    value = round_half_up(quantity.value, decimals)
    bound = to_decimal(row.get("at_least")) if not is_missing(row.get("at_least")) else None
    inputs = tuple(
        (r, printed.indicator(r))
        for r in sorted(dict.fromkeys(r for r in refs if isinstance(r, Indicator)), key=_year)
    )
    return {
        "value": value,
        "inputs": inputs,
        "stands": bound is None or abs(value) >= bound,
    }


def _goals(row: dict, areas: pd.DataFrame | None) -> dict:
    area = _text(row.get("area"))
    found = None if areas is None else areas.loc[areas["area"] == area]
    if found is None or found.empty:
        raise _error(row, "area", "ett målområde i goals.csv", area)
    record = found.iloc[0]
    statuses = {s: int(record[s]) for s in STATUSES if not is_missing(record[s]) and record[s]}
    n_goals = 0 if is_missing(record["n_goals"]) else int(record["n_goals"])
    positive = sum(statuses.get(s, 0) for s in POSITIVE_STATUSES)
    return {"statuses": statuses, "n_goals": n_goals, "stands": n_goals > 0 and not positive}


def _error(row: dict, column: str, expected: str, found: object) -> DataError:
    return DataError(_FILE, expected, row=row["_line"], column=column, found=found)


def _known(ref: Cell | Indicator, printed: PrintedFigures) -> bool:
    return printed.has_indicator(ref) if isinstance(ref, Indicator) else printed.has(ref)


def _resolve(ref: Cell | Indicator, printed: PrintedFigures) -> Quantity:
    if isinstance(ref, Indicator):
        number = printed.indicator(ref)
        return Quantity(number, decimals_of(float(number)), 1)
    value = printed.value(ref)
    return Quantity(value if value is not None else Decimal(0), None, 1)


def _year(ref: Indicator) -> int:
    return ref.year


def _text(value: object) -> str:
    return "" if is_missing(value) else str(value).strip()
