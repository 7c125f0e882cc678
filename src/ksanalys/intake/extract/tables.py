"""The report's headed tables as blocks: a heading line and the table rows under it.

A block ends at a blank line, at a line that is no table row, or at the next heading. In a
PDF a row without figures has no tab ("Avgifter och taxor"): a short line leading to
another table row is a row too. Cells are put in columns by their place: in a text file by
their tab position (an empty cell is an empty string between two tabs), on a PDF page by
their position under the headings (``spans``; an empty cell leaves no trace there).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from ksanalys.intake.extract.headings import Column, Heading, match_heading
from ksanalys.intake.extract.lines import Line
from ksanalys.intake.extract.numbers import parse_number

__all__ = ["Block", "TableRow", "find_blocks", "table_row"]

_BLANKS = frozenset({"", "-", "–", "—"})  # a cell printed empty or with a dash alone
_MAX_LABEL = 60


@dataclass
class Block:
    heading: Heading
    rows: list[Line] = field(default_factory=list)


@dataclass(frozen=True)
class TableRow:
    """One side of a table line: its label and its values by data column."""

    line: Line
    label: str
    values: dict[str, object]  # data column → Decimal, None, or the cell's text if no number
    side: int = 0
    extra: str = ""  # what could not be put in a column

    @property
    def empty(self) -> bool:
        return all(v is None for v in self.values.values())

    @property
    def unreadable(self) -> list[str]:
        """Columns whose cell holds text that is no number."""
        return [c for c, v in self.values.items() if isinstance(v, str)]

    def number(self, column: str) -> Decimal | None:
        value = self.values.get(column)
        return value if isinstance(value, Decimal) else None


def _leads_to_row(lines: Sequence[Line], index: int, year: int) -> bool:
    """Line ``index`` is a short label followed, through such labels, by a table row."""
    for line in lines[index:]:
        if line.tabular:
            return match_heading(line, year) is None
        if line.blank or len(line.text) > _MAX_LABEL or line.text.endswith((".", ":")):
            return False
    return False


def _in_table(lines: Sequence[Line], index: int, year: int) -> bool:
    line = lines[index]
    if line.tabular:
        return not line.blank
    return bool(line.spans) and _leads_to_row(lines, index, year)


def find_blocks(lines: Sequence[Line], year: int) -> list[Block]:
    """Every headed table in ``lines``."""
    blocks: list[Block] = []
    current: Block | None = None
    for index, line in enumerate(lines):
        heading = match_heading(line, year)
        if heading is not None:
            current = Block(heading)
            blocks.append(current)
        elif current is not None and _in_table(lines, index, year):
            current.rows.append(line)
        else:
            current = None
    return blocks


def _value(cell: str) -> object:
    if cell.strip() in _BLANKS:
        return None
    number = parse_number(cell)
    return number if number is not None else cell


def _by_position(line: Line, heading: Heading) -> list[TableRow]:
    rows = []
    last = max(c.position for c in heading.columns)
    for side in range(heading.sides):
        columns = heading.of_side(side)
        at = columns[0].position - 1
        label = line.cells[at] if 0 <= at < len(line.cells) else ""
        values = {
            c.field: _value(line.cells[c.position]) if c.position < len(line.cells) else None
            for c in columns
        }
        extra = ""
        if side == heading.sides - 1:
            extra = " ".join(c for c in line.cells[last + 1 :] if c.strip())
        if label or any(v is not None for v in values.values()) or extra:
            rows.append(TableRow(line, label, values, side, extra))
    return rows


def _overlap(a: tuple[float, float], b: tuple[float, float]) -> float:
    return min(a[1], b[1]) - max(a[0], b[0])


def _column_at(span: tuple[float, float], columns: Sequence[Column]) -> Column:
    """The column a figure printed at ``span`` stands in: the one it overlaps most, else
    the one whose right edge is nearest (figures are right-aligned)."""
    placed = [c for c in columns if c.span is not None]
    best = max(placed, key=lambda c: _overlap(span, c.span or span))
    if _overlap(span, best.span or span) > 0:
        return best
    return min(placed, key=lambda c: abs((c.span or span)[1] - span[1]))


def _side_of_label(span: tuple[float, float], heading: Heading) -> int:
    for side in range(heading.sides):
        first = heading.of_side(side)[0].span
        if first is not None and span[0] < first[0]:
            return side
    return heading.sides - 1


def _by_span(line: Line, heading: Heading) -> list[TableRow]:
    labels: dict[int, str] = {}
    values: dict[int, dict[str, object]] = {s: {} for s in range(heading.sides)}
    extra: list[str] = []
    for cell, span in zip(line.cells, line.spans, strict=True):
        value = _value(cell)
        if isinstance(value, Decimal):
            column = _column_at(span, heading.columns)
            if column.field in values[column.side]:
                extra.append(cell)
            values[column.side][column.field] = value
        elif value is not None:
            side = _side_of_label(span, heading)
            if side in labels:
                extra.append(cell)
            labels[side] = cell
    rows = []
    for side in range(heading.sides):
        filled = {c.field: values[side].get(c.field) for c in heading.of_side(side)}
        label = labels.get(side, "")
        last = side == heading.sides - 1
        if label or any(v is not None for v in filled.values()) or (last and extra):
            rows.append(TableRow(line, label, filled, side, " ".join(extra) if last else ""))
    return rows


def table_row(line: Line, heading: Heading) -> list[TableRow]:
    """The sides of ``line`` under ``heading`` (one side, or two in a balansräkning)."""
    if line.spans and all(c.span is not None for c in heading.columns):
        return _by_span(line, heading)
    return _by_position(line, heading)
