"""Compute stage: the result bridge, from the previous year's result to this year's.

:func:`result_bridge` walks the printed resultaträkning of a report year from its total
(RESULTAT) down through the printed sums (``total_of``) to the lines, and gives each line's
effect on the result: ``outcome − outcome_prev`` as printed. The report prints costs
negative, so a cost that fell and an income that rose both have a positive effect; a
reader never has to turn a sign.

Where a printed sum is not the sum of its printed parts (SUMMA KOSTNADER 2013 is 2 382 tkr
more than its lines), the difference sits on no line. Its change between the years is a
step of its own (kind ``unlined``, one per sum), so the steps add up exactly, in tkr as
printed, to the printed change of the result:

    result − result_prev = Σ line effects + Σ (unlined − unlined_prev) over the sums

which holds because each printed sum is, by definition of ``unlined``, its parts plus its
unlined amount. Nothing is rounded or corrected here.

A gap small enough to be the rounding of the printed figures (RESULTAT 2012: 14 353 against
lines adding to 14 354) is not a gap: the check's tolerance rule decides, the same rule
Granskning applies (:func:`ksanalys.compute.check.tolerance.amounts_agree`, with the sum's
printed parts as its terms). Such a difference moves into a step of kind ``rounding`` (one
per sum), so the ``unlined`` steps hold only what is beyond rounding and the steps still add
up exactly.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from decimal import Decimal

import pandas as pd

from ksanalys.compute.check.evaluate import CheckResult
from ksanalys.compute.check.tolerance import amounts_agree
from ksanalys.load import Dataset
from ksanalys.values import is_missing, sum_term

__all__ = [
    "BRIDGE_COLUMNS",
    "END",
    "LINE",
    "ROUNDING",
    "START",
    "UNLINED",
    "likely_lines",
    "reader_line",
    "result_bridge",
    "result_lines",
    "unlined_sums",
]

START, LINE, UNLINED, ROUNDING, END = "start", "line", "unlined", "rounding", "end"
BRIDGE_COLUMNS = ("kind", "line_id", "line", "value_prev", "value", "effect", "source")
_TOTAL_KIND = "total"
_TABLE = "resultatrakning"  # the resultaträkning among the check rules' tables
_UNLINED_COLUMNS = (
    "line_id",
    "line",
    "unlined_prev",
    "unlined",
    "rounding_prev",
    "rounding",
    "sum_prev",
    "sum",
    "source",
)


@dataclass(frozen=True)
class _Node:
    line_id: str
    parts: tuple[str, ...]


def reader_line(row: pd.Series) -> str:
    """A resultaträkning row's label as a reader sees it: data's ``display_line`` where
    given ("Köp av primärkommunal verksamhet" for the printed "Köp av prim verksamhet"),
    else the label as printed."""
    display = row.get("display_line")
    return str(row["line"]) if is_missing(display) or not str(display).strip() else str(display)


def _parts(row: pd.Series) -> tuple[str, ...]:
    total_of = row["total_of"]
    if not isinstance(total_of, str) or not total_of.strip():
        return ()
    return tuple(part.strip() for part in total_of.split("+"))


def _walk(rows: pd.DataFrame, line_id: str) -> tuple[list[str], list[_Node]]:
    """The lines under ``line_id`` in printed order, and the sums on the way (outermost
    first)."""
    match = rows[rows["line_id"] == line_id]
    if match.empty:
        return [], []
    parts = _parts(match.iloc[0])
    if not parts:
        return [line_id], []
    lines: list[str] = []
    sums = [_Node(line_id, parts)]
    for part in parts:
        found_lines, found_sums = _walk(rows, part)
        lines += found_lines
        sums += found_sums
    return lines, sums


def unlined_sums(ds: Dataset, report_year: int) -> pd.DataFrame:
    """Each printed sum of the resultaträkning with what it holds beyond its printed parts.

    Columns: line_id, line (the reader's label, :func:`reader_line`), unlined_prev,
    unlined (tkr: printed sum − Σ its printed parts, previous year and this year),
    rounding_prev, rounding (True where that difference is within the check's rounding
    tolerance), sum_prev, sum (the printed sums), source; in printed order. Empty without a report.
    """
    rows = _own_rows(ds, report_year)
    total = rows[rows["kind"] == _TOTAL_KIND]
    if total.empty:
        return pd.DataFrame(columns=list(_UNLINED_COLUMNS))
    _, sums = _walk(rows, str(total["line_id"].iloc[0]))
    by_id = rows.set_index("line_id")
    sums = sorted(sums, key=lambda node: by_id.loc[node.line_id, "row"])
    records = []
    for node in sums:
        row = by_id.loc[node.line_id]
        parts = by_id.loc[[p for p in node.parts if p in by_id.index]]
        record: dict[str, object] = {"line_id": node.line_id, "line": reader_line(row)}
        for column, suffix in (("outcome_prev", "_prev"), ("outcome", "")):
            printed = sum_term(row[column])
            lines = math.fsum(sum_term(value) for value in parts[column])
            terms = sum(not is_missing(value) for value in parts[column])
            record[f"unlined{suffix}"] = printed - lines
            record[f"rounding{suffix}"] = printed != lines and amounts_agree(
                Decimal(str(printed)), Decimal(str(lines)), terms
            )
            record[f"sum{suffix}"] = printed
        records.append({**record, "source": row["source"]})
    return pd.DataFrame.from_records(records, columns=list(_UNLINED_COLUMNS))


def likely_lines(ds: Dataset, report_year: int, result: CheckResult | None) -> dict[str, str]:
    """The line each printed sum's gap in ``report_year`` (column outcome) most likely
    belongs to, as the granskning finds it (:meth:`CheckResult.likely_line`): the sum's
    line_id → that line's reader label (:func:`reader_line`); SUMMA KOSTNADER 2013 →
    Övriga kostnader. Only lines the granskning names as likely (certainty "likely",
    :class:`ksanalys.compute.check.causes.LikelyLine`): where a text claim fits the rows
    too, it cannot say whether a line or the sum is wrong, and no line is named here. Empty
    without a check result or where it names no line."""
    if result is None:
        return {}
    rows = _own_rows(ds, report_year).set_index("line_id")
    found = {}
    for sum_id in rows.index:
        likely = result.likely_line(_TABLE, str(sum_id), "outcome")
        if likely is not None and likely.certainty == "likely" and likely.line.row in rows.index:
            found[str(sum_id)] = reader_line(rows.loc[likely.line.row])
    return found


def result_lines(ds: Dataset, report_year: int) -> list[str]:
    """The line_ids of the lines the printed result adds (through its sums), in printed
    order; empty without a resultaträkning of ``report_year``."""
    rows = _own_rows(ds, report_year)
    total = rows[rows["kind"] == _TOTAL_KIND]
    return [] if total.empty else _walk(rows, str(total["line_id"].iloc[0]))[0]


def _own_rows(ds: Dataset, report_year: int) -> pd.DataFrame:
    table = ds.resultatrakning
    return table[table["report_year"] == report_year].sort_values("row")


def result_bridge(ds: Dataset, report_year: int) -> pd.DataFrame:
    """The steps from the previous year's printed result to this year's, in the order of
    the resultaträkning.

    Columns: kind (:data:`START`, :data:`LINE`, :data:`UNLINED`, :data:`ROUNDING`,
    :data:`END`); line_id; line (as printed; for an unlined or rounding step the sum it
    sits in); value_prev, value (tkr as
    printed; a start row has only value_prev, the previous result, an end row only
    value, this year's result); effect (tkr, on the result: value −
    value_prev for a line or an unlined amount; for start and end the result itself);
    source. A line printed blank or 0 in both years is left out, and so is an unlined or
    rounding step of 0. An unlined step holds a sum's gap beyond rounding, a rounding step
    its gap within the rounding tolerance (see :func:`unlined_sums`). The effects of the
    line, unlined and rounding rows add up exactly to end − start. Empty
    when the data has no resultaträkning of ``report_year`` or no previous-year column.
    """
    rows = _own_rows(ds, report_year)
    total = rows[rows["kind"] == _TOTAL_KIND]
    if total.empty or total["outcome_prev"].isna().all():
        return pd.DataFrame(columns=list(BRIDGE_COLUMNS))
    result = total.iloc[0]
    lines, _ = _walk(rows, str(result["line_id"]))
    by_id = rows.set_index("line_id", drop=False)
    records = [_record(START, result, float(result["outcome_prev"]), math.nan)]
    for line_id in lines:
        row = by_id.loc[line_id]
        before, after = sum_term(row["outcome_prev"]), sum_term(row["outcome"])
        if before == 0 and after == 0:
            continue
        records.append({**_record(LINE, row, before, after), "effect": after - before})
    for _, row in unlined_sums(ds, report_year).iterrows():
        for kind, within in ((UNLINED, False), (ROUNDING, True)):
            before = row["unlined_prev"] if row["rounding_prev"] == within else 0.0
            after = row["unlined"] if row["rounding"] == within else 0.0
            if after != before:
                records.append({**_record(kind, row, before, after), "effect": after - before})
    records.append(_record(END, result, math.nan, float(result["outcome"])))
    frame = pd.DataFrame.from_records(records, columns=list(BRIDGE_COLUMNS))
    return frame.astype({"value_prev": "float64", "value": "float64", "effect": "float64"})


def _record(kind: str, row: pd.Series, before: float, after: float) -> dict:
    """A step; a start row's effect is the previous result, an end row's this year's."""
    effect = after if kind == END else before
    return {
        "kind": kind,
        "line_id": row["line_id"],
        "line": reader_line(row),
        "value_prev": before,
        "value": after,
        "effect": effect,
        "source": row["source"],
    }
