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
  ``target_year``; ``long_term``: must hold eventually (no year); ``period`` (with
  ``previous``): must hold over a budget period whose end the report does not print, so a
  year inside it is judged by its change (on the way or not), never met or failed yet.
- ``max_lag``: how many years older than the assessed year the latest value may be
  (statistics published a year late); blank = 0.
- ``role`` ``test`` (blank): the goal's status rests on the criterion; ``main``: a test
  criterion the goal chiefly rests on (when it cannot be judged the goal is at most
  uncertain, see :func:`ksanalys.compute.goals.status.cap_without_main`); ``context``: it is
  shown beside the goal with its own result but does not count (a level another body uses,
  a plan's comparison the data cannot make, another figure the report gives). A context row
  may leave comparison, direction and horizon blank: then its values are only shown. A goal
  has at least one test row.

A row without ``indicator`` says the goal cannot be assessed from data; its ``rule_text``
gives the reason and it must be the goal's only row. With ``role`` ``context`` it is instead
a part of the goal's words that the data cannot measure ("lika lön för likvärdiga yrken"),
named beside the status; the goal is judged on its other rows.

A criterion's (indicator, scope) must have values in indicators.csv; a ``period`` must be one
that the series has, and in a year with several rows it must pick one (or one row has no
period). ``target_year`` comes after ``base_year``. :func:`validate_rules` checks the
loaded goal_rules.csv of a data folder and returns its criteria.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import NoReturn

import pandas as pd

from ksanalys.errors import DataError
from ksanalys.load import Dataset, row_lines
from ksanalys.values import is_missing, number_or_none

__all__ = [
    "COMPARISONS",
    "DIRECTIONS",
    "HORIZONS",
    "ROLES",
    "RULES_FILE",
    "Criterion",
    "parse_rules",
    "period_expectation",
    "validate_rules",
]

RULES_FILE = "goal_rules.csv"
ROLES = ("test", "main", "context")
COMPARISONS = ("previous", "base", "level", "change")
DIRECTIONS = ("increase", "decrease", "at_least", "at_most")
HORIZONS = ("annual", "target_year", "long_term", "period")

_DIRECTIONS_OF = {
    "previous": ("increase", "decrease"),
    "base": ("increase", "decrease"),
    "change": ("increase", "decrease"),
    "level": ("at_least", "at_most"),
}
_HORIZONS_OF = {
    "previous": ("annual", "period"),
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
    role: str = "test"

    @property
    def measurable(self) -> bool:
        return self.indicator is not None

    @property
    def tested(self) -> bool:
        """True when the goal's status rests on the criterion (not context)."""
        return self.role in ("test", "main")

    @property
    def main(self) -> bool:
        """True for the part a goal chiefly rests on (role ``main``)."""
        return self.role == "main"

    @property
    def judged(self) -> bool:
        """True when the criterion has a comparison (a context row may only show values)."""
        return self.comparison is not None

    @property
    def upward(self) -> bool:
        """True when a higher value is better (increase, at_least)."""
        return self.direction in ("increase", "at_least")

    @property
    def series_key(self) -> tuple[str | None, str | None, str | None]:
        return (self.indicator, self.scope, self.period)


def _text(value: object) -> str | None:
    return None if is_missing(value) else str(value)


def _integer(value: object) -> int | None:
    number = number_or_none(value)
    return None if number is None else int(number)


def parse_rules(
    frame: pd.DataFrame, indicators: pd.DataFrame, *, file: str = RULES_FILE
) -> dict[str, tuple[Criterion, ...]]:
    """Criteria by goal id, in criterion order, checked for consistency.

    ``frame`` is the loaded goal_rules table, ``indicators`` the loaded indicators table
    (every measurable criterion must name an (indicator, scope) that has values).
    Inconsistent rows raise :class:`DataError` naming ``file`` and the row's line number.
    """
    periods = _periods_by_year(indicators)
    by_goal: dict[str, list[tuple[int, Criterion]]] = {}
    for line, record in zip(row_lines(frame), frame.to_dict("records"), strict=True):
        criterion = Criterion(
            goal_id=str(record["goal_id"]),
            number=int(record["criterion"]),
            indicator=_text(record["indicator"]),
            scope=_text(record["scope"]),
            period=_text(record["period"]),
            comparison=_text(record["comparison"]),
            direction=_text(record["direction"]),
            threshold=number_or_none(record["threshold"]),
            base_year=_integer(record["base_year"]),
            target_year=_integer(record["target_year"]),
            horizon=_text(record["horizon"]),
            max_lag=_integer(record["max_lag"]) or 0,
            subject=_text(record["subject"]) or "",
            rule_text=str(record["rule_text"]),
            note=_text(record["note"]),
            role=_text(record.get("role")) or "test",
        )
        _check(criterion, record, line, periods, file)
        by_goal.setdefault(criterion.goal_id, []).append((line, criterion))
    result = {}
    for goal_id, rows in by_goal.items():
        _check_goal(goal_id, rows, file)
        result[goal_id] = tuple(sorted((c for _, c in rows), key=lambda c: c.number))
    return result


def _check_goal(goal_id: str, rows: list[tuple[int, Criterion]], file: str) -> None:
    """A goal's rows fit together: an unmeasurable goal has one row; some row is a test."""
    if len(rows) > 1 and any(not c.measurable and c.tested for _, c in rows):
        line = next(line for line, c in rows if not c.measurable and c.tested)
        raise DataError(
            file,
            "att ett mål utan indikator (kan inte bedömas) bara har en rad",
            row=line,
            column="indicator",
            found=goal_id,
        )
    if not any(c.tested for _, c in rows):
        raise DataError(
            file,
            "att målet har minst en prövande rad (role tom, test eller main)",
            row=rows[0][0],
            column="role",
            found=goal_id,
        )


def validate_rules(ds: Dataset) -> dict[str, tuple[Criterion, ...]]:
    """The criteria of the data folder's goal_rules.csv (see :func:`parse_rules`).

    Raises :class:`DataError` naming ``ds.data_dir / "goal_rules.csv"``, with the row's
    line number and column, for a missing file or an inconsistent row.
    """
    file = str(ds.data_dir / RULES_FILE)
    table = ds.tables.get("goal_rules")
    if table is None:
        raise DataError(file, "att filen finns (målens bedömningsregler)")
    return parse_rules(table, ds.indicators, file=file)


def period_expectation(c: Criterion, year: int) -> str:
    """What a criterion's period must do in a ``year`` with several rows (Swedish)."""
    return f"en period som väljer ett av värdena för {c.indicator} ({c.scope}) {year}"


def _periods_by_year(indicators: pd.DataFrame) -> dict[tuple[str, str], dict[int, list[str]]]:
    """(indicator, scope) → year → the periods of that year's rows ("" for none)."""
    periods: dict[tuple[str, str], dict[int, list[str]]] = {}
    columns = ("indicator", "scope", "year", "period")
    for indicator, scope, year, period in zip(*(indicators[c] for c in columns), strict=True):
        years = periods.setdefault((indicator, scope), {})
        years.setdefault(int(year), []).append(_text(period) or "")
    return periods


def _check(c: Criterion, record: dict, line: int, periods: dict, file: str) -> None:
    def fail(column: str, expected: str) -> NoReturn:
        value = record.get(column)
        found = None if _text(value) is None else value
        raise DataError(file, expected, row=line, column=column, found=found)

    if c.role not in ROLES:
        fail("role", "ett av " + ", ".join(ROLES) + " eller tomt")
    if not c.measurable:
        for column in _MEASURE_COLUMNS:
            if _text(record.get(column)) is not None:
                fail(column, "en tom cell när indikator saknas (delen kan inte mätas)")
        if c.role not in ("test", "context"):
            fail("role", "context (en del av målet som inte kan mätas) eller tomt")
        return
    shown_only = not c.tested and all(
        _text(record[column]) is None for column in ("comparison", "direction", "horizon")
    )
    required = ("scope", "subject") if shown_only else _JUDGED_COLUMNS
    for column in required:
        if _text(record[column]) is None:
            fail(column, "ett värde när indikator är angiven")
    _check_series(c, periods, fail)
    if not shown_only:
        _check_comparison(c, fail)


_JUDGED_COLUMNS = ("scope", "comparison", "direction", "horizon", "subject")
Fail = Callable[[str, str], NoReturn]


def _check_series(c: Criterion, periods: dict, fail: Fail) -> None:
    """The criterion's (indicator, scope, period) names one value per year."""
    years = periods.get((c.indicator, c.scope))
    if years is None:
        fail("scope", f"ett scope som har värden för indikatorn {c.indicator} i indicators.csv")
    if c.period is not None and not any(c.period in found for found in years.values()):
        fail("period", f"en period som finns för {c.indicator} ({c.scope}) i indicators.csv")
    for year, found in sorted(years.items()):
        if len(found) > 1 and c.period not in found and "" not in found:
            fail("period", period_expectation(c, year))


def _check_comparison(c: Criterion, fail: Fail) -> None:
    """Comparison, direction, horizon, threshold and years fit together."""
    comparison = str(c.comparison)
    if comparison not in _DIRECTIONS_OF:
        fail("comparison", "ett av " + ", ".join(COMPARISONS))
    if c.direction not in _DIRECTIONS_OF[comparison]:
        fail("direction", "ett av " + ", ".join(_DIRECTIONS_OF[comparison]))
    if c.horizon not in _HORIZONS_OF[comparison]:
        fail("horizon", "ett av " + ", ".join(_HORIZONS_OF[comparison]))
    if c.comparison == "level" and c.threshold is None:
        fail("threshold", "en nivå (threshold) för jämförelsen level")
    if c.comparison != "level" and c.threshold is not None and c.threshold < 0:
        fail("threshold", "en förändringens minsta storlek, noll eller större")
    if (c.comparison == "base") != (c.base_year is not None):
        fail("base_year", "ett basår för jämförelsen base och bara där")
    if (c.horizon == "target_year") != (c.target_year is not None):
        fail("target_year", "ett målår för horisonten target_year och bara där")
    if c.base_year is not None and c.target_year is not None and c.target_year <= c.base_year:
        fail("target_year", f"ett målår efter basåret {c.base_year}")
    if c.max_lag < 0:
        fail("max_lag", "ett antal år, noll eller större")
