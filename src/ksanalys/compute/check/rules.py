"""The checks of a report's printed tables, as :class:`Check` objects.

Every check compares one printed cell (the *target*) with an expression over other printed
cells (see :mod:`ksanalys.compute.check.expressions`). Rules, in the order they are checked:

``sum``
    A row with ``total_of``: every amount column of the printed sum against the sum of the
    rows it names (blank rows count as 0).
``difference``
    Within a row: net_cost.csv Skillnad = Bokslut − Bokslut föregående år; budget.csv
    Budgetavvikelse = Kommunbidrag − Bokslut; departments.csv Resultat = Nämndbidrag −
    Nettokostnad (a blank nämndbidrag counts as 0); resultaträkning Budgetavvikelse =
    Bokslut − Budget on every line.
``percent``
    Nettokostnadsutveckling % = 100 · Skillnad / Bokslut föregående år; Avvikelse % =
    100 · Resultat / Nämndbidrag.
``same_figure`` across the unit tables (:data:`UNIT_FIGURES`)
    A unit's figure that two unit tables print: its net cost (net_cost.csv, budget.csv,
    departments.csv), its grant and its result (budget.csv Budgetavvikelse against
    departments.csv Resultat). The units compared are those the data prints in both tables
    for the year, in printed order: the board, its units and any department that both
    tables show. No unit is named in code.
the rules of the data folder (check_rules.csv, :mod:`ksanalys.compute.check.data_rules`)
    The rules that follow from the report's layout, each with its rule code: ``same_figure``
    (the board's net cost against the resultaträkning, its grant and result in the
    resultaträkning and the K/I box, the balance sheet's Årets resultat against the office's
    result), ``ki`` (K/I-tal = Kostnader totalt / (Intäkter totalt + Kommunbidrag totalt)),
    ``balance`` (S:A TILLGÅNGAR = S:A SKULDER OCH EGET KAPITAL) and ``opening_equity``
    (Ingående balans = Ingående balans + Årets resultat of the year before). A board whose
    report prints no balansräkning or K/I box has no such rules (or its cells are not in
    the data, and the rule is skipped).

A report's previous-year column that differs from the previous report is not checked here:
it is a restatement (omräkning) by the later report, listed by
:func:`ksanalys.compute.revisions.restatements`, never a finding of either report.

A rule whose cells are not in the data (another year's report may lack a row) is skipped;
a blank target is not checked (nothing is printed). Every expression is parsed once from
the text of its rule; the ids of the data (a row, the terms of a sum, a unit) are bound
into the parsed nodes as values (:func:`~ksanalys.compute.check.expressions.bind_row`,
:func:`~ksanalys.compute.check.expressions.sum_of`), never pasted into expression text.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from ksanalys.compute.check.expressions import (
    Cell,
    Node,
    bind_row,
    bind_year,
    parse,
    references,
    sum_of,
)
from ksanalys.compute.check.printed import ID_COLUMNS, PrintedFigures
from ksanalys.compute.check.tolerance import AMOUNT, ROUNDED, cell_format
from ksanalys.load.schema import CHECK_RULE_CODES

__all__ = ["AMOUNT_COLUMNS", "RULES", "UNIT_FIGURES", "Check", "TableRule", "table_checks"]

# The rules, in the order they are checked (worded in ksanalys.present.text.check).
RULES = ("sum", "difference", "percent", *CHECK_RULE_CODES, "claim")

AMOUNT_COLUMNS = {
    "resultatrakning": ("outcome_prev", "budget", "outcome", "deviation"),
    "balansrakning": ("balance_prev", "balance"),
    "net_cost": ("net_cost", "net_cost_prev", "difference"),
    "budget": ("grant", "forecast", "net_cost", "deviation"),
    "departments": ("result", "grant", "net_cost"),
}

# (rule, table, target column, expression template: "@" is the target's own row), each
# template parsed once, here.
ROW_RULES: tuple[tuple[str, str, str, Node], ...] = tuple(
    (rule, table, column, parse(template, template=True))
    for rule, table, column, template in (
        (
            "difference",
            "net_cost",
            "difference",
            "{net_cost:@:net_cost} - {net_cost:@:net_cost_prev}",
        ),
        ("difference", "budget", "deviation", "{budget:@:grant} - {budget:@:net_cost}"),
        ("difference", "departments", "result", "{departments:@:grant} - {departments:@:net_cost}"),
        (
            "difference",
            "resultatrakning",
            "deviation",
            "{resultatrakning:@:outcome} - {resultatrakning:@:budget}",
        ),
        (
            "percent",
            "net_cost",
            "growth_pct",
            "100 * {net_cost:@:difference} / {net_cost:@:net_cost_prev}",
        ),
        (
            "percent",
            "departments",
            "deviation_pct",
            "100 * {departments:@:result} / {departments:@:grant}",
        ),
    )
)

# A unit's figure printed in two unit tables: (target table, target column) is checked
# against (table, column) of the same unit, for every unit both print.
UNIT_FIGURES = (
    ("budget", "net_cost", "net_cost", "net_cost"),
    ("departments", "net_cost", "budget", "net_cost"),
    ("departments", "grant", "budget", "grant"),
    ("departments", "result", "budget", "deviation"),
)


@dataclass(frozen=True)
class TableRule:
    """A rule across the printed tables, as a data folder states it (check_rules.csv):
    ``target`` (a cell of the report being checked, year None) should equal
    ``expression``."""

    rule: str
    target: Cell
    expression: Node


# Previous-year column of a report -> the column of the previous report with the same figure.
PREVIOUS_COLUMNS = {
    "resultatrakning": (("outcome_prev", "outcome"),),
    "balansrakning": (("balance_prev", "balance"),),
    "net_cost": (("net_cost_prev", "net_cost"),),
}


@dataclass(frozen=True)
class Check:
    """One printed figure (``target``) against the expression it should equal.

    For a claim (rule "claim", target ``Cell("claims", claim_id, "value", year)``),
    ``section``, ``quote`` and ``note`` are the claims.csv row's text (data, unescaped) and
    ``restates`` the statement key it restates ("" for none; see
    :mod:`ksanalys.compute.check.claims`). ``readings``: other expressions the claim's words
    may mean (claims.csv ``other_reading``); the claim is checked on ``expression`` only,
    the readings weigh a sum that does not add up (:mod:`ksanalys.compute.check.causes`).
    """

    rule: str
    target: Cell
    expression: Node
    mode: str  # tolerance.AMOUNT or tolerance.ROUNDED
    printed: Decimal
    decimals: int
    unit: str
    section: str = ""
    quote: str = ""
    note: str = ""
    restates: str = ""
    readings: tuple[Node, ...] = ()


def table_checks(
    printed: PrintedFigures, year: int, rules: Sequence[TableRule] = ()
) -> list[Check]:
    """All checks of the printed tables of report ``year``, in rule order; ``rules``: the
    data folder's rules across the tables (:mod:`ksanalys.compute.check.data_rules`)."""
    return [
        *_sum_checks(printed, year),
        *_row_checks(printed, year),
        *_unit_checks(printed, year),
        *_rule_checks(printed, year, rules),
    ]


