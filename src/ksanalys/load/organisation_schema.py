"""Load stage: the schemas of the files that describe the organisation (units.csv,
kommun.csv, board.csv, levels.csv, scopes.csv); read as one view by
:mod:`ksanalys.load.organisation`."""

from __future__ import annotations

from ksanalys.load.columns import ID, YEAR, Column, TableSchema

# Levels of a board's organisation, as codes; the reader's words for them are data
# (levels.csv): e.g. nämnd / enhet / avdelning.
BOARD_LEVEL, UNIT_LEVEL, DEPARTMENT_LEVEL = "board", "unit", "department"
UNIT_LEVELS = (BOARD_LEVEL, UNIT_LEVEL, DEPARTMENT_LEVEL)

UNITS_TABLE = TableSchema(
    "units",
    "units.csv",
    (
        Column("unit_id", ID, description="stable key used by net_cost, budget and departments"),
        Column("unit", description="Swedish name (the latest), as a table label"),
        Column("level", allowed=UNIT_LEVELS, description="board, unit or department"),
        Column("parent_unit_id", ID, required=False, description="unit_id of the unit above"),
        Column("from_year", YEAR, required=False, description="first bokslutsår"),
        Column("to_year", YEAR, required=False, description="last bokslutsår"),
        Column("renamed_from", ID, required=False, description="unit_id this unit continues"),
        Column(
            "merged_into",
            ID,
            required=False,
            added=True,
            description="unit_id this unit went into after its to_year (a merger)",
        ),
        Column(
            "in_text",
            required=False,
            added=True,
            description="the name inside a sentence (blank: the name as is)",
        ),
        Column(
            "where",
            required=False,
            added=True,
            description="where, inside a sentence: 'på kommunens kontor' (blank: not used)",
        ),
        Column(
            "genitive",
            required=False,
            added=True,
            description="the name in genitive inside a sentence: 'den politiska ledningens' "
            "(blank: not used)",
        ),
        Column("note", required=False),
    ),
    key=("unit_id",),
    purpose="nämnden, dess enheter och avdelningar och hur de hänger ihop",
)

KOMMUN = TableSchema(
    "kommun",
    "kommun.csv",
    (
        Column("kommun_id", ID, description="stable key"),
        Column("name", description="the kommun's name: 'Exempla kommun'"),
        Column("short_name", description="the place name alone: 'Exempla'"),
        Column("genitive", description="'Exempla kommuns'"),
    ),
    key=("kommun_id",),
    purpose="kommunens namn (en rad)",
)

BOARD = TableSchema(
    "board",
    "board.csv",
    (
        Column(
            "board_id",
            ID,
            references=("units", "unit_id"),
            description="the unit_id of the board's own row in units.csv (level board)",
        ),
        Column("name", description="the name as a heading: 'Kulturnämnden'"),
        Column("in_text", description="the name inside a sentence: 'kulturnämnden'"),
        Column("genitive", description="inside a sentence: 'kulturnämndens'"),
        Column("short_name", description="short name: 'KN'"),
        Column(
            "office_unit_id",
            ID,
            required=False,
            references=("units", "unit_id"),
            description="the unit whose departments the report lists (blank: none)",
        ),
    ),
    key=("board_id",),
    purpose="nämnden vars bokslut analyseras: namnet i rapportens former (en rad)",
)

LEVELS = TableSchema(
    "levels",
    "levels.csv",
    (
        Column("level", allowed=UNIT_LEVELS),
        Column("singular", description="'avdelning'"),
        Column("plural", description="'avdelningar'"),
        Column("definite_plural", description="'avdelningarna'"),
    ),
    key=("level",),
    purpose="orden för organisationens nivåer (nämnd, enhet, avdelning)",
)

SCOPES = TableSchema(
    "scopes",
    "scopes.csv",
    (
        Column("scope", ID, description="a scope of indicators.csv, in the order tables show them"),
        Column(
            "label",
            required=False,
            description="as text and tables show it: 'kommunen', 'Exempla AB' (blank for a "
            "unit of units.csv, whose names are there)",
        ),
        Column("where", required=False, description="inside a sentence: 'i kommunen'"),
        Column("note", required=False),
    ),
    key=("scope",),
    purpose="indikatorernas omfång (kommunen, en personalgrupp …) och deras namn",
    optional=True,
)
