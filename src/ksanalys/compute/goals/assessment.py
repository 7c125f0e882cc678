"""Compute stage: all goals of one year: computed status, projection, the report's words.

:func:`assess_goals` is the entry point for notebooks and the command line. The goals of
year Y are those of the report for Y, and they apply to Y only: for a year without a
report of its own (2012 in the shipped data, a comparison year) no goal is judged
(``own_goals`` is False and ``goals`` is empty). Results are codes and numbers; the
Swedish words are written by :mod:`ksanalys.present.text.goals`.

Where the report prints another figure for the value a goal is judged on (goal_quotes.csv,
``other_figure`` with a value), the goal is judged again with that figure in place of the
year's value (``alternatives``: the figure and the status it gives), so a reader sees
whether the verdict hangs on the report's own contradiction. When the printings give
different statuses the goal is ``uncertain`` (:func:`~.status.weigh_printings`;
``figure_status`` keeps the status of the year's value), unless the granskning settles it:
a printing that the check of the report finds wrong, with the year's value as the right
one (``questioned``, records of :mod:`ksanalys.compute.check.questioned`), is no
alternative but ``settled`` (printed, right), and the goal is judged on the right one.
A printing that comes with its own stated change (goal_quotes.csv ``change``: "minskat med
0,01 procentenhet till 4,55") is a whole reading, not a lone figure: it is judged as that
reading (the year before = figure − change; ``readings``), never settled, and the status
holds when every reading gives it; the granskning's pick among them is only ``likeliest``. A
goal whose ``main`` part cannot be judged is at most ``uncertain``
(:func:`~.status.cap_without_main`).

A KF-mål that a report follows up twice (for the whole kommun and for one office, under
two areas, with the same wording) is one goal measured twice: each measurement keeps its
own row and status, the later ones name the first (``same_as``), and ``distinct`` counts
each goal once.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

import pandas as pd

from ksanalys.compute.derived import values_from_changes
from ksanalys.errors import KsanalysError
from ksanalys.load import Dataset

from .frames import (
    AREA_COLUMNS,
    DISTINCT_COLUMNS,
    GEH_COLUMNS,
    GOAL_COLUMNS,
    areas_frame,
    criteria_frame,
    distinct_frame,
    geh_frame,
    goal_dict,
    goals_frame,
    projections_frame,
    records,
)
from .interpretation import Interpretation, interpretations
from .quotes import GoalQuote, QuoteMap, validate_quotes
from .rules import Criterion, validate_rules
from .series import calculated_before, criterion_series, has_basis_break

if TYPE_CHECKING:  # compute.check imports compute.goals.status: records only, no import
    from ksanalys.compute.check.questioned import QuestionedValue

from .status import (
    CriterionResult,
    agreement,
    cap_without_main,
    combine,
    evaluate_criterion,
    undecided,
    weigh_printings,
)

__all__ = [
    "AREA_COLUMNS",
    "DISTINCT_COLUMNS",
    "GEH_COLUMNS",
    "GOAL_COLUMNS",
    "GoalAssessment",
    "GoalAssessments",
    "assess_goals",
    "build_assessments",
    "goal_series",
]


@dataclass(frozen=True)
class GoalAssessment:
    """One goal judged in one year (codes; see :mod:`.status` and :mod:`.interpretation`)."""

    id: str
    area: str
    number: int
    goal: str
    report_year: int
    report_assessment: str | None
    status: str
    agreement: str
    results: tuple[CriterionResult, ...]
    headline: CriterionResult | None
    flags: tuple[str, ...]
    interpretations: tuple[Interpretation, ...] = ()
    same_as: str | None = None
    quotes: tuple[GoalQuote, ...] = ()
    alternatives: tuple[tuple[float, str], ...] = ()
    figure_status: str | None = None  # the status of the year's value, before the caps
    settled: tuple[tuple[float, float], ...] = ()  # (printing found wrong, right value)
    note: str | None = None  # the year's note on the goal (goals.csv), data text
    readings: tuple[tuple[float, float, str], ...] = ()  # (year before, value, status)
    likeliest: float | None = None  # the year's value the granskning finds likeliest
    # values of the year before calculated from a printed change (subject, value, unit,
    # value now, change; :func:`ksanalys.compute.derived.values_from_changes`)
    calculated: tuple[tuple[str, float, str, float, float], ...] = ()

    @property
    def tested(self) -> tuple[CriterionResult, ...]:
        """The results the status rests on (test criteria)."""
        return tuple(r for r in self.results if r.criterion.tested)

    @property
    def context(self) -> tuple[CriterionResult, ...]:
        """The results shown beside the goal but not tested."""
        return tuple(r for r in self.results if not r.criterion.tested)


@dataclass(frozen=True)
class GoalAssessments:
    """The goals of one year.

    ``goals``: one row per goal, columns :data:`GOAL_COLUMNS`. ``areas``: the report's area
    assessments for the year and earlier years, with the computed statuses counted per
    area for the year (columns :data:`AREA_COLUMNS`). ``geh``: the report's GEH summary
    for the year and earlier (columns :data:`GEH_COLUMNS`). ``criteria``: one row per
    criterion with its outcome. ``projections``: the fitted line and projection per goal's
    headline criterion (goal_id, criterion, year, value, low, high, kind). ``distinct``: one
    row per distinct goal (columns :data:`DISTINCT_COLUMNS`). ``own_goals``: False for a
    year without its own report (no goal judged).
    """

    year: int
    assessments: tuple[GoalAssessment, ...]
    goals: pd.DataFrame
    areas: pd.DataFrame
    geh: pd.DataFrame
    criteria: pd.DataFrame
    projections: pd.DataFrame
    distinct: pd.DataFrame
    own_goals: bool = True

    def to_dict(self) -> dict:
        """The published JSON shape in codes (``ksanalys goals --format json`` adds words)."""
        return {
            "year": self.year,
            "own_goals": self.own_goals,
            "goals": [goal_dict(a) for a in self.assessments],
            "distinct_goals": records(self.distinct),
            "areas": records(self.areas),
            "geh": records(self.geh),
        }


def _headline(results: list[CriterionResult]) -> CriterionResult | None:
    """The criterion a goal's indicator and projection are shown for: the first test
    criterion with a target (target year or long term), else the first measurable test."""
    measurable = [r for r in results if r.criterion.measurable and r.criterion.tested]
    for result in measurable:
        if result.criterion.horizon in ("target_year", "long_term"):
            return result
    return measurable[0] if measurable else None


def _goal_flags(
    results: list[CriterionResult], headline: CriterionResult | None, caps: list[str]
) -> list[str]:
    flags: list[str] = [*caps]
    if not results:
        flags.append("no_rule")
    elif not any(r.criterion.measurable for r in results):
        flags.append("unmeasurable")
    for result in results:
        if not result.criterion.tested:
            continue
        if result.criterion.measurable and has_basis_break(result.series):
            flags.append("basis_break")
        flags.extend(f for f in result.flags if f not in ("beyond_series", "clipped"))
    if undecided(results) and combine(results) != "not_assessable":
        flags.append("part_not_assessable")
    if headline is not None:
        if headline.projection is not None:
            flags.extend(headline.projection.flags)
        elif headline.current is not None:
            c = headline.criterion
            if c.horizon == "target_year" and (c.target_year or 0) <= headline.year:
                flags.append("target_year_reached")
            else:
                flags.append("few_points")  # fewer values of its basis than a trend needs
    return list(dict.fromkeys(flags))


def _goal_list(goals: pd.DataFrame, year: int) -> tuple[pd.DataFrame, bool]:
    """The goals of ``year``'s own report (none for a year without one) and whether it has one."""
    own = goals.loc[goals["report_year"] == year]
    order = {a: i for i, a in enumerate(dict.fromkeys(own["area"]))}
    rows = own.assign(_order=own["area"].map(order))
    rows = rows.sort_values(["_order", "number"], kind="stable").drop(columns="_order")
    return rows, not own.empty


