"""Present stage: two sections of Ekonomi. "Underliggande resultat <year>": the result
without temporary causes and one-off events as an interval with each step shown
(:func:`ksanalys.compute.one_off.result_without_one_offs`) and the result against the
August forecast. "Inför <next year>": what carries into the next year (the savings'
full-year effect and the savings against the outcome, the lasting part, delayed projects,
the platform, whose costs move from depreciation to bought services, and the
investments). Amounts are the printed ones; a passage is the report's, quoted; where the
analysis reads a cause as one-off or lasting, the text says it is the analysis' reading.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence

import pandas as pd

from ksanalys.compute.quotes import names_budget
from ksanalys.present import swedish
from ksanalys.present.text.economy import amount
from ksanalys.present.text.markup import escape
from ksanalys.present.text.reasons import mkr_value, quoted
from ksanalys.present.text.words import capitalize, join_words, lower_first
from ksanalys.values import is_missing, round_half_up

__all__ = [
    "ahead_heading",
    "board_forecast_sentence",
    "budget_change_sentences",
    "delayed_sentence",
    "forecast_sentence",
    "lasting_sentence",
    "method_paragraph",
    "outcome_sentences",
    "platform_sentence",
    "savings_sentences",
    "sections",
    "underlying_heading",
    "without_one_offs",
]


def underlying_heading(year: int) -> str:
    return f"Underliggande resultat {year}"


def ahead_heading(year: int) -> str:
    return f"Inför {year + 1}"


def sections(year: int, underlying: Sequence[str], ahead: Sequence[str]) -> str:
    """The year's underlying result and what carries into the next year, each part a
    Markdown block under its section's heading; a section without parts is left out."""
    out = []
    for title, parts in ((underlying_heading(year), underlying), (ahead_heading(year), ahead)):
        blocks = [part for part in parts if part.strip()]
        if blocks:
            out.append(f"## {title}\n\n" + "\n\n".join(blocks))
    return "\n\n".join(out)


def _signed_tkr(value: float) -> str:
    return f"{swedish.format_signed(value)}{swedish.NBSP}tkr"


def _span_tkr(low: float, high: float) -> str:
    if low == high:
        return _signed_tkr(low)
    return f"{swedish.format_signed(low)} till {_signed_tkr(high)}"


def _signed_mkr(tkr: float) -> str:
    return swedish.format_signed(tkr / 1000, 1)


def _span_mkr(low: float, high: float) -> str:
    return f"mellan {_signed_mkr(low)} och {_signed_mkr(high)}{swedish.NBSP}mkr"


_SHARE_WORDS = {
    "amount": "",
    "row": "hela raden",
    "part": "en orsak bland flera; bokslutet anger inget belopp",
}


def _event_item(row: Mapping) -> str:
    label = escape(row["unit"]) + (f", {escape(row['item'])}" if row["item"] else "")
    words = quoted(row["words"])
    extra = _SHARE_WORDS.get(str(row["share"]), "")
    extra = f" ({extra})" if extra else ""
    return f"- {label}: {words}{extra}: {_span_tkr(row['low'], row['high'])}"


def without_one_offs(year: int, steps: pd.DataFrame, vacancies: bool = False) -> str:
    """The interval, what it bounds (the underlying result lies between its low end, as a
    figure, never "ungefär noll", which a committee would quote, and the printed result),
    the method in one sentence, the caveat on ``vacancies`` read as temporary, each step as
    a list item and the events without an amount (``steps`` from
    :func:`ksanalys.compute.one_off.result_without_one_offs`); "" when empty."""
    if steps.empty:
        return ""
    printed = steps[steps["step"] == "printed"].iloc[0]
    temporary = steps[steps["step"] == "temporary"].iloc[0]
    result = steps[steps["step"] == "result"].iloc[0]
    events = steps[steps["step"] == "event"]
    counted = events.dropna(subset=["low", "high"])
    unpriced = events[events["low"].isna()]
    lead = (
        "Räknar man bort de överskott som analysen bedömer som tillfälliga och de "
        f"engångshändelser som bokslutet beskriver, blir resultatet {year} "
        f"{_span_mkr(result['low'], result['high'])} i stället för redovisade "
        f"{swedish.format_mkr(printed['low'])}."
    )
    if not counted.empty:
        lead += (
            " Att händelserna nedan är engångshändelser är analysens läsning; bokslutet "
            "kallar dem inte tillfälliga. Där belopp saknas räknas från noll till hela "
            "avdelningens resultat."
        )
    floor = f"{_signed_mkr(result['low'])}{swedish.NBSP}mkr"
    # Review r9 A1: with none of the temporary surpluses temporary, the one-off events
    # still come out (a one-off cost back in), so the ceiling is not the printed result.
    ceiling = printed["low"] + math.fsum(counted["high"])
    top = (
        "det redovisade"
        if round_half_up((ceiling - printed["low"]) / 1000, 1).is_zero()
        else f"{_signed_mkr(ceiling)}{swedish.NBSP}mkr (det redovisade utan engångshändelserna)"
    )
    lead += (
        " Intervallet är en gräns, inte det underliggande resultatet. Bokslutet anger inte "
        "hur mycket av varje överskott som består. Det underliggande resultatet kan därför "
        f"ligga var som helst från {floor} upp till {top}."
    )
    if vacancies:
        lead += (
            " Vakanser räknar analysen som tillfälliga, men vakanser som inte tillsätts kan "
            "också vara en besparing som kommit tidigt och då bestå."
        )
    items = [
        f"- Redovisat resultat {year}: {_signed_tkr(printed['low'])}",
        f"- Överskott med orsaker som analysen bedömer som tillfälliga: "
        f"{_signed_tkr(temporary['low'])}",
        *[_event_item(row) for _, row in counted.iterrows()],
        f"- Resultat utan tillfälliga orsaker och engångshändelser: "
        f"{_span_tkr(result['low'], result['high'])}",
    ]
    text = lead + "\n\n" + "\n".join(items)
    if not unpriced.empty:
        names = join_words(
            [f"{escape(r['item'])} ({quoted(r['words'])})" for _, r in unpriced.iterrows()]
        )
        text += (
            f"\n\nFör {names} anger bokslutet inget belopp; den ingår inte, och utan den "
            "hade resultatet varit något högre."
        )
    return text


