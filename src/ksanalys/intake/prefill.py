"""What a reading of the report found, as plain records the workbook writer places.

The extraction (:mod:`ksanalys.intake.extract`) reads a report and returns a
:class:`Prefill`; :func:`ksanalys.intake.workbook.new_year_workbook` takes it as the
optional ``prefill`` argument:

- a :class:`FoundCell` is one value for one cell, addressed as the data is, not as the
  sheet is: the data table (``"resultatrakning"``), the row's key (:func:`row_key`: its
  id, e.g. ``"personal"``) and the data column (``"outcome"``), with the number of the
  report line it was read from. A row the sheet does not have yet (a new line, a new
  department) is added at the end of its sheet, in the order found; give its label and
  kind as cells too (columns ``line``/``unit`` and ``kind``) and, for a sum, the keys it
  adds (column ``total_of``, ``+``-joined).
  The writer shows each such cell in its own style with the note
  :data:`FOUND_NOTE`, so the user checks rather than types;
- an :class:`UnplacedLine` is a report line with figures that could not be placed; the
  writer lists them on the sheet :data:`UNPLACED_SHEET`;
- a :class:`CandidateQuote` is a passage that may explain a figure (a unit's or a line's
  deviation, a cost change …); the writer puts it on the Förklaringar sheet, where the
  user keeps it (it is imported) or clears its quote (it is not).

Values are plain Python (``int``/``float`` for numbers, ``str`` for text); a number is in
the unit the sheet asks for (tkr, percent, a ratio 0.97), never a formatted string.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

__all__ = [
    "FOUND_NOTE",
    "UNPLACED_SHEET",
    "CandidateQuote",
    "FoundCell",
    "Prefill",
    "UnplacedLine",
    "row_key",
]

FOUND_NOTE = "hämtat ur rapporten, kontrollera"
UNPLACED_SHEET = "Ej placerat"


@dataclass(frozen=True)
class FoundCell:
    """One value the report gives for one cell of the workbook."""

    table: str  # data table, e.g. "resultatrakning", "goals", "indicators"
    row: str  # the row's key, see :func:`row_key`
    column: str  # data column, e.g. "outcome", "report_assessment", "value"
    value: object
    line: int  # 1-based line of the report the value was read from


@dataclass(frozen=True)
class UnplacedLine:
    """A report line with content the extraction could not place in any cell."""

    line: int
    text: str
    reason: str = ""  # Swedish, e.g. "okänd rad i resultaträkningen"


@dataclass(frozen=True)
class CandidateQuote:
    """A report passage offered as the reason for a figure (a row of Förklaringar)."""

    topic: str  # explanations.topic: "deviation", "growth", …
    subject_type: str  # "unit", "line" or "indicator"
    subject: str  # unit_id, resultaträkning line_id or indicator id
    quote: str  # the report's words, verbatim
    line: int
    item: str | None = None  # a narrower thing, Swedish (explanations.item)


@dataclass(frozen=True)
class Prefill:
    """Everything a reading of the report gives the workbook writer."""

    cells: tuple[FoundCell, ...] = ()
    unplaced: tuple[UnplacedLine, ...] = ()
    quotes: tuple[CandidateQuote, ...] = ()
    report: str = ""  # the report's file name, shown on the sheet of unplaced lines
    notes: tuple[str, ...] = field(default=())  # Swedish remarks for the sheet's head


def _text(value: object) -> str:
    if value is None or (isinstance(value, float) and value != value):
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def row_key(table: str, record: Mapping[str, object]) -> str:
    """The key :class:`FoundCell.row` uses for a row of data table ``table``.

    The row's id for the tables that have one (``line_id``, ``unit_id``, ``goal_id``,
    ``claim_id``, ``explanation_id``, ``indicator`` for new indicators); for indicators
    ``"indicator:scope:year"`` (``":period"`` added when the row has one, e.g.
    ``"sjukfranvaro:kontoret:2013"``); for assessments ``"level:area"``
    (``"area:Ekonomi"``); for the report's words about a goal ``"goal_id:number"``
    (``"personal-3:2"``); for the report document (table ``documents``) ``"report"``.
    """
    if table == "indicators":
        parts = [_text(record.get(k)) for k in ("indicator", "scope", "year")]
        period = _text(record.get("period"))
        return ":".join([*parts, period] if period else parts)
    if table == "assessments":
        return f"{_text(record.get('level'))}:{_text(record.get('area'))}"
    if table == "documents":
        return "report"
    if table == "goal_quotes":
        return f"{_text(record.get('goal_id'))}:{_text(record.get('number'))}"
    for column in _ID_COLUMNS:
        if column in record:
            return _text(record.get(column))
    raise KeyError(f"table {table!r} has no row key")


_ID_COLUMNS = (
    "line_id",
    "unit_id",
    "goal_id",
    "claim_id",
    "explanation_id",
    "pair_id",
    "indicator",
    "source",
    "scope",
)
