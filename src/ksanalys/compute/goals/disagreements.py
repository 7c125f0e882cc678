"""Compute stage: which way the bokslut's own assessments differ from the computed statuses.

For the follow-ups of a year whose bokslut word and computed status disagree
(:func:`.status.agreement`), :func:`disagreement_directions` says for each whether the
bokslut is more positive than the computation or more cautious, in the report's order.
Codes only; the words are :func:`ksanalys.present.text.goal_counts.direction_clause`.
"""

from __future__ import annotations

import pandas as pd

from .assessment import GoalAssessments
from .status import report_is_more_positive

__all__ = ["DIRECTIONS", "DISAGREEMENT_COLUMNS", "disagreement_directions"]

DIRECTIONS = ("more_positive", "more_cautious")
DISAGREEMENT_COLUMNS = ("id", "area", "number", "report_assessment", "status", "direction")


def disagreement_directions(report: GoalAssessments) -> pd.DataFrame:
    """One row per follow-up whose bokslut word disagrees with the computed status (columns
    :data:`DISAGREEMENT_COLUMNS`; ``direction`` one of :data:`DIRECTIONS`)."""
    rows = [
        {
            "id": a.id,
            "area": a.area,
            "number": a.number,
            "report_assessment": a.report_assessment,
            "status": a.status,
            "direction": (
                "more_positive"
                if report_is_more_positive(str(a.report_assessment), a.status)
                else "more_cautious"
            ),
        }
        for a in report.assessments
        if a.agreement == "disagree"
    ]
    return pd.DataFrame(rows, columns=list(DISAGREEMENT_COLUMNS))
