"""The balansräkning: two sides printed on one line, stored as one list (assets first).

The heading line repeats the two columns for each side; the cells between them are the
right side's label. A row's side is the side its label is known on, else the side it is
printed on. Each side's sums are checked, and the two totals against each other.
"""

from __future__ import annotations

from decimal import Decimal

from ksanalys.intake.extract.income import close_total, placed_rows, with_sums
from ksanalys.intake.extract.labels import Labels
from ksanalys.intake.extract.place import Placed, emit
from ksanalys.intake.extract.records import Extraction, Finding
from ksanalys.intake.extract.sums import check_sums, running_terms
from ksanalys.intake.extract.tables import Block, table_row

__all__ = ["read_balance"]

TABLE = "balansrakning"
COLUMNS = ("balance_prev", "balance")
SIDES = ("tillgangar", "eget_kapital_skulder")


def _totals_agree(sides: list[list[Placed]]) -> list[Finding]:
    """Assets and equity plus liabilities: the two printed totals must be equal."""
    totals = [next((r for r in side if r["kind"] == "total"), None) for side in sides]
    left, right = totals
    if left is None or right is None:
        return []
    findings = []
    for column in COLUMNS:
        a, b = left.get(column), right.get(column)
        if isinstance(a, Decimal) and isinstance(b, Decimal) and a != b:
            findings.append(
                Finding(TABLE, right["_id"], column, b, a, right["_lines"][column], "balance")
            )
    return findings


def read_balance(out: Extraction, block: Block, labels: Labels) -> None:
    rows = [r for line in block.rows for r in table_row(line, block.heading)]
    sides: list[list[Placed]] = [[], []]
    for placed in placed_rows(out, TABLE, rows, labels, COLUMNS):
        known = labels.row(TABLE, str(placed["line"]))
        name = known.side if known is not None and known.side else SIDES[min(placed.side, 1)]
        placed["side"] = name
        placed["_lines"]["side"] = placed.line
        sides[SIDES.index(name)].append(placed)
    for side in sides:
        terms = running_terms(close_total(side))
        emit(out, TABLE, with_sums(side, terms))
        out.findings += check_sums(TABLE, side, terms, COLUMNS)
    out.findings += _totals_agree(sides)
