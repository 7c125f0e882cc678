"""Swedish number formatting, checked against the forms the 2013 report prints."""

from __future__ import annotations

from decimal import Decimal

import numpy as np
import pandas as pd
import pytest

from ksanalys.present.swedish import (
    DASH,
    MINUS,
    NBSP,
    format_change,
    format_excel_csv,
    format_interval,
    format_mkr,
    format_number,
    format_percent,
    format_percent_sign,
    format_pp,
    format_quantity,
    format_ratio,
    format_seconds,
    format_signed,
    format_tkr,
    keep_numbers_together,
    year_span,
    year_span_of,
)


def sv(text: str) -> str:
    """Write expected values readably: "_" is the no-break space, "-" the minus sign."""
    return text.replace("_", "\u00a0").replace("-", "\u2212")


def test_constants_are_the_typographic_characters():
    assert (NBSP, MINUS, DASH) == ("\u00a0", "\u2212", "\u2013")


@pytest.mark.parametrize(
    ("value", "decimals", "expected"),
    [
        (284697, 0, "284_697"),
        (-2239, 0, "-2_239"),
        (1234567, 0, "1_234_567"),
        (999, 0, "999"),
        (-1.179, 1, "-1,2"),
        (0.9721, 2, "0,97"),
        (24.7, 1, "24,7"),
        (5, 1, "5,0"),
        (0, 0, "0"),
    ],
)
def test_format_number(value, decimals, expected):
    assert format_number(value, decimals) == sv(expected)


def test_grouping_is_no_break_space_and_minus_is_u2212():
    text = format_number(-130443)
    assert text == "\u2212130\u00a0443"
    assert "-" not in text and " " not in text


@pytest.mark.parametrize(
    ("value", "decimals", "expected"),
    [
        (2238.5, 0, "2_239"),
        (-2238.5, 0, "-2_239"),
        (0.5, 0, "1"),
        (2.5, 0, "3"),
        (0.25, 1, "0,3"),
        (2.675, 2, "2,68"),
        (Decimal("0.125"), 2, "0,13"),
    ],
)
def test_rounding_is_half_up_not_half_even(value, decimals, expected):
    assert format_number(value, decimals) == sv(expected)


@pytest.mark.parametrize(
    ("value", "decimals", "expected"),
    [(-0.04, 1, "0,0"), (-0.4, 0, "0"), (-0.0, 0, "0"), (-0.004, 2, "0,00")],
)
def test_negative_value_rounding_to_zero_has_no_sign(value, decimals, expected):
    assert format_number(value, decimals) == expected
    assert format_signed(value, decimals) == expected


def test_format_tkr():
    assert format_tkr(284697) == sv("284_697")
    assert format_tkr(284697.4) == sv("284_697")
    assert format_tkr(-872, unit=True) == sv("-872_tkr")


@pytest.mark.parametrize(
    ("tkr", "expected"),
    [
        (9267, "9,3_mkr"),  # the board's surplus, "9,3 mkr"
        (-872, "-0,9_mkr"),  # the political leadership's deficit, "0,9 mkr"
        (10139, "10,1_mkr"),  # the office's surplus, "10,1 mkr"
        (284697, "284,7_mkr"),  # total net cost, "284,7 mkr"
        (-40, "0,0_mkr"),
    ],
)
def test_format_mkr(tkr, expected):
    assert format_mkr(tkr) == sv(expected)


def test_format_mkr_decimals():
    assert format_mkr(12800, decimals=0) == sv("13_mkr")
    assert format_mkr(1614, decimals=2) == sv("1,61_mkr")


def test_format_percent():
    assert format_percent(0.5584) == sv("0,6_procent")
    assert format_percent(-1.179) == sv("-1,2_procent")
    assert format_percent(7.13, decimals=2) == sv("7,13_procent")
    assert format_percent_sign(0.5584) == sv("0,6_%")
    assert format_percent_sign(-1.9) == sv("-1,9_%")


@pytest.mark.parametrize(
    ("value", "decimals", "expected"),
    [
        (-1.2, 1, "-1,2_procentenheter"),
        (0.74, 2, "0,74_procentenheter"),
        (5, 0, "5_procentenheter"),
        (1, 0, "1_procentenhet"),
        (-1.3, 0, "-1_procentenhet"),
        (1, 1, "1,0_procentenheter"),
        (0.01, 2, "0,01_procentenheter"),
        (1.6, 0, "2_procentenheter"),
    ],
)
def test_format_pp_singular_only_for_exactly_one(value, decimals, expected):
    assert format_pp(value, decimals) == sv(expected)


@pytest.mark.parametrize(
    ("value", "decimals", "expected"),
    [
        (10139, 0, "+10_139"),
        (-872, 0, "-872"),
        (0, 0, "0"),
        (4.348, 1, "+4,3"),
        (0.04, 1, "0,0"),
    ],
)
def test_format_signed(value, decimals, expected):
    assert format_signed(value, decimals) == sv(expected)


def test_format_ratio():
    assert format_ratio(0.9721) == "0,97"
    assert format_ratio(1.0) == "1,00"
    assert format_ratio(0.9721, decimals=3) == "0,972"


