"""The base decisions about values (ksanalys.values), each made once: missing, decimals
shown, plain values for JSON and CSV."""

from __future__ import annotations

from decimal import Decimal

import numpy as np
import pandas as pd
import pytest

from ksanalys.values import decimals_needed, is_missing, number_or_none, plain, rounded


@pytest.mark.parametrize(
    "value", [None, float("nan"), np.float64("nan"), Decimal("NaN"), pd.NA, pd.NaT]
)
def test_missing_values(value):
    assert is_missing(value)
    assert number_or_none(value) is None
    assert plain(value) is None
    assert rounded(value, 1) is None


@pytest.mark.parametrize("value", [0, 0.0, "", "nan", False, Decimal("0")])
def test_values_that_are_not_missing(value):
    assert not is_missing(value)


@pytest.mark.parametrize(
    ("values", "most", "expected"),
    [
        ([6.39, 7.13], 2, 2),  # the report's sjukfrånvaro
        ([71.8, 72], 2, 1),
        ([7572.0], 2, 0),
        ([200, 7.4, 4.54], 2, 2),
        ([4.54], 1, 1),  # at most ``most``
        ([0.30000000000000004], 3, 1),  # float noise of computed values is not a decimal
        ([2.675], 2, 2),  # half-up, never the binary 2.67499…
        ([0.995], 2, 0),  # 1.00 shows as 1
        ([None, float("nan")], 2, 0),
        ([], 2, 0),
        (pd.Series([4.5, None, 83.0]), 2, 1),
    ],
)
def test_decimals_needed_shows_each_value_as_the_most_decimals_would(values, most, expected):
    assert decimals_needed(values, most) == expected


def test_plain_values_for_json():
    assert plain(np.int64(3)) == 3 and type(plain(np.int64(3))) is int
    assert type(plain(np.float64(2.5))) is float
    assert plain("text") == "text"
    assert number_or_none(np.int64(4)) == 4.0


@pytest.mark.parametrize(
    ("value", "decimals", "expected"),
    [(2.5, 0, 3), (-2.5, 0, -3), (1.005, 2, 1.01), (2238.5, 0, 2239), (-0.04, 1, 0.0)],
)
def test_rounded_is_half_up_and_plain(value, decimals, expected):
    result = rounded(value, decimals)
    assert result == expected
    assert type(result) is (int if decimals == 0 else float)
