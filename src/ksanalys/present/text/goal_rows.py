"""Present stage: the goals of one year in Swedish words, one row per goal.

:func:`goal_rows` adds to the computed goals table (codes, see
:mod:`ksanalys.compute.goals.frames`) the columns a reader sees: status and agreement in
words, the readings the status rests on, the evidence, the rule, the projection and the
caveats. :func:`goals_json` is the published JSON of ``ksanalys goals --format json``:
the codes and, beside them, the same words. Text from data is not escaped here.
"""

from __future__ import annotations

import pandas as pd

from ksanalys.compute.goals.assessment import GoalAssessment, GoalAssessments
from ksanalys.present.text import goals as words

__all__ = ["WORD_COLUMNS", "goal_rows", "goal_words", "goals_json"]

WORD_COLUMNS = (
    "status_label",
    "agreement_label",
    "agreement_note",
    "interpretation",
    "evidence",
    "rule",
    "projection_text",
    "caveats",
)


def goal_words(a: GoalAssessment, year: int, more_positive: bool | None) -> dict[str, str]:
    """The Swedish words of one goal (keys :data:`WORD_COLUMNS`; "" where there is none)."""
    results = list(a.results)
    return {
        "status_label": words.STATUS_LABELS[a.status],
        "agreement_label": words.AGREEMENT_LABELS[a.agreement],
        "agreement_note": words.agreement_note(
            a.report_assessment, a.status, a.agreement, more_positive
        ),
        "interpretation": words.interpretation_text(a.interpretations),
        "evidence": words.goal_evidence(results, year),
        "rule": words.rule_text(results),
        "projection_text": words.projection_text(a.headline) or "",
        "caveats": " ".join(words.caveats(results, a.headline, year)),
    }


def goal_rows(report: GoalAssessments) -> pd.DataFrame:
    """``report.goals`` with the columns :data:`WORD_COLUMNS` (str) added."""
    goals = report.goals
    more = goals["report_more_positive"] if not goals.empty else pd.Series(dtype="boolean")
    rows = [
        goal_words(a, report.year, None if pd.isna(m) else bool(m))
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