@pytest.mark.parametrize("missing", [None, float("nan"), np.nan, pd.NA, Decimal("NaN"), pd.NaT])
@pytest.mark.parametrize(
    "function",
    [
        format_number,
        format_tkr,
        format_mkr,
        format_percent,
        format_percent_sign,
        format_pp,
        format_signed,
        format_ratio,
    ],
)
def test_missing_values_are_an_en_dash(function, missing):
    assert function(missing) == DASH


@pytest.mark.parametrize(
    "value",
    [np.int64(-2239), np.int32(-2239), np.float64(-2239.0), Decimal("-2239"), -2239.0],
)
def test_numpy_and_decimal_numbers_are_accepted(value):
    assert format_number(value) == sv("-2_239")


def test_values_from_a_float_frame_column():
    column = pd.Series([9267.0, np.nan, -872.0])
    assert [format_signed(value) for value in column] == [sv("+9_267"), DASH, sv("-872")]


@pytest.mark.parametrize("value", [True, False, np.bool_(True), "284697", "9,3", b"1", 1 + 2j])
def test_bool_and_strings_are_rejected(value):
    with pytest.raises(TypeError):
        format_number(value)


@pytest.mark.parametrize("value", [float("inf"), -np.inf, Decimal("Infinity")])
def test_infinities_are_rejected(value):
    with pytest.raises(ValueError):
        format_number(value)


@pytest.mark.parametrize("decimals", [-1, 1.5, True])
def test_bad_decimals_are_rejected(decimals):
    with pytest.raises(ValueError):
        format_number(1, decimals)


@pytest.mark.parametrize(
    ("value", "unit", "decimals", "expected"),
    [
        (6.39, "procent", 2, f"6,39{NBSP}procent"),
        (140, "mkr", 0, f"140{NBSP}mkr"),
        (-1, "procentenheter", 0, f"\u22121{NBSP}procentenhet"),
        (0.9721, "kvot", 2, "0,97"),
        (58, "index", 0, "58"),
        (float("nan"), "tkr", 0, "\u2013"),
    ],
)
def test_format_quantity_reads_as_the_report_writes(value, unit, decimals, expected):
    assert format_quantity(value, unit, decimals) == expected


@pytest.mark.parametrize(
    ("change", "unit", "decimals", "expected"),
    [
        (0.74, "procent", 2, f"+0,74{NBSP}procentenheter"),  # 7,13 − 6,39
        (-0.01, "procent", 2, f"\u22120,01{NBSP}procentenheter"),
        (0.004, "procent", 2, f"0,00{NBSP}procentenheter"),
        (-99, "antal", 0, "\u221299"),
        (1177, "tkr", 0, f"+1{NBSP}177{NBSP}tkr"),
        (None, "mkr", 1, "\u2013"),
    ],
)
def test_format_change_signs_and_units(change, unit, decimals, expected):
    assert format_change(change, unit, decimals) == expected


def test_year_spans_and_intervals_are_joined_by_an_en_dash():
    assert year_span(2012, 2013) == "2012–2013"
    assert year_span(2013, 2013) == "2013"
    assert year_span_of(pd.Series([2013, 2011, 2012, 2013])) == "2011–2013"
    assert year_span_of([2013]) == "2013" and year_span_of([]) == ""
    assert format_interval(60.14, 72.35, 1) == "60,1–72,4"
    assert format_interval(60, 72, 0, "procent") == sv("60–72_procent")
    assert format_interval(None, 72, 0) == DASH


def test_seconds_and_excel_csv_numbers():
    assert format_seconds(2.345) == sv("2,3_s")
    assert format_excel_csv(-1234.56, 1) == "-1234,6"  # no grouping, ASCII minus for Excel
    assert format_excel_csv(2.5, 0) == "3"
    assert format_excel_csv(float("nan"), 1) == ""


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # r3 PDF p. 25 broke "293 963" written by hand in claims.csv's note over two lines.
        (
            "prognosens resultat 293 963 − 287 493 = 6 470 tkr",
            "prognosens resultat 293\u00a0963 − 287\u00a0493 = 6\u00a0470\u00a0tkr",
        ),
        ("spara 12,8 mkr 2013", "spara 12,8\u00a0mkr 2013"),
        ("till 4,55 procent", "till 4,55\u00a0procent"),
        # Years and counts beside each other are not one number; a unit is a whole word.
        ("2012 och 2013", "2012 och 2013"),
        ("4 procentenheter", "4\u00a0procentenheter"),
        ("12 tkrs", "12 tkrs"),
        ("1 1234", "1 1234"),
    ],
)
def test_keep_numbers_together_in_hand_written_text(text, expected):
    assert keep_numbers_together(text) == expected


def test_dates_and_times_read_as_swedish_prose():
    from ksanalys.present.swedish import format_date, format_datetime

    # the run record's ISO time, shown in its own local time (review r4: "körd 2026-12-07T…")
    assert format_datetime("2026-12-07T20:35:45+00:00") == "7 december 2026 kl. 20.35"
    assert format_datetime("2014-03-01T09:05:59+01:00") == "1 mars 2014 kl. 9.05"
    assert format_date("2014-03-01") == "1 mars 2014"
    with pytest.raises(ValueError):
        format_datetime("igår")
