"""Present stage: the sections of chapter 02 Ekonomi that explain the year — the report's
reasons beside each deviation, costs by type, investments, savings and the next year, and
the municipality's figures beside the board's.

Amounts are the printed ones (:func:`ksanalys.compute.deviations.printed_deviations`,
:func:`ksanalys.compute.costs.cost_types`); reasons are the report's quotes
(:func:`ksanalys.compute.costs.explanations`). Only the analysis's own report year is
explained: an earlier year's page never borrows a later report's reasons.
"""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from ksanalys.compute import costs as cost_data
from ksanalys.compute.deviations import printed_deviations
from ksanalys.compute.figures import BOARD
from ksanalys.load import Dataset
from ksanalys.present import plots
from ksanalys.present.chapters.context import Analysis, Section, Text
from ksanalys.present.plots import economy as economy_plots
from ksanalys.present.plots.policy import ChartRefused
from ksanalys.present.text import costs as cost_text
from ksanalys.present.text import reasons as reason_text
from ksanalys.present.text.words import paragraph

__all__ = [
    "context_text",
    "cost_change_figure",
    "cost_types_text",
    "deviation_reasons",
    "economy_reasons",
    "investments_text",
    "outlook_text",
    "savings_text",
    "source_names",
]

UNITS = ("politisk_ledning", "ks_kontor")
OFFICE = "ks_kontor"  # the unit whose departments the report lists


def source_names(ds: Dataset, source_ids: Sequence[str]) -> list[str]:
    """Source keys as the words a chart's "Källa:" line names: document title, section."""
    sources = ds.sources.set_index("source")
    titles = ds.documents.set_index("document")["title"]
    sections: dict[str, list[str]] = {}
    for key in dict.fromkeys(s.strip() for ids in source_ids for s in str(ids).split(",")):
        if key in sources.index:
            row = sources.loc[key]
            title = str(titles.get(row["document"], row["document"]))
            sections.setdefault(title, []).append(str(row["section"]))
    return [f"{title}: {'; '.join(parts)}" for title, parts in sections.items()]


def economy_reasons(analysis: Analysis, year: int) -> dict[str, str]:
    """The report's reasons for the board's figures of ``year`` (keys of
    :func:`ksanalys.present.text.economy.economy_sentences`); empty without a report."""
    ds = analysis.dataset

    def says(topic: str, subjects: Sequence[str]) -> str:
        rows = [cost_data.explanations(ds, year, topic, s) for s in subjects]
        frame = pd.concat(rows, ignore_index=True) if rows else pd.DataFrame()
        return reason_text.report_says(frame) if not frame.empty else ""

    return {
        "deviation": says("deviation", [BOARD]),
        "growth": says("growth", [BOARD]),
        "units_growth": says("growth", UNITS),
        "forecast": says("forecast", [BOARD]),
    }


def deviation_reasons(analysis: Analysis) -> Text:
    """Each unit's and department's printed deviation with the report's reason, the largest
    surplus first, one list item each."""
    frame = printed_deviations(analysis.dataset, analysis.year)
    rows = frame[frame["unit_id"] != BOARD] if not frame.empty else frame
    if rows.empty:
        return Text(
            f"Data innehåller ingen tryckt budgetuppföljning per enhet och avdelning för "
            f"{analysis.year}, och därmed inga förklaringar ur rapporten."
        )

    unexplained: list[str] = []

    def item(row: pd.Series, grant_word: str) -> str:
        reasons = cost_data.explanations(
            analysis.dataset, analysis.year, "deviation", row["unit_id"]
        )
        if reasons.empty:
            unexplained.append(row["unit"])
        return reason_text.deviation_line(
            row["unit"],
            row["deviation"],
            row["grant"],
            row["deviation_pct_printed"],
            row["deviation_pct"],
            reasons,
            grant_word,
        )

    departments = rows[rows["level"] == "avdelning"].sort_values("deviation", ascending=False)
    items = []
    for _, unit in rows[rows["level"] == "enhet"].iterrows():
        items.append("- " + item(unit, "kommunbidrag"))
        if unit["unit_id"] == OFFICE:
            items += ["  - " + item(row, "nämndbidrag") for _, row in departments.iterrows()]
    text = "\n".join(items)
    if unexplained:
        text += "\n\n" + reason_text.no_reason(unexplained)
    if any(f"({word})" in text for word in reason_text.KIND_WORDS.values()):
        text += "\n\n" + reason_text.KIND_NOTE
    return Text(text)


