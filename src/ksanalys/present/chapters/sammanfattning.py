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

from ksanalys.compute.bridge import LINE, UNLINED, likely_lines, result_bridge, unlined_sums
from ksanalys.compute.costs import INVESTMENT_RESULT, cost_types, explanations, indicator_value
from ksanalys.compute.figures import income_statement
from ksanalys.compute.goals import area_contrasts
from ksanalys.compute.net_costs import net_cost_parts
from ksanalys.compute.quotes import CORRESPONDING, corresponds, linking_clause, linking_word
from ksanalys.load.schema import UNIT_LEVEL
from ksanalys.present.chapters.context import Analysis, Section, Text
from ksanalys.present.chapters.economy_sections import (
    economy_reasons,
    investment_subject,
    next_year_summary,
)
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
    area_sentence,
    bridge_sentences,
    caveat_clause,
    goals_sentence,
    investment_sentence,
    result_sentence,
    unit_sentence,
    unlined_sentence,
)
from ksanalys.present.text.words import paragraph
from ksanalys.values import is_missing

__all__ = ["geh_table", "goals_summary", "key_figures_table", "year_result"]

BRIDGE_STEPS = (3, 2)  # the steps named in the brief bridge: largest down, largest up
UNLINED_NOTED_TKR = 500  # a change on no line at least this large is said on the page


def _printed_results(analysis: Analysis) -> pd.Series:
    return income_statement(analysis.dataset).set_index("year")["result"]


def year_result(analysis: Analysis) -> object:
    """The year's result against budget with the report's reason, per unit, and what moved
    it since the previous year (the economy engineer's result bridge, in brief)."""
    year = analysis.year
    results = _printed_results(analysis)
    result = results.get(year, math.nan)
    total = analysis.figures.total
    if is_missing(result):
        result = total.get("deviation_tkr")
    if is_missing(result):
        return Section(())
    previous = results.get(year - 1, math.nan)
    grant = total.get("grant")
    # The message first (the result, what of it lasts, the next year), then the report's
    # reason. With the message, the key figures below give the share and the earlier year.
    message = next_year_summary(analysis)
    first = [
        message
        or result_sentence(
            year,
            float(result),
            None if is_missing(grant) else float(grant),
            None if is_missing(previous) else (year - 1, float(previous)),
        ),
        economy_reasons(analysis, year).get("deviation", ""),
    ]
    blocks = ["## Resultat", paragraph(first)]
    units = unit_sentence(_unit_deviations(analysis), analysis.organisation.level_word(UNIT_LEVEL))
    investments = indicator_value(
        analysis.dataset, INVESTMENT_RESULT, analysis.organisation.board_id, year
    )
    invested = (
        ""
        if is_missing(investments)
        else investment_sentence(year, investments, investment_subject(analysis.dataset))
    )
    # One paragraph: the page has no line to spare for the investments' own.
    blocks.append(paragraph([units, *_bridge(analysis), invested]))
    return Text("\n\n".join(b for b in blocks if b))


def _unit_deviations(analysis: Analysis) -> list[tuple[str, float, float | None]]:
    """The units' printed budget deviations: (label, deviation, grant), in printed order."""
    budget = analysis.dataset.tables["budget"]
    rows = budget[(budget["report_year"] == analysis.year) & (budget["kind"] == "line")]
    return [
        (str(r.unit), float(r.deviation), None if is_missing(r.grant) else float(r.grant))
        for r in rows.sort_values("row").itertuples()
        if not is_missing(r.deviation)
    ]


def _bridge(analysis: Analysis) -> list[str]:
    bridge = result_bridge(analysis.dataset, analysis.year)
    steps = bridge[bridge["kind"].isin([LINE, UNLINED])]
    if steps.empty:
        return []
    said = _linked_words(analysis)
    caveats = _caveats(analysis)
    drivers = [
        Driver(
            "" if row["kind"] == UNLINED else str(row["line"]),
            float(row["effect"]),
            cost=bool(min(row["value_prev"], row["value"]) < 0),
            said=said.get(str(row["line_id"]), "") if row["kind"] == LINE else "",
            caveat=caveats.get(str(row["line_id"]), "") if row["kind"] == LINE else "",
        )
        for _, row in steps.iterrows()
    ]
    down_count, up_count = BRIDGE_STEPS
    down = sorted((d for d in drivers if d.effect < 0), key=lambda d: d.effect)[:down_count]
    up = sorted((d for d in drivers if d.effect > 0), key=lambda d: -d.effect)[:up_count]
    change = float(bridge.iloc[-1]["effect"] - bridge.iloc[0]["effect"])
    # The first sentence gives both years' results, so the change is not said again here.
    sentences = bridge_sentences(change, analysis.year - 1, down, up)[1:]
    unlined = sum(d.effect for d in drivers if not d.label)
    if abs(unlined) >= UNLINED_NOTED_TKR:
        sentences.append(unlined_sentence(unlined, _likely_lines(analysis)))
    return sentences


def _likely_lines(analysis: Analysis) -> list[tuple[float, str]]:
    """This year's gaps beyond rounding of the resultaträkning's sums that the granskning
    places on a line: (gap in tkr, the line's label)."""
    likely = likely_lines(analysis.dataset, analysis.year, analysis.check_result)
    gaps = unlined_sums(analysis.dataset, analysis.year)
    return [
        (float(row["unlined"]), likely[str(row["line_id"])])
        for _, row in gaps.iterrows()
        if str(row["line_id"]) in likely and not row["rounding"]
    ]


def _caveats(analysis: Analysis) -> dict[str, str]:
    """line_id → where the report's "motsvarande" for the line does not hold against the
    previous year, the other line's change (the record the Ekonomi chapter checks)."""
    lines = cost_types(analysis.dataset, analysis.year).set_index("line_id", drop=False)
    every = explanations(analysis.dataset, analysis.year, "cost_type")
    shared = every[every.duplicated("quote", keep=False)]
    shared = shared[shared["quote"].map(linking_word) == CORRESPONDING]
    found: dict[str, str] = {}
    for _, group in shared.groupby("quote", sort=False):
        subjects = [str(s) for s in group["subject"] if str(s) in lines.index]
        if len(subjects) != 2:
            continue
        first, other = (lines.loc[s] for s in subjects)
        changes = (first["change_tkr"], other["change_tkr"])
        if any(is_missing(c) for c in changes) or corresponds(*changes):
            continue
        found[subjects[0]] = caveat_clause(analysis.year - 1, str(other["line"]), changes[1])
    return found


def _linked_words(analysis: Analysis) -> dict[str, str]:
    """line_id → the clause by which the report says a line's amount is passed on as
    another's ("motsvarande": a grant paid out again; the Ekonomi chapter's quote), for a
    passage the report gives for more than one line."""
    every = explanations(analysis.dataset, analysis.year, "cost_type")
    shared = every[every.duplicated("quote", keep=False)]
    shared = shared[shared["quote"].map(linking_word) == CORRESPONDING]
    return {
        str(row["subject"]): clause
        for _, row in shared.drop_duplicates("quote").iterrows()
        if (clause := linking_clause(str(row["quote"])))
    }


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
    return display_table(frame, columns, f"Bokslutets samlade GEH-bedömning {year}")
