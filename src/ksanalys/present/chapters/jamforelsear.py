"""Present stage: the page of a year without a bokslut of its own (a comparison year).

Such a year (2012 in the shipped data) exists only as the comparison column of a later
report. ``ksanalys report`` gives it this one short page instead of the chapters of a
bokslut it does not have (see :mod:`ksanalys.run.parameters`): what exists for the year,
the report that holds it, a printed sum of the year that does not add up (from
:func:`ksanalys.compute.bridge.unlined_sums`, the check's rounding rule), and its key
figures as that report prints them: the economy, the units' results calculated from the
balance sheet, the investments' result and the personnel indicators (indicator_meta's
``personnel``) the data has for the year.
"""

from __future__ import annotations

import math

import pandas as pd

from ksanalys.compute.bridge import unlined_sums
from ksanalys.compute.costs import INVESTMENT_RESULT, indicator_value
from ksanalys.compute.coverage import holding_report, report_document, year_coverage
from ksanalys.compute.derived import unit_results, values_from_changes
from ksanalys.compute.deviations import UNIT_LEVEL
from ksanalys.compute.figures import income_statement
from ksanalys.load import Dataset
from ksanalys.present.chapters.context import Analysis, Section, Text
from ksanalys.present.columns import column
from ksanalys.present.tables import ColumnFormat, display_table, quantity_cell, right_aligned
from ksanalys.present.text.comparison import (
    BASIS_HEADING,
    comparison_year_sentences,
    derived_note,
    derived_result_label,
    held_indicators,
    investment_row,
    table_holds_sentence,
    unlined_sentence,
    year_summary,
)
from ksanalys.present.text.indicators import derived_cell
from ksanalys.present.text.words import paragraph
from ksanalys.values import decimals_of, is_missing

__all__ = ["comparison_year"]


def comparison_year(analysis: Analysis) -> object:
    """What exists for the year, where it comes from, and its key figures."""
    ds, year = analysis.dataset, analysis.year
    report = holding_report(ds, year)
    document = report_document(ds, report) if report is not None else None
    table, derived, shown = _figures_table(analysis, report)
    coverage = year_coverage(ds, year)
    sentences = comparison_year_sentences(year, report, document, coverage)
    if report is not None:
        values, indicators = shown or (0, 0)
        held = held_indicators(coverage) + _calculated_only(ds, year)
        sentences.append(table_holds_sentence(year, report, values, indicators, held))
    if report is not None:
        gaps = unlined_sums(ds, report)
        gaps = gaps[(gaps["unlined_prev"] != 0) & ~gaps["rounding_prev"].astype(bool)]
        sentences += [
            unlined_sentence(year, report, str(r.line), float(r.unlined_prev))
            for r in gaps.itertuples()
        ]
    result, grant, ki = _economy(analysis)
    summary = year_summary(year, analysis.organisation.board.name, result, grant, ki)
    items: list[object] = [Text("\n\n".join(p for p in (summary, paragraph(sentences)) if p))]
    if table is not None:
        items.append(table)
    changes = values_from_changes(ds)
    from_change = bool((changes["year"] == year).any())
    if (derived or from_change) and report is not None:
        items.append(Text(derived_note(year, report, units=derived, from_change=from_change)))
    return Section(tuple(items))


def _economy(analysis: Analysis) -> tuple[float, float, float]:
    """The year's result (tkr, surplus positive; as the resultaträkning prints it, else
    the budget deviation), kommunbidrag (tkr) and K/I-tal; NaN where the data has none."""
    figures = analysis.key_figures.get(analysis.year)
    if figures is None:
        return math.nan, math.nan, math.nan
    printed = income_statement(analysis.dataset).set_index("year")["result"]
    result = printed.get(analysis.year, math.nan)
    if is_missing(result):
        result = figures.total.get("deviation_tkr")
    grant, ki = figures.total.get("grant"), figures.ratios.get("ki")
    return tuple(math.nan if is_missing(v) else float(v) for v in (result, grant, ki))  # type: ignore[return-value]


