"""Present stage: the sections of chapter 02 Ekonomi that explain the result — how it moved
from the previous year (per unit, deriving what the report does not print), the bridge
line by line (table and waterfall), what the report calls temporary and lasting, and the
balance sheet read as a controller reads it.

Only the analysis's own report year is explained: a year without its own report gets
nothing here (the functions return an empty :class:`Section`), never a "data saknas"
sentence.
"""

from __future__ import annotations

import math

import pandas as pd

from ksanalys.compute import balance as balance_data
from ksanalys.compute import bridge as bridge_data
from ksanalys.compute import costs as cost_data
from ksanalys.compute import derived, one_off
from ksanalys.compute import quotes as quote_rules
from ksanalys.compute.quotes import names_unused_grant
from ksanalys.load.schema import BOARD_LEVEL
from ksanalys.present import plots, swedish
from ksanalys.present.chapters.context import Analysis, Section, Text
from ksanalys.present.chapters.economy_sections import (
    economy_reasons,
    section_text,
    source_names,
)
from ksanalys.present.columns import column
from ksanalys.present.plots import economy as economy_plots
from ksanalys.present.plots.policy import ChartRefused
from ksanalys.present.tables import ColumnFormat, display_table
from ksanalys.present.text import balance as balance_text
from ksanalys.present.text import economy
from ksanalys.present.text import result as result_text
from ksanalys.present.text.markup import escape
from ksanalys.present.text.words import join_words, lower_first, paragraph

__all__ = [
    "balance_text_items",
    "bridge_figure",
    "bridge_table",
    "bridge_text",
    "one_off_table",
    "one_off_text",
    "result_derivation",
    "result_table",
    "result_text_items",
]


def _own_report(analysis: Analysis) -> bool:
    return analysis.year in analysis.dataset.report_years


def _results(analysis: Analysis) -> pd.DataFrame:
    """:func:`ksanalys.compute.derived.unit_results` with the board under its label."""
    frame = derived.unit_results(analysis.dataset, analysis.year)
    if frame.empty:
        return frame
    board = frame["level"] == BOARD_LEVEL
    return frame.assign(unit=frame["unit"].where(~board, str(analysis.figures.total["unit"])))


def result_text_items(analysis: Analysis) -> Text | Section:
    """The result against the previous year: the board's, what moved it at the top, each
    unit's (derived where the report prints none, said how), the units' net-cost change
    and the report's words on it."""
    results = _results(analysis)
    if not _own_report(analysis) or results.empty:
        return Section(())
    total = analysis.figures.total
    grant_change = total.get("grant", math.nan) - total.get("grant_prev", math.nan)
    top = result_text.result_change_sentences(
        analysis.year, results, grant_change, total.get("growth_tkr", math.nan)
    )
    reasons = economy_reasons(analysis, analysis.year)
    units = [
        economy.units_growth_sentence(
            analysis.year, analysis.figures.units, analysis.year - 1 in analysis.dataset.years
        ),
        reasons["units_growth"],
    ]
    derived_any = (results["how_prev"] != derived.PRINTED) & results["result_prev"].notna()
    pointer = result_text.derivation_pointer(analysis.year) if derived_any.any() else ""
    real = ""
    board = analysis.organisation.board_id
    said = cost_data.explanations(analysis.dataset, analysis.year, "growth", board)
    if any(quote_rules.names_price_rise(quote) for quote in said["quote"]):
        real = result_text.real_change_sentence(
            total.get("grant_change_pct", math.nan), total.get("growth_pct", math.nan)
        )
    blocks = [
        paragraph([*top[:2], reasons["growth"], real]),
        paragraph([*top[2:], pointer, *units]),
    ]
    return section_text("result", "\n\n".join(block for block in blocks if block))


def result_table(analysis: Analysis, *, how: bool = False) -> object:
    """Each unit's and the board's result, previous year and this; with ``how`` (the
    annex's table, :func:`result_derivation`) a column says how the previous year's figure
    was found."""
    results = _results(analysis)
    if not _own_report(analysis) or results.empty or results["result_prev"].isna().all():
        return Section(())
    year = analysis.year
    columns = {
        "unit": ColumnFormat("Enhet", "text"),
        "result_prev": column("result_prev", year),
        "result": column("result_year", year),
        "change": column("change"),
    }
    frame = results
    if how:
        units = results.iloc[:-1]
        labels = dict(zip(units["unit_id"], units["unit"], strict=True))
        frame = results.assign(
            how=[
                result_text.derived_words(
                    code, [str(label) for i, label in labels.items() if i != uid]
                )
                for code, uid in zip(results["how_prev"], results["unit_id"], strict=True)
            ]
        )
        columns = {
            **dict(list(columns.items())[:2]),
            "how": ColumnFormat(f"Resultat {year - 1}: underlag", "text"),
            **dict(list(columns.items())[2:]),
        }
    return display_table(
        frame,
        columns,
        f"Resultat per enhet {swedish.year_span(year - 1, year)} (överskott positivt)",
        strong_rows=list(frame["level"] == BOARD_LEVEL),
    )


