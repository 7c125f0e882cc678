"""Present stage: chapter 01, "Året på en sida" (the year on one printed page).

What a politician reads first: the year's result with the report's own reason, the
deviation per unit, the result bridge in brief, the board's key figures beside the earlier
years, the goals and the report's assessments in a few sentences, and the granskning's most
important deviations (:func:`ksanalys.present.chapters.granskning.check_summary`). Each
function returns its heading with its content, or nothing when it has nothing to say. The
chapters detail what the summary says; no sentence here is repeated in them.
"""

from __future__ import annotations

import math

import pandas as pd

from ksanalys.compute import one_off
from ksanalys.compute.bridge import LINE, UNLINED, result_bridge
from ksanalys.compute.costs import explanations
from ksanalys.compute.figures import income_statement
from ksanalys.compute.goals import area_contrasts, differing_pairs
from ksanalys.compute.net_costs import net_cost_parts
from ksanalys.present.chapters.context import Analysis, Section, Text
from ksanalys.present.chapters.personal_och_mal import (
    area_differing,
    directions,
    measured_for,
)
from ksanalys.present.columns import column
from ksanalys.present.tables import ColumnFormat, display_table
from ksanalys.present.text import goals as goals_text
from ksanalys.present.text.goal_counts import direction_clause
from ksanalys.present.text.net_costs import key_figures_note
from ksanalys.present.text.summary import (
    Driver,
    ahead_sentences,
    area_sentence,
    drivers_sentence,
    goals_sentence,
    message_sentences,
    result_sentence,
)
from ksanalys.present.text.words import paragraph
from ksanalys.values import is_missing

__all__ = ["geh_table", "goals_summary", "key_figures_table", "year_result"]

BRIDGE_STEPS = (3, 1)  # the steps named in the brief bridge: largest down, largest up
GEH_WORD_GAP = "padding-left: 2em"  # between a GEH area's long label and the bokslut's word


def _printed_results(analysis: Analysis) -> pd.Series:
    return income_statement(analysis.dataset).set_index("year")["result"]


def year_result(analysis: Analysis) -> object:
    """The year's result in a few short sentences (review r8 B3, D): the cautious message
    first (the result, that the bokslut does not say how much lasts, the result without its
    temporary causes), the next year (savings, the lasting deficit), then what moved it
    since the previous year, pointing to Ekonomi for the rest."""
    year = analysis.year
    results = _printed_results(analysis)
    result = results.get(year, math.nan)
    total = analysis.figures.total
    if is_missing(result):
        result = total.get("deviation_tkr")
    if is_missing(result):
        return Section(())
    message = _message(analysis, float(result))
    if not message:
        previous = results.get(year - 1, math.nan)
        grant = total.get("grant")
        message = [
            result_sentence(
                year,
                float(result),
                None if is_missing(grant) else float(grant),
                None if is_missing(previous) else (year - 1, float(previous)),
            )
        ]
    return Text("## Resultat\n\n" + paragraph([*message, _bridge(analysis)]))


def _message(analysis: Analysis, printed: float) -> list[str]:
    """The message and the next year, from the reading of what lasts
    (:mod:`ksanalys.compute.one_off`); [] where the data hold none."""
    ds, year = analysis.dataset, analysis.year
    steps = one_off.result_without_one_offs(ds, year)
    if steps.empty:
        return []
    interval = steps.iloc[-1]
    board = ds.organisation.board_id
    reasons = explanations(ds, year, "deviation", board)
    reason = str(reasons["quote"].iloc[0]) if not reasons.empty else ""
    kinds = one_off.surplus_by_kind(ds, year)
    lasting = kinds[kinds["kind"] == one_off.LASTING]
    genitive, deficit = "", math.nan
    if len(lasting) == 1:
        unit = ds.organisation.unit(str(lasting["unit_id"].iloc[0]))
        genitive, deficit = unit.genitive or "", float(lasting["deviation"].iloc[0])
    return [
        *message_sentences(
            ds.organisation.board.name,
            printed,
            reason,
            float(interval["low"]),
            float(interval["high"]),
            one_off.board_causes_partly(ds, year),
        ),
        *ahead_sentences(year, one_off.savings_ahead(ds, board, year), genitive, deficit),
    ]