def _same_goals(rows: pd.DataFrame) -> dict[str, str]:
    """goal_id → the id of the first goal of the year with the same wording (later ones)."""
    first: dict[str, str] = {}
    same: dict[str, str] = {}
    for goal_id, text in zip(rows["goal_id"], rows["goal"], strict=True):
        key = " ".join(str(text).split()).rstrip(".").casefold()
        if key in first:
            same[str(goal_id)] = first[key]
        else:
            first[key] = str(goal_id)
    return same


def _with_figure(
    results: list[CriterionResult], value: float, year: int, before: float | None = None
) -> str:
    """The status when the judged value of the goal's headline series in ``year`` is
    ``value`` (another figure the report prints for it) and, for a printing with its own
    stated change, the latest value before it is ``before``."""
    headline = _headline(results)
    if headline is None or headline.current is None:
        return combine(results)
    key, when = headline.criterion.series_key, int(headline.current["year"])
    again = []
    for r in results:
        if r.criterion.series_key != key:
            again.append(r)
            continue
        series = r.series.copy()
        series.loc[series["year"] == when, "value"] = value
        earlier = series["year"] < when
        if before is not None and earlier.any():
            series.loc[series.loc[earlier, "year"].idxmax(), "value"] = before
        again.append(evaluate_criterion(r.criterion, series, year))
    return combine(again)


