"""The tolerance rule: when a printed figure agrees with the figure recomputed from others.

A figure printed with ``d`` decimals stands for a true value rounded half-up to ``d``
decimals, i.e. for anything in ``[p − ½·10⁻ᵈ, p + ½·10⁻ᵈ)``. Two comparisons follow.

**Amounts** (``AMOUNT``: whole tkr in the tables; sums, differences, the same amount printed
in two places). The recomputed value adds or subtracts ``k`` printed figures, each up to
half a unit off its true value, and the printed figure is up to half a unit off itself.
They agree when ``|printed − computed| < ½·(k + 1)`` units. So an amount printed twice
(k = 1) must be identical, a difference of two amounts may be 1 tkr off, a sum of seven
3 tkr. A blank cell counts as 0 and is no printed term.

**Derived figures** (``ROUNDED``: percentages, ratios, mkr and percentage points in the
text, counts). The value is computed from the printed figures at face value, rounded
half-up to the printed number of decimals and must then equal the printed value: a
percentage printed with one decimal is compared at one decimal. When the computed value
rests on a figure printed with fewer decimals than the figure checked (e.g. a percentage
printed as 15 checked against 14,81), both are rounded to those fewer decimals first.

Decimals and units of table cells that are not whole tkr are listed in
:data:`CELL_FORMATS`, the one place that says how a table column is printed.
"""

from __future__ import annotations

from decimal import Decimal

from ksanalys.values import decimals_of, round_half_up

__all__ = [
    "AMOUNT",
    "CELL_FORMATS",
    "ROUNDED",
    "amounts_agree",
    "cell_format",
    "comparison_decimals",
    "decimals_of",
    "round_half_up",
]

AMOUNT = "amount"
ROUNDED = "rounded"

# (table, column) or (table, row, column) -> (printed decimals, unit). Everything else in
# the finance tables is whole tkr.
CELL_FORMATS: dict[tuple[str, ...], tuple[int, str]] = {
    ("net_cost", "growth_pct"): (1, "procent"),
    ("departments", "deviation_pct"): (1, "procent"),
    ("ki", "ki_tal", "value"): (2, "kvot"),
}
DEFAULT_FORMAT = (0, "tkr")


def cell_format(table: str, row: str, column: str) -> tuple[int, str]:
    """(decimals, unit) of a printed table cell."""
    return CELL_FORMATS.get((table, row, column), CELL_FORMATS.get((table, column), DEFAULT_FORMAT))


def amounts_agree(printed: Decimal, computed: Decimal, terms: int, decimals: int = 0) -> bool:
    """Rule for amounts: ``|printed − computed| < ½·(terms + 1)`` units of the last digit."""
    unit = Decimal(1).scaleb(-decimals)
    return abs(printed - computed) < Decimal(terms + 1) * unit / 2


def comparison_decimals(printed_decimals: int, computed_decimals: int | None) -> int:
    """Decimals at which a derived figure is compared (the coarser of the two)."""
    if computed_decimals is None:
        return printed_decimals
    return max(0, min(printed_decimals, computed_decimals))
