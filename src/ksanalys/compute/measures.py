"""Measures (nyckeltal) computed from unit-year figures: pure functions, no I/O.

Sign conventions (the report's, stated here once for the whole package):

- Amounts are in tkr. Net cost (nettokostnad) is positive: what a unit costs after its
  own income.
- Growth (nettokostnadsutveckling) = net_cost − net_cost_prev; positive means the costs
  grew. In percent: 100 · growth / net_cost_prev.
- Budget deviation (budgetavvikelse, "resultat") = grant − net_cost; positive is a surplus
  (överskott), negative a deficit (underskott). In percent of the budget:
  100 · deviation / grant.
- Forecast deviation = forecast − net_cost; positive means the outcome was better
  (cheaper) than the August forecast (prognos augusti).
- Result as a share of the grant = 100 · result / grant.
- Change of the grant = 100 · (grant − grant_prev) / grant_prev.
- K/I-tal = total costs / (income + grant); below 1 means a surplus.
- An indicator's change = value − value_prev in the indicator's own unit, i.e. in
  percentage points (procentenheter) for indicators measured in percent.

Every function accepts numbers, numpy arrays or pandas Series. A missing input (None,
NaN) or a zero denominator gives NaN: never an exception and never a numpy warning.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd

__all__ = [
    "INDICATOR_SERIES",
    "MEASURE_COLUMNS",
    "add_indicator_changes",
    "add_measures",
    "budget_deviation_pct",
    "budget_deviation_tkr",
    "cost_income_ratio",
    "forecast_deviation_tkr",
    "grant_change_pct",
    "growth_pct",
    "growth_tkr",
    "percentage_point_change",
    "result_share_of_grant_pct",
    "safe_divide",
]


def _numeric(value):
    """``value`` as float (scalars) or float64 (Series/arrays); None becomes NaN."""
    if isinstance(value, pd.Series):
        return pd.to_numeric(value, errors="coerce").astype("float64")
    if isinstance(value, np.ndarray):
        return value.astype("float64")
    if value is None or value is pd.NA:
        return math.nan
    return float(value)


def _scalar_or(result, *inputs):
    """Return a Python float when every input was a scalar."""
    if any(isinstance(v, pd.Series | np.ndarray) for v in inputs):
        return result
    return float(result)


def safe_divide(numerator, denominator):
    """numerator / denominator, with NaN where either is missing or the denominator is 0."""
    num, den = _numeric(numerator), _numeric(denominator)
    with np.errstate(divide="ignore", invalid="ignore"):
        quotient = num / np.where(den == 0, np.nan, den)
    if isinstance(num, pd.Series):
        quotient = pd.Series(np.asarray(quotient, dtype="float64"), index=num.index)
    elif isinstance(den, pd.Series):
        quotient = pd.Series(np.asarray(quotient, dtype="float64"), index=den.index)
    return _scalar_or(quotient, numerator, denominator)


def _difference(a, b):
    result = _numeric(a) - _numeric(b)
    return _scalar_or(result, a, b)


def growth_tkr(net_cost, net_cost_prev):
    """Net-cost growth in tkr: net_cost − net_cost_prev (positive = costs grew)."""
    return _difference(net_cost, net_cost_prev)


def growth_pct(net_cost, net_cost_prev):
    """Net-cost growth in percent of the previous year's net cost."""
    return _scalar_or(
        100 * safe_divide(growth_tkr(net_cost, net_cost_prev), net_cost_prev),
        net_cost,
        net_cost_prev,
    )


def budget_deviation_tkr(grant, net_cost):
    """Budget deviation in tkr: grant − net_cost (positive = surplus)."""
    return _difference(grant, net_cost)


def budget_deviation_pct(grant, net_cost):
    """Budget deviation in percent of the grant (NaN when the grant is 0 or missing)."""
    return _scalar_or(
        100 * safe_divide(budget_deviation_tkr(grant, net_cost), grant), grant, net_cost
    )


def forecast_deviation_tkr(forecast, net_cost):
    """forecast − net_cost (positive = outcome better than the August forecast)."""
    return _difference(forecast, net_cost)


def result_share_of_grant_pct(result, grant):
    """The result (surplus positive) in percent of the grant."""
    return _scalar_or(100 * safe_divide(result, grant), result, grant)


def grant_change_pct(grant, grant_prev):
    """Change of the grant in percent of the previous year's grant."""
    return _scalar_or(
        100 * safe_divide(_difference(grant, grant_prev), grant_prev), grant, grant_prev
    )


