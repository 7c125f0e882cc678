"""Compute stage: the KF-mål judged from data, beside the report's own assessment.

Each goal's measurable rule is data (goal_rules.csv, see :mod:`.rules`); a goal's status in
a year (met, partial, on_track, not_met, not_assessable) follows :mod:`.status`, with the
readings it rests on (:mod:`.interpretation`); its trend is projected to the target year
with :func:`ksanalys.compute.trends.fit_trend` (:mod:`.projection`). Results are codes and
numbers; the Swedish words are written by :mod:`ksanalys.present.text.goals`.

Notebook use::

    report = assess_goals(ds, 2013)
    report.goals, report.areas, report.geh, report.to_dict()
    area_contrasts(report)  # areas whose goals all fail (or all hold) against the area's word
    disagreement_directions(report)  # which way each disagreeing bokslut word leans
    goal_series(ds, "naringsliv-1", 2013)
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the same names, for readers and type checkers
    from .areas import area_contrasts
    from .assessment import (
        GoalAssessment,
        GoalAssessments,
        assess_goals,
        build_assessments,
        goal_series,
    )
    from .disagreements import disagreement_directions
    from .frames import differing_pairs
    from .rules import Criterion, parse_rules, validate_rules
    from .status import AGREEMENTS, REPORT_STATUS, STATUSES

# Names exported by the package and the module that holds each. They are imported on first
# use, so that ``from ksanalys.compute.goals.rules import validate_rules`` (``ksanalys report``
# checks the rules before any kernel starts) does not pay for statsmodels.
_EXPORTS = {
    "area_contrasts": "areas",
    "disagreement_directions": "disagreements",
    "differing_pairs": "frames",
    "GoalAssessment": "assessment",
    "GoalAssessments": "assessment",
    "assess_goals": "assessment",
    "build_assessments": "assessment",
    "goal_series": "assessment",
    "Criterion": "rules",
    "parse_rules": "rules",
    "validate_rules": "rules",
    "AGREEMENTS": "status",
    "REPORT_STATUS": "status",
    "STATUSES": "status",
}

__all__ = [
    "AGREEMENTS",
    "REPORT_STATUS",
    "STATUSES",
    "Criterion",
    "GoalAssessment",
    "GoalAssessments",
    "area_contrasts",
    "assess_goals",
    "build_assessments",
    "differing_pairs",
    "disagreement_directions",
    "goal_series",
    "parse_rules",
    "validate_rules",
]


def __dir__() -> list[str]:
    return sorted([*globals(), *_EXPORTS])


def __getattr__(name: str):
    if name in _EXPORTS:
        return getattr(importlib.import_module(f".{_EXPORTS[name]}", __name__), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
