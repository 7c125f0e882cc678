"""The resultaträkning: rows by label, kinds, running sums checked, deviation checked.

A row's id and kind come from :class:`~.labels.Labels`; a label no data knows gets an id
from its words (listed as a new row) and a kind from its print: a label in capitals is a
heading when it has no figures, else a sum; the last sum is the total.
"""

from __future__ import annotations

from collections.abc import Sequence

from ksanalys.intake.extract.labels import Labels
from ksanalys.intake.extract.place import Placed, emit, unreadable
from ksanalys.intake.extract.records import Extraction, Note
from ksanalys.intake.extract.sums import SUMS, check_derived, check_sums, running_terms
from ksanalys.intake.extract.tables import Block, TableRow, table_row

__all__ = ["close_total", "placed_rows", "read_income", "row_kind", "with_sums"]

TABLE = "resultatrakning"
COLUMNS = ("outcome_prev", "budget", "outcome", "deviation")


def row_kind(row: TableRow) -> str:
    """The kind a label's print says: capitals without figures a heading, with figures a
    sum; anything else a line."""
    letters = [c for c in row.label if c.isalpha()]
    if letters and all(c.isupper() for c in letters):
        return "header" if row.empty else "subtotal"
    return "line"


def placed_rows(
    out: Extraction,
    table: str,
    rows: Sequence[TableRow],
    labels: Labels,
    columns: Sequence[str],
) -> list[Placed]:
    """The readable rows of a table of running sums, with ids and kinds."""
    placed: list[Placed] = []
    for row in unreadable(out, rows):
        known = labels.row(table, row.label)
        if known is None:
            row_id, kind = Labels.new_id(row.label), row_kind(row)
            out.new_rows.append(Note(row.line.number, row.line.text, "new_row"))
        else:
            row_id, kind = known.row_id, known.kind or row_kind(row)
        if any(p["_id"] == row_id for p in placed):
            out.unplaced.append(Note(row.line.number, row.line.text, "repeated_row"))
            continue
        values = {c: row.values.get(c) for c in columns}
        placed.append(Placed(row_id, row.line.number, line=row.label, kind=kind, **values))
        placed[-1].side = row.side
    return placed


def with_sums(rows: list[Placed], terms: dict[str, list[str]]) -> list[Placed]:
    """``rows`` with the rows each sum adds (``total_of``, ``+``-joined)."""
    for row in rows:
        if terms.get(row["_id"]):
            row.set("total_of", "+".join(terms[row["_id"]]))
    return rows


def close_total(rows: list[Placed]) -> list[Placed]:
    """Without a known total, the last sum of the table (or side) is its total."""
    if rows and not any(p["kind"] == "total" for p in rows) and rows[-1]["kind"] in SUMS:
        rows[-1]["kind"] = "total"
    return rows


def read_income(out: Extraction, block: Block, labels: Labels) -> None:
    rows = [r for line in block.rows for r in table_row(line, block.heading)]
    placed = close_total(placed_rows(out, TABLE, rows, labels, COLUMNS))
    terms = running_terms(placed)
    emit(out, TABLE, with_sums(placed, terms))
    out.findings += check_sums(TABLE, placed, terms, COLUMNS)
    out.findings += check_derived(TABLE, placed, "deviation", ("outcome", "budget"), "difference")
