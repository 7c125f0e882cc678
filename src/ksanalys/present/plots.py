"""Seaborn figures for the report: Swedish titles and labels, integer years, alt text.

Every figure of the report comes from here. A function takes a DataFrame with documented
columns and returns a :class:`Chart`: the matplotlib ``Figure`` and a Swedish alt text
that describes what the figure shows, figures included. Figures are built with
``matplotlib.figure.Figure`` directly, never through pyplot, so nothing is registered
with a GUI backend, nothing leaks and no backend but Agg is needed.

In a notebook a chart displays as one PNG output whose metadata carries the alt text
(see :meth:`Chart._repr_png_`).
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np
import pandas as pd
import seaborn as sns
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.ticker import FixedLocator, Formatter, FuncFormatter, MaxNLocator

from ksanalys.present import swedish

__all__ = [
    "Chart",
    "SwedishFormatter",
    "deviation_chart",
    "indicator_chart",
    "net_cost_chart",
    "set_year_axis",
]

STYLE = "whitegrid"
SIZE = (7.5, 4.2)
DPI = 100
SURPLUS_COLOR = "#2b7a3d"
DEFICIT_COLOR = "#b23a2e"
TARGET_COLOR = "#b23a2e"
MAX_YEAR_TICKS = 12


@dataclass(eq=False)
class Chart:
    """A finished figure and its Swedish alt text.

    ``figure`` stays inspectable (axes, labels, ticks) after the PNG is made.
    """

    figure: Figure
    alt: str
    _png: bytes | None = field(default=None, repr=False)

    def png(self) -> bytes:
        """The figure as PNG bytes (rendered once)."""
        if self._png is None:
            buffer = io.BytesIO()
            self.figure.savefig(buffer, format="png", dpi=DPI)
            self._png = buffer.getvalue()
        return self._png

    def _repr_png_(self) -> tuple[bytes, dict[str, str]]:
        return self.png(), {"alt": self.alt}


class SwedishFormatter(Formatter):
    """Tick labels in Swedish digits ("50 000", "4,5", "−2"), with as few decimals as the
    ticks on the axis need to stay distinct (at most ``max_decimals``)."""

    def __init__(self, max_decimals: int = 3) -> None:
        self.max_decimals = max_decimals
        self.decimals = 0

    def set_locs(self, locs) -> None:
        super().set_locs(locs)
        self.decimals = _decimals_needed(locs, self.max_decimals)

    def __call__(self, x, pos=None) -> str:
        return swedish.format_number(float(x), self.decimals)


def _decimals_needed(values: Sequence[float], max_decimals: int) -> int:
    finite = [float(v) for v in values if np.isfinite(v)]
    for decimals in range(max_decimals + 1):
        if all(abs(v * 10**decimals - round(v * 10**decimals)) < 1e-6 for v in finite):
            return decimals
    return max_decimals


def set_year_axis(ax: Axes, years: Sequence[int], label: str = "År") -> None:
    """Whole years on the x axis: one tick per year (or an integer locator for many years),
    written without a thousands separator ("2013")."""
    years = sorted({int(y) for y in years})
    if len(years) <= MAX_YEAR_TICKS:
        ax.xaxis.set_major_locator(FixedLocator(years))
    else:
        ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    if years:
        margin = 0.5 if len(years) == 1 else 0.25
        ax.set_xlim(years[0] - margin, years[-1] + margin)
    ax.xaxis.set_major_formatter(FuncFormatter(lambda x, pos: f"{round(x):d}"))
    ax.xaxis.set_minor_locator(FixedLocator([]))
    ax.set_xlabel(label)


def _new_axes() -> tuple[Figure, Axes]:
    with sns.axes_style(STYLE):
        figure = Figure(figsize=SIZE, layout="constrained")
        ax = figure.add_subplot()
    return figure, ax


def _years_text(years: Sequence[int]) -> str:
    years = sorted({int(y) for y in years})
    if not years:
        return "inga år"
    if len(years) == 1:
        return str(years[0])
    return f"{years[0]}–{years[-1]}"


def _require(frame: pd.DataFrame, columns: Sequence[str], what: str) -> None:
    missing = [c for c in columns if c not in frame.columns]
    if missing:
        raise KeyError(f"{what}: missing columns {missing}")


def net_cost_chart(frame: pd.DataFrame, title: str = "Nettokostnad per enhet och år") -> Chart:
    """Net cost per unit and year, one line per unit.

    ``frame`` columns: year (int), unit (Swedish label), net_cost (tkr, positive).
    Rows with a missing net cost are left out.
    """
    _require(frame, ["year", "unit", "net_cost"], "net_cost_chart")
    data = frame.dropna(subset=["net_cost"])
    figure, ax = _new_axes()
    sns.lineplot(
        data=data,
        x="year",
        y="net_cost",
        hue="unit",
        marker="o",
        markersize=8,
        errorbar=None,
        ax=ax,
    )
    set_year_axis(ax, data["year"])
    ax.set_ylabel("Nettokostnad, tkr")
    ax.yaxis.set_major_formatter(SwedishFormatter())
    ax.set_ylim(bottom=0)
    ax.set_title(title)
    if ax.get_legend() is not None:
        ax.legend(title="Enhet", loc="best")
    parts = []
    for unit, rows in data.groupby("unit", sort=False):
        values = ", ".join(
            f"{swedish.format_tkr(v, unit=True)} {int(y)}"
            for y, v in zip(rows["year"], rows["net_cost"], strict=True)
        )
        parts.append(f"{unit}: {values}")
    values = "; ".join(parts) + "." if parts else "Inga värden finns."
    alt = f"Linjediagram: {title}. Nettokostnad per enhet, {_years_text(data['year'])}: {values}"
    return Chart(figure, alt)


def deviation_chart(frame: pd.DataFrame, title: str = "Budgetavvikelse per enhet") -> Chart:
    """Budget deviation per unit as horizontal bars; a surplus is positive (green), a
    deficit negative (red).

    ``frame`` columns: unit (Swedish label), deviation (tkr, grant − net cost). Rows keep
    their order; rows with a missing deviation are left out.
    """
    _require(frame, ["unit", "deviation"], "deviation_chart")
    data = frame.dropna(subset=["deviation"]).reset_index(drop=True)
    data = data.assign(
        utfall=np.where(data["deviation"] >= 0, "Överskott", "Underskott"),
    )
    figure, ax = _new_axes()
    height = max(2.6, 0.55 * len(data) + 1.4)
    figure.set_size_inches(SIZE[0], height)
    sns.barplot(
        data=data,
        x="deviation",
        y="unit",
        hue="utfall",
        palette={"Överskott": SURPLUS_COLOR, "Underskott": DEFICIT_COLOR},
        hue_order=["Överskott", "Underskott"],
        orient="h",
        dodge=False,
        saturation=1,
        legend=False,
        ax=ax,
    )
    ax.axvline(0, color="black", linewidth=0.8)
    ax.set_xlabel("Budgetavvikelse, tkr (överskott positivt)")
    ax.set_ylabel("")
    ax.xaxis.set_major_formatter(SwedishFormatter())
    ax.set_title(title)
    parts = [
        f"{unit} {swedish.format_signed(v)}{swedish.NBSP}tkr"
        for unit, v in zip(data["unit"], data["deviation"], strict=True)
    ]
    alt = (
        f"Stapeldiagram: {title}. Budgetavvikelse i tkr, överskott positivt och underskott "
        "negativt. " + ("; ".join(parts) + "." if parts else "Inga värden finns.")
    )
    return Chart(figure, alt)


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
        if swedish.is_missing(last["low"]) or swedish.is_missing(last["high"]):
            alt += ", utan prognosintervall."
        else:
            alt += (
                f" (prognosintervall {swedish.format_number(last['low'], decimals)}"
                f"–{swedish.format_number(last['high'], decimals)})."
            )
    if target is not None and not swedish.is_missing(target):
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


UNITLESS = ("index", "antal", "kvot")


def _unit_phrase(unit: str) -> str:
    return f" ({unit})" if unit in UNITLESS else f" i {unit}"


def _unit_label(unit: str) -> str:
    labels = {"procent": "Procent", "index": "Index", "antal": "Antal", "kvot": "Kvot"}
    return labels.get(unit, f"Belopp, {unit}" if unit in ("tkr", "mkr", "kr") else unit)
