"""The workbook's sheets: which data table each fills, its Swedish headings and cell types.

A :class:`Sheet` is pure description, shared by the writer (:mod:`.workbook`) and the
reader (:mod:`.reader`). Headings are on row :data:`HEADER_ROW`; data starts on the row
after it. Columns whose ``field`` starts with ``_`` are not stored (help for the reader).
"""

from __future__ import annotations

from dataclasses import dataclass

from ksanalys.load.schema import (
    ASSESSMENTS,
    EXPLANATION_KINDS,
    EXPLANATION_SUBJECTS,
    EXPLANATION_TOPICS,
    INDICATOR_UNITS,
    KINDS,
    UNIT_LEVELS,
)

TITLE_ROW = 1
NOTE_ROW = 2
HEADER_ROW = 3
FIRST_ROW = HEADER_ROW + 1

TEXT = "text"
NUMBER = "number"
INTEGER = "integer"
DATE = "date"

# Sheet name of the units list that unit dropdowns refer to.
UNITS_SHEET = "Enheter"


@dataclass(frozen=True)
class Field:
    heading: str
    field: str
    type: str = TEXT
    required: bool = False
    choices: tuple[str, ...] | None = None
    width: int = 14


@dataclass(frozen=True)
class Sheet:
    name: str
    table: str
    title: str  # "{y}" = the report year, "{p}" = the previous year
    note: str
    fields: tuple[Field, ...]
    id_field: str | None = None  # the row key; blank → derived from the label
    label_field: str | None = None

    def column(self, field: str) -> int:
        """1-based column of ``field``."""
        return next(i for i, f in enumerate(self.fields, 1) if f.field == field)


def _kind() -> Field:
    return Field("Typ", "kind", choices=KINDS, required=True, width=10)


_AMOUNTS = "Belopp i tkr som rapporten trycker dem; tom cell = inget tryckt (inte 0)."

