"""Swedish names of the printed tables and their columns, for "where" texts and formulas."""

from __future__ import annotations

from collections.abc import Callable

from ksanalys.compute.check.expressions import Cell, Indicator, Negate, Node, Number

__all__ = ["ID_COLUMNS", "LABEL_COLUMNS", "TABLE_LABELS", "column_label", "describe"]

TABLE_LABELS = {
    "resultatrakning": "Resultaträkning",
    "balansrakning": "Balansräkning",
    "net_cost": "Nettokostnadsutveckling",
    "budget": "Kommunbidrag och budgetavvikelse",
    "departments": "Resultat per avdelning",
    "ki": "K/I-rutan",
    "claims": "Text",
}
ID_COLUMNS = {
    "resultatrakning": "line_id",
    "balansrakning": "line_id",
    "ki": "line_id",
    "net_cost": "unit_id",
    "budget": "unit_id",
    "departments": "unit_id",
}
LABEL_COLUMNS = {"line_id": "line", "unit_id": "unit"}

_COLUMN_LABELS: dict[str, dict[str, Callable[[int], str]]] = {
    "resultatrakning": {
        "outcome_prev": lambda y: f"Bokslut {y - 1}",
        "budget": lambda y: f"Budget helår {y}",
        "outcome": lambda y: f"Bokslut {y}",
        "deviation": lambda y: "Budgetavvikelse",
    },
    "balansrakning": {
        "balance_prev": lambda y: f"31/12 {y - 1}",
        "balance": lambda y: f"31/12 {y}",
    },
    "net_cost": {
        "net_cost": lambda y: f"Bokslut {y}",
        "net_cost_prev": lambda y: f"Bokslut {y - 1}",
        "difference": lambda y: "Skillnad",
        "growth_pct": lambda y: "Nettokostnadsutveckling %",
    },
    "budget": {
        "grant": lambda y: "Kommunbidrag",
        "forecast": lambda y: "Prognos augusti",
        "net_cost": lambda y: "Bokslut",
        "deviation": lambda y: "Budgetavvikelse",
    },
    "departments": {
        "result": lambda y: f"Resultat {y}",
        "grant": lambda y: f"Nämndbidrag {y}",
        "net_cost": lambda y: f"Nettokostnad {y}",
        "deviation_pct": lambda y: "Avvikelse %",
    },
    "ki": {"value": lambda y: ""},
}


def column_label(table: str, column: str, year: int) -> str:
    """The printed column heading: ("resultatrakning", "outcome_prev", 2013) → "Bokslut 2012"."""
    label = _COLUMN_LABELS.get(table, {}).get(column)
    return label(year) if label else column


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
