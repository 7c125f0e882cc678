"""The workbook's sheets: which data table each fills, its Swedish headings and cell types.

A :class:`Sheet` is pure description, shared by the writer (:mod:`.workbook`) and the
reader (:mod:`.reader`). Headings are on row :data:`HEADER_ROW`; data starts on the row
after it. Columns whose ``field`` starts with ``_`` are not stored as they are: a grey
reference (``reference``: last year's value of another column, never read back) or a
choice that import turns into rows of another table (a unit's change, a goal's test).

What a new year's workbook prefills (``carry``) are the codes and labels that stay: ids,
row labels, kinds, units, expressions. Year-specific content (claims, goal texts, notes,
reasons, the title and the date) starts empty, with last year's value beside it.

:class:`Field` and :class:`Sheet` are in :mod:`.sheet_spec`; the sheets of the report's
words (goals, quotes, claims, explanations) in :mod:`.text_sheets`.
"""

from __future__ import annotations

from ksanalys.intake.sheet_spec import (
    DATE,
    FIRST_ROW,
    HEADER_ROW,
    INTEGER,
    MERGED,
    NEW,
    NOTE_ROW,
    NUMBER,
    RENAMED,
    SOURCES_SHEET,
    TEXT,
    TITLE_ROW,
    UNIT_CHANGES,
    UNITS_SHEET,
    Field,
    Sheet,
    source_field,
)
from ksanalys.intake.text_sheets import (
    CLAIMS,
    EXPLANATIONS,
    GOAL_QUOTES,
    GOAL_ROLES,
    GOAL_TESTS,
    GOALS,
    NEW_GOALS,
    STATEMENT_PAIRS,
)
from ksanalys.load.schema import (
    ASSESSMENTS,
    INDICATOR_UNITS,
    KINDS,
    UNIT_LEVELS,
)
from ksanalys.present.columns import PRINTED, column

__all__ = [
    "DATE",
    "FINANCE_SHEETS",
    "FIRST_ROW",
    "GOAL_ROLES",
    "GOAL_TESTS",
    "HEADER_ROW",
    "INTEGER",
    "MERGED",
    "NEW",
    "NOTE_ROW",
    "NUMBER",
    "RENAMED",
    "SHEETS",
    "SHEET_BY_TABLE",
    "SOURCES_SHEET",
    "SOURCE_SUFFIX",
    "TEXT",
    "TITLE_ROW",
    "UNITS_SHEET",
    "UNIT_CHANGES",
    "UNIT_SHEETS",
    "YEAR_TABLES",
    "Field",
    "Sheet",
    "sheet_name",
]


def _printed(table: str) -> tuple[Field, ...]:
    """The figures of a printed table, under its printed headings, asked for."""
    return tuple(
        Field(heading, name, NUMBER, ask=True) for name, heading in PRINTED[table].columns.items()
    )


def _kind() -> Field:
    return Field("Typ", "kind", choices=KINDS, required=True, width=10, carry=True)


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
        Field(column("line").label, "line", required=True, width=34, carry=True),
        _kind(),
        *_printed("resultatrakning"),
        _total_of(),
        source_field(),
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
        Field(column("line").label, "line", required=True, width=34, carry=True),
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
        source_field(),
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
        source_field(),
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
        source_field(),
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
        source_field(),
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
        Field(column("line").label, "line", required=True, width=30, carry=True),
        Field("Värde", "value", NUMBER, required=True, ask=True),
        Field("Enhet", "unit", required=True, choices=("tkr", "kvot"), carry=True),
        source_field(),
    ),
    id_field="line_id",
    label_field="line",
)
_ASSESSMENTS = Sheet(
    "Bedömningar",
    "assessments",
    "Lägesbedömning per område och GEH {y}",
    "Välj bedömning i listan; tom rad = ingen bedömning i rapporten.",
    (
        Field("Nivå", "level", required=True, choices=("area", "geh"), carry=True),
        Field(column("area").label, "area", required=True, width=40, carry=True),
        Field("Bedömning", "assessment", choices=ASSESSMENTS, ask=True),
        Field("Bedömning {p}", "_assessment_prev", reference="assessment"),
        source_field(),
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
        source_field(),
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
        Field("Genitiv (i löptext)", "genitive", width=30),
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
    GOALS,
    NEW_GOALS,
    GOAL_QUOTES,
    _ASSESSMENTS,
    _INDICATORS,
    _NEW_INDICATORS,
    CLAIMS,
    EXPLANATIONS,
    STATEMENT_PAIRS,
    _UNITS,
    _SCOPES,
    _DOCUMENT,
    _SOURCES,
)

SHEET_BY_TABLE = {s.table: s for s in SHEETS}


def sheet_name(table: str) -> str | None:
    """The sheet a data table's rows come from (goal rules: the sheet Nya mål)."""
    sheet = NEW_GOALS if table == "goal_rules" else SHEET_BY_TABLE.get(table)
    return sheet.name if sheet is not None else None


# The printed tables, in order (their rows have a row number, kind and sums).
FINANCE_SHEETS = ("resultatrakning", "balansrakning", "net_cost", "budget", "departments", "ki")
# Tables that hold one report year's rows (replaced as a whole on import).
YEAR_TABLES = (
    *FINANCE_SHEETS,
    "goals",
    "goal_quotes",
    "assessments",
    "claims",
    "explanations",
    "statement_pairs",
)
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
    "goal_quotes": "mal",
    "assessments": "bedomning",
    "indicators": "indikatorer",
    "claims": "text",
    "explanations": "forklaringar",
    "statement_pairs": "text",
}
