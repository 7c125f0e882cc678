"""Load stage: read one CSV file of the data folder and validate it against its schema.

Every problem becomes a :class:`~ksanalys.errors.DataError` naming the file, the row (line
number as an editor shows it, header = line 1), the column and what was expected; all the
problems of a file are reported, not only the first (see :func:`read_checked`).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from ksanalys.errors import DataError, DataErrors, ErrorCollector
from ksanalys.load.cells import CellProblem, parse_cell
from ksanalys.load.schema import INTEGER, NUMBER, YEAR, TableSchema
from ksanalys.load.source import EXCEL_HINT, READABLE, Dialect, Source, os_reason, read_source

__all__ = ["LINES", "READABLE", "Table", "os_reason", "read_checked", "read_table", "row_lines"]

LINES = "lines"  # DataFrame.attrs key: editor line number of each row, see read_table


@dataclass(frozen=True)
class Table:
    """A file read and checked: its frame and the dialect it was written in."""

    frame: pd.DataFrame
    dialect: Dialect


def read_table(
    path: Path, schema: TableSchema, loaded: dict[str, pd.DataFrame] | None = None
) -> pd.DataFrame:
    """Read one CSV file and validate it against ``schema``; raise what is wrong with it.

    ``loaded`` holds the tables read so far, for the columns that reference them. Blank
    lines are skipped; ``frame.attrs["lines"]`` keeps each row's line number as an editor
    shows it (see :func:`row_lines`).
    """
    errors = ErrorCollector()
    table = read_checked(path, schema, loaded or {}, errors)
    errors.raise_if_any()
    assert table is not None
    return table.frame


def read_checked(
    path: Path, schema: TableSchema, loaded: dict[str, pd.DataFrame], errors: ErrorCollector
) -> Table | None:
    """Read and validate one file, adding every problem to ``errors``.

    None if the file could not be read into typed columns; a table whose rows break a
    key, a reference or a sum is still returned, for the checks across files.
    """
    table = None
    with errors.collect():
        source = read_source(path)
        rows = source.records()
        header = _header(source, schema, rows)
        found = ErrorCollector(errors.limit)
        built = _frame(source, schema, header, rows[1:], found)
        if built is not None:
            frame, lines = built
            _check_references(source.file, schema, frame, lines, loaded, found)
            _check_key(source.file, schema, frame, lines, found)
            _check_totals(source.file, schema, frame, lines, found)
            frame.attrs[LINES] = lines  # last: pandas deep-copies attrs on every operation
            table = Table(frame, source.dialect)
        found.raise_if_any()
    return table


def row_lines(frame: pd.DataFrame) -> list[int]:
    """The editor line number (header = 1) of each row of a frame read by :func:`read_table`.

    Rows are looked up by their index label, so a filtered or sorted frame still gets its
    rows' own lines; a frame built some other way is taken as written without blank lines.
    """
    lines = frame.attrs.get(LINES)
    labels = list(frame.index)
    if isinstance(lines, list) and all(
        isinstance(label, int) and 0 <= label < len(lines) for label in labels
    ):
        return [lines[label] for label in labels]
    return list(range(2, len(frame) + 2))


def _header(source: Source, schema: TableSchema, rows: list) -> list[str]:
    """The header's column names; raises for missing, repeated or unknown names."""
    file, names = source.file, schema.column_names
    if not rows:
        raise DataError(file, "en rubrikrad med kolumnerna " + ", ".join(names))
    line, cells = rows[0]
    header = [h.strip() for h in cells]
    header[0] = header[0].lstrip("\ufeff")
    if not set(header) & set(names):
        raise DataError(
            file,
            f"en rubrikrad med kolumnerna {', '.join(names)} (läst som "
            f"{source.dialect.describe()}; {EXCEL_HINT})",
            row=line,
            found=_short(cells[0]),
        )
    problems = []
    seen: set[str] = set()
    for name in header:
        if name in seen:
            problems.append(DataError(file, "varje kolumn en gång", row=line, column=name))
        elif name not in names:
            problems.append(
                DataError(file, "bara kolumnerna " + ", ".join(names), row=line, column=name)
            )
        seen.add(name)
    added = {c.name for c in schema.columns if c.added}
    problems += [
        DataError(file, f"kolumnen '{name}' i rubrikraden", row=line, column=name)
        for name in names
        if name not in seen and name not in added
    ]
    if problems:
        raise DataErrors(problems) if len(problems) > 1 else problems[0]
    return header


