"""What each data file must hold: columns, types, allowed values and keys.

A :class:`TableSchema` is pure description; :mod:`ksanalys.load` enforces it. Amounts are
in tkr unless a table's ``unit`` column says otherwise; blanks mean "not printed".
"""

from __future__ import annotations

from ksanalys.load.columns import (  # noqa: F401  (re-exported: the schemas' vocabulary)
    DATE,
    FIRST_YEAR,
    ID,
    IDS,
    INTEGER,
    LAST_YEAR,
    NUMBER,
    TEXT,
    YEAR,
    Column,
    TableSchema,
)
from ksanalys.load.organisation_schema import (  # noqa: F401  (re-exported)
    BOARD,
    BOARD_LEVEL,
    DEPARTMENT_LEVEL,
    KOMMUN,
    LEVELS,
    SCOPES,
    UNIT_LEVEL,
    UNIT_LEVELS,
    UNITS_TABLE,
)

KINDS = ("header", "line", "subtotal", "total")
ASSESSMENTS = ("Bra", "Ok", "Har brister")
INDICATOR_UNITS = ("procent", "procentenheter", "index", "antal", "mkr", "tkr", "ton", "kr", "kvot")
TOTAL_KINDS = ("subtotal", "total")  # the kinds of row that may have a total_of


def _report_rows(
    *value_columns: Column, label: str, id_column: str, extra: tuple[Column, ...] = ()
) -> tuple[Column, ...]:
    """Columns of a printed table: its rows in order, printed sums and their terms."""
    return (
        Column("report_year", YEAR, description="the report's bokslutsår"),
        Column("row", INTEGER, minimum=1, description="order as printed"),
        Column(id_column, ID, description="stable key of the row"),
        Column(label, description="label as printed"),
        *extra,
        Column("kind", allowed=KINDS),
        Column(
            "total_of",
            IDS,
            required=False,
            only_with=("kind", TOTAL_KINDS),
            description="'+'-joined keys a printed sum adds",
        ),
        *value_columns,
        Column("source", ID, references=("sources", "source")),
    )


def _tkr(name: str) -> Column:
    return Column(name, NUMBER, required=False)


DOCUMENTS = TableSchema(
    "documents",
    "documents.csv",
    (
        Column("document", ID),
        Column("title"),
        Column("publisher"),
        Column("date", DATE, required=False),
        Column("location", required=False),
    ),
    key=("document",),
    purpose="dokumenten som siffrorna kommer ur, med utgivningsdatum",
)

SOURCES = TableSchema(
    "sources",
    "sources.csv",
    (
        Column("source", ID),
        Column("document", ID, references=("documents", "document")),
        Column("section"),
        Column("url", required=False),
    ),
    key=("source",),
    purpose="källorna: vilket avsnitt i vilket dokument varje rad kommer ur",
)

RESULTATRAKNING = TableSchema(
    "resultatrakning",
    "resultatrakning.csv",
    _report_rows(
        _tkr("outcome_prev"),
        _tkr("budget"),
        _tkr("outcome"),
        _tkr("deviation"),
        label="line",
        id_column="line_id",
        extra=(
            Column(
                "display_line",
                required=False,
                added=True,
                description="the label a reader sees where the printed one is abbreviated "
                "or in capitals (blank: as printed)",
            ),
        ),
    ),
    key=("report_year", "line_id"),
    purpose="resultaträkningen som rapporten trycker den",
)

BALANSRAKNING = TableSchema(
    "balansrakning",
    "balansrakning.csv",
    _report_rows(
        _tkr("balance_prev"),
        _tkr("balance"),
        label="line",
        id_column="line_id",
        extra=(
            Column("side", allowed=("tillgangar", "eget_kapital_skulder")),
            Column(
                "claim_on",
                required=False,
                added=True,
                description="a debt line printed negative is a claim: on whom, as a reader "
                "says it (blank: not said)",
            ),
        ),
    ),
    key=("report_year", "line_id"),
    purpose="balansräkningen som rapporten trycker den",
)

NET_COST = TableSchema(
    "net_cost",
    "net_cost.csv",
    _report_rows(
        _tkr("net_cost"),
        _tkr("net_cost_prev"),
        _tkr("difference"),
        Column("growth_pct", NUMBER, required=False),
        label="unit",
        id_column="unit_id",
    ),
    key=("report_year", "unit_id"),
    purpose="nettokostnaden per enhet som rapporten trycker den",
)

BUDGET = TableSchema(
    "budget",
    "budget.csv",
    _report_rows(
        _tkr("grant"),
        _tkr("forecast"),
        _tkr("net_cost"),
        _tkr("deviation"),
        label="unit",
        id_column="unit_id",
    ),
    key=("report_year", "unit_id"),
    purpose="kommunbidrag, prognos och budgetavvikelse per enhet",
)

DEPARTMENTS = TableSchema(
    "departments",
    "departments.csv",
    _report_rows(
        _tkr("result"),
        _tkr("grant"),
        _tkr("net_cost"),
        Column("deviation_pct", NUMBER, required=False),
        label="unit",
        id_column="unit_id",
    ),
    key=("report_year", "unit_id"),
    purpose="resultatet per avdelning som rapporten trycker det",
)

