"""Present stage: the Swedish words for each part of a goal, and for the report's side.

A goal is judged on its *test* parts (criteria); *context* parts are shown beside it
("Jämförelse (…): …"; the chapter says once that they do not count). Each part is worded
with its own result (:func:`part_text`), a target still ahead says how its prospect was
decided (:func:`prospect_text`: trend, interval, number of values). The report's own words
sit beside the computed status: its assessment, the reason it gives and any other figure it
prints for the same value, quoted verbatim (:func:`report_text`). Text from data (subjects,
rule texts, quotes) is returned as it is; the chapter and the command line escape it.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from ksanalys.compute.goals.assessment import GoalAssessment
from ksanalys.compute.goals.projection import GoalProjection
from ksanalys.compute.goals.quotes import GoalQuote
from ksanalys.compute.goals.status import CriterionResult
from ksanalys.compute.trends import MIN_TREND_POINTS
from ksanalys.present import swedish
from ksanalys.present.swedish import format_quantity
from ksanalys.present.text import goals as words
from ksanalys.present.text import indicators
from ksanalys.present.text import words as words_mod
from ksanalys.present.text.goals import comparability_clause
from ksanalys.present.text.words import capitalize, join_words
from ksanalys.values import decimals_needed

__all__ = [
    "PART_RESULTS",
    "calculated_text",
    "comparison_cell",
    "context_text",
    "measured_again_text",
    "misprint_text",
    "no_reason",
    "part_result",
    "part_text",
    "parts_summary",
    "printings_reference",
    "printings_text",
    "prospect_text",
    "readings_text",
    "report_text",
    "same_goal_text",
    "same_goals_text",
    "smallest_change_text",
    "undecided_text",
]

# The result of one test part in words; a pending part is worded by its prospect.
PART_RESULTS = {
    "pass": "uppfyllt",
    "fail": "ej uppfyllt",
    "missing": "kan inte bedömas",
    "basis_break": "går inte att jämföra",
}
# The lead of a context part; the chapter's introduction says once that comparisons are
# not part of the assessment.
CONTEXT_LEAD = "Jämförelse"


def part_result(result: CriterionResult) -> str:
    """One test part's result in words: "uppfyllt", "osäker", "går inte att jämföra"."""
    if result.outcome == "pending":
        if result.prospect is None:  # one value only: no trend to judge
            return PART_RESULTS["missing"]
        return words.STATUS_LABELS[str(result.prospect)]
    if result.outcome == "missing" and "basis_break_in_comparison" in result.flags:
        return PART_RESULTS["basis_break"]
    return PART_RESULTS.get(result.outcome, PART_RESULTS["missing"])


def _clause(result: CriterionResult, year: int, *, level_only: bool = False, level=None) -> str:
    """What the data shows for one part; ``level_only``: just its latest value (the change
    was said already, or the part is a level); ``level``: the level a printed change
    reached (:func:`ksanalys.present.text.goals.printed_level`)."""
    current = result.current
    if not level_only or current is None or comparability_clause(result) is not None:
        return words.series_clause([result], year, level)
    decimals = decimals_needed([float(current["value"])])
    shown = words.value_at(
        float(current["value"]), str(current["unit"]), int(current["year"]), decimals
    )
    return f"{result.criterion.subject} var {shown}"


def part_clause(result: CriterionResult, year: int) -> str:
    """What the data shows for a test part, without its result or rule."""
    return _clause(result, year)


def part_text(
    result: CriterionResult,
    year: int,
    *,
    repeated: bool = False,
    with_result: bool = False,
    level=None,
) -> str:
    """A test part: what the data shows and its rule, as a plain sentence: "NKI för bygglov
    ökade med 4, från 52 (2011) till 56 (2013); målet är …". ``repeated``: an earlier part
    already said the change of the same series. ``with_result``: the part's result follows,
    after a dash (for a goal whose parts differ: the goal's status does not say it).
    ``level``: the level a printed change reached."""
    rule = result.criterion.rule_text.rstrip(".")
    clause = _clause(result, year, level_only=repeated, level=level)
    tail = f" – {part_result(result)}" if with_result else ""
    return f"{capitalize(clause)}; målet är {rule}{tail}."


