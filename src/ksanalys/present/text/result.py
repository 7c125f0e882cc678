"""Present stage: sentences that explain the year's result — how it moved from the previous
year's (per unit, with the figures derived where the report prints none), the bridge line by
line, what the report calls temporary and lasting, and what that means for the next year.

Numbers come from :mod:`ksanalys.compute.derived`, :mod:`ksanalys.compute.bridge` and
:mod:`ksanalys.compute.one_off`; a derived figure always says how it was derived
("beräknat ur …"), and an amount the report does not give is said to be missing, never
estimated.
"""

from __future__ import annotations

import math
from collections.abc import Mapping

import pandas as pd

from ksanalys.present import swedish
from ksanalys.present.text.economy import amount, percent
from ksanalys.present.text.markup import escape
from ksanalys.present.text.reasons import KIND_PLURAL, KIND_WORDS
from ksanalys.present.text.words import capitalize, join_words, lower_first
from ksanalys.values import is_missing, round_half_up

__all__ = [
    "DERIVED_WORDS",
    "KIND_LABELS",
    "UNPLACED_LABEL",
    "bridge_sentences",
    "derivation_heading",
    "derivation_pointer",
    "derivation_sentences",
    "derived_words",
    "genitive",
    "kind_sum_label",
    "one_off_sentences",
    "real_change_sentence",
    "result_change_sentences",
]

# How a previous year's result was found, as a table cell says it (the board minus its
# other units names them: :func:`derived_words`).
DERIVED_WORDS = {
    "printed": "redovisat i resultaträkningen",
    "balance_sheet": "beräknat ur balansräkningen",
}
# The bridge's one row (table and chart) for every difference between a printed sum and
# its lines, rounding included (review r9 C: one hatched bar; the text gives the split).
UNPLACED_LABEL = "Ej fördelat: bokslutets summor stämmer inte med raderna"
# After a previous year's result the report does not give, where the figure first stands.
DERIVED_MARK = "(beräknat)"
# The analysis' reading of the cause of a result, as a table cell says it (the kinds'
# words are reasons.KIND_WORDS).
KIND_LABELS = {
    **KIND_WORDS,
    "flera": "flera orsaker",
    "handelse": "engångshändelse",
    "ej_angivet": "ej angiven i bokslutet",
    "no_reason": "ingen förklaring",
    "unplaced": "skillnad mot bokslutets summa",
}


def kind_sum_label(kind: str) -> str:
    """The subtotal row of a kind in the table of the result by kind."""
    if kind == "unplaced":
        return "Skillnad mellan bokslutets summa och raderna"
    return f"Summa, {KIND_LABELS[kind]}"


def genitive(label: str) -> str:
    """ "Kulturförvaltningen" → "Kulturförvaltningens", "HR" → "HR:s"; a name
    ending in s, x or z stays as it is."""
    if label.isupper():
        return f"{label}:s"
    return label if label[-1:] in ("s", "x", "z") else f"{label}s"


def _tkr(value: float) -> str:
    return swedish.format_tkr(value, unit=True)


def _signs(prev: float, now: float) -> tuple[int, int]:
    """The signs (1, −1, 0) of two results as rounded to the tkr."""
    before, after = (int(round_half_up(v, 0).compare(0)) for v in (prev, now))
    return before, after


def _moved(
    prev: float, now: float, years: tuple[int, int], *, lead: bool = False, derived: bool = False
) -> str:
    """How a result moved, as a clause after "för X" ("minskade överskottet från 16,4 mkr
    2012 till 10,1 mkr 2013") or, with ``lead``, as a sentence's start ("Överskottet
    minskade från …"); with ``derived`` the previous result says so where it stands
    ("från 2,0 mkr 2012 (beräknat) till …")."""
    before, after = _signs(prev, now)
    mark = f" {DERIVED_MARK}" if derived else ""
    span = f"från {amount(prev)} {years[0]}{mark} till {amount(now)} {years[1]}"
    if before == after and before != 0:
        noun = "överskottet" if before == 1 else "underskottet"
        grew = (now > prev) == (before == 1)
        verb = "ökade" if grew else "minskade"
        if lead:  # the change first, then the two results: the years are the sentence's
            by = f" med {amount(now - prev)}," if not round_half_up(now - prev, 0).is_zero() else ""
            return f"{capitalize(noun)} {verb}{by} från {amount(prev)}{mark} till {amount(now)}"
        return f"{verb} {noun} {span}"
    words = {1: "ett överskott på", -1: "ett underskott på", 0: "ett resultat i balans,"}
    clause = (
        f"från {words[before]} {amount(prev)} {years[0]}{mark} till "
        f"{words[after]} {amount(now)} {years[1]}"
    )
    return f"Resultatet gick {clause}" if lead else f"gick resultatet {clause}"


