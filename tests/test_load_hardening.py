"""Inputs that used to be accepted although wrong, or that ended in a traceback: each is now
one line from ``ksanalys validate`` naming file, row and column, and exit code 2 (or, where
the input is harmless, accepted with the same figures)."""

from __future__ import annotations

import csv
import io
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from ksanalys.cli import main
from ksanalys.load import default_data_dir, load_dataset

DATA = default_data_dir()


@pytest.fixture
def data(tmp_path: Path) -> Path:
    target = tmp_path / "data"
    shutil.copytree(DATA, target)
    return target


def rows_of(path: Path) -> list[list[str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.reader(handle))


def write_rows(path: Path, rows: list[list[str]]) -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle, lineterminator="\n").writerows(rows)


def set_cell(path: Path, line: int, column: str, value: str) -> None:
    """Set ``column`` in editor line ``line`` (header = 1) of a file without blank lines."""
    rows = rows_of(path)
    rows[line - 1][rows[0].index(column)] = value
    write_rows(path, rows)


def validate(folder: Path, capsys) -> tuple[int, list[str]]:
    code = main(["validate", "--data", str(folder)])
    return code, capsys.readouterr().err.splitlines()


def rejected(folder: Path, capsys, file: str, line: int | None, column: str | None) -> str:
    """Exit 2 with a line naming the file, row and column; that line."""
    code, lines = validate(folder, capsys)
    assert code == 2
    assert all(line_.startswith("ksanalys: fel: ") for line_ in lines)
    where = str(folder / file)
    if line is not None:
        where += f", rad {line}"
    if column is not None:
        where += f", kolumn '{column}'"
    matching = [text for text in lines if where + ":" in text]
    assert matching, lines
    return matching[0]


# --- accepted but wrong -------------------------------------------------------------------


def test_a_column_named_twice(data, capsys):
    rows = rows_of(data / "budget.csv")
    rows[0].append("grant")
    for row in rows[1:]:
        row.append("0")
    write_rows(data / "budget.csv", rows)
    assert "varje kolumn en gång" in rejected(data, capsys, "budget.csv", 1, "grant")


def test_a_unit_id_unknown_to_the_other_unit_tables_is_blamed_where_it_is(data, capsys):
    set_cell(data / "budget.csv", 3, "unit_id", "ks_kontoret")
    message = rejected(data, capsys, "budget.csv", 3, "unit_id")
    assert "net_cost.csv, departments.csv" in message and "'ks_kontoret'" in message
    _, lines = validate(data, capsys)
    assert not any("net_cost.csv:" in text or "departments.csv:" in text for text in lines)


def test_a_department_unknown_to_its_subtotal(data, capsys):
    set_cell(data / "departments.csv", 3, "unit_id", "ekonomin")
    assert "total_of" in rejected(data, capsys, "departments.csv", 3, "unit_id")


def test_total_of_on_a_line_row(data, capsys):
    set_cell(data / "net_cost.csv", 2, "total_of", "ks_kontor")
    message = rejected(data, capsys, "net_cost.csv", 2, "total_of")
    assert "'subtotal' eller 'total'" in message


@pytest.mark.parametrize("value", ["400", "7", "-1"])
def test_decimals_outside_0_to_6(data, capsys, value):
    set_cell(data / "claims.csv", 2, "decimals", value)
    assert "mellan 0 och 6" in rejected(data, capsys, "claims.csv", 2, "decimals")


@pytest.mark.parametrize(
    ("file", "column", "value"),
    [
        ("budget.csv", "grant", "1" + "0" * 308),
        ("budget.csv", "grant", "-1000000000000.5"),
        ("claims.csv", "value", "1e308"),
        ("indicators.csv", "value", "99999999999999999999999"),
    ],
)
def test_numbers_beyond_the_magnitude_limit(data, capsys, file, column, value):
    set_cell(data / file, 2, column, value)
    rejected(data, capsys, file, 2, column)


@pytest.mark.parametrize(
    ("file", "column", "value"),
    [
        ("budget.csv", "row", "-1"),
        ("budget.csv", "row", "0"),
        ("goals.csv", "number", "0"),
        ("goal_rules.csv", "criterion", "-2"),
    ],
)
def test_row_goal_number_and_criterion_are_positive(data, capsys, file, column, value):
    set_cell(data / file, 2, column, value)
    assert "minst" in rejected(data, capsys, file, 2, column)


