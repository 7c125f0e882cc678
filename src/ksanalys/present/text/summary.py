"""Present stage: the sentences of the summary page, "Året på en sida" (chapter 01).

The summary says each thing once, in fewer words than the chapter that details it, and never
in the same words: its sentences are its own (a test checks that no sentence of a report is
said twice). Amounts are as the report prints them; labels come from data and are escaped
here, since the sentences are shown as Markdown.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

from ksanalys.present import swedish
from ksanalys.present.text.economy import amount, percent
from ksanalys.present.text.goal_counts import status_counts
from ksanalys.present.text.goals import STATUS_LABELS, STATUS_PLURALS
from ksanalys.present.text.markup import escape
from ksanalys.present.text.reasons import mkr_value, quoted
from ksanalys.present.text.words import capitalize, join_words, lower_first
from ksanalys.values import round_half_up

__all__ = [
    "Driver",
    "area_sentence",
    "bridge_sentences",
    "caveat_clause",
    "goals_sentence",
    "investment_sentence",
    "result_sentence",
    "unit_sentence",
    "unlined_sentence",
]


def _kind(result: float) -> str:
    return "överskott" if result >= 0 else "underskott"


def result_sentence(
    year: int, result: float, grant: float | None, previous: tuple[int, float] | None
) -> str:
    """ "Resultatet 2013 är ett överskott mot budget på 9,3 mkr, 3,2 procent av
    kommunbidraget på 294,0 mkr; 2012 var det ett överskott på 14,4 mkr." """
    text = f"Resultatet {year} är ett {_kind(result)} mot budget på {amount(result)}"
    if grant:
        text += f", {percent(100 * result / grant)} av kommunbidraget på {amount(grant)}"
    if previous is not None:
        before, value = previous
        text += f"; {before} var det ett {_kind(value)} på {amount(value)}"
    return text + "."


def unit_sentence(units: Sequence[tuple[str, float, float | None]], unit_word: str) -> str:
    """The deviation per unit, largest surplus first: (label, printed deviation in tkr,
    grant in tkr or None) → "Per enhet: kontoret +10,1 mkr (4,4 procent av kommunbidraget)
    och nämndens kansli −0,9 mkr (−1,3 procent)." (``unit_word``: "enhet")."""
    parts = []
    for number, (label, deviation, grant) in enumerate(sorted(units, key=lambda u: -u[1])):
        text = f"{lower_first(escape(label))} {_signed(deviation)}"
        if grant:
            share = swedish.format_number(100 * deviation / grant, 1)
            text += f" ({share}{swedish.NBSP}procent" + (
                " av kommunbidraget)" if number == 0 else ")"
            )
        parts.append(text)
    return f"Per {unit_word}: {join_words(parts)}." if parts else ""


def _signed(tkr: float) -> str:
    sign = swedish.MINUS if tkr < 0 else "+"
    return sign + amount(tkr)


class Driver(NamedTuple):
    """A step of the result in brief: ``label`` (a line as a reader sees it, from data; ""
    for the amounts on no line), ``effect`` on the result (tkr), ``cost`` (True for a cost
    line, which the report prints negative) and ``said``: the report's own words linking
    the line to another (:func:`ksanalys.compute.quotes.linking_clause`; "" for none);
    ``caveat``: where that link does not hold against the previous year, the other line's
    change (:func:`caveat_clause`; "" for none)."""

    label: str
    effect: float
    cost: bool = False
    said: str = ""
    caveat: str = ""


def caveat_clause(previous_year: int, label: str, change: float) -> str:
    """The other line of a "motsvarande" link that does not hold against ``previous_year``:
    its change in size (tkr, positive = grew): "bokslutet säger att bidraget motsvaras av
    lika stora kostnader, men bidrag och transfereringar ökade bara med 1,6 mkr jämfört med
    2012" (``label`` from data, escaped here). It stands instead of the report's clause,
    which the Ekonomi chapter quotes."""
    word = "ökade" if change > 0 else "minskade"
    return (
        "bokslutet säger att bidraget motsvaras av lika stora kostnader, men "
        f"{lower_first(escape(label))} {word} bara med {amount(abs(change))} jämfört med "
        f"{previous_year}"
    )


def bridge_sentences(
    change: float,
    previous_year: int,
    down: Sequence[Driver],
    up: Sequence[Driver],
) -> list[str]:
    """The change against the previous year, then the steps that pulled the result down and
    up most (largest first): "Resultatet drogs ned mest av högre kostnader för material och
    tjänster (−4,9 mkr) och lokaler och anläggningar (−3,9 mkr) samt lägre kommunbidrag
    (−3,5 mkr)." """
    if round_half_up(change, 0).is_zero():
        first = f"Resultatet är detsamma som {previous_year}."
    else:
        word = "högre" if change > 0 else "lägre"
        first = f"Mot {previous_year} är resultatet {amount(change)} {word}."
    sentences = [first]
    if down:
        sentences.append(f"Resultatet drogs ned mest av {_drivers(down)}.")
    if up:
        sentences.append(f"Mest förbättrades resultatet av {_drivers(up)}.")
    return sentences


