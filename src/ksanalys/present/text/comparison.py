"""Present stage: the page of a year without a bokslut of its own, in Swedish.

Input: the codes and counts of :mod:`ksanalys.compute.coverage`. The document's title is
data: it is escaped here, since the sentences are shown as Markdown.
"""

from __future__ import annotations

import pandas as pd

from ksanalys.compute.coverage import ReportDocument
from ksanalys.present.swedish import format_number, format_quantity, year_span_of
from ksanalys.present.text.check_labels import column_label, table_in_text
from ksanalys.present.text.markup import escape
from ksanalys.present.text.words import join_words, lower_first

__all__ = [
    "comparison_title",
    "comparison_year_sentences",
    "data_basis",
    "derived_note",
    "derived_result_label",
    "held_indicators",
    "held_parts",
    "investment_row",
    "later_misprint_sentence",
    "unlined_sentence",
]

# How a unit's previous result follows from printed figures (compute.derived's codes).
DERIVED_HOW = {
    "balance_sheet": "beräknat ur balansräkningen",
    "board_minus_units": "beräknat: nämnden minus övriga enheter",
}


def comparison_title(year: int) -> str:
    """The title of a year without its own bokslut: "Jämförelsetal för 2012"."""
    return f"Jämförelsetal för {year}"


def data_basis(own: list[int], comparison: list[int], holding: int | None) -> str:
    """What a report is computed from, for its cover: "Beräknat ur bokslutet 2013 och dess
    jämförelsetal för 2012". ``own``: the years with a bokslut of their own among those
    used, ``comparison``: the years only a later bokslut prints; a year without its own
    bokslut (``own`` empty): "Beräknat ur jämförelsetalen för 2012 i bokslutet 2013"."""
    if not own:
        held = f" i bokslutet {holding}" if holding is not None else ""
        return f"Beräknat ur jämförelsetalen för {year_span_of(comparison)}{held}"
    many = len(own) > 1
    text = f"Beräknat ur {'boksluten' if many else 'bokslutet'} {year_span_of(own)}"
    if comparison:
        text += f" och {'deras' if many else 'dess'} jämförelsetal för {year_span_of(comparison)}"
    return text


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
    year: int,
    report_year: int | None,
    document: ReportDocument | None,
    coverage: pd.DataFrame,
    shown: int = 0,
) -> list[str]:
    """What exists for a year without its own bokslut, which report holds it, and what the
    table below holds (``shown``: the number of indicators in it, against those the data
    holds)."""
    sentences = [f"Bokslutet för {year} ingår inte i underlaget."]
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
        held = held_indicators(coverage)
        if shown and shown == held:
            which = f"värdena för {'det' if held == 1 else f'alla {held}'} nyckeltal"
        elif shown:
            which = f"värden för {shown} av de {held} nyckeltalen"
        else:
            which = "inga nyckeltal"
        sentences.append(
            f"Tabellen nedan visar ekonomins huvudtal och {which}; alla tal ur tabellerna står "
            f"i analysen av bokslutet för {report_year}, med {year} bredvid {report_year}."
        )
    return sentences


def held_indicators(coverage: pd.DataFrame) -> int:
    """The number of indicators the data holds for the year (0 if none)."""
    rows = coverage[coverage["table"] == "indicators"]
    return int(rows["values"].sum()) if not rows.empty else 0


def derived_result_label(unit: str, how: str) -> str:
    """The row of a unit's result that the later bokslut does not print but that follows
    from its figures (``how``: :mod:`ksanalys.compute.derived`'s code): "Resultat, X
    (beräknat ur balansräkningen)"."""
    return f"Resultat, {unit} ({DERIVED_HOW.get(how, 'beräknat')})"


def derived_note(year: int, report_year: int) -> str:
    """Why some results in the table are marked "beräknat"."""
    return (
        f"Bokslutet för {report_year} trycker inte enheternas resultat för {year}. De rader "
        "som är märkta ”beräknat” följer av bokslutets egna tal: balansräkningens Årets "
        f"resultat vid utgången av {year} och resultaträkningens resultat för hela nämnden. "
        "Resultat anges med överskott positivt."
    )


def unlined_sentence(year: int, report_year: int, line: str, amount: float) -> str:
    """A printed sum of ``year`` that is ``amount`` tkr more (or less) than its lines."""
    side = "större" if amount > 0 else "mindre"
    return (
        f"I bokslutet för {report_year} är {lower_first(escape(line))} för {year} "
        f"{format_number(abs(amount), 0)} tkr {side} än raderna under den; revisionsbilagan "
        f"till analysen av {report_year} tar upp skillnaden."
    )


def investment_row(value: float, unit: str, decimals: int) -> tuple[str, str]:
    """The investments' result as a row of the year's table, the sign said in words
    (positive: under budget): ("Investeringar", "5 mkr under budget")."""
    if value == 0:
        return "Investeringar", "som budgeterat"
    where = "under" if value > 0 else "över"
    return "Investeringar", f"{format_quantity(abs(value), unit, decimals)} {where} budget"


def later_misprint_sentence(
    year: int,
    report_year: int,
    where: str,
    table: str,
    printed: float,
    name: str,
    right: float | None,
) -> str:
    """A figure of ``year`` that the bokslut of ``report_year`` printed again as its own
    year's (``where``: the cell it stands in, ``table``: the table, ``name``: what the
    figure is, from the
    Granskning's finding; ``right``: the amount the cell should hold)."""
    text = (
        f"Bokslutet för {report_year} trycker {year} års {lower_first(escape(name))}, "
        f"{format_number(printed, 0)} tkr, längre fram i {escape(table)}, som {escape(where)}"
    )
    if right is not None:
        text += f"; rätt belopp är {format_number(right, 0)} tkr"
    return text + f". Revisionsbilagan till analysen av {report_year} tar upp felet."
