"""Present stage: the goals of one year in Swedish words, one row per goal.

:func:`goal_rows` adds to the computed goals table (codes, see
:mod:`ksanalys.compute.goals.frames`) the columns a reader sees: status and agreement in
words, the report's side (its assessment where it differs, the reason it gives, quoted),
the readings the status rests on, the evidence, each part with its own result, the
context shown beside the goal, the rule, the prospect of a target still ahead and the
caveats. :func:`goals_json` is the published JSON of ``ksanalys goals --format json``: the
codes and, beside them, the same words. Text from data is not escaped here.
"""

from __future__ import annotations

import pandas as pd

from ksanalys.compute.goals.assessment import GoalAssessment, GoalAssessments
from ksanalys.compute.goals.status import CriterionResult, undecided
from ksanalys.present.swedish import (
    format_change_size,
    format_number,
    format_pp,
    format_quantity,
)
from ksanalys.present.text import goal_parts as parts
from ksanalys.present.text import goals as words
from ksanalys.present.text.words import capitalize
from ksanalys.values import decimals_needed, is_missing, round_half_up

__all__ = [
    "WORD_COLUMNS",
    "context_texts",
    "goal_notes",
    "goal_rows",
    "goal_words",
    "goals_json",
    "part_texts",
]

WORD_COLUMNS = (
    "status_label",
    "agreement_label",
    "agreement_note",
    "interpretation",
    "evidence",
    "parts",
    "context",
    "rule",
    "projection_text",
    "caveats",
    "same_goal",
)


def _prospects(a: GoalAssessment) -> str:
    texts = [parts.prospect_text(r) for r in a.tested]
    return " ".join(dict.fromkeys(t for t in texts if t))


def goal_notes(a: GoalAssessment, year: int) -> list[str]:
    """The sentences a reader must see beside the status: an implausible target, the
    caveats of the series, the rules' own notes, the values of the year before calculated
    from a printed change and the year's note on the goal (each once)."""
    results = list(a.results)
    notes = [t for r in a.tested if (t := parts.misprint_text(r))]
    notes += [t] if (t := parts.smallest_change_text(a)) else []
    capped = "main_part_not_assessable" in a.flags
    cannot = parts.undecided_text(undecided(results), a.status, main_capped=capped)
    notes += [cannot] if cannot else []
    notes += words.caveats(results, a.headline, year)
    notes += [r.criterion.note for r in results if r.criterion.note]
    notes += parts.calculated_text(a, year)
    notes += [a.note] if a.note else []
    return list(dict.fromkeys(notes))


def _result_class(r: CriterionResult) -> str:
    """A part's result for telling parts apart: failed and off track are one class."""
    against = r.outcome == "fail" or (r.outcome == "pending" and r.prospect == "off_track")
    return "against" if against else parts.part_result(r)


def part_texts(a: GoalAssessment, year: int) -> list[str]:
    """Each measurable test part of a goal as a plain sentence (its result after a dash only
    when the parts' results differ; a part failed and a part off track do not differ, the
    goal's status says the failure once) and, for a target still ahead, how its prospect was
    decided (a later part of the same series gives only its value; a part that rests on
    the latest change says it once, in its change)."""
    seen: set[tuple] = set()
    texts = []
    measured = [r for r in a.tested if r.criterion.measurable]
    differ = len({_result_class(r) for r in measured}) > 1
    for r in measured:
        key = r.criterion.series_key
        level = words.printed_level(r, a.results)
        text = parts.part_text(r, year, repeated=key in seen, with_result=differ, level=level)
        # the part's change already shows its direction: saying it again would say the
        # conclusion twice (reviews r7 B and r9 B, Arbetsgivare mål 4)
        said = r.prospect_basis == "latest_change"
        prospect = None if said else parts.prospect_text(r)
        texts.append(f"{text} {prospect}" if prospect else text)
        seen.add(key)
    return texts


PART_TABLE_MIN = 4
"""A goal with at least this many test parts under one rule shows them as a table."""


def part_table(a: GoalAssessment, year: int) -> pd.DataFrame | None:
    """A frame (columns ``part``: what the data shows, ``rule``: what the part is tested
    against, ``result``: its result in words) for a goal of at least
    :data:`PART_TABLE_MIN` test parts that need no prospect; None for any other goal."""
    tested = [r for r in a.tested if r.criterion.measurable]
    if len(tested) < PART_TABLE_MIN or any(parts.prospect_text(r) for r in tested):
        return None
    return pd.DataFrame(
        {
            "part": [capitalize(parts.part_clause(r, year)) for r in tested],
            "rule": [capitalize(r.criterion.rule_text.rstrip(".")) for r in tested],
            "result": [capitalize(parts.part_result(r)) for r in tested],
        }
    )


def context_texts(a: GoalAssessment, year: int) -> list[str]:
    """Each context part of a goal, one sentence each."""
    return [
        parts.context_text(r, year)
        for r in a.context
        if r.criterion.measurable and not _said_level(r, a)
    ]


def _said_level(r, a: GoalAssessment) -> bool:
    """A context part whose value a printed change of the goal already says it reached."""
    return any(words.printed_level(t, [r]) is not None for t in a.tested)


