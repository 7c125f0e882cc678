"""Present stage: chapter 03 Personal och mål (personnel indicators, KF-mål, areas, GEH)."""

from __future__ import annotations

import pandas as pd

from ksanalys.compute.goals import goal_series
from ksanalys.present import plots
from ksanalys.present.chapters.context import (
    SCOPE_LABELS,
    Analysis,
    Section,
    Text,
    _present,
    _right_aligned,
    _scope_label,
    _table_value,
)
from ksanalys.present.tables import ColumnFormat, display_table
from ksanalys.present.text import goals as goals_text
from ksanalys.present.text import indicators
from ksanalys.present.text.goal_rows import goal_rows
from ksanalys.present.text.words import join_words, paragraph

__all__ = [
    "PERSONNEL_INDICATORS",
    "area_table",
    "assessment_text",
    "geh_table",
    "goal_figures",
    "goal_tables",
    "personnel_table",
    "personnel_text",
]


# The personnel indicators of chapter 3, in the order they are shown.
PERSONNEL_INDICATORS = (
    "sjukfranvaro",
    "attraktiv_arbetsgivare",
    "utlandsk_bakgrund_anstallda",
    "utlandsk_bakgrund_chefer",
    "utlandsk_bakgrund_specialister",
    "kvinnors_medianlon_andel",
)


def _personnel_values(analysis: Analysis) -> pd.DataFrame:
    """One row per personnel indicator series and year up to the analysis's year."""
    indicators = analysis.dataset.indicators
    rows = indicators[
        indicators["indicator"].isin(PERSONNEL_INDICATORS) & (indicators["year"] <= analysis.year)
    ]
    # Several values in one year (e.g. "1 april", "31 december"): the last one printed.
    rows = rows.drop_duplicates(["indicator", "scope", "year"], keep="last")
    meta = analysis.dataset.indicator_meta.set_index("indicator")
    order = {name: i for i, name in enumerate(PERSONNEL_INDICATORS)}
    scopes = {name: i for i, name in enumerate(SCOPE_LABELS)}
    frame = rows.assign(
        label=rows["indicator"].map(meta["label"]),
        scope_label=rows["scope"].map(_scope_label),
        _order=rows["indicator"].map(order),
        _scope=rows["scope"].map(lambda scope: scopes.get(scope, len(scopes))),
    )
    frame = frame.sort_values(["_order", "_scope", "scope", "year"], kind="stable")
    return frame.drop(columns=["_order", "_scope"]).reset_index(drop=True)


def personnel_text(analysis: Analysis) -> Text:
    """The personnel indicators of the year beside their previous value."""
    values = _personnel_values(analysis)
    if values.empty:
        return Text(f"Data innehåller inga personalindikatorer till och med {analysis.year}.")
    sentences = indicators.indicator_story(values, analysis.year, analysis.printed(analysis.year))
    return Text("\n".join(f"- {s}" for s in sentences))


def personnel_table(analysis: Analysis) -> object:
    """The personnel indicators by year (columns), one row per indicator and scope, each
    value with the decimals its series is given with."""
    values = _personnel_values(analysis)
    years = sorted(int(y) for y in values["year"].unique())
    rows = []
    for _, series in values.groupby(["indicator", "scope"], sort=False):
        first = series.iloc[0]
        decimals = indicators.decimals_of(series["value"])
        row = {"label": first["label"], "scope_label": first["scope_label"]}
        by_year = dict(zip(series["year"], series["value"], strict=True))
        for year in years:
            value = by_year.get(year)
            row[year] = _table_value(value, str(first["unit"]), decimals)
        rows.append(row)
    columns = {
        "label": ColumnFormat("Indikator", "text"),
        "scope_label": ColumnFormat("Avser", "text"),
    }
    columns.update({y: ColumnFormat(str(y), "text") for y in years})
    styler = display_table(
        pd.DataFrame(rows, columns=["label", "scope_label", *years]),
        columns,
        f"Personalindikatorer till och med {analysis.year} (– = uppgift saknas)",
    )
    return _right_aligned(styler, [str(y) for y in years])


_GOAL_COLUMNS = {
    "number": ColumnFormat("Nr", "number"),
    "goal": ColumnFormat("Mål", "text"),
    "evidence": ColumnFormat("Underlag", "text"),
    "status_label": ColumnFormat("Beräknad status", "text"),
    "report_assessment": ColumnFormat("Rapportens bedömning", "text"),
    "agreement_label": ColumnFormat("Jämförelse", "text"),
}


def goal_tables(analysis: Analysis) -> Section:
    """One table per goal area: the computed status beside the bokslut's assessment."""
    goals = goal_rows(analysis.goals)
    if goals.empty:
        return Section((Text(f"Data innehåller inga KF-mål för {analysis.year}."),))
    items: list = []
    for area, rows in goals.groupby("area", sort=False):
        items.append(Text(f"### {area}"))
        items.append(display_table(rows, _GOAL_COLUMNS, f"{area}: mål {analysis.year}"))
        notes = [
            f"- Mål {number}: {note}"
            for number, note in zip(rows["number"], rows["agreement_note"], strict=True)
            if note
        ]
        if notes:
            items.append(Text("\n".join(notes)))
    return Section(tuple(items))


