"""Present stage: the goal charts of chapter 03, each naming the goals it shows and their
status in the same words as the goal table.

Charts only where a goal's series has enough values to show something (the chart policy,
:mod:`ksanalys.present.plots.policy`):

- a goal about every area (several test parts on one indicator, one per area, e.g. NKI):
  the indicator by area and year, with a level shown beside the goal as a dashed line;
- a standing long-term level (e.g. sick leave against 5 procent): the values of each goal
  it belongs to, by year, beside the level;
- a trend fitted on enough values of one definition: the values, the trend and its 95 %
  prediction band drawn forward from the last value to the target year; with fewer values
  (:data:`~ksanalys.compute.goals.projection.MIN_GOAL_TREND_POINTS`) before a target year,
  the values and the target only.
"""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd

from ksanalys.present import swedish
from ksanalys.present.chapters.context import Analysis, Section, Text
from ksanalys.present.plots import indicators as indicator_plots
from ksanalys.present.plots.policy import ChartRefused
from ksanalys.present.text import goal_chart_words as chart_words
from ksanalys.present.text import goal_counts as goal_counts_text
from ksanalys.present.text import goals as goals_text
from ksanalys.values import decimals_needed

__all__ = ["AREA_CHART_PARTS", "goal_charts", "goal_charts_intro", "personnel_charts"]

# A goal with this many test parts on one indicator, each for its own area, is shown by area.
AREA_CHART_PARTS = 3


def goal_charts_intro(analysis: Analysis) -> Text:
    """How to read the goal charts (the trend rule's number is the method's); nothing for a
    comparison year, which has no goal charts."""
    return Text(goal_counts_text.charts_intro() if analysis.goals.own_goals else "")


def goal_charts(analysis: Analysis) -> Section:
    """The year's goal charts (see the module docstring); none for a comparison year."""
    report = analysis.goals
    if not report.own_goals:
        return Section(())
    meta = analysis.dataset.indicator_meta.set_index("indicator")
    names = _source_names(analysis)
    by_area = [a for a in report.assessments if _area_parts(a)]
    scope = analysis.organisation.scope_name
    personnel = _personnel(meta)
    charts = [
        *_area_charts(by_area, meta, names, scope),
        *_target_charts(report, {a.id for a in by_area}, meta, names, scope, personnel, False),
        *_trend_charts(report, meta, names, scope),
    ]
    return Section(tuple(charts))


def personnel_charts(analysis: Analysis) -> Section:
    """The charts of a personnel indicator (indicator_meta's ``personnel``) against a
    standing long-term level (e.g. sick leave against 5 procent), for chapter 03's Personal
    section; :func:`goal_charts` leaves them out. Their bars are neutral greys and name no
    goal status (the goal table beside them does). None for a comparison year."""
    report = analysis.goals
    if not report.own_goals:
        return Section(())
    meta = analysis.dataset.indicator_meta.set_index("indicator")
    by_area = {a.id for a in report.assessments if _area_parts(a)}
    names, scope = _source_names(analysis), analysis.organisation.scope_name
    return Section(tuple(_target_charts(report, by_area, meta, names, scope, _personnel(meta))))


def _personnel(meta: pd.DataFrame) -> set[str]:
    """The personnel indicators (indicator_meta's ``personnel`` set)."""
    if "personnel" not in meta.columns:
        return set()
    return {str(i) for i in meta.index[meta["personnel"].notna()]}


def _status(assessments) -> str:
    """ "Område, mål 4: ej uppfyllt; Område, mål 3: uppfyllt" for the goals of a chart."""
    shown = {a.id: a for a in assessments}.values()
    return "; ".join(
        goals_text.goal_tag(a.area, a.number, goals_text.STATUS_LABELS[a.status]) for a in shown
    )


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


def _area_parts(a) -> list:
    """The test parts of a goal about every area: one indicator, one part per area."""
    parts = [r for r in a.tested if r.criterion.measurable and r.current is not None]
    indicators = {r.criterion.indicator for r in parts}
    scopes = {r.criterion.scope for r in parts}
    if len(parts) < AREA_CHART_PARTS or len(indicators) != 1 or len(scopes) < len(parts) - 1:
        return []
    return parts


def _area_charts(assessments, meta, names: dict, scope_name: Callable[[str], str]) -> list:
    charts = []
    for a in assessments:
        parts = _area_parts(a)
        frames, seen = [], set()
        for r in parts:
            if r.criterion.scope not in seen:
                seen.add(r.criterion.scope)
                label = scope_name(str(r.criterion.scope))
                frames.append(_judged_values(r).assign(group=label))
        values = pd.concat(frames, ignore_index=True)
        indicator = str(parts[0].criterion.indicator)
        levels = [
            r.criterion
            for r in a.context
            if r.criterion.indicator == indicator and r.criterion.comparison == "level"
        ]
        reference = levels[0] if levels else None
        judged = [
            scope_name(str(r.criterion.scope))
            for r in parts
            if reference is not None
            and r.criterion.comparison == "level"
            and r.criterion.threshold == reference.threshold
        ]
        charts.append(
            indicator_plots.area_bars(
                values[["group", "year", "value"]],
                title=f"{meta.loc[indicator, 'label']} per område",
                unit=str(meta.loc[indicator, "unit"]),
                reference=None if reference is None else reference.threshold,
                reference_label=(
                    ""
                    if reference is None
                    else chart_words.reference_label(
                        reference.rule_text,
                        judged,
                        swedish.format_number(
                            reference.threshold, decimals_needed([reference.threshold])
                        ),
                    )
                ),
                sources=_sources(names, values["source"]),
                status=_status([a]),
            )
        )
    return charts