def _printings(a: GoalAssessment) -> str:
    """The other figures the report prints for the judged value, and the status each gives
    beside the year's value's, in one sentence ("" for none)."""
    current = a.headline.current if a.headline is not None else None
    if current is None or not (a.alternatives or a.settled):
        return ""
    unit = str(current["unit"])
    value = float(current["value"])
    year = int(current["year"])

    def shown(v: float) -> str:
        figures = [v, value, *(p for p, _ in a.settled)]
        return format_quantity(v, unit, decimals_needed(figures))

    status = words.STATUS_LABELS[a.figure_status or a.status]
    if a.readings:
        return _readings(a, status)
    settled = [parts.settled_text(year, shown(p), shown(r), status) for p, r in a.settled]
    others = [(shown(v), words.STATUS_LABELS[s]) for v, s in a.alternatives]
    return " ".join([*settled, parts.printings_text(year, (shown(value), status), others)]).strip()


def _readings(a: GoalAssessment, status: str) -> str:
    """The report's readings of the judged change (the year's own last), in words; the
    figures bare ("4,56 → 4,55"), the change in the unit's change words."""
    assert a.headline is not None and a.headline.current is not None
    previous = a.headline.previous
    if previous is None:
        return ""
    unit = str(a.headline.current["unit"])
    own = (float(previous["value"]), float(a.headline.current["value"]), status)
    every = [*((b, v, words.STATUS_LABELS[s]) for b, v, s in a.readings), own]
    decimals = decimals_needed([x for b, v, _ in every for x in (b, v)])
    changes = {float(round_half_up(v - b, decimals)) for b, v, _ in every}
    change = None
    if len(changes) == 1 and (size := changes.pop()) != 0:
        amount = (
            format_pp(abs(size), decimals)
            if unit == "procent"
            else format_change_size(abs(size), unit, decimals)
        )
        change = f"{'en ökning' if size > 0 else 'en minskning'} med {amount}"
    likeliest = None if a.likeliest is None else format_number(a.likeliest, decimals)
    pairs = [(format_number(b, decimals), format_number(v, decimals), s) for b, v, s in every]
    return parts.readings_text(pairs, change, likeliest)


def _same_goal(a: GoalAssessment, first: GoalAssessment | None, later: list) -> str:
    if first is not None:
        return parts.same_goal_text(first.area, first.number)
    if later:
        return parts.measured_again_text([(b.area, b.number) for b in later])
    return ""


def goal_words(
    a: GoalAssessment,
    year: int,
    more_positive: bool | None,
    first: GoalAssessment | None = None,
    later: list[GoalAssessment] | None = None,
) -> dict[str, str]:
    """The Swedish words of one goal (keys :data:`WORD_COLUMNS`; "" where there is none).

    ``first`` is the earlier measurement of the same KF-mål when ``a`` repeats one;
    ``later`` the later measurements of ``a``'s KF-mål.
    """
    results = list(a.results)
    texts = part_texts(a, year)
    return {
        "status_label": words.STATUS_LABELS[a.status],
        "agreement_label": words.AGREEMENT_LABELS[a.agreement],
        "agreement_note": " ".join(
            t
            for t in (
                parts.report_text(
                    a.report_assessment,
                    a.status,
                    a.agreement,
                    more_positive,
                    a.quotes,
                    figures_said=bool(a.alternatives or a.settled),
                    number=a.number,
                ),
                _printings(a),
            )
            if t
        ),
        "interpretation": words.interpretation_text(a.interpretations),
        "evidence": words.goal_evidence(results, year),
        "parts": " ".join(texts) if len(texts) > 1 else "",
        "context": " ".join(context_texts(a, year)),
        "rule": words.rule_text(results),
        "projection_text": _prospects(a),
        "caveats": " ".join(goal_notes(a, year)),
        "same_goal": _same_goal(a, first, later or []),
    }


def goal_rows(report: GoalAssessments) -> pd.DataFrame:
    """``report.goals`` with the columns :data:`WORD_COLUMNS` (str) added."""
    goals = report.goals
    more = goals["report_more_positive"] if not goals.empty else pd.Series(dtype="boolean")
    by_id = {a.id: a for a in report.assessments}
    later: dict[str, list[GoalAssessment]] = {}
    for a in report.assessments:
        if a.same_as:
            later.setdefault(a.same_as, []).append(a)
    rows = [
        goal_words(
            a,
            report.year,
            None if is_missing(m) else bool(m),
            by_id.get(a.same_as) if a.same_as else None,
            later.get(a.id),
        )
        for a, m in zip(report.assessments, more, strict=True)
    ]
    added = pd.DataFrame.from_records(rows, columns=list(WORD_COLUMNS), index=goals.index)
    return pd.concat([goals, added.astype("str")], axis=1)


def goals_json(report: GoalAssessments) -> dict:
    """The codes of :meth:`GoalAssessments.to_dict` with each goal's words beside them."""
    data = report.to_dict()
    rows = goal_rows(report)
    for item, row in zip(data["goals"], rows.to_dict("records"), strict=True):
        item.update({column: row[column] for column in WORD_COLUMNS})
    return data
