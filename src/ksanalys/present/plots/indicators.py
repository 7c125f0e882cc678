"""Present stage: charts of an indicator series (goals, personnel)."""

from __future__ import annotations

import pandas as pd
import seaborn as sns

from ksanalys.present import swedish
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
from ksanalys.values import is_missing

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
        ax.axhline(target, color=TARGET_COLOR, linestyle="--", linewidth=1.2, label=target_label)
        shown = swedish.format_number(target, _decimals_needed([target], 2))
        word = "" if unit in UNITLESS else f" {unit}"
        alt += f" {target_label}: {shown}{word}."
    set_year_axis(ax, years)
    ax.set_ylabel(_unit_label(unit))
    ax.yaxis.set_major_formatter(SwedishFormatter())
    ax.set_title(title)
    ax.legend(loc="best")
    return Chart(figure, alt)
