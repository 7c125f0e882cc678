"""Present stage: charts of an indicator series (goals, personnel).

:func:`target_bars` and :func:`trend_chart` draw the goal chapter's charts by the chart
policy (:mod:`ksanalys.present.plots.policy`): no chart of a single value, a trend only
from MIN_TREND_POINTS values of one definition, never a line across a definition break,
zero baseline or a marked broken axis, a source under every chart, the palette, alt text.
"""

from __future__ import annotations

import textwrap
from collections.abc import Sequence

import pandas as pd
import seaborn as sns
from matplotlib.colors import to_rgb

from ksanalys.present import swedish
from ksanalys.present.plots import policy
from ksanalys.present.plots.chart import (
    UNITLESS,
    Chart,
    SwedishFormatter,
    new_axes,
    require_columns,
    set_year_axis,
    unit_label,
    unit_phrase,
)
from ksanalys.present.text.words import capitalize, join_words
from ksanalys.values import decimals_needed, is_missing

__all__ = ["STATUS_LEAD", "area_bars", "indicator_chart", "target_bars", "trend_chart"]

TARGET_COLOR = "#b23a2e"
# Before the goals and statuses a goal chart shows, in its alt text.
STATUS_LEAD = "Analysens bedömning: "


def indicator_chart(
    series: pd.DataFrame,
    *,
    title: str,
    unit: str,
    target: float | None = None,
    target_label: str = "Mål",
    projection: pd.DataFrame | None = None,
) -> Chart:
    """An indicator's values by year, with an optional target line and projection band.

    ``series`` columns: year (int), value (float). ``unit`` is the indicator's unit
    ("procent", "index", "antal", "mkr", "tkr", ...); it names the y axis. ``target`` draws
    a dashed horizontal line. ``projection`` columns: year, value, low, high (e.g. the
    fitted years and the projected year of :func:`ksanalys.compute.trends.fit_trend`); the trend is
    drawn dotted and, where low and high are given, the prediction interval shaded.
    """
    require_columns(series, ["year", "value"], "indicator_chart")
    data = series.dropna(subset=["value"]).sort_values("year")
    figure, ax = new_axes()
    sns.lineplot(
        data=data,
        x="year",
        y="value",
        marker="o",
        markersize=8,
        errorbar=None,
        label="Utfall",
        ax=ax,
    )
    years = list(data["year"])
    decimals = decimals_needed(data["value"])
    parts = [
        f"{int(y)}: {swedish.format_number(v, decimals)}"
        for y, v in zip(data["year"], data["value"], strict=True)
    ]
    alt = f"Linjediagram: {title}. Utfall{unit_phrase(unit)}: {', '.join(parts)}."
    if projection is not None and not projection.empty:
        require_columns(projection, ["year", "value", "low", "high"], "indicator_chart projection")
        band = projection.sort_values("year")
        interval = band.dropna(subset=["low", "high"])
        if not interval.empty:
            ax.fill_between(
                interval["year"],
                interval["low"],
                interval["high"],
                color="grey",
                alpha=0.25,
                label="Prognosintervall 95 %",
            )
        ax.plot(band["year"], band["value"], linestyle=":", color="grey", marker=".", label="Trend")
        years += list(band["year"])
        last = band.iloc[-1]
        alt += (
            f" Trenden pekar mot {swedish.format_number(last['value'], decimals)} för "
            f"{int(last['year'])}"
        )
        if is_missing(last["low"]) or is_missing(last["high"]):
            alt += ", utan prognosintervall."
        else:
            interval = swedish.format_interval(last["low"], last["high"], decimals)
            alt += f" (prognosintervall {interval})."
    if target is not None and not is_missing(target):
        ax.axhline(
            target,
            color=TARGET_COLOR,
            linestyle="--",
            linewidth=1.2,
            label=policy.escape_mathtext(target_label),
        )
        shown = swedish.format_number(target, decimals_needed([target]))
        word = "" if unit in UNITLESS else f" {unit}"
        alt += f" {target_label}: {shown}{word}."
    set_year_axis(ax, years)
    ax.set_ylabel(unit_label(unit))
    ax.yaxis.set_major_formatter(SwedishFormatter())
    ax.set_title(policy.escape_mathtext(title))
    ax.legend(loc="best")
    return Chart(figure, alt)


# ---------------------------------------------------------------- goal charts (chart policy)


def _value_text(value: float, unit: str, decimals: int) -> str:
    return swedish.format_quantity(value, unit, decimals)


def _titles(ax, title: str, status: str) -> None:
    """The chart's title and, under it, the status of each goal it shows (one line each,
    the same words as the goal table)."""
    lines = [title, *(status.split("; ") if status else [])]
    ax.set_title(policy.escape_mathtext("\n".join(lines)), loc="center")


