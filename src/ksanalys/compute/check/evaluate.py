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

import dataclasses
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from decimal import Decimal

import pandas as pd

from ksanalys.compute.check.causes import (
    Cause,
    LikelyLine,
    diagnose,
    group_causes,
    likely_lines,
)
from ksanalys.compute.check.expressions import (
    Cell,
    Indicator,
    Node,
    Quantity,
    evaluate,
    references,
)
from ksanalys.compute.check.printed import PrintedFigures
from ksanalys.compute.check.rules import Check
from ksanalys.compute.check.tolerance import (
    AMOUNT,
    amounts_agree,
    cell_format,
    comparison_decimals,
)
from ksanalys.compute.check.weigh import TextReading
from ksanalys.values import decimals_of, round_half_up

__all__ = [
    "FINDING_COLUMNS",
    "RESULT_COLUMNS",
    "CheckResult",
    "Figure",
    "Finding",
    "run_checks",
]

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
    "cause",
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
)


@dataclass(frozen=True)
class Figure:
    """A printed figure and the value to use for it.

    ``value`` is the printed value when no check contradicts it or when other checks
    confirm it, else the recomputed (unrounded) value. ``differs`` is True when a finding
    concerns the figure.
    """

    table: str
    row: str
    column: str
    printed: float | None
    value: float | None
    differs: bool


