"""Ids are plain: every id position of every data file takes only lower-case letters, digits,
'_' and '-', starting with a letter; anything else (expression syntax, quotes, braces,
colons, any other unicode, very long strings) is rejected at load with one line naming
file, row and column, and no command crashes on it."""

from __future__ import annotations

import contextlib
import csv
import io
import re
import shutil
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ksanalys.cli import main
from ksanalys.errors import DataError, DataErrors
from ksanalys.load import default_data_dir, load_dataset
from ksanalys.load.ids import MAX_ID_CHARS, is_plain_id
from ksanalys.load.schema import ID, IDS, SCHEMAS

DATA = default_data_dir()
PLAIN = re.compile(r"[a-z][a-z0-9_-]{0,63}")

# Key and reference columns that are not ids: years, orders, periods and area names are
# values a reader sees, chosen from the report's own words; a check rule's target is a cell
# reference in the expression language; sic.csv's word is a misspelling as printed.
# Columns with a closed list of values are codes.
NOT_IDS = {
    "report_year",
    "row",
    "year",
    "period",
    "criterion",
    "number",
    "area",
    "target",
    "term",
    "word",
}


def id_positions() -> list[tuple[str, str, int]]:
    """(file, column, editor line) of one filled cell of every id column of the data."""
    positions = []
    for schema in SCHEMAS.values():
        path = DATA / schema.file
        if not path.exists():
            continue
        rows = list(csv.DictReader(io.StringIO(path.read_text("utf-8"))))
        for column in schema.columns:
            if column.type not in (ID, IDS):
                continue
            filled = (i for i, row in enumerate(rows, start=2) if row.get(column.name))
            line = next(filled, None)
            if line is not None:  # a column the shipped data leaves empty has no position
                positions.append((schema.file, column.name, line))
    return positions


POSITIONS = id_positions()

HOSTILE = (
    "100 * {net_cost:ks_kontor:net_cost}",
    "{budget:kommunstyrelsen:grant} / 0",
    "ks_kontor:net_cost",
    "a}b{c",
    'a"b',
    "a'b",
    "a b",
    "Ks_kontor",
    "_x",
    "1x",
    "a.b",
    "a@b",
    "kommunstyrelsen\u00e5",
    "\u2212x",
    "x" * (MAX_ID_CHARS + 1),
    "x" * 5000,
    "<script>alert(1)</script>",
    "=SUM(A1)",
)

# Expression syntax and other characters, in any order, plus any printable unicode.
FRAGMENTS = st.sampled_from(
    [
        "{",
        "}",
        ":",
        "@",
        "*",
        "/",
        "+",
        "-",
        "(",
        ")",
        '"',
        "'",
        " ",
        "\\",
        "100",
        "net_cost",
        "ks_kontor",
        "å",
        "ß",
        "∑",
        "…",
        "_",
        "a",
        "Z",
        "\u00a0",
        "%",
        ";",
        ",",
        "$",
    ]
)
VALUES = st.one_of(
    st.sampled_from(HOSTILE),
    st.lists(FRAGMENTS, min_size=1, max_size=12).map("".join),
    st.text(st.characters(exclude_categories=("Cc", "Cs")), min_size=1, max_size=80),
    st.integers(MAX_ID_CHARS - 2, 400).map(lambda n: "a" * n),
)


