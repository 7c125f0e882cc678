"""Table headings: which printed table a heading line starts, and which data column each of
its cells is, by the printed words the workbook layout declares (:mod:`..layout`).

A heading may name years ("Bokslut 2013", "31/12 2012"); the years are read from the
headings, so a report whose tables are for another year than asked is noticed, not read
into the wrong columns.
"""

from __future__ import annotations

from dataclasses import dataclass

from ksanalys.intake.layout import NUMBER, SHEET_BY_TABLE
from ksanalys.intake.extract.lines import Line, fold

__all__ = ["Heading", "match_heading"]

# The printed tables with a heading line, in the order they are tried.
HEADED_TABLES = ("resultatrakning", "balansrakning", "net_cost", "budget", "departments")
_LABEL_CELLS = frozenset({"", "(tkr)", "tkr"})


@dataclass(frozen=True)
class Heading:
    table: str
    year: int  # the year the headings name as the report year
    columns: dict[int, str]  # cell position → data column
    line: int

    @property
    def label_positions(self) -> list[int]:
        """Positions that hold a row label: before the first column and between sides."""
        first = min(self.columns)
        gaps = [p for p in range(first, max(self.columns)) if p not in self.columns]
        return [0, *gaps]


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


def _columns(cells: tuple[str, ...], table: str, year: int) -> dict[int, str] | None:
    templates = _templates(table, year)
    columns: dict[int, str] = {}
    for position, cell in enumerate(cells):
        if fold(cell) in _LABEL_CELLS:
            continue
        field = templates.get(fold(cell))
        if field is None:
            return None
        columns[position] = field
    distinct = set(columns.values())
    if len(distinct) < 2 or (len(distinct) != len(columns) and table != "balansrakning"):
        return None
    return columns


def match_heading(line: Line, year: int) -> Heading | None:
    """The heading ``line`` is, trying the asked ``year`` first and then the years its
    cells name; None when it is no table heading."""
    if not line.tabular:
        return None
    for candidate in [year, *_years_named(line.cells)]:
        for table in HEADED_TABLES:
            columns = _columns(line.cells, table, candidate)
            if columns is not None:
                return Heading(table, candidate, columns, line.number)
    return None