def _side(value: float, level: float) -> str:
    return "över" if value > level else ("under" if value < level else "på")


def parts_summary(results: list[CriterionResult], year: int) -> str | None:
    """A goal judged on one measure in several areas, in one sentence: the first part's
    change, in how many of the other areas the measure rose, and each part judged at a level
    against that level: "NKI för kommunen ökade med 9 indexenheter, från 58 (2011) till
    67 (2013), och i 4 av 5 områden; NKI för brandtillsyn var 78 (2013), över nivån 75."
    (None unless the other parts measure the first part's indicator)."""
    first, others = results[0], results[1:]
    c = first.criterion
    if not others or any(r.criterion.indicator != c.indicator for r in others):
        return None
    if first.current is None:
        return None
    rose = 0
    for r in others:
        before = r.comparable_previous
        if r.current is not None and before is not None:
            rose += float(r.current["value"]) > float(before["value"])
    text = f"{capitalize(part_clause(first, year))}, och i {rose} av {len(others)} områden"
    levels = []
    for r in others:
        level = r.criterion.threshold
        if r.criterion.comparison != "level" or r.current is None or level is None:
            continue
        value = float(r.current["value"])
        shown = format_quantity(level, str(r.current["unit"]), decimals_needed([level]))
        levels.append(f"{_clause(r, year, level_only=True)}, {_side(value, level)} nivån {shown}")
    return f"{'; '.join([text, *levels])}."


def _context_level(result: CriterionResult) -> str:
    c = result.criterion
    if c.comparison != "level" or result.current is None or c.threshold is None:
        return ""
    reached = result.outcome == "pass"
    return ", nivån nås" if reached else ", nivån nås inte"


def context_text(result: CriterionResult, year: int) -> str:
    """A context part: "Jämförelse (<what it is>): <values>."."""
    c = result.criterion
    what = c.rule_text.rstrip(".")
    if result.current is None:
        found = f"uppgift om {c.subject} saknas till och med {year}"
    elif c.comparison == "base" and result.base is None:
        found = f"värdet för {c.base_year} saknas, så jämförelsen kan inte göras"
    elif not c.judged:
        found = _clause(result, year, level_only=True)
    else:
        level = c.comparison == "level"
        found = _clause(result, year, level_only=level) + _context_level(result)
    return f"{CONTEXT_LEAD} ({what}): {found}."


def _interval(p: GoalProjection, unit: str, decimals: int) -> str:
    return swedish.format_interval(p.low, p.high, decimals, unit)


def _interval_words(result: CriterionResult, p: GoalProjection, unit: str, decimals: int) -> str:
    target = format_quantity(p.target, unit, decimals_needed([p.target]))
    if result.prospect == "on_track":
        return f"hela intervallet når målnivån {target}, så målet är på väg att nås"
    if result.prospect == "off_track":
        return f"hela intervallet ligger på fel sida om målnivån {target}, så målet är inte på väg"
    return f"målnivån {target} ligger inom intervallet, så det är osäkert om målet nås"


def prospect_text(result: CriterionResult | None) -> str | None:
    """How a pending part's prospect was decided, in one or two sentences (None when the
    part is not pending)."""
    if result is None or result.outcome != "pending" or result.current is None:
        return None
    c = result.criterion
    p = result.projection
    if result.prospect_basis == "interval" and p is not None:
        unit = str(result.current["unit"])
        decimals = max(decimals_needed(result.series["value"]), 1)
        if unit in swedish.UNITLESS:
            decimals = decimals_needed(result.series["value"])
        point = words.value_at(p.value, unit, p.year, decimals)
        return (
            f"Trenden {swedish.year_span(p.first_year, p.last_year)} ({p.n_points} värden med "
            "samma definition) "
            f"pekar mot {point}, med 95 % prognosintervall {_interval(p, unit, decimals)}; "
            f"{_interval_words(result, p, unit, decimals)}."
        )
    when = str(int(result.current["year"]))
    if result.prospect_basis == "few_points":
        return _few_points_text(result)
    if result.prospect_basis == "single_value":
        return f"Bara ett värde ({when}), så det syns inte om värdet rör sig mot målet."
    toward = result.prospect != "off_track"
    direction = "mot målnivån" if toward else "bort från målnivån"
    if c.horizon == "period":  # a change over a budget period: no level to move towards
        direction = "i målets riktning" if toward else "åt andra hållet än målet"
    moving = capitalize(c.subject) if c.subject else "Senaste förändringen"
    if c.horizon == "target_year" and toward:
        return (
            f"{moving} rör sig {direction}, men med färre än {MIN_TREND_POINTS} värden "
            f"finns ingen trend som visar om målet nås {c.target_year}."
        )
    return f"{moving} rör sig {direction}."