def target_bars(
    values: pd.DataFrame,
    *,
    title: str,
    unit: str,
    target: float,
    target_label: str,
    sources: list[str],
    status: str,
    group_status: dict[str, str] | None = None,
    target_groups: Sequence[str] | None = None,
    neutral: bool = False,
) -> Chart:
    """Bars of an indicator by year, one colour per group, each labelled with its value,
    beside a target line.

    ``values`` columns: year (int), group (Swedish label, e.g. "kommunen"), value. The
    value axis starts at zero; the target is a dashed reference line (not data). ``status``
    names each goal shown with its status ("Område, mål 4: ej uppfyllt"), in the alt text
    and, without ``group_status``, under the title. ``group_status`` (group → the goal and
    status its bars show) puts each status beside its group in the legend instead, so that
    two goals with different statuses are never one title. ``target_groups``: the groups
    the target applies to (None: all); when some groups are left out, the line is drawn
    over the bars of those groups only (each year), and the alt text names them. ``neutral``:
    the bars take :data:`~ksanalys.present.plots.policy.NEUTRAL_SERIES`, colours no goal
    status uses, and the chart names no status (only its alt text does), for a chart that
    shows figures beside a table of statuses (the sick leave on the board page). Fewer than
    :data:`~ksanalys.present.plots.policy.MIN_BARS` values raise
    :class:`~ksanalys.present.plots.policy.ChartRefused`.
    """
    require_columns(values, ["year", "group", "value"], "target_bars")
    data = values.dropna(subset=["value"]).sort_values("year", kind="stable")
    policy.require_points(len(data), policy.MIN_BARS, what=title)
    groups = list(dict.fromkeys(data["group"]))
    years = sorted({int(y) for y in data["year"]})
    width = 0.8 / len(groups)
    decimals = decimals_needed([*data["value"], target])
    figure, ax = new_axes()
    parts = []
    offsets = {g: (i - (len(groups) - 1) / 2) * width for i, g in enumerate(groups)}
    for i, group in enumerate(groups):
        rows = data.loc[data["group"] == group]
        offset = offsets[group]
        palette = policy.NEUTRAL_SERIES if neutral else policy.SERIES
        colour = palette[i % len(palette)]
        label = capitalize(group)
        if group_status and group in group_status and not neutral:
            label = _wrapped(f"{label} – {group_status[group]}")
        bars = ax.bar(
            [int(y) + offset for y in rows["year"]],
            rows["value"],
            width=width * 0.95,
            color=colour,
            label=policy.escape_mathtext(label),
        )
        ax.bar_label(
            bars,
            labels=[_label(v, decimals) for v in rows["value"]],
            label_type="center",
            fontsize=8,
            color=_ink(colour),
        )
        shown = ", ".join(
            f"{int(y)}: {_value_text(v, unit, decimals)}"
            for y, v in zip(rows["year"], rows["value"], strict=True)
        )
        parts.append(f"{capitalize(group)}: {shown}")
    applies = [g for g in groups if target_groups is None or g in target_groups]
    label = policy.escape_mathtext(target_label)
    if len(applies) == len(groups):
        policy.reference_line(ax, target, label=label)
    else:
        label = policy.escape_mathtext(_wrapped(f"{target_label}, gäller {join_words(applies)}"))
        _target_over(ax, target, label, [(int(y) + offsets[g], width) for g in applies
                                        for y in data.loc[data["group"] == g, "year"]])  # fmt: skip
    policy.start_at_zero(ax)
    set_year_axis(ax, years)
    ax.set_xlim(years[0] - 0.5, years[-1] + 0.5)  # room for the bars beside each year
    ax.set_ylabel(unit_label(unit))
    ax.yaxis.set_major_formatter(SwedishFormatter())
    _titles(ax, title, "" if group_status or neutral else status)
    ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0), frameon=False)
    source = policy.source_note(figure, sources)
    over = "" if len(applies) == len(groups) else f", gäller {join_words(applies)}"
    alt = (
        f"Stapeldiagram: {title}. {STATUS_LEAD}{status}. {'; '.join(parts)}. "
        f"{target_label} (streckad linje{over}). {source}."
    )
    return Chart(figure, alt)


def _target_over(ax, target: float, label: str, bars: list[tuple[float, float]]) -> None:
    """A dashed target line over each of ``bars`` ((centre, width) of a bar) only, one
    legend entry: the target applies to those bars' series, not to the others."""
    for i, (centre, width) in enumerate(bars):
        ax.plot([centre - width / 2, centre + width / 2], [target, target], color=policy.TARGET,
                linestyle="--", linewidth=1.6, label=label if i == 0 else "_nolegend_",
                gid=policy.REFERENCE_GID)  # fmt: skip


