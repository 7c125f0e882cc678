"""Present stage: chapter 03 Personal och mål (personnel indicators, KF-mål, areas, GEH)."""

from __future__ import annotations

import re

import pandas as pd

from ksanalys.present.chapters.context import (
    SCOPE_LABELS,
    Analysis,
    Section,
    Text,
    _right_aligned,
    _scope_label,
    _table_value,
)
from ksanalys.present.plots import indicators as indicator_plots
from ksanalys.present.plots.policy import ChartRefused
from ksanalys.present.tables import ColumnFormat, display_table
from ksanalys.present.text import goals as goals_text
from ksanalys.present.text import indicators
from ksanalys.present.text.goal_rows import goal_rows
from ksanalys.present.text.indicators import series_subject
from ksanalys.present.text.markup import escape
from ksanalys.present.text.words import capitalize, join_words, paragraph

__all__ = [
    "PERSONNEL_INDICATORS",
    "area_table",
    "assessment_text",
    "geh_table",
    "goal_charts",
    "goal_table",
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
    subjects = _subjects(analysis)
    frame = rows.assign(
        label=rows["indicator"].map(meta["label"]),
        scope_label=rows["scope"].map(_scope_label),
        subject=[
            subjects.get(key) or series_subject(*key)
            for key in zip(rows["indicator"], rows["scope"], strict=True)
        ],
        _order=rows["indicator"].map(order),
        _scope=rows["scope"].map(lambda scope: scopes.get(scope, len(scopes))),
    )
    frame = frame.sort_values(["_order", "_scope", "scope", "year"], kind="stable")
    return frame.drop(columns=["_order", "_scope"]).reset_index(drop=True)


def _subjects(analysis: Analysis) -> dict[tuple[str, str], str]:
    """(indicator, scope) → the series as the subject of a sentence, from the goal rules
    ("sjukfrånvaron i kommunen")."""
    rules = analysis.dataset.tables.get("goal_rules")
    if rules is None:
        return {}
    found: dict[tuple[str, str], str] = {}
    for indicator, scope, subject in zip(
        rules["indicator"], rules["scope"], rules["subject"], strict=True
    ):
        if isinstance(indicator, str) and isinstance(subject, str):
            found.setdefault((indicator, str(scope)), subject)
    return found


def personnel_text(analysis: Analysis) -> Text:
    """The personnel indicators of the year beside their previous value."""
    values = _personnel_values(analysis)
    if values.empty:
        return Text(f"Data innehåller inga personalindikatorer till och med {analysis.year}.")
    shown = values.assign(**{c: values[c].map(escape) for c in ("label", "scope_label", "subject")})
    sentences = indicators.indicator_story(shown, analysis.year, analysis.printed(analysis.year))
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
        row: dict[object, object] = {"label": first["label"], "scope_label": first["scope_label"]}
        by_year = dict(zip(series["year"], series["value"], strict=True))
        for year in years:
            value = by_year.get(year)
            row[year] = _table_value(value, str(first["unit"]), decimals)
        rows.append(row)
    columns: dict[object, ColumnFormat] = {
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


_GOAL_COLUMNS: dict[object, ColumnFormat] = {
    "area": ColumnFormat("Område", "text"),
    "number": ColumnFormat("Nr", "number"),
    "goal": ColumnFormat("Mål", "text"),
    "status_label": ColumnFormat("Beräknad status", "text"),
    "interpretation": ColumnFormat("Tolkning som statusen vilar på", "text"),
    "report_assessment": ColumnFormat("Bokslutets bedömning", "text"),
    "comparison": ColumnFormat("Jämförelse", "text"),
}
# Light tints of the chart palette (Okabe–Ito) behind the status word; dark text on each
# keeps the contrast. The word is always in the cell: colour is never the only signal.
STATUS_COLOURS = {
    "met": "#cfe3f1",
    "partial": "#fbe6b8",
    "on_track": "#c8ebe0",
    "not_met": "#f7d3bf",
    "not_assessable": "#e4e4e4",
}


def goal_table(analysis: Analysis) -> Section:
    """One colour-coded table of the year's goals: the computed status in words (and colour),
    the interpretation it rests on, the bokslut's own word and how the two compare; then
    each goal's evidence. A year without its own report says so in one sentence."""
    report = analysis.goals
    if not report.own_goals:
        return Section((Text(goals_text.comparison_year_sentence(analysis.year)),))
    goals = goal_rows(report)
    if goals.empty:
        return Section((Text(f"Data innehåller inga KF-mål för {analysis.year}."),))
    frame = goals.assign(
        comparison=[
            goals_text.comparison_label(a, None if pd.isna(m) else bool(m))
            for a, m in zip(goals["agreement"], goals["report_more_positive"], strict=True)
        ]
    )
    styler = display_table(frame, _GOAL_COLUMNS, f"KF-mål {analysis.year}: beräknad status")
    colours = {
        goals_text.STATUS_LABELS[status]: f"background-color: {colour}; color: #000000"
        for status, colour in STATUS_COLOURS.items()
    }
    styler = styler.map(lambda text: colours.get(text, ""), subset=["Beräknad status"])
    return Section((styler, Text(_evidence_list(report, goals))))


_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-ZÅÄÖ\"])")


def _evidence_list(report, goals: pd.DataFrame) -> str:
    """Each goal's evidence, projection, caveats and the rule's own note (from
    goal_rules.csv) as a Markdown list; a sentence already said on the page is not said
    again."""
    said: set[str] = set()
    lines = []
    for a, row in zip(report.assessments, goals.to_dict("records"), strict=True):
        parts = [row["evidence"], row["projection_text"]]
        parts += goals_text.caveats(list(a.results), a.headline, report.year)
        parts += [r.criterion.note for r in a.results if r.criterion.note]
        sentences = [s for part in parts if part for s in _SENTENCE_END.split(part.strip())]
        fresh = [s for s in dict.fromkeys(sentences) if s not in said]
        said.update(fresh)
        head = f"**{escape(row['area'])}, mål {row['number']}:**"
        lines.append(f"- {head} {' '.join(escape(s) for s in fresh)}")
    return "\n".join(lines)


def goal_charts(analysis: Analysis) -> Section:
    """Charts only where a goal's series has enough values to show something: each
    standing target level beside the values it is judged on (e.g. sick leave against 5 %),
    and each trend fitted on enough values of one definition."""
    report = analysis.goals
    if not report.own_goals:
        return Section(())
    meta = analysis.dataset.indicator_meta.set_index("indicator")
    items: list = []
    names = _source_names(analysis)
    for chart in (*_target_charts(report, meta, names), *_trend_charts(report, meta, names)):
        items.append(chart)
    return Section(tuple(items))


def _source_names(analysis: Analysis) -> dict[str, tuple[str, str]]:
    """Source id → (document title, section), for the note under a chart."""
    tables = analysis.dataset.tables
    documents = dict(
        zip(tables["documents"]["document"], tables["documents"]["title"], strict=True)
    )
    sources = tables["sources"]
    return {
        str(source): (str(documents.get(document, document)), section if _text(section) else "")
        for source, document, section in zip(
            sources["source"], sources["document"], sources["section"], strict=True
        )
    }


def _text(value: object) -> bool:
    return isinstance(value, str) and bool(value.strip())


def _sources(names: dict[str, tuple[str, str]], ids) -> list[str]:
    """One "document: section; section" per document the values come from."""
    sections: dict[str, list[str]] = {}
    for source in dict.fromkeys(str(i) for i in ids):
        document, section = names.get(source, (source, ""))
        sections.setdefault(document, [])
        if section:
            sections[document].append(section)
    return [f"{d}: {'; '.join(s)}" if s else d for d, s in sections.items()]


def _judged_values(result) -> pd.DataFrame:
    """The values up to the year in the judged value's definition."""
    series = result.series.loc[result.series["year"] <= result.year]
    return series.loc[series["segment"] == result.current["segment"]]


def _target_charts(report, meta, names: dict) -> list:
    """Bars for each standing target level (long term) of the year's goals."""
    groups: dict[tuple, list] = {}
    for a in report.assessments:
        for r in a.results:
            c = r.criterion
            standing = c.comparison == "level" and c.horizon == "long_term"
            if c.measurable and standing and r.current is not None:
                groups.setdefault((c.indicator, c.direction, c.threshold), []).append(r)
    charts = []
    for (indicator, direction, threshold), results in groups.items():
        frames = [
            _judged_values(r).assign(group=_scope_label(str(r.criterion.scope))) for r in results
        ]
        values = pd.concat(frames, ignore_index=True).drop_duplicates(["group", "year"])
        if values["year"].nunique() < 2:
            continue  # one year only: the table says it
        unit = str(meta.loc[indicator, "unit"])
        label = str(meta.loc[indicator, "label"])
        level = goals_text.target_words(direction, threshold, unit)
        try:
            charts.append(
                indicator_plots.target_bars(
                    values[["year", "group", "value"]],
                    title=f"{label} och målet {level}",
                    unit=unit,
                    target=float(threshold),
                    target_label=f"Mål: {level}",
                    sources=_sources(names, values["source"]),
                )
            )
        except ChartRefused:
            continue
    return charts


def _trend_charts(report, meta, names: dict) -> list:
    """A line with its trend for each goal whose projection rests on enough values."""
    charts = []
    for a in report.assessments:
        h = a.headline
        if h is None or h.projection is None:
            continue
        c = h.criterion
        series = h.series.loc[h.series["year"] <= report.year]
        target = h.target if c.comparison in ("level", "base") else None
        unit = str(meta.loc[c.indicator, "unit"])
        label = str(meta.loc[c.indicator, "label"])
        p = h.projection
        charts.append(
            indicator_plots.trend_chart(
                series[["year", "value", "segment"]],
                title=f"{label}, {_scope_label(str(c.scope))}: trend {p.first_year}–{p.last_year}",
                unit=unit,
                band=p.band,
                n_fit=p.n_points,
                target=target,
                target_label=f"Målnivå {p.year}" if target is not None else "Mål",
                sources=_sources(names, series["source"]),
            )
        )
    return charts


def area_table(analysis: Analysis) -> object:
    """Each area: the bokslut's assessment and the computed statuses of its goals."""
    areas = analysis.goals.areas
    if areas.empty:
        return Text(f"Data innehåller inga områdesbedömningar till och med {analysis.year}.")
    frame = areas.assign(
        year=areas["report_year"].astype("str"),
        report_assessment=areas["report_assessment"].replace({"nan": "", "None": ""}),
    )
    columns: dict[object, ColumnFormat] = {
        "year": ColumnFormat("Rapport", "text"),
        "area": ColumnFormat("Område", "text"),
        "report_assessment": ColumnFormat("Bokslutets bedömning", "text"),
        "n_goals": ColumnFormat("Mål", "number"),
        **{
            status: ColumnFormat(capitalize(words), "number")
            for status, words in goals_text.STATUS_PLURALS.items()
        },
    }
    return display_table(
        frame, columns, f"Områden: bokslutets bedömning och beräknad status {analysis.year}"
    )


# ---------------------------------------------------------------- 04 granskning


# Shown in 01 Sammanfattning.


STATUS_ORDER = ("met", "partial", "on_track", "not_met", "not_assessable")


def assessment_text(analysis: Analysis) -> Text:
    """The GEH assessments and how the goals' computed statuses compare with the analysis."""
    goals = analysis.goals
    if not goals.own_goals:
        return Text(goals_text.comparison_year_sentence(analysis.year))
    geh = goals.geh[goals.geh["report_year"] == analysis.year]
    geh = geh.assign(area=geh["area"].map(escape), assessment=geh["assessment"].map(escape))
    sentences = goals_text.assessment_sentences(geh, analysis.year)
    sentences.append(_goal_count_sentence(goals.goals, analysis))
    return Text(paragraph(sentences))


def _goal_count_sentence(goals: pd.DataFrame, analysis: Analysis) -> str:
    total = len(goals)
    if total == 0:
        return f"Data innehåller inga KF-mål för {analysis.year}."
    computed = [
        goals_text.status_count(_count(goals, "computed_status", status), status)
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


def geh_table(analysis: Analysis) -> object:
    """The analysis's GEH assessments for the year and earlier years."""
    geh = analysis.goals.geh
    if geh.empty:
        return Text(f"Data innehåller inga GEH-bedömningar till och med {analysis.year}.")
    frame = geh.assign(year=geh["report_year"].astype("str"))
    columns: dict[object, ColumnFormat] = {
        "year": ColumnFormat("Rapport", "text"),
        "area": ColumnFormat("Område", "text"),
        "assessment": ColumnFormat("Bedömning", "text"),
    }
    return display_table(frame, columns, "Samlad GEH-bedömning (rapportens)")
