"""Present stage: charts of the economy chapter (net cost, budget deviation)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import seaborn as sns

from ksanalys.present import swedish
from ksanalys.present.plots.chart import (
    SIZE,
    Chart,
    SwedishFormatter,
    _new_axes,
    _require,
    _years_text,
    set_year_axis,
)

SURPLUS_COLOR = "#2b7a3d"
DEFICIT_COLOR = "#b23a2e"


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
