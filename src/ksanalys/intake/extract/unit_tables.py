"""The tables by unit: nettokostnad, kommunbidrag/prognos and the department table.

A row's unit is found by its label (:class:`~.labels.Labels`); a row labelled only with a
sum word ("Summa", "Nämnden totalt") is the sum of the rows above it that no sum has taken
yet, i.e. the unit that is their common parent. A label that names no unit of the
organisation is a new unit under the parent of its neighbours (listed as a new row, and
given to the units sheet); :func:`propose_units` pairs it with a unit of the same parent
that the report no longer prints (a rename, for the user to confirm).

A row that adds units is a sum (``total`` when its own parent is not in the table); the
sums, differences and percentages are checked against the printed figures.
"""

from __future__ import annotations

from collections.abc import Sequence

from ksanalys.intake.extract.income import with_sums
from ksanalys.intake.extract.labels import Labels
from ksanalys.intake.extract.place import Placed, emit, unreadable
from ksanalys.intake.extract.records import Cell, Extraction, Note
from ksanalys.intake.extract.sums import check_derived, check_sums, tree_terms
from ksanalys.intake.extract.tables import Block, TableRow, table_row

__all__ = ["UNIT_TABLES", "propose_units", "read_unit_table"]

# table → (columns, summed columns, derived checks (column, parts, kind))
UNIT_TABLES = {
    "net_cost": (
        ("net_cost", "net_cost_prev", "difference", "growth_pct"),
        ("net_cost", "net_cost_prev", "difference"),
        (
            ("difference", ("net_cost", "net_cost_prev"), "difference"),
            ("growth_pct", ("difference", "net_cost_prev"), "percent"),
        ),
    ),
    "budget": (
        ("grant", "forecast", "net_cost", "deviation"),
        ("grant", "forecast", "net_cost", "deviation"),
        (("deviation", ("grant", "net_cost"), "difference"),),
    ),
    "departments": (
        ("result", "grant", "net_cost", "deviation_pct"),
        ("result", "grant", "net_cost"),
        (
            ("result", ("grant", "net_cost"), "difference"),
            ("deviation_pct", ("result", "grant"), "percent"),
        ),
    ),
}


class _Units:
    """Which unit each row is, resolving sum words and new units as rows come."""

    def __init__(self, labels: Labels, parents: dict[str, str | None]) -> None:
        self.labels, self.parents = labels, parents
        self.open: list[str] = []  # units above that no sum has taken yet

    def take(self, unit: str) -> str:
        children = [u for u in self.open if self.parents.get(u) == unit]
        self.open = [u for u in self.open if u not in children] + [unit]
        return unit

    def sum_of_open(self) -> str | None:
        common = {self.parents.get(u) for u in self.open}
        if len(common) != 1 or None in common:
            return None
        return self.take(str(common.pop()))

    def new(self, label: str) -> str:
        unit = Labels.new_id(label)
        self.parents[unit] = self.parents.get(self.open[-1]) if self.open else None
        return self.take(unit)


def _unit_of(units: _Units, table: str, row: TableRow, out: Extraction) -> str | None:
    known = units.labels.unit(table, row.label)
    if known is not None:
        return units.take(known)
    if Labels.is_sum_word(row.label):
        return units.sum_of_open()
    out.new_rows.append(Note(row.line.number, row.line.text, "new_unit"))
    return units.new(row.label)


def _kinds(rows: list[Placed], parents: dict[str, str | None]) -> None:
    ids = [r["_id"] for r in rows]
    for row in rows:
        has_children = any(parents.get(i) == row["_id"] for i in ids)
        if not has_children:
            row["kind"] = "line"
        else:
            row["kind"] = "subtotal" if parents.get(row["_id"]) in ids else "total"


def read_unit_table(out: Extraction, block: Block, labels: Labels) -> None:
    table = block.heading.table
    columns, summed, derived = UNIT_TABLES[table]
    parents = dict(labels.parents)
    units = _Units(labels, parents)
    placed: list[Placed] = []
    for row in unreadable(out, [r for line in block.rows for r in table_row(line, block.heading)]):
        unit = _unit_of(units, table, row, out)
        if unit is None or any(p["_id"] == unit for p in placed):
            out.unplaced.append(Note(row.line.number, row.line.text, "unknown_sum"))
            continue
        values = {c: row.values.get(c) for c in columns}
        placed.append(Placed(unit, row.line.number, unit=row.label, kind="line", **values))
    _kinds(placed, parents)
    terms = tree_terms(placed, parents)
    emit(out, table, with_sums(placed, terms))
    _new_units(out, placed, parents, labels)
    out.findings += check_sums(table, placed, terms, summed)
    for column, parts, kind in derived:
        out.findings += check_derived(table, placed, column, parts, kind)


def _new_units(
    out: Extraction, rows: Sequence[Placed], parents: dict[str, str | None], labels: Labels
) -> None:
    """Units sheet cells for each row whose unit the organisation does not have."""
    known = set(labels.parents)
    have = {c.row for c in out.cells if c.table == "units"}
    for row in rows:
        unit = row["_id"]
        if unit in known or unit in have:
            continue
        parent = parents.get(unit)
        siblings = [u for u, p in labels.parents.items() if p == parent]
        level = labels.levels.get(siblings[0]) if siblings else None
        for column, value in (
            ("unit", row["unit"]),
            ("level", level),
            ("parent_unit_id", parent),
            ("from_year", labels.year),
        ):
            out.cells.append(Cell("units", unit, column, value, row.line))


def propose_units(out: Extraction, labels: Labels) -> None:
    """A new unit that is the only new one under its parent, where exactly one unit of
    that parent is printed no more, is proposed as its rename (to confirm)."""
    printed = {c.row for c in out.cells if c.table in UNIT_TABLES}
    new = {c.row: c for c in out.cells if c.table == "units" and c.column == "parent_unit_id"}
    for unit, cell in new.items():
        parent = cell.value
        gone = [
            u["unit_id"]
            for u in labels.units
            if u.get("parent_unit_id") == parent and u["unit_id"] not in printed
        ]
        fresh = [u for u, c in new.items() if c.value == parent]
        if len(gone) == 1 and fresh == [unit]:
            out.cells.append(Cell("units", unit, "renamed_from", gone[0], cell.line))
            out.cells.append(Cell("units", gone[0], "to_year", labels.year - 1, cell.line))
            out.new_rows = [
                Note(n.line, n.text, "renamed_unit") if n.line == cell.line else n
                for n in out.new_rows
            ]