KI = TableSchema(
    "ki",
    "ki.csv",
    (
        Column("report_year", YEAR),
        Column("row", INTEGER, minimum=1),
        Column("line_id", ID),
        Column("line"),
        Column("value", NUMBER),
        Column("unit", allowed=("tkr", "kvot")),
        Column("source", ID, references=("sources", "source")),
    ),
    key=("report_year", "line_id"),
    purpose="K/I-talet och de belopp det räknas från",
)

INDICATOR_META = TableSchema(
    "indicator_meta",
    "indicator_meta.csv",
    (
        Column("indicator", ID),
        Column("label"),
        Column("unit", allowed=INDICATOR_UNITS),
        Column("description", required=False),
        Column(
            "subject",
            required=False,
            added=True,
            description="the indicator as the subject of a sentence: 'sjukfrånvaron'",
        ),
        Column(
            "personnel",
            INTEGER,
            required=False,
            minimum=1,
            added=True,
            description="place among the personnel indicators of the report (blank: not one)",
        ),
        Column(
            "change_of",
            ID,
            required=False,
            added=True,
            references=("indicator_meta", "indicator"),  # the indicator this is the change of
        ),
    ),
    key=("indicator",),
    purpose="indikatorernas namn och enheter",
)

INDICATORS = TableSchema(
    "indicators",
    "indicators.csv",
    (
        Column("indicator", ID, references=("indicator_meta", "indicator")),
        Column("scope", ID),
        Column("year", YEAR),
        Column("period", required=False),
        Column("value", NUMBER),
        Column("unit", allowed=INDICATOR_UNITS),
        Column("basis", required=False),
        Column("source", ID, references=("sources", "source")),
        Column("quote", required=False),
        Column("note", required=False),
    ),
    key=("indicator", "scope", "year", "period"),
    purpose="indikatorernas värden per år",
)

# The units a figure stated in the text may have (claims, statement pairs).
CLAIM_UNITS = ("tkr", "mkr", "procent", "procentenheter", "antal", "kvot")
# What a statement of statement_pairs.csv is held against (ksanalys.compute.check.statements).
STATEMENT_AGAINST = ("quote", "figure", "goals")
# What a statement pair is: statements that contradict each other, or wordings that differ
# without contradicting (shown apart, not counted among the deviations).
STATEMENT_KINDS = ("contradiction", "nuance")

CLAIMS = TableSchema(
    "claims",
    "claims.csv",
    (
        Column("report_year", YEAR, description="the report whose text states it"),
        Column("claim_id", ID, description="stable key, prefixed by the section"),
        Column("section", description="where in the report (Swedish heading)"),
        Column("quote", description="the sentence fragment, verbatim"),
        Column("value", NUMBER, description="the number as printed, without sign"),
        Column("unit", allowed=CLAIM_UNITS),
        Column("decimals", INTEGER, minimum=0, maximum=6, description="decimals as printed"),
        Column("expression", description="what it claims; see ksanalys.compute.check"),
        Column(
            "other_reading",
            required=False,
            added=True,
            description="another expression the same words may mean (blank: none); used to "
            "weigh a sum that does not add up, see ksanalys.compute.check.causes",
        ),
        Column(
            "restates",
            required=False,
            added=True,
            description="statement key of the narrative sentence it restates (blank: none); "
            "see ksanalys.compute.check.claims",
        ),
        Column("source", ID, references=("sources", "source")),
        Column("note", required=False),
    ),
    key=("report_year", "claim_id"),
    purpose="talen i rapportens text och vad de bygger på",
    optional=True,
)

# The rules across the printed tables that a data folder states (check_rules.csv); the
# checks worded in ksanalys.present.text.check.
CHECK_RULE_CODES = ("same_figure", "ki", "balance", "opening_equity")

CHECK_RULES = TableSchema(
    "check_rules",
    "check_rules.csv",
    (
        Column(
            "rule",
            allowed=CHECK_RULE_CODES,
            description="what kind of rule: the same figure in two places, the K/I ratio, "
            "the balance sheet balances, opening equity follows the year before",
        ),
        Column("target", description="the printed cell checked: {TABLE:ROW:COLUMN}"),
        Column("expression", description="what it should equal; see ksanalys.compute.check"),
        Column("note", required=False),
    ),
    key=("rule", "target"),
    purpose="granskningens regler mellan rapportens tabeller",
    optional=True,
)

# What an explanation is about, and which key its subject is (see data/README.md).
EXPLANATION_TOPICS = (
    "deviation",
    "growth",
    "forecast",
    "cost_type",
    "investment",
    "saving",
    "outlook",
    "one_off",
    "balance",
)
EXPLANATION_SUBJECTS = ("unit", "line", "indicator", "balance_line")
# "handelse": a one-off event (topic one_off); "flera": causes of different kinds (readings).
EXPLANATION_KINDS = ("engangs", "strukturell", "flera", "ej_angivet", "handelse")
# How much of its row an event of topic one_off takes (see data/README.md).
EVENT_SHARES = ("amount", "row", "part", "none")

