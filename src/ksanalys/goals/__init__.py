"""Mål och lägesbedömning: the KF-mål judged from data, beside the report's own assessment.

Each goal's measurable rule is data (goal_rules.csv, see :mod:`.rules`); a goal's status in
a year (met, on_track, not_met, not_assessable) follows :mod:`.status`; its trend is
projected to the target year with :func:`ksanalys.trends.fit_trend` (:mod:`.projection`);
the Swedish evidence sentence is written by :mod:`.evidence`.

Notebook use::

    report = assess_goals(ds, 2013)
    report.goals, report.areas, report.geh, report.to_dict()
    goal_series(ds, "naringsliv-1", 2013)
"""

from __future__ import annotations

from .evidence import AGREEMENT_LABELS, STATUS_LABELS
from .report import GoalAssessment, GoalReport, assess_goals, build_report, goal_series
from .rules import Criterion, parse_rules
from .status import AGREEMENTS, REPORT_STATUS, STATUSES

__all__ = [
    "AGREEMENTS",
    "AGREEMENT_LABELS",
    "REPORT_STATUS",
    "STATUSES",
    "STATUS_LABELS",
    "Criterion",
    "GoalAssessment",
    "GoalReport",
    "assess_goals",
    "build_report",
    "goal_series",
    "parse_rules",
]
