"""Present stage: the sentences of the summary page, "Året på en sida" (chapter 01).

The summary says each thing once, in fewer words than the chapter that details it, and never
in the same words: its sentences are its own (a test checks that no sentence of a report is
said twice). Amounts are as the report prints them; labels come from data and are escaped
here, since the sentences are shown as Markdown.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from typing import NamedTuple

from ksanalys.present import swedish
from ksanalys.present.text.economy import amount, percent
from ksanalys.present.text.goal_counts import Differing, other_follow_ups, status_counts
from ksanalys.present.text.goals import STATUS_LABELS, STATUS_PLURALS
from ksanalys.present.text.markup import escape
from ksanalys.present.text.reasons import QUOTE, mkr_value, quoted
from ksanalys.present.text.words import capitalize, join_words, lower_first
from ksanalys.values import is_missing

__all__ = [
    "Driver",
    "ahead_sentences",
    "area_sentence",
    "drivers_sentence",
    "goals_sentence",
    "message_sentences",
    "result_sentence",
]


def _kind(result: float) -> str:
    return "överskott" if result >= 0 else "underskott"


def result_sentence(
    year: int, result: float, grant: float | None, previous: tuple[int, float] | None
) -> str:
    """ "Resultatet 2013 är ett överskott mot budget på 9,3 mkr, 3,2 procent av
    kommunbidraget på 294,0 mkr; 2012 var det ett överskott på 14,4 mkr." (the page's
    first sentence where the data hold no reading of what lasts)"""
    text = f"Resultatet {year} är ett {_kind(result)} mot budget på {amount(result)}"
    if grant:
        text += f", {percent(100 * result / grant)} av kommunbidraget på {amount(grant)}"
    if previous is not None:
        before, value = previous
        text += f"; {before} var det ett {_kind(value)} på {amount(value)}"
    return text + "."


def _signed_mkr(tkr: float) -> str:
    return swedish.format_signed(tkr / 1000, 1)


def message_sentences(
    board: str, printed: float, reason: str, low: float, high: float, partly: str = ""
) -> list[str]:
    """The cautious message first (review r8 B3): what the ``board`` (its name, from data)
    reports (``printed``, tkr), that the bokslut does not say how much of it lasts, with
    its own ``reason`` (a passage, quoted whole), the result without every surplus with a
    temporary cause (``low``…``high``, tkr) and, where the report says its causes explain
    the result only ``partly`` (its words), that the result without them likely lies
    higher::

        Nämnden redovisar ett överskott på 9,3 mkr. Bokslutet anger inte hur stor
        del av det som består, bara: ”Överskottet beror till största delen på …” Om alla
        överskott med tillfälliga orsaker räknas bort blir resultatet mellan −1,1 och
        +0,3 mkr; bokslutets ”till största delen” talar för att det ligger högre.

    The interval is a bound, never "ungefär noll": a committee would quote that."""
    if is_missing(printed) or is_missing(low) or is_missing(high):
        return []
    kind = _kind(printed)
    said = f", bara: {quoted(reason)}" if reason else "."
    higher = (
        f"; bokslutets {QUOTE}{escape(partly)}{QUOTE} talar för att det ligger högre"
        if partly
        else ""
    )
    return [
        f"{capitalize(escape(board))} redovisar ett {kind} på {amount(printed)}.",
        f"Bokslutet anger inte hur stor del av det som består{said}",
        "Om alla överskott med tillfälliga orsaker räknas bort blir resultatet mellan "
        f"{_signed_mkr(low)} och {_signed_mkr(high)}{swedish.NBSP}mkr{higher}.",
    ]


def ahead_sentences(
    year: int, savings: Mapping[str, float], genitive: str = "", lasting: float = math.nan
) -> list[str]:
    """The next year in two sentences: the savings' full-year effect against this year's
    saving (``savings``: mkr, :func:`ksanalys.compute.one_off.savings_ahead`) and the lasting
    deficit of a unit (its ``genitive`` from data, escaped here; ``lasting`` in tkr):
    "Besparingarna väntas ge 18,3 mkr 2014, alltså 5,5 mkr mer än 2013 (12,8 mkr)." """
    sentences = []
    saving, full_year = savings.get("saving", math.nan), savings.get("full_year", math.nan)
    if not is_missing(saving) and not is_missing(full_year):
        added = float(full_year) - float(saving)
        more = "mer" if added >= 0 else "mindre"
        sentences.append(
            f"Besparingarna väntas ge {mkr_value(full_year)} {year + 1}, alltså "
            f"{mkr_value(round(added, 6))} {more} än {year} ({mkr_value(saving)})."
        )
    if genitive and not is_missing(lasting) and lasting < 0:
        sentences.append(
            f"{capitalize(escape(genitive))} underskott på {amount(lasting)} har en bestående "
            f"orsak och återkommer {year + 1} om budgeten inte ändras."
        )
    return sentences


def _signed(tkr: float) -> str:
    sign = swedish.MINUS if tkr < 0 else "+"
    return sign + amount(tkr)


class Driver(NamedTuple):
    """A step of the result in brief: ``label`` (a line as a reader sees it, from data; ""
    for the amounts on no line), ``effect`` on the result (tkr) and ``cost`` (True for a
    cost line, which the report prints negative)."""

    label: str
    effect: float
    cost: bool = False


def drivers_sentence(previous_year: int, down: Sequence[Driver], up: Sequence[Driver]) -> str:
    """What moved the result most against ``previous_year`` (largest first), in one
    sentence, and that the chapter Ekonomi shows the rest: "Jämfört med
    2012 försämrades resultatet mest av högre kostnader för material och tjänster
    (−4,9 mkr) och lägre kommunbidrag (−3,5 mkr) och förbättrades mest av lägre kostnader
    för personal (+6,2 mkr); kapitlet Ekonomi visar varje rad." """
    parts = []
    if down:
        parts.append(f"försämrades resultatet mest av {_drivers(down)}")
    if up:
        subject = "" if down else "resultatet "
        parts.append(f"förbättrades {subject}mest av {_drivers(up)}")
    if not parts:
        return ""
    return f"Jämfört med {previous_year} {', och '.join(parts)}; kapitlet Ekonomi visar varje rad."


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
        groups.setdefault(words, []).append(f"{shown} ({_signed(step.effect)})")
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
    pairs: Sequence[tuple[str, str]] = (),
    directions: str = "",
) -> str:
    """The goals in one sentence: distinct goals by computed status (``statuses``: status
    code → count; ``differ``: goals whose two follow-ups have different statuses, measured
    ``between`` two scopes, escaped, ``pairs`` their two statuses), and in how many of the
    ``follow_ups`` the report's own assessment differs, and which way (``directions``:
    :func:`ksanalys.present.text.goal_counts.direction_clause`, escaped)."""
    total = sum(statuses.values()) + differ
    if not total:
        return ""
    counted = status_counts(statuses, differ, between, pairs)
    text = f"Av de {total} KF-målen är enligt analysens bedömning {counted}"
    if disagree:
        text += (
            f". Bokslutets egen bedömning avviker från analysens i {disagree} av "
            f"{follow_ups} uppföljningar"
        )
        text += f": bokslutet är {directions}" if directions else ""
    return text + "."


