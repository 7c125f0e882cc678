"""Compute stage: why a printed figure breaks a rule, as a cause code found from the data.

Each finding gets one cause (:data:`CAUSES`), tried in this order:

``follows``
    Not a cause of its own: a percentage that agrees with the printed value of an amount
    another finding flags (Avvikelse % of Nämnden totalt computed from the wrong nämndbidrag)
    takes that finding's cause, with ``follows`` naming the amount.
``wrong_year``
    The printed figure equals the previous year's value of the same figure: for a table cell,
    the previous-year column or the previous report of the cell or of a cell printing the
    same figure elsewhere (``same_figure`` rules; 297 469 is 2012's kommunbidrag); for a
    claim, its expression evaluated on the previous year's cells and indicators (4,55 is
    2012's sick leave).
``comparison_column``
    A percentage or claim equals its expression with one cell read from another amount
    column of the same row (e.g. a share of net cost instead of the grant).
``other_row``
    A table cell equals the value of another row of the same column (one department's
    Avvikelse % printed with the value of the department above it).
``missing_line``
    A sum that does not add up in two or more columns of its row, where exactly one of
    its lines is printed as 0 or blank in every one of those columns, and giving that line
    the gap of each column makes every check its cells take part in pass, at least one of
    them a check other than the failing sums (the line's own difference between the
    columns). That line most likely lacks its amount: SUMMA KOSTNADER 2013 is 2 382 tkr
    more than its lines and its budget deviation −2 344 against the lines' 38; both are
    explained if Övriga kostnader, printed 0 against a budget of 0, is −2 382
    (38 − 2 382 = −2 344). ``likely`` is the line's cell of the finding's column and
    ``likely_value`` its amount. Two or more such lines: no line is named.
    ``result_stands``: the printed result adds the sum through sums that add up, so an
    error in a line leaves the result as printed.
    Every claim of the text whose expression or other reading takes the sum's cell weighs
    the finding (``texts``, :class:`TextReading`): each reading is evaluated with the printed
    sum and with the sum of its rows in its place; the claims weigh every column of the
    sum's row. A claim that fits the rows (as well as or instead of the printed sum) makes
    the line **undecided** (:data:`CERTAINTIES`): the text
    does not tell whether a line or the sum is wrong. "kostnaderna har ökat med 5 mkr" fits
    both: the K/I box's Kostnader totalt with the printed sum gives 4 970 tkr, SUMMA
    KOSTNADER's rows give 4 967 tkr (the printed sum 7 349 tkr).
``missing_value``
    A sum over blank lines that does not add up: the blanks probably hide amounts.
``sum_does_not_add``
    Any other sum that does not add up.
``text_vs_table``
    A claim of the text that the tables do not give, with no likelier value found (the
    forecast: 4,5 mkr in the text, 2,8 mkr from the tables). Neither is chosen.
``does_not_follow``
    Any other printed figure that does not follow from the figures it is computed from.
``rounding``
    Not a finding: an amount that passes its check but differs from the recomputed value
    by rounding of the printed figures (KS kontor 10 139 against 227 978 − 217 840). It
    changes nothing.

A figure is tested for a likely value (wrong_year, comparison_column, other_row) only when
no other check confirms it (a confirmed figure is right and its error lies elsewhere) and
when it has at least :data:`MIN_DIGITS` significant digits: "1,3" or "4" equals some other
figure by chance too often to say what it is.

**Weight** of a finding, in tkr: the amount of money that is misprinted, i.e. the
difference of an amount (mkr × 1000). A percentage, a ratio or a count has no amount of its
own: its weight is 0, so a misprinted percentage is never turned into money that does not
exist (its size is its difference in percentage points, see
:mod:`ksanalys.compute.check.issues`). The weight of a cause is the largest weight of its
findings, so an error repeated in several columns is counted once; causes are ranked by
weight, then by their largest difference in percentage points.
A cause **changes the result** when one of its findings is a printed result of the board
(:func:`result_cells`) whose value to use is not the printed one (:func:`changes_result`).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING

from ksanalys.compute.check.expressions import (
    Cell,
    Indicator,
    Node,
    references,
    replace_references,
)
from ksanalys.compute.check.printed import ID_COLUMNS, PrintedFigures
from ksanalys.compute.check.rules import AMOUNT_COLUMNS, PREVIOUS_COLUMNS, Check
from ksanalys.compute.check.tolerance import AMOUNT
from ksanalys.compute.check.weigh import TextReading, Weighs, cells_of, reaches, text_readings
from ksanalys.values import round_half_up

if TYPE_CHECKING:
    from ksanalys.compute.check.evaluate import Finding

__all__ = [
    "CAUSES",
    "CERTAINTIES",
    "Cause",
    "LikelyLine",
    "Passes",
    "changes_result",
    "diagnose",
    "group_causes",
    "likely_lines",
    "result_cells",
]

CAUSES = (
    "wrong_year",
    "comparison_column",
    "other_row",
    "missing_line",
    "missing_value",
    "sum_does_not_add",
    "text_vs_table",
    "does_not_follow",
    "rounding",
)


def result_cells(board: str) -> tuple[tuple[str, str, str], ...]:
    """The board's result for the year, as the tables print it (``board``: its unit_id)."""
    return (
        ("resultatrakning", "resultat", "outcome"),
        ("resultatrakning", "resultat", "deviation"),
        ("budget", board, "deviation"),
        ("departments", board, "result"),
    )


