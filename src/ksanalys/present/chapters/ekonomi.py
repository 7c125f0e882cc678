"""Present stage: chapter 02 Ekonomi (result, net cost, budget and forecast, statements)."""

from __future__ import annotations

import math

import pandas as pd

from ksanalys.compute.balance import EQUITY, balance_sheet
from ksanalys.compute.bridge import reader_line
from ksanalys.compute.deviations import pct_disagrees, printed_deviations
from ksanalys.compute.figures import income_statement
from ksanalys.compute.key_figures import KeyFigures
from ksanalys.compute.measures import cost_income_ratio
from ksanalys.compute.net_costs import net_cost_parts
from ksanalys.compute.trends import MIN_TREND_POINTS, TrendFit, fit_trend
from ksanalys.load.schema import DEPARTMENT_LEVEL, UNIT_LEVEL
from ksanalys.present import plots, swedish
from ksanalys.present.chapters.context import Analysis, Section, Text
from ksanalys.present.chapters.economy_sections import (
    deviation_figure,
    section_text,
    source_names,
)
from ksanalys.present.columns import column
from ksanalys.present.plots.policy import ChartRefused
from ksanalys.present.tables import ColumnFormat, display_table, right_aligned
from ksanalys.present.text import balance as balance_text
from ksanalys.present.text import economy
from ksanalys.present.text import net_costs as net_cost_text
from ksanalys.present.text.markup import escape
from ksanalys.present.text.words import capitalize, join_words
from ksanalys.values import is_missing

__all__ = [
    "FEW_TREND_YEARS",
    "MIN_TREND_YEARS",
    "balance_sheet_table",
    "budget_table",
    "deviation_figure",
    "income_statement_table",
    "ki_table",
    "net_cost_figure",
    "net_cost_table",
    "trend_figure",
    "trend_sentence",
    "trend_text",
]


# The report-wide rule (compute.trends): no trend from fewer values.
MIN_TREND_YEARS = MIN_TREND_POINTS


# Below this many years the trend text says it is a direction, not a forecast.
FEW_TREND_YEARS = 6


def _units_and_board(analysis: Analysis) -> list[tuple[str, str]]:
    units = analysis.figures.units
    own = units[units["level"] == UNIT_LEVEL]
    pairs = list(zip(own["unit_id"], own["unit"], strict=True))
    return [*pairs, (analysis.organisation.board_id, str(analysis.figures.total["unit"]))]


def _unit_value(kf: KeyFigures, unit_id: str, column: str) -> float:
    if unit_id == kf.total.get("unit_id"):
        value = kf.total.get(column)
        return math.nan if is_missing(value) else float(value)
    rows = kf.units[kf.units["unit_id"] == unit_id]
    return float(rows[column].iloc[0]) if not rows.empty else math.nan


def net_cost_table(analysis: Analysis) -> object:
    """Net cost per unit (rows) and year (columns), the whole board last."""
    units = _units_and_board(analysis)
    rows = []
    for unit_id, label in units:
        record: dict[object, object] = {"unit": label}
        for year, kf in analysis.key_figures.items():
            record[year] = _unit_value(kf, unit_id, "net_cost")
        record["growth_tkr"] = _unit_value(analysis.figures, unit_id, "growth_tkr")
        record["growth_pct"] = _unit_value(analysis.figures, unit_id, "growth_pct")
        rows.append(record)
    unit_word = analysis.organisation.level_word(UNIT_LEVEL)
    columns: dict[object, ColumnFormat] = {"unit": ColumnFormat(capitalize(unit_word), "text")}
    columns.update({y: ColumnFormat(f"Nettokostnad {y}, tkr", "tkr") for y in analysis.years})
    columns["growth_tkr"] = ColumnFormat(f"Förändring {analysis.year}, tkr", "signed")
    columns["growth_pct"] = ColumnFormat(f"Nettokostnadsutveckling {analysis.year}", "percent")
    return display_table(
        pd.DataFrame(rows),
        columns,
        f"Nettokostnad per {unit_word} {swedish.year_span_of(analysis.years)}",
        strong_rows=[unit_id == analysis.organisation.board_id for unit_id, _ in units],
    )


