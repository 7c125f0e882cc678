"""Linear trends over years: ordinary least squares (statsmodels) on the year.

:func:`fit_trend` fits value = intercept + slope · year. With three or more years a
projection carries a 95 % prediction interval for a single new observation. With exactly
two years (only the exploration API, ``ks.fit_trend``, asks for it: the report shows no
trend from fewer than :data:`MIN_TREND_POINTS` values) the trend is the line through both
points and has no interval (``has_interval`` is False). Fewer than two years, repeated years
or missing values raise :class:`TrendError`. No numpy or statsmodels warning reaches the
caller.
"""

from __future__ import annotations

import math
import warnings
from contextlib import contextmanager
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from ksanalys.errors import KsanalysError

__all__ = [
    "CONFIDENCE",
    "MIN_TREND_POINTS",
    "Projection",
    "TrendError",
    "TrendFit",
    "fit_trend",
]

CONFIDENCE = 0.95
# The fewest values of one definition a trend is shown or projected from anywhere in the
# report (text, goal status, charts). With fewer, the report gives the change, not a trend.
MIN_TREND_POINTS = 4


class TrendError(KsanalysError):
    """A trend cannot be fitted to the given values."""


@dataclass(frozen=True)
class Projection:
    """The trend's value for ``year``; ``low``/``high`` bound the 95 % prediction interval.

    ``extrapolation_years`` is how far ``year`` lies outside the fitted years (0 inside).
    """

    year: int
    value: float
    low: float | None
    high: float | None
    has_interval: bool
    extrapolation_years: int


@dataclass(frozen=True)
class TrendFit:
    """A fitted trend. ``fitted`` has the columns year, value, fitted, low, high (the
    interval at the fitted years; NaN without interval). ``intercept`` is the line's
    value at year 0 (the OLS parameter of ``value ~ year``)."""

    slope: float
    intercept: float
    n: int
    fitted: pd.DataFrame
    has_interval: bool
    _results: object = field(default=None, repr=False, compare=False)
    _centre: float = field(default=0.0, repr=False, compare=False)
    _level: float = field(default=0.0, repr=False, compare=False)

    @property
    def first_year(self) -> int:
        return int(self.fitted["year"].min())

    @property
    def last_year(self) -> int:
        return int(self.fitted["year"].max())

    def project(self, year: int) -> Projection:
        """The trend's value for ``year``, with a prediction interval if the fit has one."""
        year = _as_year(year)
        extrapolation = max(self.first_year - year, year - self.last_year, 0)
        if not self.has_interval:
            value = self._level + self.slope * (year - self._centre)
            return Projection(year, float(value), None, None, False, extrapolation)
        mean, low, high = _predict(self._results, np.array([year - self._centre]))
        return Projection(year, float(mean[0]), float(low[0]), float(high[0]), True, extrapolation)


def _as_year(year: object) -> int:
    if isinstance(year, bool) or not isinstance(year, int | np.integer):
        raise TrendError(f"ett år måste vara ett heltal, fann {year!r}")
    return int(year)


def _checked(frame: pd.DataFrame) -> pd.DataFrame:
    missing = [c for c in ("year", "value") if c not in frame.columns]
    if missing:
        raise TrendError(f"trenden kräver kolumnerna year och value; saknar {', '.join(missing)}")
    data = frame[["year", "value"]]
    try:
        years = pd.to_numeric(data["year"], errors="raise").astype("float64")
        values = pd.to_numeric(data["value"], errors="raise").astype("float64")
    except (TypeError, ValueError):
        raise TrendError("år och värden i en trend måste vara tal") from None
    if years.isna().any() or not np.all(np.mod(years.to_numpy(), 1) == 0):
        raise TrendError("varje år i en trend måste vara ett heltal")
    missing_years = [int(y) for y in years[values.isna() | ~np.isfinite(values)]]
    if missing_years:
        listed = ", ".join(str(y) for y in missing_years)
        raise TrendError(f"värde saknas för år {listed}; en trend kräver ett värde per år")
    repeated = sorted({int(y) for y in years[years.duplicated()]})
    if repeated:
        listed = ", ".join(str(y) for y in repeated)
        raise TrendError(
            f"året {listed} förekommer mer än en gång; en trend kräver ett värde per år"
        )
    if len(years) < 2:
        raise TrendError(f"en trend kräver minst två år med värden, fann {len(years)}")
    result = pd.DataFrame({"year": years.astype("int64"), "value": values})
    return result.sort_values("year", ignore_index=True)


@contextmanager
def _quiet():
    """Keep numpy and statsmodels warnings inside this module."""
    with warnings.catch_warnings(), np.errstate(all="ignore"):
        warnings.simplefilter("ignore")
        yield


def _statsmodels():
    """``statsmodels.api``, imported on the first fit: a module that only names
    :data:`MIN_TREND_POINTS` (the report's run record and method page) does not pay for it."""
    import statsmodels.api as sm

    return sm


def _predict(results, x_centred: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    sm = _statsmodels()
    exog = sm.add_constant(x_centred.reshape(-1, 1).astype("float64"), has_constant="add")
    with _quiet():
        frame = results.get_prediction(exog).summary_frame(alpha=1 - CONFIDENCE)
    return (
        frame["mean"].to_numpy(),
        frame["obs_ci_lower"].to_numpy(),
        frame["obs_ci_upper"].to_numpy(),
    )


def fit_trend(frame: pd.DataFrame) -> TrendFit:
    """Fit value = intercept + slope · year to ``frame`` (columns year, value)."""
    data = _checked(frame)
    years = data["year"].to_numpy(dtype="float64")
    values = data["value"].to_numpy(dtype="float64")
    n = len(data)
    centre = float(years.mean())
    if n == 2:
        slope = float((values[1] - values[0]) / (years[1] - years[0]))
        level = float(values.mean())
        fitted = data.assign(fitted=level + slope * (years - centre), low=math.nan, high=math.nan)
        return TrendFit(
            slope=slope,
            intercept=level - slope * centre,
            n=n,
            fitted=fitted,
            has_interval=False,
            _centre=centre,
            _level=level,
        )

    sm = _statsmodels()
    exog = sm.add_constant((years - centre).reshape(-1, 1), has_constant="add")
    with _quiet():
        results = sm.OLS(values, exog).fit()
    constant, slope = (float(p) for p in results.params)
    mean, low, high = _predict(results, years - centre)
    fitted = data.assign(fitted=mean, low=low, high=high)
    return TrendFit(
        slope=slope,
        intercept=constant - slope * centre,
        n=n,
        fitted=fitted,
        has_interval=True,
        _results=results,
        _centre=centre,
        _level=constant,
    )
