"""Present stage: Swedish text for goal assessments, from the codes of compute.goals.

The evidence is one sentence: what the data shows for each series the goal is judged on
(value, previous value, change), then "; målet är …" with the rule. Beside it: the status
words (:data:`STATUS_LABELS`), the readings the status rests on (:func:`interpretation_text`,
"2 % tolkat som 2 procentenheter"), the projection and the caveats. Numbers follow
:mod:`ksanalys.present.swedish` (decimal comma, no-break spaces, true minus); values carry as
many decimals as the data (at most two), changes of percentages are in procentenheter.
A value without a unit word carries its year in parentheses: "NI sjönk från 35 (2011) till
31 (2013)". Text from data (subjects, rule texts) is returned as it is; the chapter and the
command line escape what they show.
"""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from ksanalys.compute.goals.interpretation import Interpretation
from ksanalys.compute.goals.projection import GoalProjection
from ksanalys.compute.goals.series import has_basis_break, segment_years
from ksanalys.compute.goals.status import CriterionResult
from ksanalys.present import swedish
from ksanalys.present.swedish import (
    UNITLESS,
    format_change,
    format_change_size,
    format_quantity,
)
from ksanalys.present.text.words import capitalize, join_words, lower_first
from ksanalys.values import decimals_needed

__all__ = [
    "AGREEMENT_LABELS",
    "STATUS_LABELS",
    "STATUS_PLURALS",
    "STATUS_SINGULARS",
    "assessment_sentences",
    "caveats",
    "comparability_clause",
    "comparison_label",
    "comparison_year_sentence",
    "goal_evidence",
    "interpretation_text",
    "printed_level",
    "rule_text",
    "series_clause",
    "status_count",
    "target_words",
    "value_at",
]

STATUS_LABELS = {
    "met": "uppfyllt",
    "partial": "delvis uppfyllt",
    "on_track": "på väg",
    "uncertain": "osäker",
    "off_track": "inte på väg",
    "not_met": "ej uppfyllt",
    "not_assessable": "kan inte bedömas",
}
# The same words for a count of goals: "1 uppfyllt", "8 uppfyllda", "1 osäkert".
STATUS_SINGULARS = {**STATUS_LABELS, "uncertain": "osäkert"}
STATUS_PLURALS = {
    "met": "uppfyllda",
    "partial": "delvis uppfyllda",
    "on_track": "på väg",
    "uncertain": "osäkra",
    "off_track": "inte på väg",
    "not_met": "ej uppfyllda",
    "not_assessable": "kan inte bedömas",
}
AGREEMENT_LABELS = {
    "agree": "stämmer överens",
    "disagree": "avviker",
    "not_comparable": "går inte att jämföra",
}
# A fall in a share or an index "sjönk"; a fall in a count or an amount "minskade".
_FALLS = {"procent": "sjönk", "index": "sjönk"}


def value_at(value: float, unit: str, year: int, decimals: int) -> str:
    """A value and its year: "6,39 procent 2012", "58 (2011)" (a number without a unit word
    followed by a bare year would read as one number, or as an age with "år")."""
    shown = format_quantity(value, unit, decimals)
    return f"{shown} ({year})" if unit in UNITLESS else f"{shown} {year}"


def _row_value(row: pd.Series | None) -> float | None:
    return None if row is None else float(row["value"])


def _verb(diff: float, unit: str) -> str:
    return "ökade" if diff > 0 else _FALLS.get(unit, "minskade")


def _changed(subject: str, before: pd.Series, now: pd.Series, decimals: int) -> str:
    """ "NI sjönk från 35 (2011) till 31 (2013)", or "… låg kvar på …"."""
    unit = str(now["unit"])
    value, previous = float(now["value"]), float(before["value"])
    diff = value - previous
    years = int(before["year"]), int(now["year"])
    if format_change(diff, unit, decimals) == format_change(0.0, unit, decimals):
        level = format_quantity(value, unit, decimals)
        return f"{subject} låg kvar på {level} både {years[0]} och {years[1]}"
    if unit in UNITLESS:  # "NI sjönk med 4 indexenheter, från 35 (2011) till 31 (2013)"
        size = format_change_size(abs(diff), unit, decimals)
        before = value_at(previous, unit, years[0], decimals)
        after = value_at(value, unit, years[1], decimals)
        return f"{subject} {_verb(diff, unit)} med {size}, från {before} till {after}"
    return (
        f"{subject} {_verb(diff, unit)} från {value_at(previous, unit, years[0], decimals)} till "
        f"{value_at(value, unit, years[1], decimals)} ({format_change(diff, unit, decimals)})"
    )


