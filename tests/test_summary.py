"""Key figures of 2013 and 2012 on the shipped data, and the ``summary`` subcommand."""

from __future__ import annotations

import csv
import io
import json
import math

import pytest

from ksanalys.cli import main
from ksanalys.compute.key_figures import UNIT_KEYS, key_figures, round_decimals, round_tkr
from ksanalys.errors import YearNotInDataError
from ksanalys.load import load_dataset


@pytest.fixture(scope="module")
def ds():
    return load_dataset()


def unit(*values, change=None, compared_with=None) -> dict:
    """A unit record: the values in the order of UNIT_KEYS."""
    return dict(zip(UNIT_KEYS, [*values, change, compared_with], strict=True))


def department(name, net_cost, grant, dev, dev_pct, **change):
    values = (name, "department", net_cost, None, None, None, grant, None, dev, dev_pct, None)
    return unit(*values, **change)


EXPECTED_2013 = {
    "year": 2013,
    "units": [
        # growth −224/67 081 = −0,334 %; deviation −872/65 985 = −1,3215 %; 67 185 − 66 857
        unit("Politisk ledning", "unit", 66857, 67081, -224, -0.33, 65985, 67185, -872, -1.32, 328),
        # 1 805/216 035 = 0,8355 %; 227 978 − 217 840 = 10 138 (printed 10 139); 220 308 − 217 840
        unit(
            "Kommunstyrelsens kontor",
            "unit",
            217840,
            216035,
            1805,
            0.84,
            227978,
            220308,
            10138,
            4.45,
            2468,
        ),
        department("Stadsdirektörens kansli", 10160, 13501, 3341, 24.75),
        department("Ekonomi", 27607, 29061, 1454, 5.0),
        department("HR", 32790, 37126, 4336, 11.68),
        department("Administration och utredning", 117598, 115359, -2239, -1.94),
        # Näringslivskontoret until 2012 (units.csv); no department printed for 2012
        department(
            "Destination Södertälje",
            15725,
            17754,
            2029,
            11.43,
            change="renamed",
            compared_with=["Näringslivskontoret"],
        ),
        department("Kommunikation", 14954, 15177, 223, 1.47),
        # no nämndbidrag: grant 0, deviation 0 − (−994) = 994, no percentage
        department("Nämndens eget ansvar", -994, 0, 994, None),
    ],
    # 293 963 − 284 697 = 9 266 (printed 9 267 = −872 + 10 139); 287 493 − 284 697 = 2 796
    "total": unit(
        "Kommunstyrelsen totalt",
        "board",
        284697,
        283116,
        1581,
        0.56,
        293963,
        287493,
        9266,
        3.15,
        2796,
    ),
    # 323 415 / (38 719 + 293 963); 9 266 / 293 963; (293 963 − 297 469) / 297 469
    "ratios": {"ki": 0.97, "result_share_of_grant_pct": 3.15, "grant_change_pct": -1.18},
}


def test_key_figures_2013(ds):
    assert key_figures(ds, 2013).to_dict() == EXPECTED_2013


def test_key_figures_2012_have_null_where_the_data_cannot_give_a_value(ds):
    data = key_figures(ds, 2012).to_dict()
    assert data["units"] == [
        unit("Politisk ledning", "unit", 67081, None, None, None, None, None, None, None, None),
        unit(
            "Kommunstyrelsens kontor",
            "unit",
            216035,
            None,
            None,
            None,
            None,
            None,
            None,
            None,
            None,
        ),
    ]
    # grant from the resultaträkning (Kommunbidrag 2012); 297 469 − 283 116 = 14 353, the
    # printed RESULTAT 2012; 14 353 / 297 469 = 4,825 %
    assert data["total"] == unit(
        "Kommunstyrelsen totalt",
        "board",
        283116,
        None,
        None,
        None,
        297469,
        None,
        14353,
        4.83,
        None,
    )
    # (303 006 + 12 393 + 2 966 + 80) / (35 330 + 297 469) = 0,9569
    assert data["ratios"] == {
        "ki": 0.96,
        "result_share_of_grant_pct": 4.83,
        "grant_change_pct": None,
    }
    assert json.loads(json.dumps(data)) == data  # no NaN anywhere