def _settling(
    results: list[CriterionResult], questioned: Sequence[QuestionedValue]
) -> dict[float, float]:
    """printed → right for the printings of the headline value that the granskning finds
    wrong, where the right value is the year's value the goal is judged on."""
    headline = _headline(results)
    if headline is None or headline.current is None:
        return {}
    c, current = headline.criterion, headline.current
    value, when = float(current["value"]), int(current["year"])
    return {
        q.printed: q.right
        for q in questioned
        if q.verdict == "wrong" and q.right is not None and math.isclose(q.right, value)
        and (q.indicator, q.scope, q.year) == (c.indicator, c.scope, when)
    }  # fmt: skip


@dataclass(frozen=True)
class _Printings:
    """The other printings of a goal's judged value (see the module docstring)."""

    alternatives: tuple[tuple[float, str], ...] = ()
    settled: tuple[tuple[float, float], ...] = ()
    readings: tuple[tuple[float, float, str], ...] = ()
    likeliest: float | None = None


def _alternatives(
    results, quotes, year: int, questioned: Sequence[QuestionedValue] = ()
) -> _Printings:
    """The other printings of the judged value with the status each gives, those the
    granskning settles as (printed, right), and the readings with a stated change."""
    printed = [q for q in quotes if q.kind == "other_figure" and q.value is not None]
    settling = _settling(results, questioned)
    lone = [q.value for q in printed if q.change is None]
    settled = [(v, r) for v in lone for p, r in settling.items() if math.isclose(v, p)]
    wrong = {v for v, _ in settled}
    readings = tuple(
        (q.value - q.change, q.value, _with_figure(results, q.value, year, q.value - q.change))
        for q in printed
        if q.change is not None
    )
    others = tuple((v, _with_figure(results, v, year)) for v in lone if v not in wrong)
    picked = {r for p, r in settling.items() for _, v, _ in readings if math.isclose(v, p)}
    return _Printings(
        alternatives=(*((v, s) for _, v, s in readings), *others),
        settled=tuple(dict.fromkeys(settled)),
        readings=readings,
        likeliest=next(iter(picked)) if len(picked) == 1 else None,
    )


def _capped(results: list[CriterionResult], alternatives) -> tuple[str, list[str]]:
    """The goal's status after the caps of :mod:`.status`, and the flags of those applied."""
    status = combine(results)
    caps: list[str] = []
    if (weighed := weigh_printings(status, alternatives)) != status:
        status, caps = weighed, [*caps, "printings_disagree"]
    if (capped := cap_without_main(status, results)) != status:
        status, caps = capped, [*caps, "main_part_not_assessable"]
    return status, caps


