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

__all__ = ["comparison_year_sentences", "held_parts"]


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
    sentences = [f"Det finns inget eget bokslut för {year} i data."]
    if report_year is not None:
        source = f"bokslutet för {report_year}"
        if document is not None:
            dated = f", daterat {escape(document.date)}" if document.date else ""
            source += f", {escape(document.title)}{dated}"
        sentences.append(f"Talen för {year} är jämförelsekolumnerna i {source}.")
        sentences.append(
            f"De analyseras i rapporten för {report_year}, där {year} visas bredvid {report_year}."
        )
    parts = held_parts(coverage)
    if parts:
        sentences.append(f"För {year} finns {join_words(parts)}.")
    return sentences