def net_cost_figure(analysis: Analysis) -> plots.Chart | Section:
    """Net cost per unit over every year of the data up to the analysis's year; nothing
    when the data has fewer years than a line needs (the table shows them)."""
    frames = [kf.units[kf.units["level"] == UNIT_LEVEL] for kf in analysis.key_figures.values()]
    units = pd.concat(frames, ignore_index=True)
    sources = [s for ids in units["source"].dropna() for s in str(ids).split(",")]
    try:
        return plots.net_cost_chart(
            units[["year", "unit", "net_cost"]],
            title=f"Nettokostnad per {analysis.organisation.level_word(UNIT_LEVEL)} "
            f"{swedish.year_span_of(analysis.years)}",
            sources=source_names(analysis.dataset, sources),
        )
    except ChartRefused:
        return Section(())


def budget_table(analysis: Analysis) -> object:
    """Grant, forecast, outcome and deviation per unit and department of the year, as the
    report prints them; the deviation against the forecast is computed."""
    printed = printed_deviations(analysis.dataset, analysis.year)
    if printed.empty:
        return _computed_budget_table(analysis)
    org = analysis.organisation
    wrong = [
        pct_disagrees(shown, computed)
        for shown, computed in zip(
            printed["deviation_pct_printed"], printed["deviation_pct"], strict=True
        )
    ]
    pct_label = column("own_grant_pct_printed").label
    frame = printed.assign(
        unit=[
            f"– {label}" if level == DEPARTMENT_LEVEL else label
            for label, level in zip(printed["unit"], printed["level"], strict=True)
        ],
        pct_cell=[
            economy.printed_pct_cell(shown, computed if bad else None)
            for shown, computed, bad in zip(
                printed["deviation_pct_printed"], printed["deviation_pct"], wrong, strict=True
            )
        ],
    )
    columns = {
        "unit": ColumnFormat(
            f"{capitalize(org.level_word(UNIT_LEVEL))} / {org.level_word(DEPARTMENT_LEVEL)}",
            "text",
        ),
        "grant": column("own_grant"),
        "forecast": column("forecast"),
        "net_cost": column("outcome"),
        "deviation": column("deviation"),
        "pct_cell": ColumnFormat(pct_label, "text"),
        "forecast_deviation": ColumnFormat("Mot prognos, tkr (beräknat)", "signed"),
    }
    styler = right_aligned(
        display_table(
            frame,
            columns,
            f"Budget- och prognosavvikelse {analysis.year} (överskott och utfall bättre än "
            "prognosen positivt)",
            strong_rows=[level != DEPARTMENT_LEVEL for level in frame["level"]],
        ),
        [pct_label],
    )
    disagreements = [
        f"{escape(label)} ({swedish.format_percent_sign(shown)} i tabellen; "
        f"{swedish.format_tkr(deviation, unit=True)} av {swedish.format_tkr(grant, unit=True)} "
        f"är {swedish.format_percent_sign(computed)})"
        for label, shown, computed, deviation, grant, bad in zip(
            printed["unit"],
            printed["deviation_pct_printed"],
            printed["deviation_pct"],
            printed["deviation"],
            printed["grant"],
            wrong,
            strict=True,
        )
        if bad
    ]
    if not disagreements:
        return styler
    return Section((styler, Text(economy.printed_pct_note(join_words(disagreements)))))


def _computed_budget_table(analysis: Analysis) -> object:
    """The budget table from key figures, for a year whose own report is not in the data."""
    kf = analysis.figures
    frame = pd.concat([kf.units, pd.DataFrame([kf.total])], ignore_index=True)
    columns = {
        "unit": ColumnFormat(capitalize(analysis.organisation.level_word(UNIT_LEVEL)), "text"),
        "grant": column("grant"),
        "net_cost": column("outcome"),
        "deviation_tkr": column("deviation"),
    }
    return display_table(
        frame,
        columns,
        f"Budgetavvikelse {analysis.year} (överskott positivt)",
        strong_rows=[level != UNIT_LEVEL for level in frame["level"]],
    )