@dataclass(frozen=True)
class Finding:
    """One printed figure that breaks a rule, with what the check learnt about it.

    ``computed`` is the value as compared (exact for amounts, rounded for derived figures),
    ``exact`` unrounded; both None when the expression cannot be evaluated (division by
    zero). ``value``: the value to use for the figure (see the module docstring).
    ``confirmed_by``: the passing amount checks the target takes part in (so the printed
    figure is probably right and the error lies in what it is computed from).
    ``replaced``: the recomputed value stands in for the printed one in later checks.
    ``blank_terms``: for a sum, the blank rows it adds. For a percentage: ``flagged_inputs``
    (amounts it is computed from that were replaced), ``follows_printed`` (it agrees with
    the printed values of those amounts) and ``inputs_confirmed`` (every amount it is
    computed from is confirmed by another check). ``cause``, ``likely`` (what the printed
    figure most likely is: a cell, indicator or expression; for ``missing_line`` the line
    that most likely lacks its amount, ``likely_value`` that amount), ``follows`` (the
    flagged amount it follows from), ``texts`` (the text claims that weigh a
    ``missing_line`` finding), ``result_stands`` (an error in its line leaves the result)
    and ``weight_tkr``: see
    :mod:`ksanalys.compute.check.causes`.
    """

    check: Check
    computed: Decimal | None
    exact: Decimal | None
    value: Decimal | None
    confirmed_by: tuple[Check, ...] = ()
    replaced: bool = False
    blank_terms: tuple[Cell, ...] = ()
    flagged_inputs: tuple[Cell, ...] = ()
    follows_printed: bool = False
    inputs_confirmed: bool = False
    cause: str = ""
    likely: Node | None = None
    likely_value: Decimal | None = None
    follows: Cell | None = None
    weight_tkr: Decimal = Decimal(0)
    texts: tuple[TextReading, ...] = ()
    result_stands: bool = False

    @property
    def difference(self) -> Decimal | None:
        """Printed − computed (None when nothing could be computed)."""
        return None if self.computed is None else self.check.printed - self.computed


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
    as floats rounded to the printed ``decimals``, difference = printed − computed, in
    ``unit``; for a claim, table is "claims", row the claim_id and column "value"; cause
    as in :mod:`ksanalys.compute.check.causes`). ``records``: the same findings as
    :class:`Finding` records, in the same order (what :mod:`ksanalys.present.text.check`
    words). ``rounding``: amounts that pass their check but differ from the recomputed
    value by rounding (cause "rounding", not findings). ``results``: every check, columns
    :data:`RESULT_COLUMNS`. ``printed``: the printed figures checked.
    """

    year: int
    checks: int
    findings: pd.DataFrame
    results: pd.DataFrame
    records: tuple[Finding, ...]
    rounding: tuple[Finding, ...]
    printed: PrintedFigures = field(repr=False)
    _figures: dict[tuple[str, str, str], Figure] = field(repr=False)
    board: str = ""  # the board's unit_id (its result cells, see causes.result_cells)

    def figure(self, table: str, row: str, column: str = "value") -> Figure:
        """The figure at (table, row, column) of this report; claims are ("claims", id)."""
        key = (table, row, column)
        if key in self._figures:
            return self._figures[key]
        cell = Cell(table, row, column, self.year)
        if not self.printed.has(cell):
            raise KeyError(f"{table}:{row}:{column} finns inte i rapporten {self.year}")
        value = _float(self.printed.value(cell))
        return Figure(table, row, column, value, value, False)

    def claim(self, claim_id: str) -> Figure:
        return self.figure("claims", claim_id, "value")

    def likely_lines(self) -> tuple[LikelyLine, ...]:
        """Lines that most likely lack their amount (cause ``missing_line``), one per
        column of the sum that fails."""
        return likely_lines(self.records, self.printed)

    def likely_line(self, table: str, row: str, column: str) -> LikelyLine | None:
        """The line the gap of the printed sum at (table, row, column) most likely belongs
        to (SUMMA KOSTNADER's 2 382 tkr: Övriga kostnader), or None."""
        return next(
            (
                line
                for line in self.likely_lines()
                if (line.total.table, line.total.row, line.total.column) == (table, row, column)
            ),
            None,
        )

    def causes(self) -> list[Cause]:
        """The findings grouped by cause, heaviest first; rounding last."""
        return group_causes(self.records, self.rounding, self.board)


def _float(value: Decimal | None) -> float | None:
    return None if value is None else float(value)


class _Resolver:
    """Reference values for evaluation: printed, or replaced where pass 1 says so."""

    def __init__(self, printed: PrintedFigures, replaced: dict[Cell, Decimal]) -> None:
        self.printed = printed
        self.replaced = replaced

    def __call__(self, ref: Cell | Indicator) -> Quantity:
        if isinstance(ref, Indicator):
            number = self.printed.indicator(ref)
            return Quantity(number, decimals_of(float(number)), 1)
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


def _input_cells(check: Check) -> list[Cell]:
    return [r for r in references(check.expression) if isinstance(r, Cell)]


@dataclass
class _Pass1:
    """What the first pass over the amount checks learnt."""

    confirmed_by: dict[Cell, list[Check]]
    replaced: dict[Cell, Decimal]


def _first_pass(printed: PrintedFigures, checks: list[Check]) -> _Pass1:
    first = [_evaluate(c, _Resolver(printed, {})) for c in checks if c.mode == AMOUNT]
    confirmed_by: dict[Cell, list[Check]] = {}
    for result in first:
        if result.ok:
            for cell in _cells(result.check):
                confirmed_by.setdefault(cell, []).append(result.check)
    replaced: dict[Cell, Decimal] = {}
    for result in first:
        target = result.check.target
        if not result.ok and target not in confirmed_by and result.exact is not None:
            replaced.setdefault(target, result.exact)
    return _Pass1(confirmed_by, replaced)


def run_checks(
    printed: PrintedFigures, checks: Iterable[Check], year: int, board: str = ""
) -> CheckResult:
    """Evaluate ``checks`` in two passes (see the module docstring); ``board`` is the
    board's unit_id."""
    checks = list(checks)
    first = _first_pass(printed, checks)
    resolve = _Resolver(printed, first.replaced)
    results = [_evaluate(c, resolve) for c in checks]
    records: list[Finding] = []
    seen: set[tuple[str, str, str]] = set()
    for result in results:
        key = _key(result.check)
        if not result.ok and key not in seen:
            seen.add(key)
            records.append(_finding(result, printed, first))
    records = diagnose(
        records,
        checks,
        printed,
        lambda c, e: _evaluate_as(c, e, printed).ok,
        lambda c, values: _evaluate_with(c, values, printed).ok,
        lambda c, values: _weighed(_evaluate_with(c, values, printed)),
        board,
    )
    figures = {
        _key(f.check): Figure(*_key(f.check), float(f.check.printed), _float(f.value), True)
        for f in records
    }
    for result in results:
        key = _key(result.check)
        if key not in figures and result.check.rule == "claim":
            value = float(result.check.printed)
            figures[key] = Figure(*key, value, value, False)
    return CheckResult(
        year=year,
        checks=len(results),
        findings=pd.DataFrame([_finding_row(f) for f in records], columns=list(FINDING_COLUMNS)),
        results=pd.DataFrame([_result_row(r) for r in results], columns=list(RESULT_COLUMNS)),
        records=tuple(records),
        rounding=_rounding(results, seen),
        printed=printed,
        _figures=figures,
        board=board,
    )


def _weighed(result: _Result) -> tuple[bool, Decimal | None]:
    return result.ok, result.exact


def _evaluate_as(check: Check, expression: Node, printed: PrintedFigures) -> _Result:
    """``check`` with another expression, on the printed figures."""
    return _evaluate(dataclasses.replace(check, expression=expression), _Resolver(printed, {}))


def _evaluate_with(check: Check, values: dict[Cell, Decimal], printed: PrintedFigures) -> _Result:
    """``check`` with ``values`` in place of the printed cells, its own figure included."""
    if check.target in values:
        check = dataclasses.replace(check, printed=values[check.target])
    return _evaluate(check, _Resolver(printed, values))


def _rounding(results: list[_Result], findings: set[tuple[str, str, str]]) -> tuple[Finding, ...]:
    """Amounts that pass but differ from the exact recomputed value (first check each)."""
    found: dict[tuple[str, str, str], Finding] = {}
    for result in results:
        check, key = result.check, _key(result.check)
        if not result.ok or check.mode != AMOUNT or key in findings or key in found:
            continue
        if result.exact is not None and result.exact != check.printed:
            found[key] = Finding(
                check, result.computed, result.exact, check.printed, cause="rounding"
            )
    return tuple(found.values())


def _key(check: Check) -> tuple[str, str, str]:
    return (check.target.table, check.target.row, check.target.column)


def _finding(result: _Result, printed: PrintedFigures, first: _Pass1) -> Finding:
    check = result.check
    confirmed = check.mode == AMOUNT and check.target in first.confirmed_by
    blank: tuple[Cell, ...] = ()
    if check.rule == "sum":
        blank = tuple(c for c in _input_cells(check) if printed.value(c) is None)
    flagged: tuple[Cell, ...] = ()
    follows = inputs_confirmed = False
    if check.rule == "percent":
        inputs = _input_cells(check)
        flagged = tuple(c for c in inputs if c in first.replaced)
        follows = bool(flagged) and _evaluate(check, _Resolver(printed, {})).ok
        inputs_confirmed = bool(inputs) and all(c in first.confirmed_by for c in inputs)
    if check.target in first.replaced:
        value: Decimal | None = first.replaced[check.target]
    elif confirmed:
        value = check.printed
    else:
        value = result.exact
    return Finding(
        check=check,
        computed=result.computed,
        exact=result.exact,
        value=value,
        confirmed_by=tuple(first.confirmed_by[check.target]) if confirmed else (),
        replaced=check.target in first.replaced,
        blank_terms=blank,
        flagged_inputs=flagged,
        follows_printed=follows,
        inputs_confirmed=inputs_confirmed,
    )


def _number(value: Decimal | None, decimals: int) -> float | None:
    if value is None:
        return None
    return float(round_half_up(value, decimals)) if decimals >= 0 else float(value)


def _finding_row(finding: Finding) -> dict:
    check = finding.check
    return {
        "table": check.target.table,
        "row": check.target.row,
        "column": check.target.column,
        "printed": float(check.printed),
        "computed": _number(finding.computed, check.decimals),
        "difference": _number(finding.difference, check.decimals),
        "unit": check.unit,
        "decimals": check.decimals,
        "rule": check.rule,
        "cause": finding.cause,
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
    }
