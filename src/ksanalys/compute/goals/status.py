"""Compute stage: judging criteria and goals for one year, and comparing with the report.

A criterion, in the assessed year Y, uses its latest value from Y − max_lag … Y and only
values up to Y (later values are never used to judge Y). A survey measured every other
year is judged on its latest measurement when the rule allows that lag. Its outcome:

- ``pass``: the rule holds (see :mod:`ksanalys.compute.goals.rules` for each comparison).
- ``fail``: it does not, and it had to: horizon ``annual``, or ``target_year`` ≤ Y.
- ``pending``: it does not yet, but may later: ``target_year`` > Y, or ``long_term``;
  horizon ``period`` (a budget period whose end is not printed) is always pending: a goal
  over a period is not met in its first year, only on the way.
- ``missing``: no value for the year, or the comparison value (previous value, base
  year) is missing or has another basis (definition): a change across two definitions
  is never judged.
- ``shown``: a context row without a comparison: its latest value up to Y (of any year)
  is only shown.

A pending criterion has a *prospect* (``on_track``, ``uncertain``, ``off_track``) and the
basis it was decided on (``prospect_basis``):

- ``interval``: a target year ahead and a trend of
  :data:`~.projection.MIN_GOAL_TREND_POINTS` values of one basis: the 95 %
  prediction interval for the target year lies wholly on the target's side (on track),
  wholly on the other side (off track), or around the target (uncertain);
- ``few_points``: a target year ahead and fewer values of one basis than a trend needs
  (at least two): ``uncertain``, whichever way the latest change goes; the text gives the
  values and the change the target requires;
- ``latest_change``: a long-term level without a year, or a change over a budget period:
  the latest change of the same basis moves towards the target (on track) or does not (off
  track);
- ``single_value``: one value of its basis: no prospect (``prospect`` is None). One value
  is not a trend: the part cannot be judged (it is *undecided*, like a missing one).

A criterion at a level (``level``) whose value differs from its target by a factor of
:data:`MISPRINT_FACTOR` or more carries the flag ``implausible_target`` (the target lies far
from the outcome, e.g. 1,2 mkr against a result of 140 mkr; the text says so and for which
targets the result holds, and guesses no cause).

A goal's status combines its *test* criteria (context criteria are shown, not counted).
Parts that cannot be judged (*undecided*: ``missing``, or pending on a single value) do
not count either way: the status follows the parts that can be judged (*decided*), and
the goal carries the flag ``part_not_assessable`` (see :func:`undecided`):

1. no decided test criterion → ``not_assessable``;
2. all decided ``pass`` → ``met``;
3. some ``pending`` and none ``fail`` → the weakest prospect of the pending ones
   (``off_track`` < ``uncertain`` < ``on_track``): a goal whose target lies ahead is never
   ``not_met``;
4. some ``pass``, the others ``fail`` → ``partial`` (delvis uppfyllt);
5. otherwise (all ``fail``, or ``fail`` beside pending parts) → ``not_met``.

Two caps follow, each a named decision:

6. the report prints the judged value more than once and its printings give different
   statuses (:func:`weigh_printings`) → ``uncertain``: the verdict is no stronger than the
   report's own figures (flag ``printings_disagree``);
7. a ``main`` test part (goal_rules.csv, role ``main``) cannot be judged
   (:func:`cap_without_main`) → a ``met`` or ``on_track`` status becomes ``uncertain``: a goal
   does not hold on its minor parts alone (flag ``main_part_not_assessable``).

The report's own words (Bra, Ok, Har brister) are the bokslut's GEH scale (god ekonomisk
hushållning). Each word answers to a class of computed statuses (:data:`REPORT_CLASSES`):
Bra ↔ met; Ok ↔ partial, on_track or uncertain; Har brister ↔ not_met or off_track. The
classes rank Bra > Ok > Har brister. ``agreement`` is ``agree`` when the computed status
lies in the report word's class, ``not_comparable`` when the report has no assessment or
the status is not assessable, else ``disagree`` (``report_is_more_positive`` says which
way).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from .projection import GoalProjection, project_series, value_range
from .rules import Criterion

__all__ = [
    "AGREEMENTS",
    "MISPRINT_FACTOR",
    "OUTCOMES",
    "PROSPECTS",
    "PROSPECT_BASES",
    "REPORT_ASSESSMENTS",
    "REPORT_CLASSES",
    "REPORT_STATUS",
    "STATUSES",
    "CriterionResult",
    "agreement",
    "cap_without_main",
    "combine",
    "evaluate_criterion",
    "implausible_target",
    "report_is_more_positive",
    "undecided",
    "weigh_printings",
]

STATUSES = ("met", "partial", "on_track", "uncertain", "off_track", "not_met", "not_assessable")
OUTCOMES = ("pass", "fail", "pending", "missing", "shown")
PROSPECTS = ("on_track", "uncertain", "off_track")
PROSPECT_BASES = ("interval", "few_points", "latest_change", "single_value")
AGREEMENTS = ("agree", "disagree", "not_comparable")
# A level target this many times larger or smaller than the value it is tested on lies
# far from the outcome (an order of magnitude off): the text says so.
MISPRINT_FACTOR = 10.0
# The report's words, best first, and the computed statuses each one answers to.
REPORT_ASSESSMENTS = ("Bra", "Ok", "Har brister")
REPORT_CLASSES = {
    "Bra": ("met",),
    "Ok": ("partial", "on_track", "uncertain"),
    "Har brister": ("not_met", "off_track"),
}
# The one computed status a report word stands for, where it stands for one.
REPORT_STATUS = {"Bra": "met", "Har brister": "not_met"}
_REPORT_RANK = {"Bra": 2, "Ok": 1, "Har brister": 0}
_RANK = {
    status: _REPORT_RANK[word] for word, statuses in REPORT_CLASSES.items() for status in statuses
}
_PROSPECT_RANK = {"off_track": 0, "uncertain": 1, "on_track": 2}


@dataclass(frozen=True)
class CriterionResult:
    """The outcome of one criterion in one year, with the values it rests on.

    ``current``, ``previous`` (latest earlier value, any basis) and ``reference`` (the
    value compared with, for previous/base comparisons) are rows of the series (or None).
    ``change`` is current − reference, or the value itself for ``change`` comparisons.
    ``target`` is the level the projection is judged against. ``prospect`` and
    ``prospect_basis`` are set for a pending criterion (see the module docstring).
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
    prospect: str | None = None
    prospect_basis: str | None = None
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
    if c.horizon == "period":
        return "pending"
    if holds:
        return "pass"
    if c.horizon == "long_term" or (c.horizon == "target_year" and (c.target_year or 0) > year):
        return "pending"
    return "fail"


