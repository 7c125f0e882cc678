"""Measures on hand-made numbers and frames, including missing inputs and zero denominators."""

from __future__ import annotations

import math
import warnings

import numpy as np
import pandas as pd
import pytest

from ksanalys.compute import measures as m


def nan_equal(a, b) -> bool:
    return (math.isnan(a) and math.isnan(b)) or a == pytest.approx(b)


@pytest.mark.parametrize(
    ("function", "args", "expected"),
    [
        (m.growth_tkr, (110, 100), 10.0),
        (m.growth_tkr, (90, 100), -10.0),
        (m.growth_tkr, (None, 100), math.nan),
        (m.growth_pct, (110, 100), 10.0),
        (m.growth_pct, (66857, 67081), 100 * -224 / 67081),
        (m.growth_pct, (5, 0), math.nan),
        (m.growth_pct, (5, math.nan), math.nan),
        (m.budget_deviation_tkr, (100, 80), 20.0),
        (m.budget_deviation_tkr, (100, 120), -20.0),
        (m.budget_deviation_tkr, (0, -994), 994.0),
        (m.budget_deviation_tkr, (math.nan, 80), math.nan),
        (m.budget_deviation_pct, (200, 150), 25.0),
        (m.budget_deviation_pct, (200, 250), -25.0),
        (m.budget_deviation_pct, (0, -994), math.nan),
        (m.budget_deviation_pct, (None, 5), math.nan),
        (m.forecast_deviation_tkr, (105, 100), 5.0),
        (m.forecast_deviation_tkr, (95, 100), -5.0),
        (m.forecast_deviation_tkr, (None, 100), math.nan),
        (m.result_share_of_grant_pct, (25, 500), 5.0),
        (m.result_share_of_grant_pct, (25, 0), math.nan),
        (m.result_share_of_grant_pct, (None, 500), math.nan),
        (m.grant_change_pct, (98, 100), -2.0),
        (m.grant_change_pct, (98, 0), math.nan),
        (m.grant_change_pct, (98, None), math.nan),
        (m.cost_income_ratio, (90, 20, 80), 0.9),
        (m.cost_income_ratio, (90, 0, 0), math.nan),
        (m.cost_income_ratio, (90, 20, -20), math.nan),
        (m.cost_income_ratio, (90, None, 80), math.nan),
        (m.percentage_point_change, (7.13, 6.39), 7.13 - 6.39),
        (m.percentage_point_change, (7.13, None), math.nan),
        (m.safe_divide, (1, 4), 0.25),
        (m.safe_divide, (1, 0), math.nan),
        (m.safe_divide, (0, 0), math.nan),
        (m.safe_divide, (None, 4), math.nan),
    ],
)
def test_scalar_measures(function, args, expected):
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        result = function(*args)
    assert caught == []
    assert isinstance(result, float)
    assert nan_equal(result, expected)


def test_measures_work_elementwise_on_series_without_warnings():
    net_cost = pd.Series([110.0, 5.0, np.nan, 0.0], index=[3, 4, 5, 6])
    prev = pd.Series([100.0, 0.0, 10.0, 0.0], index=[3, 4, 5, 6])
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        growth = m.growth_pct(net_cost, prev)
    assert caught == []
    assert list(growth.index) == [3, 4, 5, 6]
    assert growth.iloc[0] == pytest.approx(10.0)
    assert growth.iloc[1:].isna().all()


def test_a_series_against_a_scalar_denominator():
    result = m.safe_divide(pd.Series([1.0, 2.0]), 0)
    assert isinstance(result, pd.Series)
    assert result.isna().all()


def test_add_measures_joins_the_previous_year_of_the_same_unit():
    figures = pd.DataFrame(
        {
            "year": [2012, 2013, 2013, 2013],
            "unit_id": ["a", "a", "b", "c"],
            "net_cost": [100.0, 110.0, 50.0, -10.0],
            "grant": [120.0, 108.0, np.nan, 0.0],
            "forecast": [np.nan, 115.0, np.nan, np.nan],
        }
    )
    out = m.add_measures(figures).set_index(["year", "unit_id"])
    a13 = out.loc[(2013, "a")]
    assert a13["net_cost_prev"] == 100
    assert a13["grant_prev"] == 120
    assert a13["growth_tkr"] == 10
    assert a13["growth_pct"] == pytest.approx(10.0)
    assert a13["deviation_tkr"] == -2
    assert a13["deviation_pct"] == pytest.approx(-2 / 108 * 100)
    assert a13["forecast_deviation_tkr"] == 5
    assert a13["grant_change_pct"] == pytest.approx(-10.0)
    a12 = out.loc[(2012, "a")]
    assert math.isnan(a12["net_cost_prev"]) and math.isnan(a12["growth_tkr"])
    assert a12["deviation_tkr"] == 20
    b13 = out.loc[(2013, "b")]
    assert math.isnan(b13["net_cost_prev"])  # 2012 of "a" is not "b"'s previous year
    assert math.isnan(b13["deviation_tkr"]) and math.isnan(b13["deviation_pct"])
    c13 = out.loc[(2013, "c")]
    assert c13["deviation_tkr"] == 10 and math.isnan(c13["deviation_pct"])


def test_add_measures_keeps_rows_and_input_unchanged():
    figures = pd.DataFrame(
        {
            "year": [2013, 2012],
            "unit_id": ["a", "a"],
            "net_cost": [110.0, 100.0],
            "grant": [1.0, 1.0],
            "forecast": [1.0, 1.0],
        }
    )
    before = figures.copy()
    out = m.add_measures(figures)
    pd.testing.assert_frame_equal(figures, before)
    assert list(out["year"]) == [2013, 2012]
    assert list(out["growth_tkr"].fillna(-1)) == [10.0, -1.0]
    # applying twice gives the same frame (old measure columns are replaced)
    pd.testing.assert_frame_equal(m.add_measures(out), out)


def test_a_gap_year_gives_no_previous_value():
    figures = pd.DataFrame(
        {
            "year": [2011, 2013],
            "unit_id": ["a", "a"],
            "net_cost": [100.0, 110.0],
            "grant": [1.0, 1.0],
            "forecast": [1.0, 1.0],
        }
    )
    assert m.add_measures(figures)["growth_tkr"].isna().all()


def test_indicator_changes_per_series():
    indicators = pd.DataFrame(
        {
            "indicator": ["sjuk", "sjuk", "sjuk", "sjuk", "lon", "lon", "lon"],
            "scope": ["kommunen", "kommunen", "ksk", "ksk", "kommunen", "kommunen", "kommunen"],
            "year": [2012, 2013, 2012, 2013, 2012, 2013, 2013],
            "period": [None, None, None, None, "april", "april", "december"],
            "value": [6.39, 7.13, 4.55, 4.54, 93.9, 93.8, 93.3],
            "unit": ["procent"] * 7,
        },
        index=[10, 11, 12, 13, 14, 15, 16],
    ).astype({"period": "str"})
    out = m.add_indicator_changes(indicators)
    assert list(out.index) == list(indicators.index)
    assert list(out.columns) == [*indicators.columns, "value_prev", "change"]
    assert math.isnan(out.loc[10, "change"])
    assert out.loc[11, "value_prev"] == 6.39
    assert out.loc[11, "change"] == pytest.approx(0.74)
    assert out.loc[13, "change"] == pytest.approx(-0.01)
    assert out.loc[15, "change"] == pytest.approx(-0.1)
    assert math.isnan(out.loc[16, "change"])  # no 'december' value for 2012
