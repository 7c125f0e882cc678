"""Present stage: sentences of the sections on costs by type, investments, savings and the
next year, and the municipality's figures beside the board's.

Numbers come from the printed tables and indicators.csv; the reasons are the report's
quotes (:mod:`ksanalys.present.text.reasons`). Where the data lacks something the text says
so once.
"""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd

from ksanalys.present import swedish
from ksanalys.present.text.markup import escape
from ksanalys.present.text.reasons import mkr_value, quoted
from ksanalys.present.text.words import capitalize, join_words
from ksanalys.values import decimals_of, is_missing

__all__ = [
    "context_sentences",
    "cost_types_intro",
    "investment_text",
    "outlook_items",
    "savings_text",
    "staffing_sentence",
]


def cost_types_intro(year: int, has_lines: bool) -> str:
    """The sentence before the list of the resultaträkning's lines."""
    if not has_lines:
        return (
            f"Data innehåller ingen egen resultaträkning för {year}, så kostnaderna per slag "
            "kan inte jämföras med budget och föregående år."
        )
    return (
        f"Resultaträkningens rader {year}, störst förändring mot {year - 1} först. "
        "Förändringen är beräknad ur de tryckta beloppen; avvikelsen mot budget är den "
        "tryckta (procent av budgeterat belopp)."
    )


def staffing_sentence(positions: float, fewer_fte: float) -> str:
    """Personnel costs beside staffing: the positions cut and the fewer annual employees."""
    parts = []
    if not is_missing(positions):
        parts.append(
            f"ingick {swedish.format_number(positions, decimals_of(positions))} tjänster i "
            "besparingen"
        )
    if not is_missing(fewer_fte):
        parts.append(
            f"{'vid årsskiftet hade' if parts else 'hade vid årsskiftet'} kommunstyrelsens "
            f"kontor {swedish.format_number(fewer_fte, decimals_of(fewer_fte))} färre "
            "årsarbetare än ett år tidigare"
        )
    if not parts:
        return ""
    return "Enligt rapporten " + ", och ".join(parts) + "."


def _result_words(value: float) -> str:
    if value == 0:
        return "ett resultat i balans"
    return f"ett {'överskott' if value > 0 else 'underskott'} på {mkr_value(value)}"


def investment_text(year: int, result: float, result_prev: float, projects: pd.DataFrame) -> str:
    """The investment result (mkr, positive = surplus) with the projects the report names."""
    if is_missing(result):
        first = f"Data innehåller inget resultat för investeringarna {year}."
    else:
        first = (
            f"För nämndbeslutade investeringar redovisas {year} {_result_words(result)}"
            + (
                f", mot {_result_words(result_prev)} {year - 1}"
                if not is_missing(result_prev)
                else ""
            )
            + "."
        )
    items = [
        f"- **{escape(row['item'])}:** {quoted(row['quote'])}"
        if row["item"]
        else f"- {quoted(row['quote'])}"
        for _, row in projects.iterrows()
    ]
    return "\n".join([first, "", *items]) if items else first


def savings_text(year: int, saving: float, full_year: float, reasons: pd.DataFrame) -> str:
    """The savings the plan demanded, their full-year effect next year, and the report's
    words on how they went."""
    if is_missing(saving):
        first = f"Data innehåller ingen besparing för {year}."
    else:
        first = f"Enligt verksamhetsplanen skulle kommunstyrelsen spara {mkr_value(saving)} {year}"
        if not is_missing(full_year):
            first += f", med en helårseffekt på {mkr_value(full_year)} {year + 1}"
        first += "."
    items = [f"- {quoted(quote)}" for quote in reasons["quote"]]
    if items:
        return "\n".join([first, "", "Rapporten:", "", *items])
    return first


def outlook_items(year: int, rows: list[tuple[str, Mapping]]) -> str:
    """What the report names for the next year, one list item per quote: ``rows`` are
    (unit label, explanation row)."""
    if not rows:
        return f"Data innehåller inget om {year + 1} ur rapporten för {year}."
    items = []
    for label, row in rows:
        title = escape(label) + (f", {escape(row['item'])}" if row["item"] else "")
        items.append(f"- **{title}:** {quoted(row['quote'])}")
    return "\n".join(items)


def context_sentences(year: int, values: Mapping[str, float]) -> list[str]:
    """The municipality's result, underlying result, balanskravsresultat, solvency, guarantees
    and loan amortisation (mkr and procent from indicators.csv; keys are indicator ids, the
    previous year's solvency ``soliditet_prev``)."""
    sentences: list[str] = []
    parts: list[str] = []
    for key, words in (
        ("arets_resultat", "kommunens resultat"),
        ("balanskravsresultat", "balanskravsresultatet"),
        ("underliggande_resultat", "det underliggande resultatet"),
    ):
        value = values.get(key)
        if not is_missing(value):
            shown = swedish.format_quantity(value, "mkr", decimals_of(value))
            parts.append(
                f"{capitalize(words)} {year} är {shown}" if not parts else f"{words} {shown}"
            )
    if parts:
        sentences.append(join_words(parts) + ".")
    solidity, solidity_prev = values.get("soliditet"), values.get("soliditet_prev")
    if not is_missing(solidity):
        if not is_missing(solidity_prev) and solidity != solidity_prev:
            verb = "ökade" if solidity > solidity_prev else "minskade"
            sentences.append(
                f"Soliditeten i kommunkoncernen {verb} från "
                f"{swedish.format_percent(solidity_prev, decimals_of(solidity_prev))} "
                f"{year - 1} till {swedish.format_percent(solidity, decimals_of(solidity))} "
                f"{year}."
            )
        else:
            sentences.append(
                f"Soliditeten i kommunkoncernen var "
                f"{swedish.format_percent(solidity, decimals_of(solidity))} {year}."
            )
    guarantee = values.get("borgensatagande_forandring")
    if not is_missing(guarantee) and guarantee != 0:
        verb = "minskade" if guarantee < 0 else "ökade"
        sentences.append(f"Kommunkoncernens borgensåtagande {verb} med {mkr_value(guarantee)}.")
    amortisation = values.get("lanskuld_amortering")
    if not is_missing(amortisation):
        sentences.append(
            f"Låneskulden i kommunkoncernen amorterades med {mkr_value(amortisation)}."
        )
    if not sentences:
        return [f"Data innehåller inga uppgifter om kommunens resultat för {year}."]
    return sentences
