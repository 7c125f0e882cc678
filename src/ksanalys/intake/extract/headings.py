"""Table headings: which printed table a heading line starts, and which data column each of
its cells is, by the printed words the workbook layout declares (:mod:`..layout`).

A heading may name years ("Bokslut 2013", "31/12 2012"); the years are read from the
headings, so a report whose tables are for another year than asked is noticed, not read
into the wrong columns. A column that repeats starts the table's second side (the
balansräkning prints assets and liabilities side by side).
"""

from __future__ import annotations

from dataclasses import dataclass

from ksanalys.intake.extract.lines import Line, fold
from ksanalys.intake.layout import NUMBER, SHEET_BY_TABLE

__all__ = ["Column", "Heading", "match_heading"]

# The printed tables with a heading line, in the order they are tried.
HEADED_TABLES = ("resultatrakning", "balansrakning", "net_cost", "budget", "departments")
_LABEL_CELLS = frozenset({"", "(tkr)", "tkr", "mkr", "(mkr)"})


@dataclass(frozen=True)
class Column:
    field: str  # data column
    side: int  # 0, or 1 for the balansräkning's right side
    position: int  # the heading cell's place among the line's tab-separated cells
    span: tuple[float, float] | None  # its left and right edge on a PDF page


@dataclass(frozen=True)
class Heading:
    table: str
    year: int  # the year the headings name as the report year
    columns: tuple[Column, ...]
    line: int

    @property
    def sides(self) -> int:
        return self.columns[-1].side + 1

    def of_side(self, side: int) -> list[Column]:
        return [c for c in self.columns if c.side == side]


def _templates(table: str, year: int) -> dict[str, str]:
    """Folded printed heading → data column for ``table`` in ``year``."""
    sheet = SHEET_BY_TABLE[table]
    return {
        fold(f.heading.format(y=year, p=year - 1)): f.field
        for f in sheet.fields
        if f.type == NUMBER
    }


def _years_named(cells: tuple[str, ...]) -> list[int]:
    found = []
    for cell in cells:
        for word in cell.replace("/", " ").split():
            if len(word) == 4 and word.isascii() and word.isdigit():
                found += [int(word), int(word) + 1]
    return list(dict.fromkeys(found))


def _columns(line: Line, table: str, year: int) -> tuple[Column, ...] | None:
    templates = _templates(table, year)
    columns: list[Column] = []
    side = 0
    for position, cell in enumerate(line.cells):
        if fold(cell) in _LABEL_CELLS:
            continue
        field = templates.get(fold(cell))
        if field is None:
            return None
        if any(c.field == field and c.side == side for c in columns):
            side += 1
        span = line.spans[position] if line.spans else None
        columns.append(Column(field, side, position, span))
    fields = {c.field for c in columns}
    if len(fields) < 2 or side > (1 if table == "balansrakning" else 0):
        return None
    return tuple(columns)


def match_heading(line: Line, year: int) -> Heading | None:
    """The heading ``line`` is, trying the asked ``year`` first and then the years its
    cells name; None when it is no table heading."""
    if not line.tabular:
        return None
    for candidate in [year, *_years_named(line.cells)]:
        for table in HEADED_TABLES:
            columns = _columns(line, table, candidate)
            if columns is not None:
                return Heading(table, candidate, columns, line.number)
    return None
