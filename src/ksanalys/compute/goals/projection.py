"""A criterion's trend projected to its target year, with the guardrails a reader needs.

The fit is :func:`ksanalys.compute.trends.fit_trend` (OLS on the year) over the values the
assessment may use: years up to the latest value, in the latest value's basis segment.
Guardrails, each reported as a flag:

- ``two_points``: two values give the line through them and no prediction interval, so
  whether the target is cleared stays unknown (``clears_target`` None); one value gives
  no projection at all.
- ``beyond_series``: the projection year lies further after the last value than the fitted
  values span (last − first year); the projection is shown but called a bare
  extrapolation.

``clears_target`` is True when the whole 95 % prediction interval lies on the target's
side (≥/≤ for at_least/at_most and thresholds of change; strictly beyond for a plain
increase/decrease), False when it does not, None without an interval or target.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from ksanalys.compute.trends import fit_trend

__all__ = ["BAND_COLUMNS", "GoalProjection", "clears", "project_series"]

BAND_COLUMNS = ("year", "value", "low", "high", "kind")


@dataclass(frozen=True)
class GoalProjection:
    """The projection of one criterion's series.

    ``band`` has the columns :data:`BAND_COLUMNS`: the fitted line over the fitted years
    (kind "fitted") and the projection year (kind "projected"); low/high are NaN
    without an interval.
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

    @property
    def flags(self) -> list[str]:
        flags = [] if self.has_interval else ["two_points"]
        return [*flags, "beyond_series"] if self.beyond_series else flags


def clears(low: float, high: float, target: float, *, upward: bool, inclusive: bool) -> bool:
    """Whether the interval [low, high] lies wholly on the good side of ``target``."""
    if upward:
        return low >= target if inclusive else low > target
    return high <= target if inclusive else high < target


def project_series(
    fit_values: pd.DataFrame,
    year: int,
    *,
    target: float | None,
    upward: bool,
    inclusive: bool,
) -> GoalProjection | None:
    """Project ``fit_values`` (columns year, value) to ``year``; None with fewer than 2 values."""
    if len(fit_values) < 2:
        return None
    fit = fit_trend(fit_values[["year", "value"]])
    point = fit.project(int(year))
    cleared = None
    if point.has_interval and target is not None:
        cleared = clears(point.low, point.high, target, upward=upward, inclusive=inclusive)
    fitted = pd.DataFrame(
        {
            "year": fit.fitted["year"].astype("int64"),
            "value": fit.fitted["fitted"].astype("float64"),
            "low": fit.fitted["low"].astype("float64"),
            "high": fit.fitted["high"].astype("float64"),
            "kind": pd.Series(["fitted"] * len(fit.fitted), dtype="str"),
        }
    )
    projected = pd.DataFrame(
        {
            "year": pd.Series([point.year], dtype="int64"),
            "value": [point.value],
            "low": [point.low if point.has_interval else float("nan")],
            "high": [point.high if point.has_interval else float("nan")],
            "kind": pd.Series(["projected"], dtype="str"),
        }
    )
    band = pd.concat([fitted, projected], ignore_index=True)
    return GoalProjection(
        year=point.year,
        value=point.value,
        low=point.low,
        high=point.high,
        has_interval=point.has_interval,
        target=target,
        clears_target=cleared,
        first_year=fit.first_year,
        last_year=fit.last_year,
        n_points=fit.n,
        beyond_series=point.year - fit.last_year > fit.last_year - fit.first_year,
        band=band,
    )