def result_derivation(analysis: Analysis) -> Section:
    """For the annex: how each unit's previous-year result the report does not print was
    found, and the table of results with that column; nothing where none is derived."""
    results = _results(analysis)
    if not _own_report(analysis) or results.empty:
        return Section(())
    owner = derived.balance_sheet_unit(analysis.dataset, analysis.year)
    owner_result = results.loc[results["unit_id"] == owner, "result"]
    how = result_text.derivation_sentences(
        analysis.year,
        results,
        str(results.loc[results["unit_id"] == owner, "unit"].iloc[0]) if owner else "",
        float(owner_result.iloc[0]) if not owner_result.empty else math.nan,
    )
    if not how:
        return Section(())
    heading = f"## {result_text.derivation_heading(analysis.year)}"
    return Section((Text(f"{heading}\n\n{paragraph(how)}"), result_table(analysis, how=True)))


def _bridge(analysis: Analysis) -> pd.DataFrame:
    if not _own_report(analysis):
        return pd.DataFrame(columns=list(bridge_data.BRIDGE_COLUMNS))
    return bridge_data.result_bridge(analysis.dataset, analysis.year)


def bridge_text(analysis: Analysis) -> Text | Section:
    """What the bridge shows, its largest steps and the amounts on no line."""
    bridge = _bridge(analysis)
    if bridge.empty:
        return Section(())
    unlined = bridge_data.unlined_sums(analysis.dataset, analysis.year)
    likely = bridge_data.likely_lines(analysis.dataset, analysis.year, analysis.check_result)
    return section_text(
        "bridge",
        paragraph(result_text.bridge_sentences(analysis.year, bridge, unlined, likely)),
    )


def _step_label(row: pd.Series, year: int) -> str:
    if row["kind"] == bridge_data.START:
        return f"Resultat {year - 1}"
    if row["kind"] == bridge_data.END:
        return f"Resultat {year}"
    if row["kind"] == _UNPLACED:
        return result_text.UNPLACED_LABEL
    return str(row["line"])


_STEPS = (bridge_data.LINE, bridge_data.UNLINED, bridge_data.ROUNDING)
_GAPS = (bridge_data.UNLINED, bridge_data.ROUNDING)
_CHANGE, _UNPLACED = "change", "unplaced"


def _bridge_rows(analysis: Analysis) -> pd.DataFrame:
    """The bridge as the table and the waterfall both show it, one row per step: the
    previous result, each line, one row (kind :data:`_UNPLACED`) for every printed sum's
    gap and the rounding together (review r9 C: one bar, the text gives the split), the
    change (kind :data:`_CHANGE`, the table's only) and this year's result. Columns: kind,
    label (the reader's), value_prev, value, effect, neutral (the gaps: no line of their
    own). Empty for a year without its own report."""
    bridge = _bridge(analysis)
    if bridge.empty:
        return pd.DataFrame(columns=["kind", "label", "value_prev", "value", "effect", "neutral"])
    year = analysis.year
    steps = bridge[bridge["kind"].isin(_STEPS)]
    gaps = bridge["kind"].isin(_GAPS)
    merged = [
        {
            "kind": _UNPLACED,
            "line": "",
            "value_prev": math.nan,
            "value": math.nan,
            "effect": math.fsum(bridge.loc[gaps, "effect"]),
        }
    ][: int(gaps.any())]
    change = {
        "kind": _CHANGE,
        "line": "Förändring av resultatet",
        "value_prev": math.nan,
        "value": math.nan,
        "effect": math.fsum(steps["effect"]),
    }
    kept = bridge[~gaps]
    frame = pd.concat([kept.iloc[:-1], pd.DataFrame([*merged, change]), kept.iloc[-1:]])
    frame = frame.reset_index(drop=True)
    labels = [
        row["line"] if row["kind"] == _CHANGE else _step_label(row, year)
        for _, row in frame.iterrows()
    ]
    return frame.assign(label=labels, neutral=frame["kind"] == _UNPLACED)


def bridge_table(analysis: Analysis) -> object:
    """The bridge in tkr as printed: the previous result, each line's effect on the result
    (with the line's amounts both years), the amounts on no line, the change and this
    year's result."""
    frame = _bridge_rows(analysis)
    if frame.empty:
        return Section(())
    year = analysis.year
    columns = {
        "label": column("line"),
        "value_prev": ColumnFormat(f"{year - 1}, tkr", "tkr"),
        "value": ColumnFormat(f"{year}, tkr", "tkr"),
        "effect": ColumnFormat("Påverkan på resultatet, tkr", "signed"),
    }
    return display_table(
        frame,
        columns,
        f"Resultatet {swedish.year_span(year - 1, year)} rad för rad (tkr som i bokslutet; "
        "intäkter positiva, kostnader negativa)",
        strong_rows=list(frame["kind"].isin([bridge_data.START, bridge_data.END, _CHANGE])),
    )