def unlined_sentence(effect: float, likely: Sequence[tuple[float, str]] = ()) -> str:
    """What the bridge cannot explain: the change on no line of the resultaträkning, why,
    and where the granskning places it (``likely``: this year's gap in tkr and the label,
    from data, of the line it most likely belongs to): "Av förändringen går 2,6 mkr inte
    att knyta till någon post, eftersom bokslutets summor inte stämmer med posterna;
    revisionsbilagan visar att 2,4 mkr av dem troligen hör till raden Övriga kostnader." """
    text = (
        f"Av förändringen går {amount(abs(effect))} inte att knyta till någon post, eftersom "
        "bokslutets summor inte stämmer med posterna"
    )
    placed = [
        f"{amount(abs(gap))} av dem troligen hör till raden {escape(label)}"
        for gap, label in likely
        if not round_half_up(gap, 0).is_zero()
    ]
    if placed:
        return f"{text}; revisionsbilagan visar att {join_words(placed)}."
    return f"{text}."


def _drivers(steps: Sequence[Driver]) -> str:
    """The steps grouped by what moved ("högre kostnader för", "lägre", …) in the order
    each group first appears: "högre kostnader för A (−4,9 mkr) och B (−3,9 mkr) samt
    lägre C (−3,5 mkr)"."""
    groups: dict[str, list[str]] = {}
    for step in steps:
        more = (step.effect < 0) == step.cost
        words = f"{'högre' if more else 'lägre'}{' kostnader för' if step.cost else ''}"
        if not step.label:
            words, shown = "", "det som inte står på någon rad"
        else:
            shown = lower_first(escape(step.label))
        # Where the report's link does not hold, the caveat says it in fewer words.
        said = f"; bokslutet: {quoted(step.said)}" if step.said and not step.caveat else ""
        said += f"; {step.caveat}" if step.caveat else ""
        groups.setdefault(words, []).append(f"{shown} ({_signed(step.effect)}{said})")
    parts = [f"{words} {join_words(items)}".strip() for words, items in groups.items()]
    if all(len(items) == 1 for items in groups.values()):
        return join_words(parts)
    return " samt ".join([", ".join(parts[:-1]), parts[-1]] if len(parts) > 2 else parts)


def goals_sentence(
    statuses: dict[str, int],
    differ: int,
    follow_ups: int,
    disagree: int,
    *,
    between: tuple[str, str] | None = None,
    directions: str = "",
) -> str:
    """The goals in one sentence: distinct goals by computed status (``statuses``: status
    code → count; ``differ``: goals whose two follow-ups have different statuses, measured
    ``between`` two scopes, escaped), and in how many of the ``follow_ups`` the report's own
    assessment differs, and which way (``directions``:
    :func:`ksanalys.present.text.goal_counts.direction_clause`, escaped)."""
    total = sum(statuses.values()) + differ
    if not total:
        return ""
    counted = status_counts(statuses, differ, between)
    text = f"Av de {total} KF-målen är enligt beräkningen {counted}"
    if disagree:
        text += (
            f". Bokslutets egen bedömning avviker från beräkningen i {disagree} av "
            f"{follow_ups} uppföljningar"
        )
        text += f": bokslutet är {directions}" if directions else ""
    return text + "."


def investment_sentence(year: int, result: float, subject: str) -> str:
    """The investment result (mkr) against its budget, apart from the operating result:
    "De nämndbeslutade investeringarna 2013 kostade 8 mkr mer än budgeterat; det påverkar
    inte driftresultatet ovan." (``subject`` from data, escaped here; "" for none)."""
    if not result:
        return ""
    how = "mer" if result < 0 else "mindre"
    return (
        f"{capitalize(escape(subject))} {year} kostade {mkr_value(abs(result))} {how} än "
        "budgeterat; det påverkar inte driftresultatet ovan."
    )


def _for(differing: tuple[int, str, str] | None) -> str:
    return f" för {differing[1]}" if differing is not None and differing[0] else ""


def _also(differing: tuple[int, str, str] | None) -> str:
    """Page one's short form of the clause (the sentence before names both scopes)."""
    if differing is None or not differing[0]:
        return ""
    return (
        " (också det som bedöms olika)"
        if differing[0] == 1
        else (f" (också de {differing[0]} som bedöms olika)")
    )


def area_sentence(
    area: str,
    goals: int,
    statuses: dict[str, int],
    assessment: str,
    differing: tuple[int, str, str] | None = None,
) -> str:
    """An area whose goals all lie on one side of the bokslut's word for it (a record of
    :func:`ksanalys.compute.goals.areas.area_contrasts`), after the count "enligt
    beräkningen": "Inom X är alla 4 mål ej uppfyllda för kommunen (också de 2 som bedöms
    olika), men bokslutet bedömer området som Ok." (``area`` and
    ``assessment`` escaped here). ``differing``: how many of them the count per KF-mål
    calls judged differently and the two scopes (escaped), so the counts read together."""
    if len(statuses) == 1:
        status = next(iter(statuses))
        counted = (
            f"alla {goals} mål {STATUS_PLURALS[status]}"
            if goals > 1
            else (f"det enda målet {STATUS_LABELS[status]}")
        )
    else:
        counted = f"av {goals} mål {status_counts(statuses, 0)}"
    return (
        f"Inom {escape(area)} är {counted}{_for(differing)}{_also(differing)}, "
        "men bokslutet bedömer "
        f"området som {escape(assessment)}."
    )
