"""Compute stage: the tables of one year's goal assessments (codes and numbers only).

Built by :func:`~ksanalys.compute.goals.assessment.build_assessments`; the Swedish words
for the codes are in :mod:`ksanalys.present.text.goals`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from ksanalys.values import plain, rounded

from .status import REPORT_STATUS, STATUSES, report_is_more_positive

if TYPE_CHECKING:
    from .assessment import GoalAssessment

__all__ = [
    "AREA_COLUMNS",
    "CRITERIA_COLUMNS",
    "DISTINCT_COLUMNS",
    "GEH_COLUMNS",
    "GOAL_COLUMNS",
    "areas_frame",
    "criteria_frame",
    "differing_pairs",
    "distinct_frame",
    "geh_frame",
    "goal_dict",
    "goals_frame",
    "projections_frame",
    "records",
]

GOAL_COLUMNS = (
    "id",
    "area",
    "number",
    "goal",
    "indicator",
    "scope",
    "report_assessment",
    "report_status",
    "computed_status",
    "agreement",
    "report_more_positive",
    "projection_year",
    "projection_value",
    "projection_low",
    "projection_high",
    "projection_has_interval",
    "projection_clears_target",
    "prospect_basis",
    "same_goal_as",
    "flags",
    "interpretations",
    "notes",
)
# One row per distinct goal: the first measurement's id, every measurement's id and status
# (", "-joined, in order), how many, and the status they share (blank when they differ).
DISTINCT_COLUMNS = ("goal_id", "goal_ids", "n_measured", "statuses", "status")
CRITERIA_COLUMNS = (
    "goal_id", "criterion", "role", "indicator", "scope", "comparison", "direction",
    "threshold", "horizon", "outcome", "year", "value", "reference_year", "reference_value",
    "change", "projection_target", "prospect", "prospect_basis", "flags",
)  # fmt: skip
AREA_COLUMNS = ("report_year", "area", "report_assessment", "n_goals", *STATUSES)
GEH_COLUMNS = ("report_year", "area", "assessment")


def _more_positive(a: GoalAssessment) -> bool | None:
    if a.agreement != "disagree" or a.report_assessment is None:
        return None
    return report_is_more_positive(a.report_assessment, a.status)


def records(frame: pd.DataFrame) -> list[dict]:
    """The rows of ``frame`` as plain dicts (missing values None), for JSON."""
    return [{k: plain(v) for k, v in row.items()} for row in frame.to_dict("records")]


def goal_dict(a: GoalAssessment) -> dict:
    """One goal in the published JSON shape (codes and numbers)."""
    headline = a.headline
    p = headline.projection if headline is not None else None
    projection = None
    if p is not None:
        projection = {"year": p.year, "value": rounded(p.value, 4), "low": rounded(p.low, 4),
                      "high": rounded(p.high, 4)}  # fmt: skip
    c = headline.criterion if headline is not None else None
    return {
        "id": a.id,
        "area": a.area,
        "goal": a.goal,
        "indicator": c.indicator if c is not None else None,
        "scope": c.scope if c is not None else None,
        "report_assessment": a.report_assessment,
        "computed_status": a.status,
        "agreement": a.agreement,
        "interpretations": [i.to_dict() for i in a.interpretations],
        "projection": projection,
        "projection_clears_target": p.clears_target if p is not None else None,
        "same_goal_as": a.same_as,
        "criteria": [_part_dict(r) for r in a.results if r.criterion.measurable],
        "report_quotes": [{"kind": q.kind, "quote": q.quote, "value": q.value} for q in a.quotes],
        "status_with_other_figure": [{"value": v, "status": s} for v, s in a.alternatives],
        "status_with_year_value": a.figure_status,
        "printings_found_wrong": [{"printed": p, "right": r} for p, r in a.settled],
        "readings": [{"before": b, "value": v, "status": s} for b, v, s in a.readings],
        "likeliest_value": a.likeliest,
        "flags": list(a.flags),
    }


def _part_dict(r) -> dict:
    """One criterion of a goal in the published JSON shape (codes and numbers)."""
    record = _criterion_record(r)
    return {k: plain(record[k]) for k in CRITERIA_COLUMNS if k not in ("goal_id", "threshold")}


def goals_frame(judged: list[GoalAssessment]) -> pd.DataFrame:
    records = []
    for a in judged:
        h = a.headline
        p = h.projection if h is not None else None
        records.append(
            {
                "id": a.id,
                "area": a.area,
                "number": a.number,
                "goal": a.goal,
                "indicator": h.criterion.indicator if h is not None else None,
                "scope": h.criterion.scope if h is not None else None,
                "report_assessment": a.report_assessment,
                "report_status": REPORT_STATUS.get(a.report_assessment or ""),
                "computed_status": a.status,
                "agreement": a.agreement,
                "report_more_positive": _more_positive(a),
                "projection_year": p.year if p is not None else None,
                "projection_value": p.value if p is not None else None,
                "projection_low": p.low if p is not None else None,
                "projection_high": p.high if p is not None else None,
                "projection_has_interval": p.has_interval if p is not None else None,
                "projection_clears_target": p.clears_target if p is not None else None,
                "prospect_basis": h.prospect_basis if h is not None else None,
                "same_goal_as": a.same_as,
                "flags": ", ".join(a.flags),
                "interpretations": ", ".join(dict.fromkeys(i.code for i in a.interpretations)),
                "notes": " ".join(r.criterion.note for r in a.results if r.criterion.note),
            }
        )
    frame = pd.DataFrame.from_records(records, columns=list(GOAL_COLUMNS))
    text = [c for c in GOAL_COLUMNS if c not in _NON_TEXT]
    return frame.astype(
        {
            **{c: "str" for c in text},
            "report_more_positive": "boolean",
            "number": "int64",
            "projection_year": "Int64",
            "projection_value": "float64",
            "projection_low": "float64",
            "projection_high": "float64",
            "projection_has_interval": "boolean",
            "projection_clears_target": "boolean",
        }
    )


_NON_TEXT = {
    "number",
    "report_more_positive",
    "projection_year",
    "projection_value",
    "projection_low",
    "projection_high",
    "projection_has_interval",
    "projection_clears_target",
}


def _criterion_record(r) -> dict:
    c = r.criterion
    return {
        "goal_id": c.goal_id,
        "criterion": c.number,
        "role": c.role,
        "indicator": c.indicator,
        "scope": c.scope,
        "comparison": c.comparison,
        "direction": c.direction,
        "threshold": c.threshold,
        "horizon": c.horizon,
        "outcome": r.outcome,
        "year": None if r.current is None else int(r.current["year"]),
        "value": None if r.current is None else float(r.current["value"]),
        "reference_year": None if r.reference is None else int(r.reference["year"]),
        "reference_value": None if r.reference is None else float(r.reference["value"]),
        "change": r.change,
        "projection_target": r.target,
        "prospect": r.prospect,
        "prospect_basis": r.prospect_basis,
        "flags": ", ".join(r.flags),
    }


def criteria_frame(judged: list[GoalAssessment]) -> pd.DataFrame:
    """One row per criterion of every goal (columns :data:`CRITERIA_COLUMNS`)."""
    records = [_criterion_record(r) for a in judged for r in a.results]
    frame = pd.DataFrame.from_records(records, columns=list(CRITERIA_COLUMNS))
    return frame.astype(
        {
            "criterion": "int64",
            "year": "Int64",
            "reference_year": "Int64",
            "threshold": "float64",
            "value": "float64",
            "reference_value": "float64",
            "change": "float64",
            "projection_target": "float64",
        }
    )


def distinct_frame(judged: list[GoalAssessment]) -> pd.DataFrame:
    """One row per distinct goal (columns :data:`DISTINCT_COLUMNS`)."""
    groups: dict[str, list[GoalAssessment]] = {}
    for a in judged:
        groups.setdefault(a.same_as or a.id, []).append(a)
    records = []
    for first, members in groups.items():
        statuses = [a.status for a in members]
        records.append(
            {
                "goal_id": first,
                "goal_ids": ", ".join(a.id for a in members),
                "n_measured": len(members),
                "statuses": ", ".join(statuses),
                "status": statuses[0] if len(set(statuses)) == 1 else None,
            }
        )
    frame = pd.DataFrame.from_records(records, columns=list(DISTINCT_COLUMNS))
    return frame.astype({"n_measured": "int64", "goal_id": "str", "goal_ids": "str"})


def differing_pairs(distinct: pd.DataFrame) -> list[tuple[str, str]]:
    """The two statuses (first follow-up, second) of each distinct goal measured twice whose
    follow-ups differ (``distinct``: :func:`distinct_frame`)."""
    rows = distinct.loc[distinct["status"].isna() & (distinct["n_measured"] == 2), "statuses"]
    return [(first, second) for first, second in (str(s).split(", ") for s in rows)]


def projections_frame(judged: list[GoalAssessment]) -> pd.DataFrame:
    frames = []
    for a in judged:
        h = a.headline
        if h is None or h.projection is None:
            continue
        band = h.projection.band
        frames.append(band.assign(goal_id=a.id, criterion=h.criterion.number))
    columns = ["goal_id", "criterion", "year", "value", "low", "high", "kind"]
    if not frames:
        return pd.DataFrame(
            {
                "goal_id": pd.Series(dtype="str"),
                "criterion": pd.Series(dtype="int64"),
                "year": pd.Series(dtype="int64"),
                "value": pd.Series(dtype="float64"),
                "low": pd.Series(dtype="float64"),
                "high": pd.Series(dtype="float64"),
                "kind": pd.Series(dtype="str"),
            }
        )
    return pd.concat(frames, ignore_index=True)[columns]


def areas_frame(assessments: pd.DataFrame, judged: list[GoalAssessment], year: int) -> pd.DataFrame:
    rows = assessments.loc[(assessments["level"] == "area") & (assessments["report_year"] <= year)]
    records = [
        {
            "report_year": int(r["report_year"]),
            "area": str(r["area"]),
            "report_assessment": str(r["assessment"]),
        }
        for r in rows.to_dict("records")
    ]
    listed = {(r["report_year"], r["area"]) for r in records}
    for area in dict.fromkeys(a.area for a in judged):
        if (year, area) not in listed:
            records.append({"report_year": year, "area": area, "report_assessment": None})
    for record in records:
        members = [a for a in judged if a.area == record["area"]]
        counted = record["report_year"] == year and members
        record["n_goals"] = len(members) if counted else None
        for status in STATUSES:
            record[status] = sum(a.status == status for a in members) if counted else None
    frame = pd.DataFrame.from_records(records, columns=list(AREA_COLUMNS))
    frame = frame.sort_values("report_year", kind="stable", ignore_index=True)
    return frame.astype(
        {
            "report_year": "int64",
            "area": "str",
            "report_assessment": "str",
            **{c: "Int64" for c in ("n_goals", *STATUSES)},
        }
    )


def geh_frame(assessments: pd.DataFrame, year: int) -> pd.DataFrame:
    rows = assessments.loc[(assessments["level"] == "geh") & (assessments["report_year"] <= year)]
    frame = pd.DataFrame(
        {
            "report_year": rows["report_year"].astype("int64"),
            "area": rows["area"].astype("str"),
            "assessment": rows["assessment"].astype("str"),
        }
    )
    return frame.sort_values("report_year", kind="stable", ignore_index=True)
