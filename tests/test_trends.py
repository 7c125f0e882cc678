"""OLS trends: exact and noisy lines against independent numpy/scipy formulas, two-point
lines without interval, errors for unusable input, and no leaking warnings."""

from __future__ import annotations

import math
import warnings

import numpy as np
import pandas as pd
import pytest
from scipy import stats

from ksanalys.compute.trends import Projection, TrendError, fit_trend
from ksanalys.errors import KsanalysError


def frame(years, values) -> pd.DataFrame:
    return pd.DataFrame({"year": years, "value": values})


def independent_prediction(years, values, year):
    """Point prediction and 95 % prediction interval by the textbook OLS formulas."""
    x = np.asarray(years, dtype=float)
    y = np.asarray(values, dtype=float)
    n = len(x)
    x_bar = x.mean()
    sxx = ((x - x_bar) ** 2).sum()
    slope = ((x - x_bar) * (y - y.mean())).sum() / sxx
    intercept = y.mean() - slope * x_bar
    residuals = y - (intercept + slope * x)
    s = math.sqrt((residuals**2).sum() / (n - 2))
    value = intercept + slope * year
    se_pred = s * math.sqrt(1 + 1 / n + (year - x_bar) ** 2 / sxx)
    t = stats.t.ppf(0.975, n - 2)
    return slope, intercept, value, value - t * se_pred, value + t * se_pred


def test_exact_line_gives_its_slope_and_a_zero_width_interval():
    fit = fit_trend(frame([2010, 2011, 2012, 2013], [1.0, 3.0, 5.0, 7.0]))
    assert fit.n == 4
    assert fit.has_interval is True
    assert fit.slope == pytest.approx(2.0, abs=1e-12)
    assert fit.intercept == pytest.approx(1.0 - 2.0 * 2010, abs=1e-8)
    p = fit.project(2015)
    assert p == Projection(
        2015, pytest.approx(11.0), pytest.approx(11.0), pytest.approx(11.0), True, 2
    )
    assert p.high - p.low == pytest.approx(0.0, abs=1e-9)
    assert list(fit.fitted.columns) == ["year", "value", "fitted", "low", "high"]
    assert fit.fitted["fitted"].to_numpy() == pytest.approx([1.0, 3.0, 5.0, 7.0])


def test_noisy_points_match_the_textbook_prediction_interval():
    years = [2009, 2010, 2011, 2012, 2014]
    values = [69.5, 70.5, 71.8, 71.8, 71.5]
    fit = fit_trend(frame(years, values))
    for year in (2011, 2016):
        slope, intercept, value, low, high = independent_prediction(years, values, year)
        p = fit.project(year)
        assert fit.slope == pytest.approx(slope, rel=1e-10)
        assert fit.intercept == pytest.approx(intercept, rel=1e-10)
        assert p.value == pytest.approx(value, rel=1e-10)
        assert p.low == pytest.approx(low, rel=1e-10)
        assert p.high == pytest.approx(high, rel=1e-10)
        assert p.has_interval is True
    assert fit.project(2011).extrapolation_years == 0
    assert fit.project(2016).extrapolation_years == 2
    assert fit.project(2006).extrapolation_years == 3


def test_fitted_frame_is_sorted_by_year_and_holds_the_interval_at_each_year():
    years, values = [2013, 2011, 2012], [7.2, 3.5, 5.0]
    fit = fit_trend(frame(years, values))
    assert list(fit.fitted["year"]) == [2011, 2012, 2013]
    assert list(fit.fitted["value"]) == [3.5, 5.0, 7.2]
    _, _, value, low, high = independent_prediction(years, values, 2012)
    row = fit.fitted.set_index("year").loc[2012]
    assert (row["fitted"], row["low"], row["high"]) == pytest.approx((value, low, high))


def test_two_points_give_the_line_through_them_without_interval():
    fit = fit_trend(frame([2012, 2013], [6.39, 7.13]))
    assert fit.has_interval is False
    assert fit.slope == pytest.approx(0.74)
    p = fit.project(2014)
    assert p.value == pytest.approx(7.87)
    assert (p.low, p.high, p.has_interval, p.extrapolation_years) == (None, None, False, 1)
    assert fit.fitted["fitted"].to_numpy() == pytest.approx([6.39, 7.13])
    assert fit.fitted["low"].isna().all()


@pytest.mark.parametrize(
    ("data", "words"),
    [
        (frame([2013], [1.0]), "minst två år"),
        (frame([], []), "minst två år"),
        (frame([2012, 2013, 2013], [1.0, 2.0, 3.0]), "2013 förekommer mer än en gång"),
        (frame([2012, 2013, 2014], [1.0, math.nan, 3.0]), "värde saknas för år 2013"),
        (frame([2012, 2013], [1.0, None]), "värde saknas"),
        (frame([2012.5, 2013], [1.0, 2.0]), "heltal"),
        (frame(["x", "y"], [1.0, 2.0]), "tal"),
        (pd.DataFrame({"year": [2012, 2013]}), "value"),
    ],
)
def test_unusable_input_is_a_ksanalys_error_in_swedish(data, words):
    with pytest.raises(TrendError, match=words) as raised:
        fit_trend(data)
    assert isinstance(raised.value, KsanalysError)


def test_projecting_a_non_integer_year_is_an_error():
    fit = fit_trend(frame([2012, 2013, 2014], [1.0, 2.0, 4.0]))
    with pytest.raises(TrendError):
        fit.project(2015.5)


@pytest.mark.parametrize(
    ("years", "values"),
    [
        ([2012, 2013], [6.39, 7.13]),
        ([2012, 2013, 2014], [1.0, 2.0, 3.0]),
        ([2012, 2013, 2014], [1.0, 2.5, 2.9]),
        ([2010, 2011, 2012, 2013], [5.0, 5.0, 5.0, 5.0]),
    ],
)
def test_no_warning_leaks(years, values):
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        with np.errstate(all="raise"):
            fit = fit_trend(frame(years, values))
            fit.project(2020)
            fit.project(years[0])
    assert caught == []
