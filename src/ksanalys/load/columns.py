"""Load stage: how a schema describes a data file's columns (:class:`Column`) and the file
itself (:class:`TableSchema`); the schemas of the data files are in :mod:`.schema`."""

from __future__ import annotations

from dataclasses import dataclass, field

from ksanalys.load.ids import ID_EXPECTATION, IDS_EXPECTATION
from ksanalys.values import MAX_MAGNITUDE

TEXT = "text"
INTEGER = "integer"
NUMBER = "number"
YEAR = "year"  # an integer between FIRST_YEAR and LAST_YEAR
DATE = "date"  # text: a date ÅÅÅÅ-MM-DD, a month ÅÅÅÅ-MM or a year ÅÅÅÅ, in those years
ID = "id"  # text: a plain id (see ksanalys.load.ids)
IDS = "ids"  # text: plain ids joined by '+' (a printed sum's terms)
FIRST_YEAR, LAST_YEAR = 1900, 2100


@dataclass(frozen=True)
class Column:
    name: str
    type: str = TEXT
    required: bool = True
    allowed: tuple[str, ...] | None = None
    references: tuple[str, str] | None = None  # (table, column) this column must match
    description: str = ""
    minimum: int | None = None  # numbers: smallest allowed value (default -MAX_MAGNITUDE)
    maximum: int | None = None  # numbers: largest allowed value (default MAX_MAGNITUDE)
    only_with: tuple[str, tuple[str, ...]] | None = None  # (column, values): may be
    # filled only in rows where that column holds one of the values
    added: bool = False  # added to the format later: a file without it reads it as blank,
    # so a data folder that was valid stays valid

    @property
    def numeric(self) -> bool:
        return self.type in (INTEGER, NUMBER, YEAR)

    @property
    def bounds(self) -> tuple[float, float]:
        """The smallest and largest value a numeric cell of this column may hold."""
        if self.type == YEAR:
            return FIRST_YEAR, LAST_YEAR
        low = -MAX_MAGNITUDE if self.minimum is None else self.minimum
        high = MAX_MAGNITUDE if self.maximum is None else self.maximum
        return low, high

    def expectation(self) -> str:
        """Swedish phrase for an error message: what a cell of this column must hold."""
        if self.allowed:
            return "ett av " + ", ".join(repr(v) for v in self.allowed)
        if self.type == YEAR:
            return f"ett år mellan {FIRST_YEAR} och {LAST_YEAR}"
        if self.type == ID:
            return ID_EXPECTATION
        if self.type == IDS:
            return IDS_EXPECTATION
        if self.type == DATE:
            return f"ett datum ÅÅÅÅ-MM-DD, ÅÅÅÅ-MM eller ÅÅÅÅ ({FIRST_YEAR}-{LAST_YEAR})"
        if self.type == INTEGER:
            return "ett heltal" + self._range()
        if self.type == NUMBER:
            return "ett tal (decimalpunkt)" + self._range()
        return "en text"

    def _range(self) -> str:
        if self.minimum is None and self.maximum is None:
            return ""
        low, high = self.bounds
        if self.maximum is None:
            return f", minst {low:g}"
        return f" mellan {low:g} och {high:g}"


@dataclass(frozen=True)
class TableSchema:
    name: str
    file: str
    columns: tuple[Column, ...]
    key: tuple[str, ...]
    purpose: str = ""  # Swedish: what the file holds, said when it is missing
    optional: bool = False  # a data folder may lack the file
    notes: dict[str, str] = field(default_factory=dict)

    @property
    def column_names(self) -> tuple[str, ...]:
        return tuple(c.name for c in self.columns)