def area_bars(
    values: pd.DataFrame,
    *,
    title: str,
    unit: str,
    reference: float | None,
    reference_label: str,
    sources: list[str],
    status: str,
) -> Chart:
    """An indicator by area (one row of horizontal bars per area, one colour per year),
    each bar labelled with its value, for a goal about every area.

    ``values`` columns: group (Swedish area label, in the order to show, top first), year,
    value. ``reference`` draws a dashed line (a level shown beside the goal, not its
    test). ``status`` names the goal and its status, under the title and in the alt text.
    """
    require_columns(values, ["group", "year", "value"], "area_bars")
    data = values.dropna(subset=["value"])
    policy.require_points(len(data), policy.MIN_BARS, what=title)
    groups = list(dict.fromkeys(data["group"]))
    years = sorted({int(y) for y in data["year"]})
    height = 0.8 / len(years)
    decimals = decimals_needed(data["value"])
    figure, ax = new_axes()
    for i, year in enumerate(years):
        rows = data.loc[data["year"] == year].set_index("group").reindex(groups)
        offset = (i - (len(years) - 1) / 2) * height
        bars = ax.barh(
            [k + offset for k in range(len(groups))],
            rows["value"].fillna(0.0),
            height=height * 0.95,
            color=policy.SERIES[i % len(policy.SERIES)],
            label=str(year),
        )
        colour = policy.SERIES[i % len(policy.SERIES)]
        ax.bar_label(  # inside the bar, clear of any reference line beyond its end
            bars,
            labels=[_label(v, decimals) for v in rows["value"]],
            label_type="center",
            fontsize=8,
            color=_ink(colour),
        )
    if reference is not None:
        policy.reference_line(
            ax, reference, label=policy.escape_mathtext(reference_label), axis="x"
        )
    policy.start_at_zero(ax, "x")
    ax.set_yticks(range(len(groups)), [policy.escape_mathtext(capitalize(g)) for g in groups])
    ax.invert_yaxis()  # the first area on top
    ax.margins(x=0.08)
    ax.set_xlabel(unit_label(unit))
    ax.xaxis.set_major_formatter(SwedishFormatter())
    _titles(ax, title, status)
    ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0), frameon=False)
    source = policy.source_note(figure, sources)
    parts = [
        f"{capitalize(g)}: "
        + ", ".join(
            f"{int(r['year'])}: {_value_text(r['value'], unit, decimals)}"
            for _, r in data.loc[data["group"] == g].sort_values("year").iterrows()
        )
        for g in groups
    ]
    alt = f"Stapeldiagram: {title}. {STATUS_LEAD}{status}. {'; '.join(parts)}."
    if reference is not None:
        alt += f" {reference_label} (streckad linje)."
    return Chart(figure, f"{alt} {source}.")


def _label(value: float, decimals: int) -> str:
    return "" if is_missing(value) else swedish.format_number(value, decimals)


def _ink(colour: str) -> str:
    """Black or white, whichever reads better on a bar of ``colour``."""
    r, g, b = to_rgb(colour)
    return "black" if 0.2126 * r + 0.7152 * g + 0.0722 * b > 0.45 else "white"


def _wrapped(text: str, width: int = 30) -> str:
    return textwrap.fill(text, width=width, break_on_hyphens=False)


