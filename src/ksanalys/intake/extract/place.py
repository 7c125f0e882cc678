"""Rows of a table put into an :class:`~.records.Extraction` as cells, in report order."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from ksanalys.intake.extract.records import Cell, Extraction, Note
from ksanalys.intake.extract.tables import TableRow

__all__ = ["Placed", "emit", "unreadable"]


class Placed(dict):
    """A row being placed: data column → value, plus ``_id`` and ``_lines``."""

    def __init__(self, row_id: str, at: int, /, **values: object) -> None:
        super().__init__(values)
        self["_id"] = row_id
        self["_lines"] = {c: at for c in values}
        self.line = at
        self.side = 0  # the side of a balansräkning line it was printed on

    def set(self, column: str, value: object, line: int | None = None) -> None:
        self[column] = value
        self["_lines"][column] = self.line if line is None else line


def emit(out: Extraction, table: str, rows: Iterable[Placed]) -> None:
    for row in rows:
        for column, value in row.items():
            if not column.startswith("_"):
                out.cells.append(Cell(table, row["_id"], column, value, row["_lines"][column]))


def unreadable(out: Extraction, rows: Sequence[TableRow]) -> list[TableRow]:
    """The rows that can be read; the others (a cell that is no number, cells beyond the
    table) are listed as unplaced."""
    readable = []
    for row in rows:
        if row.extra:
            out.unplaced.append(Note(row.line.number, row.line.text, "extra_cells"))
        elif row.unreadable:
            out.unplaced.append(Note(row.line.number, row.line.text, "not_a_number"))
        else:
            readable.append(row)
    return readable