def _verb(change: float, noun: str) -> str:
    if round_half_up(change, 0).is_zero():
        return f"{noun} var oförändrat"
    return f"{noun} {'ökade' if change > 0 else 'minskade'} med {amount(change)}"


def result_change_sentences(
    year: int, results: pd.DataFrame, grant_change: float, net_cost_change: float
) -> list[str]:
    """The board's result against the previous year, what moved it at the top (the grant
    and the net cost), and each unit's result where it is known (see
    :func:`ksanalys.compute.derived.unit_results`, the board last)."""
    years = (year - 1, year)
    board = results.iloc[-1]
    if is_missing(board["result_prev"]):
        return []
    change = board["result"] - board["result_prev"]
    first = _moved(board["result_prev"], board["result"], years, lead=True)
    before, after = _signs(board["result_prev"], board["result"])
    if not (before == after != 0) and not round_half_up(change, 0).is_zero():
        first += f", med {amount(change)}"
    sentences = [first + "."]
    if not is_missing(grant_change) and not is_missing(net_cost_change):
        sentences.append(
            f"{capitalize(_verb(grant_change, 'kommunbidraget'))} och "
            f"{_verb(net_cost_change, 'nettokostnaden')}."
        )
    units = [
        f"för {lower_first(escape(row['unit']))} "
        + _moved(row["result_prev"], row["result"], years, derived=row["how_prev"] != "printed")
        for _, row in results.iloc[:-1].iterrows()
        if not is_missing(row["result_prev"])
    ]
    if units:
        sentences.append(capitalize(join_words(units)) + ".")
    return sentences


def real_change_sentence(grant_change_pct: float, net_cost_change_pct: float) -> str:
    """Where the report says pay and prices rose: the grant's and the net cost's change in
    kronor (percent) and that in fixed prices the grant moved the less favourably, by an
    amount the report gives no index for (none is estimated); "" without both figures."""
    if is_missing(grant_change_pct) or is_missing(net_cost_change_pct):
        return ""
    grant_word = "minskade" if grant_change_pct < 0 else "ökade"
    cost_word = "minskade" if net_cost_change_pct < 0 else "ökade"
    fixed = (
        f"{grant_word} kommunbidraget {'mer' if grant_change_pct < 0 else 'mindre'} än "
        f"{percent(grant_change_pct)}"
    )
    return (
        f"I kronor {grant_word} kommunbidraget med {percent(grant_change_pct)} och "
        f"nettokostnaden {cost_word} med {percent(net_cost_change_pct)}; i fasta priser {fixed}, "
        "men bokslutet anger inte hur mycket löner och priser steg, så förändringen i fasta "
        "priser går inte att räkna fram."
    )


def derived_words(how: str, others: list[str]) -> str:
    """How a previous year's result was found (``how``: compute.derived's code), as a table
    cell says it; the board minus its other units names them (``others``, labels from
    data): "beräknat: nämnden minus kontoret"."""
    if how == "board_minus_units":
        return f"beräknat: nämnden minus {join_words([lower_first(o) for o in others])}"
    return DERIVED_WORDS.get(how, "")


def derivation_pointer(year: int) -> str:
    """On the board page, after the units' results marked "(beräknat)": the one clause
    that sends the method to the annex."""
    return (
        f"Bokslutet redovisar inget resultat per enhet för {year - 1}; hur det är beräknat "
        "står i revisionsbilagan."
    )


def derivation_heading(year: int) -> str:
    """The annex section with the derivation of the units' previous-year results."""
    return f"Resultat per enhet {year - 1}: så är det beräknat"


