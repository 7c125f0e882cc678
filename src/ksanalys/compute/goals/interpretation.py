"""Compute stage: the readings a computed status rests on, as codes with parameters.

A goal's wording rarely says exactly how it is measured; each criterion's status rests on
choices that a reader must see beside it. :func:`interpretations` names them (the present
stage words them, :mod:`ksanalys.present.text.goals`):

- ``change_in_points`` (threshold): a change in a share, "2 %", read as percentage points;
- ``latest_measurement`` (year, max_lag): judged on the latest value within the rule's
  allowed lag (statistics published late, surveys every other year), not the year's own;
- ``previous_measurement`` (year): compared with the previous measurement, not the year before;
- ``base_year`` (year): compared with the value of the goal's base year;
- ``printed_change``: judged on the change as the report prints it (the earlier level is
  not printed);
- ``towards_long_term`` (threshold, unit): a long-term level not yet reached, judged on whether
  the value moves towards it;
- ``trend_to_target_year`` (year): a target year still ahead, judged on the trend towards it;
- ``same_basis_only``: the series changes definition; only values of the judged value's
  definition are compared and fitted.
"""

from __future__ import annotations

from dataclasses import dataclass

from .series import has_basis_break
from .status import CriterionResult

__all__ = ["INTERPRETATIONS", "Interpretation", "interpretations"]

INTERPRETATIONS = (
    "change_in_points",
    "latest_measurement",
    "previous_measurement",
    "base_year",
    "printed_change",
    "towards_long_term",
    "trend_to_target_year",
    "same_basis_only",
)


@dataclass(frozen=True)
class Interpretation:
    """One reading: its code (:data:`INTERPRETATIONS`) and parameters as (name, value) pairs."""

    code: str
    params: tuple[tuple[str, float | int | str], ...] = ()

    def param(self, name: str) -> float | int | str | None:
        return dict(self.params).get(name)

    def to_dict(self) -> dict:
        return {"code": self.code, **dict(self.params)}


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
    reference = result.reference
    if c.comparison == "previous" and reference is not None and int(reference["year"]) < year - 1:
        found.append(Interpretation("previous_measurement", (("year", int(reference["year"])),)))
    if c.comparison == "base":
        found.append(Interpretation("base_year", (("year", c.base_year),)))
    if c.comparison == "change":
        found.append(Interpretation("printed_change"))
    if c.horizon == "long_term" and result.outcome == "pending":
        params = (("threshold", c.threshold), ("unit", unit))
        found.append(Interpretation("towards_long_term", params))
    if c.horizon == "target_year" and c.target_year > result.year:
        found.append(Interpretation("trend_to_target_year", (("year", c.target_year),)))
    if has_basis_break(result.series):
        found.append(Interpretation("same_basis_only"))
    return found


def interpretations(results: list[CriterionResult]) -> tuple[Interpretation, ...]:
    """The readings behind a goal's status, each once, in criterion order."""
    return tuple(dict.fromkeys(i for r in results for i in _of(r)))