_CHANGE_OF = "förändringen av "


def _printed_change(
    subject: str, current: pd.Series, decimals: int, level: pd.Series | None = None
) -> str:
    """A printed change, with the level it reached where the bokslut prints it (``level``):
    "antalet arbetsställen ökade med 143 till 7 572 under 2013"."""
    unit, value, year = str(current["unit"]), float(current["value"]), int(current["year"])
    if not subject.startswith(_CHANGE_OF):
        return f"{subject} var {value_at(value, unit, year, decimals)}"
    what = subject[len(_CHANGE_OF) :]
    size = format_change_size(abs(value), unit, decimals)
    if value == 0:
        return f"{what} var oförändrat under {year}"
    reached = ""
    if level is not None:
        shown = float(level["value"])
        reached = f" till {format_quantity(shown, str(level['unit']), decimals_needed([shown]))}"
    return f"{what} {_verb(value, unit)} med {size}{reached} under {year}"


def printed_level(result: CriterionResult, results: Sequence[CriterionResult]) -> pd.Series | None:
    """The level a printed change reached, where the goal shows it beside the change: the
    value in the change's year of a context part that only shows values on the same scope
    (None for any other part)."""
    c, current = result.criterion, result.current
    if c.comparison != "change" or current is None:
        return None
    for other in results:
        o, value = other.criterion, other.current
        shown = not o.tested and not o.judged and o.measurable and o.scope == c.scope
        if shown and value is not None and int(value["year"]) == int(current["year"]):
            return value
    return None


def _base_clause(result: CriterionResult, unit: str, decimals: int, previous) -> str:
    """What a base-year comparison adds to the series clause ("" for none)."""
    c = result.criterion
    if result.base is None:
        reason = (
            "har en annan definition" if "basis_break_in_comparison" in result.flags else ("saknas")
        )
        return f", men värdet för jämförelseåret {c.base_year} {reason}"
    goal_level = ""
    if c.horizon == "target_year" and result.target is not None:
        goal_level = f"målnivå {format_quantity(result.target, unit, decimals)} {c.target_year}"
    current = result.current
    cur_year = int(current["year"]) if current is not None else result.year
    if c.base_year == cur_year:
        base = f"analysen räknar {c.base_year} som basår"
        return f" ({base}" + (f", {goal_level})" if goal_level else ")")
    if previous is None or c.base_year != int(previous["year"]):
        since = format_change(result.change, unit, decimals)
        return f", {since} jämfört med {c.base_year}" + (f" ({goal_level})" if goal_level else "")
    return f" ({goal_level})" if goal_level else ""


def _level_clause(first: CriterionResult, comparisons: set[str | None], decimals: int) -> str:
    current = first.current
    if current is None:
        return ""
    shown = value_at(float(current["value"]), str(current["unit"]), int(current["year"]), decimals)
    clause = f"{first.criterion.subject} var {shown}"
    if "previous" in comparisons:
        if first.previous is not None:
            clause += f", men värdet för {int(first.previous['year'])} har en annan definition"
        else:
            clause += ", utan något tidigare värde att jämföra med"
    return clause


def _row_text(row: pd.Series, decimals: int) -> str:
    """ "46 procent (2012, personbilar …)": a value with its year and its basis."""
    shown = format_quantity(float(row["value"]), str(row["unit"]), decimals)
    basis = str(row["basis"]) or "ingen definition angiven"
    return f"{shown} ({int(row['year'])}, {basis})"


def comparability_clause(result: CriterionResult) -> str | None:
    """Both figures of a comparison across two definitions, and that no change is judged
    (None when the comparison is not across a definition break)."""
    if "basis_break_in_comparison" not in result.flags or result.current is None:
        return None
    c = result.criterion
    earlier = result.base if c.comparison == "base" else result.previous
    if earlier is None:
        rows = result.series.loc[result.series["year"] == c.base_year]
        earlier = rows.iloc[0] if not rows.empty else None
    if earlier is None:
        return None
    decimals = decimals_needed([earlier["value"], result.current["value"]])
    return (
        f"{c.subject} mäts på olika sätt åren som jämförs: {_row_text(earlier, decimals)} och "
        f"{_row_text(result.current, decimals)}; ingen förändring bedöms"
    )