def derivation_sentences(
    year: int, results: pd.DataFrame, balance_owner: str, balance_result: float
) -> list[str]:
    """How each derived previous-year result was found. ``balance_owner`` is the label of
    the unit the balance sheet belongs to, ``balance_result`` its printed result of
    ``year`` (the balance sheet's Årets resultat at the year's end)."""
    board = results.iloc[-1]
    sentences = []
    order = {"balance_sheet": 0, "board_minus_units": 1}
    units = results.iloc[:-1]
    units = units.iloc[
        sorted(range(len(units)), key=lambda i: order.get(units.iloc[i]["how_prev"], 2))
    ]
    for _, row in units.iterrows():
        label = escape(row["unit"])
        if row["how_prev"] == "balance_sheet":
            sentences.append(
                f"{genitive(label)} resultat {year - 1}, {_tkr(row['result_prev'])}, är beräknat "
                f"ur balansräkningens Årets resultat 31/12 {year - 1}: balansräkningen avser "
                f"{lower_first(label)}, vars Årets resultat 31/12 {year} är enhetens redovisade "
                f"resultat {year}, {_tkr(balance_result)}."
            )
        elif row["how_prev"] == "board_minus_units":
            others = [
                genitive(lower_first(escape(r["unit"])))
                for _, r in results.iloc[:-1].iterrows()
                if r["unit_id"] != row["unit_id"]
            ]
            sentences.append(
                f"{genitive(label)} resultat {year - 1}, {_tkr(row['result_prev'])}, är beräknat "
                f"som nämndens redovisade resultat {_tkr(board['result_prev'])} minus "
                f"{join_words(others)}."
            )
    if sentences:
        sentences.insert(0, f"Bokslutet redovisar inget resultat per enhet för {year - 1}.")
    return sentences


def _signed_tkr(value: float) -> str:
    return f"{swedish.format_signed(value)}{swedish.NBSP}tkr"


def _largest(lines: pd.DataFrame, count: int) -> str:
    ordered = lines.reindex(lines["effect"].abs().sort_values(ascending=False).index)
    parts = [
        f"{lower_first(escape(row['line']))} ({_signed_tkr(row['effect'])})"
        for _, row in ordered.head(count).iterrows()
    ]
    return join_words(parts)


def _likely_clause(unlined: pd.DataFrame, likely: Mapping[str, str]) -> str:
    """ "; revisionsbilagan finner att de 2 382 tkr i summa kostnader troligen hör
    till raden Övriga kostnader" for this year's gaps beyond rounding that the granskning
    places on a line ("" for none)."""
    parts = [
        f"de {_tkr(abs(row['unlined']))} i {lower_first(escape(row['line']))} troligen hör "
        f"till raden {escape(likely[row['line_id']])}"
        for _, row in unlined.iterrows()
        if row["line_id"] in likely
        and not row["rounding"]
        and not round_half_up(row["unlined"], 0).is_zero()
    ]
    return f"; revisionsbilagan finner att {join_words(parts)}" if parts else ""


def bridge_sentences(
    year: int,
    bridge: pd.DataFrame,
    unlined: pd.DataFrame,
    likely: Mapping[str, str] | None = None,
) -> list[str]:
    """What the bridge shows, its largest steps, and the amounts on no line (rows of
    :func:`ksanalys.compute.bridge.result_bridge` and ``unlined_sums``); ``likely`` (a
    sum's line_id → a line's label, :func:`ksanalys.compute.bridge.likely_lines`) names the
    line the granskning finds a sum's gap this year most likely belongs to."""
    if bridge.empty:
        return []
    start, end = bridge.iloc[0]["effect"], bridge.iloc[-1]["effect"]
    lines = bridge[bridge["kind"] == "line"]
    sentences = [
        f"Tabellen och diagrammet går från resultatet {year - 1}, {_tkr(start)}, till "
        f"resultatet {year}, {_tkr(end)}, rad för rad i resultaträkningen. Varje rad visar "
        "förändringens påverkan på resultatet: en intäkt som ökat eller en kostnad som "
        "minskat ger plus, en kostnad som ökat eller en intäkt som minskat ger minus.",
        f"Störst påverkan hade {_largest(lines, 4)}.",
    ]
    gaps = bridge[bridge["kind"].isin(["unlined", "rounding"])]
    if gaps.empty:
        return sentences
    split = [
        f"{lower_first(escape(row['line']))} {_signed_tkr(row['effect'])}"
        if row["kind"] == "unlined"
        else f"avrundning {_signed_tkr(row['effect'])}"
        for _, row in gaps.iterrows()
    ]
    total = _signed_tkr(math.fsum(gaps["effect"]))
    row_words = f"raden {UNPLACED_LABEL.split(':')[0]}, {total}"
    if (gaps["kind"] == "unlined").any():
        placed = _likely_clause(unlined, likely or {})
        sentences.append(
            f"Några av bokslutets summor stämmer inte med sina rader{placed}; det som inte går "
            f"att knyta till någon post står på {row_words}: {join_words(split)}. "
            "Revisionsbilagan redovisar skillnaderna."
        )
    else:
        sentences.append(
            f"Bokslutets summor skiljer sig från sina rader bara genom avrundning av de tryckta "
            f"talen; det står i tabellen och diagrammet på {row_words}."
        )
    return sentences


