"""Which printed table each unit-year figure comes from, on small hand-made tables."""

from __future__ import annotations

import math
from pathlib import Path

import pandas as pd
import pytest

from ksanalys.compute.figures import (
    FIGURE_COLUMNS,
    INCOME_STATEMENT_COLUMNS,
    income_statement,
    unit_figures,
)
from ksanalys.load import Dataset, load_dataset

NAN = math.nan


def table(columns: str, rows: list[tuple]) -> pd.DataFrame:
    names = columns.split(",")
    frame = pd.DataFrame.from_records(rows, columns=names)
    text = [c for c in names if c in {"unit_id", "unit", "kind", "total_of", "line_id", "source"}]
    return frame.astype(dict.fromkeys(text, "str"))


def rr_rows(year, outcome: dict, outcome_prev: dict) -> list[tuple]:
    lines = sorted(set(outcome) | set(outcome_prev))
    return [
        (year, line, outcome.get(line, NAN), outcome_prev.get(line, NAN), f"rr{year}")
        for line in lines
    ]


# The organisation of the hand-made tables: (unit_id, label, level, parent).
UNITS = [
    ("kommunstyrelsen", "Kommunstyrelsen totalt", "board", NAN),
    ("politisk_ledning", "Politisk ledning", "unit", "kommunstyrelsen"),
    ("ks_kontor", "Kommunstyrelsens kontor", "unit", "kommunstyrelsen"),
    ("ekonomi", "Ekonomi", "department", "ks_kontor"),
    ("it", "IT", "department", "ks_kontor"),
    ("eget", "Nämndens eget ansvar", "department", "ks_kontor"),
]
ORGANISATION = {
    "units": pd.DataFrame.from_records(
        [(*u, NAN, NAN, NAN, NAN, NAN) for u in UNITS],
        columns=[
            *("unit_id", "unit", "level", "parent_unit_id", "from_year", "to_year"),
            *("renamed_from", "in_text", "where"),
        ],
    ),
    "board": table(
        "board_id,name,in_text,genitive,short_name,office_unit_id",
        [("kommunstyrelsen", "Kommunstyrelsen", "kommunstyrelsen", "kommunstyrelsens", "KS", "")],
    ),
    "kommun": table("kommun_id,name,short_name,genitive", [("k", "K kommun", "K", "K kommuns")]),
    "levels": table(
        "level,singular,plural,definite_plural",
        [(level, level, level, level) for level in ("board", "unit", "department")],
    ),
}


def dataset(*, rr=(), net_cost=(), budget=(), departments=()) -> Dataset:
    tables = {
        **ORGANISATION,
        "resultatrakning": table("report_year,line_id,outcome,outcome_prev,source", list(rr)),
        "net_cost": table(
            "report_year,row,unit_id,unit,kind,total_of,net_cost,net_cost_prev,source",
            list(net_cost),
        ),
        "budget": table(
            "report_year,row,unit_id,unit,kind,total_of,grant,forecast,net_cost,deviation,source",
            list(budget),
        ),
        "departments": table(
            "report_year,row,unit_id,unit,kind,total_of,result,grant,net_cost,deviation_pct,source",
            list(departments),
        ),
    }
    return Dataset(Path("handmade"), tables, "sha256:test")