def income_statement_table(analysis: Analysis) -> Section:
    """The resultaträkning of the year as printed, with its printed budget deviation; each
    row under the label a reader sees (:func:`ksanalys.compute.bridge.reader_line`)."""
    table = analysis.dataset.resultatrakning
    table = table.assign(line=[reader_line(row) for _, row in table.iterrows()])
    own = table[table["report_year"] == analysis.year].sort_values("row")
    if own.empty:
        later = table[table["report_year"] == analysis.year + 1].sort_values("row")
        frame = later.assign(outcome=later["outcome_prev"])
        note = Text(
            f"Resultaträkningen för {analysis.year} finns i data bara som jämförelsekolumn i "
            f"bokslutet för {analysis.year + 1}; budget och föregående år saknas."
        )
        columns = {
            "line": column("line"),
            "outcome": column("outcome_year", analysis.year),
        }
    else:
        frame = own
        net_cost = analysis.figures.total.get("net_cost")
        parts = (
            None
            if is_missing(net_cost)
            else net_cost_parts(analysis.dataset, analysis.year, net_cost)
        )
        note = Text(
            "Kostnader är negativa och budgetavvikelsen positiv när utfallet är bättre än "
            "budget. Där bokslutets summor inte går ihop med raderna redovisas det i "
            f"revisionsbilagan. {net_cost_text.operating_note(parts)}".strip()
        )
        columns = {
            "line": column("line"),
            "outcome_prev": column("outcome_prev", analysis.year),
            "budget": ColumnFormat(f"Budget {analysis.year}, tkr", "tkr"),
            "outcome": column("outcome_year", analysis.year),
            "deviation": column("deviation"),
        }
    styler = display_table(
        frame,
        columns,
        f"Resultaträkning {analysis.year}",
        strong_rows=[kind != "line" for kind in frame["kind"]],
        heading_rows=[kind == "header" for kind in frame["kind"]],
    )
    return Section((styler, note))


def balance_sheet_table(analysis: Analysis) -> Section:
    """The balansräkning at year end with the change during the year (computed) and the
    equity lines' sum (computed, :func:`ksanalys.compute.balance.balance_sheet`)."""
    year = analysis.year
    own = balance_sheet(analysis.dataset, year)
    if own.empty:
        frame = balance_sheet(analysis.dataset, year + 1, column="balance_prev")
        note = Text(
            f"Balansräkningen per 31/12 {year} finns i data bara som jämförelsekolumn "
            f"i bokslutet för {year + 1}."
        )
        columns = {
            "line": column("line"),
            "balance": ColumnFormat(f"31/12 {year}, tkr", "tkr"),
        }
    else:
        frame = own
        equity_lines = own["kind"] == "line"
        equity_lines &= own.index < own.index[own["kind"] == "computed"].min()
        equity_lines &= own.index > own.index[own["line_id"] == EQUITY].min()
        note = Text(
            balance_text.balance_table_note(
                list(own.loc[own["blank_counted"].astype(bool), "line"]),
                list(own.loc[equity_lines, "line"]),
            )
        )
        columns = {
            "line": column("line"),
            "balance_prev": ColumnFormat(f"31/12 {year - 1}, tkr", "tkr"),
            "balance": ColumnFormat(f"31/12 {year}, tkr", "tkr"),
            "change": column("change"),
        }
    frame = frame.assign(
        line=[
            balance_text.EQUITY_SUM_LABEL if kind == "computed" else line
            for line, kind in zip(frame["line"], frame["kind"], strict=True)
        ]
    )
    styler = display_table(
        frame,
        columns,
        f"Balansräkning {year}",
        strong_rows=[kind != "line" for kind in frame["kind"]],
        heading_rows=[kind == "header" for kind in frame["kind"]],
    )
    return Section((styler, note))


