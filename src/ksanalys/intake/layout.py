"""The workbook's sheets: which data table each fills, its Swedish headings and cell types.

A :class:`Sheet` is pure description, shared by the writer (:mod:`.workbook`) and the
reader (:mod:`.reader`). Headings are on row :data:`HEADER_ROW`; data starts on the row
after it. Columns whose ``field`` starts with ``_`` are not stored as they are: a grey
reference (``reference``: last year's value of another column, never read back) or a
choice that import turns into rows of another table (a unit's change, a goal's test).

What a new year's workbook prefills (``carry``) are the codes and labels that stay: ids,
row labels, kinds, units, expressions. Year-specific content (claims, goal texts, notes,
reasons, the title and the date) starts empty, with last year's value beside it.
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
from ksanalys.present.columns import PRINTED

TITLE_ROW = 1
NOTE_ROW = 2
HEADER_ROW = 3
FIRST_ROW = HEADER_ROW + 1

TEXT = "text"
NUMBER = "number"
INTEGER = "integer"
DATE = "date"

# Sheet names other sheets' dropdowns refer to.
UNITS_SHEET = "Enheter"
SOURCES_SHEET = "Källor"

# A unit's change against the previous report (column "Ändring" on Avdelningar).
NEW, RENAMED, MERGED = "ny", "bytt namn från", "sammanslagen i"
UNIT_CHANGES = (NEW, RENAMED, MERGED)


@dataclass(frozen=True)
class Field:
    heading: str  # "{y}" = the report year, "{p}" = the previous year
    field: str
    type: str = TEXT
    required: bool = False
    choices: tuple[str, ...] | None = None
    width: int = 14
    carry: bool = False  # a new year's workbook prefills last year's value
    reference: str | None = None  # grey: last year's value of this field, not read
    units: bool = False  # a dropdown of the unit ids on the sheet Enheter
    sources: bool = False  # a dropdown of the source ids on the sheet Källor
    ask: bool = False  # yellow when empty: what the year's report gives (the rest is optional)


@dataclass(frozen=True)
class Sheet:
    name: str
    table: str
    title: str  # "{y}" = the report year, "{p}" = the previous year
    note: str
    fields: tuple[Field, ...]
    id_field: str | None = None  # the row key; blank → derived from the label
    label_field: str | None = None
    skip_without: str | None = None  # a row without this field is not stored

    def column(self, field: str) -> int:
        """1-based column of ``field``."""
        return next(i for i, f in enumerate(self.fields, 1) if f.field == field)

    def has(self, field: str) -> bool:
        return any(f.field == field for f in self.fields)


def _printed(table: str) -> tuple[Field, ...]:
    """The figures of a printed table, under its printed headings, asked for."""
    return tuple(
        Field(heading, column, NUMBER, ask=True)
        for column, heading in PRINTED[table].columns.items()
    )


def _kind() -> Field:
    return Field("Typ", "kind", choices=KINDS, required=True, width=10, carry=True)


def _source() -> Field:
    return Field("Källa", "source", width=22, carry=True, sources=True)


def _total_of() -> Field:
    return Field("Summerar", "total_of", width=24, carry=True)


def _unit_id() -> Field:
    return Field("Enhet-id", "unit_id", width=24, carry=True, units=True)


_AMOUNTS = "Belopp i tkr som rapporten trycker dem; tom cell = inget tryckt (inte 0)."
_SUMS = (
    " Summor och avvikelser är formler; skriv över dem med tryckt värde om rapporten trycker "
    "något annat. En infogad rad räknas in i summan under den; Summerar visar vilka rader "
    "en summa lägger ihop när formeln är överskriven."
)

_RESULTATRAKNING = Sheet(
    PRINTED["resultatrakning"].name,
    "resultatrakning",
    PRINTED["resultatrakning"].name + " {y} (tkr)",
    _AMOUNTS + _SUMS + " Kostnader negativa.",
    (
        Field("Rad-id", "line_id", width=24, carry=True),
        Field("Rad", "line", required=True, width=34, carry=True),
        _kind(),
        *_printed("resultatrakning"),
        _total_of(),
        _source(),
    ),
    id_field="line_id",
    label_field="line",
)
_BALANSRAKNING = Sheet(
    PRINTED["balansrakning"].name,
    "balansrakning",
    PRINTED["balansrakning"].name + " (tkr)",
    _AMOUNTS + _SUMS,
    (
        Field("Rad-id", "line_id", width=24, carry=True),
        Field("Rad", "line", required=True, width=34, carry=True),
        Field(
            "Sida",
            "side",
            required=True,
            choices=("tillgangar", "eget_kapital_skulder"),
            carry=True,
        ),
        _kind(),
        *_printed("balansrakning"),
        _total_of(),
        _source(),
    ),
    id_field="line_id",
    label_field="line",
)
_NET_COST = Sheet(
    "Nettokostnad",
    "net_cost",
    PRINTED["net_cost"].name + " {y}",
    _AMOUNTS + _SUMS + " Enhet-id väljs i listan (fliken Enheter).",
    (
        _unit_id(),
        Field("Enhet", "unit", required=True, width=30, carry=True),
        _kind(),
        *_printed("net_cost"),
        _total_of(),
        _source(),
    ),
    id_field="unit_id",
    label_field="unit",
)
_BUDGET = Sheet(
    "Budget",
    "budget",
    "Kommunbidrag, prognos och budgetavvikelse {y}",
    _AMOUNTS + _SUMS,
    (
        _unit_id(),
        Field("Enhet", "unit", required=True, width=30, carry=True),
        _kind(),
        *_printed("budget"),
        _total_of(),
        _source(),
    ),
    id_field="unit_id",
    label_field="unit",
)
_DEPARTMENTS = Sheet(
    "Avdelningar",
    "departments",
    "Resultat per avdelning {y} (tkr)",
    _AMOUNTS
    + _SUMS
    + " En ny avdelning: infoga en rad där den står i rapporten och välj 'ny' under "
    "Ändring. Ett namnbyte: skriv det nya namnet (och ett nytt Enhet-id eller tomt), välj "
    "'bytt namn från' och det gamla id:t under Annan enhet. En avdelning som gått upp i "
    "en annan: töm dess belopp, välj 'sammanslagen i' och den andra avdelningen.",
    (
        _unit_id(),
        Field("Enhet", "unit", required=True, width=30, carry=True),
        _kind(),
        *_printed("departments"),
        Field("Ändring mot {p}", "_change", choices=UNIT_CHANGES, width=16),
        Field("Annan enhet", "_change_unit", width=24, units=True),
        _total_of(),
        _source(),
    ),
    id_field="unit_id",
    label_field="unit",
)
_KI = Sheet(
    "K-I-tal",
    "ki",
    "Kommunbidrag totalt {y} och K/I-tal",
    "Belopp i tkr, K/I-talet som kvot (0,97).",
    (
        Field("Rad-id", "line_id", width=24, carry=True),
        Field("Rad", "line", required=True, width=30, carry=True),
        Field("Värde", "value", NUMBER, required=True, ask=True),
        Field("Enhet", "unit", required=True, choices=("tkr", "kvot"), carry=True),
        _source(),
    ),
    id_field="line_id",
    label_field="line",
)
_GOALS = Sheet(
    "Mål",
    "goals",
    "KF-mål och rapportens lägesbedömning {y}",
    "Skriv målet som rapporten för {y} skriver det (förra årets text står till höger) och "
    "välj lägesbedömning. Ett mål utan text sparas inte (rapporten följer inte upp det). "
    "Ett nytt mål skrivs på fliken Nya mål.",
    (
        Field("Mål-id", "goal_id", required=True, width=16, carry=True),
        Field("Område", "area", required=True, width=30, carry=True),
        Field("Nummer", "number", INTEGER, required=True, width=8, carry=True),
        Field("Mål", "goal", width=60, ask=True),
        Field("Lägesbedömning", "report_assessment", choices=ASSESSMENTS, ask=True),
        Field("Mål {p}", "_goal_prev", width=60, reference="goal"),
        Field("Anmärkning", "note", width=40),
        Field("Anmärkning {p}", "_note_prev", width=40, reference="note"),
        _source(),
    ),
    id_field="goal_id",
    skip_without="goal",
)

# What a new goal's rule tests → (comparison, direction) of goal_rules.csv.
GOAL_TESTS = {
    "ökar mot föregående mätning": ("previous", "increase"),
    "minskar mot föregående mätning": ("previous", "decrease"),
    "ökar mot basåret": ("base", "increase"),
    "minskar mot basåret": ("base", "decrease"),
    "når minst målnivån": ("level", "at_least"),
    "ligger högst på målnivån": ("level", "at_most"),
    "tryckt förändring är positiv": ("change", "increase"),
    "tryckt förändring är negativ": ("change", "decrease"),
    "kan inte bedömas med data": (None, None),
}

_NEW_GOALS = Sheet(
    "Nya mål",
    "new_goals",
    "Nya KF-mål {y} och hur de bedöms",
    "Ett nytt mål per rad: målet som rapporten skriver det och hur ksanalys prövar det: "
    "indikatorn (fliken Indikatorer, ny indikator på Nya indikatorer), vad som prövas, "
    "målnivå och målår. 'Regel i ord' fortsätter meningen 'Målet är …'.",
    (
        Field("Mål-id", "goal_id", required=True, width=16),
        Field("Område", "area", required=True, width=30),
        Field("Nummer", "number", INTEGER, required=True, width=8),
        Field("Mål", "goal", required=True, width=50),
        Field("Lägesbedömning", "report_assessment", choices=ASSESSMENTS),
        Field("Indikator", "indicator", width=24),
        Field("Omfattning", "scope", width=16),
        Field("Period", "period", width=10),
        Field("Vad prövas", "_test", required=True, choices=tuple(GOAL_TESTS), width=30),
        Field("Målnivå", "threshold", NUMBER, width=10),
        Field("Basår", "base_year", INTEGER, width=8),
        Field("Målår", "target_year", INTEGER, width=8),
        Field("År som värdet får släpa", "max_lag", INTEGER, width=10),
        Field("Vad mäts", "subject", width=40),
        Field("Regel i ord", "rule_text", required=True, width=40),
        Field("Anmärkning", "note", width=30),
        _source(),
    ),
    id_field="goal_id",
)
_ASSESSMENTS = Sheet(
    "Bedömningar",
    "assessments",
    "Lägesbedömning per område och GEH {y}",
    "Välj bedömning i listan; tom rad = ingen bedömning i rapporten.",
    (
        Field("Nivå", "level", required=True, choices=("area", "geh"), carry=True),
        Field("Område", "area", required=True, width=40, carry=True),
        Field("Bedömning", "assessment", choices=ASSESSMENTS, ask=True),
        Field("Bedömning {p}", "_assessment_prev", reference="assessment"),
        _source(),
    ),
    skip_without="assessment",
)
_INDICATORS = Sheet(
    "Indikatorer",
    "indicators",
    "Indikatorer i rapporten för {y}",
    "De indikatorer målen behöver står här utan värde; fyll i värdet som det trycks. Rader "
    "utan värde sparas inte. Definition: tom = samma som hittills (kolumnen till höger); "
    "skriv bara en ny definition när rapporten byter, då bryts serien där.",
    (
        Field("Indikator", "indicator", required=True, width=30, carry=True),
        Field("Omfattning", "scope", required=True, width=18, carry=True),
        Field("År", "year", INTEGER, required=True, width=8, carry=True),
        Field("Period", "period", width=10, carry=True),
        Field("Värde", "value", NUMBER, ask=True),
        Field("Enhet", "unit", choices=INDICATOR_UNITS, width=12, carry=True),
        Field("Definition", "basis", width=24),
        Field("Definition hittills", "_basis_prev", width=30, reference="basis"),
        Field("Citat", "quote", width=40),
        Field("Anmärkning", "note", width=30),
        _source(),
    ),
    skip_without="value",
)
_NEW_INDICATORS = Sheet(
    "Nya indikatorer",
    "indicator_meta",
    "Nya indikatorer {y}",
    "En ny indikator per rad (ett id med små bokstäver, siffror och _); dess värden skrivs "
    "på fliken Indikatorer.",
    (
        Field("Indikator-id", "indicator", required=True, width=30),
        Field("Namn", "label", required=True, width=40),
        Field("Enhet", "unit", required=True, choices=INDICATOR_UNITS, width=12),
        Field("Definition", "description", width=60),
    ),
    id_field="indicator",
)
_CLAIMS = Sheet(
    "Påståenden",
    "claims",
    "Tal i rapportens text {y}",
    "Valfritt: ett år med bara tabeller går också. Förra årets påståenden står med uttryck; "
    "fyll i citat och värde som årets rapport skriver dem (förra årets citat står till "
    "höger). Rader utan citat sparas inte. Import räknar om varje påstående och varnar där "
    "tabellerna ger något annat.",
    (
        Field("Påstående-id", "claim_id", required=True, width=24, carry=True),
        Field("Avsnitt", "section", required=True, width=30, carry=True),
        Field("Citat", "quote", width=50),
        Field("Värde", "value", NUMBER),
        Field(
            "Enhet",
            "unit",
            required=True,
            choices=("tkr", "mkr", "procent", "procentenheter", "antal", "kvot"),
            carry=True,
        ),
        Field("Decimaler", "decimals", INTEGER, required=True, width=10, carry=True),
        Field("Uttryck", "expression", required=True, width=50, carry=True),
        Field("Återger", "restates", width=24, carry=True),
        Field("Anmärkning", "note", width=30),
        Field("Citat {p}", "_quote_prev", width=50, reference="quote"),
        _source(),
    ),
    id_field="claim_id",
    skip_without="quote",
)
_EXPLANATIONS = Sheet(
    "Förklaringar",
    "explanations",
    "Rapportens förklaringar {y} (avvikelser, kostnadsförändringar, prognos …)",
    "En rad per förklaring, citerad ordagrant; förra årets citat står till höger. Rader "
    "utan citat sparas inte: töm citatet i ett förslag som inte stämmer.",
    (
        Field("Förklaring-id", "explanation_id", width=24, carry=True),
        Field("Ämne", "topic", required=True, choices=EXPLANATION_TOPICS, carry=True),
        Field("Gäller", "subject_type", required=True, choices=EXPLANATION_SUBJECTS, carry=True),
        Field("Id (enhet, rad eller indikator)", "subject", required=True, width=24, carry=True),
        Field("Del", "item", width=20, carry=True),
        Field("Citat", "quote", width=60, ask=True),
        Field("Slag", "kind", required=True, choices=EXPLANATION_KINDS),
        Field("Citat om slag", "kind_quote", width=30),
        Field("Anmärkning", "note", width=30),
        Field("Citat {p}", "_quote_prev", width=60, reference="quote"),
        _source(),
    ),
    id_field="explanation_id",
    skip_without="quote",
)
_UNITS = Sheet(
    UNITS_SHEET,
    "units",
    "Enheter och avdelningar",
    "Hela listan; ändringar för året görs enklast på fliken Avdelningar (Ändring), som "
    "import för in här.",
    (
        Field("Enhet-id", "unit_id", required=True, width=24),
        Field("Namn", "unit", required=True, width=30),
        Field("Nivå", "level", required=True, choices=UNIT_LEVELS),
        Field("Överordnad", "parent_unit_id", width=20, units=True),
        Field("Från år", "from_year", INTEGER, width=8),
        Field("Till år", "to_year", INTEGER, width=8),
        Field("Bytt namn från", "renamed_from", width=20, units=True),
        Field("Sammanslagen i", "merged_into", width=20, units=True),
        Field("Namn i löptext", "in_text", width=30),
        Field("Var (i löptext)", "where", width=30),
        Field("Anmärkning", "note", width=40),
    ),
    id_field="unit_id",
)
_SCOPES = Sheet(
    "Omfång",
    "scopes",
    "Indikatorernas omfång",
    "Hela listan över vad en indikator kan gälla utöver enheterna (kommunen, en "
    "personalgrupp, ett bolag …); ett nytt omfång för en ny indikator är en ny rad.",
    (
        Field("Omfång", "scope", required=True, width=24),
        Field("Namn", "label", width=30),
        Field("Var (i löptext)", "where", width=30),
        Field("Anmärkning", "note", width=40),
    ),
    id_field="scope",
)
_DOCUMENT = Sheet(
    "Rapport",
    "documents",
    "Rapporten som dokument",
    "Titeln som årets rapport skriver den (med diarienummer); publiceringsdatum avgör vilka "
    "siffror rapporten bygger på (ÅÅÅÅ-MM-DD).",
    (
        Field("Bokslutsår", "report_year", INTEGER, required=True, width=12),
        Field("Titel", "title", required=True, width=60, ask=True),
        Field("Utgivare", "publisher", required=True, width=20, carry=True),
        Field("Publiceringsdatum", "date", DATE, required=True, width=16, ask=True),
        Field("Plats", "location", width=40),
        Field("Titel {p}", "_title_prev", width=60, reference="title"),
    ),
)
_SOURCES = Sheet(
    SOURCES_SHEET,
    "sources",
    "Rapportens avsnitt (källor) {y}",
    "Varje rad i arbetsboken hänvisar till ett avsnitt här (kolumnen Källa); tom Källa = "
    "bladets eget avsnitt.",
    (
        Field("Källa-id", "source", required=True, width=30, carry=True),
        Field("Avsnitt", "section", required=True, width=70, carry=True),
        Field("Adress", "url", width=30),
    ),
    id_field="source",
)

SHEETS = (
    _RESULTATRAKNING,
    _BALANSRAKNING,
    _NET_COST,
    _BUDGET,
    _DEPARTMENTS,
    _KI,
    _GOALS,
    _NEW_GOALS,
    _ASSESSMENTS,
    _INDICATORS,
    _NEW_INDICATORS,
    _CLAIMS,
    _EXPLANATIONS,
    _UNITS,
    _SCOPES,
    _DOCUMENT,
    _SOURCES,
)

SHEET_BY_TABLE = {s.table: s for s in SHEETS}

# The printed tables, in order (their rows have a row number, kind and sums).
FINANCE_SHEETS = ("resultatrakning", "balansrakning", "net_cost", "budget", "departments", "ki")
# Tables that hold one report year's rows (replaced as a whole on import).
YEAR_TABLES = (*FINANCE_SHEETS, "goals", "assessments", "claims", "explanations")
# The tables whose rows are units (their ids are unit ids of the sheet Enheter).
UNIT_SHEETS = ("net_cost", "budget", "departments")

# Source id suffix per table (ks<year>-<suffix>): the sheet's own source.
SOURCE_SUFFIX = {
    "resultatrakning": "rr",
    "balansrakning": "br",
    "net_cost": "nku",
    "budget": "budget",
    "departments": "avd",
    "ki": "ki",
    "goals": "mal",
    "new_goals": "mal",
    "assessments": "bedomning",
    "indicators": "indikatorer",
    "claims": "text",
    "explanations": "forklaringar",
}