RR_2013 = rr_rows(
    2013,
    {
        "summa_intakter": 40.0,
        "summa_kostnader": -300.0,
        "avskrivningar": -10.0,
        "verksamhetens_nettokostnad": -270.0,
        "kommunbidrag": 290.0,
        "rantenetto": -5.0,
        "formedlingsbidrag": 0.0,
        "resultat": 15.0,
    },
    {
        "summa_intakter": 30.0,
        "summa_kostnader": -280.0,
        "avskrivningar": -12.0,
        "verksamhetens_nettokostnad": -262.0,
        "kommunbidrag": 295.0,
        "rantenetto": -3.0,
        "formedlingsbidrag": -1.0,
        "resultat": 29.0,
    },
)
NET_COST_2013 = [
    (2013, 1, "politisk_ledning", "Politisk ledning", "line", NAN, 60.0, 61.0, "nku13"),
    (2013, 2, "ks_kontor", "Kommunstyrelsens kontor", "line", NAN, 215.0, 205.0, "nku13"),
    # printed sum deliberately wrong: it must not be used
    (2013, 3, "kommunstyrelsen", "Summa", "total", "politisk_ledning+ks_kontor", 1.0, 1.0, "nku13"),
]
BUDGET_2013 = [
    (2013, 1, "politisk_ledning", "Politisk ledning", "line", NAN, 58.0, 59.0, 60.0, -2.0, "b13"),
    (
        2013,
        2,
        "ks_kontor",
        "Kommunstyrelsens kontor",
        "line",
        NAN,
        232.0,
        220.0,
        215.0,
        17.0,
        "b13",
    ),
    (
        2013,
        3,
        "kommunstyrelsen",
        "Summa",
        "total",
        "politisk_ledning+ks_kontor",
        9.0,
        9.0,
        9.0,
        9.0,
        "b13",
    ),
]
DEPARTMENTS_2013 = [
    (2013, 1, "ekonomi", "Ekonomi", "line", NAN, 5.0, 100.0, 95.0, 5.0, "d13"),
    (2013, 2, "it", "IT", "line", NAN, -3.0, 135.0, 138.0, -2.2, "d13"),
    (2013, 3, "eget", "Nämndens eget ansvar", "line", NAN, 18.0, NAN, -18.0, NAN, "d13"),
    (
        2013,
        4,
        "ks_kontor",
        "Summa kontoret",
        "subtotal",
        "ekonomi+it+eget",
        17.0,
        232.0,
        215.0,
        7.3,
        "d13",
    ),
    (2013, 5, "politisk_ledning", "Politisk ledning", "line", NAN, -2.0, 58.0, 60.0, -3.4, "d13"),
    (
        2013,
        6,
        "kommunstyrelsen",
        "Nämnden totalt",
        "total",
        "ks_kontor+politisk_ledning",
        1.0,
        1.0,
        1.0,
        1.0,
        "d13",
    ),
]


@pytest.fixture
def one_report() -> Dataset:
    return dataset(
        rr=RR_2013, net_cost=NET_COST_2013, budget=BUDGET_2013, departments=DEPARTMENTS_2013
    )


def rows_by_unit(frame: pd.DataFrame, year: int) -> dict[str, pd.Series]:
    return {row["unit_id"]: row for _, row in frame[frame["year"] == year].iterrows()}


def test_columns_types_and_order(one_report):
    figures = unit_figures(one_report)
    assert tuple(figures.columns) == FIGURE_COLUMNS
    assert figures["year"].dtype == "int64"
    assert figures["net_cost"].dtype == "float64"
    assert figures["unit"].dtype == "str"
    assert list(figures["year"].unique()) == [2012, 2013]
    assert list(figures.loc[figures["year"] == 2013, "unit_id"]) == [
        "politisk_ledning",
        "ks_kontor",
        "ekonomi",
        "it",
        "eget",
        "kommunstyrelsen",
    ]
    assert list(figures.loc[figures["year"] == 2012, "unit_id"]) == [
        "politisk_ledning",
        "ks_kontor",
        "kommunstyrelsen",
    ]


def test_units_take_net_cost_from_the_own_report_and_earlier_years_from_prev(one_report):
    figures = unit_figures(one_report)
    y13, y12 = rows_by_unit(figures, 2013), rows_by_unit(figures, 2012)
    assert y13["politisk_ledning"]["net_cost"] == 60
    assert y13["ks_kontor"]["net_cost"] == 215
    assert y12["politisk_ledning"]["net_cost"] == 61
    assert y12["ks_kontor"]["net_cost"] == 205
    assert (y13["ks_kontor"]["grant"], y13["ks_kontor"]["forecast"]) == (232, 220)
    assert math.isnan(y12["ks_kontor"]["grant"]) and math.isnan(y12["ks_kontor"]["forecast"])
    assert y13["ks_kontor"]["level"] == "unit"
    assert y13["ks_kontor"]["parent_unit_id"] == "kommunstyrelsen"
    assert y13["ks_kontor"]["unit"] == "Kommunstyrelsens kontor"
    assert y13["ks_kontor"]["source"] == "nku13,b13"


def test_board_is_the_sum_of_its_units_not_the_printed_sum(one_report):
    board = rows_by_unit(unit_figures(one_report), 2013)["kommunstyrelsen"]
    assert board["unit"] == "Kommunstyrelsen totalt"  # the board's label in units.csv
    assert board["level"] == "board"
    assert pd.isna(board["parent_unit_id"])
    assert (board["net_cost"], board["grant"], board["forecast"]) == (275, 290, 279)


def test_board_falls_back_to_the_income_statement_where_a_unit_lacks_a_figure(one_report):
    board = rows_by_unit(unit_figures(one_report), 2012)["kommunstyrelsen"]
    assert board["net_cost"] == 61 + 205  # both units have it: their sum
    assert board["grant"] == 295  # units lack it: Kommunbidrag, outcome_prev of report 2013
    assert math.isnan(board["forecast"])  # no fallback for the forecast
    assert board["source"] == "nku13,rr2013"


