"""Present stage: the sheets of ``summary``, ``check`` and ``goals`` written for Excel.

Each function takes what the compute stage returns and gives :class:`~.export.Sheet` s
with Swedish headings; :mod:`ksanalys.present.export` writes them. Headings name the unit
("Bokslut 2013, tkr") and end in "%" for percent numbers (see :data:`.export.PERCENT_FORMAT`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from ksanalys.present.columns import column, export_column
from ksanalys.present.export import Column, Sheet
from ksanalys.present.text.goals import STATUS_ORDER, STATUS_PLURALS
from ksanalys.present.text.words import capitalize

if TYPE_CHECKING:
    from ksanalys.compute.check import CheckResult
    from ksanalys.compute.goals import GoalAssessments
    from ksanalys.compute.key_figures import KeyFigures

__all__ = [
    "about_sheet",
    "check_sheets",
    "goals_sheets",
    "summary_sheets",
    "worded_findings",
]


def summary_columns(year: int) -> list[Column]:
    """The columns of the key-figures sheet of ``year`` (keys of KeyFigures.units)."""
    return [
        Column("unit", "Enhet"),
        Column("level", "Nivå"),
        export_column("outcome_year", "net_cost", year),
        export_column("outcome_prev", "net_cost_prev", year),
        export_column("change", "growth_tkr"),
        Column("growth_pct", "Nettokostnadsutveckling, %", "percent"),
        export_column("grant"),
        export_column("forecast"),
        export_column("deviation", "deviation_tkr"),
        Column("deviation_pct", "Budgetavvikelse av kommunbidraget, %", "percent"),
        Column("forecast_deviation_tkr", "Avvikelse mot prognos, tkr", "tkr"),
    ]


RATIO_ROWS = (
    ("ki", column("ki").label, "ratio"),
    ("result_share_of_grant_pct", f"{column('result_share_of_grant').label}, %", "percent"),
    ("grant_change_pct", "Förändring av kommunbidraget mot föregående år, %", "percent"),
)


def summary_sheets(figures: KeyFigures) -> list[Sheet]:
    """Key figures per unit and for the whole board, then the board's ratios."""
    units = pd.concat([figures.units, pd.DataFrame([figures.total])], ignore_index=True)
    ratios = pd.DataFrame(
        [
            # One column of values with a format per row: ratios 2 decimals, percentages 1.
            {
                "label": label,
                "value": figures.ratios.get(key),
                "decimals": 2 if kind == "ratio" else 1,
            }
            for key, label, kind in RATIO_ROWS
        ]
    )
    columns = [
        Column("label", "Nyckeltal"),
        Column("value", "Värde", "number", decimals_from="decimals"),
    ]
    return [
        Sheet(f"Nyckeltal {figures.year}", units, summary_columns(figures.year)),
        Sheet("Kvoter", ratios, columns),
    ]


CHECK_COLUMNS = (
    Column("where", "Var"),
    Column("printed", column("printed").label, "number", decimals_from="decimals"),
    Column("computed", column("computed").label, "number", decimals_from="decimals"),
    Column("difference", "Skillnad", "number", decimals_from="decimals"),
    Column("unit", "Enhet"),
    Column("cause_label", "Trolig orsak"),
    Column("likely", "Troligen"),
    export_column("formula"),
    Column("note", "Kommentar"),
    Column("message", "Avvikelse"),
    Column("rule", "Regel"),
    Column("table", "Tabell (fil)"),
    Column("row", "Rad (id)"),
    Column("column", "Kolumn (id)"),
)


def worded_findings(result: CheckResult) -> pd.DataFrame:
    """``result.findings`` with the Swedish columns cause_label, likely, where, formula,
    note and message."""
    from ksanalys.present.text.check import CAUSE_TITLES, CheckWording

    wording = CheckWording(result)
    records = list(result.records)
    words = {
        "cause_label": [CAUSE_TITLES.get(str(getattr(f, "cause", "")), "") for f in records],
        "likely": [wording.likely(f) for f in records],
        "where": [wording.where(f.check) for f in records],
        "formula": [wording.formula(f.check) for f in records],
        "note": [wording.note(f) for f in records],
        "message": [wording.message(f) for f in records],
    }
    return result.findings.reset_index(drop=True).assign(**words)


def check_sheets(result: CheckResult) -> list[Sheet]:
    """The findings of a check, one row each."""
    return [Sheet(f"Granskning {result.year}", worded_findings(result), CHECK_COLUMNS)]


GOAL_COLUMNS = (
    Column("id", "Mål-id"),
    export_column("area"),
    Column("goal", "Mål"),
    export_column("report_assessment"),
    export_column("computed_status", "status_label"),
    Column("interpretation", "Tolkning"),
    Column("agreement_label", "Jämförelse"),
    Column("agreement_note", "Bokslutets bedömning och skäl"),
    Column("evidence", "Underlag"),
    Column("parts", "Delar"),
    Column("context", "Jämförelser som inte ingår i bedömningen"),
    Column("same_goal", "Samma mål"),
    Column("rule", "Regel"),
    Column("projection_year", "Prognosår", "int"),
    Column("projection_value", "Prognos", "number"),
    Column("projection_low", "Prognosintervall, lägst", "number"),
    Column("projection_high", "Prognosintervall, högst", "number"),
    Column("projection_text", "Trend mot målåret"),
    Column("caveats", "Obs"),
    Column("indicator", "Indikator (id)"),
)
AREA_COLUMNS = (
    Column("report_year", "År", "int"),
    export_column("area"),
    export_column("report_assessment"),
    Column("n_goals", "Antal mål", "int"),
    *(Column(s, capitalize(STATUS_PLURALS[s]), "int") for s in STATUS_ORDER),
)
GEH_COLUMNS = (
    Column("report_year", "År", "int"),
    export_column("area"),
    Column("assessment", "Bedömning"),
)


def goals_sheets(report: GoalAssessments) -> list[Sheet]:
    """The goals with computed status beside the report's own, the areas and GEH."""
    from ksanalys.present.text.goal_rows import goal_rows

    return [
        Sheet(f"Mål {report.year}", goal_rows(report), GOAL_COLUMNS),
        Sheet("Områden", report.areas, AREA_COLUMNS),
        Sheet("GEH", report.geh, GEH_COLUMNS),
    ]


def about_sheet(content: str, year: int, data_dir: object, data_hash: str, version: str) -> Sheet:
    """Where a workbook comes from: content, year, data folder and hash, program version."""
    rows = [
        ("Innehåll", content),
        ("Bokslutsår", str(year)),
        ("Data", str(data_dir)),
        ("Datas kontrollsumma", data_hash),
        ("Program", f"ksanalys {version}"),
        (
            "Format",
            "Belopp i tkr. Kolumner vars rubrik slutar på % innehåller procenttal "
            "(0,6 betyder 0,6 procent). Tomma celler: uppgift saknas.",
        ),
    ]
    frame = pd.DataFrame(rows, columns=["label", "value"])
    return Sheet(
        "Om filen",
        frame,
        [Column("label", "Uppgift"), Column("value", "Värde")],
        widths={"label": 22, "value": 80},
    )
