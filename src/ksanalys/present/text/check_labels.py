"""Present stage: Swedish names of the printed tables, their columns and cells, for the
"where" texts and formulas of the granskning."""

from __future__ import annotations

from collections.abc import Callable

from ksanalys.compute.check.expressions import Cell, Indicator, Negate, Node, Number
from ksanalys.compute.check.printed import PrintedFigures
from ksanalys.present.columns import PRINTED, printed_heading

__all__ = [
    "CellLabels",
    "column_label",
    "describe",
    "table_in_text",
    "table_label",
]


def column_label(table: str, column: str, year: int) -> str:
    """The printed column heading: ("resultatrakning", "outcome_prev", 2013) → "Bokslut 2012"."""
    return printed_heading(table, column, year)


def table_label(table: str, department: str = "avdelning") -> str:
    """A printed table's name: "Resultaträkning", "Resultat per avdelning" (``department``:
    the organisation's word for its departments)."""
    printed = PRINTED.get(table)
    return table if printed is None else printed.name.format(department=department)


def table_in_text(table: str, department: str = "avdelning") -> str:
    """A printed table named inside a sentence: "resultaträkningen", "tabellen Resultat per
    avdelning"."""
    printed = PRINTED.get(table)
    in_text = printed.in_text if printed is not None else None
    return in_text or f"tabellen {table_label(table, department)}"


def describe(
    node: Node,
    label: Callable[[Cell], str],
    indicator_label: Callable[[Indicator], str],
) -> str:
    """A Swedish rendering of ``node`` with labels for its references: "A − (B + C) / 1000"."""

    def render(node: Node, parent: int) -> str:
        if isinstance(node, Number):
            text = format(node.value, "f").replace(".", ",")
            return text
        if isinstance(node, Cell):
            return label(node)
        if isinstance(node, Indicator):
            return indicator_label(node)
        if isinstance(node, Negate):
            return "−" + render(node.operand, 3)
        precedence = 1 if node.op in "+-" else 2
        symbol = {"+": "+", "-": "−", "*": "·", "/": "/"}[node.op]
        right_parent = precedence + 1 if node.op in "-/" else precedence
        text = f"{render(node.left, precedence)} {symbol} {render(node.right, right_parent)}"
        return f"({text})" if precedence < parent else text

    return render(node, 0)


def _plain_scope(scope: str) -> str:
    return scope.replace("_", " ")


class CellLabels:
    """Swedish labels of the cells and indicators of ``printed`` (row labels are data).

    ``scope_label`` names an indicator's scope for a reader (a unit or "kommunen") and
    ``department`` is the word for the board's departments; the chapters pass the
    organisation's (:mod:`ksanalys.load.organisation`), so that no scope id reaches a page.
    """

    def __init__(
        self,
        printed: PrintedFigures,
        scope_label: Callable[[str], str] | None = None,
        department: str = "avdelning",
    ) -> None:
        self.printed = printed
        self.scope_label = scope_label or _plain_scope
        self.department = department

    def table(self, table: str) -> str:
        return table_label(table, self.department)

    def table_in_text(self, table: str) -> str:
        return table_in_text(table, self.department)

    def where(self, cell: Cell) -> str:
        """Location of a cell: "Resultaträkning, SUMMA INTÄKTER, Bokslut 2012"."""
        year = cell.year if cell.year is not None else 0
        parts = [
            self.table(cell.table),
            self.printed.row_label(year, cell.table, cell.row),
            column_label(cell.table, cell.column, year),
        ]
        return ", ".join(p for p in parts if p)

    def relative(self, cell: Cell, target: Cell) -> str:
        """A reference's label, as short as the target it is read next to allows."""
        if cell.year != target.year:
            return f"bokslutet {cell.year}: {self.where(cell)}"
        if cell.table != target.table:
            return self.where(cell)
        year = cell.year if cell.year is not None else 0
        row = self.printed.row_label(year, cell.table, cell.row)
        column = column_label(cell.table, cell.column, year)
        if cell.column == target.column:
            return row
        if cell.row == target.row:
            return column
        return f"{row}, {column}"

    def indicator(self, ref: Indicator) -> str:
        """ "Sjukfrånvaro (kontoret, 2013)"."""
        scope = self.scope_label(ref.scope)
        detail = ", ".join(str(p) for p in (scope, ref.year, ref.period) if p != "")
        return f"{self.printed.indicator_name(ref.indicator)} ({detail})"
