"""Compute stage: what weighs a sum that does not add up, beside its own checks.

A printed sum whose gap one line explains (cause ``missing_line``,
:mod:`ksanalys.compute.check.causes`) is weighed by

- the text's claims that take the sum (:func:`text_readings`): each reading of a claim (its
  ``expression`` and ``other_reading``, :mod:`ksanalys.compute.check.claims`) is evaluated
  with the printed sum and with the sum of its rows in its place. "kostnaderna har ökat med
  5 mkr" fits both: read as the K/I box's Kostnader totalt the printed SUMMA KOSTNADER gives
  323 415 − 318 445 = 4 970 tkr; read as SUMMA KOSTNADER alone its rows give 307 973 −
  303 006 = 4 967 tkr (the printed sum 7 349 tkr). The text then does not decide whether a
  line or the sum is wrong.
- the printed result (:func:`reaches`): when the result adds the sum through sums that
  add up as printed, an error in one of the sum's lines leaves the result as printed.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING

from ksanalys.compute.check.expressions import Cell, Node, references
from ksanalys.compute.check.rules import Check

if TYPE_CHECKING:
    from ksanalys.compute.check.evaluate import Finding

__all__ = ["TextReading", "Weighs", "cells_of", "reaches", "text_readings"]

# weighs(check, values): (whether it holds, its exact value) with ``values`` in place.
Weighs = Callable[[Check, dict[Cell, Decimal]], tuple[bool, Decimal | None]]


@dataclass(frozen=True)
class TextReading:
    """A claim of the text that bears on a sum that does not add up: ``claim`` its check,
    ``with_sum`` the value (in the claim's unit, unrounded) of its first reading that fits
    the printed sum, ``with_rows`` of its first reading that fits the sum of the rows
    (None: no reading fits). ``counts_more``: the rows (table, row) the reading that fits
    the printed sum adds beyond the reading that fits the rows (avskrivningar, räntenetto
    and förmedlingsbidrag, as the K/I box's Kostnader totalt does), empty unless both fit."""

    claim: Check
    with_sum: Decimal | None
    with_rows: Decimal | None
    counts_more: tuple[Cell, ...] = ()


def text_readings(finding: Finding, checks: list[Check], weighs: Weighs) -> tuple[TextReading, ...]:
    """The claims whose readings take the sum of ``finding``, each reading evaluated with
    the printed sum and with the sum of its rows (see ``missing_line``)."""
    total, rows = finding.check.target, finding.exact
    if rows is None:
        return ()
    found = []
    for check in checks:
        readings = (check.expression, *check.readings)
        if check.rule != "claim" or not any(total in references(r) for r in readings):
            continue
        with_sum = with_rows = None
        sum_cells: list[Cell] = []
        rows_cells: set[Cell] = set()
        for reading in readings:
            variant = dataclasses.replace(check, expression=reading)
            holds, value = weighs(variant, {})
            if holds and with_sum is None:
                with_sum, sum_cells = value, _cells(reading)
            holds, value = weighs(variant, {total: rows})
            if holds and with_rows is None:
                with_rows, rows_cells = value, set(_cells(reading))
        if with_sum is not None or with_rows is not None:
            more = () if with_rows is None else _rows_beyond(sum_cells, rows_cells)
            found.append(TextReading(check, with_sum, with_rows, more))
    return tuple(found)


def _cells(reading: Node) -> list[Cell]:
    return [r for r in references(reading) if isinstance(r, Cell)]


def _rows_beyond(cells: list[Cell], others: set[Cell]) -> tuple[Cell, ...]:
    """The cells of ``cells`` whose row ``others`` does not take, one per row, in order."""
    taken = {(c.table, c.row) for c in others}
    found: dict[tuple[str, str], Cell] = {}
    for cell in cells:
        found.setdefault((cell.table, cell.row), cell)
    return tuple(cell for key, cell in found.items() if key not in taken)


def reaches(
    total: Cell,
    checks: list[Check],
    results: set[tuple[str, str, str]],
    holds: Callable[[Check], bool],
) -> bool:
    """Whether a printed result (``results``: (table, row, column)) adds ``total`` through
    sums that hold as printed (``holds``): SUMMA KOSTNADER → VERKSAMHETENS NETTOKOSTNAD →
    … → RESULTAT. The result then stands if the error lies in one of the sum's lines."""
    reached = {total}
    grown = True
    while grown:
        grown = False
        for check in checks:
            if check.rule != "sum" or check.target in reached:
                continue
            if reached & cells_of(check) and holds(check):
                reached.add(check.target)
                grown = True
    return any((cell.table, cell.row, cell.column) in results for cell in reached)


def cells_of(check: Check) -> set[Cell]:
    """The target of ``check`` and the cells its expression takes."""
    return {check.target, *(r for r in references(check.expression) if isinstance(r, Cell))}