# A column of the report year -> the previous-year column of the same report.
_PREVIOUS_COLUMN = {
    (table, column): previous
    for table, pairs in PREVIOUS_COLUMNS.items()
    for previous, column in pairs
}

# How sure a missing_line finding is: "likely" when no text claim fits the sum's rows,
# "undecided" when one does (the text does not tell whether a line or the sum is wrong).
CERTAINTIES = ("likely", "undecided")

# Significant digits a printed figure needs before an equal value elsewhere names it.
MIN_DIGITS = 3

Agrees = Callable[[Check, Node], bool]
# passes(check, values): whether ``check`` holds with ``values`` in place of printed cells.
Passes = Callable[[Check, dict[Cell, Decimal]], bool]


@dataclass(frozen=True)
class Cause:
    """One cause and its findings (for ``rounding``: the rounding-only differences).

    ``weight_tkr``: the largest weight of its findings; ``changes_result``: see the module
    docstring.
    """

    code: str
    findings: tuple[Finding, ...]
    weight_tkr: Decimal
    changes_result: bool


@dataclass(frozen=True)
class LikelyLine:
    """A line that most likely lacks its amount (cause ``missing_line``), in one column:
    ``total`` the printed sum's cell, ``line`` the line's cell, ``printed`` the line as
    printed (None: blank) and ``value`` its likely amount."""

    total: Cell
    line: Cell
    printed: Decimal | None
    value: Decimal
    texts: tuple[TextReading, ...] = ()

    @property
    def certainty(self) -> str:
        """ "undecided" when a text claim fits the rows, else "likely" (:data:`CERTAINTIES`)."""
        likely, undecided = CERTAINTIES
        return undecided if any(t.with_rows is not None for t in self.texts) else likely


def likely_lines(findings: Iterable[Finding], printed: PrintedFigures) -> tuple[LikelyLine, ...]:
    """The ``missing_line`` findings as :class:`LikelyLine` records, in their order."""
    return tuple(
        LikelyLine(f.check.target, f.likely, printed.value(f.likely), f.likely_value, f.texts)
        for f in findings
        if f.cause == "missing_line" and isinstance(f.likely, Cell) and f.likely_value is not None
    )


def diagnose(
    findings: Sequence[Finding],
    checks: Iterable[Check],
    printed: PrintedFigures,
    agrees: Agrees,
    passes: Passes | None = None,
    weighs: Weighs | None = None,
    board: str = "",
) -> list[Finding]:
    """``findings`` with ``cause``, ``likely``, ``likely_value``, ``follows``, ``texts`` and
    ``weight_tkr`` set.

    ``agrees(check, expression)``: whether ``check``'s printed figure agrees with
    ``expression`` evaluated on the printed figures; ``passes``: see :data:`Passes` (None:
    no ``missing_line`` diagnosis); ``weighs``: see :data:`Weighs` (None: no claim weighs
    a ``missing_line`` finding); ``board``: the board's unit_id (its result cells).
    """
    checks = list(checks)
    same = _same_figures(checks)
    by_cell = {f.check.target: f for f in findings}
    values = {f.check.target: f.value for f in findings}
    diagnosed: dict[Cell, Finding] = {}
    for finding in findings:
        parent = _followed(finding, by_cell)
        if parent is not None:
            continue
        cause, likely = _cause(finding, printed, same, values, agrees)
        weight = _weight(finding)
        diagnosed[finding.check.target] = dataclasses.replace(
            finding, cause=cause, likely=likely, weight_tkr=weight
        )
    result = []
    for finding in findings:
        if finding.check.target in diagnosed:
            result.append(diagnosed[finding.check.target])
            continue
        parent = _followed(finding, by_cell)
        assert parent is not None
        cause = diagnosed[parent].cause if parent in diagnosed else "does_not_follow"
        result.append(dataclasses.replace(finding, cause=cause, follows=parent))
    if passes is None:
        return result
    return _missing_lines(result, checks, printed, passes, weighs, board)


