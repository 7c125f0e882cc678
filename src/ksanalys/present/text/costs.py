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
from ksanalys.present.text.economy import amount
from ksanalys.present.text.markup import escape
from ksanalys.present.text.reasons import mkr_value, quoted
from ksanalys.present.text.words import capitalize, join_words, lower_first
from ksanalys.values import decimals_of, is_missing, round_half_up

__all__ = [
    "INVESTMENTS",
    "context_sentences",
    "cost_line_item",
    "cost_types_intro",
    "event_amounts",
    "gross_investment_sentence",
    "investment_text",
    "outlook_items",
    "staffing_sentence",
]


def event_amounts(events: list[tuple[str, str, float]]) -> str:
    """After a passage that names several causes: which of them the report gives an amount
    for. ``events``: (item, share, amount in tkr) of the one-off events read from the
    passage (data/explanations.csv: share ``amount`` with its amount, ``none`` without);
    "" when there is nothing to say."""
    priced = [
        f"{escape(item)} ({mkr_value(value / 1000)})"
        for item, share, value in events
        if share == "amount" and not is_missing(value)
    ]
    unpriced = [escape(item) for item, share, _ in events if share == "none"]
    if priced and unpriced:
        return (
            f"Bokslutet anger ett belopp för {join_words(priced)}, men inget för "
            f"{join_words(unpriced)}."
        )
    if priced:
        return f"Bokslutet anger beloppet för {join_words(priced)}."
    if unpriced:
        return f"Bokslutet anger inget belopp för {join_words(unpriced)}."
    return ""


def cost_types_intro(least_tkr: float, least_pct: float) -> str:
    """The sentence before the list of the resultaträkning's lines (``least_tkr`` and
    ``least_pct``: from what budget deviation an unexplained line is listed)."""
    return (
        "Här står de rader som bokslutet förklarar eller som avviker från budget med minst "
        f"{mkr_value(least_tkr / 1000)} och {swedish.format_number(least_pct)} procent, störst "
        "påverkan på resultatet först. Tabellen ovan visar alla rader."
    )


def _against_previous(row: Mapping, year: int) -> str:
    change, pct = row["change_tkr"], row["change_pct"]
    if row["size"] == 0 and not is_missing(row["size_prev"]) and row["size_prev"] != 0:
        return f"inget belopp {year}"
    if is_missing(change) or is_missing(pct) or round_half_up(change, 0).is_zero():
        return ""
    word = "högre" if change > 0 else "lägre"
    return f"{swedish.format_percent_sign(abs(pct))} {word} än {year - 1}"


def _against_budget_of_line(row: Mapping) -> str:
    deviation = row["deviation"]
    if is_missing(deviation):
        return ""
    if round_half_up(deviation, 0).is_zero():
        return "som budgeterat"
    above = (deviation > 0) == (row["side"] == "intakt")
    share = row["deviation_pct"]
    text = amount(deviation)
    if not is_missing(share):
        text += f" ({swedish.format_percent_sign(abs(share))})"
    return f"{text} {'över' if above else 'under'} budget"


def cost_line_item(row: Mapping, year: int, reasons: str = "", extra: str = "") -> str:
    """One line of the resultaträkning as a list item, with what the table above it does
    not show: the change against the previous year in percent, the printed budget
    deviation (tkr and %), ``extra`` and the report's words (``reasons``, already worded).
    ``row`` is a row of :func:`ksanalys.compute.costs.cost_types`."""
    parts = [p for p in (_against_previous(row, year), _against_budget_of_line(row)) if p]
    text = f"**{escape(row['line'])}:**"
    if parts:
        text += f" {capitalize(' och '.join(parts))}."
    return " ".join(part for part in (text, extra, reasons) if part)


def staffing_sentence(positions: float, fewer_fte: float, unit: str) -> str:
    """Personnel costs beside staffing: the positions cut and the fewer annual employees of
    ``unit`` (its label)."""
    parts = []
    if not is_missing(positions):
        parts.append(
            f"ingick {swedish.format_number(positions, decimals_of(positions))} tjänster i "
            "besparingen"
        )
    if not is_missing(fewer_fte):
        parts.append(
            f"{'vid årsskiftet hade' if parts else 'hade vid årsskiftet'} "
            f"{lower_first(escape(unit))} "
            f"{swedish.format_number(fewer_fte, decimals_of(fewer_fte))} färre årsarbetare än "
            "ett år tidigare"
        )
    if not parts:
        return ""
    return "Enligt bokslutet " + ", och ".join(parts) + "."


def _against_budget(value: float) -> str:
    """What the investments cost against their budget (``value`` in mkr, the report's
    investment result: positive = surplus)."""
    if value == 0:
        return "kostade som budgeterat"
    return f"kostade {mkr_value(value)} {'mindre' if value > 0 else 'mer'} än budgeterat"


INVESTMENTS = "investeringarna"
"""The investments as the subject of a sentence when the data names no narrower subject."""


def gross_investment_sentence(year: int, gross: Mapping[str, float]) -> str:
    """The year's investments derived from the statements (``gross`` from
    :func:`ksanalys.compute.costs.gross_investment`, tkr), said to be computed and a least
    value; "" without them."""
    if is_missing(gross.get("gross")):
        return ""
    change, written_off = gross["change"], gross["depreciation"]
    moved = "ökade" if change >= 0 else "minskade"
    return (
        f"Investeringarna {year} var minst {swedish.format_tkr(gross['gross'], unit=True)} "
        f"(beräknat: anläggningstillgångarna {moved} med "
        f"{swedish.format_tkr(abs(change), unit=True)}, avskrivningarna var "
        f"{swedish.format_tkr(written_off, unit=True)}; utrangering och försäljning minskar "
        "också anläggningstillgångarna)."
    )


def investment_text(
    year: int,
    result: float,
    result_prev: float,
    projects: pd.DataFrame,
    subject: str = INVESTMENTS,
    gross: Mapping[str, float] | None = None,
) -> str:
    """The investment result against the investment budget (mkr, positive = surplus), that it
    does not touch the year's operating result, the investments derived from the statements
    (:func:`gross_investment_sentence`) and the projects the report names, each with the
    report's passage. ``subject``: which investments the result is of, as the subject of a
    sentence (from data, escaped here)."""
    if is_missing(result):
        first = ""
    else:
        first = f"{capitalize(escape(subject))} {year} {_against_budget(result)}"
        if result != 0:
            word = "underskott" if result < 0 else "överskott"
            first += f" (ett {word} mot investeringsbudgeten)"
        if not is_missing(result_prev):
            first += f"; {year - 1} {_against_budget(result_prev).replace('kostade', 'kostade de')}"
        first += (
            ". Avvikelsen påverkar inte årets resultat i driften: en investering belastar "
            "resultatet genom avskrivningar de kommande åren."
        )
    derived = gross_investment_sentence(year, gross or {})
    first = f"{first} {derived}".strip()
    items = [
        f"- **{escape(row['item'])}:** {quoted(row['quote'])}"
        if row["item"]
        else f"- {quoted(row['quote'])}"
        for _, row in projects.iterrows()
    ]
    return "\n".join([first, "", *items]) if first and items else first or "\n".join(items)


def outlook_items(rows: list[tuple[str, Mapping]]) -> str:
    """What the report names for the next year that bears on money, one list item per
    quote: ``rows`` are (unit label, explanation row); "" without any."""
    if not rows:
        return ""
    items = ["Bokslutets framåtblick, det som rör ekonomin:", ""]
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
        sentences.append(f"Kommunkoncernen amorterade {mkr_value(amortisation)} på låneskulden.")
    return sentences
