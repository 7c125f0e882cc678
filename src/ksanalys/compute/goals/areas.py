"""Compute stage: areas whose goals all fall on one side while the bokslut rates the area
on another (the key finding of a goals chapter, e.g. every goal of an area not met while
the area is rated Ok).

An area *contrasts* with the bokslut when every goal of the year under it is assessable,
every computed status lies in one class of the GEH scale (:data:`.status.REPORT_CLASSES`)
and the bokslut's own assessment of the area is a word of another class. Codes and numbers
only; the sentence is :func:`ksanalys.present.text.goal_counts.area_contrast_sentence`.

:func:`namesake_areas` finds an area the bokslut assesses without goals of its own beside
an area of goals whose name begins with it (the sentence:
:func:`ksanalys.present.text.goals.namesake_area_sentence`).
"""

from __future__ import annotations

import pandas as pd

from ksanalys.values import is_missing

from .assessment import GoalAssessments
from .status import REPORT_CLASSES, STATUSES, report_is_more_positive

__all__ = ["AREA_CONTRAST_COLUMNS", "area_contrasts", "namesake_areas"]

# statuses: status code → number of the area's goals with it (only those that occur);
# n_differing: how many of them the count per KF-mål calls judged differently, because the
# goal's other follow-up (another area, another scope) has another status.
AREA_CONTRAST_COLUMNS = (
    "report_year",
    "area",
    "n_goals",
    "statuses",
    "report_assessment",
    "report_more_positive",
    "n_differing",
)


def _class_of(status: str) -> str | None:
    return next((word for word, members in REPORT_CLASSES.items() if status in members), None)


def area_contrasts(report: GoalAssessments) -> pd.DataFrame:
    """The areas of ``report``'s year whose goals all lie in one class of the GEH scale
    while the bokslut rates the area with a word of another class, in the report's order
    (columns :data:`AREA_CONTRAST_COLUMNS`; empty when there is none)."""
    rows = report.areas.loc[report.areas["report_year"] == report.year]
    distinct = report.distinct
    differing = set(distinct.loc[distinct["status"].isna(), "goal_id"].astype(str))
    records = []
    for row in rows.to_dict("records"):
        word = row["report_assessment"]
        n_goals = row["n_goals"]
        if word not in REPORT_CLASSES or is_missing(n_goals) or not n_goals:
            continue
        statuses = {s: int(row[s]) for s in STATUSES if not is_missing(row[s]) and row[s]}
        classes = {_class_of(s) for s in statuses}
        if len(classes) != 1 or None in classes or word in classes:
            continue
        status = next(iter(statuses))
        records.append(
            {
                "report_year": report.year,
                "area": row["area"],
                "n_goals": int(n_goals),
                "statuses": statuses,
                "report_assessment": word,
                "report_more_positive": report_is_more_positive(word, status),
                "n_differing": sum(
                    1
                    for a in report.assessments
                    if a.area == row["area"] and (a.same_as or a.id) in differing
                ),
            }
        )
    return pd.DataFrame.from_records(records, columns=list(AREA_CONTRAST_COLUMNS))


def _assessed(word: object) -> bool:
    return not is_missing(word) and str(word) not in ("", "nan", "None")


def namesake_areas(areas: pd.DataFrame, year: int) -> list[tuple[str, str, str, int]]:
    """(area, its word, other area, its goals) for an area the bokslut assesses without
    goals of its own beside an area of goals whose name begins with it and that the bokslut
    does not assess ("Ekonomi" – Bra beside "Ekonomi och styrning", 4 goals): a reader
    would take the word for those goals. ``areas``: ``GoalAssessments.areas``."""
    rows = areas.loc[areas["report_year"] == year].to_dict("records")
    found = []
    for r in rows:
        if not _assessed(r["report_assessment"]) or (
            not is_missing(r["n_goals"]) and int(r["n_goals"]) > 0
        ):
            continue
        for other in rows:
            goals = other["n_goals"]
            if (
                str(other["area"]).startswith(f"{r['area']} ")
                and not is_missing(goals)
                and int(goals) > 0
                and not _assessed(other["report_assessment"])
            ):
                found.append(
                    (str(r["area"]), str(r["report_assessment"]), str(other["area"]), int(goals))
                )
    return found
