"""Present stage: "Frågor till förvaltningen", the questions a board can put to its office,
in short plain Swedish (records of :func:`ksanalys.compute.questions.questions`). A question
points back to the section that states its figures ("se Balansräkning") instead of repeating
them, and gives no reason the report does not give: it says what the figures show and
asks."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

from ksanalys.compute import quotes as quote_rules
from ksanalys.compute.questions import Question
from ksanalys.present import swedish
from ksanalys.present.text import economy, next_year
from ksanalys.present.text.economy import amount
from ksanalys.present.text.markup import escape
from ksanalys.present.text.words import capitalize, join_words, lower_first
from ksanalys.values import decimals_needed, is_missing

__all__ = ["HEADING", "MAX_ITEMS", "question_items", "questions_rule", "section"]

HEADING = "Frågor till förvaltningen"
# The section is a short list: at most this many bullets.
MAX_ITEMS = 6
# A question that shares the bullet of another (the code it joins).
_JOINS = {"equity": "balance_movements", "investment_depreciation": "depreciation"}


# Where the chapter states the figures a question points back to (the sections' headings).
BALANCE_HEADING = "Balansräkning"
GOALS_HEADING = "Personal och mål"


def _see(heading: str) -> str:
    return f"(se {heading})"


def _line_name(line: str, claim_on: str | None) -> str:
    """A balance sheet line inside a sentence; a debt printed negative as the claim it is:
    "fordran på internbanken" (``claim_on`` from data), else "skuld till X (en fordran)"."""
    if claim_on is None:
        return lower_first(escape(line))
    if claim_on:
        return f"fordran på {escape(claim_on)}"
    return f"{lower_first(escape(line))} (en fordran)"


def _balance_movements(f: Mapping) -> str:
    names = join_words([_line_name(line, claim_on) for line, _, claim_on in f["lines"]])
    return (
        f"Bokslutet förklarar inte varför {names} ändrades så mycket "
        f"{_see(BALANCE_HEADING)}. Vad beror det på?"
    )


def _equity(f: Mapping) -> str:
    share = swedish.format_number(f["share_pct"], 0)
    return (
        f"Eget kapital ökade till {amount(f['equity'])}, {share} procent av kommunbidraget "
        f"till {lower_first(escape(f['unit']))}. Bokslutet säger inget om regler för att föra "
        "över överskott. Vilka regler gäller, och vad ska pengarna användas till?"
    )


def _recurring_surplus(f: Mapping) -> str:
    text = (
        f"{escape(f['unit'])} hade överskott två år i rad "
        f"{_see(economy.SECTION_HEADINGS['result'])}"
    )
    if not is_missing(f["forecast_under_grant"]) and f["forecast_under_grant"] > 0:
        text += (
            ", och redan prognosen i augusti visade ett överskott på "
            f"{amount(f['forecast_under_grant'])}"
        )
    return text + ". Är budgeten för stor, och hur säkra är prognoserna?"


def _savings(f: Mapping) -> str:
    return (
        f"Besparingen och kommunbidraget {_see(next_year.ahead_heading(f['year']))}: bokslutet "
        "anger inte hur mycket budgeten räknades upp för löner och priser, och "
        f"personalkostnaden jämförs i kronor med {f['year'] - 1}. Hur stor var uppräkningen, "
        "och hur mycket av besparingen syns i personalkostnaden?"
    )


def _depreciation(f: Mapping) -> str:
    side = "lägre" if f["deviation"] > 0 else "högre"  # a cost under budget helps the result
    about = f" om {escape(f['item'])}" if f["item"] else ""
    ahead = next_year.ahead_heading(f["next_year"] - 1)
    return (
        f"{escape(f['line'])} blev {side} än budget; bokslutets förklaring{about} står under "
        f"{ahead}. Är det en bestående förändring, och vad betyder den för budgeten "
        f"{f['next_year']}?"
    )


def _investment_depreciation(f: Mapping) -> str:
    return (
        "Bokslutet anger ingen avskrivningstid för investeringarna "
        f"{_see(economy.SECTION_HEADINGS['investments'])}: hur mycket höjer överskridandet "
        f"avskrivningarna från {f['next_year']}?"
    )


def _linked_lines(f: Mapping) -> str:
    """Review r9 B: the lines' changes stand in the bridge section; the question names the
    lines and points back (the mismatch is said once, there)."""
    line, other = lower_first(escape(f["line"])), lower_first(escape(f["other_line"]))
    a, b = f["change"], f["other_change"]
    how = "ändrades inte lika mycket" if (a > 0) == (b > 0) else "ändrades åt olika håll"
    return (
        f"{capitalize(line)} och {other} {_see(economy.SECTION_HEADINGS['bridge'])}: bokslutet "
        f"kallar kostnaderna {quote_rules.CORRESPONDING}, men de {how} jämfört med "
        f"{f['year'] - 1}. Vad förklarar skillnaden?"
    )


def _goal_target(f: Mapping) -> str:
    target = swedish.format_quantity(f["target"], f["unit"], decimals_needed([f["target"]]))
    return (
        f"{escape(f['area'])}, mål {f['number']}: målnivån är orimlig mot utfallet "
        f"{_see(GOALS_HEADING)}. Är målnivån {target} rätt återgiven?"
    )


_WORDS: dict[str, Callable[[Mapping], str]] = {
    "balance_movements": _balance_movements,
    "equity": _equity,
    "recurring_surplus": _recurring_surplus,
    "savings": _savings,
    "depreciation": _depreciation,
    "investment_depreciation": _investment_depreciation,
    "linked_lines": _linked_lines,
    "goal_target": _goal_target,
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
    target_factor: float,
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
        f"{swedish.format_percent(deviation_pct, 0)} och som bokslutet förklarar; investeringar "
        "som kostat mer än budgeterat när bokslutet inte anger någon avskrivningstid; och två "
        "poster som bokslutet kallar motsvarande men som ändrats olika mycket. En målnivå som "
        f"skiljer sig från utfallet med en faktor {swedish.format_number(target_factor, 0)} "
        "eller mer ger frågan om den är rätt återgiven. Ett belopp som "
        "granskningen finner felskrivet tas upp där, inte som en fråga. En fråga hänvisar "
        "till avsnittet där talen står i stället för att upprepa dem."
    )
