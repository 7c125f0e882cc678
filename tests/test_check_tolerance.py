"""The tolerance rule and the expression language of the granskning (check)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from ksanalys.compute.check.expressions import (
    BinaryOp,
    Cell,
    ExpressionError,
    Indicator,
    Negate,
    Number,
    Quantity,
    evaluate,
    parse,
)
from ksanalys.compute.check.tolerance import (
    amounts_agree,
    cell_format,
    comparison_decimals,
    decimals_of,
    round_half_up,
)
from ksanalys.present.text.check_labels import describe

D = Decimal


@pytest.mark.parametrize(
    ("printed", "computed", "terms", "agree"),
    [
        (10139, 10138, 2, True),  # KS kontor: 227 978 − 217 840 = 10 138, printed 10 139
        (10139, 10138, 1, False),  # the same amount printed twice must be identical
        (70191, 70190, 2, True),  # balansräkning 2012: 42 055 + 28 135
        (102, 100, 2, False),  # two terms: at most 1 tkr
        (102, 100, 4, True),  # four terms: |2| < 2,5
        (103, 100, 4, False),
        (10138, 10139, 7, True),  # a seven-term sum may be 3 tkr off
        (10135, 10139, 7, False),
        (50, 0, 0, False),  # nothing to add up: the printed figure must be 0
    ],
)
def test_amounts_agree_within_half_a_unit_per_printed_figure(printed, computed, terms, agree):
    assert amounts_agree(D(printed), D(computed), terms) is agree


def test_amounts_agree_at_other_precisions():
    assert amounts_agree(D("4.55"), D("4.54"), 2, decimals=2)
    assert not amounts_agree(D("4.55"), D("4.54"), 1, decimals=2)


@pytest.mark.parametrize(
    ("value", "decimals", "expected"),
    [
        ("2.45", 1, "2.5"),
        ("-2.45", 1, "-2.5"),  # away from zero
        ("0.05", 1, "0.1"),  # not half-to-even
        ("3.1524", 1, "3.2"),  # 9 267 / 293 963
        ("-0.04", 1, "0.0"),  # no negative zero
        ("2796", 0, "2796"),
    ],
)
def test_round_half_up(value, decimals, expected):
    rounded = round_half_up(D(value), decimals)
    assert str(rounded) == expected


def test_decimals_of_stored_numbers():
    assert [decimals_of(v) for v in (4.54, 15.0, 0.97, 14.81, 284697.0, 24.7)] == [
        2,
        0,
        2,
        2,
        0,
        1,
    ]


def test_comparison_decimals_takes_the_coarser_precision():
    assert comparison_decimals(0, 2) == 0  # "15 procent" against 14,81
    assert comparison_decimals(2, 0) == 0  # "14,81" against a value stored as 15
    assert comparison_decimals(1, None) == 1  # a ratio: the printed decimals
    assert comparison_decimals(1, 3) == 1  # mkr (1 decimal) from tkr (3 decimals as mkr)


def test_cell_formats_are_listed_in_one_place():
    assert cell_format("net_cost", "ks_kontor", "growth_pct") == (1, "procent")
    assert cell_format("departments", "hr", "deviation_pct") == (1, "procent")
    assert cell_format("ki", "ki_tal", "value") == (2, "kvot")
    assert cell_format("ki", "kostnader_totalt", "value") == (0, "tkr")
    assert cell_format("budget", "ks_kontor", "deviation") == (0, "tkr")


def test_parse_precedence_and_references():
    node = parse("{a:x:c} + 2 * {indicator:sjuk:ks_kontor:2013:31 december}")
    assert node == BinaryOp(
        "+",
        Cell("a", "x", "c"),
        BinaryOp("*", Number(D(2)), Indicator("sjuk", "ks_kontor", 2013, "31 december")),
    )
    assert parse("-{a:x:c} / 1000") == BinaryOp("/", Negate(Cell("a", "x", "c")), Number(D(1000)))
    assert parse("({a:x:c} - {a:y:c}) - 0.01") == BinaryOp(
        "-", BinaryOp("-", Cell("a", "x", "c"), Cell("a", "y", "c")), Number(D("0.01"))
    )


@pytest.mark.parametrize(
    "text",
    [
        "__import__('os').system('true')",
        "{a:b}",
        "{indicator:x:y}",
        "{indicator:x:y:20x3}",
        "1 +",
        "(1 + 2",
        "1 2",
        "",
        "abs(1)",
        "1 ** 2",
        "{a::c}",
    ],
)
def test_parse_rejects_anything_outside_the_grammar(text):
    with pytest.raises(ExpressionError):
        parse(text)


def _resolver(values: dict):
    def resolve(ref):
        value, decimals = values[ref]
        return Quantity(D(value), decimals, 1)

    return resolve


def test_evaluate_tracks_decimals_and_terms():
    a, b = Cell("t", "a", "v"), Cell("t", "b", "v")
    resolve = _resolver({a: ("9267", 0), b: ("293963", 0)})
    in_mkr = evaluate(parse("{t:a:v} / 1000"), resolve)
    assert in_mkr == Quantity(D("9.267"), 3, 1)
    share = evaluate(parse("100 * {t:a:v} / {t:b:v}"), resolve)
    assert share.decimals is None and share.terms == 2
    assert round_half_up(share.value, 1) == D("3.2")
    difference = evaluate(parse("{t:b:v} - {t:a:v} - {t:a:v}"), resolve)
    assert difference == Quantity(D(293963 - 2 * 9267), 0, 3)


def test_evaluate_division_by_zero_is_undefined():
    a = Cell("t", "a", "v")
    assert evaluate(parse("100 / {t:a:v}"), _resolver({a: ("0", 0)})) is None


def test_describe_renders_swedish_formula_with_needed_parentheses():
    labels = {"x": "X", "y": "Y", "z": "Z"}

    def text(expression):
        return describe(parse(expression), lambda cell: labels[cell.row], str)

    assert text("100 * ({a:x:c} - {a:y:c}) / {a:y:c}") == "100 · (X − Y) / Y"
    assert text("{a:x:c} - ({a:y:c} - {a:z:c})") == "X − (Y − Z)"
    assert text("({a:x:c} - {a:y:c}) - {a:z:c}") == "X − Y − Z"
    assert text("{a:x:c} - 0.01") == "X − 0,01"