def _figures_table(
    analysis: Analysis, report: int | None
) -> tuple[object | None, bool, tuple[int, int] | None]:
    """The year's key figures as the holding report prints them, whether a row is
    calculated from them, and (values, indicators) of the nyckeltal the table shows."""
    year = analysis.year
    figures = analysis.key_figures.get(year)
    if figures is None:
        return None, False, None
    total = figures.total
    result, grant, ki = _economy(analysis)
    rows = [
        ("Nettokostnad", quantity_cell(total.get("net_cost"), "tkr", 0), ""),
        ("Kommunbidrag", quantity_cell(grant, "tkr", 0), ""),
        ("Resultat (överskott positivt)", quantity_cell(result, "tkr", 0), ""),
    ]
    if not is_missing(grant) and grant and not is_missing(result):
        rows.append(
            (
                column("result_share_of_grant").label,
                quantity_cell(100 * result / grant, "procent", 1),
                "",
            )
        )
    if not is_missing(ki):
        rows.append((column("ki").label, quantity_cell(ki, "kvot", 2), ""))
    units = figures.units
    for label, value in zip(units["unit"], units["net_cost"], strict=True):
        if not is_missing(value):
            rows.append((f"Nettokostnad, {label}", quantity_cell(value, "tkr", 0), ""))
    derived = pd.DataFrame()
    if report is not None:
        derived = unit_results(analysis.dataset, report)
        derived = derived[(derived["level"] == UNIT_LEVEL) & derived["result_prev"].notna()]
        for r in derived.itertuples():
            others = [str(u) for u in derived["unit"] if u != r.unit]
            label = derived_result_label(str(r.unit), str(r.how_prev), others)
            rows.append((label, _tkr(r.result_prev), ""))
    indicator_rows, shown = _indicator_rows(analysis)
    rows += indicator_rows
    frame = pd.DataFrame(rows, columns=["what", "value", "basis"])
    columns = {
        "what": ColumnFormat("Uppgift", "text"),
        "value": ColumnFormat(str(year), "text"),
    }
    if frame["basis"].astype(bool).any():
        columns["basis"] = ColumnFormat(BASIS_HEADING, "text")
    else:
        frame = frame.drop(columns="basis")
    where = f" ur bokslutet för {report}" if report is not None else ""
    table = display_table(frame, columns, f"Tal för {year}{where}")
    return right_aligned(table, [str(year)]), not derived.empty, shown


def _tkr(value: object) -> str:
    return quantity_cell(value, "tkr", 0)


def _calculated_only(ds: Dataset, year: int) -> int:
    """The indicators the year has only as a value calculated from a later printed change
    (:func:`ksanalys.compute.derived.values_from_changes`), which the table shows too."""
    changes = values_from_changes(ds)
    held = set(ds.indicators.loc[ds.indicators["year"] == year, "indicator"])
    return len(set(changes.loc[changes["year"] == year, "indicator"]) - held)


def _indicator_rows(analysis: Analysis) -> tuple[list[tuple[str, str, str]], tuple[int, int]]:
    """The investments' result of the board and every indicator the data holds for the year
    (the personnel indicators first, a term's value with its term), as (label, value with
    its unit, basis), labels from indicator_meta and the organisation; the basis only for
    an indicator whose basis differs between years in the data (so the reader sees what
    the year's figure counts: "helårsstudenter"); and (values, indicators) shown."""
    ds, year, organisation = analysis.dataset, analysis.year, analysis.organisation
    meta = ds.tables["indicator_meta"].set_index("indicator")
    rows = []
    shown = 0
    investments = indicator_value(ds, INVESTMENT_RESULT, organisation.board_id, year)
    if not is_missing(investments) and INVESTMENT_RESULT in meta.index:
        unit = str(meta.loc[INVESTMENT_RESULT, "unit"])
        rows.append((*investment_row(float(investments), unit, decimals_of(investments)), ""))
        shown += 1
    table = ds.indicators
    bases = table["basis"].fillna("").astype(str).groupby(table["indicator"]).nunique()
    changes = values_from_changes(ds)
    changes = changes[changes["year"] == year].assign(basis="")
    chosen = pd.concat(
        [
            table[
                (table["year"] == year)
                & (table["indicator"] != INVESTMENT_RESULT)
                & table["indicator"].isin(meta.index)
            ].drop_duplicates(["indicator", "scope", "period"]),
            changes.assign(period=changes["period"].replace("", None)),
        ],
        ignore_index=True,
    )
    personnel = meta["personnel"].fillna(0).astype(bool)
    chosen = chosen.assign(_first=~chosen["indicator"].map(personnel)).sort_values(
        "_first", kind="stable"
    )
    for r in chosen.itertuples():
        label = f"{meta.loc[r.indicator, 'label']}, {organisation.scope_name(str(r.scope))}"
        if not is_missing(r.period):
            label += f" ({r.period})"
        basis = str(r.basis) if bases.get(r.indicator, 0) > 1 and not is_missing(r.basis) else ""
        cell = quantity_cell(r.value, str(r.unit), decimals_of(r.value))
        if "now" in chosen.columns and not is_missing(r.now):
            cell = derived_cell(cell, r.now, r.change, decimals_of(r.value))
        rows.append((label, cell, basis))
    return rows, (len(rows), shown + int(chosen["indicator"].nunique()))