def _few_points_text(result: CriterionResult) -> str:
    """A target year ahead and too few values for a trend: what the target requires from
    the latest value, and that whether it is reached cannot be said."""
    c, current = result.criterion, result.current
    assert current is not None
    unit, value, year = str(current["unit"]), float(current["value"]), int(current["year"])
    target = result.target
    if target is None or c.target_year is None:
        return "Det finns för få värden för en trend, så det går inte att säga om målet nås."
    decimals = decimals_needed([value, target])
    need = "en ökning" if c.upward else "en minskning"
    points = "procentenheter" if unit == "procent" else unit
    size = format_quantity(abs(target - value), points, decimals_needed([target - value]))
    span = words_mod.number_word(int(c.target_year) - year)
    level = format_quantity(target, unit, decimals)
    return (
        f"Målet {level} {c.target_year} kräver {need} med {size} på {span} år. "
        "Det går inte att säga om det nås."
    )


def calculated_text(a: GoalAssessment, year: int) -> list[str]:
    """Each value of the year before that the goal's figures give only as a change, with
    how it is calculated: "Antalet arbetsställen var 7 429 år 2012 (beräknat: 7 572 − 143)."
    (the subject is data text)."""
    texts = []
    for subject, value, unit, now, change in a.calculated:
        decimals = decimals_needed([value, now, change])
        figure = f"{format_quantity(value, unit, decimals)} år {year - 1}"
        texts.append(
            f"{capitalize(subject)} var {indicators.derived_cell(figure, now, change, decimals)}."
        )
    return texts


def misprint_text(result: CriterionResult) -> str | None:
    """That a level target lies implausibly far from the value it is tested on, so it may be
    wrongly reproduced, and what the goal is tested against, in plain sentences (None unless
    the part is flagged ``implausible_target``,
    :data:`~ksanalys.compute.goals.status.MISPRINT_FACTOR` decides): "Målnivån 1,2 mkr är
    orimligt låg mot kommunens resultat, 140 mkr; den kan vara fel återgiven. Målet bedöms
    mot kommunens resultat." The subject is data text (the rule's)."""
    c = result.criterion
    if "implausible_target" not in result.flags or result.current is None or not c.threshold:
        return None
    unit = str(result.current["unit"])
    value = float(result.current["value"])
    target = format_quantity(c.threshold, unit, decimals_needed([c.threshold]))
    outcome = format_quantity(value, unit, decimals_needed([value]))
    subject = c.subject or "utfallet"
    side = "låg" if c.threshold < value else "hög"
    return (
        f"Målnivån {target} är orimligt {side} mot {subject}, {outcome}; "
        "den kan vara fel återgiven. "
        f"Målet bedöms mot {subject}."
    )


def undecided_text(
    undecided: list[CriterionResult], status: str, *, main_capped: bool = False
) -> str | None:
    """That some parts of a goal cannot be judged and the status follows the others
    (None when every part can be judged, or none can); ``main_capped``: the part that
    cannot be judged is the goal's main part, so the status is held at osäker."""
    if not undecided or status == "not_assessable":
        return None
    subjects = join_words(list(dict.fromkeys(r.criterion.subject for r in undecided)))
    if main_capped:
        return (
            f"Målets huvuddel, {subjects}, kan inte bedömas. De andra delarna kan inte ensamma "
            f"visa att målet är uppfyllt, så statusen blir {words.STATUS_LABELS[status]}."
        )
    return (
        f"Delen om {subjects} kan inte bedömas och räknas inte; statusen "
        f"{words.STATUS_LABELS[status]} följer de delar som kan bedömas."
    )


def _quote(q: GoalQuote) -> str:
    return f"”{' '.join(q.quote.split())}”"


