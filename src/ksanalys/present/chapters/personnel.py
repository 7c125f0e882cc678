"""Present stage: chapter 03's Personal section: the personnel indicators (indicator_meta's
``personnel``) in a table by year, a text on those the bokslut comments on or prints twice,
and the charts against a standing level."""

from __future__ import annotations

import pandas as pd

from ksanalys.compute.derived import values_from_changes
from ksanalys.present.chapters.context import Analysis, Text
from ksanalys.present.chapters.goal_charts import personnel_charts
from ksanalys.present.tables import ColumnFormat, display_table, quantity_cell, right_aligned
from ksanalys.present.text import goal_parts, indicators, reasons
from ksanalys.present.text.indicators import series_subject
from ksanalys.present.text.markup import escape
from ksanalys.present.text.words import paragraph
from ksanalys.values import decimals_needed, is_missing

__all__ = [
    "personnel_charts",
    "personnel_indicators",
    "personnel_table",
    "personnel_text",
    "personnel_values",
]


def personnel_indicators(analysis: Analysis) -> list[str]:
    """The personnel indicators of chapter 3 in the order they are shown (indicator_meta.csv,
    column ``personnel``)."""
    meta = analysis.dataset.indicator_meta
    chosen = meta[meta["personnel"].notna()].sort_values("personnel", kind="stable")
    return [str(indicator) for indicator in chosen["indicator"]]


