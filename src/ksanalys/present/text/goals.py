"""Swedish text for goal assessments: the evidence sentence, projection text and caveats.

The evidence is one sentence: what the data shows for each series the goal is judged on
(value, previous value, change), then "; målet är …" with the rule. Numbers follow
:mod:`ksanalys.present.swedish` (decimal comma, no-break spaces, true minus); values carry as
many decimals as the data (at most two), changes of percentages are in procentenheter.
"""

from __future__ import annotations

import math

import pandas as pd

from ksanalys.compute.goals.projection import GoalProjection
from ksanalys.compute.goals.series import has_basis_break, segment_years
from ksanalys.compute.goals.status import REPORT_STATUS, CriterionResult, report_is_more_positive
from ksanalys.present import swedish
from ksanalys.present.swedish import UNITLESS, format_change, format_quantity
from ksanalys.present.text.words import capitalize, join_words

__all__ = [
    "AGREEMENT_LABELS",
    "STATUS_LABELS",
    "agreement_note",
    "assessment_sentences",
    "caveats",
    "decimals_for",
    "goal_evidence",
    "projection_text",
]

STATUS_LABELS = {
    "met": "uppfyllt",
    "on_track": "på väg",
    "not_met": "ej uppfyllt",
    "not_assessable": "kan inte bedömas",
}
AGREEMENT_LABELS = {
    "agree": "stämmer överens",
    "disagree": "avviker",
    "not_comparable": "går inte att jämföra",
}
_NBSP = swedish.NBSP


def decimals_for(values: list[float], most: int = 2) -> int:
    """Decimals needed to show ``values`` as given (e.g. 6.39 → 2, 71.8 → 1, 83 → 0)."""
    needed = 0
    for value in values:
        if value is None or math.isnan(value):
            continue
        text = repr(round(float(value), most))
        if "." in text and not text.endswith(".0"):
            needed = max(needed, len(text.split(".")[1]))
    return min(needed, most)


def _at(value: float, unit: str, year: int, decimals: int) -> str:
    """A value and its year: "6,39 procent 2012", "58 år 2011"."""
    word = " år " if unit in UNITLESS else " "
    return f"{format_quantity(value, unit, decimals)}{word}{year}"


def _row_value(row: pd.Series | None) -> float | None:
    return None if row is None else float(row["value"])


def _series_clause(results: list[CriterionResult], year: int) -> str:
    """What the data shows for one series, judged by the criteria in ``results``."""
    first = results[0]
    subject = first.criterion.subject
    current = first.current
    if current is None:
        lag = max(r.criterion.max_lag for r in results)
        when = str(year) if lag == 0 else f"{year - lag}–{year}"
        return f"uppgift om {subject} saknas för {when}"
    unit = str(current["unit"])
    comparisons = {r.criterion.comparison for r in results}
    previous = first.comparable_previous
    bases = [r.base for r in results if r.base is not None]
    decimals = decimals_for(
        [_row_value(current), _row_value(previous)] + [_row_value(b) for b in bases]
    )
    value = float(current["value"])
    cur_year = int(current["year"])
    if comparisons == {"change"}:
        return f"{subject} var {_at(value, unit, cur_year, decimals)}"
    movement = bool(comparisons & {"previous", "base"}) or any(
        r.criterion.horizon == "long_term" for r in results
    )
    if movement and previous is not None:
        before = float(previous["value"])
        diff = value - before
        prev_year = int(previous["year"])
        if format_change(diff, unit, decimals) == format_change(0.0, unit, decimals):
            clause = (
                f"{subject} låg kvar på {format_quantity(value, unit, decimals)} "
                f"både {prev_year} och {cur_year}"
            )
        else:
            verb = "ökade" if diff > 0 else "minskade"
            clause = (
                f"{subject} {verb} från {_at(before, unit, prev_year, decimals)} till "
                f"{_at(value, unit, cur_year, decimals)} ({format_change(diff, unit, decimals)})"
            )
    else:
        clause = f"{subject} var {_at(value, unit, cur_year, decimals)}"
        if "previous" in comparisons:
            if first.previous is not None:
                clause += f", men värdet för {int(first.previous['year'])} har en annan definition"
            else:
                clause += ", utan något tidigare värde att jämföra med"
    for result in results:
        c = result.criterion
        if c.comparison != "base":
            continue
        if result.base is None:
            reason = (
                "har en annan definition"
                if "basis_break_in_comparison" in result.flags
                else "saknas"
            )
            clause += f", men värdet för jämförelseåret {c.base_year} {reason}"
            continue
        goal_level = ""
        if c.horizon == "target_year" and result.target is not None:
            goal_level = (
                f", målnivå {format_quantity(result.target, unit, decimals)} {c.target_year}"
            )
        if c.base_year == cur_year:
            clause += f" ({c.base_year} är målets basår{goal_level})"
        elif previous is None or c.base_year != int(previous["year"]):
            since = format_change(result.change, unit, decimals)
            clause += f", {since} jämfört med {c.base_year}" + (
                f" ({goal_level[2:]})" if goal_level else ""
            )
        elif goal_level:
            clause += f" ({goal_level[2:]})"
    return clause