def _latest_step(previous: pd.Series | None, current: pd.Series) -> float | None:
    """The change from the previous value of the same basis (None without one)."""
    if previous is None or previous["segment"] != current["segment"]:
        return None
    return float(current["value"]) - float(previous["value"])


def _interval_prospect(c: Criterion, p: GoalProjection) -> str:
    if p.clears_target:
        return "on_track"
    assert p.low is not None and p.high is not None and p.target is not None
    missed = p.high < p.target if c.upward else p.low > p.target
    return "off_track" if missed else "uncertain"


def _prospect(
    c: Criterion, previous: pd.Series | None, current: pd.Series, p: GoalProjection | None
) -> tuple[str | None, str]:
    """(prospect, basis) of a pending criterion (see the module docstring)."""
    ahead = c.horizon == "target_year"
    if ahead and p is not None and p.clears_target is not None:
        return _interval_prospect(c, p), "interval"
    step = _latest_step(previous, current)
    if step is None:
        return None, "single_value"
    if ahead:
        return "uncertain", "few_points"
    if (step > 0) if c.upward else (step < 0):
        return "on_track", "latest_change"
    return "off_track", "latest_change"


def implausible_target(c: Criterion, value: float) -> bool:
    """A level target :data:`MISPRINT_FACTOR` times off the value it is tested on."""
    target = c.threshold
    if c.comparison != "level" or not target or not value or (target > 0) != (value > 0):
        return False
    ratio = value / target
    return max(ratio, 1 / ratio) >= MISPRINT_FACTOR