def personnel_values(analysis: Analysis) -> pd.DataFrame:
    """One row per personnel indicator series and year up to the analysis's year."""
    indicators = analysis.dataset.indicators
    chosen = personnel_indicators(analysis)
    rows = indicators[indicators["indicator"].isin(chosen) & (indicators["year"] <= analysis.year)]
    # Several values in one year (e.g. "1 april", "31 december"): the last one printed.
    rows = rows.drop_duplicates(["indicator", "scope", "year"], keep="last")
    meta = analysis.dataset.indicator_meta.set_index("indicator")
    order = {name: i for i, name in enumerate(chosen)}
    org = analysis.organisation
    subjects = _subjects(analysis)
    frame = rows.assign(
        label=rows["indicator"].map(meta["label"]),
        scope_label=rows["scope"].map(org.scope_name),
        subject=[
            subjects.get(key)
            or series_subject(meta["subject"].get(key[0]), org.scope_where(key[1]))
            for key in zip(rows["indicator"], rows["scope"], strict=True)
        ],
        _order=rows["indicator"].map(order),
        _scope=rows["scope"].map(org.scope_rank),
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
    """The personnel indicators that need a word beside the table (:func:`personnel_table`
    gives every value): first each indicator the bokslut comments on (an explanation of
    the indicator in explanations.csv), its first series in the table's order with its
    change and the bokslut's words; then those the bokslut prints twice, with where that
    is discussed."""
    values = personnel_values(analysis)
    if values.empty:
        return Text(f"Data innehåller inga personalindikatorer till och med {analysis.year}.")
    shown = values.assign(**{c: values[c].map(escape) for c in ("label", "scope_label", "subject")})
    year, printed, refer = (
        analysis.year,
        analysis.printed(analysis.year),
        _printings_discussed(analysis),
    )
    quotes = _indicator_quotes(analysis, set(values["indicator"]))
    led = _led_series(values, year, set(quotes))
    paragraphs = []
    for indicator, scope in led:
        series = shown[(shown["indicator"] == indicator) & (shown["scope"] == scope)]
        story = indicators.indicator_story(series, year, printed, refer)
        says = [reasons.report_says(quotes[indicator]), *reasons.more_passages(quotes[indicator])]
        paragraphs.append(paragraph([*story, says[0]]) + "".join(f"\n{s}" for s in says[1:]))
    keys = list(zip(shown["indicator"], shown["scope"], strict=True))
    rest = shown[[key not in led for key in keys]]
    paragraphs += indicators.indicator_story(rest, year, printed, refer, noted_only=True)
    return Text("\n\n".join(paragraphs))


def _indicator_quotes(analysis: Analysis, chosen: set[str]) -> dict[str, pd.DataFrame]:
    """Indicator → the bokslut's explanations of it (explanations.csv rows of the year
    whose subject is one of the ``chosen`` indicators), in file order."""
    table = analysis.dataset.tables.get("explanations")
    if table is None:
        return {}
    rows = table[
        (table["report_year"] == analysis.year)
        & (table["subject_type"] == "indicator")
        & table["subject"].isin(chosen)
    ]
    rows = rows.assign(item=rows["item"].fillna(""))
    return {str(key): group for key, group in rows.groupby("subject", sort=False)}


def _led_series(values: pd.DataFrame, year: int, explained: set[str]) -> list[tuple[str, str]]:
    """(indicator, scope) of the first series in the table's order of each ``explained``
    indicator that has a value for ``year``: the series the bokslut's words lead with
    (scopes.csv orders the scopes, the kommun first)."""
    current = values[(values["year"] == year) & values["indicator"].isin(explained)]
    first = current.drop_duplicates("indicator", keep="first")
    return list(zip(first["indicator"].astype(str), first["scope"].astype(str), strict=True))


def _printings_discussed(analysis: Analysis) -> dict[tuple[str, str], str]:
    """(indicator, scope) → a reference to the goal that says the report's two printings
    of the series' value (so the figures are said once, with the goal)."""
    goals = analysis.goals
    refer: dict[tuple[str, str], str] = {}
    for a in goals.assessments if goals.own_goals else ():
        c = a.headline.criterion if a.headline is not None else None
        if c is None or not (a.alternatives or a.settled) or c.indicator is None or c.scope is None:
            continue
        text = goal_parts.printings_reference(analysis.year, escape(a.area), a.number)
        refer.setdefault((c.indicator, c.scope), text)
    return refer


def _questioned(analysis: Analysis) -> set[tuple[str, str, int, float]]:
    """(indicator, scope, year, value) of the values the granskning questions as printed
    (:mod:`ksanalys.compute.check.questioned`); a printing found wrong elsewhere in the text
    is not the table's value and marks nothing."""
    return {(q.indicator, q.scope, q.year, q.printed) for q in analysis.questioned}


def personnel_table(analysis: Analysis) -> object:
    """The personnel indicators by year (columns), one row per indicator and scope, each
    value with the decimals its series is given with; a value the granskning questions
    says so in its cell; a value the bokslut gives only as a change
    (:func:`ksanalys.compute.derived.values_from_changes`) is shown as calculated, with
    the figures it follows from."""
    values = personnel_values(analysis)
    years = sorted(int(y) for y in values["year"].unique())
    questioned = _questioned(analysis)
    derived = values_from_changes(analysis.dataset)
    derived = {
        (r.indicator, r.scope, int(r.year)): r
        for r in derived[derived["year"] <= analysis.year].itertuples()
    }
    rows = []
    for (indicator, scope), series in values.groupby(["indicator", "scope"], sort=False):
        first = series.iloc[0]
        decimals = decimals_needed(series["value"])
        row: dict[object, object] = {"label": first["label"], "scope_label": first["scope_label"]}
        by_year = dict(zip(series["year"], series["value"], strict=True))
        for year in years:
            value = by_year.get(year)
            cell = quantity_cell(value, str(first["unit"]), decimals)
            from_change = derived.get((indicator, scope, year))
            if is_missing(value) and from_change is not None:
                cell = indicators.derived_cell(
                    quantity_cell(from_change.value, str(first["unit"]), decimals),
                    from_change.now,
                    from_change.change,
                    decimals,
                )
            if not is_missing(value) and (indicator, scope, year, float(value)) in questioned:
                cell = goal_parts.questioned_cell(cell)
            row[year] = cell
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
    return right_aligned(styler, [str(y) for y in years])
