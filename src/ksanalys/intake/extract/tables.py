"""The report's headed tables as blocks: a heading line and the table rows under it.

A block ends at a blank line, at a line that is no table row, or at the next heading. The
rows are given to the module of the table's family (:mod:`.income`, :mod:`.balance`,
:mod:`.unit_tables`); a table printed twice is read once, the second is compared with it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from ksanalys.intake.extract.headings import Heading, match_heading
from ksanalys.intake.extract.lines import Line
from ksanalys.intake.extract.numbers import parse_number

__all__ = ["Block", "TableRow", "find_blocks", "table_row"]


@dataclass
class Block:
    heading: Heading
    rows: list[Line] = field(default_factory=list)


@dataclass(frozen=True)
class TableRow:
    """One side of a table line: its label and its values by data column."""

    line: Line
    label: str
    values: dict[str, object]  # data column → Decimal, or the cell's text if no number
    side: int = 0
    extra: str = ""  # cells beyond the table's last column

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


def find_blocks(lines: Sequence[Line], year: int) -> list[Block]:
    """Every headed table in ``lines``."""
    blocks: list[Block] = []
    current: Block | None = None
    for line in lines:
        heading = match_heading(line, year)
        if heading is not None:
            current = Block(heading)
            blocks.append(current)
        elif current is not None and line.tabular and not line.blank:
            current.rows.append(line)
        else:
            current = None
    return blocks


def _value(cell: str) -> object:
    if not cell.strip():
        return None
    number = parse_number(cell)
    return number if number is not None else cell


def table_row(line: Line, heading: Heading) -> list[TableRow]:
    """The sides of ``line`` under ``heading`` (one side, or two in a balansräkning)."""
    starts = heading.label_positions
    rows = []
    for side, start in enumerate(starts):
        end = starts[side + 1] if side + 1 < len(starts) else max(len(line.cells), start + 1)
        label = line.cells[start] if start < len(line.cells) else ""
        values = {
            column: _value(line.cells[p]) if p < len(line.cells) else None
            for p, column in heading.columns.items()
            if start < p < end or (side + 1 == len(starts) and p > start)
        }
        last = side + 1 == len(starts)
        extra = " ".join(c for c in line.cells[max(heading.columns) + 1 :] if c.strip())
        if label or any(v is not None for v in values.values()) or (last and extra):
            rows.append(TableRow(line, label, values, side, extra if last else ""))
    return rows