def evaluate_criterion(c: Criterion, series: pd.DataFrame, year: int) -> CriterionResult:
    """Judge criterion ``c`` on ``series`` (see :mod:`.series`) in ``year``."""
    if not c.measurable:
        return CriterionResult(c, year, "missing", series)
    upto = series.loc[series["year"] <= year]
    # A context row that only shows values shows the latest one, however old.
    recent = upto.loc[upto["year"] >= year - c.max_lag] if c.judged else upto
    if recent.empty:
        return CriterionResult(c, year, "missing", series)
    current = recent.iloc[-1]  # also the latest value up to the year
    flags = ["stale_value"] if int(current["year"]) < year else []
    earlier = upto.loc[upto["year"] < current["year"]]
    previous = earlier.iloc[-1] if not earlier.empty else None
    if not c.judged:
        return CriterionResult(c, year, "shown", series, current, previous, flags=tuple(flags))
    # Segments are contiguous, so this is the run of same-basis values ending now.
    same_basis = upto.loc[upto["segment"] == current["segment"]]
    reference, base, found = _reference(c, upto, current, previous)
    flags += found

    value = float(current["value"])
    if implausible_target(c, value):
        flags.append("implausible_target")
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
    prospect, basis = (
        _prospect(c, previous, current, projection) if outcome == "pending" else (None, None)
    )
    return CriterionResult(
        c, year, outcome, series, current, previous, reference, base, change, target, prospect,
        basis, **partial,
    )  # fmt: skip


def _decided(r: CriterionResult) -> bool:
    return r.outcome in ("pass", "fail") or (r.outcome == "pending" and r.prospect is not None)


def undecided(results: list[CriterionResult]) -> list[CriterionResult]:
    """The measurable test criteria that cannot be judged (missing, or one value only)."""
    return [r for r in results if r.criterion.measurable and r.criterion.tested and not _decided(r)]


def combine(results: list[CriterionResult]) -> str:
    """A goal's status from its test criteria's outcomes (see the module docstring)."""
    decided = [r for r in results if r.criterion.measurable and r.criterion.tested and _decided(r)]
    if not decided:
        return "not_assessable"
    outcomes = {r.outcome for r in decided}
    if outcomes == {"pass"}:
        return "met"
    prospects = [str(r.prospect) for r in decided if r.outcome == "pending"]
    if prospects and "fail" not in outcomes:
        return min(prospects, key=_PROSPECT_RANK.__getitem__)
    return "partial" if "pass" in outcomes else "not_met"


def weigh_printings(status: str, alternatives: tuple[tuple[float, str], ...]) -> str:
    """The status when the report prints the judged value more than once: ``uncertain``
    when another printing (``alternatives``: (value, status it gives)) gives a different
    status than the year's value, else ``status`` unchanged."""
    if any(other != status for _, other in alternatives):
        return "uncertain"
    return status


# The statuses a goal whose main part cannot be judged may not have, and what it has instead.
_WITHOUT_MAIN = {"met": "uncertain", "on_track": "uncertain"}


def cap_without_main(status: str, results: list[CriterionResult]) -> str:
    """``status``, capped at ``uncertain`` when a ``main`` test part cannot be judged."""
    if any(r.criterion.main for r in undecided(results)):
        return _WITHOUT_MAIN.get(status, status)
    return status


def agreement(report_assessment: str | None, status: str) -> str:
    """``agree``, ``disagree`` or ``not_comparable`` (see the module docstring)."""
    if report_assessment is None or status == "not_assessable":
        return "not_comparable"
    return "agree" if status in REPORT_CLASSES[report_assessment] else "disagree"


def report_is_more_positive(report_assessment: str, status: str) -> bool:
    """True when the report's assessment ranks above the computed status."""
    return _REPORT_RANK[report_assessment] > _RANK[status]