def bridge_figure(analysis: Analysis) -> plots.Chart | Section:
    """The bridge as a waterfall with the table's rows (:func:`_bridge_rows`, all but the
    change): the previous result, one bar per line, one per printed sum's gap, one for
    rounding, this year's result."""
    frame = _bridge_rows(analysis)
    if frame.empty:
        return Section(())
    year = analysis.year
    shown = frame[frame["kind"] != _CHANGE]
    bars = pd.DataFrame(
        {
            "label": shown["label"],
            "value": shown["effect"].astype(float),
            "neutral": shown["neutral"].astype(bool),
        }
    )
    try:
        return economy_plots.bridge_chart(
            bars,
            title=f"Resultatet {swedish.year_span(year - 1, year)} rad för rad, tkr",
            sources=source_names(analysis.dataset, list(_bridge(analysis)["source"])),
        )
    except ChartRefused:
        return Section(())


def one_off_text(analysis: Analysis) -> Text | Section:
    """The year's result by what the report says of its causes: temporary, lasting, or
    not said."""
    if not _own_report(analysis):
        return Section(())
    ds, year = analysis.dataset, analysis.year
    rows = one_off.surplus_by_kind(ds, year)
    totals = one_off.kind_totals(ds, year)
    counted = rows[rows["unit_id"].isin(one_off.unsaid_in_interval(ds, year))]["unit"]
    names = join_words([lower_first(escape(name)) for name in counted])
    grants = rows[(rows["kind"] == one_off.ONE_OFF) & rows["kind_quotes"].map(names_unused_grant)]
    grant_names = join_words([result_text.genitive(escape(name)) for name in grants["unit"]])
    sentences = result_text.one_off_sentences(
        totals, rows, one_off.board_causes(ds, year), names, grant_names
    )
    return section_text("one_off", paragraph(sentences))


def one_off_table(analysis: Analysis) -> object:
    """Each printed row the result adds, grouped by what the report says of its cause, with
    the report's words and a subtotal per kind of more than one row; the printed total
    last."""
    if not _own_report(analysis):
        return Section(())
    ds, year = analysis.dataset, analysis.year
    rows = one_off.surplus_by_kind(ds, year)
    totals = one_off.kind_totals(ds, year)
    if rows.empty:
        return Section(())
    records: list[dict] = []
    for _, total in totals.iterrows():
        kind = total["kind"]
        label = result_text.KIND_LABELS[kind]
        for _, row in rows[rows["kind"] == kind].iterrows():
            records.append(
                {
                    "unit": row["unit"],
                    "deviation": row["deviation"],
                    "kind": label,
                    "words": row["kind_quotes"],
                    "strong": False,
                }
            )
        if total["rows"] == 1:
            continue  # a kind of one row needs no subtotal
        records.append(
            {
                "unit": result_text.kind_sum_label(kind),
                "deviation": total["deviation"],
                "kind": "",
                "words": "",
                "strong": True,
            }
        )
    records.append(
        {
            "unit": str(analysis.figures.total["unit"]),
            "deviation": math.fsum(totals["deviation"]),
            "kind": "",
            "words": "",
            "strong": True,
        }
    )
    frame = pd.DataFrame.from_records(records)
    columns = {
        "unit": ColumnFormat("Avdelning / enhet", "text"),
        "deviation": column("result_year", year),
        "kind": ColumnFormat("Analysens klassning", "text"),
        "words": ColumnFormat("Bokslutets ord", "text"),
    }
    return display_table(
        frame,
        columns,
        f"Resultat {year} efter analysens klassning av orsakerna",
        strong_rows=list(frame["strong"]),
    )


def balance_text_items(analysis: Analysis) -> Text | Section:
    """Whose balance sheet it is, negative debts read as claims, and one sentence per large
    movement."""
    if not _own_report(analysis):
        return Section(())
    ds, year = analysis.dataset, analysis.year
    movements = balance_data.balance_movements(ds, year)
    if movements.empty:
        return Section(())
    items = balance_text.balance_items(
        year, movements, balance_data.equity(movements), balance_data.balance_total(ds, year)
    )
    owner = derived.balance_sheet_unit(ds, year)
    lead = ""
    if owner is not None:
        results = _results(analysis)
        row = results[results["unit_id"] == owner].iloc[0]
        lead = balance_text.balance_owner_sentence(str(row["unit"])) + " "
    lead += balance_text.movements_lead()
    return Text(lead + "\n\n" + "\n".join(items))