def series_clause(results: list[CriterionResult], year: int, level: pd.Series | None = None) -> str:
    """What the data shows for one series, judged by the criteria in ``results`` (``level``:
    the level a printed change reached, :func:`printed_level`)."""
    first = results[0]
    subject = first.criterion.subject
    current = first.current
    comparability = comparability_clause(first)
    if comparability is not None:
        return comparability
    if current is None:
        lag = max(r.criterion.max_lag for r in results)
        when = swedish.year_span(year - lag, year)
        return f"uppgift om {subject} saknas för {when}"
    unit = str(current["unit"])
    comparisons = {r.criterion.comparison for r in results}
    previous = first.comparable_previous
    bases = [_row_value(r.base) for r in results if r.base is not None]
    decimals = decimals_needed([_row_value(current), _row_value(previous), *bases])
    if comparisons == {"change"}:
        return _printed_change(subject, current, decimals, level)
    movement = bool(comparisons & {"previous", "base"}) or any(
        r.criterion.horizon in ("long_term", "annual") for r in results
    )
    if movement and previous is not None:
        clause = _changed(subject, previous, current, decimals)
    else:
        clause = _level_clause(first, comparisons, decimals)
    for result in results:
        if result.criterion.comparison == "base":
            clause += _base_clause(result, unit, decimals, previous)
    return clause


def goal_evidence(results: list[CriterionResult], year: int) -> str:
    """The goal's evidence in one Swedish sentence: what the data shows for each series its
    test parts are judged on, then "; målet är …" with their rules."""
    if not results:
        return "Det finns ingen bedömningsregel för målet i data, så det kan inte bedömas."
    if not any(r.criterion.measurable for r in results):
        reason = results[0].criterion.rule_text.rstrip(".")
        return f"Målet kan inte bedömas från data: {reason}."
    every, results = results, [r for r in results if r.criterion.tested]
    groups: dict[tuple, list[CriterionResult]] = {}
    for result in results:
        groups.setdefault(result.criterion.series_key, []).append(result)
    clauses = [
        series_clause(group, year, printed_level(group[0], every)) for group in groups.values()
    ]
    rules = [r.criterion.rule_text.rstrip(".") for r in results]
    facts = join_words(clauses)
    if len(clauses) > 1 and any("," in clause for clause in clauses):
        facts = ", ".join(clauses[:-1]) + ", och " + clauses[-1]
    return f"{capitalize(facts)}; målet är {join_words(rules)}."


def rule_text(results: list[CriterionResult] | tuple[CriterionResult, ...]) -> str:
    """The goal's rule (its test parts) as one sentence ("" without a rule)."""
    texts = [r.criterion.rule_text.rstrip(".") for r in results if r.criterion.tested]
    if not texts:
        return ""
    if not any(r.criterion.measurable for r in results):
        return f"Kan inte bedömas från data: {texts[0]}."
    return f"Målet är {join_words(texts)}."


def _number(value: object) -> str:
    if not isinstance(value, int | float):
        return ""
    return swedish.format_number(value, decimals_needed([value]))


def _level(i: Interpretation) -> str:
    threshold = i.param("threshold")
    if not isinstance(threshold, int | float):
        return ""
    return target_words(str(i.param("direction")), float(threshold), str(i.param("unit")))


_JUDGED = {
    "not_measurable": "Kan inte mätas med data (se regeln)",
    "trend_to_target_year": "Målet gäller {year}; utvecklingen mot det bedöms",
    "towards_long_term": "Målnivån {level} gäller på sikt; riktningen bedöms",
    "within_period": "Målet gäller budgetperioden, som inte har slutat; riktningen bedöms",
    "level_in_year": "Årets värde mot målnivån {level}",
    "printed_change": "Förändringen så som bokslutet redovisar den",
    "base_year": "Jämfört med basåret {year}",
    "previous_year": "Jämfört med {year}",
    "previous_measurement": "Jämfört med mätningen {year}",
}
"""What a status is judged on, most telling first; the first one present leads the sentence
(with a target year ahead, the comparison the trend starts from is not repeated)."""