def goal_figures(analysis: Analysis) -> Section:
    """For every goal with values: its indicator with the target line and projection band."""
    goals = goal_rows(analysis.goals)
    projections = analysis.goals.projections
    meta = analysis.dataset.indicator_meta.set_index("indicator")
    items: list = []
    for goal in goals.to_dict("records"):
        if not isinstance(goal["indicator"], str):
            continue
        series = goal_series(analysis.dataset, goal["id"], analysis.year)
        headline = series[
            (series["indicator"] == goal["indicator"]) & (series["scope"] == goal["scope"])
        ]
        headline = headline[~headline["after_year"]]
        values = headline.drop_duplicates("year")[["year", "value"]]
        if values.empty:
            continue
        targets = headline["target"].dropna()
        band = projections[projections["goal_id"] == goal["id"]]
        band = band[band["criterion"] == band["criterion"].min()] if not band.empty else band
        label = str(meta.loc[goal["indicator"], "label"])
        unit = str(meta.loc[goal["indicator"], "unit"])
        items.append(Text(f"### {goal['area']}, mål {goal['number']}\n\n{goal['goal']}"))
        items.append(
            plots.indicator_chart(
                values,
                title=f"{label}, {_scope_label(goal['scope'])}",
                unit=unit,
                target=float(targets.iloc[0]) if not targets.empty else None,
                projection=band[["year", "value", "low", "high"]] if not band.empty else None,
            )
        )
        caption = [goal["evidence"], goal["projection_text"], goal["caveats"]]
        items.append(Text(" ".join(c for c in caption if _present(c))))
    if not items:
        items.append(Text(f"Inga mål har indikatorvärden till och med {analysis.year}."))
    return Section(tuple(items))


def area_table(analysis: Analysis) -> object:
    """Each area: the bokslut's assessment and the computed statuses of its goals."""
    areas = analysis.goals.areas
    frame = areas.assign(
        year=areas["report_year"].astype("str"),
        report_assessment=areas["report_assessment"].replace({"nan": "", "None": ""}),
    )
    columns = {
        "year": ColumnFormat("Rapport", "text"),
        "area": ColumnFormat("Område", "text"),
        "report_assessment": ColumnFormat("Rapportens bedömning", "text"),
        "n_goals": ColumnFormat("Mål", "number"),
        "met": ColumnFormat("Uppfyllda", "number"),
        "partial": ColumnFormat("Delvis uppfyllda", "number"),
        "on_track": ColumnFormat("På väg", "number"),
        "not_met": ColumnFormat("Ej uppfyllda", "number"),
        "not_assessable": ColumnFormat("Kan inte bedömas", "number"),
    }
    return display_table(
        frame, columns, f"Områden: rapportens bedömning och beräknad status {analysis.year}"
    )


# ---------------------------------------------------------------- 04 granskning


# Shown in 01 Sammanfattning.


STATUS_ORDER = ("met", "partial", "on_track", "not_met", "not_assessable")


def assessment_text(analysis: Analysis) -> Text:
    """The GEH assessments and how the goals' computed statuses compare with the analysis."""
    goals = analysis.goals
    geh = goals.geh[goals.geh["report_year"] == analysis.year]
    sentences = goals_text.assessment_sentences(geh, analysis.year)
    sentences.append(_goal_count_sentence(goals.goals, analysis))
    return Text(paragraph(sentences))


def _goal_count_sentence(goals: pd.DataFrame, analysis: Analysis) -> str:
    total = len(goals)
    if total == 0:
        return f"Data innehåller inga KF-mål för {analysis.year}."
    computed = [
        _status_count(_count(goals, "computed_status", status), status)
        for status in STATUS_ORDER
        if _count(goals, "computed_status", status)
    ]
    text = (
        f"Av de {total} KF-mål som följs upp {analysis.year} är enligt beräkningen ur data "
        f"{join_words(computed)}."
    )
    assessed = goals[goals["report_assessment"].isin(["Bra", "Ok", "Har brister"])]
    if assessed.empty:
        return (
            text + f" Rapporten för {analysis.year} finns inte i data, så ingen jämförelse "
            "med rapportens bedömningar kan göras."
        )
    agree = _count(goals, "agreement", "agree")
    disagree = _count(goals, "agreement", "disagree")
    other = total - agree - disagree
    text += (
        f" Rapportens bedömning stämmer överens med beräkningen för {agree} mål och avviker "
        f"för {disagree}"
    )
    return text + (f"; {other} går inte att jämföra." if other else ".")


def _count(frame: pd.DataFrame, column: str, value: str) -> int:
    return int((frame[column] == value).sum())


_STATUS_COUNT_WORDS = {
    "met": ("uppfyllt", "uppfyllda"),
    "partial": ("delvis uppfyllt", "delvis uppfyllda"),
    "on_track": ("på väg", "på väg"),
    "not_met": ("inte uppfyllt", "inte uppfyllda"),
    "not_assessable": ("kan inte bedömas", "kan inte bedömas"),
}


def _status_count(n: int, status: str) -> str:
    one, many = _STATUS_COUNT_WORDS[status]
    return f"{n} {one if n == 1 else many}"


def geh_table(analysis: Analysis) -> object:
    """The analysis's GEH assessments for the year and earlier years."""
    geh = analysis.goals.geh
    if geh.empty:
        return Text(f"Data innehåller inga GEH-bedömningar till och med {analysis.year}.")
    frame = geh.assign(year=geh["report_year"].astype("str"))
    columns = {
        "year": ColumnFormat("Rapport", "text"),
        "area": ColumnFormat("Område", "text"),
        "assessment": ColumnFormat("Bedömning", "text"),
    }
    return display_table(frame, columns, "Samlad GEH-bedömning (rapportens)")