def deviation_figure(analysis: Analysis) -> plots.Chart | Section:
    """Budget deviation in percent of the grant for politisk ledning and the departments
    of kommunstyrelsens kontor (one level: the office itself is not beside its own
    departments), sorted, with the board's total as a reference line."""
    frame = printed_deviations(analysis.dataset, analysis.year)
    if frame.empty:
        return Section(())
    shown = frame[
        (frame["level"] == "avdelning") | (frame["unit_id"] == "politisk_ledning")
    ].dropna(subset=["deviation_pct"])
    board = frame[frame["unit_id"] == BOARD]
    reference = float(board["deviation_pct"].iloc[0]) if not board.empty else None
    try:
        return economy_plots.deviation_chart(
            shown[["unit", "deviation_pct"]],
            reference=reference,
            title=f"Budgetavvikelse {analysis.year}, avdelningar och politisk ledning",
            sources=source_names(analysis.dataset, list(frame["source"])),
        )
    except ChartRefused:
        return Section(())


def cost_types_text(analysis: Analysis) -> Text:
    """The resultaträkning's lines, largest change first, each with the change against the
    previous year and the budget and the report's words; personnel costs beside staffing."""
    ds, year = analysis.dataset, analysis.year
    lines = cost_data.cost_types(ds, year)
    intro = cost_text.cost_types_intro(year, not lines.empty)
    if lines.empty:
        return Text(intro)
    staffing = cost_text.staffing_sentence(
        cost_data.indicator_value(ds, "indragna_tjanster", BOARD, year),
        cost_data.indicator_value(ds, "farre_arsarbetare", "ks_kontor", year),
    )
    items = []
    for _, row in lines.iterrows():
        reasons = cost_data.explanations(ds, year, "cost_type", row["line_id"])
        extra = staffing if row["line_id"] == "personal" else ""
        items.append("- " + reason_text.cost_type_line(row, year, reasons, extra))
    return Text(intro + "\n\n" + "\n".join(items))


def cost_change_figure(analysis: Analysis) -> plots.Chart | Section:
    """The change of each income and cost line against the previous year, in tkr."""
    lines = cost_data.cost_types(analysis.dataset, analysis.year)
    if lines.empty:
        return Section(())
    groups = ["Intäkt" if side == cost_data.INCOME else "Kostnad" for side in lines["side"]]
    try:
        return economy_plots.change_chart(
            pd.DataFrame({"label": lines["line"], "change": lines["change_tkr"], "group": groups}),
            title=f"Intäkter och kostnader {analysis.year} jämfört med {analysis.year - 1}",
            axis_label="Förändring, tkr (ökning positiv)",
            sources=source_names(analysis.dataset, list(lines["source"])),
        )
    except ChartRefused:
        return Section(())


def investments_text(analysis: Analysis) -> Text:
    """The investment result of the year and the previous year, with the named projects."""
    ds, year = analysis.dataset, analysis.year
    return Text(
        cost_text.investment_text(
            year,
            cost_data.indicator_value(ds, "investeringar_resultat", BOARD, year),
            cost_data.indicator_value(ds, "investeringar_resultat", BOARD, year - 1),
            cost_data.explanations(ds, year, "investment"),
        )
    )


def savings_text(analysis: Analysis) -> Text:
    """The year's savings, their full-year effect next year and the report's words."""
    ds, year = analysis.dataset, analysis.year
    return Text(
        cost_text.savings_text(
            year,
            cost_data.indicator_value(ds, "besparing", BOARD, year),
            cost_data.indicator_value(ds, "besparing_helarseffekt", BOARD, year + 1),
            cost_data.explanations(ds, year, "saving"),
        )
    )


def _unit_labels(ds: Dataset, year: int) -> dict[str, str]:
    labels: dict[str, str] = {}
    for name in ("budget", "departments"):
        table = ds.tables[name]
        rows = table[table["report_year"] == year]
        labels.update(zip(rows["unit_id"], rows["unit"], strict=True))
    return labels


def outlook_text(analysis: Analysis) -> Text:
    """What the report names for the next year (changes and risks), per department."""
    ds, year = analysis.dataset, analysis.year
    labels = _unit_labels(ds, year)
    rows = cost_data.explanations(ds, year, "outlook")
    pairs = [
        (labels.get(row["subject"], row["subject"].replace("_", " ")), row)
        for _, row in rows.iterrows()
    ]
    return Text(cost_text.outlook_items(year, pairs))


def context_text(analysis: Analysis) -> Text:
    """The municipality's result, balanskravsresultat, underlying result, solvency,
    guarantees and amortisation of the year, from indicators.csv."""
    ds, year = analysis.dataset, analysis.year
    values = {
        key: cost_data.indicator_value(ds, key, scope, year)
        for key, scope in (
            ("arets_resultat", "kommunen"),
            ("balanskravsresultat", "kommunen"),
            ("underliggande_resultat", "kommunen"),
            ("soliditet", "kommunkoncernen"),
            ("borgensatagande_forandring", "kommunkoncernen"),
            ("lanskuld_amortering", "kommunkoncernen"),
        )
    }
    values["soliditet_prev"] = cost_data.indicator_value(
        ds, "soliditet", "kommunkoncernen", year - 1
    )
    return Text(paragraph(cost_text.context_sentences(year, values)))
