"""What the goal files must hold: the KF-mål, the report's assessments, the rules a goal is
judged by and the report's own words about the goals.

Part of :mod:`ksanalys.load.schema` (which lists every table in ``SCHEMAS``), kept apart
only for length; built from the schema's blocks.
"""

from __future__ import annotations

from ksanalys.load.schema import (
    ASSESSMENTS,
    ID,
    INTEGER,
    NUMBER,
    YEAR,
    Column,
    TableSchema,
)

__all__ = [
    "ASSESSMENTS_TABLE",
    "GOALS",
    "GOAL_QUOTES",
    "GOAL_QUOTE_KINDS",
    "GOAL_RULES",
    "GOAL_RULE_ROLES",
]

GOAL_RULE_ROLES = ("test", "main", "context")
# reason: the report's own words behind its assessment of the goal; other_figure: the report
# prints another figure for the same value elsewhere.
GOAL_QUOTE_KINDS = ("reason", "other_figure", "word")

GOALS: TableSchema = TableSchema(
    "goals",
    "goals.csv",
    (
        Column("report_year", YEAR),
        Column("goal_id", ID),
        Column("area"),
        Column("number", INTEGER, minimum=1),
        Column("goal"),
        Column("report_assessment", required=False, allowed=ASSESSMENTS),
        Column("source", ID, references=("sources", "source")),
        Column(
            "note",
            required=False,
            added=True,
            description="a note on the goal in this report year (what its figures are); "
            "the rules' notes in goal_rules.csv hold for every year",
        ),
    ),
    key=("report_year", "goal_id"),
    purpose="KF-målen och rapportens bedömning av dem",
)

ASSESSMENTS_TABLE: TableSchema = TableSchema(
    "assessments",
    "assessments.csv",
    (
        Column("report_year", YEAR),
        Column("level", allowed=("area", "geh")),
        Column("area"),
        Column("assessment", allowed=ASSESSMENTS),
        Column("source", ID, references=("sources", "source")),
    ),
    key=("report_year", "level", "area"),
    purpose="rapportens lägesbedömningar per område",
)

GOAL_RULES: TableSchema = TableSchema(
    "goal_rules",
    "goal_rules.csv",
    (
        Column("goal_id", ID, references=("goals", "goal_id")),
        Column("criterion", INTEGER, minimum=1, description="order of the criterion in the goal"),
        Column(
            "indicator",
            ID,
            required=False,
            references=("indicator_meta", "indicator"),
            description="blank: the goal cannot be assessed from data",
        ),
        Column("scope", ID, required=False),
        Column("period", required=False, description="period row to use in a year"),
        Column("comparison", required=False, allowed=("previous", "base", "level", "change")),
        Column(
            "direction",
            required=False,
            allowed=("increase", "decrease", "at_least", "at_most"),
        ),
        Column("threshold", NUMBER, required=False),
        Column("base_year", YEAR, required=False),
        Column("target_year", YEAR, required=False),
        Column("horizon", required=False, allowed=("annual", "target_year", "long_term", "period")),
        Column("max_lag", INTEGER, minimum=0, required=False, description="years a value may lag"),
        Column("subject", required=False, description="Swedish noun phrase, lower case"),
        Column("rule_text", description="Swedish, reads after 'målet är'"),
        Column("note", required=False),
        Column(
            "role",
            required=False,
            allowed=GOAL_RULE_ROLES,
            added=True,
            description="test (blank): the status rests on it; context: shown beside the goal, "
            "not tested (e.g. a level another body uses)",
        ),
    ),
    key=("goal_id", "criterion"),
    purpose="reglerna för hur varje mål bedöms ur data",
    optional=False,
)

GOAL_QUOTES: TableSchema = TableSchema(
    "goal_quotes",
    "goal_quotes.csv",
    (
        Column("report_year", YEAR, description="the report that holds the passage"),
        Column("goal_id", ID, references=("goals", "goal_id")),
        Column("number", INTEGER, minimum=1, description="order of the passage for the goal"),
        Column("kind", allowed=GOAL_QUOTE_KINDS, description="what the passage is to the goal"),
        Column("quote", description="one contiguous passage of the report, verbatim"),
        Column(
            "value",
            NUMBER,
            required=False,
            only_with=("kind", ("other_figure",)),
            description="the other figure, for the goal's judged value in the report year",
        ),
        Column(
            "change",
            NUMBER,
            required=False,
            only_with=("kind", ("other_figure",)),
            added=True,
            description="the change from the year before the passage states with the figure "
            "(−0.01 for 'minskat med 0,01 procentenhet till 4,55'); the figure is then judged "
            "as that reading",
        ),
        Column("source", ID, references=("sources", "source")),
        Column("note", required=False),
    ),
    key=("report_year", "goal_id", "number"),
    purpose="rapportens egna ord om målen",
    optional=True,
)
