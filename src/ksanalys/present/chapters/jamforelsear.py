"""Present stage: the page of a year without a bokslut of its own (a comparison year).

Such a year (2012 in the shipped data) exists only as the comparison column of a later
report. ``ksanalys report`` gives it this one short page instead of the chapters of a
bokslut it does not have (see :mod:`ksanalys.run.parameters`): what exists for the year,
the report that holds it, and its key figures as that report prints them.
"""

from __future__ import annotations

import math

import pandas as pd

from ksanalys.compute.coverage import holding_report, report_document, year_coverage
from ksanalys.compute.derived import unit_results
from ksanalys.compute.deviations import UNIT_LEVEL
from ksanalys.compute.figures import income_statement
from ksanalys.present.chapters.context import Analysis, Section, Text
from ksanalys.present.columns import column
from ksanalys.present.tables import ColumnFormat, display_table, quantity_cell
from ksanalys.present.text.comparison import comparison_year_sentences, derived_result_label
from ksanalys.present.text.words import paragraph
from ksanalys.values import is_missing

__all__ = ["comparison_year"]


def comparison_year(analysis: Analysis) -> object:
    """What exists for the year, where it comes from, and its key figures."""
    ds, year = analysis.dataset, analysis.year
    report = holding_report(ds, year)
    document = report_document(ds, report) if report is not None else None
    sentences = comparison_year_sentences(year, report, document, year_coverage(ds, year))
    items: list[object] = [Text(paragraph(sentences))]
    table = _figures_table(analysis, report)
    if table is not None:
        items.append(table)
    return Section(tuple(items))


def _figures_table(analysis: Analysis, report: int | None) -> object | None:
    """The year's key figures as the holding report prints them."""
    year = analysis.year
    figures = analysis.key_figures.get(year)
    if figures is None:
        return None
    total = figures.total
    printed = income_statement(analysis.dataset).set_index("year")["result"]
    result = printed.get(year, math.nan)
    if is_missing(result):
        result = total.get("deviation_tkr")
    grant = total.get("grant")
    rows = [
        ("Nettokostnad", quantity_cell(total.get("net_cost"), "tkr", 0)),
        ("Kommunbidrag", quantity_cell(grant, "tkr", 0)),
        ("Resultat (överskott positivt)", quantity_cell(result, "tkr", 0)),
    ]
    if not is_missing(grant) and grant and not is_missing(result):
        rows.append(
            (
                column("result_share_of_grant").label,
                quantity_cell(100 * result / grant, "procent", 1),
            )
        )
    ki = figures.ratios.get("ki")
    if not is_missing(ki):
        rows.append((column("ki").label, quantity_cell(ki, "kvot", 2)))
    units = figures.units
    for label, value in zip(units["unit"], units["net_cost"], strict=True):
        if not is_missing(value):
            rows.append((f"Nettokostnad, {label}", quantity_cell(value, "tkr", 0)))
    if report is not None:
        derived = unit_results(analysis.dataset, report)
        derived = derived[(derived["level"] == UNIT_LEVEL) & derived["result_prev"].notna()]
        for label, value in zip(derived["unit"], derived["result_prev"], strict=True):
            rows.append((derived_result_label(label), quantity_cell(value, "tkr", 0)))
    frame = pd.DataFrame(rows, columns=["what", "value"])
    columns = {
        "what": ColumnFormat("Uppgift", "text"),
        "value": ColumnFormat(str(year), "text"),
    }
    where = f" ur bokslutet för {report}" if report is not None else ""
    return display_table(frame, columns, f"Tal för {year}{where}")