_PART_LEVEL = "{subject} mot nivån {level}"
"""A level only one of the goal's series is tested against; said after the comparisons."""


def _judged(i: Interpretation) -> str:
    if i.code == "level_in_year" and i.param("subject"):
        return _PART_LEVEL.format(subject=i.param("subject"), level=_level(i))
    return _JUDGED[i.code].format(year=i.param("year"), level=_level(i))


def interpretation_text(interpretations: tuple[Interpretation, ...] | list[Interpretation]) -> str:
    """How a goal's status was judged, as short plain sentences ("" for none): "Målet gäller
    2015; utvecklingen mot det bedöms. Senaste värdet är från 2012."."""
    by_code = {i.code: i for i in interpretations}
    judged = [by_code[c] for c in _JUDGED if c in by_code]
    judged.sort(key=lambda i: bool(i.param("subject")))  # a part's level after the rest
    if "trend_to_target_year" in by_code or "towards_long_term" in by_code:
        judged = judged[:1]
    clauses = list(dict.fromkeys(_judged(i) for i in judged))
    first = "; ".join([clauses[0], *[lower_first(c) for c in clauses[1:]]]) if clauses else ""
    if "change_in_points" in by_code:
        threshold = _number(by_code["change_in_points"].param("threshold"))
        first += f" ({threshold} % räknat som procentenheter)"
    sentences = [first] if first else []
    if "latest_measurement" in by_code:
        sentences.append(f"Senaste värdet är från {by_code['latest_measurement'].param('year')}")
    if "same_basis_only" in by_code:
        sentences.append("Åren mäts på olika sätt och jämförs inte")
    if "unmeasured_part" in by_code:
        part = str(by_code["unmeasured_part"].param("part")).rstrip(".")
        sentences.append(f"Delen ”{part}” mäts inte och ingår inte i bedömningen")
    return " ".join(f"{capitalize(s)}." for s in sentences)


def _basis_caveat(result: CriterionResult) -> str:
    parts = [
        swedish.year_span(a, b) + (f": {basis}" if basis else "")
        for a, b, basis in segment_years(result.series)
    ]
    return (
        f"Serien för {result.criterion.subject} byter definition ({'; '.join(parts)}); "
        "bedömning och trend använder bara värden med samma definition som det bedömda värdet."
    )


def _series_caveats(result: CriterionResult, year: int) -> list[str]:
    c, current = result.criterion, result.current
    said = "basis_break_in_comparison" in result.flags  # the evidence names both figures
    notes = [_basis_caveat(result)] if has_basis_break(result.series) and not said else []
    if "stale_value" in result.flags and current is not None:
        notes.append(f"Senaste värdet för {c.subject} avser {int(current['year'])}, inte {year}.")
    return notes


def _projection_caveats(p: GoalProjection) -> list[str]:
    notes = []
    if p.clipped:
        notes.append("Trendlinjen och intervallet är avskurna vid indikatorns möjliga värden.")
    if p.beyond_series:
        ahead, span = p.year - p.last_year, p.last_year - p.first_year
        notes.append(
            f"Prognosen för {p.year} ligger {ahead} år efter det sista värdet, längre fram "
            f"än serien sträcker sig ({span} år): en ren framskrivning, inte en prognos att "
            "lita på."
        )
    return notes


def caveats(
    results: list[CriterionResult], headline: CriterionResult | None, year: int
) -> list[str]:
    """Swedish sentences a reader must see next to the status."""
    notes: list[str] = []
    seen: set[tuple] = set()
    for result in results:
        c = result.criterion
        if not c.measurable or not c.tested:
            continue
        if c.series_key not in seen:
            seen.add(c.series_key)
            notes += _series_caveats(result, year)
        if "mixed_periods" in result.flags:
            when = [
                f"{int(row['year'])} ({row['period'] or 'ingen tidpunkt angiven'})"
                for row in (result.reference, result.current)
                if row is not None
            ]
            notes.append(
                f"Jämförelsen för {c.subject} avser olika tidpunkter: {' och '.join(when)}."
            )
    if headline is not None and headline.projection is not None:
        notes += _projection_caveats(headline.projection)
    return notes


