"""Present stage: the column catalogue, each heading a reader sees declared once.

Two kinds of heading:

- :data:`PRINTED`: the bokslut's own tables as it prints them: the table's name, its name
  inside a sentence and each column's printed heading. The workbook's sheets
  (:mod:`ksanalys.intake.layout`) ask for the figures under these headings, the granskning
  (:mod:`ksanalys.present.text.check_labels`) names a cell by them and the ``summary``
  command's text tables head their columns with them.
- :data:`COLUMNS`: the analysis's columns shown in more than one place (HTML tables,
  charts' axes, the Excel export, the CLI's text): key → :class:`ColumnFormat` (Swedish
  heading, kind, decimals).

A heading may hold ``{y}`` (the report year) and ``{p}`` (the previous year); :func:`column`
and :func:`printed_heading` fill them in. A heading written anywhere else in ``src/`` is a
copy (``tests/test_columns.py`` looks for them).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace

from ksanalys.present.export import Column
from ksanalys.present.tables import ColumnFormat

__all__ = [
    "COLUMNS",
    "PRINTED",
    "PrintedTable",
    "column",
    "export_column",
    "fill_years",
    "printed_heading",
]


def fill_years(heading: str, year: int) -> str:
    """``heading`` with ``{y}`` as ``year`` and ``{p}`` as the year before."""
    return heading.replace("{y}", str(year)).replace("{p}", str(year - 1))


@dataclass(frozen=True)
class PrintedTable:
    """One of the bokslut's tables: its ``name`` as a heading ("{department}": the
    organisation's word for its departments), its name inside a sentence (``in_text``;
    None: "tabellen <name>") and the printed heading of each column (by data column)."""

    name: str
    columns: Mapping[str, str]
    in_text: str | None = None


PRINTED: dict[str, PrintedTable] = {
    "resultatrakning": PrintedTable(
        "Resultaträkning",
        {
            "outcome_prev": "Bokslut {p}",
            "budget": "Budget helår {y}",
            "outcome": "Bokslut {y}",
            "deviation": "Budgetavvikelse",
        },
        in_text="resultaträkningen",
    ),
    "balansrakning": PrintedTable(
        "Balansräkning",
        {"balance_prev": "31/12 {p}", "balance": "31/12 {y}"},
        in_text="balansräkningen",
    ),
    "net_cost": PrintedTable(
        "Nettokostnadsutveckling",
        {
            "net_cost": "Bokslut {y}",
            "net_cost_prev": "Bokslut {p}",
            "difference": "Skillnad",
            "growth_pct": "Nettokostnadsutveckling %",
        },
    ),
    "budget": PrintedTable(
        "Kommunbidrag och budgetavvikelse",
        {
            "grant": "Kommunbidrag",
            "forecast": "Prognos augusti",
            "net_cost": "Bokslut",
            "deviation": "Budgetavvikelse",
        },
    ),
    "departments": PrintedTable(
        "Resultat per {department}",
        {
            "result": "Resultat {y}",
            "grant": "Nämndbidrag {y}",
            "net_cost": "Nettokostnad {y}",
            "deviation_pct": "Avvikelse %",
        },
    ),
    # The K/I box prints its figures without a column heading.
    "ki": PrintedTable("K/I-rutan", {"value": ""}, in_text="K/I-rutan"),
    "claims": PrintedTable("Text", {}, in_text="texten"),
}


def printed_heading(table: str, column: str, year: int | None = None) -> str:
    """The printed heading of ``column`` in ``table``: ("resultatrakning", "outcome_prev",
    2013) → "Bokslut 2012"; without ``year`` the template ("Bokslut {p}"). A column the
    table does not print is named by its id."""
    heading = PRINTED[table].columns.get(column, column) if table in PRINTED else column
    return heading if year is None else fill_years(heading, year)


COLUMNS: dict[str, ColumnFormat] = {
    "line": ColumnFormat("Rad", "text"),
    "area": ColumnFormat("Område", "text"),
    "printed": ColumnFormat("Tryckt", "text"),
    "computed": ColumnFormat("Beräknat", "text"),
    "grant": ColumnFormat("Kommunbidrag, tkr", "tkr"),
    "forecast": ColumnFormat("Prognos augusti, tkr", "tkr"),
    "net_cost": ColumnFormat("Nettokostnad, tkr", "tkr"),
    "outcome": ColumnFormat("Bokslut, tkr", "tkr"),
    "outcome_year": ColumnFormat("Bokslut {y}, tkr", "tkr"),
    "outcome_prev": ColumnFormat("Bokslut {p}, tkr", "tkr"),
    "deviation": ColumnFormat("Budgetavvikelse, tkr", "signed"),
    "deviation_pct": ColumnFormat("Avvikelse, % av kommunbidrag", "percent"),
    # A unit's grant is its kommunbidrag, a department's its nämndbidrag (one table holds both).
    "own_grant": ColumnFormat("Kommun- resp. nämndbidrag, tkr", "tkr"),
    "own_grant_pct_printed": ColumnFormat("Avvikelse, % av bidraget (tryckt)", "percent"),
    "change": ColumnFormat("Förändring, tkr", "signed"),
    "result_year": ColumnFormat("Resultat {y}, tkr", "signed"),
    "result_prev": ColumnFormat("Resultat {p}, tkr", "signed"),
    "ki": ColumnFormat("K/I-tal", "ratio"),
    "result_share_of_grant": ColumnFormat("Resultat i procent av kommunbidraget", "percent"),
    "report_assessment": ColumnFormat("Bokslutets bedömning", "text"),
    "computed_status": ColumnFormat("Analysens bedömning", "text"),
    "where_in_report": ColumnFormat("Var i bokslutet", "text"),
    "formula": ColumnFormat("Beräknat som", "text"),
}

# An export column's kind for each display kind: Excel shows signs itself, and
# percentage points are plain numbers.
_EXPORT_KINDS = {
    "text": "text",
    "number": "number",
    "tkr": "tkr",
    "signed": "tkr",
    "percent": "percent",
    "pp": "number",
    "ratio": "ratio",
}


def column(key: str, year: int | None = None) -> ColumnFormat:
    """The catalogue's column ``key``, its heading's years filled in for ``year``."""
    fmt = COLUMNS[key]
    return fmt if year is None else replace(fmt, label=fill_years(fmt.label, year))


def export_column(key: str, field: str | None = None, year: int | None = None) -> Column:
    """The catalogue's column ``key`` as a column of an Excel sheet, read from the frame's
    ``field`` (default: ``key``)."""
    fmt = column(key, year)
    kind = _EXPORT_KINDS[fmt.kind]
    decimals = fmt.decimals if fmt.decimals is not None else 1
    return Column(field or key, fmt.label, kind, decimals)  # type: ignore[arg-type]