SHEETS = (
    Sheet(
        "Resultaträkning",
        "resultatrakning",
        "KOMMUNSTYRELSEN, Resultaträkning {y} (tkr)",
        _AMOUNTS + " Summor och avvikelser är formler; skriv över dem med tryckt värde om "
        "rapporten trycker något annat. Kostnader negativa.",
        (
            Field("Rad-id", "line_id", width=24),
            Field("Rad", "line", required=True, width=34),
            _kind(),
            Field("Bokslut {p}", "outcome_prev", NUMBER),
            Field("Budget helår {y}", "budget", NUMBER),
            Field("Bokslut {y}", "outcome", NUMBER),
            Field("Budgetavvikelse", "deviation", NUMBER),
        ),
        id_field="line_id",
        label_field="line",
    ),
    Sheet(
        "Balansräkning",
        "balansrakning",
        "KOMMUNSTYRELSEN, Balansräkning (tkr) (endast kommunstyrelsens kontor)",
        _AMOUNTS,
        (
            Field("Rad-id", "line_id", width=24),
            Field("Rad", "line", required=True, width=34),
            Field("Sida", "side", required=True, choices=("tillgangar", "eget_kapital_skulder")),
            _kind(),
            Field("31/12 {p}", "balance_prev", NUMBER),
            Field("31/12 {y}", "balance", NUMBER),
        ),
        id_field="line_id",
        label_field="line",
    ),
    Sheet(
        "Nettokostnad",
        "net_cost",
        "1. Ekonomi, tabell Bokslut {y} / Bokslut {p} / Skillnad / Nettokostnadsutveckling %",
        _AMOUNTS + " Enhet-id väljs i listan (fliken Enheter).",
        (
            Field("Enhet-id", "unit_id", required=True, width=24),
            Field("Enhet", "unit", required=True, width=30),
            _kind(),
            Field("Bokslut {y}", "net_cost", NUMBER),
            Field("Bokslut {p}", "net_cost_prev", NUMBER),
            Field("Skillnad", "difference", NUMBER),
            Field("Nettokostnadsutveckling %", "growth_pct", NUMBER),
        ),
        id_field="unit_id",
        label_field="unit",
    ),
    Sheet(
        "Budget",
        "budget",
        "1. Ekonomi, tabell Kommunbidrag / Prognos augusti / Bokslut / Budgetavvikelse",
        _AMOUNTS,
        (
            Field("Enhet-id", "unit_id", required=True, width=24),
            Field("Enhet", "unit", required=True, width=30),
            _kind(),
            Field("Kommunbidrag", "grant", NUMBER),
            Field("Prognos augusti", "forecast", NUMBER),
            Field("Bokslut", "net_cost", NUMBER),
            Field("Budgetavvikelse", "deviation", NUMBER),
        ),
        id_field="unit_id",
        label_field="unit",
    ),
    Sheet(
        "Avdelningar",
        "departments",
        "1. Ekonomi, tabell (tkr) Resultat {y} / Nämndbidrag {y} / Nettokostnad {y} / Avvikelse %",
        _AMOUNTS + " En ny eller omdöpt avdelning läggs först till på fliken Enheter.",
        (
            Field("Enhet-id", "unit_id", required=True, width=24),
            Field("Enhet", "unit", required=True, width=30),
            _kind(),
            Field("Resultat {y}", "result", NUMBER),
            Field("Nämndbidrag {y}", "grant", NUMBER),
            Field("Nettokostnad {y}", "net_cost", NUMBER),
            Field("Avvikelse %", "deviation_pct", NUMBER),
        ),
        id_field="unit_id",
        label_field="unit",
    ),
    Sheet(
        "K-I-tal",
        "ki",
        "1. Ekonomi, rutan Kommunbidrag totalt {y} och K/I-tal",
        "Belopp i tkr, K/I-talet som kvot (0,97).",
        (
            Field("Rad-id", "line_id", width=24),
            Field("Rad", "line", required=True, width=30),
            Field("Värde", "value", NUMBER, required=True),
            Field("Enhet", "unit", required=True, choices=("tkr", "kvot")),
        ),
        id_field="line_id",
        label_field="line",
    ),
    Sheet(
        "Mål",
        "goals",
        "KF-mål och rapportens lägesbedömning {y}",
        "Målen från förra året är ifyllda; välj lägesbedömning i listan. Ett nytt mål får "
        "ett nytt Mål-id.",
        (
            Field("Mål-id", "goal_id", required=True, width=16),
            Field("Område", "area", required=True, width=30),
            Field("Nummer", "number", INTEGER, required=True, width=8),
            Field("Mål", "goal", required=True, width=60),
            Field("Lägesbedömning", "report_assessment", choices=ASSESSMENTS),
            Field("Avsnitt", "_section", width=30),
        ),
        id_field="goal_id",
    ),
    Sheet(
        "Bedömningar",
        "assessments",
        "Lägesbedömning per område och GEH {y}",
        "Välj bedömning i listan; tom rad = ingen bedömning i rapporten.",
        (
            Field("Nivå", "level", required=True, choices=("area", "geh")),
            Field("Område", "area", required=True, width=40),
            Field("Bedömning", "assessment", choices=ASSESSMENTS),
        ),
    ),
    Sheet(
        "Indikatorer",
        "indicators",
        "Indikatorer i rapporten för {y}",
        "De indikatorer målen behöver är ifyllda utan värde; fyll i värdet som det trycks. "
        "Rader utan värde sparas inte. Definition: fyll i bara om definitionen ändrats.",
        (
            Field("Indikator", "indicator", required=True, width=30),
            Field("Omfattning", "scope", required=True, width=18),
            Field("År", "year", INTEGER, required=True, width=8),
            Field("Period", "period", width=10),
            Field("Värde", "value", NUMBER),
            Field("Enhet", "unit", required=True, choices=INDICATOR_UNITS, width=12),
            Field("Definition", "basis", width=20),
            Field("Avsnitt", "_section", width=30),
            Field("Citat", "quote", width=40),
            Field("Anmärkning", "note", width=30),
        ),
    ),
    Sheet(
        "Påståenden",
        "claims",
        "Tal i rapportens text {y}",
        "Förra årets påståenden med uttryck är ifyllda; fyll i citat och värde. Rader "
        "utan citat sparas inte.",
        (
            Field("Påstående-id", "claim_id", required=True, width=24),
            Field("Avsnitt", "section", required=True, width=30),
            Field("Citat", "quote", width=50),
            Field("Värde", "value", NUMBER),
            Field(
                "Enhet",
                "unit",
                required=True,
                choices=("tkr", "mkr", "procent", "procentenheter", "antal", "kvot"),
            ),
            Field("Decimaler", "decimals", INTEGER, required=True, width=10),
            Field("Uttryck", "expression", required=True, width=50),
            Field("Anmärkning", "note", width=30),
        ),
        id_field="claim_id",
    ),
    Sheet(
        "Förklaringar",
        "explanations",
        "Rapportens förklaringar {y} (avvikelser, kostnadsförändringar, prognos …)",
        "En rad per förklaring, citerad ordagrant. Rader utan citat sparas inte.",
        (
            Field("Förklaring-id", "explanation_id", width=24),
            Field("Ämne", "topic", required=True, choices=EXPLANATION_TOPICS),
            Field("Gäller", "subject_type", required=True, choices=EXPLANATION_SUBJECTS),
            Field("Id (enhet, rad eller indikator)", "subject", required=True, width=24),
            Field("Del", "item", width=20),
            Field("Citat", "quote", width=60),
            Field("Slag", "kind", required=True, choices=EXPLANATION_KINDS),
            Field("Citat om slag", "kind_quote", width=30),
            Field("Avsnitt", "_section", width=30),
            Field("Anmärkning", "note", width=30),
        ),
        id_field="explanation_id",
    ),
    Sheet(
        UNITS_SHEET,
        "units",
        "Enheter och avdelningar",
        "En ny enhet är en ny rad. Ett namnbyte: ny rad med nytt id, 'Bytt namn från' = det "
        "gamla id:t, och 'Till år' på den gamla raden.",
        (
            Field("Enhet-id", "unit_id", required=True, width=24),
            Field("Namn", "unit", required=True, width=30),
            Field("Nivå", "level", required=True, choices=UNIT_LEVELS),
            Field("Överordnad", "parent_unit_id", width=20),
            Field("Från år", "from_year", INTEGER, width=8),
            Field("Till år", "to_year", INTEGER, width=8),
            Field("Bytt namn från", "renamed_from", width=20),
            Field("Namn i löptext", "in_text", width=30),
            Field("Var (i löptext)", "where", width=30),
            Field("Anmärkning", "note", width=40),
        ),
        id_field="unit_id",
    ),
    Sheet(
        "Rapport",
        "documents",
        "Rapporten som dokument",
        "Publiceringsdatum avgör vilka siffror rapporten bygger på (ÅÅÅÅ-MM-DD).",
        (
            Field("Bokslutsår", "report_year", INTEGER, required=True, width=12),
            Field("Titel", "title", required=True, width=60),
            Field("Utgivare", "publisher", required=True, width=20),
            Field("Publiceringsdatum", "date", DATE, required=True, width=16),
            Field("Plats", "location", width=40),
        ),
    ),
)

SHEET_BY_TABLE = {s.table: s for s in SHEETS}

# Tables that hold one report year's rows (replaced as a whole on import).
YEAR_TABLES = (
    "resultatrakning",
    "balansrakning",
    "net_cost",
    "budget",
    "departments",
    "ki",
    "goals",
    "assessments",
    "claims",
    "explanations",
)

# Source id suffix per table (ks<year>-<suffix>); sections come from the sheet title.
SOURCE_SUFFIX = {
    "resultatrakning": "rr",
    "balansrakning": "br",
    "net_cost": "nku",
    "budget": "budget",
    "departments": "avd",
    "ki": "ki",
    "goals": "mal",
    "assessments": "bedomning",
    "indicators": "indikatorer",
    "claims": "text",
    "explanations": "forklaringar",
}
