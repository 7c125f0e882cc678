"""What an extraction returns: plain records, no workbook and no Swedish sentences.

- :class:`Cell`: one value found in the report, at the workbook's logical address
  (data table, row id, data column) with the report line it was read from. A row's label,
  kind and side are cells too (``structure``); the figures and texts are the rest.
- :class:`Note`: a report line with a ``reason`` code (worded in
  :mod:`ksanalys.present.text.extraction`). ``Extraction.unplaced`` are lines that look like
  something to place (a table row, a goal's assessment) but could not be placed;
  ``Extraction.new_rows`` are rows placed under a new id (a row or unit the data does not
  know yet) for the user to confirm.
- :class:`Finding`: a printed figure that disagrees with the figures it derives from (a sum,
  a difference, a percentage) or with the same figure printed elsewhere. Printed values are
  kept as printed; the finding only says so.
- :class:`Quote`: a candidate reason for a unit's or a resultaträkning line's deviation, a
  contiguous passage of the report, for the user to accept or clear.
- :class:`Extraction`: all of them, in report order.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

__all__ = ["Cell", "Extraction", "Finding", "Note", "Quote"]

Value = Decimal | int | str | None

# Columns that describe a row rather than hold one of its figures or texts.
STRUCTURE = frozenset(
    {"line", "unit", "kind", "side", "area", "number", "level", "total_of", "_section"}
)
# Columns of key fields of an indicator row (its id is "indicator:scope:year:period").
INDICATOR_KEY = ("indicator", "scope", "year", "period")


@dataclass(frozen=True)
class Cell:
    table: str
    row: str
    column: str
    value: Value
    line: int

    @property
    def structure(self) -> bool:
        return (
            self.column in STRUCTURE
            or self.table in ("units", "documents")
            or (self.table == "indicators" and self.column in (*INDICATOR_KEY, "unit"))
        )

    @property
    def figure(self) -> bool:
        """A number the user would otherwise type (not a label, kind or key)."""
        return not self.structure and isinstance(self.value, Decimal | int)


@dataclass(frozen=True)
class Note:
    line: int
    text: str
    reason: str  # a code, worded in ksanalys.present.text.extraction


@dataclass(frozen=True)
class Finding:
    table: str
    row: str
    column: str
    printed: Decimal | str | None
    expected: Decimal | str | None
    line: int
    kind: str  # "sum", "difference", "percent", "ratio", "repeated"
    terms: tuple[str, ...] = ()


@dataclass(frozen=True)
class Quote:
    subject_type: str  # "unit" or "line" (explanations.csv's subject_type)
    subject: str  # unit_id or resultatrakning line_id
    topic: str  # explanations.csv topic: "deviation", "cost_type"
    text: str  # verbatim from the report (one passage, whitespace collapsed)
    line: int


@dataclass
class Extraction:
    year: int
    cells: list[Cell] = field(default_factory=list)
    unplaced: list[Note] = field(default_factory=list)
    new_rows: list[Note] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)

    def rows(self, table: str) -> list[dict[str, Any]]:
        """The rows of ``table`` in report order: every column found, plus ``_id`` and
        ``_lines`` (column → report line)."""
        rows: dict[str, dict[str, Any]] = {}
        for cell in self.cells:
            if cell.table != table:
                continue
            row = rows.setdefault(cell.row, {"_id": cell.row, "_lines": {}})
            row[cell.column] = cell.value
            row["_lines"][cell.column] = cell.line
        return list(rows.values())

    def tables(self) -> list[str]:
        return list(dict.fromkeys(c.table for c in self.cells))

    @property
    def figures(self) -> list[Cell]:
        return [c for c in self.cells if c.figure]

    @property
    def texts(self) -> list[Cell]:
        """Texts that are the year's content (goal texts, assessments), not structure."""
        return [c for c in self.cells if not c.structure and isinstance(c.value, str)]
