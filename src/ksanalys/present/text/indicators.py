"""Present stage: sentences about indicator values (personnel, goals' series)."""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd

from ksanalys.present import swedish
from ksanalys.present.text.check import indicator_key
from ksanalys.present.text.goals import value_at
from ksanalys.present.text.words import capitalize, join_words, lower_first
from ksanalys.values import decimals_needed, is_missing, round_half_up, to_decimal

__all__ = ["derived_cell", "indicator_sentence", "indicator_story", "series_subject"]


def series_subject(subject: object, where: str | None) -> str:
    """A series as the subject of a sentence: the indicator's words (indicator_meta.csv
    ``subject``) and where it is measured (``where`` of units.csv or scopes.csv):
    "sjukfrånvaron" + "på kontoret" → "sjukfrånvaron på kontoret" ("" when either is not
    known). A share's place goes right after its noun, before the clause that says who:
    "andelen som anser …" + "på kontoret" → "andelen på kontoret som anser …"."""
    if not (isinstance(subject, str) and subject and where):
        return ""
    noun, _, rest = subject.partition(" ")
    if rest.startswith("som "):
        return f"{noun} {where} {rest}"
    return f"{subject} {where}"


def derived_cell(cell: str, now: float, change: float, decimals: int) -> str:
    """A table cell of a value the bokslut gives only as a change, with the figures it is
    calculated from: "80 % (beräknat: 85 − 5)" for "ökat med 5 procentenheter till 85"."""
    now_text = swedish.format_number(now, decimals)
    change_text = swedish.format_number(abs(change), decimals)
    sign = "−" if change >= 0 else "+"
    return f"{cell} (beräknat: {now_text} {sign} {change_text})"


def indicator_sentence(
    label: str,
    unit: str,
    year: int,
    value: float,
    previous: float | None = None,
    previous_year: int | None = None,
    scope: str | None = None,
    subject: str | None = None,
) -> str:
    """One indicator's value and its change from an earlier year, as a controller writes it:
    "Sjukfrånvaron i kommunen ökade med 0,74 procentenheter, från 6,39 procent 2012 till
    7,13 procent 2013."

    ``subject`` is the indicator as the subject of a sentence ("sjukfrånvaron i kommunen");
    without it the label and the scope are used ("Sjukfrånvaro (kommunen)"). For unit
    "procent" the change is in procentenheter; otherwise in the indicator's unit. A value
    without a unit word carries its year in parentheses ("från 35 (2011) till 31 (2013)").
    """
    decimals = decimals_needed([value, previous])
    who = capitalize(subject) if subject else f"{label}" + (f" ({scope})" if scope else "")
    shown = value_at(value, unit, year, decimals)
    if is_missing(previous) or previous_year is None:
        return f"{who} var {shown}."
    change = to_decimal(value) - to_decimal(previous)
    if round_half_up(change, decimals).is_zero():
        return f"{who} var {shown}, samma nivå som {previous_year}."
    verb = "ökade" if change > 0 else ("sjönk" if unit in ("procent", "index") else "minskade")
    size = (
        swedish.format_pp(abs(change), decimals)
        if unit == "procent"
        else swedish.format_change_size(abs(change), unit, decimals)
    )
    before = value_at(float(previous), unit, previous_year, decimals)
    return f"{who} {verb} med {size}, från {before} till {shown}."


def _other_printing(
    printed: Mapping[str, str],
    series: tuple[str, str],
    year: int,
    period: str,
    refer: Mapping[tuple[str, str], str],
) -> str:
    """What the report printed instead for a series' value of ``year``, or where that is
    discussed (``refer``); "" when it printed nothing else."""
    indicator, scope = series
    notes = [
        printed.get(indicator_key(kind, indicator, scope, year, period))
        for kind in ("indicator", "indicator_change")
    ]
    shown = [n for n in notes if n]
    if not shown:
        return ""
    if series in refer:
        return refer[series]
    return f"På ett annat ställe i bokslutet anges {join_words(shown)} för {year}."


def indicator_story(
    values: pd.DataFrame,
    year: int,
    printed: Mapping[str, str] | None = None,
    refer: Mapping[tuple[str, str], str] | None = None,
    *,
    noted_only: bool = False,
) -> list[str]:
    """One sentence per indicator series about ``year`` and the latest earlier value.

    ``values`` columns: indicator, scope, label (Swedish, capitalised), scope_label
    (Swedish, or "" for none), unit, year, value, and optionally subject (the series as the
    subject of a sentence, "" for none); one row per series and year (years after ``year``
    are ignored). The series without a value for ``year`` are named in one last sentence.
    ``printed`` (see :func:`report_differences`) adds what the report printed instead;
    ``refer`` ((indicator, scope) → a sentence) says instead where that is discussed.
    ``noted_only``: only the series with such a note, and no sentence on missing values
    (for a page that shows the values in a table beside the sentences).
    """
    printed = printed or {}
    refer = refer or {}
    sentences: list[str] = []
    missing: list[str] = []
    for (indicator, scope), series in values.groupby(["indicator", "scope"], sort=False):
        series = series[series["year"] <= year].sort_values("year")
        if series.empty:
            continue
        first = series.iloc[0]
        label, scope_label = str(first["label"]), str(first["scope_label"]) or None
        subject = first.get("subject") if isinstance(first.get("subject"), str) else None
        current = series[series["year"] == year]
        if current.empty:
            where = f" ({scope_label})" if scope_label else ""
            about = subject or f"{lower_first(label)}{where}"
            missing.append(about)
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
            subject or None,
        )
        period = current["period"].iloc[0] if "period" in current.columns else ""
        other = _other_printing(printed, (indicator, scope), year, period, refer)
        if other or not noted_only:
            sentences.append(f"{sentence} {other}" if other else sentence)
    if missing and not noted_only:
        sentences.append(f"För {year} saknas uppgift om {join_words(missing)}.")
    return sentences
