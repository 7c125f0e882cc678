"""Present stage: the page of a year without a bokslut of its own, in Swedish.

Input: the codes and counts of :mod:`ksanalys.compute.coverage`. The document's title is
data: it is escaped here, since the sentences are shown as Markdown.
"""

from __future__ import annotations

import pandas as pd

from ksanalys.compute.coverage import ReportDocument
from ksanalys.present.text.check_labels import column_label, table_in_text
from ksanalys.present.text.markup import escape
from ksanalys.present.text.words import join_words

__all__ = ["comparison_year_sentences", "derived_result_label", "held_parts"]


def held_parts(coverage: pd.DataFrame) -> list[str]:
    """What the data holds for the year: "resultaträkningen (kolumnen Bokslut 2012)", …,
    "värden för 10 nyckeltal"."""
    parts = []
    for row in coverage.to_dict("records"):
        if row["table"] == "indicators":
            n = row["values"]
            parts.append("värdet för ett nyckeltal" if n == 1 else f"värden för {n} nyckeltal")
            continue
        column = column_label(row["table"], row["column"], int(row["report_year"]))
        parts.append(f"{table_in_text(row['table'])} (kolumnen {column})")
    return parts


def comparison_year_sentences(
    year: int, report_year: int | None, document: ReportDocument | None, coverage: pd.DataFrame
) -> list[str]:
    """What exists for a year without its own bokslut, and which report holds it."""
    sentences = [f"Analysen har inget eget bokslut för {year}."]
    if report_year is not None:
        source = f"bokslutet för {report_year}"
        if document is not None:
            dated = f", daterat {escape(document.date)}" if document.date else ""
            source += f", {escape(document.title)}{dated}"
        sentences.append(f"Talen för {year} är jämförelsekolumnerna i {source}.")
    parts = held_parts(coverage)
    if parts:
        sentences.append(f"Där finns för {year} {join_words(parts)}.")
    if report_year is not None:
        sentences.append(
            f"Tabellen nedan visar de viktigaste; analysen av bokslutet för {report_year} "
            f"visar alla, med {year} bredvid {report_year}."
        )
    return sentences


def derived_result_label(unit: str) -> str:
    """The row of a unit's result that the later bokslut does not print but that follows
    from its figures (see :mod:`ksanalys.compute.derived`): "Resultat, X (härlett)"."""
    return f"Resultat, {unit} (härlett, överskott positivt)"
