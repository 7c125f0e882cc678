"""validate_claims / validate_rules: what check and goals would reject, ``validate`` rejects,
with the same message, the file's full path and the line an editor shows."""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

import pytest

from ksanalys.cli import main
from ksanalys.compute.check import check_year, validate_claims
from ksanalys.compute.goals import assess_goals, validate_rules
from ksanalys.errors import DataError
from ksanalys.load import default_data_dir, load_dataset


@pytest.fixture
def data(tmp_path: Path) -> Path:
    target = tmp_path / "data"
    shutil.copytree(default_data_dir(), target)
    return target


def edit(path: Path, key: tuple[str, str], column: str, value: str, *, blank: bool = False):
    """Set ``column`` in the row whose ``key[0]`` is ``key[1]``; ``blank`` adds a blank line
    after the header. Returns the row's editor line number (header = 1)."""
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    header = rows[0]
    index = next(i for i, r in enumerate(rows) if r and r[header.index(key[0])] == key[1])
    rows[index][header.index(column)] = value
    if blank:
        rows.insert(1, [])
        index += 1
    with path.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle, lineterminator="\n").writerows(rows)
    return index + 1


def rejected(call, ds) -> DataError:
    with pytest.raises(DataError) as caught:
        call(ds)
    return caught.value


def test_shipped_data_is_valid():
    ds = load_dataset()
    validate_claims(ds)
    rules = validate_rules(ds)
    assert rules["naringsliv-1"][0].target_year == 2015


@pytest.mark.parametrize(
    ("column", "value", "expected", "found"),
    [
        ("expression", "{budget:kommunstyrelsen:deviation} +", "ett giltigt uttryck", None),
        (
            "expression",
            "{budget:kommunstyrelsen:nosuch}",
            "en cell eller indikator som finns i data",
            "{budget:kommunstyrelsen:nosuch}",
        ),
        (
            "expression",
            "{indicator:sjukfranvaro:kommunen:1999}",
            "en cell eller indikator som finns i data",
            "{indicator:sjukfranvaro:kommunen:1999}",
        ),
        ("restates", "overskott", "tomt eller ett av", "overskott"),
        ("restates", "nosuch.deviation_tkr", "tomt eller ett av", "nosuch.deviation_tkr"),
        (
            "restates",
            "ks_kontor.grant_change_pct",
            "tomt eller ett av",
            "ks_kontor.grant_change_pct",
        ),
        (
            "restates",
            "indicator:sjukfranvaro:kommunen:1999",
            "tomt eller ett av",
            "indicator:sjukfranvaro:kommunen:1999",
        ),
    ],
)
def test_bad_claim_is_rejected_by_validate_and_check_alike(data, column, value, expected, found):
    line = edit(data / "claims.csv", ("claim_id", "ts-overskott-andel"), column, value, blank=True)
    assert line == 4  # third row, after the header and a blank line
    ds = load_dataset(data)
    error = rejected(validate_claims, ds)
    assert (error.file, error.row, error.column) == (str(data / "claims.csv"), 4, column)
    assert expected in error.expected
    assert error.found == found
    assert str(rejected(lambda d: check_year(d, 2013), ds)) == str(error)


@pytest.mark.parametrize(
    ("goal", "column", "value", "expected"),
    [
        ("arbetsgivare-3", "period", "1 maj", "en period som finns för kvinnors_medianlon_andel"),
        ("arbetsgivare-3", "period", "", "en period som väljer ett av värdena"),
        ("arbetsgivare-1", "scope", "ks_kontoret", "ett scope som har värden"),
        ("naringsliv-1", "target_year", "2011", "ett målår efter basåret 2012"),
        ("naringsliv-1", "target_year", "2012", "ett målår efter basåret 2012"),
    ],
)
def test_bad_goal_rule_is_rejected_by_validate_and_goals_alike(data, goal, column, value, expected):
    line = edit(data / "goal_rules.csv", ("goal_id", goal), column, value, blank=True)
    ds = load_dataset(data)
    error = rejected(validate_rules, ds)
    assert (error.file, error.row, error.column) == (str(data / "goal_rules.csv"), line, column)
    assert expected in error.expected
    assert str(rejected(lambda d: assess_goals(d, 2013), ds)) == str(error)


def test_cli_validate_rejects_what_check_and_goals_reject(data, capsys):
    edit(data / "claims.csv", ("claim_id", "ts-overskott"), "decimals", "-1")
    assert main(["validate", "--data", str(data)]) == 2
    assert "claims.csv, rad 2, kolumn 'decimals'" in capsys.readouterr().err
    shutil.copy(default_data_dir() / "claims.csv", data / "claims.csv")
    line = edit(data / "goal_rules.csv", ("goal_id", "naringsliv-1"), "target_year", "2010")
    assert main(["validate", "--data", str(data)]) == 2
    assert f"goal_rules.csv, rad {line}, kolumn 'target_year'" in capsys.readouterr().err
    shutil.copy(default_data_dir() / "goal_rules.csv", data / "goal_rules.csv")
    assert main(["validate", "--data", str(data)]) == 0


def test_a_goal_quote_for_a_goal_not_followed_up_that_year_is_refused_by_validate(data, capsys):
    # Found by tools/fuzz_data.py (round 5921): goals.csv's personal-3 moved to 2012, so the
    # quote of 2013 about personal-3 names no goal of 2013; `goals` refused it, `validate` did
    # not.
    edit(data / "goals.csv", ("goal_id", "personal-3"), "report_year", "2012")
    assert main(["validate", "--data", str(data)]) == 2
    message = capsys.readouterr().err
    assert "goal_quotes.csv, rad" in message and "kolumn 'goal_id'" in message
    assert "förväntade ett mål som finns i goals.csv för bokslutsåret 2013" in message
    assert "fann 'personal-3'" in message