def ki_table(analysis: Analysis) -> Section:
    """K/I-tal per year: total costs / (income + grant), from the resultaträkning, and how
    to read it."""
    statement = income_statement(analysis.dataset)
    statement = statement[statement["year"] <= analysis.year]
    frame = statement.assign(
        year=statement["year"].astype("str"),
        ki=cost_income_ratio(statement["costs"], statement["income"], statement["grant"]),
    )
    columns = {
        "year": ColumnFormat("År", "text"),
        "costs": ColumnFormat("Kostnader totalt, tkr", "tkr"),
        "income": ColumnFormat("Intäkter totalt, tkr", "tkr"),
        "grant": column("grant"),
        "ki": column("ki"),
    }
    table = display_table(frame, columns, "K/I-tal = kostnader / (intäkter + kommunbidrag)")
    return Section((table, Text(net_cost_text.ki_sentence())))


def _board_series(analysis: Analysis) -> pd.DataFrame:
    frame = pd.DataFrame(
        {
            "year": list(analysis.key_figures),
            "value": [kf.total["net_cost"] for kf in analysis.key_figures.values()],
        }
    )
    return frame.dropna().astype({"year": "int64", "value": "float64"})


def trend_text(analysis: Analysis) -> Text | Section:
    """The board's net-cost trend under its own heading; nothing (no heading either) when
    the data has fewer years than a trend needs (:data:`MIN_TREND_YEARS`)."""
    series = _board_series(analysis)
    if len(series) < MIN_TREND_YEARS:
        return Section(())
    genitive = analysis.organisation.board.genitive
    return section_text("trend", trend_sentence(fit_trend(series), analysis.year + 1, genitive))


def trend_sentence(fit: TrendFit, year: int, genitive: str) -> str:
    """The board's net-cost trend ``fit`` (tkr) in words, with its projection for ``year``
    (``genitive``: the board's name, "nämndens").

    A slope that rounds to 0 tkr a year is "i stort sett oförändrad"; the projection and
    its interval keep their signs; fewer than :data:`FEW_TREND_YEARS` years add a caveat.
    """
    if abs(fit.slope) < 0.5:  # shows as "0 tkr"
        direction = "är i stort sett oförändrad"
    else:
        word = "ökar" if fit.slope > 0 else "minskar"
        direction = f"{word} med {economy.amount(fit.slope)} per år"
    ahead = fit.project(year)
    text = (
        f"En linjär trend över {swedish.year_span_of(fit.fitted['year'])} ({fit.n} år) visar att "
        f"{genitive} nettokostnad {direction}. Trenden pekar mot "
        f"{economy.signed_amount(ahead.value)} {ahead.year}"
    )
    if ahead.has_interval and ahead.low is not None and ahead.high is not None:
        text += (
            f", med 95 procents prognosintervall från {economy.signed_amount(ahead.low)} "
            f"till {economy.signed_amount(ahead.high)}"
        )
    text += "."
    if fit.n < FEW_TREND_YEARS:
        text += (
            f" Med bara {fit.n} år är trenden osäker och ska läsas som en riktning, inte som "
            "en prognos."
        )
    return text


def trend_figure(analysis: Analysis) -> plots.Chart | Section:
    """The board's net cost with its trend and projection band; nothing when the data has
    fewer years than a trend needs (:data:`MIN_TREND_YEARS`)."""
    series = _board_series(analysis)
    if len(series) < MIN_TREND_YEARS:
        return Section(())  # trend_text says why
    fit = fit_trend(series)
    fitted = fit.fitted.rename(columns={"value": "observed", "fitted": "value"})
    ahead = fit.project(analysis.year + 1)
    projection = pd.concat(
        [
            fitted[["year", "value", "low", "high"]],
            pd.DataFrame(
                {
                    "year": [ahead.year],
                    "value": [ahead.value],
                    "low": [ahead.low],
                    "high": [ahead.high],
                }
            ),
        ],
        ignore_index=True,
    )
    return plots.indicator_chart(
        series,
        title=f"{capitalize(analysis.organisation.board.genitive)} nettokostnad "
        f"{swedish.year_span_of(series['year'])} med trend",
        unit="tkr",
        projection=projection,
    )


# ---------------------------------------------------------------- 03 personal och mål