@pytest.mark.parametrize(
    ("file", "column", "value"),
    [
        ("goal_rules.csv", "target_year", "99999"),
        ("goal_rules.csv", "base_year", "1899"),
        ("indicators.csv", "year", "2101"),
        ("ki.csv", "report_year", "99999999999999999999999999999999"),
    ],
)
def test_years_outside_1900_to_2100(data, capsys, file, column, value):
    set_cell(data / file, 2, column, value)
    assert "ett år mellan 1900 och 2100" in rejected(data, capsys, file, 2, column)


@pytest.mark.parametrize(
    ("file", "column", "value"),
    [
        ("ki.csv", "report_year", "２０１３"),
        ("indicators.csv", "year", "٢٠١٣"),
        ("budget.csv", "grant", "６５９８５"),
    ],
)
def test_digits_that_are_not_ascii(data, capsys, file, column, value):
    set_cell(data / file, 2, column, value)
    assert "siffrorna 0-9" in rejected(data, capsys, file, 2, column)


@pytest.mark.parametrize("year", ["２０１３", "٢٠١٣"])
def test_year_option_in_digits_that_are_not_ascii(capsys, year):
    with pytest.raises(SystemExit) as caught:
        main(["summary", "--year", year])
    assert caught.value.code == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "årtal" in err and "--year" in err


# --- no tracebacks ------------------------------------------------------------------------


@pytest.mark.parametrize("start", [b"\n", b"\r\n", b"\r", b"\n\n"])
def test_a_file_starting_with_blank_lines_is_read_with_the_same_figures(data, capsys, start):
    path = data / "budget.csv"
    path.write_bytes(start + path.read_bytes())
    assert validate(data, capsys)[0] == 0
    assert load_dataset(data).budget.equals(load_dataset(DATA).budget)


