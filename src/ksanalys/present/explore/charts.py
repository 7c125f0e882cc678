"""The report's charts drawn from the frames of :mod:`ksanalys.present.explore.api`.

Each function takes the library's own frame as it comes (``ks.key_figures(...)``,
``ks.indicator(...)``) and returns a :class:`~ksanalys.present.plots.Chart`: it shows
itself in a notebook, ``chart.figure`` is the matplotlib figure to adjust or save
(``chart.figure.savefig("fil.png")``) and ``chart.alt`` its Swedish description.
:class:`SwedishFormatter` gives one's own axes Swedish tick labels ("50 000", "4,5").
"""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from ksanalys.compute.trends import TrendFit
from ksanalys.load.schema import BOARD_LEVEL, UNIT_LEVEL
from ksanalys.present import plots, swedish
from ksanalys.present.plots import Chart, SwedishFormatter
from ksanalys.values import number_or_none

__all__ = [
    "Chart",
    "SwedishFormatter",
    "deviation",
    "indicator",
    "net_cost",
    "trend_frame",
]


def _require(frame: pd.DataFrame, columns: Sequence[str], what: str) -> None:
    missing = [c for c in columns if c not in frame.columns]
    if missing:
        raise KeyError(
            f"{what}: kolumnerna {', '.join(missing)} saknas; ta ramen från "
            "ks.key_figures(...) eller ge dem dessa namn"
        )


def _levels(frame: pd.DataFrame, levels: Sequence[str] | None) -> pd.DataFrame:
    if levels is None or "level" not in frame.columns:
        return frame
    return frame[frame["level"].isin(levels)]


def net_cost(
    frame: pd.DataFrame, *, levels: Sequence[str] | None = (UNIT_LEVEL,), title: str | None = None
) -> Chart:
    """Net cost per unit and year, one line per unit.

    ``frame``: :func:`~ksanalys.present.explore.api.key_figures` of several years (columns
    year, unit, net_cost; level if rows are to be picked by ``levels``: "unit",
    "department", "board"; None keeps every row).
    """
    _require(frame, ["year", "unit", "net_cost"], "net_cost")
    data = _levels(frame, levels)[["year", "unit", "net_cost"]]
    span = swedish.year_span_of(data["year"].dropna())
    return plots.net_cost_chart(data, title=title or f"Nettokostnad per enhet {span}".strip())


def deviation(frame: pd.DataFrame, *, title: str | None = None) -> Chart:
    """Budget deviation in percent of the grant (a surplus positive) as bars, largest
    surplus first, one level as the report draws it: every unit or department that has no
    departments of its own (so a unit with departments gives way to them), with
    the whole board as a dashed reference line when its row is in the frame.

    ``frame``: :func:`~ksanalys.present.explore.api.key_figures` of one year (or the
    ``units`` of :func:`ksanalys.compute.key_figures.key_figures`): columns unit and
    deviation_pct; unit_id, parent_unit_id and level pick the rows when present.
    """
    _require(frame, ["unit", "deviation_pct"], "deviation")
    if "year" in frame.columns and frame["year"].nunique() > 1:
        raise ValueError("deviation: ramen har flera år; välj ett, t.ex. kf[kf.year == 2013]")
    board = frame[frame["level"] == BOARD_LEVEL] if "level" in frame.columns else frame[:0]
    shown = frame.drop(board.index)
    if {"unit_id", "parent_unit_id"} <= set(frame.columns):
        shown = shown[~shown["unit_id"].isin(set(frame["parent_unit_id"].dropna()))]
    reference = board["deviation_pct"].iloc[0] if len(board) else None
    year = f" {int(frame['year'].iloc[0])}" if "year" in frame.columns and len(frame) else ""
    return plots.deviation_chart(
        shown[["unit", "deviation_pct"]],
        reference=number_or_none(reference),
        reference_label=str(board["unit"].iloc[0]) if len(board) else "Totalt",
        title=title or f"Budgetavvikelse{year} i procent av kommunbidraget",
        sources=("ksanalys nyckeltal ur bokslutets tabeller",),
    )


def trend_frame(trend: TrendFit, until: int | None = None) -> pd.DataFrame:
    """The trend line of ``trend`` as a frame with the columns year, value (the trend's
    value), low and high (the 95 % prediction interval, NaN without one): its fitted years
    and each year after them up to ``until``."""
    fitted = trend.fitted[["year", "fitted", "low", "high"]].rename(columns={"fitted": "value"})
    ahead = [trend.project(year) for year in range(trend.last_year + 1, (until or 0) + 1)]
    later = pd.DataFrame(
        {
            "year": [p.year for p in ahead],
            "value": [p.value for p in ahead],
            "low": [p.low for p in ahead],
            "high": [p.high for p in ahead],
        }
    )
    frames = [fitted, later.astype({"low": "float64", "high": "float64"})] if ahead else [fitted]
    return pd.concat(frames, ignore_index=True)


def indicator(
    series: pd.DataFrame,
    *,
    title: str | None = None,
    unit: str | None = None,
    target: float | None = None,
    trend: TrendFit | None = None,
    until: int | None = None,
) -> Chart:
    """An indicator's values by year, with an optional target line and trend.

    ``series``: :func:`~ksanalys.present.explore.api.indicator` (or any frame with the
    columns year and value; label and unit, when present, give the default title and unit).
    ``trend``: a :func:`~ksanalys.present.explore.api.fit_trend` result, drawn dotted with
    its prediction interval and carried on to ``until``.
    """
    _require(series, ["year", "value"], "indicator")
    first = series.iloc[0] if len(series) else {}
    unit = unit or (str(first["unit"]) if "unit" in series.columns else "antal")
    title = title or (str(first["label"]) if "label" in series.columns else "Indikator")
    return plots.indicator_chart(
        series[["year", "value"]],
        title=title,
        unit=unit,
        target=target,
        projection=None if trend is None else trend_frame(trend, until),
    )
