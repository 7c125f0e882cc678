"""Present stage: the report's own explanations beside the numbers they explain.

A reason is never written in our words: it is the report's quote (data/explanations.csv),
escaped and set in Swedish quotation marks, with "…" where the quote is a fragment, and
tagged engångs or strukturell only where the data says the report states it. The
sentences around the quotes (amounts, shares, changes) are computed from printed figures.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

import pandas as pd

from ksanalys.present import swedish
from ksanalys.present.text.economy import amount
from ksanalys.present.text.markup import escape
from ksanalys.present.text.words import join_words
from ksanalys.values import decimals_of, is_missing, round_half_up

__all__ = [
    "KIND_NOTE",
    "KIND_WORDS",
    "cost_type_line",
    "deviation_line",
    "quoted",
    "report_says",
]

QUOTE = "\u201d"  # Swedish quotation mark, the same at both ends
ELLIPSIS = "\u2026"
KIND_WORDS = {"engangs": "engångs", "strukturell": "strukturell"}
KIND_NOTE = (
    "Engångs och strukturell anges bara där rapporten själv visar att posten är tillfällig "
    "eller bestående; övriga förklaringar säger inget om det."
)
_SENTENCE_END = (".", "!", "?")


def quoted(text: str) -> str:
    """The report's words in Swedish quotation marks, escaped; "…" marks a fragment."""
    flat = " ".join(str(text).split())
    start = "" if flat[:1].isupper() or flat[:1].isdigit() else ELLIPSIS
    end = "" if flat.endswith(_SENTENCE_END) else ELLIPSIS
    return f"{QUOTE}{start}{escape(flat)}{end}{QUOTE}"


def report_says(rows: pd.DataFrame | Iterable[Mapping]) -> str:
    """ "Rapporten: ”…” (engångs) ”…”" for the quotes in ``rows`` (columns quote, kind);
    "" when there are none."""
    records = rows.to_dict("records") if isinstance(rows, pd.DataFrame) else list(rows)
    parts = []
    for row in records:
        part = quoted(row["quote"])
        kind = KIND_WORDS.get(str(row.get("kind", "")))
        if kind:
            part += f" ({kind})"
        parts.append(part)
    return "Rapporten: " + " ".join(parts) if parts else ""


def _outcome_word(deviation: float) -> str:
    rounded = round_half_up(deviation, 0)
    if rounded.is_zero():
        return "resultat i balans"
    word = "överskott" if rounded > 0 else "underskott"
    return f"{word} {amount(deviation)}"


def _share(deviation: float, grant: float, printed: float, computed: float, grant_word: str) -> str:
    if is_missing(grant) or grant == 0:
        return f" (inget eget {grant_word})"
    shown = printed if not is_missing(printed) else computed
    text = f" ({swedish.format_percent_sign(abs(shown))} av {grant_word}et"
    if not is_missing(printed) and round_half_up(computed, 1) != round_half_up(printed, 1):
        text = (
            f" (tabellen anger {swedish.format_percent_sign(abs(printed))} av {grant_word}et, "
            f"men {swedish.format_tkr(abs(deviation), unit=True)} av "
            f"{swedish.format_tkr(grant, unit=True)} är "
            f"{swedish.format_percent_sign(abs(computed))}"
        )
    return text + ")"


def deviation_line(
    label: str,
    deviation: float,
    grant: float,
    pct_printed: float,
    pct_computed: float,
    reasons: pd.DataFrame,
    grant_word: str = "nämndbidrag",
) -> str:
    """One unit's or department's deviation with the report's reason, as a list item:
    "**Stadsdirektörens kansli:** överskott 3,3 mkr (24,7 % av nämndbidraget). Rapporten:
    ”…”". Amounts are the printed ones; where the printed share is not what the printed
    amounts give, both are stated."""
    text = (
        f"**{escape(label)}:** {_outcome_word(deviation)}"
        f"{_share(deviation, grant, pct_printed, pct_computed, grant_word)}."
    )
    says = report_says(reasons)
    return f"{text} {says}" if says else text


def no_reason(labels: list[str]) -> str:
    """One sentence for the units and departments whose deviation the report leaves
    unexplained (said once, after the list, not once per item)."""
    names = join_words([escape(label) for label in labels])
    return f"Rapporten förklarar inte avvikelsen för {names}."


def _compared(change: float, reference: str, pct: float) -> str:
    rounded = round_half_up(change, 0)
    if rounded.is_zero():
        return f"lika mycket som {reference}"
    share = "" if is_missing(pct) else f" ({swedish.format_percent_sign(abs(pct))})"
    return f"{amount(change)}{share} {'högre' if rounded > 0 else 'lägre'} än {reference}"


def cost_type_line(row: Mapping, year: int, reasons: pd.DataFrame, extra: str = "") -> str:
    """One line of the resultaträkning as a list item: its size, the change against the
    previous year (tkr and %), the printed budget deviation (tkr and %) and the report's
    words. ``row`` is a row of :func:`ksanalys.compute.costs.cost_types`."""
    change = row["change_tkr"]
    text = f"**{escape(row['line'])}:** {amount(row['size'])} {year}"
    if not is_missing(change):
        pct = row["change_pct"]
        text += f", {_compared(change, str(year - 1), pct)}"
    deviation = row["deviation"]
    if not is_missing(deviation):
        better = round_half_up(deviation, 0)
        if better.is_zero():
            text += " och som budgeterat"
        else:
            above = (better > 0) == (row["side"] == "intakt")
            share = row["deviation_pct"]
            text += f" och {amount(deviation)}"
            if not is_missing(share):
                text += f" ({swedish.format_percent_sign(abs(share))})"
            text += f" {'över' if above else 'under'} budget"
    text += "."
    if extra:
        text += " " + extra
    says = report_says(reasons)
    return f"{text} {says}" if says else text


def mkr_value(value: float) -> str:
    """An indicator value in mkr with its own decimals, unsigned: "8 mkr", "12,8 mkr"."""
    return swedish.format_quantity(abs(value), "mkr", decimals_of(value))
