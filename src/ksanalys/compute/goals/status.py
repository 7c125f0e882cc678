"""Compute stage: judging criteria and goals for one year, and comparing with the report.

A criterion, in the assessed year Y, uses its latest value from Y − max_lag … Y and only
values up to Y (later values are never used to judge Y). A survey measured every other
year is judged on its latest measurement when the rule allows that lag. Its outcome:

- ``pass``: the rule holds (see :mod:`ksanalys.compute.goals.rules` for each comparison).
- ``fail``: it does not, and it had to: horizon ``annual``, or ``target_year`` ≤ Y.
- ``pending``: it does not yet, but may later: ``target_year`` > Y, or ``long_term``.
- ``missing``: no value for the year, or the comparison value (previous value, base
  year) is missing or has another basis (definition).

A pending criterion shows *progress* when its latest change (from the previous value of
the same basis) moves towards the target, or when the 95 % prediction interval of its
projection to the target year (Y + 1 for long-term targets) clears the target. A
projection needs :data:`~ksanalys.compute.trends.MIN_TREND_POINTS` values of one basis
(see :mod:`.projection`). Progress is unknown (None) with a single value and no interval.

A goal's status combines its criteria:

1. no measurable criterion → ``not_assessable``;
2. all ``pass`` → ``met``;
3. some ``pass``, the others ``fail``, ``missing`` or ``pending`` without progress →
   ``partial`` (delvis uppfyllt);
4. else any ``fail`` → ``not_met``; any ``missing`` → ``not_assessable``;
5. otherwise (some pending): every pending criterion shows progress → ``on_track``; any
   shows none → ``not_met``; else (progress unknown) → ``not_assessable``.

The report's own words (Bra, Ok, Har brister) rank above one another, and the computed
statuses rank met > partial, on_track > not_met. ``agreement`` is ``agree`` for Bra with
met and Har brister with not_met; ``not_comparable`` when the report has no assessment,
the status is not assessable, or the report says Ok and the status lies between met and
not_met (Ok is the report's word and is not read as "on track"); else ``disagree``.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from .projection import GoalProjection, project_series, value_range
from .rules import Criterion

__all__ = [
    "AGREEMENTS",
    "REPORT_ASSESSMENTS",
    "REPORT_STATUS",
    "STATUSES",
    "CriterionResult",
    "agreement",
    "combine",
    "evaluate_criterion",
    "report_is_more_positive",
]

STATUSES = ("met", "partial", "on_track", "not_met", "not_assessable")
AGREEMENTS = ("agree", "disagree", "not_comparable")
# The report's words, best first. Only Bra and Har brister have a computed counterpart.
REPORT_ASSESSMENTS = ("Bra", "Ok", "Har brister")
REPORT_STATUS = {"Bra": "met", "Har brister": "not_met"}
_REPORT_RANK = {"Bra": 2, "Ok": 1, "Har brister": 0}
_RANK = {"not_met": 0, "partial": 1, "on_track": 1, "met": 2}


@dataclass(frozen=True)
class CriterionResult:
    """The outcome of one criterion in one year, with the values it rests on.

    ``current``, ``previous`` (latest earlier value, any basis) and ``reference`` (the
    value compared with, for previous/base comparisons) are rows of the series (or None).
    ``change`` is current − reference, or the value itself for ``change`` comparisons.
    ``target`` is the level the projection is judged against.
    """

    criterion: Criterion
    year: int
    outcome: str
    series: pd.DataFrame
    current: pd.Series | None = None
    previous: pd.Series | None = None
    reference: pd.Series | None = None
    base: pd.Series | None = None
    change: float | None = None
    target: float | None = None
    progress: bool | None = None
    projection: GoalProjection | None = None
    fit_years: tuple[int, ...] = ()
    flags: tuple[str, ...] = field(default=())

    @property
    def comparable_previous(self) -> pd.Series | None:
        """The previous value if it has the current value's basis, else None."""
        if self.current is None or self.previous is None:
            return None
        if self.previous["segment"] != self.current["segment"]:
            return None
        return self.previous

    @property
    def same_basis_count(self) -> int:
        """How many values up to the year share the current value's basis."""
        if self.current is None:
            return 0
        upto = self.series.loc[self.series["year"] <= self.year]
        return int((upto["segment"] == self.current["segment"]).sum())


def _holds(c: Criterion, value: float) -> bool:
    """Whether ``value`` (level, change or own value) satisfies the criterion."""
    if c.threshold is None:  # a plain increase or decrease (levels always have one)
        return value > 0 if c.direction == "increase" else value < 0
    if c.direction == "at_least":
        return value >= c.threshold
    if c.direction == "at_most":
        return value <= c.threshold
    return value >= c.threshold if c.direction == "increase" else value <= -c.threshold


def _target(c: Criterion, current: float, reference: float | None) -> float | None:
    """The level a projection must reach for the criterion to hold."""
    step = c.threshold or 0.0
    signed = step if c.direction == "increase" else -step
    if c.comparison == "level":
        return c.threshold
    if c.comparison == "change":
        return signed
    if c.comparison == "previous":
        return current + signed
    return None if reference is None else reference + signed


def _projection_year(c: Criterion, year: int) -> int | None:
    if c.horizon == "target_year":
        return c.target_year if c.target_year is not None and c.target_year > year else None
    return year + 1