def test_types_are_plain_json_types(ds):
    data = key_figures(ds, 2013).to_dict()
    for record in [*data["units"], data["total"]]:
        for key in ("net_cost", "grant", "deviation_tkr"):
            assert type(record[key]) is int
        assert record["deviation_pct"] is None or type(record["deviation_pct"]) is float
    assert type(data["ratios"]["ki"]) is float


def test_unrounded_attributes(ds):
    figures = key_figures(ds, 2013)
    assert figures.year == 2013
    assert list(figures.units["unit_id"][:2]) == ["politisk_ledning", "ks_kontor"]
    assert figures.total["growth_pct"] == pytest.approx(100 * 1581 / 283116)
    assert figures.ratios["ki"] == pytest.approx(323415 / (38719 + 293963))
    assert math.isnan(figures.units.set_index("unit_id").loc["ekonomi", "growth_tkr"])


@pytest.mark.parametrize("year", [2011, 2014, "2o13"])
def test_a_year_not_in_the_data_lists_the_years_that_are(ds, year):
    with pytest.raises(YearNotInDataError) as raised:
        key_figures(ds, year)
    assert raised.value.years == [2012, 2013]
    assert "2012, 2013" in str(raised.value)


def test_a_year_given_as_text_is_accepted(ds):
    assert key_figures(ds, "2013").year == 2013


@pytest.mark.parametrize(
    ("value", "decimals", "expected"),
    [(0.555, 2, 0.56), (-0.555, 2, -0.56), (0.5549, 2, 0.55), (-0.001, 2, 0.0), (None, 2, None)],
)
def test_round_decimals_is_half_up(value, decimals, expected):
    assert round_decimals(value, decimals) == expected


def test_round_tkr():
    assert (round_tkr(2238.5), round_tkr(-2238.5), round_tkr(math.nan)) == (2239, -2239, None)


def test_cli_json(capsys):
    assert main(["summary", "--year", "2013", "--format", "json"]) == 0
    out = capsys.readouterr().out
    assert json.loads(out) == EXPECTED_2013
    assert "Södertälje" in out  # ensure_ascii=False
    assert '\n  "units": [' in out  # indent 2


def test_cli_csv(capsys):
    assert main(["summary", "--year", "2013", "--format", "csv"]) == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert list(rows[0]) == list(UNIT_KEYS)
    assert len(rows) == 10
    assert rows[-1]["unit"] == "Kommunstyrelsen totalt"
    assert rows[-1]["deviation_tkr"] == "9266"
    assert rows[2]["net_cost_prev"] == ""
    assert rows[0]["growth_pct"] == "-0.33"


def test_cli_text_is_a_swedish_table(capsys):
    assert main(["summary", "--year", "2013", "--data", str(load_dataset().data_dir)]) == 0
    out = capsys.readouterr().out
    total_lines = [line for line in out.splitlines() if line.startswith("Kommunstyrelsen totalt")]
    assert len(total_lines) == 2
    assert "284\u00a0697" in total_lines[0]
    assert "+1\u00a0581" in total_lines[0]
    assert "0,6\u00a0%" in total_lines[0]
    assert "+9\u00a0266" in total_lines[1]
    assert "3,2\u00a0%" in total_lines[1]
    assert "K/I-tal: 0,97" in out
    assert "\u22121,2\u00a0%" in out


def test_cli_text_2012_shows_a_dash_for_missing_values(capsys):
    assert main(["summary", "--year", "2012"]) == 0
    out = capsys.readouterr().out
    politisk = [line for line in out.splitlines() if line.startswith("Politisk ledning")]
    assert "\u2013" in politisk[0]
    assert "nan" not in out.lower()


def test_cli_unknown_year_is_a_usage_error(capsys):
    assert main(["summary", "--year", "2011"]) == 2
    assert "tillgängliga år: 2012, 2013" in capsys.readouterr().err
