"""Printed sums of the deviation tables against the rows they add: rounding under the check
rules' tolerance or a real gap, on hand-made frames and the 2013 report."""

from __future__ import annotations

import math

import pandas as pd

from ksanalys.compute.deviations import printed_deviations, sum_gaps
from ksanalys.load import load_dataset
from ksanalys.present.swedish import NBSP
from ksanalys.present.text import reasons


def frame(rows: list[tuple[str, str, str, float]]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=["unit_id", "level", "parent", "deviation"])


def test_a_units_departments_and_the_boards_units_are_set_against_their_printed_sums():
    gaps = sum_gaps(
        frame(
            [
                ("a", "unit", "", 100.0),
                ("b", "unit", "", -30.0),
                ("a1", "department", "a", 60.0),
                ("a2", "department", "a", 39.0),
                ("a3", "department", "a", math.nan),  # blank: 0 and no term
                ("board", "board", "", 75.0),
            ]
        )
    ).set_index("unit_id")
    assert list(gaps.index) == ["a", "board"]  # b has no departments: no sum of its own
    assert gaps.loc["a", "lines"] == 99 and gaps.loc["a", "terms"] == 2
    assert gaps.loc["a", "rounding"]  # 1 tkr over two terms: |1| < 3/2
    assert gaps.loc["board", "lines"] == 70 and not gaps.loc["board", "rounding"]  # 5 tkr


def test_equal_sums_are_no_rounding():
    gaps = sum_gaps(frame([("a", "unit", "", 5.0), ("board", "board", "", 5.0)]))
    assert gaps["lines"].tolist() == [5.0] and not gaps["rounding"].any()


def test_2013_the_offices_departments_add_to_one_less_than_printed_and_that_is_rounding():
    # Bokslut 2013: departments 3 341 + 1 454 + 4 336 − 2 239 + 2 029 + 223 + 994 = 10 138,
    # "Summa kommunstyrelsens kontor" 10 139; units −872 + 10 139 = 9 267 = "Summa".
    ds = load_dataset()
    deviations = printed_deviations(ds, 2013)
    gaps = sum_gaps(deviations).set_index("unit_id")
    office = ds.organisation.board.office
    assert (gaps.loc[office, "printed"], gaps.loc[office, "lines"]) == (10139, 10138)
    assert gaps.loc[office, "terms"] == 7 and gaps.loc[office, "rounding"]
    board = gaps.loc[ds.organisation.board_id]
    assert (board["printed"], board["lines"], board["rounding"]) == (9267, 9267, False)


def test_the_sum_note_says_what_rows_add_to_and_whether_that_is_rounding():
    note = reasons.sum_note("avdelningarna", 10138.0, 10139.0, rounding=True)
    assert note.replace(NBSP, " ") == (
        "Anm.: avdelningarna summerar till 10 138 tkr, bokslutets summa är 10 139 tkr (avrundning)"
    )
    assert "avrundning" not in reasons.sum_note("enheterna", 9000.0, 9267.0, rounding=False)
    assert reasons.sum_note("enheterna", 9267.0, 9267.0, rounding=False) == ""
