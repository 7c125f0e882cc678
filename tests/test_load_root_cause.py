"""The root cause first, and alone: a missing or unreadable file or column is reported in
one line that says what the file is for, without the errors that only follow from it
(references into it, keys across files); independent problems are still all listed."""

from __future__ import annotations

import contextlib
import csv
import io
import shutil
from pathlib import Path

import pytest

from ksanalys.cli import main
from ksanalys.errors import DataError, DataErrors
from ksanalys.load import default_data_dir, load_dataset
from ksanalys.load.schema import SCHEMAS

DATA = default_data_dir()
SHIPPED = sorted(s.name for s in SCHEMAS.values() if (DATA / s.file).exists())


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    folder = tmp_path / "data"
    shutil.copytree(DATA, folder)
    return folder


def problems(folder: Path) -> list[DataError]:
    try:
        load_dataset(folder)
    except DataErrors as errors:
        return errors.errors
    except DataError as error:
        return [error]
    return []


def validate_lines(folder: Path) -> tuple[int, list[str]]:
    err = io.StringIO()
    with contextlib.redirect_stderr(err), contextlib.redirect_stdout(io.StringIO()):
        code = main(["validate", "--data", str(folder)])
    return code, err.getvalue().splitlines()


def test_a_missing_resultatrakning_is_one_line_saying_what_it_holds(data_copy):
    (data_copy / "resultatrakning.csv").unlink()
    code, lines = validate_lines(data_copy)
    assert code == 2
    assert lines == [
        f"ksanalys: fel: {data_copy / 'resultatrakning.csv'}: förväntade att filen finns "
        "(den ska hålla resultaträkningen som rapporten trycker den)"
    ]


@pytest.mark.parametrize("name", SHIPPED)
def test_every_missing_file_is_one_line_or_none(data_copy, name):
    schema = SCHEMAS[name]
    (data_copy / schema.file).unlink()
    code, lines = validate_lines(data_copy)
    if schema.optional:
        assert (code, lines) == (0, [])
        return
    assert code == 2
    assert len(lines) == 1
    assert f"{schema.file}: förväntade att filen finns (den ska hålla {schema.purpose})" in lines[0]
    assert schema.purpose


@pytest.mark.parametrize("name", SHIPPED)
def test_every_missing_column_is_one_line(data_copy, name):
    schema = SCHEMAS[name]
    path = data_copy / schema.file
    rows = list(csv.reader(io.StringIO(path.read_text("utf-8"))))
    for position, column in enumerate(rows[0]):
        out = io.StringIO()
        csv.writer(out, lineterminator="\n").writerows(
            [r[:position] + r[position + 1 :] for r in rows]
        )
        path.write_text(out.getvalue(), "utf-8")
        found = [(e.file, e.row, e.column) for e in problems(data_copy)]
        added = next(c.added for c in schema.columns if c.name == column)
        assert found == ([] if added else [(str(path), 1, column)]), column
    shutil.copy(DATA / schema.file, path)


def test_an_unreadable_file_hides_only_what_follows_from_it(data_copy):
    # a bad cell makes indicator_meta.csv unreadable: explanations' subjects that name its
    # indicators are not checked, but an independent problem in another file is listed
    meta = data_copy / "indicator_meta.csv"
    meta.write_text(meta.read_text("utf-8").replace(",antal,", ",stycken,", 1), "utf-8")
    units = data_copy / "units.csv"
    units.write_text(units.read_text("utf-8").replace(",ks_kontor,,", ",ks_kontr,,", 1), "utf-8")
    found = [(Path(e.file).name, e.column) for e in problems(data_copy)]
    assert found == [("indicator_meta.csv", "unit"), ("units.csv", "parent_unit_id")]


def test_a_missing_units_file_is_the_one_root_cause(data_copy):
    # units.csv is the organisation (board.csv points into it): its absence is said alone
    (data_copy / "units.csv").unlink()
    [problem] = problems(data_copy)
    assert (Path(problem.file).name, problem.column) == ("units.csv", None)
    assert "nämnden, dess enheter och avdelningar" in str(problem)
