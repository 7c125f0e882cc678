"""Compute stage: what the data holds for a fiscal year without a bokslut of its own.

A year that the data covers only as the comparison column of a later report (2012 in the
shipped data) has printed figures but no report: no goals, assessments, explanations or
text claims of its own. :func:`year_coverage` says what there is, as codes and counts;
:func:`holding_report` which report holds it and :func:`report_document` that report's
document (title and date as data gives them). The words are in
:mod:`ksanalys.present.text.comparison`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import pandas as pd

from ksanalys.compute.check.rules import PREVIOUS_COLUMNS
from ksanalys.load import Dataset

__all__ = [
    "COVERAGE_COLUMNS",
    "ReportDocument",
    "holding_report",
    "holding_year",
    "report_document",
    "year_coverage",
]

COVERAGE_COLUMNS = ("table", "column", "report_year", "values")


@dataclass(frozen=True)
class ReportDocument:
    """The document of a report year as documents.csv describes it (text is data)."""

    document: str
    title: str
    date: str


def holding_report(ds: Dataset, year: int) -> int | None:
    """The first report in the data that prints ``year`` as its comparison column."""
    return holding_year(ds.report_years, year)


def holding_year(report_years: Sequence[int], year: int) -> int | None:
    """The first of ``report_years`` (the years with a bokslut of their own) that prints
    ``year`` as its comparison column: the next year's."""
    return next((r for r in report_years if r > year and r - 1 == year), None)


def year_coverage(ds: Dataset, year: int) -> pd.DataFrame:
    """The printed figures for ``year`` in the comparison columns of the holding report:
    one row per (table, column) with the number of filled cells, then one row for the
    indicators (table "indicators", column "", the number of distinct indicators with a
    value for the year). Columns :data:`COVERAGE_COLUMNS`; empty when nothing is held."""
    rows: list[dict] = []
    report = holding_report(ds, year)
    if report is not None:
        for table, pairs in PREVIOUS_COLUMNS.items():
            frame = ds.tables.get(table)
            if frame is None:
                continue
            printed = frame[frame["report_year"] == report]
            for previous, _ in pairs:
                values = int(printed[previous].notna().sum())
                if values:
                    rows.append(
                        {
                            "table": table,
                            "column": previous,
                            "report_year": report,
                            "values": values,
                        }
                    )
    indicators = ds.tables.get("indicators")
    if indicators is not None:
        count = int(indicators.loc[indicators["year"] == year, "indicator"].nunique())
        if count:
            rows.append(
                {"table": "indicators", "column": "", "report_year": report, "values": count}
            )
    return pd.DataFrame(rows, columns=list(COVERAGE_COLUMNS))


def report_document(ds: Dataset, report_year: int) -> ReportDocument | None:
    """The document that published report ``report_year``'s resultaträkning."""
    statement = ds.tables["resultatrakning"]
    sources = statement.loc[statement["report_year"] == report_year, "source"]
    if sources.empty:
        return None
    source_table = ds.tables["sources"].set_index("source")
    document = str(source_table.loc[str(sources.iloc[0]), "document"])
    row = ds.tables["documents"].set_index("document").loc[document]
    date = row["date"] if isinstance(row["date"], str) else ""
    return ReportDocument(document, str(row["title"]), date)
