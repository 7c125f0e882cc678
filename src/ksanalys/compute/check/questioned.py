"""Compute stage: the indicator values the granskning questions, as records other stages use.

Two kinds (``verdict``):

``wrong``
    A claim of the report's text (data/claims.csv) that restates one indicator value
    (``restates`` "indicator:<indicator>:<scope>:<year>") and fails its check: the printing
    is wrong and ``right`` is the value the checks give (the text's 4,55 procent for the
    office's sick leave 2013, where the table and the stated change give 4,54).
``doubtful``
    A statement pair held against a figure (data/statement_pairs.csv, ``against`` figure)
    that stands: the words and the figures disagree and no check decides which is wrong
    ("minskat marginellt" for 1,13 → 0,09 procent). One record per indicator value of the
    pair's own report year that the figure is computed from (the 0,09), ``right`` None.

The goals (:mod:`ksanalys.compute.goals`) judge a goal on the right printing when a
``wrong`` record settles which of two printings holds; the personnel table marks the
values with a record. Codes and numbers only; the words are in :mod:`ksanalys.present.text`.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from ksanalys.compute.check import check_year
from ksanalys.compute.check.evaluate import CheckResult
from ksanalys.compute.check.expressions import Indicator
from ksanalys.compute.check.statements import check_statements
from ksanalys.load import Dataset

__all__ = ["QuestionedValue", "questioned_values", "report_questioned", "year_pairs"]

_RESTATES_VALUE = "indicator"


@dataclass(frozen=True)
class QuestionedValue:
    """One indicator value the granskning questions (see the module docstring)."""

    indicator: str
    scope: str
    year: int
    printed: float
    verdict: str  # "wrong" or "doubtful"
    right: float | None
    source: str  # the claim_id or pair_id it comes from


def questioned_values(
    result: CheckResult | None, pairs: pd.DataFrame | None = None
) -> tuple[QuestionedValue, ...]:
    """The values the check of one report questions: its failing claims that restate an
    indicator value (``wrong``), then the statement pairs of ``pairs`` (that report year's
    rows of statement_pairs.csv) held against a figure that stand (``doubtful``). Nothing
    for a year without its own report (``result`` None)."""
    if result is None:
        return ()
    found = [q for f in result.records if (q := _wrong(f)) is not None]
    if pairs is not None and not pairs.empty and "against" in pairs.columns:
        figures = pairs.loc[pairs["against"] == "figure"]
        if not figures.empty:
            checked = check_statements(figures, result.printed)
            found.extend(
                _doubtful(ref, value, str(record["pair_id"]))
                for record in checked.to_dict("records")
                if record["stands"]
                for ref, value in record["inputs"]
                if ref.year == result.year
            )
    return tuple(dict.fromkeys(found))


def _doubtful(ref: Indicator, value: object, pair_id: str) -> QuestionedValue:
    return QuestionedValue(ref.indicator, ref.scope, ref.year, float(str(value)), "doubtful",
                           None, pair_id)  # fmt: skip


def _wrong(finding) -> QuestionedValue | None:
    check = finding.check
    parts = check.restates.split(":")
    if check.rule != "claim" or len(parts) < 4 or parts[0] != _RESTATES_VALUE:
        return None
    if not isinstance(check.expression, Indicator) or finding.computed is None:
        return None
    ref = check.expression
    return QuestionedValue(
        ref.indicator, ref.scope, ref.year, float(check.printed), "wrong",
        float(finding.computed), check.target.row,
    )  # fmt: skip


def year_pairs(ds: Dataset, year: int) -> pd.DataFrame | None:
    """The rows of statement_pairs.csv of report ``year`` (None when the data has none)."""
    table = ds.tables.get("statement_pairs")
    return None if table is None else table[table["report_year"] == year]


def report_questioned(ds: Dataset, year: int) -> tuple[QuestionedValue, ...]:
    """:func:`questioned_values` of the check of ``year``'s own report (none without one)."""
    result = check_year(ds, year) if year in ds.report_years else None
    return questioned_values(result, year_pairs(ds, year))