def report_text(
    report_assessment: str | None,
    status: str,
    agreement: str,
    more_positive: bool | None,
    quotes: tuple[GoalQuote, ...] | list[GoalQuote],
    *,
    figures_said: bool = False,
    number: int = 0,
) -> str:
    """The report's side of a goal in one short sentence: the reason it gives, quoted, or,
    when its word differs from the computed status, that it gives none (:func:`no_reason`,
    naming goal ``number``); how the words differ is in the goal table, not repeated. Then any
    other figure it prints, quoted
    (``figures_said``: :func:`printings_text` says the other figures instead)."""
    reasons = [q for q in quotes if q.kind == "reason"]
    others = [q for q in quotes if q.kind == "other_figure"]
    quoted = " ".join(_quote(q) for q in reasons)
    parts = []
    if reasons:
        parts.append(f"Bokslutet skriver: {quoted}")
    elif report_assessment is not None and agreement == "disagree":
        parts.append(no_reason(number, report_assessment))
    if others and not figures_said:
        parts.append("På ett annat ställe: " + " ".join(_quote(q) for q in others))
    return " ".join(parts)


def no_reason(number: int, report_assessment: str) -> str:
    """Said of every goal whose bokslut word differs from the computed status without a
    reason (the table beside says both words and which way they differ)."""
    return f"Bokslutet anger inget skäl för att bedöma mål {number} som {report_assessment}."


def printings_text(year: int, own: tuple[str, str], others: list[tuple[str, str]]) -> str:
    """The other figures the report prints for the judged value of ``year`` and the status
    each gives, in one sentence ("" for none). ``own``: (the year's value as shown, the
    status it gives, in words); ``others``: the same for each other printing. Printings
    that give different statuses make the goal osäker (the compute stage's rule)."""
    if not others:
        return ""
    figures = join_words([figure for figure, _ in others])
    if all(label == own[1] for _, label in others):
        return (
            f"På ett annat ställe anger bokslutet {figures} för {year}; "
            f"statusen blir också då {own[1]}."
        )
    outcomes = [f"med {own[0]} är målet {own[1]}"]
    outcomes += [f"med {figure} {label}" for figure, label in others]
    return (
        f"På ett annat ställe anger bokslutet {figures} för {year}: {', '.join(outcomes)}, "
        f"så statusen är {words.STATUS_LABELS['uncertain']}."
    )


def readings_text(
    readings: list[tuple[str, str, str]], change: str | None, likeliest: str | None
) -> str:
    """The report's readings of a judged change, each a printing with its own stated change
    ((year before, value, status), figures as shown, status in words), in one or two
    sentences: "Bokslutet anger värdet på två sätt (4,56 → 4,55 och 4,55 → 4,54), båda en
    minskning med 0,01 procentenheter; målet är uppfyllt med båda läsningarna. Granskningen
    bedömer 4,54 som troligast." ``change``: the change all readings share, as words ("en
    minskning med 0,01 procentenheter"), None when they differ; ``likeliest``: the value the
    granskning finds likeliest, None when it picks none."""
    count = words_mod.number_word(len(readings))
    pairs = join_words([f"{before} → {value}" for before, value, _ in readings])
    first = f"Bokslutet anger värdet på {count} sätt ({pairs})"
    if change is not None:
        first += f", {'båda' if len(readings) == 2 else 'alla'} {change}"
    statuses = {status for _, _, status in readings}
    if len(statuses) == 1:
        every = "båda läsningarna" if len(readings) == 2 else f"alla {count} läsningarna"
        first += f"; målet är {statuses.pop()} med {every}."
    else:
        outcomes = ", ".join(f"med {b} → {v} {s}" for b, v, s in readings)
        first += f": {outcomes}, så statusen är {words.STATUS_LABELS['uncertain']}."
    if likeliest is None:
        return first
    return f"{first} Granskningen bedömer {likeliest} som troligast."


def settled_text(year: int, wrong: str, right: str, status: str) -> str:
    """A printing of the judged value that the granskning finds wrong, and the status the
    right one gives, in one sentence (figures as shown; status in words)."""
    return (
        f"Bokslutet anger på ett annat ställe {wrong} för {year}; granskningen bedömer {right} "
        f"som troligast, och med det är målet {status}."
    )


