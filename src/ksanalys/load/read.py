"""Load stage: read one CSV file of the data folder and validate it against its schema.

Every problem becomes a :class:`~ksanalys.errors.DataError` naming the file, the row (line
number as an editor shows it, header = line 1), the column and what was expected.
"""

from __future__ import annotations

import csv
import math
from pathlib import Path

import pandas as pd

from ksanalys.errors import DataError
from ksanalys.load.schema import FIRST_YEAR, INTEGER, LAST_YEAR, NUMBER, TableSchema

READABLE = "en läsbar fil"
LINES = "lines"  # DataFrame.attrs key: editor line number of each row, see read_table


def read_table(
    path: Path, schema: TableSchema, loaded: dict[str, pd.DataFrame] | None = None
) -> pd.DataFrame:
    """Read one CSV file and validate it against ``schema``.

    ``loaded`` holds the tables read so far, for the columns that reference them. Blank
    lines are skipped; ``frame.attrs["lines"]`` keeps each row's line number as an editor
    shows it (see :func:`row_lines`).
    """
    name = str(path)
    try:
        with path.open(encoding="utf-8", newline="") as handle:
            rows = list(csv.reader(handle))
    except UnicodeDecodeError as error:
        raise DataError(name, "text i UTF-8", found=str(error)) from None
    except csv.Error as error:
        raise DataError(name, "giltig CSV", found=str(error)) from None
    except OSError as error:
        raise DataError(name, READABLE, found=os_reason(error)) from None
    if not rows:
        raise DataError(name, "en rubrikrad med kolumnerna " + ", ".join(schema.column_names))
    header = [h.strip() for h in rows[0]]
    header[0] = header[0].lstrip("\ufeff")
    missing = [c for c in schema.column_names if c not in header]
    if missing:
        raise DataError(name, f"kolumnen '{missing[0]}' i rubrikraden", row=1, column=missing[0])
    unknown = [h for h in header if h not in schema.column_names]
    if unknown:
        raise DataError(
            name,
            "bara kolumnerna " + ", ".join(schema.column_names),
            row=1,
            column=unknown[0],
        )
    records = []
    for number, values in enumerate(rows[1:], start=2):
        if not any(v.strip() for v in values):
            continue
        if len(values) != len(header):
            raise DataError(name, f"{len(header)} fält", row=number, found=len(values))
        records.append((number, dict(zip(header, values, strict=True))))

    columns: dict[str, list] = {c.name: [] for c in schema.columns}
    for number, record in records:
        for column in schema.columns:
            columns[column.name].append(_cell(name, number, column, record[column.name]))
    frame = pd.DataFrame({c.name: _series(c, columns[c.name]) for c in schema.columns})
    line_numbers = [number for number, _ in records]

    _check_references(name, schema, frame, line_numbers, loaded or {})
    _check_key(name, schema, frame, line_numbers)
    _check_totals(name, schema, frame, line_numbers)
    frame.attrs[LINES] = line_numbers
    return frame


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


def os_reason(error: OSError) -> str:
    return error.strerror or str(error)


def _cell(file: str, row: int, column, raw: str):
    if raw != raw.strip():
        raise DataError(
            file, "inga mellanslag före eller efter värdet", row=row, column=column.name, found=raw
        )
    if raw == "":
        if column.required:
            raise DataError(
                file,
                column.expectation() + " (cellen får inte vara tom)",
                row=row,
                column=column.name,
            )
        return None
    if column.allowed is not None and raw not in column.allowed:
        raise DataError(file, column.expectation(), row=row, column=column.name, found=raw)
    if column.type == INTEGER:
        try:
            return int(raw)
        except ValueError:
            raise DataError(
                file, column.expectation(), row=row, column=column.name, found=raw
            ) from None
    if column.type == NUMBER:
        try:
            value = float(raw)
        except ValueError:
            raise DataError(
                file, column.expectation(), row=row, column=column.name, found=raw
            ) from None
        if not math.isfinite(value):
            raise DataError(file, "ett ändligt tal", row=row, column=column.name, found=raw)
        return value
    return raw


def _series(column, values: list) -> pd.Series:
    if column.type == INTEGER:
        if any(v is None for v in values):
            return pd.Series(values, dtype="float64")
        return pd.Series(values, dtype="int64")
    if column.type == NUMBER:
        return pd.Series([math.nan if v is None else v for v in values], dtype="float64")
    return pd.Series(values, dtype="str")


def _check_references(file, schema, frame, line_numbers, loaded) -> None:
    for column in schema.columns:
        if column.type == INTEGER and column.name in schema.years:
            for number, value in zip(line_numbers, frame[column.name], strict=True):
                if not FIRST_YEAR <= value <= LAST_YEAR:
                    raise DataError(
                        file,
                        f"ett år mellan {FIRST_YEAR} och {LAST_YEAR}",
                        row=number,
                        column=column.name,
                        found=value,
                    )
        if column.references is None:
            continue
        table, target = column.references
        if table not in loaded:
            continue
        known = set(loaded[table][target])
        for number, value in zip(line_numbers, frame[column.name], strict=True):
            if isinstance(value, str) and value not in known:
                raise DataError(
                    file,
                    f"ett värde som finns i {table}.{target}",
                    row=number,
                    column=column.name,
                    found=value,
                )


def _check_key(file, schema, frame, line_numbers) -> None:
    key = list(schema.key)
    duplicated = frame.duplicated(subset=key, keep="first")
    if duplicated.any():
        position = int(duplicated.to_numpy().nonzero()[0][0])
        values = tuple(frame.iloc[position][key])
        raise DataError(
            file,
            "en unik kombination av " + ", ".join(key),
            row=line_numbers[position],
            column=key[-1],
            found=values if len(values) > 1 else values[0],
        )


def _check_totals(file, schema, frame, line_numbers) -> None:
    """A printed sum may only name rows of the same report year."""
    if "total_of" not in frame.columns:
        return
    id_column = schema.key[-1]
    for position, (year, terms) in enumerate(
        zip(frame["report_year"], frame["total_of"], strict=True)
    ):
        if not isinstance(terms, str):
            continue
        present = set(frame.loc[frame["report_year"] == year, id_column])
        for term in terms.split("+"):
            if term not in present:
                raise DataError(
                    file,
                    f"radnycklar ({id_column}) från samma år, åtskilda av '+'",
                    row=line_numbers[position],
                    column="total_of",
                    found=term,
                )
