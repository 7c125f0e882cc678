"""The description a workbook sheet is made of: its rows, cell types and columns.

:class:`Field` is one column, :class:`Sheet` one sheet; the sheets themselves are in
:mod:`.layout` (the printed tables, units, sources) and :mod:`.text_sheets` (the report's
words: goals, quotes, claims).
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = [
    "DATE",
    "FIRST_ROW",
    "HEADER_ROW",
    "INTEGER",
    "MERGED",
    "NEW",
    "NOTE_ROW",
    "NUMBER",
    "RENAMED",
    "SOURCES_SHEET",
    "TEXT",
    "TITLE_ROW",
    "UNITS_SHEET",
    "UNIT_CHANGES",
    "Field",
    "Sheet",
    "source_field",
]

TITLE_ROW = 1
NOTE_ROW = 2
HEADER_ROW = 3
FIRST_ROW = HEADER_ROW + 1

TEXT = "text"
NUMBER = "number"
INTEGER = "integer"
DATE = "date"

# Sheet names other sheets' dropdowns refer to.
UNITS_SHEET = "Enheter"
SOURCES_SHEET = "Källor"

# A unit's change against the previous report (column "Ändring" on Avdelningar).
NEW, RENAMED, MERGED = "ny", "bytt namn från", "sammanslagen i"
UNIT_CHANGES = (NEW, RENAMED, MERGED)


@dataclass(frozen=True)
class Field:
    heading: str  # "{y}" = the report year, "{p}" = the previous year
    field: str
    type: str = TEXT
    required: bool = False
    choices: tuple[str, ...] | None = None
    width: int = 14
    carry: bool = False  # a new year's workbook prefills last year's value
    reference: str | None = None  # grey: last year's value of this field, not read
    units: bool = False  # a dropdown of the unit ids on the sheet Enheter
    sources: bool = False  # a dropdown of the source ids on the sheet Källor
    ask: bool = False  # yellow when empty: what the year's report gives (the rest is optional)


@dataclass(frozen=True)
class Sheet:
    name: str
    table: str
    title: str  # "{y}" = the report year, "{p}" = the previous year
    note: str
    fields: tuple[Field, ...]
    id_field: str | None = None  # the row key; blank → derived from the label
    label_field: str | None = None
    skip_without: str | None = None  # a row without this field is not stored

    def column(self, field: str) -> int:
        """1-based column of ``field``."""
        return next(i for i, f in enumerate(self.fields, 1) if f.field == field)

    def has(self, field: str) -> bool:
        return any(f.field == field for f in self.fields)


def source_field() -> Field:
    """The column Källa: a section of the report on the sheet Källor (blank: the sheet's)."""
    return Field("Källa", "source", width=22, carry=True, sources=True)