def trend_chart(
    series: pd.DataFrame,
    *,
    title: str,
    unit: str,
    band: pd.DataFrame | None,
    n_fit: int,
    target: float | None,
    target_label: str,
    sources: list[str],
    status: str,
    target_span: tuple[int, int] | None = None,
    target_from: float | None = None,
) -> Chart:
    """An indicator with its fitted trend, its 95 % prediction band drawn forward only, and
    a target line; without a ``band`` (too few values for a goal's trend) the values and
    the target only.

    ``series`` columns: year, value, segment (one number per definition, see
    :func:`ksanalys.compute.goals.series.criterion_series`): each segment is drawn on its
    own and never joined to another; a segment of fewer than
    :data:`~ksanalys.present.plots.policy.MIN_LINE_POINTS` values is drawn as dots.
    ``band`` columns: year, value, low, high, kind (see
    :class:`ksanalys.compute.goals.projection.GoalProjection`): the trend line over the
    fitted years (kind "fitted") and forward (kind "forward"), the band only forward, from
    the last value to the projection year, never across the observed years. ``n_fit`` is
    the number of values it was fitted on (the policy refuses fewer than
    MIN_TREND_POINTS). ``status`` names the goal and its status, under the title and in
    the alt text. ``target_span`` (first, last year): the target line is drawn over those
    years only (from the base year to the target year), not across every year shown;
    ``target_from``: the base year's value, so the line is the path the target requires
    (from that value to the target), not a level that held already. The
    projected values are hollow markers ("Framskrivning"), never dots like the values
    observed. The axis is marked broken, in its label, when it does not reach zero.
    """
    require_columns(series, ["year", "value", "segment"], "trend_chart")
    data = series.dropna(subset=["value"]).sort_values("year")
    decimals = decimals_needed(data["value"])
    figure, ax = new_axes()
    parts = _segments(ax, data, decimals)
    shown = ", ".join(parts)
    alt = f"Linjediagram: {title}. {STATUS_LEAD}{status}. Utfall{unit_phrase(unit)}: {shown}."
    if band is not None:
        alt += _trend(ax, band, data, n_fit, decimals, title)
    else:
        policy.require_points(len(data), policy.MIN_LINE_POINTS, what=title)
        band = pd.DataFrame(columns=["year"])
    if target is not None:
        said = " ".join(target_label.split())  # the legend's lines as one phrase
        alt += f" {said}: {_value_text(target, unit, decimals_needed([target]))}"
        if target_span is None:
            policy.reference_line(ax, target, label=policy.escape_mathtext(target_label))
        else:
            first, last = target_span
            start = target if target_from is None else target_from
            ax.plot([first, last], [start, target], color=policy.TARGET, linestyle="--",
                    linewidth=1.2, label=policy.escape_mathtext(target_label),
                    gid=policy.REFERENCE_GID)  # fmt: skip
            if target_from is None:
                alt += f" (linjen {swedish.year_span(first, last)})"
            else:
                alt += (
                    f" (linjen visar den ökning som krävs, från "
                    f"{swedish.format_number(target_from, decimals_needed([target_from]))} "
                    f"{first} till {swedish.format_number(target, decimals_needed([target]))} "
                    f"{last})"
                )
        alt += "."
    ax.set_ylabel(unit_label(unit))
    low, high = ax.get_ylim()
    if low > 0:
        ax.set_ylim(low - 0.08 * (high - low), high)  # the lowest value clear of the mark
        policy.mark_broken_axis(ax, in_label=True)
    set_year_axis(ax, [*data["year"], *band["year"], *(target_span or ())])
    ax.yaxis.set_major_formatter(SwedishFormatter())
    _titles(ax, title, status)
    ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0), frameon=False)
    alt += f" {policy.source_note(figure, sources)}."
    return Chart(figure, alt)


def _trend(
    ax, band: pd.DataFrame, data: pd.DataFrame, n_fit: int, decimals: int, title: str
) -> str:
    """Draw the fitted trend, its forward band and the projected values; their alt text."""
    require_columns(band, ["year", "value", "low", "high", "kind"], "trend_chart band")
    policy.require_trend_points(n_fit, what=title)
    fitted = band.loc[band["kind"] == "fitted"].sort_values("year")
    forward = band.loc[band["kind"] == "forward"].sort_values("year")
    interval = forward.dropna(subset=["low", "high"])
    ax.fill_between(
        interval["year"],
        interval["low"],
        interval["high"],
        color=policy.NEUTRAL,
        alpha=0.2,
        label="Prognosintervall 95 %",
    )
    ahead = forward.loc[forward["year"] > fitted["year"].max()]
    line = pd.concat([fitted, ahead])
    trend = policy.trend_line(ax, list(line["year"]), list(line["value"]), n_values=n_fit)
    trend.set_marker("None")  # a line, not values: the projected years get their own mark
    projected = ahead.loc[ahead["year"] > data["year"].max()]
    ax.plot(
        projected["year"],
        projected["value"],
        linestyle="none",
        marker="o",
        markerfacecolor="white",
        markeredgecolor=policy.NEUTRAL,
        label="Framskrivning (inte utfall)",
        gid=policy.TREND_GID,
    )
    last = forward.iloc[-1]
    shown = decimals or 1
    return (
        f" Trenden pekar mot {swedish.format_number(last['value'], shown)} för "
        f"{int(last['year'])} (prognosintervall "
        f"{swedish.format_interval(last['low'], last['high'], shown)}, ritat från det senaste "
        "värdet)."
    )


def _segments(ax, data: pd.DataFrame, decimals: int) -> list[str]:
    """Draw each definition's values on their own (never joined); their alt text parts."""
    segments = list(dict.fromkeys(data["segment"]))
    parts = []
    for i, segment in enumerate(segments):
        rows = data.loc[data["segment"] == segment]
        label = "Utfall" if i == len(segments) - 1 else "Utfall, tidigare definition"
        colour = policy.SERIES[0] if i == len(segments) - 1 else policy.SERIES[1]
        if len(rows) >= policy.MIN_LINE_POINTS:
            ax.plot(rows["year"], rows["value"], marker="o", color=colour, label=label)
        else:
            ax.scatter(rows["year"], rows["value"], color=colour, label=label, zorder=3)
        parts += [
            f"{int(y)}: {swedish.format_number(v, decimals)}"
            for y, v in zip(rows["year"], rows["value"], strict=True)
        ]
    return parts