def _project(c: Criterion, fit: pd.DataFrame, year: int, target: float | None):
    projection_year = _projection_year(c, year)
    if projection_year is None:
        return None
    return project_series(
        fit,
        projection_year,
        target=target,
        upward=c.upward,
        inclusive=c.comparison == "level" or c.threshold is not None,
        bounds=value_range(str(fit["unit"].iloc[0])) if "unit" in fit.columns else (None, None),
    )


def _reference(
    c: Criterion, upto: pd.DataFrame, current: pd.Series, previous: pd.Series | None
) -> tuple[pd.Series | None, pd.Series | None, list[str]]:
    """(reference, base, flags): the value ``current`` is compared with, never across a
    basis break."""
    flags: list[str] = []
    base = None
    if c.comparison == "base":
        rows = upto.loc[upto["year"] == c.base_year]
        if not rows.empty and rows.iloc[0]["segment"] == current["segment"]:
            base = rows.iloc[0]
        elif not rows.empty:
            flags.append("basis_break_in_comparison")
    reference = base
    if c.comparison == "previous" and previous is not None:
        if previous["segment"] == current["segment"]:
            reference = previous
        else:
            flags.append("basis_break_in_comparison")
    if reference is not None and reference["period"] != current["period"]:
        flags.append("mixed_periods")
    return reference, base, flags


def _outcome(c: Criterion, holds: bool, year: int) -> str:
    if holds:
        return "pass"
    if c.horizon == "long_term" or (c.horizon == "target_year" and (c.target_year or 0) > year):
        return "pending"
    return "fail"


def _progress(
    c: Criterion,
    value: float,
    previous: pd.Series | None,
    current: pd.Series,
    projection: GoalProjection | None,
) -> bool | None:
    """Whether a pending criterion moves towards its target (None: unknown)."""
    toward = None
    if previous is not None and previous["segment"] == current["segment"]:
        step = value - float(previous["value"])
        toward = step > 0 if c.upward else step < 0
    cleared = projection.clears_target if projection is not None else None
    if toward or cleared:
        return True
    if toward is False or cleared is False:
        return False
    return None


def evaluate_criterion(c: Criterion, series: pd.DataFrame, year: int) -> CriterionResult:
    """Judge criterion ``c`` on ``series`` (see :mod:`.series`) in ``year``."""
    if not c.measurable:
        return CriterionResult(c, year, "missing", series)
    upto = series.loc[series["year"] <= year]
    recent = upto.loc[upto["year"] >= year - c.max_lag]
    if recent.empty:
        return CriterionResult(c, year, "missing", series)
    current = recent.iloc[-1]  # also the latest value up to the year
    flags = ["stale_value"] if int(current["year"]) < year else []
    earlier = upto.loc[upto["year"] < current["year"]]
    previous = earlier.iloc[-1] if not earlier.empty else None
    # Segments are contiguous, so this is the run of same-basis values ending now.
    same_basis = upto.loc[upto["segment"] == current["segment"]]
    reference, base, found = _reference(c, upto, current, previous)
    flags += found

    value = float(current["value"])
    target = _target(c, value, None if reference is None else float(reference["value"]))
    projection = _project(c, same_basis, year, target)
    fit_years = tuple(int(y) for y in same_basis["year"]) if projection is not None else ()
    if projection is not None:
        flags.extend(projection.flags)
    partial = {"projection": projection, "fit_years": fit_years, "flags": tuple(flags)}
    if c.comparison in ("previous", "base") and reference is None:
        return CriterionResult(c, year, "missing", series, current, previous, None, base, **partial)

    change = value - float(reference["value"]) if reference is not None else None
    if c.comparison == "change":
        change = value
    measured = value if c.comparison == "level" or change is None else change
    outcome = _outcome(c, _holds(c, measured), year)
    progress = _progress(c, value, previous, current, projection) if outcome == "pending" else None
    return CriterionResult(
        c, year, outcome, series, current, previous, reference, base, change, target, progress,
        **partial,
    )  # fmt: skip


def _pending_status(pending: list[CriterionResult]) -> str:
    progress = [r.progress for r in pending]
    if all(p is True for p in progress):
        return "on_track"
    if any(p is False for p in progress):
        return "not_met"
    return "not_assessable"


def combine(results: list[CriterionResult]) -> str:
    """A goal's status from its criteria's outcomes (see the module docstring)."""
    measurable = [r for r in results if r.criterion.measurable]
    if not measurable:
        return "not_assessable"
    outcomes = {r.outcome for r in measurable}
    if outcomes == {"pass"}:
        return "met"
    pending = [r for r in measurable if r.outcome == "pending"]
    stalled = any(r.progress is not True for r in pending)
    if "pass" in outcomes and (outcomes & {"fail", "missing"} or stalled):
        return "partial"
    if "fail" in outcomes:
        return "not_met"
    if "missing" in outcomes:
        return "not_assessable"
    return _pending_status(pending)


def agreement(report_assessment: str | None, status: str) -> str:
    """``agree``, ``disagree`` or ``not_comparable`` (see the module docstring)."""
    if report_assessment is None or status == "not_assessable":
        return "not_comparable"
    if REPORT_STATUS.get(report_assessment) == status:
        return "agree"
    if _REPORT_RANK[report_assessment] == _RANK[status]:
        return "not_comparable"  # Ok beside partial or on_track: neither confirmed nor not
    return "disagree"


def report_is_more_positive(report_assessment: str, status: str) -> bool:
    """True when the report's assessment ranks above the computed status."""
    return _REPORT_RANK[report_assessment] > _RANK[status]