def _target_charts(
    report,
    skip: set[str],
    meta,
    names: dict,
    scope_name: Callable[[str], str],
    personnel: set[str],
    of_personnel: bool = True,
) -> list:
    """Bars for each standing long-term level of the year's goals, beside the values of
    every goal that level belongs to (test or context); only the levels of the
    ``personnel`` indicators, or (``of_personnel`` false) only the others."""
    groups: dict[tuple, list] = {}
    for a in report.assessments:
        if a.id in skip:
            continue
        for r in a.results:
            c = r.criterion
            standing = c.comparison == "level" and c.horizon == "long_term"
            mine = (c.indicator in personnel) == of_personnel
            if c.measurable and standing and mine and r.current is not None:
                groups.setdefault((c.indicator, c.direction, c.threshold), []).append((a, r))
    charts = []
    for (indicator, direction, threshold), found in groups.items():
        frames = [
            _judged_values(r).assign(group=scope_name(str(r.criterion.scope))) for _, r in found
        ]
        values = pd.concat(frames, ignore_index=True).drop_duplicates(["group", "year"])
        if values["year"].nunique() < 2:
            continue  # one year only: the table says it
        unit = str(meta.loc[indicator, "unit"])
        level = goals_text.target_words(direction, threshold, unit)
        try:
            charts.append(
                indicator_plots.target_bars(
                    values[["year", "group", "value"]],
                    title=f"{meta.loc[indicator, 'label']} och nivån {level} på lång sikt",
                    unit=unit,
                    target=float(threshold),
                    target_label=f"Långsiktig nivå: {level}",
                    sources=_sources(names, values["source"]),
                    status=_status([a for a, _ in found]),
                    group_status=_group_status(found, scope_name),
                    target_groups=[
                        scope_name(str(r.criterion.scope)) for _, r in found if r.criterion.tested
                    ],
                    neutral=of_personnel,
                )
            )
        except ChartRefused:
            continue
    return charts


def _target_start(h) -> int:
    """The year a target line starts: the goal's base year, else its latest value's."""
    c = h.criterion
    if c.comparison == "base" and c.base_year is not None:
        return int(c.base_year)
    return int(h.current["year"])


def _target_from(h) -> float | None:
    """The base year's value of a goal judged against its base year, where the target
    line starts (the required path); None for other goals (the line is a level)."""
    c = h.criterion
    if c.comparison != "base" or h.base is None or h.target is None:
        return None
    return float(h.base["value"])


def _group_status(found: list, scope_name: Callable[[str], str]) -> dict[str, str]:
    """Group label → the goals (and their statuses) whose values its bars show."""
    by_group: dict[str, list] = {}
    for a, r in found:
        by_group.setdefault(scope_name(str(r.criterion.scope)), []).append(a)
    return {group: _status(goals) for group, goals in by_group.items()}


def _trend_charts(report, meta, names: dict, scope_name: Callable[[str], str]) -> list:
    """A line with its trend for each goal whose projection rests on enough values; the
    values and the target only for a target year ahead with too few values for a trend."""
    charts = []
    for a in report.assessments:
        h = a.headline
        few = h is not None and h.prospect_basis == "few_points"
        if h is None or (h.projection is None and not few):
            continue
        c = h.criterion
        series = h.series.loc[h.series["year"] <= report.year]
        target = h.target if c.comparison in ("level", "base") else None
        p = h.projection
        year = p.year if p is not None else int(c.target_year)
        what = f"{meta.loc[c.indicator, 'label']}, {scope_name(str(c.scope))}"
        try:
            charts.append(
                indicator_plots.trend_chart(
                    series[["year", "value", "segment"]],
                    title=(
                        f"{what}: trend {swedish.year_span(p.first_year, p.last_year)}"
                        if p is not None
                        else chart_words.values_and_target_title(what, year)
                    ),
                    unit=str(meta.loc[c.indicator, "unit"]),
                    band=p.band if p is not None else None,
                    n_fit=p.n_points if p is not None else 0,
                    target=target,
                    target_label=chart_words.target_line_label(
                        year if target is not None else None,
                        c.base_year if _target_from(h) is not None else None,
                    ),
                    sources=_sources(names, series["source"]),
                    status=_status([a]),
                    target_span=(_target_start(h), year) if target is not None else None,
                    target_from=_target_from(h),
                )
            )
        except ChartRefused:
            continue
    return charts