def questioned_cell(shown: str) -> str:
    """A table value the granskning questions ("0,09 % (ifrågasatt, se revisionsbilagan)")."""
    return f"{shown} (ifrågasatt, se revisionsbilagan)"


def printings_reference(year: int, area: str, number: int) -> str:
    """Where the report's two printings of a goal's value are discussed, for another place
    that shows the value (area as shown)."""
    return f"Bokslutet anger två olika värden för {year}; se {area}, mål {number}."


def same_goal_text(first_area: str, first_number: int) -> str:
    """That a goal repeats a KF-mål measured earlier in the report (the chapter's count
    says once that such a goal counts once)."""
    return f"Samma KF-mål som {first_area}, mål {first_number}, följt upp en gång till."


def measured_again_text(later: list[tuple[str, int]]) -> str:
    """That a goal's KF-mål is measured again later in the report (area, number)."""
    where = join_words([f"{area}, mål {number}" for area, number in later])
    return f"Samma KF-mål mäts en gång till under {where}."


def _numbers(numbers: list[int]) -> str:
    """Goal numbers as a list, three or more in a row as a span ("1–3", "1, 2 och 4")."""
    run = len(numbers) >= 3 and numbers == list(range(numbers[0], numbers[0] + len(numbers)))
    return (
        swedish.year_span(numbers[0], numbers[-1]) if run else join_words([str(n) for n in numbers])
    )


def same_goals_text(
    pairs: list[tuple[int, str, int]], *, first: bool, measured_for: str | None = None
) -> str:
    """Once per area: which of its goals are KF-mål followed up a second time under another
    area (this number, the other area as shown, its number there). ``first``: this area
    follows them up first ("Mål 1, 2 och 4 följs upp en gång till under B, där som mål 1–3.");
    else the other did ("Mål 1–3 här är samma KF-mål som mål 1, 2 och 4 under A, uppföljda
    för kontoret."; ``measured_for``: what this area's follow-ups measure, when one scope)."""
    by_area: dict[str, list[tuple[int, int]]] = {}
    for number, area, number_there in pairs:
        by_area.setdefault(area, []).append((number, number_there))
    sentences = []
    for area, numbers in by_area.items():
        own = _numbers([n for n, _ in numbers])
        other = _numbers([n for _, n in numbers])
        if first:
            sentences.append(f"Mål {own} följs upp en gång till under {area}, där som mål {other}.")
        else:
            done = "uppföljda" if len(numbers) > 1 else "uppföljt"
            why = f"för {measured_for}" if measured_for else "en gång till"
            sentences.append(
                f"Mål {own} här är samma KF-mål som mål {other} under {area}, {done} {why}."
            )
    return " ".join(sentences)


def comparison_cell(comparison: str, words: Sequence[str] = ()) -> str:
    """The goal table's comparison of the bokslut's word with the analysis' status, with
    the bokslut's own qualifying words (goal_quotes.csv kind ``word``) beside it, so the
    status cells hold only statuses: "bokslutet försiktigare; bokslutet: ”minskat
    marginellt”"."""
    if not words:
        return comparison
    return f"{comparison}; bokslutet: {', '.join(f'”{w}”' for w in words)}"


def smallest_change_text(a: GoalAssessment) -> str | None:
    """That the change a goal is judged on is the smallest its printed figures can show
    (one step of their last decimal), with the bokslut's own word for it where it has one:
    "Minskningen är mycket liten, 0,01 procentenheter; bokslutet skriver ”minskat
    marginellt”." (None otherwise)."""
    r = a.headline
    if r is None or r.change is None or r.current is None or r.criterion.comparison != "previous":
        return None
    decimals = decimals_needed(r.series["value"])
    if decimals == 0 or not math.isclose(abs(r.change), 10.0**-decimals, rel_tol=1e-6):
        return None
    unit = str(r.current["unit"])
    points = "procentenheter" if unit == "procent" else unit
    noun = "Ökningen" if r.change > 0 else "Minskningen"
    text = f"{noun} är mycket liten, {format_quantity(abs(r.change), points, decimals)}"
    said = [q.quote for q in a.quotes if q.kind == "word"]
    if said:
        text += f"; bokslutet skriver {', '.join(f'”{w}”' for w in said)}"
    return text + "."