def _for(differing: Differing | None) -> str:
    return f" för {differing[1]}" if differing is not None and differing[0] else ""


def _also(differing: Differing | None) -> str:
    """Page one's short form of the clause: " (också de 2 som är uppfyllda för kontoret)"."""
    if differing is None or not differing[0]:
        return ""
    count, _, other, status = differing
    return f" (också {other_follow_ups(count, other, status)})"


def area_sentence(
    area: str,
    goals: int,
    statuses: dict[str, int],
    assessment: str,
    differing: Differing | None = None,
) -> str:
    """An area whose goals all lie on one side of the bokslut's word for it (a record of
    :func:`ksanalys.compute.goals.areas.area_contrasts`), after the count "enligt
    analysens bedömning": "Inom X är alla 4 mål ej uppfyllda för kommunen (också de 2 som är
    uppfyllda för kontoret), men bokslutet bedömer området som Ok." (``area`` and
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
        return (
            f"Av de {goals} målen inom {escape(area)} är {status_counts(statuses, 0)}"
            f"{_for(differing)}{_also(differing)}, men bokslutet bedömer området som "
            f"{escape(assessment)}."
        )
    return (
        f"Inom {escape(area)} är {counted}{_for(differing)}{_also(differing)}, "
        "men bokslutet bedömer "
        f"området som {escape(assessment)}."
    )