def _frame(
    source: Source, schema: TableSchema, header: list[str], rows: list, found: ErrorCollector
) -> tuple[pd.DataFrame, list[int]] | None:
    """The rows' cells as typed columns and each row's editor line; None (after adding the
    problems) if any cell is bad."""
    file, width = source.file, len(header)
    decimal_comma, suspect = source.dialect.decimal_comma, source.suspect
    positions = [(c, header.index(c.name)) for c in schema.columns if c.name in header]
    conditions = [(column.name, column.only_with) for column in schema.columns if column.only_with]
    columns: dict[str, list] = {c.name: [] for c in schema.columns}
    lines = []
    for line, cells in rows:
        if len(cells) != width:
            found.add(DataError(file, f"{width} fält", row=line, found=len(cells)))
            continue
        record = {}
        for column, position in positions:
            try:
                record[column.name] = parse_cell(column, cells[position], decimal_comma, suspect)
            except CellProblem as problem:
                found.add(
                    DataError(
                        file, problem.expected, row=line, column=column.name, found=problem.found
                    )
                )
        for name, (other, values) in conditions:
            if record.get(name) is not None and record.get(other, values[0]) not in values:
                found.add(
                    DataError(
                        file,
                        f"en tom cell när {other} inte är " + " eller ".join(map(repr, values)),
                        row=line,
                        column=name,
                        found=_short(record[name]),
                    )
                )
        if len(record) == len(positions):
            for column in schema.columns:
                columns[column.name].append(record.get(column.name))
            lines.append(line)
    if found:
        return None
    frame = pd.DataFrame({c.name: _series(c, columns[c.name]) for c in schema.columns})
    return frame, lines


def _series(column, values: list) -> pd.Series:
    if column.type in (INTEGER, YEAR):
        if any(v is None for v in values):
            return pd.Series(values, dtype="float64")
        return pd.Series(values, dtype="int64")
    if column.type == NUMBER:
        return pd.Series([math.nan if v is None else v for v in values], dtype="float64")
    return pd.Series(values, dtype="str")


def _short(value: object, limit: int = 60) -> object:
    if isinstance(value, str) and len(value) > limit:
        return value[:limit] + "…"
    return value


def _check_references(file, schema, frame, lines, loaded, found: ErrorCollector) -> None:
    for column in schema.columns:
        if column.references is None:
            continue
        table, target = column.references
        if table == schema.name:  # a row naming another row of its own table
            known = set(frame[target])
        elif table in loaded:
            known = set(loaded[table][target])
        else:
            continue
        for line, value in zip(lines, frame[column.name], strict=True):
            if isinstance(value, str) and value not in known:
                found.add(
                    DataError(
                        file,
                        f"ett värde som finns i {table}.{target}",
                        row=line,
                        column=column.name,
                        found=value,
                    )
                )


def _check_key(file, schema, frame, lines, found: ErrorCollector) -> None:
    key = list(schema.key)
    duplicated = frame.duplicated(subset=key, keep="first")
    for position in duplicated.to_numpy().nonzero()[0]:
        values = tuple(frame.iloc[int(position)][key].tolist())
        found.add(
            DataError(
                file,
                "en unik kombination av " + ", ".join(key),
                row=lines[int(position)],
                column=key[-1],
                found=values if len(values) > 1 else values[0],
            )
        )


def _check_totals(file, schema, frame, lines, found: ErrorCollector) -> None:
    """A printed sum names other rows of the same report year, each once."""
    if "total_of" not in frame.columns:
        return
    id_column = schema.key[-1]
    keys: dict[int, set[str]] = {}
    for year, key in zip(frame["report_year"], frame[id_column], strict=True):
        keys.setdefault(year, set()).add(key)
    columns = (lines, frame["report_year"], frame[id_column], frame["total_of"])
    for line, year, own, terms in zip(*columns, strict=True):
        if not isinstance(terms, str):
            continue
        parts = terms.split("+")
        bad = next(
            (t for i, t in enumerate(parts) if t not in keys[year] or t == own or t in parts[:i]),
            None,
        )
        if bad is not None:
            found.add(
                DataError(
                    file,
                    f"radnycklar ({id_column}) från samma år, åtskilda av '+', "
                    "var och en en gång och inte radens egen",
                    row=line,
                    column="total_of",
                    found=bad,
                )
            )