def lasting_sentence(year: int, unit: str, deviation: float, words: str) -> str:
    """The lasting part of the result: a deficit (or surplus) the report explains with a
    rule that holds the next year too; "" without one."""
    if is_missing(deviation) or not unit:
        return ""
    kind = "underskott" if deviation < 0 else "överskott"
    said = f" (bokslutet: {quoted(words)})" if words else ""
    return (
        f"Det som består är {lower_first(escape(unit))}s {kind} på {amount(deviation)}{said}. "
        f"Regeln gäller även {year + 1}, så {kind}et återkommer om budgeten inte ändras."
    )


def savings_sentences(year: int, savings: Mapping[str, float], saving_quote: str) -> list[str]:
    """The savings' full-year effect the next year (``savings`` from
    :func:`ksanalys.compute.one_off.savings_ahead`, mkr) after the report's passage on
    them."""
    sentences = []
    if saving_quote:
        sentences.append(f"Om besparingarna skriver bokslutet: {quoted(saving_quote)}")
    saving, full_year = savings.get("saving"), savings.get("full_year")
    if not is_missing(saving) and not is_missing(full_year):
        added = float(full_year) - float(saving)
        more = "mer" if added > 0 else "mindre"
        # The passage just quoted states both amounts; the sentence says what they mean
        # without stating them a second time (review r8 D: each figure in detail once).
        text = (
            f"Besparingarna väntas alltså ge {swedish.format_mkr(abs(added) * 1000)} {more} "
            f"{year + 1} än {year}."
        )
        if not saving_quote:
            text = (
                f"Besparingarna väntas ge {swedish.format_mkr(float(full_year) * 1000)} "
                f"{year + 1}, alltså {swedish.format_mkr(abs(added) * 1000)} {more} än "
                f"{year} ({swedish.format_mkr(float(saving) * 1000)})."
            )
        if not names_budget(saving_quote):
            text += f" Bokslutet säger inte om helårseffekten ingår i budgeten för {year + 1}."
        sentences.append(text)
    return sentences


def budget_change_sentences(saving_mkr: float, grant_change_tkr: float, other_tkr: float) -> str:
    """The saving against the grant's change (review r9 F3): what else changed the budget
    if the saving was taken out of the grant (``other_tkr`` from
    :func:`ksanalys.compute.costs.budget_changes`), with that condition and the figures it
    is computed from; "" without them or where the grant did not fall by less than the
    saving."""
    if is_missing(other_tkr) or other_tkr <= 0 or grant_change_tkr >= 0:
        return ""
    saving = swedish.format_number(saving_mkr, 1)
    fell = swedish.format_number(-grant_change_tkr / 1000, 1)
    nb = swedish.NBSP
    return (
        f"Om besparingen drogs av från kommunbidraget, som minskade med {fell}{swedish.NBSP}mkr, "
        "var uppräkningen för löner och priser och andra budgetändringar tillsammans omkring "
        f"{swedish.format_mkr(other_tkr)} (beräknat: {saving}{nb}−{nb}{fell}{nb}mkr; "
        "analysens läsning)."
    )


def delayed_sentence(year: int, delayed: Sequence[str]) -> str:
    """The units (``delayed``: named as inside a sentence) whose surplus the report puts
    partly down to delayed projects, whose costs may come the next year; "" for none."""
    if not delayed:
        return ""
    plural = "överskotten" if len(delayed) > 1 else "överskottet"
    return (
        f"Enligt bokslutet beror {plural} för {join_words([escape(d) for d in delayed])} "
        f"delvis på försenade projekt; kostnaderna kan därför komma {year + 1}. Bokslutet "
        "anger inget belopp."
    )


