"""Present stage: charts of the economy chapter, drawn under the chart policy
(:mod:`ksanalys.present.plots.policy`).

- :func:`net_cost_chart`: net cost per unit over the years (a line needs three years);
- :func:`deviation_chart`: budget deviation in percent of the grant, one bar per department
  or unit of one level, sorted, with the board's total as a reference line;
- :func:`change_chart`: signed changes per item (e.g. each line of the resultaträkning
  against the previous year), sorted.

Every chart names its sources under it; bars carry their signed value as a label, so the
sign never rests on colour alone.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import pandas as pd
import seaborn as sns
from matplotlib.patches import Patch

from ksanalys.present import swedish
from ksanalys.present.plots import policy
from ksanalys.present.plots.chart import (
    SIZE,
    Chart,
    SwedishFormatter,
    _new_axes,
    _require,
    _years_text,
    set_year_axis,
)

__all__ = ["change_chart", "deviation_chart", "net_cost_chart"]

SURPLUS_COLOR = policy.POSITIVE
DEFICIT_COLOR = policy.NEGATIVE


def net_cost_chart(
    frame: pd.DataFrame,
    title: str = "Nettokostnad per enhet och år",
    sources: Sequence[str] = ("rapportens tabell över nettokostnadsutveckling",),
) -> Chart:
    """Net cost per unit and year, one line per unit, from zero.

    ``frame`` columns: year (int), unit (Swedish label), net_cost (tkr, positive).
    Rows with a missing net cost are left out. Fewer than
    :data:`~ksanalys.present.plots.policy.MIN_LINE_POINTS` years raise
    :class:`~ksanalys.present.plots.policy.ChartRefused`.
    """
    _require(frame, ["year", "unit", "net_cost"], "net_cost_chart")
    data = frame.dropna(subset=["net_cost"])
    policy.require_points(data["year"].nunique(), what="net cost per unit")
    figure, ax = _new_axes()
    data = data.assign(unit=data["unit"].map(policy.escape_mathtext))
    units = list(dict.fromkeys(data["unit"]))
    sns.lineplot(
        data=data,
        x="year",
        y="net_cost",
        hue="unit",
        palette=policy.SERIES[: len(units)],
        marker="o",
        markersize=8,
        errorbar=None,
        ax=ax,
    )
    set_year_axis(ax, data["year"])
    ax.set_ylabel("Nettokostnad, tkr")
    ax.yaxis.set_major_formatter(SwedishFormatter())
    policy.start_at_zero(ax)
    ax.set_title(policy.escape_mathtext(title))
    if ax.get_legend() is not None:
        ax.legend(title="Enhet", loc="best")
    source = policy.source_note(figure, sources)
    parts = []
    for unit, rows in data.groupby("unit", sort=False):
        values = ", ".join(
            f"{swedish.format_tkr(v, unit=True)} {int(y)}"
            for y, v in zip(rows["year"], rows["net_cost"], strict=True)
        )
        parts.append(f"{unit}: {values}")
    alt = (
        f"Linjediagram: {title}. Nettokostnad per enhet, {_years_text(data['year'])}: "
        f"{'; '.join(parts)}. {source}"
    )
    return Chart(figure, alt)


def _signed_bars(
    data: pd.DataFrame,
    value: str,
    label: str,
    axis_label: str,
    title: str,
    formatter: Callable[[float], str],
    colours: Sequence[str] | None = None,
) -> tuple:
    """Horizontal bars of ``value`` per ``label`` in the frame's order (first at the top),
    labelled with their sign and coloured by sign unless ``colours`` are given; returns
    (figure, ax)."""
    figure, ax = _new_axes()
    figure.set_size_inches(SIZE[0], max(2.6, 0.5 * len(data) + 1.6))
    positions = list(range(len(data)))[::-1]  # the first row at the top
    if colours is None:
        colours = [SURPLUS_COLOR if v >= 0 else DEFICIT_COLOR for v in data[value]]
    bars = ax.barh(positions, data[value], color=list(colours), height=0.6)
    ax.set_yticks(positions, [policy.escape_mathtext(str(t)) for t in data[label]])
    ax.axvline(0, color=policy.TARGET, linewidth=0.8, gid=policy.REFERENCE_GID)
    policy.signed_labels(ax, bars, list(data[value]), formatter, axis="x")
    policy.start_at_zero(ax, "x")
    ax.set_xlabel(axis_label)
    ax.set_ylabel("")
    ax.xaxis.set_major_formatter(SwedishFormatter())
    ax.set_title(policy.escape_mathtext(title))
    ax.grid(axis="y", visible=False)
    return figure, ax


def _signed_percent(value: float) -> str:
    return f"{swedish.format_signed(value, 1)}{swedish.NBSP}%"


def deviation_chart(
    frame: pd.DataFrame,
    *,
    reference: float | None = None,
    reference_label: str = "Kommunstyrelsen totalt",
    title: str = "Avvikelse per avdelning",
    sources: Sequence[str] = ("rapportens tabell över resultat per avdelning",),
) -> Chart:
    """Budget deviation in percent of the grant per unit of one level, largest surplus
    first, with ``reference`` (the board's deviation in percent of its grant) as a dashed
    line.

    ``frame`` columns: unit (Swedish label), deviation_pct (deviation in percent of the
    grant, positive = surplus; the column of key figures). Rows without it are left out;
    fewer than two bars raise :class:`~ksanalys.present.plots.policy.ChartRefused`.
    """
    _require(frame, ["unit", "deviation_pct"], "deviation_chart")
    data = frame.dropna(subset=["deviation_pct"]).sort_values(
        "deviation_pct", ascending=False, kind="stable"
    )
    policy.require_points(len(data), policy.MIN_BARS, what="deviation")
    figure, ax = _signed_bars(
        data, "deviation_pct", "unit", "Avvikelse, % av kommunbidrag", title, _signed_percent
    )
    parts = [
        f"{unit} {_signed_percent(v)}"
        for unit, v in zip(data["unit"], data["deviation_pct"], strict=True)
    ]
    alt = (
        f"Stapeldiagram: {title}. Avvikelse i procent av kommunbidraget, överskott positivt, "
        f"störst överskott först: {'; '.join(parts)}."
    )
    if reference is not None and not pd.isna(reference):
        line_label = f"{reference_label} {_signed_percent(reference)}"
        policy.reference_line(ax, reference, label=policy.escape_mathtext(line_label), axis="x")
        ax.legend(loc="lower right", fontsize=8)
        alt += f" Streckad linje: {line_label}."
    source = policy.source_note(figure, sources)
    return Chart(figure, f"{alt} {source}")


def change_chart(
    frame: pd.DataFrame,
    *,
    title: str,
    axis_label: str,
    sources: Sequence[str],
) -> Chart:
    """Signed changes in tkr per item as horizontal bars, largest increase first.

    ``frame`` columns: label (Swedish), change (tkr, positive = increase) and optionally
    group (e.g. "Intäkt"/"Kostnad": one colour per group, with a legend; without it the
    bars are one colour, as a change is neither good nor bad by its sign). Rows with a
    missing change are left out; fewer than two bars raise
    :class:`~ksanalys.present.plots.policy.ChartRefused`.
    """
    _require(frame, ["label", "change"], "change_chart")
    data = frame.dropna(subset=["change"]).sort_values("change", ascending=False, kind="stable")
    policy.require_points(len(data), policy.MIN_BARS, what="changes")
    groups = list(data["group"]) if "group" in data.columns else ["" for _ in range(len(data))]
    palette = dict(zip(dict.fromkeys(groups), policy.SERIES, strict=False))
    figure, ax = _signed_bars(
        data,
        "change",
        "label",
        axis_label,
        title,
        swedish.format_signed,
        [palette[g] for g in groups],
    )
    if any(groups):
        handles = [
            Patch(color=colour, label=policy.escape_mathtext(group))
            for group, colour in palette.items()
        ]
        ax.legend(handles=handles, loc="lower right", fontsize=8)
    parts = [
        f"{label} {swedish.format_signed(v)}{swedish.NBSP}tkr"
        for label, v in zip(data["label"], data["change"], strict=True)
    ]
    source = policy.source_note(figure, sources)
    alt = f"Stapeldiagram: {title}. {axis_label}: {'; '.join(parts)}. {source}"
    return Chart(figure, alt)