@pytest.fixture(scope="module")
def folder(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("ids") / "data"
    shutil.copytree(DATA, folder)
    return folder


@contextlib.contextmanager
def cell(folder: Path, file: str, column: str, line: int, value: str):
    """The data folder with one cell set to ``value``, restored afterwards."""
    path = folder / file
    rows = list(csv.reader(io.StringIO((DATA / file).read_text("utf-8"))))
    rows[line - 1][rows[0].index(column)] = value
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(rows)
    path.write_text(out.getvalue(), "utf-8")
    try:
        yield
    finally:
        shutil.copy(DATA / file, path)


def problems(folder: Path) -> list[DataError]:
    try:
        load_dataset(folder)
    except DataErrors as errors:
        return errors.errors
    except DataError as error:
        return [error]
    return []


def run(*argv: str) -> tuple[int, list[str]]:
    err = io.StringIO()
    with contextlib.redirect_stderr(err), contextlib.redirect_stdout(io.StringIO()):
        code = main(list(argv))
    return code, err.getvalue().splitlines()


def test_the_plain_id_rule():
    assert is_plain_id("ks_kontor") and is_plain_id("ek-prognos") and is_plain_id("a2013")
    assert is_plain_id("x" * MAX_ID_CHARS) and not is_plain_id("x" * (MAX_ID_CHARS + 1))
    for value in (*HOSTILE, "", "ä", "a\n", None, 7):
        assert not is_plain_id(value), value


def test_every_key_and_reference_column_is_an_id_column():
    loose = [
        (schema.file, column.name)
        for schema in SCHEMAS.values()
        for column in schema.columns
        if (column.name in schema.key or column.references or column.name.endswith("_id"))
        and column.name not in NOT_IDS
        and column.allowed is None
        and column.type != ID
    ]
    assert loose == []


def test_the_shipped_data_has_an_id_position_in_every_file_that_names_things():
    files = {file for file, _, _ in POSITIONS}
    assert {
        "units.csv",
        "resultatrakning.csv",
        "indicators.csv",
        "goals.csv",
        "claims.csv",
        "documents.csv",
        "sources.csv",
        "explanations.csv",
        "goal_rules.csv",
    } <= files
    assert ("departments.csv", "total_of") in {(f, c) for f, c, _ in POSITIONS}


def expectation(file: str, column: str) -> str:
    schema = next(s for s in SCHEMAS.values() if s.file == file)
    return next(c for c in schema.columns if c.name == column).expectation()


@pytest.mark.parametrize(("file", "column", "line"), POSITIONS)
def test_an_expression_in_any_id_position_is_one_line_and_exit_2(folder, file, column, line):
    value = "100 * {net_cost:ks_kontor:net_cost}"
    with cell(folder, file, column, line, value):
        code, lines = run("validate", "--data", str(folder))
    assert code == 2
    assert lines == [
        f"ksanalys: fel: {folder / file}, rad {line}, kolumn '{column}': förväntade "
        f"{expectation(file, column)}, fann {value!r}"
    ]


@pytest.mark.parametrize("index", range(len(POSITIONS)))
def test_hand_picked_values_are_rejected_in_every_id_position(folder, index):
    """Each position gets three of the hand-picked values, each value several positions."""
    file, column, line = POSITIONS[index]
    for value in (HOSTILE[(index + k * 5) % len(HOSTILE)] for k in range(3)):
        with cell(folder, file, column, line, value):
            found = problems(folder)
        assert [(Path(e.file).name, e.row, e.column) for e in found] == [(file, line, column)]
        assert all("\n" not in str(e) for e in found)


@settings(
    max_examples=60,
    derandomize=True,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(position=st.sampled_from(POSITIONS), value=VALUES)
def test_any_value_in_any_id_position_is_read_or_named(folder, position, value):
    file, column, line = position
    with cell(folder, file, column, line, value):
        found = problems(folder)
    terms = value.split("+") if column == "total_of" else [value]
    if all(PLAIN.fullmatch(t) for t in terms):
        return  # a plain id: valid, or an unknown key reported as such
    assert (file, line, column) in [(Path(e.file).name, e.row, e.column) for e in found]
    assert all("\n" not in str(e) for e in found)


@pytest.mark.parametrize("command", ["validate", "summary", "check", "goals", "report"])
def test_an_expression_pasted_into_line_id_is_refused_by_every_command(folder, command, tmp_path):
    """The motivating bug: check used to crash with a traceback and exit 1."""
    value = "100 * {net_cost:ks_kontor:net_cost}"
    argv = [command, "--data", str(folder)]
    if command != "validate":
        argv += ["--year", "2013"]
    if command == "report":
        argv += ["--out", str(tmp_path / "out")]
    with cell(folder, "resultatrakning.csv", "line_id", 2, value):
        code, lines = run(*argv)
    assert code == 2
    assert len(lines) == 1
    assert "resultatrakning.csv, rad 2, kolumn 'line_id': förväntade ett id" in lines[0]
    assert not (tmp_path / "out").exists()


def test_a_printed_sum_names_at_most_max_terms_rows(folder):
    from ksanalys.compute.check.expressions import Cell, Quantity, evaluate, sum_of
    from ksanalys.load.ids import MAX_TERMS, plain_ids

    assert plain_ids("+".join(f"r{i}" for i in range(MAX_TERMS))) is not None
    assert plain_ids("+".join(f"r{i}" for i in range(MAX_TERMS + 1))) is None
    assert plain_ids("a++b") is None and plain_ids("a+B") is None
    # the longest sum allowed evaluates (no recursion limit near)
    cells = [Cell("t", f"r{i}", "c") for i in range(MAX_TERMS)]
    total = evaluate(sum_of(cells), lambda ref: Quantity(Decimal(1), 0, 1))
    assert total is not None and total.value == MAX_TERMS and total.terms == MAX_TERMS
    many = "+".join(f"r{i}" for i in range(MAX_TERMS + 1))
    with cell(folder, "budget.csv", "total_of", 4, many):
        found = problems(folder)
    assert [(e.row, e.column) for e in found] == [(4, "total_of")]
    assert f"högst {MAX_TERMS} id åtskilda av '+'" in str(found[0])
