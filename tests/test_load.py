"""The loader: the shipped data loads, and each kind of bad input gets a precise error."""

from __future__ import annotations

import csv
import math
import shutil
from pathlib import Path

import pytest

from ksanalys.cli import main
from ksanalys.errors import DataError, DataErrors, YearNotInDataError
from ksanalys.load import data_hash, default_data_dir, load_dataset, row_lines

DATA = default_data_dir()


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    target = tmp_path / "data"
    shutil.copytree(DATA, target)
    return target


def rewrite(path: Path, edit) -> None:
    """Apply ``edit(rows)`` to the rows of a CSV file (header is rows[0])."""
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    edit(rows)
    with path.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle, lineterminator="\n").writerows(rows)


def set_cell(path: Path, line: int, column: str, value: str) -> None:
    """Set the cell in editor line ``line`` (header = 1) of ``column``."""

    def edit(rows):
        rows[line - 1][rows[0].index(column)] = value

    rewrite(path, edit)


def problems(folder: Path) -> list[DataError]:
    """Every DataError that loading ``folder`` reports."""
    with pytest.raises((DataError, DataErrors)) as caught:
        load_dataset(folder)
    error = caught.value
    return error.errors if isinstance(error, DataErrors) else [error]


def test_shipped_data_loads_with_years_and_types():
    ds = load_dataset()
    assert ds.report_years == [2013]
    assert ds.years == [2012, 2013]
    rr = ds.resultatrakning.set_index("line_id")
    assert rr.loc["resultat", "outcome"] == 9267
    assert rr.loc["kommunbidrag", "outcome_prev"] == 297469
    # a blank printed cell is missing, not zero
    assert math.isnan(rr.loc["avgifter_taxor", "outcome"])
    assert rr.loc["ovriga_kostnader", "outcome"] == 0
    assert ds.resultatrakning["report_year"].dtype == "int64"
    assert ds.resultatrakning["outcome"].dtype == "float64"


def test_require_year_lists_the_years_that_are():
    ds = load_dataset()
    assert ds.require_year(2013) == 2013
    assert ds.require_year("2012") == 2012
    with pytest.raises(YearNotInDataError, match=r"2011.*2012, 2013"):
        ds.require_year(2011)
    for text in ("tjugotretton", "２０１３", "٢٠١٣", " 2013", "+2013", "2013.0"):
        with pytest.raises(YearNotInDataError):
            ds.require_year(text)


def test_data_hash_follows_the_bytes(data_copy: Path):
    before = data_hash(data_copy)
    assert before == data_hash(DATA)
    set_cell(data_copy / "budget.csv", 2, "forecast", "67186")
    assert data_hash(data_copy) != before


@pytest.mark.parametrize(
    ("file", "line", "column", "value", "expected"),
    [
        ("budget.csv", 3, "grant", "227 978", "ett tal"),
        ("budget.csv", 2, "kind", "rad", "ett av 'header'"),
        ("budget.csv", 2, "source", "ks2099-budget", "sources.source"),
        ("budget.csv", 2, "unit_id", "", "tom"),
        ("net_cost.csv", 4, "total_of", "politisk_ledning+kontoret", "radnycklar"),
        ("departments.csv", 3, "report_year", "13", "ett år mellan"),
        ("resultatrakning.csv", 5, "outcome", " 10481", "mellanslag"),
        ("ki.csv", 6, "unit", "procent", "'kvot'"),
        ("budget.csv", 3, "unit_id", "politisk_ledning", "unik kombination"),
        ("budget.csv", 2, "row", "1.5", "ett heltal"),
        ("budget.csv", 2, "grant", "inf", "ändligt"),
    ],
)
def test_bad_cell_names_file_row_and_column(data_copy, file, line, column, value, expected):
    set_cell(data_copy / file, line, column, value)
    where = (str(data_copy / file), line, column)
    error = next(e for e in problems(data_copy) if (e.file, e.row, e.column) == where)
    message = str(error)
    assert f"{file}, rad {line}, kolumn '{column}'" in message
    assert expected in message


def test_missing_file(data_copy: Path):
    (data_copy / "ki.csv").unlink()
    with pytest.raises(DataError, match=r"ki\.csv: förväntade att filen finns"):
        load_dataset(data_copy)


def test_missing_and_unknown_columns(data_copy: Path):
    rewrite(data_copy / "budget.csv", lambda rows: [r.pop(7) for r in rows])
    with pytest.raises(DataError, match=r"budget\.csv, rad 1, kolumn 'forecast'"):
        load_dataset(data_copy)
    shutil.copy(DATA / "budget.csv", data_copy / "budget.csv")
    rewrite(data_copy / "budget.csv", lambda rows: rows[0].__setitem__(7, "prognos"))
    found = {(e.row, e.column) for e in problems(data_copy)}
    assert found == {(1, "forecast"), (1, "prognos")}


