"""The indicator series a criterion is judged on: one value per year, with its basis.

indicators.csv may hold several rows for one year (periods such as "1 april" and
"31 december"). A criterion's ``period`` picks the row: the row with that period, else the
year's only row, else its row without a period (:func:`~.rules.parse_rules` rejects a
criterion for which none applies).

A change of ``basis`` (the definition or the year labelling) splits the series into
segments; values of different segments are never compared or fitted together.
"""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from ksanalys.errors import DataError

from .rules import RULES_FILE, Criterion, period_expectation

__all__ = [
    "SERIES_COLUMNS",
    "calculated_before",
    "criterion_series",
    "has_basis_break",
    "segment_years",
]

SERIES_COLUMNS = ("year", "period", "value", "unit", "basis", "segment", "source", "note")


def criterion_series(indicators: pd.DataFrame, criterion: Criterion) -> pd.DataFrame:
    """The criterion's series: columns :data:`SERIES_COLUMNS`, one row per year, sorted.

    ``period`` and ``basis`` are "" where indicators.csv leaves them blank; ``segment``
    counts the basis changes before each year (0 for the first segment).
    """
    rows = indicators.loc[
        (indicators["indicator"] == criterion.indicator) & (indicators["scope"] == criterion.scope)
    ]
    chosen = []
    for year, group in rows.groupby("year", sort=True):
        periods = group["period"].fillna("")
        if criterion.period is not None and (periods == criterion.period).any():
            pick = group.loc[periods == criterion.period]
        elif len(group) == 1:
            pick = group
        elif (periods == "").any():
            pick = group.loc[periods == ""]
        else:
            raise DataError(
                RULES_FILE,
                period_expectation(criterion, int(year)),
                column="period",
                found=criterion.period,
            )
        chosen.append(pick.iloc[0])
    frame = pd.DataFrame(
        {
            "year": pd.Series([int(r["year"]) for r in chosen], dtype="int64"),
            "period": pd.Series([_blank(r["period"]) for r in chosen], dtype="str"),
            "value": pd.Series([float(r["value"]) for r in chosen], dtype="float64"),
            "unit": pd.Series([str(r["unit"]) for r in chosen], dtype="str"),
            "basis": pd.Series([_blank(r["basis"]) for r in chosen], dtype="str"),
            "source": pd.Series([str(r["source"]) for r in chosen], dtype="str"),
            "note": pd.Series([_blank(r["note"]) for r in chosen], dtype="str"),
        }
    )
    changes = (frame["basis"] != frame["basis"].shift()).astype("int64")
    segment = changes.cumsum() - 1 if len(frame) else changes
    frame.insert(5, "segment", segment.astype("int64"))
    return frame


def _blank(value: object) -> str:
    return value if isinstance(value, str) else ""


def has_basis_break(series: pd.DataFrame) -> bool:
    """True when the series changes basis (definition or year labelling) somewhere."""
    return series["segment"].nunique() > 1


def segment_years(series: pd.DataFrame) -> list[tuple[int, int, str]]:
    """(first year, last year, basis) of each segment, in order."""
    return [
        (int(group["year"].min()), int(group["year"].max()), str(group["basis"].iloc[0]))
        for _, group in series.groupby("segment", sort=True)
    ]


def calculated_before(
    criteria: Sequence[Criterion], calculated: pd.DataFrame | None, year: int
) -> tuple[tuple[str, float, str, float, float], ...]:
    """(subject, value, unit, value now, change) of each value of the year before ``year``
    that ``calculated`` (:func:`ksanalys.compute.derived.values_from_changes`) gives for a
    series of ``criteria``."""
    if calculated is None or calculated.empty:
        return ()
    found = []
    for c in criteria:
        rows = calculated[
            (calculated["indicator"] == c.indicator)
            & (calculated["scope"] == c.scope)
            & (calculated["year"] == year - 1)
        ]
        found += [
            (c.subject, float(r.value), str(r.unit), float(r.now), float(r.change))
            for r in rows.itertuples()
        ]
    return tuple(dict.fromkeys(found))
