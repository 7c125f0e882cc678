"""Present stage: how the goals of a year count up, in Swedish: the distinct goals by
computed status (with those whose two follow-ups differ, so that the counts add up), how
the bokslut's own assessments compare and the rule they are compared by, and each area
whose goals all lie on one side while the bokslut rates it on another. Area names arrive
escaped from the chapter.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

import pandas as pd

from ksanalys.compute.goals.projection import MIN_GOAL_TREND_POINTS
from ksanalys.compute.goals.status import REPORT_CLASSES
from ksanalys.present.text.goals import STATUS_LABELS, STATUS_ORDER, STATUS_PLURALS, status_count
from ksanalys.present.text.words import join_words

__all__ = [
    "area_contrast_sentence",
    "charts_intro",
    "comparison_rule",
    "comparison_scale",
    "differing_clause",
    "direction_clause",
    "goal_count_sentences",
    "goal_list",
    "goal_method_paragraphs",
    "status_counts",
]


def goal_count_sentences(
    distinct: pd.DataFrame,
    goals: pd.DataFrame,
    year: int,
    twice_in: tuple[str, str] | None,
    differing: list[tuple[str, int]] | None = None,
    *,
    between: tuple[str, str] | None = None,
    pairs: Sequence[tuple[str, str]] = (),
    directions: tuple[list[tuple[str, int]], list[tuple[str, int]]] = ([], []),
) -> list[str]:
    """How many distinct KF-mål the report follows up and their computed statuses, each
    goal counted once; then how the report's own assessments compare, per follow-up.

    ``distinct`` columns: n_measured, status (blank where a goal's measurements differ);
    ``goals`` columns: report_assessment, agreement. ``twice_in``: the two areas under
    which the goals measured twice are followed up, when they are the same two for all
    (area names, already escaped for display), else None. ``differing``: (area, number) of
    the first follow-up of each goal whose two follow-ups differ, named in the sentence;
    ``between``: what the two follow-ups measure (the organisation's names, escaped), when
    the same two for all; ``pairs``: their two statuses (:func:`status_counts`).
    ``directions``: (area, number) of the follow-ups where the bokslut is more positive,
    and where it is more cautious, than the computation
    (:func:`ksanalys.compute.goals.disagreement_directions`).
    """
    total, rows = len(distinct), len(goals)
    if total == 0:
        return [f"Data innehåller inga KF-mål för {year}."]
    twice = int((distinct["n_measured"] > 1).sum())
    first = f"Bokslutet följer upp {total} olika KF-mål {year}"
    if twice:
        where = f", under både {twice_in[0]} och {twice_in[1]}" if twice_in else ""
        first += (
            f"; {twice} av dem följs upp två gånger{where}, så målen följs upp {rows} gånger. "
            "I sammanräkningen räknas varje KF-mål en gång; tabellen och områdena visar alla "
            f"{rows} uppföljningar"
        )
    statuses = {s: int((distinct["status"] == s).sum()) for s in STATUS_ORDER}
    differ = int(distinct["status"].isna().sum())
    which = f" ({goal_list(differing)})" if differing else ""
    counted = status_counts(statuses, differ, between, pairs)
    second = f"Enligt analysens bedömning är {counted}{which}"
    sentences = [first + ".", second + ".", _agreement_sentence(goals, year)]
    if any(directions):
        disagree = sum(len(d) for d in directions)
        clause = direction_clause(*directions, name_goals=True)
        sentences.append(f"Av de {disagree} avvikelserna är bokslutet {clause}.")
    return sentences


def status_counts(
    statuses: dict[str, int],
    differ: int,
    between: tuple[str, str] | None = None,
    pairs: Sequence[tuple[str, str]] = (),
) -> str:
    """Every distinct goal counted once, by computed status, the goals whose two follow-ups
    differ among them, so that the counts add up to the number of goals: "8 uppfyllda,
    3 ej uppfyllda och 2 är uppfyllda för kontoret men inte för kommunen" (``between``:
    what the two follow-ups measure, as the organisation names them; ``pairs``: each such
    goal's two statuses in the same order, :func:`ksanalys.compute.goals.differing_pairs`).
    Without both, "2 mål bedöms olika …"."""
    counts = [status_count(statuses[s], s) for s in STATUS_ORDER if statuses.get(s)]
    if differ and between and len(pairs) == differ:
        counts += [split_status(n, pair, between) for pair, n in Counter(pairs).items()]
    elif differ:
        where = f"för {between[0]} och för {between[1]}" if between else "i sina två uppföljningar"
        counts.append(f"{differ} mål bedöms olika {where}")
    return join_words(counts)


def _are(n: int, status: str) -> str:
    verb = "är" if status != "not_assessable" else ""
    word = STATUS_LABELS[status] if n == 1 else STATUS_PLURALS[status]
    return f"{verb} {word}".strip()


def split_status(n: int, pair: tuple[str, str], between: tuple[str, str]) -> str:
    """Goals whose two follow-ups differ, in plain words, the better status first: "2 är
    uppfyllda för kontoret men inte för kommunen" (``pair``: their statuses, ``between``:
    the two follow-ups' scopes, as shown, in the same order)."""
    (first, second), (here, there) = pair, between
    if STATUS_ORDER.index(second) > STATUS_ORDER.index(first):
        (first, second), (here, there) = (second, first), (there, here)
    if first == "not_met":
        return f"{n} {_are(n, second)} för {there} men inte för {here}"
    worse = STATUS_LABELS[first] if n == 1 else STATUS_PLURALS[first]
    return f"{n} {_are(n, second)} för {there} men {worse} för {here}"


def other_follow_ups(count: int, other: str, status: str | None) -> str:
    """The goals of an area whose second follow-up has another status, named by that status
    when they share one: "de 2 som är uppfyllda för kontoret" (``other`` as shown)."""
    which = "det" if count == 1 else f"de {count}"
    if status is None:
        return f"{which} som bedöms olika för {other}"
    return f"{which} som {_are(count, status)} för {other}"


def _by_area(goals: list[tuple[str, int]]) -> str:
    """ "alla under A", "3 under A och 1 under B"."""
    areas: dict[str, int] = {}
    for area, _ in goals:
        areas[area] = areas.get(area, 0) + 1
    if len(areas) == 1 and len(goals) > 1:
        return f"alla under {next(iter(areas))}"
    return join_words([f"{n} under {area}" for area, n in areas.items()])


def direction_clause(
    more_positive: list[tuple[str, int]],
    more_cautious: list[tuple[str, int]],
    *,
    name_goals: bool = False,
    counts_only: bool = False,
) -> str:
    """Which way the bokslut's words that differ from the computed statuses lean: "mer
    positivt än analysen i 4 (alla under A) och försiktigare i 2 (1 under B och 1 under
    C)" ("" for none). ``name_goals``: each goal by area and number instead of a count per
    area; ``counts_only``: no parenthesis ("mer positivt än analysen i 4 och försiktigare
    i 2", for Året på en sida). Area names arrive escaped."""
    name = goal_list if name_goals else _by_area

    def which(goals: list[tuple[str, int]]) -> str:
        return "" if counts_only else f" ({name(goals)})"

    parts = []
    if more_positive:
        parts.append(f"mer positivt än analysen i {len(more_positive)}{which(more_positive)}")
    if more_cautious:
        than = "" if parts else " än analysen"
        parts.append(f"försiktigare{than} i {len(more_cautious)}{which(more_cautious)}")
    return " och ".join(parts)


def _either(words: list[str]) -> str:
    """ "a", "a eller b", "a, b eller c"."""
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " eller " + words[-1]


def comparison_scale() -> str:
    """The bokslut's scale against the computed statuses in one plain sentence, for the goals
    table where it is read: "Bokslutets Bra jämförs med uppfyllt, Ok med delvis uppfyllt, på
    väg eller osäker och Har brister med ej uppfyllt eller inte på väg." (from
    :data:`~ksanalys.compute.goals.status.REPORT_CLASSES`)."""
    pairs = [
        f"{word} {'jämförs ' if first else ''}med {_either([STATUS_LABELS[s] for s in statuses])}"
        for first, (word, statuses) in zip(
            [True] + [False] * (len(REPORT_CLASSES) - 1), REPORT_CLASSES.items(), strict=True
        )
    ]
    return f"Bokslutets {', '.join(pairs[:-1])} och {pairs[-1]}."


def comparison_rule() -> str:
    """How the bokslut's assessment is compared with the computed status, from the classes
    the comparison uses (:data:`~ksanalys.compute.goals.status.REPORT_CLASSES`)."""
    pairs = [
        f"{word} motsvarar {_either([STATUS_LABELS[s] for s in statuses])}"
        for word, statuses in REPORT_CLASSES.items()
    ]
    return (
        "Bokslutet bedömer varje mål på sin skala för god ekonomisk hushållning (GEH): Bra, Ok "
        f"eller Har brister. {'; '.join(pairs)}. När bokslutets ord inte motsvarar den "
        "analysens bedömning är bokslutet mer positivt eller försiktigare än analysen; "
        "kapitlet visar båda. Ett mål som inte kan bedömas jämförs inte."
    )


Differing = tuple[int, str, str, str | None]
"""An area's goals judged differently in their two follow-ups: how many, the area's scope,
the other scope (as shown) and the status their other follow-ups share (None for none)."""


def differing_clause(differing: Differing | None) -> str:
    """The clause that ties an area's count to the goals the count per KF-mål calls judged
    differently: ", också de 2 som är uppfyllda för kontoret" ("" for none)."""
    if differing is None or not differing[0]:
        return ""
    count, _, other, status = differing
    return f", också {other_follow_ups(count, other, status)}"


def charts_intro() -> str:
    """The introduction of the goal charts; the number of values a trend needs is the one
    the method says (:data:`MIN_GOAL_TREND_POINTS`)."""
    return (
        "Varje diagram anger målet och dess status med samma ord som tabellen. Ett mål som "
        "prövas område för område visas med en stapel per område och år. En trend ritas bara "
        f"där minst {MIN_GOAL_TREND_POINTS} värden med samma definition finns, och "
        "prognosintervallet ritas framåt från det senaste värdet."
    )


def goal_method_paragraphs() -> list[str]:
    """How the KF-mål are judged, for the report's method annex (Om analysen): the rules a
    chapter does not repeat."""
    return [
        "Varje KF-mål bedöms efter sin egen formulering och målnivå. Mål som säger att något "
        "ska öka bedöms på förändringen sedan föregående mätning. Nivåer från andra källor "
        "visas bara som jämförelse och ingår inte i bedömningen.",
        "Analysens bedömning för året: uppfyllt, delvis uppfyllt (några av målets delar är "
        "uppfyllda) eller ej uppfyllt. Ett mål vars målår inte har kommit än, eller som gäller "
        "på lång sikt, är på väg, osäkert eller inte på väg, efter hur trenden rör sig mot "
        "målnivån, "
        "aldrig ej uppfyllt. Ett mål som gäller en budgetperiod som inte har slutat är på väg "
        "om året gick åt målets håll, annars inte på väg. "
        "Ett mål är också osäkert när bokslutet anger det bedömda värdet på "
        "två sätt som ger olika status, eller när målets huvuddel inte kan bedömas. Ger båda "
        "sätten samma status gäller den. "
        "Ett mål kan inte bedömas när data inte räcker.",
        f"En trend mot ett målår räknas bara fram ur minst {MIN_GOAL_TREND_POINTS} värden med "
        "samma definition. Med färre värden visas värdena och målnivån utan trend eller "
        "prognos, och ett mål vars målår inte har kommit är då osäkert.",
        comparison_rule(),
    ]


def _agreement_sentence(goals: pd.DataFrame, year: int) -> str:
    if not goals["report_assessment"].isin(["Bra", "Ok", "Har brister"]).any():
        return (
            f"Bokslutet för {year} finns inte i data, så ingen jämförelse med bokslutets "
            "bedömningar kan göras."
        )
    agree = int((goals["agreement"] == "agree").sum())
    disagree = int((goals["agreement"] == "disagree").sum())
    other = len(goals) - agree - disagree
    text = (
        f"Bokslutets egen bedömning stämmer överens med analysens i {agree} av de "
        f"{len(goals)} uppföljningarna och avviker i {disagree}"
    )
    return text + (f"; i {other} går de inte att jämföra." if other else ".")


def goal_list(goals: list[tuple[str, int]]) -> str:
    """Goals by area: "Område A, mål 1 och 4; Område B, mål 2"."""
    by_area: dict[str, list[str]] = {}
    for area, number in goals:
        by_area.setdefault(area, []).append(str(number))
    return "; ".join(f"{area}, mål {join_words(numbers)}" for area, numbers in by_area.items())


def area_contrast_sentence(
    area: str,
    n_goals: int,
    statuses: dict[str, int],
    report_assessment: str,
    measured_for: str | None = None,
    differing: Differing | None = None,
) -> str:
    """An area whose goals all lie on one side while the bokslut rates it on another (one
    record of :func:`ksanalys.compute.goals.areas.area_contrasts`; ``area`` as shown):
    "Alla 4 mål under A är enligt analysens bedömning ej uppfyllda, men bokslutet bedömer området
    som Ok.". ``measured_for``: what the area's follow-ups measure (the organisation's name,
    escaped) when some of its goals are followed up a second time elsewhere, so that the
    area's count per follow-up reads beside the count per goal: "… ej uppfyllda för
    kommunen som helhet, …". ``differing``: how many of them the count per KF-mål calls
    judged differently and the two scopes (escaped), so the two counts read together:
    "…, också de 2 som bedöms olika för kontoret, …"."""
    where = f" för {measured_for} som helhet" if measured_for else ""
    where += differing_clause(differing)
    but = f"men bokslutet bedömer området som {report_assessment}"
    status = next(iter(statuses))
    if n_goals == 1:
        shown = STATUS_LABELS[status]
        return f"Det enda målet under {area} är enligt analysens bedömning {shown}{where}, {but}."
    counted = STATUS_PLURALS[status] if len(statuses) == 1 else status_counts(statuses, 0)
    lead = f"Alla {n_goals} mål" if len(statuses) == 1 else f"Av de {n_goals} målen"
    return f"{lead} under {area} är enligt analysens bedömning {counted}{where}, {but}."