def test_board_net_cost_from_the_income_statement_includes_financial_items():
    net_cost = [row for row in NET_COST_2013 if row[2] != "politisk_ledning"]
    ds = dataset(rr=RR_2013, net_cost=net_cost, budget=BUDGET_2013)
    figures = unit_figures(ds)
    assert rows_by_unit(figures, 2013)["kommunstyrelsen"]["net_cost"] == 270 + 5 + 0
    assert rows_by_unit(figures, 2012)["kommunstyrelsen"]["net_cost"] == 262 + 3 + 1


def test_a_blank_financial_item_counts_as_zero_in_the_fallback():
    rr = [row for row in RR_2013 if row[1] != "rantenetto"]
    ds = dataset(rr=rr, budget=BUDGET_2013)
    board = rows_by_unit(unit_figures(ds), 2013)["kommunstyrelsen"]
    assert board["net_cost"] == 270


def test_departments_hang_under_the_unit_whose_subtotal_adds_them(one_report):
    rows = rows_by_unit(unit_figures(one_report), 2013)
    assert rows["ekonomi"]["level"] == "department"
    assert rows["ekonomi"]["parent_unit_id"] == "ks_kontor"
    assert (rows["it"]["net_cost"], rows["it"]["grant"]) == (138, 135)
    assert math.isnan(rows["it"]["forecast"])
    # a blank nämndbidrag on a printed department row is no grant: 0
    assert (rows["eget"]["net_cost"], rows["eget"]["grant"]) == (-18, 0)
    # politisk_ledning is a line of the department table but a unit, not a department
    assert rows["politisk_ledning"]["level"] == "unit"
    assert rows["politisk_ledning"]["source"] == "nku13,b13"


def test_a_later_report_does_not_override_the_own_report():
    later = [
        (2014, 1, "politisk_ledning", "Politisk ledning", "line", NAN, 70.0, 99.0, "nku14"),
        (2014, 2, "ks_kontor", "Kommunstyrelsens kontor", "line", NAN, 220.0, 99.0, "nku14"),
    ]
    rr_2014 = rr_rows(2014, {"kommunbidrag": 300.0}, {"kommunbidrag": 999.0})
    ds = dataset(rr=[*RR_2013, *rr_2014], net_cost=[*NET_COST_2013, *later])
    rows = rows_by_unit(unit_figures(ds), 2013)
    assert rows["politisk_ledning"]["net_cost"] == 60
    assert rows["kommunstyrelsen"]["grant"] == 290  # report 2013's own Kommunbidrag
    assert set(unit_figures(ds)["year"]) == {2012, 2013, 2014}


def test_income_statement_by_fiscal_year(one_report):
    statement = income_statement(one_report).set_index("year")
    assert tuple(income_statement(one_report).columns) == INCOME_STATEMENT_COLUMNS
    assert statement.loc[2013, "income"] == 40
    assert statement.loc[2013, "costs"] == 300 + 10 + 5 + 0
    assert statement.loc[2013, "grant"] == 290
    assert statement.loc[2013, "result"] == 15
    assert statement.loc[2012, "costs"] == 280 + 12 + 3 + 1
    assert statement.loc[2012, "grant"] == 295
    assert statement.loc[2012, "source"] == "rr2013"


def test_the_shipped_data_gives_the_printed_board_figures():
    ds = load_dataset()
    rows = unit_figures(ds).set_index(["year", "unit_id"])
    assert rows.loc[(2013, "kommunstyrelsen"), "net_cost"] == 284_697
    assert rows.loc[(2012, "kommunstyrelsen"), "net_cost"] == 283_116
    assert rows.loc[(2013, "kommunstyrelsen"), "grant"] == 293_963
    assert rows.loc[(2012, "kommunstyrelsen"), "grant"] == 297_469
    # Without the units' net costs the board's comes from the resultaträkning, equal up to
    # rounding: 283 010 + 1 686 + 0 = 284 696 and 280 069 + 2 966 + 80 = 283 115.
    rr_only = Dataset(ds.data_dir, {**ds.tables, "net_cost": ds.net_cost.iloc[0:0]}, "x")
    rows = unit_figures(rr_only).set_index(["year", "unit_id"])
    assert rows.loc[(2013, "kommunstyrelsen"), "net_cost"] == 284_696
    assert rows.loc[(2012, "kommunstyrelsen"), "net_cost"] == 283_115
    statement = income_statement(ds).set_index("year")
    assert statement.loc[2013, "costs"] == 310_355 + 11_374 + 1_686
    assert statement.loc[2012, "costs"] == 303_006 + 12_393 + 2_966 + 80
