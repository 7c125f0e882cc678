"""Present stage: charts of an indicator series (goals, personnel).

:func:`target_bars` and :func:`trend_chart` draw the goal chapter's charts by the chart
policy (:mod:`ksanalys.present.plots.policy`): no chart of a single value, a trend only
from MIN_TREND_POINTS values of one definition, never a line across a definition break,
zero baseline or a marked broken axis, a source under every chart, the palette, alt text.
"""

from __future__ import annotations

import pandas as pd
import seaborn as sns

from ksanalys.present import swedish
from ksanalys.present.plots import policy
from ksanalys.present.plots.chart import (
    UNITLESS,
    Chart,
    SwedishFormatter,
    _decimals_needed,
    _new_axes,
    _require,
    _unit_label,
    _unit_phrase,
    set_year_axis,
)
from ksanalys.present.text.words import capitalize
from ksanalys.values import is_missing

__all__ = ["indicator_chart", "target_bars", "trend_chart"]

TARGET_COLOR = "#b23a2e"


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
    _require(series, ["year", "value"], "indicator_chart")
    data = series.dropna(subset=["value"]).sort_values("year")
    figure, ax = _new_axes()
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
    decimals = _decimals_needed(list(data["value"]), 2)
    parts = [
        f"{int(y)}: {swedish.format_number(v, decimals)}"
        for y, v in zip(data["year"], data["value"], strict=True)
    ]
    alt = f"Linjediagram: {title}. Utfall{_unit_phrase(unit)}: {', '.join(parts)}."
    if projection is not None and not projection.empty:
        _require(projection, ["year", "value", "low", "high"], "indicator_chart projection")
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
            alt += (
                f" (prognosintervall {swedish.format_number(last['low'], decimals)}"
                f"–{swedish.format_number(last['high'], decimals)})."
            )
    if target is not None and not is_missing(target):
        ax.axhline(
            target,
            color=TARGET_COLOR,
            linestyle="--",
            linewidth=1.2,
            label=policy.escape_mathtext(target_label),
        )
        shown = swedish.format_number(target, _decimals_needed([target], 2))
        word = "" if unit in UNITLESS else f" {unit}"
        alt += f" {target_label}: {shown}{word}."
    set_year_axis(ax, years)
    ax.set_ylabel(_unit_label(unit))
    ax.yaxis.set_major_formatter(SwedishFormatter())
    ax.set_title(policy.escape_mathtext(title))
    ax.legend(loc="best")
    return Chart(figure, alt)


# ---------------------------------------------------------------- goal charts (chart policy)


def _value_text(value: float, unit: str, decimals: int) -> str:
    return swedish.format_quantity(value, unit, decimals)


def target_bars(
    values: pd.DataFrame,
    *,
    title: str,
    unit: str,
    target: float,
    target_label: str,
    sources: list[str],
) -> Chart:
    """Bars of an indicator by year, one colour per group, beside a target line.

    ``values`` columns: year (int), group (Swedish label, e.g. "kommunen"), value. The
    value axis starts at zero; the target is a dashed reference line (not data). Fewer
    than :data:`~ksanalys.present.plots.policy.MIN_BARS` values raise
    :class:`~ksanalys.present.plots.policy.ChartRefused`.
    """
    _require(values, ["year", "group", "value"], "target_bars")
    data = values.dropna(subset=["value"]).sort_values("year", kind="stable")
    policy.require_points(len(data), policy.MIN_BARS, what=title)
    groups = list(dict.fromkeys(data["group"]))
    years = sorted({int(y) for y in data["year"]})
    width = 0.8 / len(groups)
    decimals = _decimals_needed([*data["value"], target], 2)
    figure, ax = _new_axes()
    parts = []
    for i, group in enumerate(groups):
        rows = data.loc[data["group"] == group]
        offset = (i - (len(groups) - 1) / 2) * width
        ax.bar(
            [int(y) + offset for y in rows["year"]],
            rows["value"],
            width=width * 0.95,
            color=policy.SERIES[i % len(policy.SERIES)],
            label=policy.escape_mathtext(capitalize(group)),
        )
        shown = ", ".join(
            f"{int(y)}: {_value_text(v, unit, decimals)}"
            for y, v in zip(rows["year"], rows["value"], strict=True)
        )
        parts.append(f"{capitalize(group)}: {shown}")
    policy.reference_line(ax, target, label=policy.escape_mathtext(target_label))
    policy.start_at_zero(ax)
    set_year_axis(ax, years)
    ax.set_xlim(years[0] - 0.5, years[-1] + 0.5)  # room for the bars beside each year
    ax.set_ylabel(_unit_label(unit))
    ax.yaxis.set_major_formatter(SwedishFormatter())
    ax.set_title(policy.escape_mathtext(title))
    ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0), frameon=False)
    source = policy.source_note(figure, sources)
    alt = f"Stapeldiagram: {title}. {'; '.join(parts)}. {target_label} (streckad linje). {source}."
    return Chart(figure, alt)


def trend_chart(
    series: pd.DataFrame,
    *,
    title: str,
    unit: str,
    band: pd.DataFrame,
    n_fit: int,
    target: float | None,
    target_label: str,
    sources: list[str],
) -> Chart:
    """An indicator with its fitted trend, 95 % prediction band and target line.

    ``series`` columns: year, value, segment (one number per definition, see
    :func:`ksanalys.compute.goals.series.criterion_series`): each segment is drawn on its
    own and never joined to another; a segment of fewer than
    :data:`~ksanalys.present.plots.policy.MIN_LINE_POINTS` values is drawn as dots.
    ``band`` columns: year, value, low, high (the fitted years and the projection, already
    cut to the indicator's possible range); ``n_fit`` the number of values it was fitted
    on (the policy refuses fewer than MIN_TREND_POINTS). The axis is marked broken when it
    does not reach zero.
    """
    _require(series, ["year", "value", "segment"], "trend_chart")
    _require(band, ["year", "value", "low", "high"], "trend_chart band")
    policy.require_trend_points(n_fit, what=title)
    data = series.dropna(subset=["value"]).sort_values("year")
    decimals = _decimals_needed(list(data["value"]), 2)
    figure, ax = _new_axes()
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
    ordered = band.sort_values("year")
    interval = ordered.dropna(subset=["low", "high"])
    ax.fill_between(
        interval["year"],
        interval["low"],
        interval["high"],
        color=policy.NEUTRAL,
        alpha=0.2,
        label="Prognosintervall 95 %",
    )
    policy.trend_line(ax, list(ordered["year"]), list(ordered["value"]), n_values=n_fit)
    last = ordered.iloc[-1]
    alt = (
        f"Linjediagram: {title}. Utfall{_unit_phrase(unit)}: {', '.join(parts)}. Trenden "
        f"pekar mot {swedish.format_number(last['value'], decimals or 1)} för "
        f"{int(last['year'])} (prognosintervall {swedish.format_number(last['low'], decimals or 1)}"
        f"–{swedish.format_number(last['high'], decimals or 1)})."
    )
    if target is not None:
        policy.reference_line(ax, target, label=policy.escape_mathtext(target_label))
        alt += f" {target_label}: {_value_text(target, unit, _decimals_needed([target], 2))}."
    if ax.get_ylim()[0] > 0:
        policy.mark_broken_axis(ax)
    set_year_axis(ax, [*data["year"], *ordered["year"]])
    ax.set_ylabel(_unit_label(unit))
    ax.yaxis.set_major_formatter(SwedishFormatter())
    ax.set_title(policy.escape_mathtext(title))
    ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0), frameon=False)
    alt += f" {policy.source_note(figure, sources)}."
    return Chart(figure, alt)