def assessment_sentences(geh: pd.DataFrame, year: int) -> list[str]:
    """The GEH assessments as sentences. ``geh`` columns: area, assessment (the report's
    words: Bra, Ok, Har brister)."""
    if geh.empty:
        return [f"Data saknar GEH-bedömningar för {year}."]
    parts = [f"{row['area']} {row['assessment']}" for _, row in geh.iterrows()]
    return [f"Bokslutets samlade GEH-bedömning för {year}: {join_words(parts)}."]


def comparison_year_sentence(year: int) -> str:
    """Why no goal is judged for a year without its own report (a comparison year)."""
    return (
        f"{year} är ett jämförelseår utan eget bokslut i data; eftersom ett års mål bara gäller "
        f"det året bedöms inga mål för {year}, och sidan visar det som data räcker till."
    )


def comparison_label(agreement: str, more_positive: bool | None) -> str:
    """The comparison of the bokslut's word with the computed status, in a few words."""
    if agreement == "disagree":
        return "bokslutet mer positivt" if more_positive else "bokslutet försiktigare"
    return AGREEMENT_LABELS[agreement]


def target_words(direction: str, threshold: float, unit: str) -> str:
    """A target level in words: "högst 5 procent", "minst 75"; a share's end of scale
    needs no word ("100 procent", not "minst 100 procent")."""
    shown = format_quantity(threshold, unit, decimals_needed([threshold]))
    if unit == "procent" and (threshold, direction) in ((100, "at_least"), (0, "at_most")):
        return shown
    word = "högst" if direction == "at_most" else "minst"
    return f"{word} {shown}"


def status_count(n: int, status: str) -> str:
    """A count of goals with a status: "1 uppfyllt", "7 ej uppfyllda"."""
    return f"{n} {STATUS_SINGULARS[status] if n == 1 else STATUS_PLURALS[status]}"


# The order statuses are counted in.
STATUS_ORDER = ("met", "partial", "on_track", "uncertain", "off_track", "not_met", "not_assessable")


def goal_tag(area: str, number: int, status_label: str) -> str:
    """A goal and its status as the table, the list and the charts name it: "Näringsliv
    och högskola, mål 1: osäker"."""
    return f"{area}, mål {number}: {status_label}"


def goal_item_head(number: int, status_label: str) -> str:
    """A goal's head in the list under its area's heading: "Mål 1: osäker"."""
    return f"Mål {number}: {status_label}"


def part_table_lead(parts: int, summary: str | None = None) -> str:
    """The line of a goal whose parts follow in a table, after the parts in one sentence
    (``summary``, :func:`ksanalys.present.text.goal_parts.parts_summary`) where there is one."""
    lead = f"Målet prövas i {parts} delar, var för sig; se tabellen."
    return f"{summary} {lead}" if summary else lead


def part_table_caption(area: str, number: int, year: int) -> str:
    return f"{area}, mål {number}: utfall per del {year}"


PART_COLUMNS = {"part": "Utfall", "rule": "Målet", "result": "Resultat"}


def goal_table_caption(year: int, follow_ups: int, distinct: int) -> str:
    """The goal table's caption, with how many follow-ups of how many distinct goals."""
    if follow_ups == distinct:
        return f"KF-mål {year}: analysens bedömning"
    return f"KF-mål {year}: analysens bedömning ({follow_ups} uppföljningar av {distinct} mål)"


def status_colour_legend() -> str:
    """One line under the goals table saying what its status colours mean (the fills and
    frames of :data:`ksanalys.present.plots.policy.STATUS_STYLES`)."""
    return (
        "Färger i kolumnen Analysens bedömning: blå = uppfyllt, gul = delvis uppfyllt, orange = "
        "ej uppfyllt, lila = osäker, grå = kan inte bedömas; streckad ram = målåret "
        "har inte kommit (blå på väg, grå osäker, röd inte på väg)."
    )


def namesake_area_sentence(area: str, word: str, other: str, n_goals: int) -> str:
    """An assessed area without goals beside an area of goals that begins with its name:
    what the word is about (names as shown)."""
    return (
        f"{word} för {area} är bokslutets bedömning av nämndens egen {area.lower()}, som inte "
        f"har några KF-mål. De {n_goals} målen under {other} är kommunfullmäktiges mål; "
        "bokslutet ger dem ingen samlad bedömning."
    )
