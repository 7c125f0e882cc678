"""Present stage: the page of a year without a bokslut of its own, in Swedish.

Input: the codes and counts of :mod:`ksanalys.compute.coverage`. The document's title is
data: it is escaped here, since the sentences are shown as Markdown.
"""

from __future__ import annotations

import pandas as pd

from ksanalys.compute.coverage import ReportDocument
from ksanalys.present.swedish import (
    format_mkr,
    format_number,
    format_percent,
    format_quantity,
    year_span_of,
)
from ksanalys.present.text.check_labels import column_label, table_in_text
from ksanalys.present.text.markup import escape
from ksanalys.present.text.result import derived_words
from ksanalys.present.text.words import join_words, lower_first
from ksanalys.values import is_missing, round_half_up

__all__ = [
    "BASIS_HEADING",
    "comparison_title",
    "comparison_year_sentences",
    "data_basis",
    "derived_note",
    "derived_result_label",
    "held_indicators",
    "held_parts",
    "investment_row",
    "table_holds_sentence",
    "unlined_sentence",
    "year_entry",
    "year_summary",
]

# The 2012 table's column for what a figure counts, where its series changes definition.
BASIS_HEADING = "Mätt som"


def comparison_title(year: int) -> str:
    """The title of a year without its own bokslut: "Jämförelsetal för 2012"."""
    return f"Jämförelsetal för {year}"


def year_entry(year: int, holding: int | None) -> str:
    """A year in the list of every year's report: "Rapport för 2013"; a year without its
    own bokslut, whose figures are the comparison columns of ``holding``'s: "Jämförelsetal
    2012 (ur bokslutet 2013)" (review r9 G: "Rapport för 2012" oversells it)."""
    if holding is None:
        return f"Rapport för {year}"
    return f"Jämförelsetal {year} (ur bokslutet {holding})"


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
) -> list[str]:
    """What exists for a year without its own bokslut and which report holds it."""
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
    return sentences


def table_holds_sentence(year: int, report_year: int, values: int, shown: int, held: int) -> str:
    """What the table below holds: ``values`` values of ``shown`` indicators (nyckeltal),
    against the ``held`` indicators the data has for the year (:func:`held_indicators`):
    "Tabellen nedan visar ekonomins huvudtal och alla 24 värden för de 20 nyckeltalen; …"."""
    if shown and shown == held:
        which = (
            f"alla {values} värden för de {held} nyckeltalen"
            if values != held
            else f"värdena för {'det' if held == 1 else f'alla {held}'} nyckeltal"
        )
    elif shown:
        which = f"{values} värden för {shown} av de {held} nyckeltalen"
    else:
        which = "inga nyckeltal"
    return (
        f"Tabellen nedan visar ekonomins huvudtal och {which}; alla tal ur tabellerna står "
        f"i analysen av bokslutet för {report_year}, med {year} bredvid {report_year}."
    )


def year_summary(year: int, board: str, result: float, grant: float, ki: float) -> str:
    """What the year's figures show, in plain words: "Kulturnämnden redovisade 2012 ett
    överskott på 14,4 mkr, 4,8 procent av kommunbidraget. K/I-talet var 0,96: kostnaderna
    var lägre än intäkterna och kommunbidraget tillsammans." (result and grant in tkr,
    surplus positive); "" without a result."""
    if is_missing(result):
        return ""
    kind = "överskott" if result >= 0 else "underskott"
    text = f"{escape(board)} redovisade {year} ett {kind} på {format_mkr(abs(result))}"
    if not is_missing(grant) and grant:
        text += f", {format_percent(abs(100 * result / grant))} av kommunbidraget"
    text += "."
    if not is_missing(ki):
        rounded = round_half_up(ki, 2)
        side = "lägre än" if rounded < 1 else ("högre än" if rounded > 1 else "lika stora som")
        text += (
            f" K/I-talet var {format_number(ki, 2)}: kostnaderna var {side} intäkterna och "
            "kommunbidraget tillsammans."
        )
    return text


def held_indicators(coverage: pd.DataFrame) -> int:
    """The number of indicators the data holds for the year (0 if none)."""
    rows = coverage[coverage["table"] == "indicators"]
    return int(rows["values"].sum()) if not rows.empty else 0


def derived_result_label(unit: str, how: str, others: list[str]) -> str:
    """The row of a unit's result that the later bokslut does not print but that follows
    from its figures (``how``: :mod:`ksanalys.compute.derived`'s code, ``others``: the
    board's other units): "Resultat, X (beräknat ur balansräkningen)"."""
    return f"Resultat, {unit} ({derived_words(how, others) or 'beräknat'})"


def derived_note(
    year: int, report_year: int, *, units: bool = True, from_change: bool = False
) -> str:
    """Why some rows in the table are marked "beräknat": the units' results (``units``)
    and a value the bokslut gives only as a change (``from_change``)."""
    sources = []
    if units:
        sources += [
            f"balansräkningens Årets resultat vid utgången av {year}",
            "resultaträkningens resultat för hela nämnden",
        ]
    if from_change:
        sources.append(f"{report_year} års värde minus den förändring bokslutet anger")
    text = "De rader som är märkta ”beräknat” följer av bokslutets egna tal: "
    text += f"{join_words(sources)}."
    if units:
        text = (
            f"Bokslutet för {report_year} trycker inte enheternas resultat för {year}. {text} "
            "Resultat anges med överskott positivt."
        )
    return text


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