def test_wrong_number_of_fields(data_copy: Path):
    rewrite(data_copy / "net_cost.csv", lambda rows: rows[2].append("extra"))
    with pytest.raises(DataError, match=r"net_cost\.csv, rad 3: förväntade 11 fält, fann 12$"):
        load_dataset(data_copy)


def test_a_file_mixing_utf8_and_other_bytes_names_row_and_column(data_copy: Path):
    path = data_copy / "departments.csv"  # holds å, ä and ö in UTF-8
    lines = path.read_bytes().split(b"\n")
    lines[3] = lines[3].replace("Ö".encode(), b"\xd6").replace("ö".encode(), b"\xf6")
    lines[3] = lines[3].replace(b"HR", b"H\xe5R")
    path.write_bytes(b"\n".join(lines))
    (error,) = problems(data_copy)
    assert (error.file, error.row, error.column) == (str(path), 4, "unit")
    assert "UTF-8" in str(error) and "0xE5" in str(error)


def test_a_stray_report_year_is_blamed_on_the_row_that_has_it(data_copy: Path):
    def add_2014(rows):
        rows.append(["2014", *rows[1][1:]])

    rewrite(data_copy / "ki.csv", add_2014)
    (error,) = problems(data_copy)
    assert (error.file, error.row, error.column) == (str(data_copy / "ki.csv"), 7, "report_year")
    assert "2014" in str(error) and "resultatrakning.csv" in str(error)


def test_a_report_year_must_have_every_printed_table(data_copy: Path):
    def drop_2013(rows):
        del rows[1:]

    rewrite(data_copy / "ki.csv", drop_2013)
    (error,) = problems(data_copy)
    assert (error.file, error.row, error.column) == (str(data_copy / "ki.csv"), None, "report_year")
    assert "bokslutsåret 2013" in str(error)


def test_not_a_folder(tmp_path: Path):
    with pytest.raises(DataError, match="en mapp med datafiler"):
        load_dataset(tmp_path / "saknas")


def test_cli_validate_ok(capsys):
    assert main(["validate"]) == 0
    assert "giltig" in capsys.readouterr().out


def test_cli_validate_broken_csv_one_line_error(data_copy: Path, capsys):
    set_cell(data_copy / "departments.csv", 4, "net_cost", "32,790")
    assert main(["validate", "--data", str(data_copy)]) == 2
    err = capsys.readouterr().err.strip()
    assert "\n" not in err
    assert err.startswith("ksanalys: fel: ")
    assert "departments.csv, rad 4, kolumn 'net_cost'" in err
    assert "'32,790'" in err


def test_a_folder_named_like_a_data_file_is_a_data_error(data_copy: Path):
    (data_copy / "x.csv").mkdir()
    with pytest.raises(DataError) as caught:
        load_dataset(data_copy)
    assert caught.value.file == str(data_copy / "x.csv")
    assert "förväntade en läsbar fil" in str(caught.value)
    (data_copy / "x.csv").rmdir()
    (data_copy / "budget.csv").unlink()
    (data_copy / "budget.csv").mkdir()
    with pytest.raises(DataError, match="en läsbar fil") as caught:
        load_dataset(data_copy)
    assert caught.value.file == str(data_copy / "budget.csv")


def test_rows_keep_their_editor_line_numbers_past_a_blank_line(data_copy: Path):
    path = data_copy / "budget.csv"
    rewrite(path, lambda rows: rows.insert(1, []))
    assert path.read_text(encoding="utf-8").split("\n")[1] == ""
    frame = load_dataset(data_copy).budget
    assert row_lines(frame)[:3] == [3, 4, 5]
    # filtered and sorted frames keep each row's own line
    summa = frame.loc[frame["unit_id"] == "kommunstyrelsen"]
    assert row_lines(summa) == [3 + int(summa.index[0])]
    assert row_lines(frame.sort_values("row", ascending=False))[-1] == 3
    set_cell(path, 4, "grant", "x")
    with pytest.raises(DataError) as caught:
        load_dataset(data_copy)
    assert (caught.value.row, caught.value.column) == (4, "grant")


def test_goal_rules_file_is_required(data_copy: Path):
    (data_copy / "goal_rules.csv").unlink()
    with pytest.raises(DataError, match=r"goal_rules\.csv: förväntade att filen finns"):
        load_dataset(data_copy)


def test_a_change_of_an_unknown_indicator_is_named_with_its_row(data_copy):
    # indicator_meta's change_of names a row of its own table; a typo is one precise error
    path = data_copy / "indicator_meta.csv"
    with path.open(encoding="utf-8") as handle:
        line = 1 + next(
            i
            for i, row in enumerate(csv.reader(handle))
            if row[0].endswith("_forandring") and row[-1]
        )
    set_cell(path, line, "change_of", "attraktiv_arbetsgivar")
    [error] = problems(data_copy)
    assert (error.row, error.column, error.found) == (line, "change_of", "attraktiv_arbetsgivar")
    assert "indicator_meta.indicator" in str(error)
