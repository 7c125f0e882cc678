"""Compute stage: the readings a computed status rests on, as codes with parameters.

A goal's wording rarely says exactly how it is measured; each criterion's status rests on
choices that a reader must see beside it. :func:`interpretations` names them (the present
stage words them, :mod:`ksanalys.present.text.goals`):

- ``change_in_points`` (threshold): a change in a share, "2 %", read as percentage points;
- ``latest_measurement`` (year, max_lag): judged on the latest value within the rule's
  allowed lag (statistics published late, surveys every other year), not the year's own;
- ``previous_year`` (year): compared with the year before;
- ``previous_measurement`` (year): compared with the previous measurement, not the year before;
- ``level_in_year`` (threshold, unit, direction; subject when the goal has several series):
  the year's value against the target level;
- ``base_year`` (year): compared with the value of the goal's base year;
- ``printed_change``: judged on the change as the report prints it (the earlier level is
  not printed);
- ``towards_long_term`` (threshold, unit, direction): a long-term level not yet reached,
  judged on whether the value moves towards it;
- ``within_period``: a goal over a budget period that has not ended (its end is not
  printed), judged on whether the value moved the goal's way: on the way, not yet met;
- ``trend_to_target_year`` (year): a target year still ahead, judged on the trend towards it;
- ``same_basis_only``: the series changes definition; only values of the judged value's
  definition are compared and fitted;
- ``not_measurable``: the goal has no measurable criterion (its rule says why);
- ``unmeasured_part`` (part): a part of the goal's words that the data cannot measure (a
  context row without indicator; ``part`` is its rule text), so the status leaves it out.
"""

from __future__ import annotations

from dataclasses import dataclass

from .series import has_basis_break
from .status import CriterionResult

__all__ = ["INTERPRETATIONS", "Interpretation", "interpretations"]

INTERPRETATIONS = (
    "change_in_points",
    "latest_measurement",
    "previous_year",
    "previous_measurement",
    "level_in_year",
    "base_year",
    "printed_change",
    "towards_long_term",
    "within_period",
    "trend_to_target_year",
    "same_basis_only",
    "not_measurable",
    "unmeasured_part",
)


@dataclass(frozen=True)
class Interpretation:
    """One reading: its code (:data:`INTERPRETATIONS`) and parameters as (name, value) pairs."""

    code: str
    params: tuple[tuple[str, float | int | str | None], ...] = ()

    def param(self, name: str) -> float | int | str | None:
        return dict(self.params).get(name)

    def to_dict(self) -> dict:
        return {"code": self.code, **dict(self.params)}


def _comparison(result: CriterionResult, unit: str, year: int) -> list[Interpretation]:
    """How the value is compared: with which earlier value, or with which level."""
    c = result.criterion
    found = []
    reference = result.reference
    if c.comparison == "previous" and reference is not None:
        before = int(reference["year"])
        code = "previous_year" if before == year - 1 else "previous_measurement"
        found.append(Interpretation(code, (("year", before),)))
    if c.comparison == "base":
        found.append(Interpretation("base_year", (("year", c.base_year),)))
    if c.comparison == "change":
        found.append(Interpretation("printed_change"))
    if c.horizon == "period":
        found.append(Interpretation("within_period"))
    if c.comparison == "level":
        level = (("threshold", c.threshold), ("unit", unit), ("direction", c.direction))
        if result.outcome == "pending" and c.horizon == "long_term":
            found.append(Interpretation("towards_long_term", level))
        elif result.outcome != "pending" or c.horizon == "annual":
            found.append(Interpretation("level_in_year", level))
    return found


def _of(result: CriterionResult) -> list[Interpretation]:
    c = result.criterion
    if not c.measurable or result.current is None:
        return []
    found = []
    unit = str(result.current["unit"])
    year = int(result.current["year"])
    if c.comparison in ("base", "previous") and c.threshold and unit == "procent":
        found.append(Interpretation("change_in_points", (("threshold", c.threshold),)))
    if year < result.year:
        found.append(Interpretation("latest_measurement", (("year", year), ("max_lag", c.max_lag))))
    found += _comparison(result, unit, year)
    if c.horizon == "target_year" and (c.target_year or 0) > result.year:
        found.append(Interpretation("trend_to_target_year", (("year", c.target_year),)))
    if has_basis_break(result.series):
        found.append(Interpretation("same_basis_only"))
    return found


def interpretations(results: list[CriterionResult]) -> tuple[Interpretation, ...]:
    """The readings behind a goal's status (its test criteria), each once, in order."""
    if results and not any(r.criterion.measurable for r in results if r.criterion.tested):
        return (Interpretation("not_measurable"),)
    tested = [r for r in results if r.criterion.tested]
    several = len({r.criterion.series_key for r in tested if r.criterion.measurable}) > 1
    found = [_part_level(i, r) if several else i for r in tested for i in _of(r)]
    found += [
        Interpretation("unmeasured_part", (("part", r.criterion.rule_text),))
        for r in results
        if not r.criterion.tested and not r.criterion.measurable
    ]
    return tuple(dict.fromkeys(found))


def _part_level(i: Interpretation, result: CriterionResult) -> Interpretation:
    """A level that only one of a goal's several series is tested against names that
    series (``subject``), so the level does not read as the whole goal's."""
    if i.code != "level_in_year":
        return i
    return Interpretation(i.code, (*i.params, ("subject", result.criterion.subject)))
