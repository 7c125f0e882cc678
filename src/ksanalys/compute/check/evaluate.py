"""Run every check of a report and collect the findings.

Evaluation has two passes, so that one wrong printed figure gives one finding rather than
a finding in every figure computed from it:

1. Every amount check (whole tkr) is evaluated with the printed figures. A printed figure
   that fails a check is *confirmed* when another amount check it takes part in passes
   (e.g. a SUMMA INTÄKTER that disagrees with its lines but agrees with the K/I box and with
   VERKSAMHETENS NETTOKOSTNAD). An unconfirmed failing figure is replaced by the value its
   first failing check computes; a confirmed one keeps its printed value.
2. Every check is evaluated again, reading the replaced values where there are any. Each
   failing check is a finding, one per printed figure (the first rule that fails it).

The *value to use* for a figure (:meth:`CheckResult.figure`) is the printed value when
it is consistent or confirmed, otherwise the recomputed one.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from decimal import Decimal

import pandas as pd

from ksanalys.compute.check.expressions import Cell, Indicator, Quantity, evaluate, references
from ksanalys.compute.check.printed import PrintedFigures
from ksanalys.compute.check.rules import Check
from ksanalys.compute.check.tolerance import (
    AMOUNT,
    amounts_agree,
    cell_format,
    comparison_decimals,
)
from ksanalys.present.text.check import finding_line
from ksanalys.values import decimals_of, round_half_up

__all__ = ["FINDING_COLUMNS", "RESULT_COLUMNS", "CheckResult", "Figure", "run_checks"]

FINDING_COLUMNS = (
    "table",
    "row",
    "column",
    "printed",
    "computed",
    "difference",
    "unit",
    "decimals",
    "rule",
    "where",
    "formula",
    "message",
    "note",
)
RESULT_COLUMNS = (
    "table",
    "row",
    "column",
    "rule",
    "printed",
    "computed",
    "unit",
    "decimals",
    "ok",
    "where",
    "formula",
)


@dataclass(frozen=True)
class Figure:
    """A printed figure and the value to use for it.

    ``value`` is the printed value when no check contradicts it or when other checks
    confirm it, else the recomputed (unrounded) value. ``differs`` is True when a finding
    concerns the figure; ``message`` then says which rule it breaks (Swedish).
    """

    table: str
    row: str
    column: str
    printed: float | None
    value: float | None
    differs: bool
    message: str = ""


@dataclass(frozen=True)
class _Result:
    check: Check
    exact: Decimal | None
    computed: Decimal | None  # exact for amounts, rounded as compared for derived figures
    ok: bool


@dataclass(frozen=True, eq=False)
class CheckResult:
    """The outcome of checking one report.

    ``checks``: number of checks performed. ``findings``: one row per printed figure that
    breaks a rule, columns :data:`FINDING_COLUMNS` (``printed``/``computed``/``difference``
    as floats, difference = printed − computed, in ``unit`` with ``decimals`` as printed;
    ``where`` (location), ``formula`` (what it should equal), ``message`` (both, as a
    sentence) and ``note`` in Swedish, without numbers; for a claim, table is "claims", row the
    claim_id and column "value"). ``results``: every check, columns :data:`RESULT_COLUMNS`.
    """

    year: int
    checks: int
    findings: pd.DataFrame
    results: pd.DataFrame
    _figures: dict[tuple[str, str, str], Figure] = field(repr=False)
    _printed: PrintedFigures = field(repr=False)

    def figure(self, table: str, row: str, column: str = "value") -> Figure:
        """The figure at (table, row, column) of this report; claims are ("claims", id)."""
        key = (table, row, column)
        if key in self._figures:
            return self._figures[key]
        cell = Cell(table, row, column, self.year)
        if not self._printed.has(cell):
            raise KeyError(f"{table}:{row}:{column} finns inte i rapporten {self.year}")
        value = _float(self._printed.value(cell))
        return Figure(table, row, column, value, value, False)

    def claim(self, claim_id: str) -> Figure:
        return self.figure("claims", claim_id, "value")


def _float(value: Decimal | None) -> float | None:
    return None if value is None else float(value)


class _Resolver:
    """Reference values for evaluation: printed, or replaced where pass 1 says so."""

    def __init__(self, printed: PrintedFigures, replaced: dict[Cell, Decimal]) -> None:
        self.printed = printed
        self.replaced = replaced

    def __call__(self, ref: Cell | Indicator) -> Quantity:
        if isinstance(ref, Indicator):
            value = self.printed.indicator(ref)
            return Quantity(value, decimals_of(float(value)), 1)
        decimals, _ = cell_format(ref.table, ref.row, ref.column)
        if ref in self.replaced:
            return Quantity(self.replaced[ref], decimals, 1)
        value = self.printed.value(ref)
        if value is None:
            return Quantity(Decimal(0), None, 0)
        return Quantity(value, decimals, 1)


def _evaluate(check: Check, resolve: Callable[[Cell | Indicator], Quantity]) -> _Result:
    quantity = evaluate(check.expression, resolve)
    if quantity is None:
        return _Result(check, None, None, False)
    if check.mode == AMOUNT:
        ok = amounts_agree(check.printed, quantity.value, quantity.terms, check.decimals)
        return _Result(check, quantity.value, quantity.value, ok)
    decimals = comparison_decimals(check.decimals, quantity.decimals)
    computed = round_half_up(quantity.value, decimals)
    ok = round_half_up(check.printed, decimals) == computed
    return _Result(check, quantity.value, computed, ok)


def _cells(check: Check) -> set[Cell]:
    return {check.target, *(r for r in references(check.expression) if isinstance(r, Cell))}


def run_checks(printed: PrintedFigures, checks: Iterable[Check], year: int) -> CheckResult:
    """Evaluate ``checks`` in two passes (see the module docstring)."""
    checks = list(checks)
    amount_checks = [c for c in checks if c.mode == AMOUNT]
    first = [_evaluate(c, _Resolver(printed, {})) for c in amount_checks]
    confirmed_by: dict[Cell, list[str]] = {}
    for result in first:
        if result.ok:
            check = result.check
            for cell in _cells(check):
                text = check.formula if cell == check.target else check.where
                confirmed_by.setdefault(cell, []).append(text)
    replaced: dict[Cell, Decimal] = {}
    for result in first:
        target = result.check.target
        if not result.ok and target not in confirmed_by and result.exact is not None:
            replaced.setdefault(target, result.exact)

    resolve = _Resolver(printed, replaced)
    results = [_evaluate(c, resolve) for c in checks]
    findings, figures = [], {}
    for result in results:
        check = result.check
        key = (check.target.table, check.target.row, check.target.column)
        if result.ok or key in figures:
            continue
        note = _note(result, printed, confirmed_by, replaced)
        row = _finding_row(result, note)
        message = row["message"] = finding_line(row)
        findings.append(row)
        if check.target in replaced:
            value = replaced[check.target]
        elif check.mode == AMOUNT and check.target in confirmed_by:
            value = check.printed
        else:
            value = result.exact
        figures[key] = Figure(*key, float(check.printed), _float(value), True, message)
    for result in results:
        check = result.check
        key = (check.target.table, check.target.row, check.target.column)
        if key not in figures and check.rule == "claim":
            value = float(check.printed)
            figures[key] = Figure(*key, value, value, False)

    return CheckResult(
        year=year,
        checks=len(results),
        findings=pd.DataFrame(findings, columns=list(FINDING_COLUMNS)),
        results=pd.DataFrame([_result_row(r) for r in results], columns=list(RESULT_COLUMNS)),
        _figures=figures,
        _printed=printed,
    )


def _note(
    result: _Result,
    printed: PrintedFigures,
    confirmed_by: dict[Cell, list[str]],
    replaced: dict[Cell, Decimal],
) -> str:
    check = result.check
    parts = [_sentence(check.note)] if check.note else []
    if result.exact is None:
        parts.append("Värdet kan inte beräknas (division med noll).")
    if check.mode == AMOUNT and check.target in confirmed_by:
        places = "; ".join(dict.fromkeys(confirmed_by[check.target]))
        parts.append(
            f"Det tryckta talet stämmer med andra kontroller ({places}); felet ligger "
            "troligen i de tal det räknas fram ur."
        )
    elif check.target in replaced:
        parts.append("Det beräknade värdet används i de följande kontrollerna.")
    if check.rule == "percent":
        parts.extend(_percent_note(result, printed, confirmed_by, replaced))
    if check.rule == "sum":
        blank = [
            printed.row_label(ref.year, ref.table, ref.row)
            for ref in references(check.expression)
            if isinstance(ref, Cell) and printed.value(ref) is None
        ]
        if blank:
            parts.append("Tomma rader som troligen döljer belopp: " + ", ".join(blank) + ".")
    return " ".join(parts)


def _percent_note(
    result: _Result,
    printed: PrintedFigures,
    confirmed_by: dict[Cell, list[str]],
    replaced: dict[Cell, Decimal],
) -> list[str]:
    """Where the error of a failing percentage lies: in a flagged amount it is computed
    from (one that was replaced), or in the percentage when its amounts are confirmed."""
    check = result.check
    inputs = [r for r in references(check.expression) if isinstance(r, Cell)]
    flagged = [cell for cell in inputs if cell in replaced]
    if flagged:
        names = " och ".join(printed.relative_label(cell, check.target) for cell in flagged)
        by = "en annan kontroll" if len(flagged) == 1 else "andra kontroller"
        if _evaluate(check, _Resolver(printed, {})).ok:
            return [
                f"Procentsatsen följer av det tryckta värdet för {names}, som {by} "
                "flaggar; avvikelsen kommer därifrån, inte från procentsatsen."
            ]
        used = "det beräknade värdet" if len(flagged) == 1 else "de beräknade värdena"
        return [f"Procentsatsen räknas ur {names}, som {by} flaggar; här används {used}."]
    if inputs and all(cell in confirmed_by for cell in inputs):
        return ["Beloppen stämmer med andra kontroller, så felet ligger troligen i procentsatsen."]
    return []


def _sentence(text: str) -> str:
    text = text.strip()
    text = text[:1].upper() + text[1:]
    return text if text.endswith((".", "!", "?")) else text + "."


def _number(value: Decimal | None, decimals: int) -> float | None:
    if value is None:
        return None
    return float(round_half_up(value, decimals)) if decimals >= 0 else float(value)


def _finding_row(result: _Result, note: str) -> dict:
    check = result.check
    computed = result.computed
    difference = None if computed is None else check.printed - computed
    return {
        "table": check.target.table,
        "row": check.target.row,
        "column": check.target.column,
        "printed": float(check.printed),
        "computed": _number(computed, check.decimals),
        "difference": _number(difference, check.decimals),
        "unit": check.unit,
        "decimals": check.decimals,
        "rule": check.rule,
        "where": check.where,
        "formula": check.formula,
        "message": "",
        "note": note,
    }


def _result_row(result: _Result) -> dict:
    check = result.check
    return {
        "table": check.target.table,
        "row": check.target.row,
        "column": check.target.column,
        "rule": check.rule,
        "printed": float(check.printed),
        "computed": _float(result.computed),
        "unit": check.unit,
        "decimals": check.decimals,
        "ok": result.ok,
        "where": check.where,
        "formula": check.formula,
    }