def _bridge(analysis: Analysis) -> str:
    bridge = result_bridge(analysis.dataset, analysis.year)
    steps = bridge[bridge["kind"].isin([LINE, UNLINED])]
    if steps.empty:
        return ""
    drivers = [
        Driver(
            "" if row["kind"] == UNLINED else str(row["line"]),
            float(row["effect"]),
            cost=bool(min(row["value_prev"], row["value"]) < 0),
        )
        for _, row in steps.iterrows()
    ]
    down_count, up_count = BRIDGE_STEPS
    down = sorted((d for d in drivers if d.effect < 0), key=lambda d: d.effect)[:down_count]
    up = sorted((d for d in drivers if d.effect > 0), key=lambda d: -d.effect)[:up_count]
    return drivers_sentence(analysis.year - 1, down, up)


def key_figures_table(analysis: Analysis) -> Section:
    """The board's key figures per year, up to the analysis's year, as printed, with a note
    on what the net cost holds beside the resultaträkning's and how to read the K/I-tal."""
    printed_result = _printed_results(analysis)
    rows = []
    for year, kf in analysis.key_figures.items():
        total = kf.total
        result = printed_result.get(year, math.nan)
        if is_missing(result):
            result = total.get("deviation_tkr")
        grant = total.get("grant")
        rows.append(
            {
                "year": str(year),
                "net_cost": total.get("net_cost"),
                "grant": grant,
                "result": result,
                "share": math.nan if is_missing(grant) or not grant else 100 * result / grant,
                "growth_pct": total.get("growth_pct"),
                "ki": kf.ratios.get("ki"),
            }
        )
    frame = pd.DataFrame(rows).astype({c: "float64" for c in list(rows[0])[1:]})
    columns = {
        "year": ColumnFormat("År", "text"),
        "net_cost": column("net_cost"),
        "grant": column("grant"),
        "result": ColumnFormat("Resultat, tkr", "signed"),
        "share": ColumnFormat("Resultat, % av kommunbidraget", "percent"),
        "growth_pct": ColumnFormat("Nettokostnadsutveckling", "percent"),
        "ki": column("ki"),
    }
    table = display_table(
        frame,
        columns,
        "Nyckeltal per år, som i bokslutets tabeller (överskott positivt)",
    )
    own = analysis.figures.total.get("net_cost")
    parts = None if is_missing(own) else net_cost_parts(analysis.dataset, analysis.year, own)
    return Section((table, Text(key_figures_note(parts))))


def goals_summary(analysis: Analysis) -> object:
    """The report's GEH assessments as a small table (area, the bokslut's word) and the goals
    in a few sentences (the goals engineer's records; the chapter Personal och mål details
    them)."""
    goals = analysis.goals
    if not goals.own_goals:
        return Section(())
    geh = goals.geh[goals.geh["report_year"] == analysis.year]
    distinct = goals.distinct
    statuses = distinct["status"].dropna().value_counts()
    sentences = [
        *(goals_text.assessment_sentences(geh, analysis.year) if geh.empty else []),
        goals_sentence(
            {str(k): int(v) for k, v in statuses.items()},
            int(distinct["status"].isna().sum()),
            len(goals.goals),
            int((goals.goals["agreement"] == "disagree").sum()),
            between=measured_for(analysis),
            pairs=differing_pairs(distinct),
            directions=direction_clause(*directions(goals), counts_only=True),
        ),
        *(
            area_sentence(
                str(r.area),
                r.n_goals,
                r.statuses,
                str(r.report_assessment),
                area_differing(analysis, r.n_differing),
            )
            for r in area_contrasts(goals).itertuples()
        ),
    ]
    items: list[object] = [Text("## Mål och bedömningar")]
    if not geh.empty:
        items.append(geh_table(geh, analysis.year))
    text = paragraph(sentences)
    if text:
        items.append(Text(text))
    return Section(tuple(items)) if len(items) > 1 else Section(())


def geh_table(geh: pd.DataFrame, year: int) -> object:
    """The bokslut's GEH assessment as printed: one row per area with its word (``geh``
    columns: area, assessment; data text, escaped by the table)."""
    frame = pd.DataFrame(
        {"area": geh["area"].astype(str), "report_assessment": geh["assessment"].astype(str)}
    )
    columns = {"area": column("area"), "report_assessment": column("report_assessment")}
    table = display_table(frame, columns, f"Bokslutets samlade GEH-bedömning {year}")
    # The areas are long labels ("Sammanfattande lägesbedömning kommunen som arbetsgivare"):
    # the word beside them keeps a gap of its own, also at print size (review r8 B7).
    word = columns["report_assessment"].label
    gap = [{"selector": cell, "props": GEH_WORD_GAP} for cell in ("th", "td")]
    table.set_table_styles({word: gap}, overwrite=False)
    return table
