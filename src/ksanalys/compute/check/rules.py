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
``same_figure``
    A figure that more than one table prints: net cost per unit (net_cost.csv, budget.csv,
    departments.csv, and for the whole board the resultaträkning's −(verksamhetens
    nettokostnad + räntenetto + förmedlingsbidrag), both years); grants (budget.csv,
    departments.csv, resultaträkning Kommunbidrag in Budget and Bokslut, the K/I box and
    "Kommunbidrag totalt 2013"); results (budget.csv Budgetavvikelse, departments.csv
    Resultat, resultaträkning RESULTAT, balansräkning Årets resultat of kommunstyrelsens
    kontor); the K/I box's Kostnader totalt and Intäkter totalt against the resultaträkning.
``ki``
    K/I-tal = Kostnader totalt / (Intäkter totalt + Kommunbidrag totalt), 2 decimals.
``balance``
    S:A TILLGÅNGAR = S:A SKULDER OCH EGET KAPITAL, both years.
``opening_equity``
    Ingående balans of the report year = Ingående balans + Årets resultat of the year before.

A report's previous-year column that differs from the previous report is not checked here:
it is a restatement (omräkning) by the later report, listed by
:func:`ksanalys.compute.revisions.restatements`, never a finding of either report.

A rule whose cells are not in the data (another year's report may lack a row) is skipped;
a blank target is not checked (nothing is printed).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from ksanalys.compute.check.expressions import Cell, Node, bind_year, parse, references
from ksanalys.compute.check.printed import ID_COLUMNS, PrintedFigures
from ksanalys.compute.check.tolerance import AMOUNT, ROUNDED, cell_format

__all__ = ["AMOUNT_COLUMNS", "RULES", "Check", "table_checks"]

# The rules, in the order they are checked (worded in ksanalys.present.text.check).
RULES = (
    "sum",
    "difference",
    "percent",
    "same_figure",
    "ki",
    "balance",
    "opening_equity",
    "claim",
)

AMOUNT_COLUMNS = {
    "resultatrakning": ("outcome_prev", "budget", "outcome", "deviation"),
    "balansrakning": ("balance_prev", "balance"),
    "net_cost": ("net_cost", "net_cost_prev", "difference"),
    "budget": ("grant", "forecast", "net_cost", "deviation"),
    "departments": ("result", "grant", "net_cost"),
}

# (rule, table, target column, expression; "@" is the target's own row)
ROW_RULES = (
    ("difference", "net_cost", "difference", "{net_cost:@:net_cost} - {net_cost:@:net_cost_prev}"),
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

_RR_NET_COST = (
    "-({{resultatrakning:verksamhetens_nettokostnad:{c}}} + {{resultatrakning:rantenetto:{c}}}"
    " + {{resultatrakning:formedlingsbidrag:{c}}})"
)
_RR_COSTS = (
    "-({resultatrakning:summa_kostnader:outcome} + {resultatrakning:avskrivningar:outcome}"
    " + {resultatrakning:rantenetto:outcome} + {resultatrakning:formedlingsbidrag:outcome})"
)

# (rule, target "table:row:column", expression) for figures printed in several places.
CROSS_RULES = (
    *(
        ("same_figure", f"budget:{unit}:net_cost", f"{{net_cost:{unit}:net_cost}}")
        for unit in ("politisk_ledning", "ks_kontor", "kommunstyrelsen")
    ),
    *(
        ("same_figure", f"departments:{unit}:net_cost", f"{{budget:{unit}:net_cost}}")
        for unit in ("politisk_ledning", "ks_kontor", "kommunstyrelsen")
    ),
    ("same_figure", "net_cost:kommunstyrelsen:net_cost", _RR_NET_COST.format(c="outcome")),
    (
        "same_figure",
        "net_cost:kommunstyrelsen:net_cost_prev",
        _RR_NET_COST.format(c="outcome_prev"),
    ),
    *(
        ("same_figure", f"departments:{unit}:grant", f"{{budget:{unit}:grant}}")
        for unit in ("politisk_ledning", "ks_kontor", "kommunstyrelsen")
    ),
    ("same_figure", "resultatrakning:kommunbidrag:budget", "{budget:kommunstyrelsen:grant}"),
    ("same_figure", "resultatrakning:kommunbidrag:outcome", "{budget:kommunstyrelsen:grant}"),
    ("same_figure", "ki:kommunbidrag_totalt_ar:value", "{budget:kommunstyrelsen:grant}"),
    ("same_figure", "ki:kommunbidrag_totalt:value", "{resultatrakning:kommunbidrag:outcome}"),
    *(
        ("same_figure", f"departments:{unit}:result", f"{{budget:{unit}:deviation}}")
        for unit in ("politisk_ledning", "ks_kontor", "kommunstyrelsen")
    ),
    ("same_figure", "resultatrakning:resultat:outcome", "{budget:kommunstyrelsen:deviation}"),
    ("same_figure", "balansrakning:arets_resultat:balance", "{departments:ks_kontor:result}"),
    ("same_figure", "ki:kostnader_totalt:value", _RR_COSTS),
    ("same_figure", "ki:intakter_totalt:value", "{resultatrakning:summa_intakter:outcome}"),
    (
        "ki",
        "ki:ki_tal:value",
        "{ki:kostnader_totalt:value}"
        " / ({ki:intakter_totalt:value} + {ki:kommunbidrag_totalt:value})",
    ),
    *(
        (
            "balance",
            f"balansrakning:summa_skulder_eget_kapital:{column}",
            f"{{balansrakning:summa_tillgangar:{column}}}",
        )
        for column in ("balance_prev", "balance")
    ),
    (
        "opening_equity",
        "balansrakning:ingaende_balans:balance",
        "{balansrakning:ingaende_balans:balance_prev}"
        " + {balansrakning:arets_resultat:balance_prev}",
    ),
)


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
    :mod:`ksanalys.compute.check.claims`).
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


def table_checks(printed: PrintedFigures, year: int) -> list[Check]:
    """All checks of the printed tables of report ``year``, in rule order."""
    return [
        *_sum_checks(printed, year),
        *_row_checks(printed, year),
        *_cross_checks(printed, year),
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
                expression = parse(
                    " + ".join(f"{{{table}:{term}:{column}}}" for term in terms.split("+"))
                )
                target = Cell(table, row, column, year)
                checks.append(make_check(printed, "sum", target, bind_year(expression, year)))
    return _keep(checks)


def _row_checks(printed: PrintedFigures, year: int) -> list[Check]:
    checks = []
    for rule, table, column, template in ROW_RULES:
        for record in printed.rows(table, year):
            row = str(record[ID_COLUMNS[table]])
            expression = bind_year(parse(template.replace(":@:", f":{row}:")), year)
            checks.append(make_check(printed, rule, Cell(table, row, column, year), expression))
    return _keep(checks)


def _cross_checks(printed: PrintedFigures, year: int) -> list[Check]:
    checks = []
    for rule, target, template in CROSS_RULES:
        table, row, column = target.split(":")
        expression = bind_year(parse(template), year)
        checks.append(make_check(printed, rule, Cell(table, row, column, year), expression))
    return _keep(checks)
