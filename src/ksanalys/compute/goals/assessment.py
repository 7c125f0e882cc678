"""All goals of one year: computed status, evidence, projection, the report's assessment.

:func:`assess_goals` is the entry point for notebooks and the command line. The goals of
year Y are those of the report for Y; for a year without a report of its own (2012 in the
shipped data) the goals of the nearest later report are judged on the data up to Y and
``report_assessment`` is None.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import pandas as pd

from ksanalys.errors import KsanalysError
from ksanalys.present.text.goals import (
    AGREEMENT_LABELS,
    STATUS_LABELS,
    agreement_note,
    caveats,
    goal_evidence,
    join_words,
    projection_text,
)

from .rules import Criterion, validate_rules
from .series import criterion_series, has_basis_break
from .status import (
    REPORT_STATUS,
    STATUSES,
    CriterionResult,
    agreement,
    combine,
    evaluate_criterion,
)

__all__ = [
    "GOAL_COLUMNS",
    "GoalAssessment",
    "GoalAssessments",
    "assess_goals",
    "build_assessments",
    "goal_series",
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
    "status_label",
    "agreement",
    "agreement_label",
    "agreement_note",
    "evidence",
    "rule",
    "projection_year",
    "projection_value",
    "projection_low",
    "projection_high",
    "projection_has_interval",
    "projection_clears_target",
    "projection_text",
    "flags",
    "caveats",
    "notes",
)
AREA_COLUMNS = ("report_year", "area", "report_assessment", "n_goals", *STATUSES)
GEH_COLUMNS = ("report_year", "area", "assessment")


@dataclass(frozen=True)
class GoalAssessment:
    """One goal judged in one year."""

    id: str
    area: str
    number: int
    goal: str
    report_year: int
    report_assessment: str | None
    status: str
    agreement: str
    evidence: str
    results: tuple[CriterionResult, ...]
    headline: CriterionResult | None
    flags: tuple[str, ...]
    caveats: tuple[str, ...]

    @property
    def rule(self) -> str:
        texts = [r.criterion.rule_text.rstrip(".") for r in self.results]
        if not texts:
            return ""
        if not any(r.criterion.measurable for r in self.results):
            return f"Kan inte bedömas från data: {texts[0]}."
        return f"Målet är {join_words(texts)}."


@dataclass(frozen=True)
class GoalAssessments:
    """The goals of one year.

    ``goals``: one row per goal, columns :data:`GOAL_COLUMNS`. ``areas``: the report's area
    assessments for the year and earlier years, with the computed statuses counted per
    area for the year (columns :data:`AREA_COLUMNS`). ``geh``: the report's GEH summary
    for the year and earlier (columns :data:`GEH_COLUMNS`). ``criteria``: one row per
    criterion with its outcome. ``projections``: the fitted line and projection per goal's
    headline criterion (goal_id, criterion, year, value, low, high, kind).
    """

    year: int
    assessments: tuple[GoalAssessment, ...]
    goals: pd.DataFrame
    areas: pd.DataFrame
    geh: pd.DataFrame
    criteria: pd.DataFrame
    projections: pd.DataFrame

    def to_dict(self) -> dict:
        """The published JSON shape (see ``ksanalys goals --format json``)."""
        return {
            "year": self.year,
            "goals": [_goal_dict(a) for a in self.assessments],
            "areas": _records(self.areas),
            "geh": _records(self.geh),
        }


def _plain(value: object) -> object:
    if value is None or value is pd.NA:
        return None
    if isinstance(value, float) and math.isnan(value):
        return None
    return value.item() if hasattr(value, "item") else value


def _round(value: float | None, digits: int = 4) -> float | None:
    return None if value is None else round(float(value), digits)


def _records(frame: pd.DataFrame) -> list[dict]:
    return [{k: _plain(v) for k, v in row.items()} for row in frame.to_dict("records")]


def _goal_dict(a: GoalAssessment) -> dict:
    headline = a.headline
    projection = None
    if headline is not None and headline.projection is not None:
        p = headline.projection
        projection = {
            "year": p.year,
            "value": _round(p.value),
            "low": _round(p.low),
            "high": _round(p.high),
        }
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
        "evidence": a.evidence,
        "rule": a.rule,
        "projection": projection,
        "projection_clears_target": (
            headline.projection.clears_target
            if headline is not None and headline.projection is not None
            else None
        ),
        "flags": list(a.flags),
        "caveats": list(a.caveats),
    }


def _headline(results: list[CriterionResult]) -> CriterionResult | None:
    """The criterion a goal's indicator and projection are shown for: the first with a
    target (target year or long term), else the first measurable one."""
    measurable = [r for r in results if r.criterion.measurable]
    for result in measurable:
        if result.criterion.horizon in ("target_year", "long_term"):
            return result
    return measurable[0] if measurable else None


def _goal_flags(results: list[CriterionResult], headline: CriterionResult | None) -> list[str]:
    flags: list[str] = []
    if not results:
        flags.append("no_rule")
    elif not any(r.criterion.measurable for r in results):
        flags.append("unmeasurable")
    for result in results:
        if result.criterion.measurable and has_basis_break(result.series):
            flags.append("basis_break")
        flags.extend(f for f in result.flags if f not in ("two_points", "beyond_series"))
    if headline is not None:
        if headline.projection is not None:
            flags.extend(headline.projection.flags)
        elif headline.current is not None:
            c = headline.criterion
            if c.horizon == "target_year" and c.target_year <= headline.year:
                flags.append("target_year_reached")
            else:
                flags.append("one_point")  # a single value of its basis: nothing to fit
    return list(dict.fromkeys(flags))


def _goal_list(goals: pd.DataFrame, year: int) -> tuple[pd.DataFrame, bool]:
    """The goals to judge in ``year`` and whether they are that year's own report's."""
    report_years = sorted(int(y) for y in goals["report_year"].unique())
    if not report_years:
        return goals, False
    if year in report_years:
        chosen = year
    else:
        later = [y for y in report_years if y > year]
        chosen = later[0] if later else report_years[-1]
    rows = goals.loc[goals["report_year"] == chosen].sort_values(["area", "number"], kind="stable")
    order = list(dict.fromkeys(goals.loc[goals["report_year"] == chosen, "area"]))
    rows = rows.assign(_order=rows["area"].map({a: i for i, a in enumerate(order)}))
    rows = rows.sort_values(["_order", "number"], kind="stable").drop(columns="_order")
    return rows, chosen == year


def build_assessments(
    *,
    year: int,
    goals: pd.DataFrame,
    rules: dict[str, tuple[Criterion, ...]],
    indicators: pd.DataFrame,
    assessments: pd.DataFrame,
) -> GoalAssessments:
    """Judge every goal of ``year`` (see :func:`assess_goals`) from plain tables."""
    rows, own_report = _goal_list(goals, year)
    judged = []
    for record in rows.to_dict("records"):
        goal_id = str(record["goal_id"])
        results = [
            evaluate_criterion(c, criterion_series(indicators, c) if c.measurable else _EMPTY, year)
            for c in rules.get(goal_id, ())
        ]
        status = combine(results)
        report_assessment = record["report_assessment"] if own_report else None
        if not isinstance(report_assessment, str):
            report_assessment = None
        headline = _headline(results)
        judged.append(
            GoalAssessment(
                id=goal_id,
                area=str(record["area"]),
                number=int(record["number"]),
                goal=str(record["goal"]),
                report_year=int(record["report_year"]),
                report_assessment=report_assessment,
                status=status,
                agreement=agreement(report_assessment, status),
                evidence=goal_evidence(results, year),
                results=tuple(results),
                headline=headline,
                flags=tuple(_goal_flags(results, headline)),
                caveats=tuple(caveats(results, headline, year)),
            )
        )
    return GoalAssessments(
        year=year,
        assessments=tuple(judged),
        goals=_goals_frame(judged),
        areas=_areas_frame(assessments, judged, year),
        geh=_geh_frame(assessments, year),
        criteria=_criteria_frame(judged),
        projections=_projections_frame(judged),
    )


_EMPTY = pd.DataFrame(
    {
        "year": pd.Series(dtype="int64"),
        "period": pd.Series(dtype="str"),
        "value": pd.Series(dtype="float64"),
        "unit": pd.Series(dtype="str"),
        "basis": pd.Series(dtype="str"),
        "segment": pd.Series(dtype="int64"),
        "source": pd.Series(dtype="str"),
        "note": pd.Series(dtype="str"),
    }
)


def _goals_frame(judged: list[GoalAssessment]) -> pd.DataFrame:
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
                "report_status": REPORT_STATUS.get(a.report_assessment),
                "computed_status": a.status,
                "status_label": STATUS_LABELS[a.status],
                "agreement": a.agreement,
                "agreement_label": AGREEMENT_LABELS[a.agreement],
                "agreement_note": agreement_note(a.report_assessment, a.status, a.agreement),
                "evidence": a.evidence,
                "rule": a.rule,
                "projection_year": p.year if p is not None else None,
                "projection_value": p.value if p is not None else None,
                "projection_low": p.low if p is not None else None,
                "projection_high": p.high if p is not None else None,
                "projection_has_interval": p.has_interval if p is not None else None,
                "projection_clears_target": p.clears_target if p is not None else None,
                "projection_text": projection_text(h),
                "flags": ", ".join(a.flags),
                "caveats": " ".join(a.caveats),
                "notes": " ".join(r.criterion.note for r in a.results if r.criterion.note),
            }
        )
    frame = pd.DataFrame.from_records(records, columns=list(GOAL_COLUMNS))
    text = [c for c in GOAL_COLUMNS if c not in _NON_TEXT]
    return frame.astype(
        {
            **{c: "str" for c in text},
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
    "projection_year",
    "projection_value",
    "projection_low",
    "projection_high",
    "projection_has_interval",
    "projection_clears_target",
}


def _criteria_frame(judged: list[GoalAssessment]) -> pd.DataFrame:
    records = []
    for a in judged:
        for r in a.results:
            c = r.criterion
            records.append(
                {
                    "goal_id": a.id,
                    "criterion": c.number,
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
                    "reference_value": (
                        None if r.reference is None else float(r.reference["value"])
                    ),
                    "change": r.change,
                    "projection_target": r.target,
                    "progress": r.progress,
                    "flags": ", ".join(r.flags),
                }
            )
    frame = pd.DataFrame.from_records(
        records,
        columns=[
            "goal_id", "criterion", "indicator", "scope", "comparison", "direction",
            "threshold", "horizon", "outcome", "year", "value", "reference_year",
            "reference_value", "change", "projection_target", "progress", "flags",
        ],
    )  # fmt: skip
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
            "progress": "boolean",
        }
    )


def _projections_frame(judged: list[GoalAssessment]) -> pd.DataFrame:
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


def _areas_frame(
    assessments: pd.DataFrame, judged: list[GoalAssessment], year: int
) -> pd.DataFrame:
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


def _geh_frame(assessments: pd.DataFrame, year: int) -> pd.DataFrame:
    rows = assessments.loc[(assessments["level"] == "geh") & (assessments["report_year"] <= year)]
    frame = pd.DataFrame(
        {
            "report_year": rows["report_year"].astype("int64"),
            "area": rows["area"].astype("str"),
            "assessment": rows["assessment"].astype("str"),
        }
    )
    return frame.sort_values("report_year", kind="stable", ignore_index=True)


def assess_goals(ds, year: object) -> GoalAssessments:
    """Judge every KF-mål of ``year`` from the data in ``ds`` (a loaded Dataset).

    Raises :class:`~ksanalys.errors.YearNotInDataError` for a year the data does not cover.
    """
    year = ds.require_year(year)
    return build_assessments(
        year=year,
        goals=ds.goals,
        rules=validate_rules(ds),
        indicators=ds.indicators,
        assessments=ds.assessments,
    )


SERIES_OUTPUT_COLUMNS = (
    "goal_id",
    "criterion",
    "indicator",
    "scope",
    "subject",
    "year",
    "period",
    "value",
    "unit",
    "basis",
    "segment",
    "basis_break",
    "in_fit",
    "after_year",
    "target",
    "target_year",
    "direction",
)


def goal_series(ds, goal_id: str, year: object = None) -> pd.DataFrame:
    """The values behind one goal, for plotting: one row per criterion's series and year.

    Columns :data:`SERIES_OUTPUT_COLUMNS`. ``year`` (default: the data's last year) is the
    assessed year: ``in_fit`` marks the values its projection is fitted on, ``after_year``
    the values after it (outcomes to compare a projection with, never used to judge it).
    ``target`` is the criterion's fixed target level where it has one (levels and changes
    from a base year), else NaN. Several criteria may share one series (the rows repeat).
    """
    assessed = ds.require_year(year if year is not None else max(ds.years))
    rules = validate_rules(ds)
    if goal_id not in rules:
        known = ", ".join(sorted(rules))
        raise KsanalysError(f"okänt mål {goal_id!r}; mål med regler: {known}")
    frames = []
    for c in rules[goal_id]:
        if not c.measurable:
            continue
        series = criterion_series(ds.indicators, c)
        result = evaluate_criterion(c, series, assessed)
        target = result.target if c.comparison in ("level", "base") else None
        frames.append(
            series.assign(
                goal_id=goal_id,
                criterion=c.number,
                indicator=c.indicator,
                scope=c.scope,
                subject=c.subject,
                basis_break=has_basis_break(series),
                in_fit=series["year"].isin(result.fit_years),
                after_year=series["year"] > assessed,
                target=math.nan if target is None else target,
                target_year=c.target_year,
                direction=c.direction,
            )
        )
    if not frames:
        return pd.DataFrame(columns=list(SERIES_OUTPUT_COLUMNS))
    frame = pd.concat(frames, ignore_index=True)[list(SERIES_OUTPUT_COLUMNS)]
    return frame.astype({"target_year": "Int64", "target": "float64"})