def _judge(
    record: dict, results: list[CriterionResult], printings: _Printings = _Printings(), **extra
) -> GoalAssessment:
    status, caps = _capped(results, printings.alternatives)
    if printings.settled:
        caps = [*caps, "printing_settled"]
    if printings.readings and "printings_disagree" not in caps:
        caps = [*caps, "readings_agree"]
    report_assessment = record["report_assessment"]
    if not isinstance(report_assessment, str):
        report_assessment = None
    headline = _headline(results)
    return GoalAssessment(
        id=str(record["goal_id"]),
        area=str(record["area"]),
        number=int(record["number"]),
        goal=str(record["goal"]),
        report_year=int(record["report_year"]),
        report_assessment=report_assessment,
        status=status,
        agreement=agreement(report_assessment, status),
        results=tuple(results),
        headline=headline,
        flags=tuple(_goal_flags(results, headline, caps)),
        alternatives=printings.alternatives,
        settled=printings.settled,
        readings=printings.readings,
        likeliest=printings.likeliest,
        figure_status=combine(results),
        interpretations=interpretations(results),
        note=note if isinstance(note := record.get("note"), str) and note else None,
        **extra,
    )


def build_assessments(
    *,
    year: int,
    goals: pd.DataFrame,
    rules: dict[str, tuple[Criterion, ...]],
    indicators: pd.DataFrame,
    assessments: pd.DataFrame,
    quotes: QuoteMap | None = None,
    questioned: Sequence[QuestionedValue] = (),
    calculated: pd.DataFrame | None = None,
) -> GoalAssessments:
    """Judge every goal of ``year`` (see :func:`assess_goals`) from plain tables.

    ``quotes`` are the report's passages per (report year, goal id), shown with the goal;
    ``questioned`` the values the granskning questions (settles printings, see above);
    ``calculated`` the values of earlier years a printed change gives
    (:func:`ksanalys.compute.derived.values_from_changes`): a goal whose criteria name such
    a value of the year before carries it.
    """
    rows, own_report = _goal_list(goals, year)
    same = _same_goals(rows)
    judged = []
    for record in rows.to_dict("records"):
        goal_id = str(record["goal_id"])
        results = [
            evaluate_criterion(c, criterion_series(indicators, c) if c.measurable else _EMPTY, year)
            for c in rules.get(goal_id, ())
        ]
        passages = (quotes or {}).get((year, goal_id), ())
        printings = _alternatives(results, passages, year, questioned)
        judged.append(
            _judge(
                record,
                results,
                printings,
                same_as=same.get(goal_id),
                quotes=passages,
                calculated=calculated_before(rules.get(goal_id, ()), calculated, year),
            )
        )
    return GoalAssessments(
        year=year,
        assessments=tuple(judged),
        goals=goals_frame(judged),
        areas=areas_frame(assessments, judged, year),
        geh=geh_frame(assessments, year),
        criteria=criteria_frame(judged),
        projections=projections_frame(judged),
        distinct=distinct_frame(judged),
        own_goals=own_report,
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


def assess_goals(
    ds: Dataset, year: object, questioned: Sequence[QuestionedValue] = ()
) -> GoalAssessments:
    """Judge every KF-mål of ``year`` from the data in ``ds`` (a loaded Dataset).

    ``questioned``: the values the granskning of the year's report questions
    (:func:`ksanalys.compute.check.questioned.questioned_values`); a printing it finds wrong
    then no longer makes a goal uncertain. Raises
    :class:`~ksanalys.errors.YearNotInDataError` for a year the data does not cover.
    """
    assessed = ds.require_year(year)
    return build_assessments(
        year=assessed,
        goals=ds.goals,
        rules=validate_rules(ds),
        indicators=ds.indicators,
        assessments=ds.assessments,
        quotes=validate_quotes(ds),
        questioned=questioned,
        calculated=values_from_changes(ds),
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
