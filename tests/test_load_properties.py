"""Properties of reading one file (hypothesis, bounded and deterministic): whatever a cell
or a file holds, the reader returns the value as written or a data error naming the file,
the row as an editor shows it and the column; Swedish Excel's dialect gives the same
numbers; never another exception."""

from __future__ import annotations

import csv
import io
import re
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ksanalys.errors import DataError, DataErrors, KsanalysError
from ksanalys.load import default_data_dir, load_dataset, read_table, row_lines
from ksanalys.load.schema import SCHEMAS
from ksanalys.values import MAX_MAGNITUDE

BOUNDED = settings(
    max_examples=40,
    derandomize=True,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
SCHEMA = SCHEMAS["budget"]
BASE = list(csv.reader(io.StringIO((default_data_dir() / SCHEMA.file).read_text("utf-8"))))
HEADER = BASE[0]


@pytest.fixture(scope="module")
def loaded() -> dict:
    return load_dataset().tables


@pytest.fixture(scope="module")
def path(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("props") / SCHEMA.file


def write(path: Path, rows: list[list[str]], *, delimiter: str = ",") -> str:
    out = io.StringIO()
    csv.writer(out, delimiter=delimiter, lineterminator="\n").writerows(rows)
    path.write_text(out.getvalue(), encoding="utf-8")
    return out.getvalue()


def errors_of(call) -> list[DataError]:
    try:
        call()
    except DataErrors as errors:
        return errors.errors
    except DataError as error:
        return [error]
    return []


def with_cell(column: str, value: str, line: int = 3) -> list[list[str]]:
    rows = [list(r) for r in BASE]
    rows[line - 1][HEADER.index(column)] = value
    return rows


@BOUNDED
@given(value=st.text(max_size=30))
def test_a_text_cell_is_read_as_written_or_named(path, loaded, value):
    write(path, with_cell("unit", value))
    try:
        frame = read_table(path, SCHEMA, loaded)
    except (DataError, DataErrors) as error:
        problems = error.errors if isinstance(error, DataErrors) else [error]
        assert {(e.file, e.row, e.column) for e in problems} == {(str(path), 3, "unit")}
        assert all("\n" not in str(e) for e in problems)
        return
    assert frame["unit"].iloc[1] == value


NUMBER_TEXT = st.text(alphabet="0123456789-−.,e ٣２+_", min_size=1, max_size=16)


@BOUNDED
@given(value=st.one_of(NUMBER_TEXT, st.integers().map(str), st.floats().map(repr)))
def test_a_number_cell_is_its_ascii_value_or_named(path, loaded, value):
    write(path, with_cell("grant", value))
    problems = errors_of(lambda: read_table(path, SCHEMA, loaded))
    # data/README.md: ASCII digits, an ASCII minus, a decimal point, nothing else
    written_as_documented = re.fullmatch(r"-?[0-9]+(\.[0-9]+)?", value) is not None
    if written_as_documented and abs(float(value)) <= MAX_MAGNITUDE:
        assert problems == []
        assert read_table(path, SCHEMA, loaded)["grant"].iloc[1] == float(value)
    else:
        assert [(e.row, e.column) for e in problems] == [(3, "grant")]


@BOUNDED
@given(
    amounts=st.lists(
        st.decimals(min_value=-Decimal(MAX_MAGNITUDE), max_value=Decimal(MAX_MAGNITUDE), places=2),
        min_size=4,
        max_size=4,
    )
)
def test_swedish_excel_numbers_are_the_same_numbers(path, loaded, amounts):
    rows = [list(r) for r in BASE]
    for row, amount in zip(rows[1:], amounts, strict=False):
        row[HEADER.index("forecast")] = str(amount)
    write(path, rows)
    clean = read_table(path, SCHEMA, loaded)
    for row in rows[1:]:
        cell = row[HEADER.index("forecast")]
        row[HEADER.index("forecast")] = cell.replace(".", ",")
    write(path, rows, delimiter=";")
    assert read_table(path, SCHEMA, loaded).equals(clean)


@BOUNDED
@given(
    blanks=st.lists(st.integers(min_value=1, max_value=4), max_size=3),
    breaks=st.integers(min_value=0, max_value=3),
    bad=st.integers(min_value=2, max_value=len(BASE)),
)
def test_rows_are_numbered_as_an_editor_shows_them(path, loaded, blanks, breaks, bad):
    rows = [list(r) for r in BASE]
    rows[1][HEADER.index("unit")] = "Politisk" + "\nledning" * breaks
    rows[bad - 1][HEADER.index("grant")] = "fel"
    for position in sorted(blanks, reverse=True):
        rows.insert(position, [])
    write(path, rows)
    # the editor line of the bad row's first line: the lines that the rows before it take
    index = next(i for i, r in enumerate(rows) if "fel" in r)
    expected = 1 + sum(1 + sum(c.count("\n") for c in r) for r in rows[:index])
    (problem,) = errors_of(lambda: read_table(path, SCHEMA, loaded))
    assert (problem.row, problem.column) == (expected, "grant")


@BOUNDED
@given(data=st.binary(max_size=300) | st.sampled_from([b"", b"\r", b"\n\n", b'"', b"\xef\xbb\xbf"]))
def test_any_bytes_give_a_table_or_a_data_error(path, loaded, data):
    path.write_bytes(data + (path.read_bytes() if data[:1] == b"\n" else b""))
    try:
        frame = read_table(path, SCHEMA, loaded)
    except KsanalysError as error:
        assert str(error) and all(line.strip() for line in error.lines())
        return
    assert len(row_lines(frame)) == len(frame)
