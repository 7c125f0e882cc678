"""Goal rules: the measurable criteria behind each KF-mål, as read from goal_rules.csv.

One row of goal_rules.csv is one criterion; a goal is met only when all its criteria are.
A criterion names one indicator series (indicator, scope, period) and how it is judged:

- ``comparison`` ``previous``: the change from the previous observation (surveys every
  other year compare with the one before); ``base``: the change from the value of
  ``base_year``; ``level``: the value itself against ``threshold``; ``change``: the
  indicator already *is* a change over the year (e.g. an amortisation), judged by its sign.
- ``direction`` ``increase``/``decrease`` (with ``previous``, ``base``, ``change``): the
  change must be positive/negative, or at least ``threshold`` in size when one is given.
  ``at_least``/``at_most`` (with ``level``): value ≥ / ≤ ``threshold``.
- ``horizon`` ``annual``: must hold in the assessed year; ``target_year``: must hold by
  ``target_year``; ``long_term``: must hold eventually (no year).
- ``max_lag``: how many years older than the assessed year the latest value may be
  (statistics published a year late); blank = 0.

A row without ``indicator`` says the goal cannot be assessed from data; its ``rule_text``
gives the reason and it must be the goal's only row.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import pandas as pd

from ksanalys.errors import DataError

__all__ = [
    "COMPARISONS",
    "DIRECTIONS",
    "HORIZONS",
    "RULES_FILE",
    "Criterion",
    "parse_rules",
]

RULES_FILE = "goal_rules.csv"
COMPARISONS = ("previous", "base", "level", "change")
DIRECTIONS = ("increase", "decrease", "at_least", "at_most")
HORIZONS = ("annual", "target_year", "long_term")

_DIRECTIONS_OF = {
    "previous": ("increase", "decrease"),
    "base": ("increase", "decrease"),
    "change": ("increase", "decrease"),
    "level": ("at_least", "at_most"),
}
_HORIZONS_OF = {
    "previous": ("annual",),
    "change": ("annual",),
    "base": ("annual", "target_year"),
    "level": HORIZONS,
}
_MEASURE_COLUMNS = (
    "scope",
    "period",
    "comparison",
    "direction",
    "threshold",
    "base_year",
    "target_year",
    "horizon",
    "max_lag",
)


@dataclass(frozen=True)
class Criterion:
    """One criterion of a goal; see the module docstring for the meaning of each field."""

    goal_id: str
    number: int
    indicator: str | None
    scope: str | None
    period: str | None
    comparison: str | None
    direction: str | None
    threshold: float | None
    base_year: int | None
    target_year: int | None
    horizon: str | None
    max_lag: int
    subject: str
    rule_text: str
    note: str | None

    @property
    def measurable(self) -> bool:
        return self.indicator is not None

    @property
    def upward(self) -> bool:
        """True when a higher value is better (increase, at_least)."""
        return self.direction in ("increase", "at_least")

    @property
    def series_key(self) -> tuple[str | None, str | None, str | None]:
        return (self.indicator, self.scope, self.period)


def _text(value: object) -> str | None:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    return str(value)


def _number(value: object) -> float | None:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    return float(value)


def _integer(value: object) -> int | None:
    number = _number(value)
    return None if number is None else int(number)


def parse_rules(frame: pd.DataFrame, indicators: pd.DataFrame) -> dict[str, tuple[Criterion, ...]]:
    """Criteria by goal id, in criterion order, checked for consistency.

    ``frame`` is the loaded goal_rules table, ``indicators`` the loaded indicators table
    (every measurable criterion must name an (indicator, scope) that has values).
    Inconsistent rows raise :class:`DataError` with the row's line number.
    """
    known = set(zip(indicators["indicator"], indicators["scope"], strict=True))
    by_goal: dict[str, list[Criterion]] = {}
    for position, record in enumerate(frame.to_dict("records")):
        line = position + 2
        criterion = Criterion(
            goal_id=str(record["goal_id"]),
            number=int(record["criterion"]),
            indicator=_text(record["indicator"]),
            scope=_text(record["scope"]),
            period=_text(record["period"]),
            comparison=_text(record["comparison"]),
            direction=_text(record["direction"]),
            threshold=_number(record["threshold"]),
            base_year=_integer(record["base_year"]),
            target_year=_integer(record["target_year"]),
            horizon=_text(record["horizon"]),
            max_lag=_integer(record["max_lag"]) or 0,
            subject=_text(record["subject"]) or "",
            rule_text=str(record["rule_text"]),
            note=_text(record["note"]),
        )
        _check(criterion, record, line, known)
        by_goal.setdefault(criterion.goal_id, []).append(criterion)
    result = {}
    for goal_id, criteria in by_goal.items():
        ordered = tuple(sorted(criteria, key=lambda c: c.number))
        if len(ordered) > 1 and not all(c.measurable for c in ordered):
            raise DataError(
                RULES_FILE,
                "att ett mål utan indikator (kan inte bedömas) bara har en rad",
                column="indicator",
                found=goal_id,
            )
        result[goal_id] = ordered
    return result


def _check(c: Criterion, record: dict, line: int, known: set) -> None:
    def fail(column: str, expected: str) -> None:
        value = record[column]
        found = None if _text(value) is None else value
        raise DataError(RULES_FILE, expected, row=line, column=column, found=found)

    if not c.measurable:
        for column in _MEASURE_COLUMNS:
            if _text(record[column]) is not None:
                fail(column, "en tom cell när indikator saknas (målet kan inte bedömas)")
        return
    for column in ("scope", "comparison", "direction", "horizon", "subject"):
        if _text(record[column]) is None:
            fail(column, "ett värde när indikator är angiven")
    if (c.indicator, c.scope) not in known:
        fail("scope", f"ett scope som har värden för indikatorn {c.indicator} i indicators.csv")
    if c.direction not in _DIRECTIONS_OF[c.comparison]:
        fail("direction", "ett av " + ", ".join(_DIRECTIONS_OF[c.comparison]))
    if c.horizon not in _HORIZONS_OF[c.comparison]:
        fail("horizon", "ett av " + ", ".join(_HORIZONS_OF[c.comparison]))
    if c.comparison == "level" and c.threshold is None:
        fail("threshold", "en nivå (threshold) för jämförelsen level")
    if c.comparison != "level" and c.threshold is not None and c.threshold < 0:
        fail("threshold", "en förändringens minsta storlek, noll eller större")
    if (c.comparison == "base") != (c.base_year is not None):
        fail("base_year", "ett basår för jämförelsen base och bara där")
    if (c.horizon == "target_year") != (c.target_year is not None):
        fail("target_year", "ett målår för horisonten target_year och bara där")
    if c.max_lag < 0:
        fail("max_lag", "ett antal år, noll eller större")