def test_a_named_pipe_in_the_data_folder_is_refused_without_hanging(data):
    os.mkfifo(data / "extra.csv")
    os.unlink(data / "ki.csv")
    os.mkfifo(data / "ki.csv")
    program = "import sys; from ksanalys.cli import main; sys.exit(main())"
    done = subprocess.run(
        [sys.executable, "-c", program, "validate", "--data", str(data)],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 2
    assert f"{data / 'ki.csv'}: förväntade en läsbar fil" in done.stderr
    assert "namngiven pipe" in done.stderr
    assert "Traceback" not in done.stderr


def test_an_encoding_error_names_row_and_column(data, capsys):
    path = data / "goals.csv"
    lines = path.read_bytes().split(b"\n")
    lines[4] = lines[4].replace(b"ska", b"sk\xe4")
    path.write_bytes(b"\n".join(lines))
    message = rejected(data, capsys, "goals.csv", 5, "goal")
    assert "0xE4" in message and "UTF-8" in message


def test_a_huge_cell_names_file_row_and_column(data, capsys):
    set_cell(data / "goals.csv", 3, "goal", "x" * 200_000)
    message = rejected(data, capsys, "goals.csv", 3, "goal")
    assert "100000 tecken" in message and len(message) < 400


def test_rows_after_a_multi_line_cell_keep_their_editor_lines(data, capsys):
    path = data / "goals.csv"
    set_cell(path, 2, "goal", "Första raden\nandra raden\ntredje raden")
    set_cell(path, 4, "number", "x")
    assert path.read_text(encoding="utf-8").splitlines()[5].startswith("2013,")
    rejected(data, capsys, "goals.csv", 6, "number")


def test_a_stray_year_in_ki_is_blamed_on_ki(data, capsys):
    rows = rows_of(data / "ki.csv")
    rows.append(["2014", *rows[1][1:]])
    write_rows(data / "ki.csv", rows)
    _, lines = validate(data, capsys)
    assert len(lines) == 1
    assert f"{data / 'ki.csv'}, rad 7, kolumn 'report_year'" in lines[0]


# --- messages that say what is wrong and how to fix it -------------------------------------


def test_a_unicode_minus_says_to_use_the_ascii_minus(data, capsys):
    set_cell(data / "budget.csv", 2, "deviation", "\u2212872")
    message = rejected(data, capsys, "budget.csv", 2, "deviation")
    assert "minustecknet '-'" in message and "U+2212" in message


@pytest.mark.parametrize(
    ("text", "line", "column", "found"),
    [
        ('"Andelen av de anställda ska öka.', 2, "goal", "inte avslutas"),
        ('"Andelen" av de anställda ska öka.', 2, "goal", "text efter"),
    ],
)
def test_an_unbalanced_quote_names_where_it_starts(data, capsys, text, line, column, found):
    path = data / "goals.csv"
    lines = path.read_text(encoding="utf-8").split("\n")
    cells = next(csv.reader([lines[line - 1]]))
    cells[4] = "GOAL"
    out = io.StringIO()
    csv.writer(out, lineterminator="").writerow(cells)
    lines[line - 1] = out.getvalue().replace("GOAL", text)
    path.write_text("\n".join(lines), encoding="utf-8")
    message = rejected(data, capsys, "goals.csv", line, column)
    assert found in message and 'skrivs som två ("")' in message


def test_a_quote_left_open_late_in_the_file(data, capsys):
    path = data / "budget.csv"
    path.write_text(path.read_text(encoding="utf-8") + '2013,4,x,"Okänd,line,,1,2,3,4,ks\n')
    message = rejected(data, capsys, "budget.csv", 5, "unit")
    assert "inte avslutas" in message


def test_validate_lists_every_problem_one_line_each(data, capsys):
    for line in range(2, 5):
        set_cell(data / "budget.csv", line, "grant", "x")
    set_cell(data / "ki.csv", 3, "value", "1,5")
    set_cell(data / "goals.csv", 2, "number", "0")
    code, lines = validate(data, capsys)
    assert code == 2
    assert len(lines) == 5
    assert [line.split(": förväntade")[0].rsplit("/", 1)[1] for line in lines] == [
        "budget.csv, rad 2, kolumn 'grant'",
        "budget.csv, rad 3, kolumn 'grant'",
        "budget.csv, rad 4, kolumn 'grant'",
        "ki.csv, rad 3, kolumn 'value'",
        "goals.csv, rad 2, kolumn 'number'",
    ]


def test_validate_stops_listing_at_fifty(data, capsys):
    rows = rows_of(data / "indicators.csv")
    for row in rows[1:]:
        row[rows[0].index("value")] = "x"
    write_rows(data / "indicators.csv", rows)
    assert len(rows) > 52
    code, lines = validate(data, capsys)
    assert code == 2
    assert len(lines) == 51
    assert lines[-1] == f"ksanalys: fel: ytterligare {len(rows) - 1 - 50} fel visas inte"


@pytest.mark.parametrize(
    "value", ["x", "2014-13-01", "2014-02-30", "1899", "２０１４-03-17", "14-03-17"]
)
def test_a_document_date_that_is_not_a_date(data, capsys, value):
    set_cell(data / "documents.csv", 2, "date", value)
    assert "ÅÅÅÅ-MM-DD" in rejected(data, capsys, "documents.csv", 2, "date")


@pytest.mark.parametrize("value", ["2014-03-17", "2014-02", "2014", ""])
def test_a_document_date_as_documented(data, capsys, value):
    set_cell(data / "documents.csv", 2, "date", value)
    assert validate(data, capsys)[0] == 0


@pytest.mark.parametrize(
    ("file", "column", "value"),
    [
        ("explanations.csv", "subject", "stadsdirektorens_kanslii"),
        ("units.csv", "renamed_from", "kommunikationn"),
        ("units.csv", "parent_unit_id", "ks_kontorr"),
    ],
)
def test_a_key_into_another_file_must_exist_there(data, capsys, file, column, value):
    set_cell(data / file, 2, column, value)
    message = rejected(data, capsys, file, 2, column)
    assert repr(value) in message or value in message


def test_a_folder_without_a_column_added_later_stays_valid(data, capsys):
    """claims.csv from before the ``restates`` column: valid, the column read as blank."""
    rows = rows_of(data / "claims.csv")
    dropped = rows[0].index("restates")
    write_rows(data / "claims.csv", [r[:dropped] + r[dropped + 1 :] for r in rows])
    code, lines = validate(data, capsys)
    assert code == 0, lines
    claims = load_dataset(data).tables["claims"]
    assert claims["restates"].isna().all()
    assert len(claims) == len(rows) - 1