def goal_evidence(results: list[CriterionResult], year: int) -> str:
    """The goal's evidence in one Swedish sentence."""
    if not results:
        return (
            "Det finns ingen regel för målet i goal_rules.csv, så det kan inte bedömas från data."
        )
    if not any(r.criterion.measurable for r in results):
        reason = results[0].criterion.rule_text.rstrip(".")
        return f"Målet kan inte bedömas från data: {reason}."
    groups: dict[tuple, list[CriterionResult]] = {}
    for result in results:
        groups.setdefault(result.criterion.series_key, []).append(result)
    clauses = [_series_clause(group, year) for group in groups.values()]
    rules = [r.criterion.rule_text.rstrip(".") for r in results]
    facts = join_words(clauses)
    if len(clauses) > 1 and any("," in clause for clause in clauses):
        facts = ", ".join(clauses[:-1]) + ", och " + clauses[-1]
    return f"{capitalize(facts)}; målet är {join_words(rules)}."


def _projection_decimals(result: CriterionResult) -> int:
    unit = str(result.series["unit"].iloc[0])
    decimals = decimals_for(list(result.series["value"]))
    return decimals if unit == "antal" else max(decimals, 1)


def projection_text(result: CriterionResult | None) -> str | None:
    """One Swedish sentence on the projection of ``result`` (None without projection)."""
    if result is None or result.projection is None:
        return None
    p: GoalProjection = result.projection
    unit = str(result.series["unit"].iloc[0])
    decimals = _projection_decimals(result)
    point = _at(p.value, unit, p.year, decimals)
    if not p.has_interval:
        return (
            f"Linjen genom {p.first_year} och {p.last_year} pekar mot {point}, "
            "utan prognosintervall eftersom det bara finns två värden."
        )
    low = swedish.format_number(p.low, decimals)
    interval = f"{low}–{format_quantity(p.high, unit, decimals)}"
    text = (
        f"Trenden {p.first_year}–{p.last_year} pekar mot {point} (95 % prognosintervall {interval})"
    )
    if p.target is not None:
        verdict = "hela intervallet klarar" if p.clears_target else "intervallet klarar inte säkert"
        text += f"; {verdict} målnivån {format_quantity(p.target, unit, decimals)}"
    return text + "."


def caveats(
    results: list[CriterionResult], headline: CriterionResult | None, year: int
) -> list[str]:
    """Swedish sentences a reader must see next to the status."""
    notes: list[str] = []
    seen: set[tuple] = set()
    for result in results:
        c = result.criterion
        if not c.measurable:
            continue
        current = result.current
        if c.series_key not in seen:
            seen.add(c.series_key)
            if has_basis_break(result.series):
                parts = [
                    (f"{a}" if a == b else f"{a}–{b}") + (f": {basis}" if basis else "")
                    for a, b, basis in segment_years(result.series)
                ]
                notes.append(
                    f"Serien för {c.subject} byter definition ({'; '.join(parts)}); "
                    "bedömning och trend använder bara värden med samma definition som det "
                    "bedömda värdet."
                )
            if "stale_value" in result.flags:
                notes.append(
                    f"Senaste värdet för {c.subject} avser {int(current['year'])}, inte {year}."
                )
            if "basis_break_in_comparison" in result.flags:
                notes.append(
                    f"Jämförelsevärdet för {c.subject} har en annan definition och används inte."
                )
        if "mixed_periods" in result.flags:
            when = [
                f"{int(row['year'])} ({row['period'] or 'ingen tidpunkt angiven'})"
                for row in (result.reference, current)
            ]
            notes.append(
                f"Jämförelsen för {c.subject} avser olika tidpunkter: {' och '.join(when)}."
            )
    if headline is not None and headline.projection is not None:
        p = headline.projection
        if not p.has_interval:
            notes.append("Prognosen bygger på bara två värden och saknar prognosintervall.")
        if p.beyond_series:
            ahead = p.year - p.last_year
            span = p.last_year - p.first_year
            notes.append(
                f"Prognosen för {p.year} ligger {ahead} år efter det sista värdet, längre fram "
                f"än serien sträcker sig ({span} år): en ren framskrivning, inte en prognos att "
                "lita på."
            )
    return notes


def agreement_note(report_assessment: str | None, status: str, agreement: str) -> str:
    """Why the report's assessment and the computed status differ, in Swedish ("" if not)."""
    label = STATUS_LABELS[status]
    if agreement == "agree":
        return ""
    if report_assessment is None:
        return "Bokslutet har ingen bedömning av målet för året."
    if agreement == "not_comparable":
        return (
            f"Bokslutet bedömer målet som {report_assessment}; "
            "data räcker inte för en beräknad bedömning."
        )
    mapped = STATUS_LABELS[REPORT_STATUS[report_assessment]]
    if report_is_more_positive(report_assessment, status):
        return (
            f"Bokslutets {report_assessment} ({mapped}) är mer positivt än beräkningen ({label})."
        )
    return f"Bokslutets {report_assessment} ({mapped}) är försiktigare än beräkningen ({label})."


def assessment_sentences(geh: pd.DataFrame, year: int) -> list[str]:
    """The GEH assessments as sentences. ``geh`` columns: area, assessment (the report's
    words: Bra, Ok, Har brister)."""
    if geh.empty:
        return [f"Data saknar GEH-bedömningar för {year}."]
    parts = [f"{row['area']}: {row['assessment']}" for _, row in geh.iterrows()]
    return [f"Den samlade GEH-bedömningen för kommunstyrelsen {year} är " + "; ".join(parts) + "."]
