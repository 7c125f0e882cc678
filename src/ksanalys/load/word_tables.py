"""What the files about the report's words must hold: the glossary of terms a reader meets
and the words the report misspells (quoted as printed, listed once by the granskning).

Part of :mod:`ksanalys.load.schema` (which lists every table in ``SCHEMAS``), kept apart
only for length; built from the schema's blocks.
"""

from __future__ import annotations

from ksanalys.load.schema import ID, Column, TableSchema

__all__ = ["GLOSSARY", "SIC"]

GLOSSARY = TableSchema(
    "glossary",
    "glossary.csv",
    (
        Column("term", description="an abbreviation or term as a reader meets it (NKI, K/I-tal)"),
        Column("explanation", description="Swedish, lower case unless a name; reads after 'NKI:'"),
        Column(
            "reference",
            description="where the meaning comes from (a section, a law, a survey), as text: "
            "not a source id, since a term is no published value",
        ),
        Column(
            "cite",
            required=False,
            added=True,
            allowed=("ja", "nej"),
            description="whether the glossary shows the reference: 'nej' for a term everyone "
            "knows (mkr, HT); blank: ja",
        ),
    ),
    key=("term",),
    purpose="förkortningar och begrepp som en läsare möter, med förklaring och källa",
    optional=True,
)

SIC = TableSchema(
    "sic",
    "sic.csv",
    (
        Column("word", description="a word the report misspells, exactly as printed"),
        Column("correct", description="the word spelt right (for the reader of the data)"),
        Column("source", ID, references=("sources", "source")),
        Column("where", description="where it is printed: file, line and passage"),
    ),
    key=("word",),
    purpose="ord som bokslutet stavar fel; citaten behåller stavningen, granskningen listar dem",
    optional=True,
)
