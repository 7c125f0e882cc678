"""Compute stage: why the board has two net costs in one report.

The key figures' Nettokostnad (net_cost.csv, the report's "Verksamheten har totalt kostat")
is the resultaträkning's Verksamhetens nettokostnad with the financial lines below it
(räntenetto and förmedlingsbidrag) added: :func:`net_cost_parts` returns both with the
lines between them, and whether they add up to the printed figure within rounding.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from decimal import Decimal

from ksanalys.compute.bridge import reader_line
from ksanalys.compute.check.tolerance import amounts_agree
from ksanalys.load import Dataset
from ksanalys.values import is_missing

__all__ = ["FINANCIAL_LINES", "OPERATING_LINE", "NetCostParts", "net_cost_parts"]

OPERATING_LINE = "verksamhetens_nettokostnad"
FINANCIAL_LINES = ("rantenetto", "formedlingsbidrag")


@dataclass(frozen=True)
class NetCostParts:
    """The year's two net costs (tkr, costs positive): ``net_cost`` (the key figures'),
    ``operating`` (the resultaträkning's Verksamhetens nettokostnad), the ``lines`` between
    them ((label as a reader sees it, cost in tkr), a blank line counted as 0), ``gap``
    (net_cost − operating − lines) and whether the gap is ``rounding`` of the printed
    figures."""

    net_cost: float
    operating: float
    operating_label: str
    lines: tuple[tuple[str, float], ...]
    gap: float
    rounding: bool


def net_cost_parts(ds: Dataset, year: int, net_cost: float) -> NetCostParts | None:
    """The two net costs of ``year``'s own report (``net_cost``: the key figures' value,
    tkr); None where the report prints no resultaträkning or the two are the same."""
    table = ds.tables["resultatrakning"]
    rows = table[table["report_year"] == year].set_index("line_id", drop=False)
    if is_missing(net_cost) or OPERATING_LINE not in rows.index:
        return None
    operating_row = rows.loc[OPERATING_LINE]
    if is_missing(operating_row["outcome"]):
        return None
    operating = -float(operating_row["outcome"])
    lines = tuple(
        (
            reader_line(rows.loc[line_id]),
            0.0
            if is_missing(rows.loc[line_id, "outcome"])
            else 0.0 - float(rows.loc[line_id, "outcome"]),
        )
        for line_id in FINANCIAL_LINES
        if line_id in rows.index
    )
    if math.isclose(operating, float(net_cost)):
        return None
    gap = float(net_cost) - operating - math.fsum(value for _, value in lines)
    rounding = amounts_agree(Decimal(str(net_cost)), Decimal(str(net_cost - gap)), len(lines) + 1)
    return NetCostParts(
        float(net_cost), operating, reader_line(operating_row), lines, gap, rounding
    )