def make_check(printed: PrintedFigures, rule: str, target: Cell, expression: Node) -> Check | None:
    """A check of a table cell, or None when a cell is missing or the target is blank."""
    cells = [target, *(r for r in references(expression) if isinstance(r, Cell))]
    if not all(printed.has(cell) for cell in cells):
        return None
    value = printed.value(target)
    if value is None:
        return None
    decimals, unit = cell_format(target.table, target.row, target.column)
    return Check(
        rule=rule,
        target=target,
        expression=expression,
        mode=AMOUNT if unit == "tkr" else ROUNDED,
        printed=value,
        decimals=decimals,
        unit=unit,
    )


def _keep(checks) -> list[Check]:
    return [c for c in checks if c is not None]


def _sum_checks(printed: PrintedFigures, year: int) -> list[Check]:
    checks = []
    for table, columns in AMOUNT_COLUMNS.items():
        id_column = ID_COLUMNS[table]
        for record in printed.rows(table, year):
            terms = record.get("total_of")
            if not isinstance(terms, str) or not terms:
                continue
            row = str(record[id_column])
            for column in columns:
                cells = [Cell(table, term, column, year) for term in terms.split("+")]
                target = Cell(table, row, column, year)
                checks.append(make_check(printed, "sum", target, sum_of(cells)))
    return _keep(checks)


def _row_checks(printed: PrintedFigures, year: int) -> list[Check]:
    checks = []
    for rule, table, column, template in ROW_RULES:
        for record in printed.rows(table, year):
            row = str(record[ID_COLUMNS[table]])
            expression = bind_year(bind_row(template, row), year)
            checks.append(make_check(printed, rule, Cell(table, row, column, year), expression))
    return _keep(checks)


def _unit_checks(printed: PrintedFigures, year: int) -> list[Check]:
    checks = []
    for table, column, source, source_column in UNIT_FIGURES:
        for record in printed.rows(source, year):
            unit = str(record[ID_COLUMNS[source]])
            target = Cell(table, unit, column, year)
            expression = Cell(source, unit, source_column, year)
            checks.append(make_check(printed, "same_figure", target, expression))
    return _keep(checks)


def _rule_checks(printed: PrintedFigures, year: int, rules: Sequence[TableRule]) -> list[Check]:
    checks = []
    for rule in rules:
        target = bind_year(rule.target, year)
        assert isinstance(target, Cell)
        checks.append(make_check(printed, rule.rule, target, bind_year(rule.expression, year)))
    return _keep(checks)
