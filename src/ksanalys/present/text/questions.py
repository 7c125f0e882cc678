"""Present stage: "Frågor till förvaltningen", the questions a board can put to its office,
in short plain Swedish with the figures they rest on (records of
:func:`ksanalys.compute.questions.questions`). A question gives no reason the report does not
give: it says what the figures show and asks."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

from ksanalys.compute import quotes as quote_rules
from ksanalys.compute.questions import Question
from ksanalys.present import swedish
from ksanalys.present.text.economy import amount
from ksanalys.present.text.markup import escape
from ksanalys.present.text.reasons import quoted
from ksanalys.present.text.words import capitalize, join_words, lower_first
from ksanalys.values import is_missing

__all__ = ["HEADING", "MAX_ITEMS", "question_items", "questions_rule", "section"]

HEADING = "Frågor till förvaltningen"
# The section is a short list: at most this many bullets.
MAX_ITEMS = 6
# A question that shares the bullet of another (the code it joins).
_JOINS = {"equity": "balance_movements"}


def _moved(lines: Sequence[tuple[str, float, bool]]) -> list[str]:
    """Each line with its movement; the verb said once for a run of lines moving the same
    way ("kortfristiga skulder minskade med 36,5 mkr, omsättningstillgångar med 17,7 mkr")."""
    parts, previous = [], ""
    for line, change, claim in lines:
        grew = change > 0
        if claim:  # a debt printed negative is a claim: a larger debt figure, a smaller claim
            grew = not grew
        verb = "ökade" if grew else "minskade"
        name = lower_first(escape(line)) + (" (en fordran)" if claim else "")
        said = "" if verb == previous else f" {verb}"
        parts.append(f"{name}{said} med {amount(change)}")
        previous = verb
    return parts


def _balance_movements(f: Mapping) -> str:
    moved = _moved(f["lines"])
    return f"{capitalize(join_words(moved))}; bokslutet förklarar inte varför. Vad beror det på?"


def _equity(f: Mapping) -> str:
    share = swedish.format_number(f["share_pct"], 0)
    return (
        f"Eget kapital ökade till {amount(f['equity'])}, {share} procent av kommunbidraget "
        f"till {lower_first(escape(f['unit']))}. Bokslutet säger inget om regler för att föra "
        "över överskott. Vilka regler gäller, och vad ska pengarna användas till?"
    )


def _recurring_surplus(f: Mapping) -> str:
    year = f["year"]
    text = (
        f"{escape(f['unit'])} hade överskott två år i rad: {amount(f['result_prev'])} "
        f"{year - 1} och {amount(f['result'])} {year}."
    )
    if not is_missing(f["forecast_under_grant"]) and f["forecast_under_grant"] > 0:
        text += (
            f" Redan prognosen i augusti visade ett överskott på "
            f"{amount(f['forecast_under_grant'])}."
        )
    return text + " Är budgeten för stor, och hur säkra är prognoserna?"


def _savings(f: Mapping) -> str:
    text = f"Besparingen skulle ge {swedish.format_quantity(f['saving_mkr'], 'mkr', 1)}"
    if not is_missing(f["fewer_staff"]) and f["staff_unit"]:
        text += (
            f", och {lower_first(escape(f['staff_unit']))} hade "
            f"{swedish.format_number(f['fewer_staff'], 1)} färre årsarbetare vid årets slut"
        )
    text += f", men personalkostnaden minskade bara med {amount(f['personnel_fell'])}"
    if f["personnel_words"]:
        text += f" (bokslutets text: {quoted(f['personnel_words'])})"
    return text + ". Var syns resten av besparingen?"


def _depreciation(f: Mapping) -> str:
    side = "lägre" if f["deviation"] > 0 else "högre"  # a cost under budget helps the result
    about = f"Om {escape(f['item'])} skriver" if f["item"] else "Bokslutet skriver"
    subject = "bokslutet" if f["item"] else ""
    return (
        f"{escape(f['line'])} blev {amount(f['deviation'])} {side} än budget. "
        f"{about}{' ' + subject if subject else ''}: {quoted(f['words'])} Är det en bestående "
        f"förändring, och vad betyder den för budgeten {f['next_year']}?"
    )


def _linked_lines(f: Mapping) -> str:
    def moved(line: str, change: float) -> str:
        verb = "ökade" if change > 0 else "minskade"
        return f"{lower_first(escape(line))} {verb} med {amount(change)}"

    clause = quote_rules.linking_clause(f["words"]) or f["words"]
    gap = abs(abs(f["change"]) - abs(f["other_change"]))
    return (
        f"Bokslutet kopplar {lower_first(escape(f['line']))} till "
        f"{lower_first(escape(f['other_line']))}: {quoted(clause)} Men "
        f"{moved(f['line'], f['change'])} och {moved(f['other_line'], f['other_change'])} "
        f"jämfört med {f['year'] - 1}. Vad förklarar skillnaden på {amount(gap)}?"
    )


def _forecast(f: Mapping) -> str:
    gap = f["computed"]
    word = "bättre" if gap > 0 else "sämre"
    printed = swedish.format_quantity(f["printed"], f["printed_unit"], f["printed_decimals"])
    return (
        f"Enligt tabellerna slutade nämnden {amount(gap)} {word} än prognosen i augusti, "
        f"men bokslutets text anger {printed}. Vilket tal stämmer?"
    )


_WORDS: dict[str, Callable[[Mapping], str]] = {
    "balance_movements": _balance_movements,
    "equity": _equity,
    "recurring_surplus": _recurring_surplus,
    "savings": _savings,
    "depreciation": _depreciation,
    "linked_lines": _linked_lines,
    "forecast": _forecast,
}


def question_items(questions: Sequence[Question]) -> list[str]:
    """One bullet per question, in the given order (a code of ``_JOINS`` shares the bullet
    of the code it joins when that one is asked), at most :data:`MAX_ITEMS`."""
    bullets: list[list[str]] = []
    where: dict[str, int] = {}
    for question in questions:
        text = _WORDS[question.code](question.figures)
        joined = _JOINS.get(question.code)
        if joined in where:
            bullets[where[joined]].append(text)
            continue
        where.setdefault(question.code, len(bullets))
        bullets.append([text])
    return [f"- {' '.join(parts)}" for parts in bullets[:MAX_ITEMS]]


def section(questions: Sequence[Question]) -> str:
    """The section under its heading, or "" without a question (no heading stands empty)."""
    items = question_items(questions)
    if not items:
        return ""
    lead = "Bokslutets tal väcker frågor som bokslutet inte själv besvarar:"
    return f"## {HEADING}\n\n{lead}\n\n" + "\n".join(items)


def questions_rule(
    large_share: float,
    equity_share: float,
    surplus_share: float,
    deviation_tkr: float,
    deviation_pct: float,
) -> str:
    """When the Ekonomi chapter asks a question, for the method annex (the shares are
    fractions: 0.05 is 5 procent; the rules are :mod:`ksanalys.compute.questions`)."""

    def pct(share: float) -> str:
        return swedish.format_percent(100 * share, 0)

    return (
        "Frågorna till förvaltningen ställs bara där talen ger skäl: en post i balansräkningen "
        f"som ändrats med minst {pct(large_share)} av balansomslutningen och som bokslutet inte "
        f"förklarar; ett eget kapital som växer och är minst {pct(equity_share)} av "
        f"kommunbidraget; ett överskott på minst {pct(surplus_share)} av kommunbidraget två år "
        "i rad; en personalkostnad som minskat mindre än den planerade besparingen; "
        f"avskrivningar som avviker från budget med minst {amount(deviation_tkr)} och "
        f"{swedish.format_percent(deviation_pct, 0)} och som bokslutet förklarar; två poster "
        "som bokslutet kallar motsvarande men som ändrats olika mycket; och ett belopp i "
        "bokslutets text om prognosen som inte stämmer med tabellerna."
    )