def cost_income_ratio(costs, income, grant):
    """K/I-tal: total costs (positive) / (income + grant)."""
    denominator = _numeric(income) + _numeric(grant)
    return _scalar_or(safe_divide(costs, denominator), costs, income, grant)


def percentage_point_change(value, value_prev):
    """value − value_prev; for values in percent this is the change in percentage points."""
    return _difference(value, value_prev)


MEASURE_COLUMNS = (
    "net_cost_prev",
    "grant_prev",
    "growth_tkr",
    "growth_pct",
    "deviation_tkr",
    "deviation_pct",
    "forecast_deviation_tkr",
    "grant_change_pct",
)


def add_measures(figures: pd.DataFrame) -> pd.DataFrame:
    """Add the measure columns to a unit-year frame.

    ``figures`` has one row per (year, unit_id) and at least the columns year, unit_id,
    net_cost, grant, forecast (as :func:`ksanalys.compute.figures.unit_figures` returns). The
    previous year's values come from the same frame's row (year − 1, unit_id); where that
    row or a value is missing the measures are NaN.

    Added columns: net_cost_prev, grant_prev, growth_tkr, growth_pct, deviation_tkr,
    deviation_pct, forecast_deviation_tkr, grant_change_pct. A copy is returned.

    With a column ``predecessors`` ('+'-joined unit_ids, as unit_figures gives it) the
    previous year's values are the sum of those units' (a renamed unit's old name, a
    merged unit's parts): growth compares like for like; NaN when one of them lacks it.
    """
    frame = figures.drop(columns=[c for c in MEASURE_COLUMNS if c in figures.columns])
    frame = frame.merge(_previous(frame), on=["year", "unit_id"], how="left", validate="1:1")
    return frame.assign(
        growth_tkr=growth_tkr(frame["net_cost"], frame["net_cost_prev"]),
        growth_pct=growth_pct(frame["net_cost"], frame["net_cost_prev"]),
        deviation_tkr=budget_deviation_tkr(frame["grant"], frame["net_cost"]),
        deviation_pct=budget_deviation_pct(frame["grant"], frame["net_cost"]),
        forecast_deviation_tkr=forecast_deviation_tkr(frame["forecast"], frame["net_cost"]),
        grant_change_pct=grant_change_pct(frame["grant"], frame["grant_prev"]),
    )


def _previous(frame: pd.DataFrame) -> pd.DataFrame:
    """year, unit_id, net_cost_prev, grant_prev: the year before's values of each row."""
    previous = frame[["year", "unit_id", "net_cost", "grant"]].assign(year=frame["year"] + 1)
    links = frame[["year", "unit_id"]].assign(
        predecessor=frame["predecessors"].str.split("+")
        if "predecessors" in frame.columns
        else frame["unit_id"].map(lambda u: [u])
    )
    links = links.explode("predecessor")
    links = links.assign(terms=links.groupby(["year", "unit_id"])["predecessor"].transform("size"))
    found = links.merge(
        previous.rename(columns={"unit_id": "predecessor"}), on=["year", "predecessor"]
    )

    def total(values: pd.Series) -> float:
        terms = found.loc[values.index, "terms"].iloc[0]
        return values.sum() if values.notna().sum() == terms else float("nan")

    summed = found.groupby(["year", "unit_id"])[["net_cost", "grant"]].agg(total)
    return summed.rename(columns={"net_cost": "net_cost_prev", "grant": "grant_prev"}).reset_index()


INDICATOR_SERIES = ("indicator", "scope", "period")


def add_indicator_changes(indicators: pd.DataFrame) -> pd.DataFrame:
    """Add value_prev and change to an indicators frame.

    A series is one (indicator, scope, period); ``value_prev`` is the value of the same
    series in year − 1 (NaN when that year is absent) and ``change`` is
    value − value_prev in the indicator's unit (percentage points for unit 'procent').
    Rows keep their order; a copy is returned.
    """
    keys = [*INDICATOR_SERIES, "year"]
    frame = indicators.drop(columns=[c for c in ("value_prev", "change") if c in indicators])
    previous = frame[[*keys, "value"]].rename(columns={"value": "value_prev"})
    previous = previous.assign(year=previous["year"] + 1)
    merged = frame.merge(previous, on=keys, how="left", validate="one_to_one")
    merged.index = frame.index
    return merged.assign(change=percentage_point_change(merged["value"], merged["value_prev"]))
