"""Present stage: sentences about indicator values (personnel, goals' series)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

import pandas as pd

from ksanalys.present import swedish
from ksanalys.present.text.check import indicator_key
from ksanalys.present.text.economy import _change_words
from ksanalys.present.text.words import join_words, lower_first
from ksanalys.values import is_missing

__all__ = ["decimals_of", "indicator_sentence", "indicator_story"]


def indicator_sentence(
    label: str,
    unit: str,
    year: int,
    value: float,
    previous: float | None = None,
    previous_year: int | None = None,
    scope: str | None = None,
) -> str:
    """One indicator's value and its change from an earlier year.

    For unit "procent" the change is in procentenheter; otherwise in the indicator's unit.
    """
    decimals = _indicator_decimals(value, previous)
    where = f" ({scope})" if scope else ""
    shown = swedish.format_quantity(value, unit, decimals)
    if previous is None or is_missing(previous) or previous_year is None:
        return f"{label}{where} var {shown} {year}."
    change = float(value) - float(previous)
    if round(change, decimals) == 0:
        return f"{label}{where} var {shown} {year}, samma nivå som {previous_year}."
    word = _change_words(change)
    size = (
        swedish.format_pp(abs(change), decimals)
        if unit == "procent"
        else swedish.format_quantity(abs(change), unit, decimals)
    )
    return (
        f"{label}{where} har {word} med {size} från "
        f"{swedish.format_quantity(previous, unit, decimals)} {previous_year} till {shown} {year}."
    )


def decimals_of(values: Iterable[float]) -> int:
    """The decimals (at most two) needed to show ``values`` as given: 6.39 → 2, 83.0 → 0."""
    return _indicator_decimals(*values)


def _indicator_decimals(*values: float | None) -> int:
    decimals = 0
    for value in values:
        if value is None or is_missing(value):
            continue
        text = repr(float(value))
        if "." in text and not text.endswith(".0"):
            decimals = max(decimals, min(2, len(text.split(".")[1])))
    return decimals


def indicator_story(
    values: pd.DataFrame, year: int, printed: Mapping[str, str] | None = None
) -> list[str]:
    """One sentence per indicator series about ``year`` and the latest earlier value.

    ``values`` columns: indicator, scope, label (Swedish, capitalised), scope_label
    (Swedish, or "" for none), unit, year, value; one row per series and year (years after
    ``year`` are ignored). A series without a value for ``year`` is said to lack one.
    ``printed`` (see :func:`report_differences`) adds what the report printed instead.
    """
    printed = printed or {}
    sentences = []
    for (indicator, scope), series in values.groupby(["indicator", "scope"], sort=False):
        series = series[series["year"] <= year].sort_values("year")
        if series.empty:
            continue
        first = series.iloc[0]
        label, scope_label = str(first["label"]), str(first["scope_label"]) or None
        current = series[series["year"] == year]
        if current.empty:
            where = f" ({scope_label})" if scope_label else ""
            sentences.append(f"Uppgift om {lower_first(label)}{where} saknas för {year}.")
            continue
        earlier = series[series["year"] < year]
        previous = earlier.iloc[-1] if not earlier.empty else None
        sentence = indicator_sentence(
            label,
            str(first["unit"]),
            year,
            float(current["value"].iloc[0]),
            None if previous is None else float(previous["value"]),
            None if previous is None else int(previous["year"]),
            scope_label,
        )
        period = current["period"].iloc[0] if "period" in current.columns else ""
        notes = [
            printed.get(indicator_key(kind, indicator, scope, year, period))
            for kind in ("indicator", "indicator_change")
        ]
        shown = [n for n in notes if n]
        if shown:
            sentence += f" Rapporten anger på något ställe {join_words(shown)}."
        sentences.append(sentence)
    return sentences