def _kind_amount(value: float) -> str:
    sign = int(round_half_up(value, 0).compare(0))
    word = {1: "ett överskott på ", -1: "ett underskott på ", 0: ""}[sign]
    return f"{word}{amount(value)}"


def one_off_sentences(
    totals: pd.DataFrame,
    rows: pd.DataFrame,
    causes: str = "",
    interval_counts: str = "",
    unused_grants: str = "",
) -> list[str]:
    """The analysis' reading of the causes said once (and that it is a reading), then what
    the kinds table shows and where the result without them stands (``totals`` and
    ``rows`` from :func:`ksanalys.compute.one_off.kind_totals` and ``surplus_by_kind``;
    ``causes``: the report's words for the temporary causes; ``interval_counts``: the rows
    not read as temporary or lasting whose one-off events the next section takes out, as a
    reader names them; ``unused_grants``: the rows read as temporary because an anslag was
    not needed, in the genitive, whose surplus may recur while the anslag stays in the
    budget)."""
    if totals.empty:
        return []
    by_kind = dict(zip(totals["kind"], totals["deviation"], strict=True))
    rounding = bool(totals.get("rounding", pd.Series(dtype=bool)).any())
    lasting = [
        f"{lower_first(escape(unit))}s {'underskott' if value < 0 else 'överskott'}"
        for unit, value in rows.loc[
            rows["kind"] == "strukturell", ["unit", "deviation"]
        ].itertuples(index=False)
    ]
    read = []
    if "engangs" in by_kind:
        read.append(
            f"{escape(causes) or 'de orsaker bokslutet anger'} som {KIND_PLURAL['engangs']}"
        )
    if lasting:
        read.append(f"orsaken till {join_words(lasting)} som {KIND_PLURAL['strukturell']}")
    sentences = [f"Analysen bedömer {join_words(read)}."] if read else []
    if read:
        sentences.append(
            "Klassningen i tabellen är analysens läsning av bokslutets ord, inte bokslutets egen."
        )
    if unused_grants:
        sentences.append(
            f"Att {unused_grants} anslag inte behövdes räknas som tillfälligt, men ligger "
            "anslaget kvar i budgeten kan det ge överskott igen."
        )
    parts = []
    if "engangs" in by_kind:
        parts.append(f"{_kind_amount(by_kind['engangs'])} tillfälligt")
    if "strukturell" in by_kind:
        parts.append(f"{_kind_amount(by_kind['strukturell'])} bestående")
    if "flera" in by_kind:
        parts.append(f"netto {_kind_amount(by_kind['flera'])} med flera orsaker av olika slag")
    if "handelse" in by_kind:
        parts.append(f"{_kind_amount(by_kind['handelse'])} från en engångshändelse")
    unsaid = rows[rows["kind"].isin(["ej_angivet", "no_reason"])]
    if not unsaid.empty:
        parts.append(
            f"netto {amount(unsaid['deviation'].sum())} där bokslutet inte anger om orsaken "
            "är tillfällig eller bestående"
        )
    if parts:
        sentences.append(
            "Tabellen fördelar avdelningarnas och enheternas resultat efter den bedömningen: "
            f"{join_words(parts)}."
        )
    also = f", också för {interval_counts}" if interval_counts else ""
    sentences.append(
        "Nästa avsnitt visar resultatet utan de tillfälliga posterna och de engångshändelser "
        f"som bokslutet beskriver{also}."
    )
    if "unplaced" in by_kind:
        sentences.append(
            f"Raderna summerar till {_tkr(rows['deviation'].sum())}, bokslutets summa är "
            f"{_tkr(rows['deviation'].sum() + by_kind['unplaced'])}"
            + ("; skillnaden är avrundning." if rounding else ".")
        )
    return sentences