EXPLANATIONS = TableSchema(
    "explanations",
    "explanations.csv",
    (
        Column("report_year", YEAR, description="the report that gives the explanation"),
        Column("explanation_id", ID, description="stable key, prefixed by the topic"),
        Column("topic", allowed=EXPLANATION_TOPICS, description="what the quote explains"),
        Column("subject_type", allowed=EXPLANATION_SUBJECTS),
        Column(
            "subject",
            ID,
            description="unit_id (unit), resultatrakning line_id (line), indicator (indicator) "
            "or balansrakning line_id (balance_line)",
        ),
        Column("item", required=False, description="Swedish name of a narrower thing"),
        Column("quote", description="the report's words, verbatim"),
        Column("kind", allowed=EXPLANATION_KINDS, description="one-off or lasting, as stated"),
        Column("kind_quote", required=False, description="the words that state the kind"),
        Column("source", ID, references=("sources", "source")),
        Column("note", required=False),
        Column(
            "share",
            required=False,
            allowed=EVENT_SHARES,
            only_with=("topic", ("one_off",)),
            added=True,
            description="how much of its row a one-off event takes",
        ),
        Column(
            "amount",
            NUMBER,
            required=False,
            only_with=("share", ("amount",)),
            added=True,
            description="tkr, the event's effect on the result as printed (a cost negative)",
        ),
    ),
    key=("report_year", "explanation_id"),
    purpose="rapportens egna förklaringar till avvikelser och förändringar",
    optional=True,
)

STATEMENT_PAIRS = TableSchema(
    "statement_pairs",
    "statement_pairs.csv",
    (
        Column("report_year", YEAR, description="the report that makes both statements"),
        Column("pair_id", ID, description="stable key"),
        Column("topic", description="what both statements are about (Swedish, as a heading)"),
        Column("section_a", description="where the first statement stands (Swedish headings)"),
        Column("quote_a", description="the first statement, verbatim and contiguous"),
        Column("section_b", required=False, description="where the second statement stands"),
        Column(
            "quote_b",
            required=False,
            description="the second statement, verbatim and contiguous (against = quote)",
        ),
        Column("source", ID, references=("sources", "source")),
        Column("note", required=False, description="how they differ, without choosing"),
        Column(
            "against",
            required=False,
            added=True,
            allowed=STATEMENT_AGAINST,
            description="what the first statement is held against: quote (blank), figure or "
            "goals; see ksanalys.compute.check.statements",
        ),
        Column(
            "expression",
            required=False,
            added=True,
            description="against = figure: the figure, in the check's expression language",
        ),
        Column(
            "unit",
            required=False,
            added=True,
            allowed=CLAIM_UNITS,
            description="against = figure: its unit",
        ),
        Column(
            "decimals",
            INTEGER,
            required=False,
            added=True,
            minimum=0,
            maximum=6,
            description="against = figure: decimals shown",
        ),
        Column(
            "at_least",
            NUMBER,
            required=False,
            added=True,
            description="against = figure: the size from which the figure contradicts the "
            "statement (blank: always)",
        ),
        Column(
            "area",
            required=False,
            added=True,
            description="against = goals: the goals' area, as in goals.csv",
        ),
        Column(
            "kind",
            required=False,
            added=True,
            allowed=STATEMENT_KINDS,
            description="contradiction (blank) or nuance: wordings that differ without "
            "contradicting, shown apart and not counted",
        ),
    ),
    key=("report_year", "pair_id"),
    optional=True,
)

# The printed tables of a yearly report: every report year must have all of them.
FINANCE_TABLES = ("resultatrakning", "balansrakning", "net_cost", "budget", "departments", "ki")
# Tables that print the same units (unit_id) of a report year. The last one may add rows
# for the departments that a unit's printed subtotal sums (its total_of).
UNIT_TABLES = ("net_cost", "budget", "departments")

# The goal tables and the tables of words (glossary, misspellings) are described in their own
# modules, built from the blocks above.
from ksanalys.load.goal_tables import (  # noqa: E402
    ASSESSMENTS_TABLE,
    GOAL_QUOTES,
    GOAL_RULES,
    GOALS,
)
from ksanalys.load.word_tables import GLOSSARY, SIC  # noqa: E402

# Order matters: a table's references point to tables listed before it.
SCHEMAS: dict[str, TableSchema] = {
    s.name: s
    for s in (
        DOCUMENTS,
        SOURCES,
        RESULTATRAKNING,
        BALANSRAKNING,
        NET_COST,
        BUDGET,
        DEPARTMENTS,
        KI,
        INDICATOR_META,
        INDICATORS,
        GOALS,
        ASSESSMENTS_TABLE,
        GOAL_RULES,
        GOAL_QUOTES,
        CLAIMS,
        CHECK_RULES,
        EXPLANATIONS,
        STATEMENT_PAIRS,
        GLOSSARY,
        SIC,
        UNITS_TABLE,
        KOMMUN,
        BOARD,
        LEVELS,
        SCOPES,
    )
}