def platform_sentence(
    year: int,
    investment: float,
    investment_subject: str,
    depreciation_under_budget: float,
    depreciation_quote: str,
) -> str:
    """The investment result (mkr, negative = over budget) and what it does to the next
    year's depreciation, and the costs that moved from depreciation to bought services
    (depreciation under budget, tkr, with the report's words on it); "" without an
    overrun."""
    if is_missing(investment) or investment >= 0:
        return ""
    text = (
        f"{capitalize(escape(investment_subject))} kostade {mkr_value(investment)} mer än "
        "budgeterat, och en dyrare investering ger högre avskrivningar de år den skrivs av."
    )
    if depreciation_quote and not is_missing(depreciation_under_budget):
        text += (
            f" Samtidigt blev avskrivningarna {amount(depreciation_under_budget)} lägre än "
            f"budget {year}; bokslutet: {quoted(depreciation_quote)} Analysens läsning: så länge "
            f"tjänsterna köps ligger kostnaden {year + 1} också på köp av tjänst och inte på "
            "avskrivningar."
        )
    return text + (
        f" Bokslutet har ingen investeringstabell och anger inte hur mycket avskrivningarna "
        f"ändras {year + 1}."
    )


def outcome_sentences(
    year: int,
    net_cost_change: float,
    personnel_change: float,
    personnel_printed: str,
    added_saving: float = math.nan,
) -> list[str]:
    """The savings against the year's outcome: how the net cost moved (tkr), the
    resultaträkning's Personal line (tkr, positive = the cost fell) and the report's own
    words on wages; where those words give the same amount as the savings' ``added_saving``
    the next year (mkr), a clause says they are two different amounts."""
    if is_missing(net_cost_change):
        return []
    verb = "steg" if net_cost_change > 0 else "sjönk"
    sentences = [f"Trots besparingen {verb} nettokostnaden {year} med {amount(net_cost_change)}."]
    if not is_missing(personnel_change):
        fell = "minskade" if personnel_change > 0 else "ökade"
        text = f"Kostnaden för personal i resultaträkningen {fell} med {amount(personnel_change)}"
        if personnel_printed:
            text += f"; för lönekostnaderna anger bokslutets text {quoted(personnel_printed)}"
            same = "" if is_missing(added_saving) else swedish.format_mkr(abs(added_saving) * 1000)
            if same and same.replace(swedish.NBSP, " ") in " ".join(personnel_printed.split()):
                text += f". Att båda beloppen är {same} är en tillfällighet"
        sentences.append(text + ".")
    return sentences


def forecast_sentence(unit: str, forecast: float, net_cost: float) -> str:
    """A unit's net cost against its August forecast (tkr as printed); "" without both."""
    if is_missing(forecast) or is_missing(net_cost) or not unit:
        return ""
    gap = forecast - net_cost
    word = "bättre" if gap > 0 else "sämre"
    return (
        f"{escape(unit)} slutade {amount(gap)} {word} än prognosen i augusti: nettokostnaden "
        f"blev {swedish.format_tkr(net_cost, unit=True)} mot prognosens "
        f"{swedish.format_tkr(forecast, unit=True)}."
    )


def board_forecast_sentence(forecast: float, net_cost: float, in_text: str = "") -> str:
    """The board as a whole against its August forecast (tkr as printed; the difference is
    computed) and what the report's text says instead (``in_text``, as the granskning found
    it; "" where the text agrees): "Nämnden som helhet slutade 2,8 mkr bättre än
    augustiprognosen (284 697 tkr mot 287 493 tkr); bokslutets text anger 4,5 mkr." """
    if is_missing(forecast) or is_missing(net_cost):
        return ""
    gap = forecast - net_cost
    word = "bättre" if gap > 0 else "sämre"
    text = (
        f"Nämnden som helhet slutade {amount(gap)} {word} än augustiprognosen "
        f"({swedish.format_tkr(net_cost, unit=True)} mot "
        f"{swedish.format_tkr(forecast, unit=True)})"
    )
    return text + (f"; bokslutets text anger {escape(in_text)}." if in_text else ".")


def method_paragraph() -> str:
    """For Om analysen: how a cause is read as temporary, lasting or a one-off event."""
    return (
        "Tillfällig eller bestående orsak anges bara där bokslutets eget stycke ger orsaken "
        "med ord som gör den tillfällig (vakanser, förseningar, ett anslag som inte behövts) "
        "eller bestående (en regel för uppräkning); ett stycke som ger orsaker av olika slag "
        "(föräldraledighet bredvid konsulter) klassas som flera orsaker. Händelser som "
        "bokslutet beskriver utan "
        "att kalla dem tillfälliga (en licensrevision, en utrangering, en reglering av "
        "semesterlöneskulden, föräldraledighet) räknas som engångshändelser; det är analysens "
        "läsning, och där bokslutet inget belopp anger redovisas resultatet utan dem som ett "
        "intervall."
    )
