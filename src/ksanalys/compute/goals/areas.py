"""Compute stage: areas that the bokslut rates on one side of their goals' statuses (the key
finding of a goals chapter, e.g. every goal of an area not met while the area is rated Ok,
or an area rated Bra whose goals are not all met).

An area *contrasts* with the bokslut when every goal of the year under it is assessable and
the bokslut's own assessment of the area ranks at or above the class of every goal's
computed status on the GEH scale (:data:`.status.REPORT_CLASSES`; Bra > Ok > Har brister)
and above at least one of them (the bokslut is more positive than its goals), or at or
below every one and below at least one (more cautious). One rule for every area: Ok over 4
goals ej uppfyllda contrasts, and so does Bra over 3 uppfyllda, 1 delvis uppfyllt and 1
osäker; Ok over 1 uppfyllt and 1 ej uppfyllt does not (the word lies between). Codes and
numbers only; the sentence is
:func:`ksanalys.present.text.goal_counts.area_contrast_sentence`.

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


def _leaning(word: str, statuses: dict[str, int]) -> bool | None:
    """True when ``word`` ranks at or above every status's class and above one, False when
    at or below every one and below one, None otherwise (or a status not assessable)."""
    if any(_class_of(s) is None for s in statuses):
        return None
    above = {report_is_more_positive(word, s) for s in statuses}
    below = {s not in REPORT_CLASSES[word] and not report_is_more_positive(word, s)
             for s in statuses}  # fmt: skip
    if True in above and True not in below:
        return True
    if True in below and True not in above:
        return False
    return None


def area_contrasts(report: GoalAssessments) -> pd.DataFrame:
    """The areas of ``report``'s year that the bokslut rates on one side of their goals'
    statuses (see the module docstring), in the report's order (columns
    :data:`AREA_CONTRAST_COLUMNS`; empty when there is none)."""
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
        leaning = _leaning(str(word), statuses)
        if leaning is None:
            continue
        records.append(
            {
                "report_year": report.year,
                "area": row["area"],
                "n_goals": int(n_goals),
                "statuses": statuses,
                "report_assessment": word,
                "report_more_positive": leaning,
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
