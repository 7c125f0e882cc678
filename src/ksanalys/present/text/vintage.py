"""Present stage: vintages in Swedish: revised figures and restatements (omräkningar).

Input frames are those of :mod:`ksanalys.compute.revisions` (columns kind, table, row,
label, column, year, earlier, later, difference, earlier_document, later_document).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

import pandas as pd

from ksanalys.present import swedish
from ksanalys.present.columns import PRINTED
from ksanalys.present.text.markup import escape
from ksanalys.values import decimals_needed

__all__ = [
    "TABLE_NAMES",
    "restatement_line",
    "restatements_text",
    "revised_text",
]

# The tables whose figures a later report may restate.
TABLE_NAMES = {
    **{table: PRINTED[table].name for table in ("resultatrakning", "balansrakning", "net_cost")},
    "indicators": "Indikatorer",
}


def _amount(value: float) -> str:
    return swedish.format_tkr(value, unit=True)


def restatement_line(row: dict) -> str:
    """One restatement of a figure for year Y: "Nettokostnadsutveckling, Politisk ledning,
    2013: 66 900 tkr i bokslutet för 2014 mot 66 857 tkr i bokslutet för 2013 (omräknat
    +43 tkr)." (the report for Y + 1 restates what the report for Y printed)."""
    where = f"{TABLE_NAMES.get(row['table'], row['table'])}, {escape(row['label'])}"
    year = int(row["year"])
    return (
        f"{where}, {year}: {_amount(row['later'])} i bokslutet för {year + 1} "
        f"mot {_amount(row['earlier'])} i bokslutet för {year} "
        f"(omräknat {swedish.format_signed(row['difference'])} tkr)."
    )


def restatements_text(frame: pd.DataFrame, report_year: int) -> str:
    """Markdown for Granskning: the restatements of report ``report_year``, or "" if none."""
    if frame.empty:
        return ""
    count = len(frame)
    figures = "ett tal" if count == 1 else f"{count} tal"
    lines = [
        f"**Omräkningar.** Rapporten för {report_year} trycker {figures} för {report_year - 1} "
        f"som skiljer sig från rapporten för {report_year - 1}. Det är omräkningar i den "
        "senare rapporten, inte fel i någon av dem; tomma celler jämförs inte.",
        "",
        *(f"- {restatement_line(r)}" for r in frame.to_dict("records")),
    ]
    return "\n".join(lines)


def _revision_line(
    row: dict, documents: Mapping[str, str], scope_name: Callable[[str], str]
) -> str:
    """One figure published later: its label and scope as a reader knows them, the
    document that published it by its title (never an id)."""
    if row["kind"] == "restatement":
        return restatement_line(row)
    period = f" ({escape(row['column'])})" if row["column"] else ""
    scope = scope_name(str(row["row"]).split("/")[-1])
    document = documents.get(str(row["later_document"]), "en senare källa")
    return (
        f"{escape(row['label'])} ({escape(scope)}) {row['year']}{period}: "
        f"{swedish.format_quantity(row['later'], row['unit'], decimals_needed([row['later']]))} "
        f"publicerat senare i {escape(document)}."
    )


def revised_text(
    frame: pd.DataFrame,
    year: int,
    documents: Mapping[str, str] | None = None,
    scope_name: Callable[[str], str] | None = None,
) -> str:
    """Markdown under a chapter heading of a revised report: every figure that differs from
    the report on ``year`` as first published (``documents``: document id → title;
    ``scope_name``: a scope's name for a reader)."""
    if frame.empty:
        return (
            f"**Reviderad analys.** Inget tal för {year} eller tidigare skiljer sig från "
            "bokslutet som det först publicerades."
        )
    count = len(frame)
    figures = "Ett tal skiljer" if count == 1 else f"{count} tal skiljer"
    lines = [
        f"**Reviderad analys.** Senast publicerade värden används. {figures} sig från "
        f"bokslutet för {year} som det först publicerades:",
        "",
        *(
            f"- {_revision_line(r, documents or {}, scope_name or _plain)}"
            for r in frame.to_dict("records")
        ),
    ]
    return "\n".join(lines)


def _plain(scope: str) -> str:
    return scope.replace("_", " ")