def _missing_lines(
    findings: list[Finding],
    checks: list[Check],
    printed: PrintedFigures,
    passes: Passes,
    weighs: Weighs | None = None,
    board: str = "",
) -> list[Finding]:
    """``findings`` with the sums that one line explains diagnosed ``missing_line``."""
    rows: dict[tuple[str, str, int | None], list[int]] = {}
    for i, finding in enumerate(findings):
        target = finding.check.target
        if finding.check.rule == "sum" and finding.cause in ("missing_value", "sum_does_not_add"):
            rows.setdefault((target.table, target.row, target.year), []).append(i)
    result = list(findings)

    def holds(check: Check) -> bool:
        return passes(check, {})

    for members in rows.values():
        found = _one_line([findings[i] for i in members], checks, printed, passes)
        if found is None:
            continue
        # The text weighs the whole row: a claim on the outcome's sum speaks for its columns.
        texts = tuple(
            t
            for i in members
            if weighs is not None
            for t in text_readings(findings[i], checks, weighs)
        )
        for i in members:
            line = dataclasses.replace(found, column=findings[i].check.target.column)
            value = (printed.value(line) or Decimal(0)) + (findings[i].difference or Decimal(0))
            result[i] = dataclasses.replace(
                findings[i],
                cause="missing_line",
                likely=line,
                likely_value=value,
                texts=texts,
                result_stands=reaches(
                    findings[i].check.target, checks, set(result_cells(board)), holds
                ),
            )
    return result


def _one_line(
    sums: list[Finding], checks: list[Check], printed: PrintedFigures, passes: Passes
) -> Cell | None:
    """The one line of a sum failing in ``sums`` (its columns) that, given each column's
    gap, makes every check of its cells pass (see ``missing_line``); None if not one."""
    if len(sums) < 2 or any(f.difference is None for f in sums):
        return None
    terms = dict.fromkeys(r for r in references(sums[0].check.expression) if isinstance(r, Cell))
    found = [term for term in terms if _explains(term, sums, checks, printed, passes)]
    return found[0] if len(found) == 1 else None


def _explains(
    term: Cell, sums: list[Finding], checks: list[Check], printed: PrintedFigures, passes: Passes
) -> bool:
    """Whether line ``term``, printed 0 or blank in every column of ``sums``, given each
    column's gap, passes every check of its cells, one of them not a failing sum."""
    cells = {f: dataclasses.replace(term, column=f.check.target.column) for f in sums}
    if any(not printed.has(c) or printed.value(c) not in (None, 0) for c in cells.values()):
        return False
    values = {c: f.difference or Decimal(0) for f, c in cells.items()}
    involved = [c for c in checks if values.keys() & cells_of(c)]
    own = {f.check for f in sums}
    return any(c not in own for c in involved) and all(passes(c, values) for c in involved)


def group_causes(
    findings: Iterable[Finding], rounding: Iterable[Finding], board: str = ""
) -> list[Cause]:
    """The causes of ``findings``, heaviest first, then ``rounding`` as the last cause
    (``board``: the board's unit_id, whose result cells a cause may change)."""
    groups: dict[str, list[Finding]] = {}
    for finding in findings:
        groups.setdefault(finding.cause, []).append(finding)
    causes = [
        Cause(
            code,
            tuple(items),
            max(f.weight_tkr for f in items),
            any(changes_result(f, board) for f in items),
        )
        for code, items in groups.items()
    ]
    causes.sort(key=lambda c: (-c.weight_tkr, -_points(c.findings)))
    rounding = tuple(rounding)
    if rounding:
        weight = max(abs(f.difference or Decimal(0)) for f in rounding)
        causes.append(Cause("rounding", rounding, weight, False))
    return causes


def _points(findings: Iterable[Finding]) -> Decimal:
    """The largest difference in percentage points among ``findings`` (0 if none)."""
    return max(
        (
            abs(f.difference)
            for f in findings
            if f.check.unit in ("procent", "procentenheter") and f.difference is not None
        ),
        default=Decimal(0),
    )


def changes_result(finding: Finding, board: str = "") -> bool:
    """Whether ``finding`` is a printed result of the board (``board``: its unit_id) whose
    value to use differs."""
    check = finding.check
    key = (check.target.table, check.target.row, check.target.column)
    return key in result_cells(board) and finding.value != check.printed


def _followed(finding: Finding, by_cell: dict[Cell, Finding]) -> Cell | None:
    """The flagged amount a percentage follows from, if it agrees with its printed value."""
    if finding.follows_printed and finding.flagged_inputs:
        first = finding.flagged_inputs[0]
        return first if first in by_cell else None
    return None


