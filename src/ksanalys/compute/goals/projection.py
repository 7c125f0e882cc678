"""Compute stage: a criterion's trend projected to its target year, with guardrails.

The fit is :func:`ksanalys.compute.trends.fit_trend` (OLS on the year) over the values the
assessment may use: years up to the latest value, in the latest value's basis segment
(values are never joined across a definition break). Guardrails:

- fewer than :data:`MIN_GOAL_TREND_POINTS` (6) values of one basis give no projection at
  all: a line through four or five yearly values, with a 95 % band, is more precision than
  such a series holds for a board (the text gives the values and what the target requires
  instead);
- the line and its 95 % prediction interval are cut to the indicator's possible range
  (:func:`value_range`: a share stays within 0–100), flag ``clipped`` when they were;
- ``beyond_series``: the projection year lies further after the last value than the fitted
  values span (last − first year); the projection is shown but called a bare
  extrapolation.

The band drawn in a chart (``band``) goes forward only: the fitted line over the fitted
years without an interval, then from the last value (an interval of width zero) through
the 95 % prediction interval of each later year up to the projection year. The interval is
never drawn across the years that were observed.

``clears_target`` is True when the whole 95 % prediction interval lies on the target's
side (≥/≤ for at_least/at_most and thresholds of change; strictly beyond for a plain
increase/decrease), False when it does not, None without an interval or target.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from ksanalys.compute.trends import MIN_TREND_POINTS, fit_trend
from ksanalys.values import is_missing

__all__ = [
    "BAND_COLUMNS",
    "MIN_GOAL_TREND_POINTS",
    "GoalProjection",
    "clears",
    "project_series",
    "value_range",
]

# The fewest values of one definition a goal's trend and forecast are drawn from: below it,
# no trend line, band or forecast figure (the method annex says so). Above the general
# MIN_TREND_POINTS of compute.trends: a goal's verdict rests on the forecast.
MIN_GOAL_TREND_POINTS = max(6, MIN_TREND_POINTS)

BAND_COLUMNS = ("year", "value", "low", "high", "kind")

# The values an indicator of each unit can take. Shares are 0–100; the indices of the
# data (NKI, NI, trygghet, förtroende) are 0–100 scales; counts are never negative.
_RANGES: dict[str, tuple[float | None, float | None]] = {
    "procent": (0.0, 100.0),
    "index": (0.0, 100.0),
    "antal": (0.0, None),
}


def value_range(unit: str) -> tuple[float | None, float | None]:
    """(lowest, highest) possible value of an indicator in ``unit``; None = no bound."""
    return _RANGES.get(unit, (None, None))


def _clip(value: float, bounds: tuple[float | None, float | None]) -> float:
    if is_missing(value):
        return value
    low, high = bounds
    if low is not None and value < low:
        return low
    if high is not None and value > high:
        return high
    return value


@dataclass(frozen=True)
class GoalProjection:
    """The projection of one criterion's series.

    ``band`` has the columns :data:`BAND_COLUMNS`: the fitted line over the fitted years
    (kind "fitted", low/high NaN), then kind "forward": the last observed value (low = high =
    the value) and each later year up to the projection year with its 95 % prediction
    interval (low/high NaN without an interval).
    """

    year: int
    value: float
    low: float | None
    high: float | None
    has_interval: bool
    target: float | None
    clears_target: bool | None
    first_year: int
    last_year: int
    n_points: int
    beyond_series: bool
    band: pd.DataFrame
    clipped: bool = False

    @property
    def flags(self) -> list[str]:
        flags = ["beyond_series"] if self.beyond_series else []
        return [*flags, "clipped"] if self.clipped else flags


def clears(low: float, high: float, target: float, *, upward: bool, inclusive: bool) -> bool:
    """Whether the interval [low, high] lies wholly on the good side of ``target``."""
    if upward:
        return low >= target if inclusive else low > target
    return high <= target if inclusive else high < target


def _forward(fit, fit_values: pd.DataFrame, year: int) -> pd.DataFrame:
    """The forward band: the last observed value, then each later year's projection with
    its prediction interval, up to ``year``."""
    last = fit_values.sort_values("year").iloc[-1]
    rows = [(int(last["year"]), float(last["value"]), float(last["value"]), float(last["value"]))]
    for ahead in range(int(last["year"]) + 1, int(year) + 1):
        point = fit.project(ahead)
        low = point.low if point.has_interval and point.low is not None else float("nan")
        high = point.high if point.has_interval and point.high is not None else float("nan")
        rows.append((ahead, point.value, low, high))
    frame = pd.DataFrame(rows, columns=["year", "value", "low", "high"])
    return frame.astype({"year": "int64"}).assign(kind="forward").astype({"kind": "str"})


def project_series(
    fit_values: pd.DataFrame,
    year: int,
    *,
    target: float | None,
    upward: bool,
    inclusive: bool,
    bounds: tuple[float | None, float | None] = (None, None),
) -> GoalProjection | None:
    """Project ``fit_values`` (columns year, value) to ``year``, cut to ``bounds``; None
    with fewer than :data:`MIN_GOAL_TREND_POINTS` values."""
    if len(fit_values) < MIN_GOAL_TREND_POINTS:
        return None
    fit = fit_trend(fit_values[["year", "value"]])
    point = fit.project(int(year))
    value = _clip(point.value, bounds)
    low = None if point.low is None else _clip(point.low, bounds)
    high = None if point.high is None else _clip(point.high, bounds)
    cleared = None
    if low is not None and high is not None and target is not None:
        cleared = clears(low, high, target, upward=upward, inclusive=inclusive)
    fitted = pd.DataFrame(
        {
            "year": fit.fitted["year"].astype("int64"),
            "value": fit.fitted["fitted"].astype("float64"),
            "low": float("nan"),
            "high": float("nan"),
            "kind": pd.Series(["fitted"] * len(fit.fitted), dtype="str"),
        }
    )
    raw = pd.concat([fitted, _forward(fit, fit_values, point.year)], ignore_index=True)
    lowest, highest = bounds
    band = raw.assign(
        **{c: raw[c].clip(lower=lowest, upper=highest) for c in ("value", "low", "high")}
    )
    clipped = not band[["value", "low", "high"]].equals(raw[["value", "low", "high"]])
    return GoalProjection(
        year=point.year,
        value=value,
        low=low,
        high=high,
        has_interval=point.has_interval,
        target=target,
        clears_target=cleared,
        first_year=fit.first_year,
        last_year=fit.last_year,
        n_points=fit.n,
        beyond_series=point.year - fit.last_year > fit.last_year - fit.first_year,
        band=band,
        clipped=clipped,
    )