def _cause(
    finding: Finding,
    printed: PrintedFigures,
    same: dict[Cell, set[Cell]],
    values: dict[Cell, Decimal | None],
    agrees: Agrees,
) -> tuple[str, Node | None]:
    check = finding.check
    if not finding.confirmed_by and _distinctive(check.printed, check.decimals):
        for code, likely in (
            ("wrong_year", _previous_year(check, printed, same, agrees)),
            ("comparison_column", _other_column(check, printed, agrees)),
            ("other_row", _other_row(check, printed, values)),
        ):
            if likely is not None:
                return code, likely
    if check.rule == "sum":
        return ("missing_value" if finding.blank_terms else "sum_does_not_add"), None
    if check.rule == "claim":
        return "text_vs_table", None
    return "does_not_follow", None


def _distinctive(value: Decimal, decimals: int) -> bool:
    """At least MIN_DIGITS significant digits as printed with ``decimals`` ("11,4", "4,55",
    "297 469", "100"; not "1,3", "0")."""
    digits = f"{abs(value):.{max(decimals, 0)}f}".replace(".", "").lstrip("0")
    return len(digits) >= MIN_DIGITS


def _same_figures(checks: Iterable[Check]) -> dict[Cell, set[Cell]]:
    """Each cell of a ``same_figure`` rule -> every cell printing the same figure."""
    groups: dict[Cell, set[Cell]] = {}
    for check in checks:
        if check.rule != "same_figure" or not isinstance(check.expression, Cell):
            continue
        merged = groups.get(check.target, {check.target}) | groups.get(
            check.expression, {check.expression}
        )
        for cell in merged:
            groups[cell] = merged
    return groups


def _previous_cells(cell: Cell, printed: PrintedFigures) -> list[Cell]:
    """The same figure one year earlier: the previous-year column, the previous report."""
    found = []
    previous = _PREVIOUS_COLUMN.get((cell.table, cell.column))
    if previous is not None:
        found.append(Cell(cell.table, cell.row, previous, cell.year))
    if cell.year is not None:
        found.append(Cell(cell.table, cell.row, cell.column, cell.year - 1))
    return [c for c in found if printed.has(c) and printed.value(c) is not None]


def _shift_back(ref: Cell | Indicator, printed: PrintedFigures) -> Node | None:
    if isinstance(ref, Indicator):
        earlier = dataclasses.replace(ref, year=ref.year - 1)
        return earlier if printed.has_indicator(earlier) else None
    cells = _previous_cells(ref, printed)
    return cells[0] if cells else None


def _previous_year(
    check: Check, printed: PrintedFigures, same: dict[Cell, set[Cell]], agrees: Agrees
) -> Node | None:
    if check.rule == "claim":
        shifted = replace_references(check.expression, lambda r: _shift_back(r, printed))
        return shifted if shifted is not None and agrees(check, shifted) else None
    for cell in sorted(same.get(check.target, {check.target}), key=_order(check.target)):
        for earlier in _previous_cells(cell, printed):
            if printed.value(earlier) == check.printed:
                return earlier
    return None


def _order(target: Cell) -> Callable[[Cell], tuple]:
    """Cells of a same-figure group: the target first, then by table, row and column."""
    return lambda c: (c != target, c.table, c.row, c.column)


def _other_column(check: Check, printed: PrintedFigures, agrees: Agrees) -> Node | None:
    if check.mode == AMOUNT or check.rule not in ("claim", "percent"):
        return None
    cells = [r for r in references(check.expression) if isinstance(r, Cell)]
    for cell in dict.fromkeys(cells):
        for column in AMOUNT_COLUMNS.get(cell.table, ()):
            other = Cell(cell.table, cell.row, column, cell.year)
            if column == cell.column or not printed.has(other) or printed.value(other) is None:
                continue
            swapped = replace_references(check.expression, _swap(cell, other))
            if swapped is not None and agrees(check, swapped):
                return swapped
    return None


def _swap(old: Cell, new: Cell) -> Callable[[Cell | Indicator], Node | None]:
    return lambda ref: new if ref == old else ref


def _other_row(
    check: Check, printed: PrintedFigures, values: dict[Cell, Decimal | None]
) -> Node | None:
    target = check.target
    if check.rule == "claim" or target.year is None:
        return None
    id_column = ID_COLUMNS[target.table]
    for record in printed.rows(target.table, target.year):
        cell = Cell(target.table, str(record[id_column]), target.column, target.year)
        if cell == target or not printed.has(cell):
            continue
        value = values[cell] if cell in values else printed.value(cell)
        if value is not None and round_half_up(value, check.decimals) == check.printed:
            return cell
    return None


def _weight(finding: Finding) -> Decimal:
    """The amount of money a finding misprints, in tkr (see the module docstring)."""
    difference = finding.difference
    unit = finding.check.unit
    if difference is None or unit not in ("tkr", "mkr"):
        return Decimal(0)
    return abs(difference) * (1000 if unit == "mkr" else 1)
